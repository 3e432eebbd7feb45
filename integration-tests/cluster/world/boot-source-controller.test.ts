import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../sim-api';
import { createWorld } from './index';
import { COMMON_TEMPLATE_NAMES } from './golden-images';
import { bootSourceClusterObjects, customCronTemplate, testCluster } from './test-helpers';
import type { Json } from './util';

const NS = 'openshift-virtualization-os-images';

function cluster(spec: Record<string, unknown>, extra: K8sObject[] = []) {
  const c = testCluster([...bootSourceClusterObjects(spec), ...extra]);
  const world = createWorld();
  c.settle(world.controllers);
  const templates = () =>
    c.store.get('HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv')!.status
      .dataImportCronTemplates as {
      metadata: { name: string; namespace?: string };
      spec: Json;
      status: Record<string, unknown>;
    }[];
  const cond = (obj: K8sObject | undefined, type: string) =>
    obj?.status?.conditions?.find((x: { type: string }) => x.type === type);
  return { ...c, world, templates, cond };
}

describe('golden images: HCO status.dataImportCronTemplates', () => {
  it('lists common, customised and custom templates by name, without disabled ones', () => {
    const c = cluster({
      dataImportCronTemplates: [
        {
          metadata: {
            name: 'rhel8-image-cron',
            annotations: { 'dataimportcrontemplate.kubevirt.io/enable': 'false' },
          },
        },
        customCronTemplate('fedora-image-cron', 'docker://quay.io/containerdisks/fedora:41', {
          schedule: '',
        }),
        customCronTemplate('my-image-cron', 'docker://registry.example.com/my:1'),
      ],
    });
    const items = c.templates();
    const names = items.map((t) => t.metadata.name);
    expect(names).toEqual([...names].sort());
    expect(names).not.toContain('rhel8-image-cron');
    expect(names).toContain('my-image-cron');
    const fedora = items.find((t) => t.metadata.name === 'fedora-image-cron')!;
    expect(fedora.status).toEqual({ commonTemplate: true, modified: true });
    expect(fedora.spec.template.spec.source.registry.url).toBe('docker://quay.io/containerdisks/fedora:41');
    const schedule = c.store.get('HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv')!.status
      .dataImportSchedule;
    // An empty schedule on a customised common template gets HCO's status.dataImportSchedule.
    expect(schedule).toMatch(/^\d+ \d+\/12 \* \* \*$/);
    expect(fedora.spec.schedule).toBe(schedule);
    const centos = items.find((t) => t.metadata.name === 'centos-stream9-image-cron')!;
    expect(centos.status).toEqual({ commonTemplate: true });
    expect(centos.spec).toMatchObject({ retentionPolicy: 'None', importsToKeep: 1 });
    expect(centos.spec.schedule).toBe(schedule);
    expect(items.find((t) => t.metadata.name === 'my-image-cron')!.status).toEqual({});
  });

  it('drops every common template when enableCommonBootImageImport is false, keeping custom ones', () => {
    const c = cluster({
      enableCommonBootImageImport: false,
      dataImportCronTemplates: [customCronTemplate('my-image-cron', 'docker://registry.example.com/my:1')],
    });
    expect(c.templates().map((t) => t.metadata.name)).toEqual(['my-image-cron']);
    expect(c.store.list('DataImportCron').map((d) => d.metadata.name)).toEqual(['my-image-cron']);
  });
});

describe('golden images: multi-arch', () => {
  it('cuts architectures to the workload nodes and does not deploy an image none of them can run', () => {
    const armOnly = customCronTemplate('arm-image-cron', 'docker://registry.example.com/arm:1');
    (armOnly.metadata.annotations as Record<string, string>)['ssp.kubevirt.io/dict.architectures'] =
      'arm64,s390x';
    const c = cluster({
      featureGates: { enableMultiArchBootImageImport: true },
      dataImportCronTemplates: [armOnly],
    });
    const items = c.templates();
    const arm = items.find((t) => t.metadata.name === 'arm-image-cron')!;
    expect(arm.status).toMatchObject({
      originalSupportedArchitectures: 'arm64,s390x',
      conditions: [{ type: 'Deployed', status: 'False', reason: 'UnsupportedArchitectures' }],
    });
    const fedora = items.find((t) => t.metadata.name === 'fedora-image-cron')! as unknown as {
      metadata: { annotations: Record<string, string> };
      status: Record<string, unknown>;
    };
    expect(fedora.metadata.annotations['ssp.kubevirt.io/dict.architectures']).toBe('amd64');
    expect(fedora.status.originalSupportedArchitectures).toBe('amd64,arm64,s390x');
    expect(c.store.get('DataImportCron', 'arm-image-cron', NS)).toBeUndefined();
    expect(c.store.get('DataImportCron', 'fedora-image-cron', NS)).toBeDefined();
  });
});

