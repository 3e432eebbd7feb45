import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorize, userInfo } from '../rbac';
import type { K8sObject } from '../sim-api';
import { Sim } from '../sim';
import { createWorld } from './index';
import { CRDS_DIR, DEMO_SEED_DIR } from './test-helpers';

/** The demo seed must load cleanly against our CRDs and upstream's, and already be what the controllers would make. */

const UPSTREAM_CRDS = path.resolve(__dirname, '../../../../shared/crds');
const HAS_UPSTREAM = fs.existsSync(UPSTREAM_CRDS);
if (!HAS_UPSTREAM) {
  console.warn(
    `../shared not present: ${UPSTREAM_CRDS} is missing; skipping the demo seed test against upstream CRDs`,
  );
}

/** The simulated clock stands still (time scale 0), so running imports do not move during a test. */
function load(crdsDir = CRDS_DIR) {
  return new Sim({ crdsDir, seeds: [DEMO_SEED_DIR], world: createWorld, timeScale: 0 });
}

const names = (objs: K8sObject[]) => objs.map((o) => o.metadata.name).sort();
const byName = (objs: K8sObject[]) =>
  new Map(objs.map((o) => [`${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
const reasons = (o: K8sObject | undefined) =>
  Object.fromEntries(
    (o?.status?.conditions ?? []).map((c: { type: string; reason?: string }) => [c.type, c.reason]),
  );

describe('demo seed', () => {
  it('loads against our CRDs without schema warnings or pruned fields', () => {
    expect(load().seedWarnings).toEqual([]);
  });

  it.runIf(HAS_UPSTREAM)('loads against the upstream CRDs without schema warnings or pruned fields', () => {
    expect(load(UPSTREAM_CRDS).seedWarnings).toEqual([]);
  });

  it('has the documented inventory', () => {
    const { store } = load();
    expect(names(store.list('StorageClass'))).toEqual([
      'acme-fast',
      'gp3-csi',
      'hostpath-csi-basic',
      'hostpath-csi-pvc-block',
      'local-block',
      'lvms-vg1',
      'nfs-csi',
      'ocs-storagecluster-ceph-rbd',
      'ocs-storagecluster-ceph-rbd-virtualization',
      'ocs-storagecluster-cephfs',
    ]);
    const virtDefault = store
      .list('StorageClass')
      .filter((sc) => sc.metadata.annotations?.['storageclass.kubevirt.io/is-default-virt-class'] === 'true');
    const k8sDefault = store
      .list('StorageClass')
      .filter((sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
    expect(names(virtDefault)).toEqual(['ocs-storagecluster-ceph-rbd-virtualization']);
    expect(names(k8sDefault)).toEqual(['ocs-storagecluster-ceph-rbd']);
    expect(names(store.list('DataImportCron'))).toEqual([
      'centos-stream10-image-cron',
      'centos-stream9-image-cron',
      'fedora-image-cron',
      'legacy-app-image-cron',
      'rhel10-image-cron',
      'rhel9-image-cron',
      'tools-image-cron',
    ]);
    expect(names(store.list('DataVolume', 'team-a'))).toEqual([
      'acme-scratch',
      'analytics-import',
      'broken-import',
      'db-data',
      'web-clone',
      'web-root-disk',
      'win-installer-iso',
    ]);
    expect(store.list('HostPathProvisioner')).toHaveLength(1);
    expect(names(store.list('Node'))).toEqual([
      'control-plane-0',
      'control-plane-1',
      'control-plane-2',
      'worker-0',
      'worker-1',
      'worker-2',
    ]);
    expect(
      names(
        store
          .list('PersistentVolumeClaim', 'openshift-cnv')
          .filter((p) => p.metadata.labels?.['kubevirt.io.hostpath-provisioner/storagePool']),
      ),
    ).toEqual([
      'hpp-pool-pvc-template-pool-worker-0',
      'hpp-pool-pvc-template-pool-worker-1',
      'hpp-pool-pvc-template-pool-worker-2',
    ]);
  });

  it('has exactly one StorageProfile per StorageClass, owned by the CDI CR', () => {
    const { store } = load();
    const cdi = store.get('CDI', 'cdi-kubevirt-hyperconverged')!;
    expect(names(store.list('StorageProfile'))).toEqual(names(store.list('StorageClass')));
    for (const p of store.list('StorageProfile')) {
      expect(p.metadata.ownerReferences?.[0]?.uid, p.metadata.name).toBe(cdi.metadata.uid);
      expect(p.status.storageClass).toBe(p.metadata.name);
    }
  });

  it('is already what the controllers make: a reconcile changes no profile, config, template list or cron', () => {
    const sim = load();
    const before = {
      profiles: byName(sim.store.list('StorageProfile')),
      crons: byName(sim.store.list('DataImportCron')),
      sources: byName(sim.store.list('DataSource')),
      hc: sim.store.get('HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv')!,
      cdi: sim.store.get('CDI', 'cdi-kubevirt-hyperconverged')!,
      config: sim.store.get('CDIConfig', 'config')!,
      hpp: sim.store.get('HostPathProvisioner', 'hostpath-provisioner')!,
      dvs: byName(sim.store.list('DataVolume')),
    };
    const deleted: string[] = [];
    const hppWrites: string[] = [];
    const HPP_KINDS = [
      'HostPathProvisioner',
      'PersistentVolumeClaim',
      'PersistentVolume',
      'CSIDriver',
      'Node',
    ];
    sim.store.subscribe((e) => {
      const what = `${e.type} ${e.object.kind} ${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`;
      if (e.type === 'DELETED') deleted.push(what);
      if (HPP_KINDS.includes(e.object.kind) && e.object.metadata.namespace !== 'team-a') hppWrites.push(what);
    });
    sim.controllers.run(true);
    expect(deleted).toEqual([]);
    // The hostpath provisioner's pools, PVCs and CSIDriver are settled: nothing to create or bind.
    expect(hppWrites).toEqual([]);
    for (const [key, p] of byName(sim.store.list('StorageProfile'))) {
      expect(p.status, key).toEqual(before.profiles.get(key)!.status);
      expect(p.metadata.annotations, key).toEqual(before.profiles.get(key)!.metadata.annotations);
    }
    const hc = sim.store.get('HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv')!;
    expect(hc.status).toEqual(before.hc.status);
    expect(sim.store.get('CDI', 'cdi-kubevirt-hyperconverged')!.spec).toEqual(before.cdi.spec);
    expect(sim.store.get('CDIConfig', 'config')!.status).toEqual(before.config.status);
    expect(sim.store.get('HostPathProvisioner', 'hostpath-provisioner')!.status).toEqual(before.hpp.status);
    for (const [key, cron] of byName(sim.store.list('DataImportCron'))) {
      const seeded = before.crons.get(key)!;
      expect(cron.metadata.uid, key).toBe(seeded.metadata.uid);
      expect(cron.status, key).toEqual(seeded.status);
      expect(cron.metadata.annotations, key).toEqual(seeded.metadata.annotations);
    }
    for (const [key, ds] of byName(sim.store.list('DataSource'))) {
      expect(ds.spec, key).toEqual(before.sources.get(key)!.spec);
      expect(ds.status, key).toEqual(before.sources.get(key)!.status);
    }
    for (const [key, dv] of byName(sim.store.list('DataVolume'))) {
      expect(dv.status, key).toEqual(before.dvs.get(key)!.status);
    }
  });

  it('shows every golden-image state', () => {
    const { store } = load();
    const cron = (name: string) => store.get('DataImportCron', name, 'openshift-virtualization-os-images');
    expect(reasons(cron('centos-stream9-image-cron')).UpToDate).toBe('UpToDate');
    expect(cron('centos-stream9-image-cron')!.status.sourceFormat).toBe('snapshot');
    expect(reasons(cron('fedora-image-cron'))).toEqual({
      Progressing: 'ImportProgressing',
      UpToDate: 'ImportProgressing',
    });
    expect(reasons(cron('legacy-app-image-cron')).UpToDate).toBe('NoDigest');
    // Outdated: the registry (registry.json) serves a newer digest than the import still running.
    const rhel9 = cron('rhel9-image-cron')!;
    expect(reasons(rhel9)).toEqual({ Progressing: 'ImportProgressing', UpToDate: 'Outdated' });
    const desired = rhel9.metadata.annotations!['cdi.kubevirt.io/storage.import.sourceDesiredDigest'];
    expect(desired).not.toContain(rhel9.status.lastImportedPVC.name.replace('rhel9-', ''));
    expect(desired).not.toContain(rhel9.status.currentImports[0].DataVolumeName.replace('rhel9-', ''));
    const registry = JSON.parse(fs.readFileSync(path.join(DEMO_SEED_DIR, 'registry.json'), 'utf8'));
    expect(registry.digests[rhel9.spec.template.spec.source.registry.url]).toBe(desired);
    // Disabled: no cron, SSP's DataSource stays (not Ready).
    const rhel8 = store.get('DataSource', 'rhel8', 'openshift-virtualization-os-images')!;
    expect(reasons(rhel8)).toEqual({ Ready: 'NotFound' });
    expect(rhel8.metadata.labels?.['cdi.kubevirt.io/dataImportCron']).toBeUndefined();
    expect(cron('tools-image-cron')!.status.sourceFormat).toBe('pvc');
    expect(cron('rhel8-image-cron')).toBeUndefined();
    const hc = store.get('HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv')!;
    const status = (name: string) =>
      hc.status.dataImportCronTemplates.find((t: { metadata: { name: string } }) => t.metadata.name === name)
        ?.status;
    expect(status('centos-stream10-image-cron')).toEqual({
      commonTemplate: true,
      modified: true,
      originalSupportedArchitectures: 'amd64,arm64,s390x',
    });
    expect(status('tools-image-cron')).toEqual({});
    expect(hc.spec.featureGates.enableMultiArchBootImageImport).toBe(true);
    expect(status('rhel8-image-cron')).toBeUndefined();
    // Not deployed: s390x only, the workload nodes are amd64.
    expect(status('zos-tools-image-cron')).toMatchObject({
      originalSupportedArchitectures: 's390x',
      conditions: [{ type: 'Deployed', status: 'False', reason: 'UnsupportedArchitectures' }],
    });
    expect(cron('zos-tools-image-cron')).toBeUndefined();
  });

  it('grants viewer read-only access everywhere and project-user admin of team-a only', () => {
    const { store } = load();
    const can = (user: string, verb: string, group: string, resource: string, namespace?: string) =>
      authorize(store, userInfo(user, []), { verb, group, resource, namespace }).allowed;
    expect(can('viewer', 'list', 'cdi.kubevirt.io', 'storageprofiles')).toBe(true);
    expect(can('viewer', 'get', 'hco.kubevirt.io', 'hyperconvergeds', 'openshift-cnv')).toBe(true);
    expect(can('viewer', 'patch', 'cdi.kubevirt.io', 'storageprofiles')).toBe(false);
    expect(can('viewer', 'create', 'cdi.kubevirt.io', 'datavolumes', 'team-a')).toBe(false);
    expect(can('project-user', 'create', 'cdi.kubevirt.io', 'datavolumes', 'team-a')).toBe(true);
    expect(can('project-user', 'delete', '', 'persistentvolumeclaims', 'team-a')).toBe(true);
    expect(can('project-user', 'create', 'cdi.kubevirt.io', 'datavolumes', 'default')).toBe(false);
    expect(can('project-user', 'patch', 'hco.kubevirt.io', 'hyperconvergeds', 'openshift-cnv')).toBe(false);
    expect(can('project-user', 'list', 'cdi.kubevirt.io', 'storageprofiles')).toBe(true);
    expect(can('project-user', 'patch', 'cdi.kubevirt.io', 'storageprofiles')).toBe(false);
    expect(can('viewer', 'get', '', 'secrets', 'team-a')).toBe(false);
    expect(can('viewer', 'list', 'storage.k8s.io', 'storageclasses')).toBe(true);
    const statusWrite = {
      verb: 'update',
      group: 'cdi.kubevirt.io',
      resource: 'datavolumes',
      namespace: 'team-a',
    };
    expect(
      authorize(store, userInfo('project-user', []), { ...statusWrite, subresource: 'status' }).allowed,
    ).toBe(false);
    expect(authorize(store, userInfo('project-user', []), statusWrite).allowed).toBe(true);
  });
});
