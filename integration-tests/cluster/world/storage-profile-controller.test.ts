import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../sim-api';
import { createStorageProfileController } from './storage-profile-controller';
import { cdiCr, snapshotClass, storageClass, testCluster } from './test-helpers';

const RBD = 'openshift-storage.rbd.csi.ceph.com';

function cluster(objects: K8sObject[], cdiSpec: Record<string, unknown> = {}) {
  const c = testCluster([cdiCr(cdiSpec), ...objects]);
  const controllers = [createStorageProfileController()];
  c.settle(controllers);
  return { ...c, controllers, profile: (name: string) => c.store.get('StorageProfile', name) };
}

const recognized = (p: K8sObject | undefined) =>
  p?.status?.conditions?.find((c: { type: string }) => c.type === 'Recognized');

describe('StorageProfile controller', () => {
  it('creates one profile per class: same name, empty spec, CDI labels and owner', () => {
    const { profile } = cluster([storageClass('rbd', RBD), storageClass('nfs', 'nfs.csi.k8s.io')]);
    const p = profile('rbd')!;
    expect(p.spec).toEqual({});
    expect(p.metadata.labels).toMatchObject({
      app: 'containerized-data-importer',
      'cdi.kubevirt.io': '',
      'app.kubernetes.io/component': 'storage',
      'app.kubernetes.io/managed-by': 'cdi-controller',
    });
    expect(p.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'CDI',
        name: 'cdi-kubevirt-hyperconverged',
        uid: 'cdi-uid-0001',
        controller: true,
      }),
    ]);
    expect(profile('nfs')).toBeDefined();
  });

  it('fills status from the capability table and the matching VolumeSnapshotClass', () => {
    const { profile } = cluster([storageClass('rbd', RBD), snapshotClass('rbd-snap', RBD)]);
    expect(profile('rbd')!.status).toMatchObject({
      storageClass: 'rbd',
      provisioner: RBD,
      claimPropertySets: [
        { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
        { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
        { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
      ],
      cloneStrategy: 'csi-clone',
      dataImportCronSourceFormat: 'snapshot',
      snapshotClass: 'rbd-snap',
    });
    expect(recognized(profile('rbd'))).toMatchObject({
      status: 'True',
      reason: 'RecognizedProvisioner',
      message: 'Provisioner is recognized',
    });
  });

  it('falls back to pvc format and copy without a VolumeSnapshotClass; snapshot with one for unadvised drivers', () => {
    const { profile } = cluster([
      storageClass('rbd', RBD),
      storageClass('nfs', 'nfs.csi.k8s.io'),
      storageClass('cinder', 'cinder.csi.openstack.org'),
      snapshotClass('cinder-snap', 'cinder.csi.openstack.org'),
    ]);
    expect(profile('rbd')!.status).toMatchObject({
      cloneStrategy: 'csi-clone',
      dataImportCronSourceFormat: 'pvc',
    });
    expect(profile('rbd')!.status.snapshotClass).toBeUndefined();
    expect(profile('nfs')!.status).toMatchObject({
      cloneStrategy: 'copy',
      dataImportCronSourceFormat: 'pvc',
    });
    expect(profile('cinder')!.status).toMatchObject({
      cloneStrategy: 'snapshot',
      snapshotClass: 'cinder-snap',
    });
  });

  it('ranks profile spec over class annotation over the table; CDI.spec.cloneStrategyOverride stays out of status', () => {
    const annotated = storageClass('annotated', RBD, {
      metadata: { annotations: { 'cdi.kubevirt.io/clone-strategy': 'copy' } },
    });
    const c = cluster([annotated, storageClass('plain', RBD)]);
    expect(c.profile('annotated')!.status.cloneStrategy).toBe('copy');
    const p = c.profile('plain')!;
    c.store.update({ ...p, spec: { cloneStrategy: 'snapshot', dataImportCronSourceFormat: 'snapshot' } });
    c.settle(c.controllers);
    expect(c.profile('plain')!.status).toMatchObject({
      cloneStrategy: 'snapshot',
      dataImportCronSourceFormat: 'snapshot',
    });
    // The clone planner applies the override per clone (clone/planner.go:323-345); the profile never shows it.
    const cdi = c.store.get('CDI', 'cdi-kubevirt-hyperconverged')!;
    c.store.update({ ...cdi, spec: { cloneStrategyOverride: 'csi-clone' } });
    c.settle(c.controllers);
    expect(c.profile('plain')!.status.cloneStrategy).toBe('snapshot');
    expect(c.profile('annotated')!.status.cloneStrategy).toBe('copy');
  });

  it.each([
    ['an unknown value', 'fast'],
    ['a wrongly cased value', 'Snapshot'],
    ['an empty value', ''],
  ])('gives an empty cloneStrategy for %s of the clone-strategy annotation', (_label, value) => {
    // getCloneStrategyFromStorageClass (storageprofile-controller.go:252-254, 275-288): no fallback.
    const sc = storageClass('annotated', RBD, {
      metadata: { annotations: { 'cdi.kubevirt.io/clone-strategy': value } },
    });
    const { profile } = cluster([sc, snapshotClass('rbd-snap', RBD)]);
    expect(profile('annotated')!.status.cloneStrategy).toBe('');
  });

  it('keeps an annotated snapshot strategy without a VolumeSnapshotClass, and copies spec values verbatim', () => {
    const sc = storageClass('annotated', 'nfs.csi.k8s.io', {
      metadata: { annotations: { 'cdi.kubevirt.io/clone-strategy': 'snapshot' } },
    });
    const c = cluster([sc, storageClass('nfs', 'nfs.csi.k8s.io')]);
    expect(c.profile('annotated')!.status.cloneStrategy).toBe('snapshot');
    const p = c.profile('nfs')!;
    c.store.update({ ...p, spec: { cloneStrategy: 'Snapshot', dataImportCronSourceFormat: 'PVC' } });
    c.settle(c.controllers);
    expect(c.profile('nfs')!.status).toMatchObject({
      cloneStrategy: 'Snapshot',
      dataImportCronSourceFormat: 'PVC',
    });
  });

  it('uses spec.snapshotClass only for the provisioner driver, and keeps a status.snapshotClass it no longer finds', () => {
    const c = cluster([
      storageClass('rbd', RBD),
      snapshotClass('rbd-snap', RBD),
      snapshotClass('rbd-snap-b', RBD),
      snapshotClass('cinder-snap', 'cinder.csi.openstack.org'),
    ]);
    expect(c.profile('rbd')!.status).toMatchObject({
      snapshotClass: 'rbd-snap',
      dataImportCronSourceFormat: 'snapshot',
    });
    const p = c.profile('rbd')!;
    c.store.update({ ...p, spec: { snapshotClass: 'rbd-snap-b' } });
    c.settle(c.controllers);
    expect(c.profile('rbd')!.status.snapshotClass).toBe('rbd-snap-b');
    // Another driver's class: no class at all (no fallback to the default), so snapshot advice falls back
    // to pvc; CDI only ever sets status.snapshotClass, so the previous name stays (storageprofile-controller.go:101-107).
    c.store.update({ ...c.profile('rbd')!, spec: { snapshotClass: 'cinder-snap' } });
    c.settle(c.controllers);
    expect(c.profile('rbd')!.status).toMatchObject({
      snapshotClass: 'rbd-snap-b',
      cloneStrategy: 'csi-clone',
      dataImportCronSourceFormat: 'pvc',
    });
  });

  it('prefers the default-annotated VolumeSnapshotClass of the driver over the first by name', () => {
    const { profile } = cluster([
      storageClass('cinder', 'cinder.csi.openstack.org'),
      snapshotClass('a-snap', 'cinder.csi.openstack.org'),
      snapshotClass('b-snap', 'cinder.csi.openstack.org', {
        'snapshot.storage.kubernetes.io/is-default-class': 'true',
      }),
    ]);
    expect(profile('cinder')!.status).toMatchObject({ snapshotClass: 'b-snap', cloneStrategy: 'snapshot' });
  });

  it.each([
    ['spec.snapshotClass names no VolumeSnapshotClass', { snapshotClass: 'gone', cloneStrategy: 'copy' }],
    [
      'a spec claim property set has no access mode',
      { claimPropertySets: [{ accessModes: [], volumeMode: 'Block' }], cloneStrategy: 'copy' },
    ],
  ])('leaves the profile as it was when %s (CDI reconcile errors before writing)', (_label, spec) => {
    const c = cluster([storageClass('rbd', RBD), snapshotClass('rbd-snap', RBD)]);
    const before = c.profile('rbd')!;
    c.store.update({ ...before, spec });
    c.settle(c.controllers);
    const after = c.profile('rbd')!;
    expect(after.status).toEqual(before.status);
    expect(after.spec).toEqual(spec);
  });

  it('keeps an unknown provisioner unrecognised even after the admin fills the spec', () => {
    const c = cluster([storageClass('acme-fast', 'csi.acme.example.com')]);
    const p = c.profile('acme-fast')!;
    expect(p.status.claimPropertySets).toBeUndefined();
    expect(recognized(p)).toMatchObject({
      status: 'False',
      reason: 'UnrecognizedProvisioner',
      message: 'Provisioner is not recognized',
    });
    const sets = [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }];
    c.store.update({ ...p, spec: { claimPropertySets: sets } });
    c.settle(c.controllers);
    expect(c.profile('acme-fast')!.status.claimPropertySets).toEqual(sets);
    expect(recognized(c.profile('acme-fast'))?.status).toBe('False');
  });

  it('reports unrecognised parameters of a known provisioner', () => {
    const trident = storageClass('trident', 'csi.trident.netapp.io', {
      parameters: { backendType: 'solidfire-san' },
    });
    const { profile } = cluster([trident]);
    expect(recognized(profile('trident'))).toMatchObject({
      status: 'False',
      reason: 'UnrecognizedStorageClassParameters',
      message: 'Storage class parameters are not recognized',
    });
  });

  it('adds the minimum PVC size annotation only when absent', () => {
    const c = cluster([storageClass('gp3', 'ebs.csi.aws.com', { parameters: { type: 'gp3' } })]);
    expect(c.profile('gp3')!.metadata.annotations?.['cdi.kubevirt.io/minimumSupportedPvcSize']).toBe('1Gi');
    const p = c.profile('gp3')!;
    c.store.update({
      ...p,
      metadata: { ...p.metadata, annotations: { 'cdi.kubevirt.io/minimumSupportedPvcSize': '8Gi' } },
    });
    c.settle(c.controllers);
    expect(c.profile('gp3')!.metadata.annotations?.['cdi.kubevirt.io/minimumSupportedPvcSize']).toBe('8Gi');
  });

  it('adds useReadWriteOnceForDataImportCron only to GKE PD keys and only when absent', () => {
    const c = cluster([
      storageClass('pd', 'pd.csi.storage.gke.io', { parameters: { type: 'pd-balanced' } }),
      storageClass('hyperdisk', 'pd.csi.storage.gke.io', { parameters: { type: 'hyperdisk-balanced' } }),
      storageClass('rbd', RBD),
    ]);
    const rwo = (name: string) =>
      c.profile(name)!.metadata.annotations?.['cdi.kubevirt.io/useReadWriteOnceForDataImportCron'];
    expect([rwo('pd'), rwo('hyperdisk'), rwo('rbd')]).toEqual(['true', 'true', undefined]);
    const p = c.profile('pd')!;
    c.store.update({
      ...p,
      metadata: {
        ...p.metadata,
        annotations: {
          ...p.metadata.annotations,
          'cdi.kubevirt.io/useReadWriteOnceForDataImportCron': 'false',
        },
      },
    });
    c.settle(c.controllers);
    expect(rwo('pd')).toBe('false');
  });

  it('names the GKE image-snapshot class for DataImportCrons, and drops the annotation elsewhere', () => {
    const GKE = 'pd.csi.storage.gke.io';
    const images = (name: string, annotations?: Record<string, string>) => ({
      ...snapshotClass(name, GKE, annotations),
      parameters: { 'snapshot-type': 'images' },
    });
    const stray = storageClass('rbd', RBD);
    const c = cluster([
      storageClass('pd', GKE),
      snapshotClass('pd-a-snap', GKE),
      images('pd-images-b'),
      images('pd-images-a'),
      stray,
    ]);
    const ann = (name: string) =>
      c.profile(name)!.metadata.annotations?.['cdi.kubevirt.io/snapshotClassForDataImportCron'];
    expect(ann('pd')).toBe('pd-images-a');
    expect(c.profile('pd')!.status.snapshotClass).toBe('pd-a-snap');
    c.store.create(images('pd-images-c', { 'snapshot.storage.kubernetes.io/is-default-class': 'true' }));
    c.settle(c.controllers);
    expect(ann('pd')).toBe('pd-images-c');
    const p = c.profile('rbd')!;
    c.store.update({
      ...p,
      metadata: { ...p.metadata, annotations: { 'cdi.kubevirt.io/snapshotClassForDataImportCron': 'x' } },
    });
    c.settle(c.controllers);
    expect(ann('rbd')).toBeUndefined();
  });

  it('recognises HPP with any overlayCSI value as the overlay variant; unsupported provisioners are unrecognised', () => {
    const { profile } = cluster([
      storageClass('hpp', 'kubevirt.io.hostpath-provisioner', { parameters: { overlayCSI: 'false' } }),
      storageClass('bucket', 'openshift-storage.noobaa.io/obc'),
    ]);
    expect(profile('hpp')!.status.claimPropertySets).toEqual([
      { accessModes: ['ReadWriteMany'], volumeMode: 'Filesystem' },
    ]);
    expect(recognized(profile('hpp'))?.reason).toBe('RecognizedProvisioner');
    expect(recognized(profile('bucket'))).toMatchObject({
      status: 'False',
      reason: 'UnrecognizedProvisioner',
    });
    expect(profile('bucket')!.status.claimPropertySets).toBeUndefined();
  });

  it('derives no-provisioner claim property sets from the class PVs', () => {
    const pv: K8sObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'local-1' },
      spec: {
        storageClassName: 'local',
        accessModes: ['ReadWriteOnce'],
        volumeMode: 'Block',
        capacity: { storage: '100Gi' },
      },
    };
    const { profile } = cluster([storageClass('local', 'kubernetes.io/no-provisioner'), pv]);
    expect(profile('local')!.status.claimPropertySets).toEqual([
      { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
    ]);
    expect(recognized(profile('local'))?.reason).toBe('UnrecognizedProvisioner');
  });

  it('deletes the profile with its class and settles without further writes', () => {
    const c = cluster([storageClass('rbd', RBD), storageClass('nfs', 'nfs.csi.k8s.io')]);
    const rv = c.store.rv;
    c.settle(c.controllers);
    c.advance(c.controllers, 60);
    expect(c.store.rv).toBe(rv);
    c.store.delete('StorageClass', 'nfs');
    c.settle(c.controllers);
    expect(c.profile('nfs')).toBeUndefined();
    expect(c.profile('rbd')).toBeDefined();
  });

  it('does nothing while CDI is not installed', () => {
    const c = testCluster([storageClass('rbd', RBD)]);
    c.settle([createStorageProfileController()]);
    expect(c.store.list('StorageProfile')).toEqual([]);
  });
});