describe('golden images: SSP crons and CDI imports', () => {
  it('creates one DataImportCron per template in the golden-images namespace', () => {
    const c = cluster({});
    const crons = c.store.list('DataImportCron', NS);
    expect(crons.map((d) => d.metadata.name).sort()).toEqual([...COMMON_TEMPLATE_NAMES].sort());
    expect(crons[0].metadata.labels?.['app.kubernetes.io/managed-by']).toBe('ssp-operator');
  });

  it('imports to an up-to-date cron and a Ready DataSource over simulated time', () => {
    const c = cluster({
      enableCommonBootImageImport: false,
      dataImportCronTemplates: [customCronTemplate('my-image-cron', 'docker://registry.example.com/my:1')],
    });
    let cron = c.store.get('DataImportCron', 'my-image-cron', NS)!;
    expect(c.cond(cron, 'UpToDate')?.reason).toBe('ImportProgressing');
    const [importing] = cron.status.currentImports;
    expect(importing.DataVolumeName).toMatch(/^my-[0-9a-f]{12}$/);
    expect(importing.Digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(c.cond(c.store.get('DataSource', 'my', NS), 'Ready')?.status).toBe('False');

    c.advance(c.world.controllers, 30);
    const dv = c.store.get('DataVolume', importing.DataVolumeName, NS)!;
    expect(dv.status.phase).toBe('ImportInProgress');
    expect(c.cond(c.store.get('DataImportCron', 'my-image-cron', NS), 'Progressing')?.status).toBe('True');

    c.advance(c.world.controllers, 600);
    cron = c.store.get('DataImportCron', 'my-image-cron', NS)!;
    expect(c.cond(cron, 'UpToDate')).toMatchObject({
      status: 'True',
      reason: 'UpToDate',
      message: 'Latest import is up to date',
    });
    expect(cron.status.sourceFormat).toBe('snapshot');
    expect(cron.status.currentImports).toBeUndefined();
    expect(cron.status.lastImportedPVC).toEqual({ name: importing.DataVolumeName, namespace: NS });
    expect(c.store.get('VolumeSnapshot', importing.DataVolumeName, NS)?.status.readyToUse).toBe(true);
    expect(c.store.get('DataVolume', importing.DataVolumeName, NS)).toBeUndefined();
    const ds = c.store.get('DataSource', 'my', NS)!;
    expect(ds.spec.source).toEqual({ snapshot: { name: importing.DataVolumeName, namespace: NS } });
    expect(c.cond(ds, 'Ready')).toMatchObject({ status: 'True', reason: 'Ready' });
  });

  it('keeps a PVC when the profile says pvc format', () => {
    const tpl = customCronTemplate('lvms-image-cron', 'docker://registry.example.com/lvms:1');
    tpl.spec.template.spec.storage = {
      storageClassName: 'lvms',
      resources: { requests: { storage: '5Gi' } },
    } as never;
    const c = cluster({ enableCommonBootImageImport: false, dataImportCronTemplates: [tpl] });
    c.advance(c.world.controllers, 600);
    const cron = c.store.get('DataImportCron', 'lvms-image-cron', NS)!;
    expect(cron.status.sourceFormat).toBe('pvc');
    expect(c.store.get('DataSource', 'lvms', NS)!.spec.source.pvc.name).toBe(
      cron.status.lastImportedPVC.name,
    );
    expect(c.store.get('PersistentVolumeClaim', cron.status.lastImportedPVC.name, NS)).toBeDefined();
  });

  it('leaves a source that cannot be reached at NoDigest, however long it waits', () => {
    const c = cluster({
      enableCommonBootImageImport: false,
      dataImportCronTemplates: [
        customCronTemplate('broken-image-cron', 'docker://registry.corp.invalid/app:1'),
      ],
    });
    c.advance(c.world.controllers, 3600, 300);
    const cron = c.store.get('DataImportCron', 'broken-image-cron', NS)!;
    expect(c.cond(cron, 'UpToDate')).toMatchObject({
      status: 'False',
      reason: 'NoDigest',
      message: 'No source digest',
    });
    expect(c.cond(cron, 'Progressing')).toMatchObject({ status: 'False', reason: 'NoImport' });
    expect(c.store.list('DataVolume', NS)).toEqual([]);
    expect(c.cond(c.store.get('DataSource', 'broken', NS), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'NoSource',
    });
  });

  it('deletes the cron of a disabled image, and with retentionPolicy None what it made', () => {
    const c = cluster({
      enableCommonBootImageImport: false,
      dataImportCronTemplates: [customCronTemplate('my-image-cron', 'docker://registry.example.com/my:1')],
    });
    c.advance(c.world.controllers, 600);
    expect(c.store.get('DataSource', 'my', NS)).toBeDefined();
    const hc = c.store.get('HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv')!;
    const [item] = hc.spec.dataImportCronTemplates;
    item.metadata.annotations['dataimportcrontemplate.kubevirt.io/enable'] = 'false';
    delete item.spec;
    c.store.update(hc);
    c.settle(c.world.controllers);
    expect(c.store.get('DataImportCron', 'my-image-cron', NS)).toBeUndefined();
    expect(c.store.get('DataSource', 'my', NS)).toBeUndefined();
    expect(c.store.list('VolumeSnapshot', NS)).toEqual([]);
  });

  it('re-creates the cron when its template changes (DataImportCron spec is immutable)', () => {
    const c = cluster({
      enableCommonBootImageImport: false,
      dataImportCronTemplates: [customCronTemplate('my-image-cron', 'docker://registry.example.com/my:1')],
    });
    const before = c.store.get('DataImportCron', 'my-image-cron', NS)!;
    const hc = c.store.get('HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv')!;
    hc.spec.dataImportCronTemplates[0].spec.schedule = '0 5 * * *';
    c.store.update(hc);
    c.settle(c.world.controllers);
    const after = c.store.get('DataImportCron', 'my-image-cron', NS)!;
    expect(after.spec.schedule).toBe('0 5 * * *');
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
  });
});
