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

  it('ranks CDI override over profile spec over class annotation over the table', () => {
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
    const cdi = c.store.get('CDI', 'cdi-kubevirt-hyperconverged')!;
    c.store.update({ ...cdi, spec: { cloneStrategyOverride: 'csi-clone' } });
    c.settle(c.controllers);
    expect(c.profile('plain')!.status.cloneStrategy).toBe('csi-clone');
    expect(c.profile('annotated')!.status.cloneStrategy).toBe('csi-clone');
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