/** integration-tests/cluster/: the simulator, the test double of Kubernetes, CDI and HCO. */
const SIMULATOR_DIR = path.resolve(__dirname, '..');
/** The plugin's source tree, which the simulator's runtime code must not import from. */
const PLUGIN_SRC = path.resolve(SIMULATOR_DIR, '../../src');

/**
 * Files under integration-tests/cluster/ that import from src/, as `file (relative to cluster/) -> specifiers`.
 * Runtime code: none, and none may be added (the simulated CDI has its own capability table,
 * ./cdi-storage-capabilities.ts). Tests may import the plugin to cross-check the simulator against it; they
 * are listed here so that each one is deliberate.
 */
const KNOWN_SRC_IMPORTS: Record<string, string[]> = {
  // Cross-check: the simulator's capability lookup and the plugin's must agree on every oracle key.
  [path.join('world', 'cdi-storage-capabilities.cross-check.test.ts')]: [
    '../../../src/k8s/storage-capabilities',
  ],
};

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** Every .ts file under integration-tests/cluster/, tests included. */
function simulatorFiles(dir = SIMULATOR_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : simulatorFiles(full);
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [full] : [];
  });
}

/** Module specifiers of static imports, re-exports, side-effect imports, dynamic import() and require(). */
function moduleSpecifiers(text: string): string[] {
  const patterns = [
    /\bfrom\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\b(?:import|require)\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g,
  ];
  return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[2]));
}

/** The specifiers of `file` that resolve into the plugin's src/. */
function srcImportsOf(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  return moduleSpecifiers(text).filter((specifier) => {
    if (!specifier.startsWith('.')) return false;
    const target = path.resolve(path.dirname(file), specifier);
    return target === PLUGIN_SRC || target.startsWith(PLUGIN_SRC + path.sep);
  });
}

describe("the simulated CDI is CDI's test double", () => {
  it('finds imports from src/ in every form the scan knows', () => {
    const file = path.join(SIMULATOR_DIR, 'world', 'example.ts');
    // Written through `up` so that this file's own text holds no such import for the scan below to find.
    const up = '../../../';
    const text = [
      `import { a } from '${up}src/k8s/a';`,
      `import type { B } from "${up}src/k8s/b";`,
      `export { c } from '${up}src/c';`,
      `import '${up}src/side-effect';`,
      `const d = await import('${up}src/d');`,
      `const e = require('${up}src/e');`,
      `import { f } from './src/not-the-plugin';`,
      `import { g } from '${up}srcs/g';`,
    ].join('\n');
    expect(srcImportsOf(file, text).sort()).toEqual([
      '../../../src/c',
      '../../../src/d',
      '../../../src/e',
      '../../../src/k8s/a',
      '../../../src/k8s/b',
      '../../../src/side-effect',
    ]);
  });

  it('imports nothing from src/ anywhere in the simulator; only the listed tests do', () => {
    const files = simulatorFiles();
    const relative = files.map((f) => path.relative(SIMULATOR_DIR, f));
    // The scan really covers the simulator, world included.
    expect(relative).toEqual(
      expect.arrayContaining([
        'server.ts',
        'store.ts',
        path.join('world', 'storage-profile-controller.ts'),
        path.join('world', 'cdi-admission.ts'),
        path.join('world', 'cdi-storage-capabilities.ts'),
        path.join('world', 'storage-profile-controller.test.ts'),
      ]),
    );
    const found = Object.fromEntries(
      files.flatMap((file) => {
        const imports = srcImportsOf(file);
        return imports.length ? [[path.relative(SIMULATOR_DIR, file), imports]] : [];
      }),
    );
    expect(Object.keys(KNOWN_SRC_IMPORTS).filter((file) => !isTest(file))).toEqual([]);
    expect(found).toEqual(KNOWN_SRC_IMPORTS);
  });
});
