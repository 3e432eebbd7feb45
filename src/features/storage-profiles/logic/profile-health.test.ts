import { describe, expect, it } from 'vitest';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { needsAttention } from './profile-list-logic';
import { profileHealth } from './profile-health';

const sc = (provisioner: string, extra: Partial<StorageClass> = {}): StorageClass => ({
  metadata: { name: 'sc' },
  provisioner,
  ...extra,
});
const vsc = (name: string, driver: string): VolumeSnapshotClass => ({
  metadata: { name },
  driver,
  deletionPolicy: 'Delete',
});
const profile = (spec: StorageProfile['spec'], status: StorageProfile['status']): StorageProfile => ({
  metadata: { name: 'sc' },
  spec,
  status,
});
const RWX_B = { accessModes: ['ReadWriteMany' as const], volumeMode: 'Block' as const };
const RWO_FS = { accessModes: ['ReadWriteOnce' as const], volumeMode: 'Filesystem' as const };
const UNRECOGNIZED = {
  type: 'Recognized',
  status: 'False' as const,
  reason: 'UnrecognizedProvisioner',
  message: 'Provisioner is not recognized',
};

describe('profileHealth', () => {
  it('flags an unknown provisioner with no claim property sets as incomplete and needing attention', () => {
    const health = profileHealth({
      profile: profile(
        {},
        { provisioner: 'csi.acme.example.com', cloneStrategy: 'copy', conditions: [UNRECOGNIZED] },
      ),
      storageClass: sc('csi.acme.example.com', { parameters: { tier: 'gold' } }),
      snapshotClasses: [],
    });
    expect(health.capabilities).toEqual({ kind: 'unknown' });
    expect(health.incomplete).toBe(true);
    expect(health.needsAttention).toBe(true);
    expect(health.degraded).toBe(true);
    expect(health.row.recognized?.reason).toBe('UnrecognizedProvisioner');
    expect(health.hasAdminOverrides).toBe(false);
  });

  it('stops flagging the profile once the admin supplied claim property sets, though Recognized stays False', () => {
    const health = profileHealth({
      profile: profile(
        { claimPropertySets: [RWX_B], cloneStrategy: 'csi-clone' },
        { claimPropertySets: [RWX_B], cloneStrategy: 'csi-clone', conditions: [UNRECOGNIZED] },
      ),
      storageClass: sc('csi.acme.example.com'),
      snapshotClasses: [],
      csiDriverNames: ['csi.acme.example.com'],
    });
    expect(health.incomplete).toBe(false);
    expect(health.needsAttention).toBe(false);
    expect([health.row].filter(needsAttention), 'the list filter agrees').toEqual([]);
    expect(health.row.recognized?.status).toBe('False');
    expect(health.hasAdminOverrides).toBe(true);
    expect(health.cloneStrategySource).toBe('admin');
    expect(health.degraded).toBe(false);
  });

  it('does not call an unsupported provisioner incomplete or degraded', () => {
    const health = profileHealth({
      profile: profile({}, { provisioner: 'openshift-storage.noobaa.io/obc', cloneStrategy: 'copy' }),
      storageClass: sc('openshift-storage.noobaa.io/obc'),
      snapshotClasses: [],
    });
    expect(health.unsupported).toBe(true);
    expect(health.incomplete).toBe(false);
    expect(health.degraded).toBe(false);
    expect(health.needsAttention).toBe(true);
  });

  it('treats no-provisioner as working with pre-created PVs: flagged only while CDI derived no sets', () => {
    const local = (sets: (typeof RWO_FS)[]) =>
      profileHealth({
        profile: profile({}, { provisioner: 'kubernetes.io/no-provisioner', claimPropertySets: sets }),
        storageClass: sc('kubernetes.io/no-provisioner'),
        snapshotClasses: [],
      });
    expect(local([RWO_FS])).toMatchObject({ unsupported: false, incomplete: false, needsAttention: false });
    expect(local([RWO_FS]).row.noProvisioner).toBe(true);
    expect(local([])).toMatchObject({ unsupported: false, incomplete: true, needsAttention: true });
  });

  it('uses the same needs-attention rule as the list for invalid spec values', () => {
    const health = profileHealth({
      profile: profile(
        { cloneStrategy: 'Snapshot' },
        { claimPropertySets: [RWX_B], provisioner: 'nfs.csi.k8s.io' },
      ),
      storageClass: sc('nfs.csi.k8s.io'),
      snapshotClasses: [],
    });
    expect(health.invalidSpecValues).toEqual([{ field: 'cloneStrategy', value: 'Snapshot' }]);
    expect(health.needsAttention).toBe(true);
    expect([health.row].filter(needsAttention)).toHaveLength(1);
  });

  it('cannot tell smart clone or degraded when VolumeSnapshotClasses or CSIDrivers could not be read', () => {
    const snapshotProfile = profile({}, { claimPropertySets: [RWX_B], cloneStrategy: 'snapshot' });
    const vscUnknown = profileHealth({
      profile: snapshotProfile,
      storageClass: sc('some.csi.driver'),
      snapshotClasses: [],
      snapshotClassesUnknown: true,
    });
    expect(vscUnknown.smartClone).toBeUndefined();
    expect(vscUnknown.degraded).toBeUndefined();
    const csiUnknown = profileHealth({
      profile: profile({}, { claimPropertySets: [RWX_B], cloneStrategy: 'csi-clone' }),
      storageClass: sc('some.csi.driver'),
      snapshotClasses: [],
    });
    expect(csiUnknown.smartClone).toBeUndefined();
    // Without RWX the profile is degraded whatever the clone path.
    const noRwx = profileHealth({
      profile: profile({}, { claimPropertySets: [RWO_FS], cloneStrategy: 'snapshot' }),
      storageClass: sc('some.csi.driver'),
      snapshotClasses: [],
      snapshotClassesUnknown: true,
    });
    expect(noRwx.degraded).toBe(true);
  });

  it('does not report a StorageClass it could not read as missing', () => {
    const input = {
      profile: profile({}, { provisioner: 'nfs.csi.k8s.io', claimPropertySets: [RWX_B] }),
      snapshotClasses: [],
    };
    expect(profileHealth({ ...input, storageClassUnknown: true }).row.problems).not.toContain(
      'missing-storage-class',
    );
    expect(profileHealth(input).row.problems).toContain('missing-storage-class');
  });

  it('is degraded without RWX even with smart clone (LVMS-like)', () => {
    const health = profileHealth({
      profile: profile({}, { claimPropertySets: [RWO_FS], cloneStrategy: 'snapshot' }),
      storageClass: sc('some.csi.driver'),
      snapshotClasses: [vsc('lvms', 'some.csi.driver')],
    });
    expect(health.smartClone).toBe(true);
    expect(health.hasRwx).toBe(false);
    expect(health.degraded).toBe(true);
    expect(health.needsAttention).toBe(false);
  });

  it('is degraded when snapshot clone has no VolumeSnapshotClass for the driver', () => {
    const health = profileHealth({
      profile: profile(
        { cloneStrategy: 'snapshot' },
        { claimPropertySets: [RWX_B], cloneStrategy: 'snapshot' },
      ),
      storageClass: sc('nfs.csi.k8s.io'),
      snapshotClasses: [vsc('other', 'openshift-storage.rbd.csi.ceph.com')],
    });
    expect(health.snapshotClassesForDriver).toEqual([]);
    expect(health.smartClone).toBe(false);
    expect(health.degraded).toBe(true);
  });

  describe('clone strategy resolution', () => {
    const rbd = sc('openshift-storage.rbd.csi.ceph.com', {
      metadata: { name: 'rbd', annotations: { 'cdi.kubevirt.io/clone-strategy': 'copy' } },
    });
    const snap = [vsc('rbd-snap', 'openshift-storage.rbd.csi.ceph.com')];

    it('lets CDI.spec.cloneStrategyOverride win over everything', () => {
      const health = profileHealth({
        profile: profile({ cloneStrategy: 'csi-clone' }, { cloneStrategy: 'csi-clone' }),
        storageClass: rbd,
        snapshotClasses: snap,
        cloneStrategyOverride: 'copy',
      });
      expect(health.effectiveCloneStrategy).toBe('copy');
      expect(health.cloneStrategySource).toBe('cdi-override');
      expect(health.degraded).toBe(true);
    });

    it('uses the StorageClass annotation when the admin set nothing', () => {
      const health = profileHealth({ profile: profile({}, {}), storageClass: rbd, snapshotClasses: snap });
      expect(health.effectiveCloneStrategy).toBe('copy');
      expect(health.cloneStrategySource).toBe('storage-class');
    });

    it('falls back to the CDI table, then to snapshot or copy', () => {
      const plainRbd = sc('openshift-storage.rbd.csi.ceph.com');
      expect(
        profileHealth({ profile: profile({}, {}), storageClass: plainRbd, snapshotClasses: snap })
          .cloneStrategySource,
      ).toBe('cdi-table');
      const unknownWithSnap = profileHealth({
        profile: profile({}, {}),
        storageClass: sc('x.example.com'),
        snapshotClasses: [vsc('x', 'x.example.com')],
      });
      expect([unknownWithSnap.effectiveCloneStrategy, unknownWithSnap.cloneStrategySource]).toEqual([
        'snapshot',
        'cdi-default',
      ]);
      const gkeNoSnap = profileHealth({
        profile: profile({}, {}),
        storageClass: sc('pd.csi.storage.gke.io'),
        snapshotClasses: [],
      });
      expect(gkeNoSnap.effectiveCloneStrategy).toBe('copy');
    });
  });

  it('counts csi-clone as smart clone only when the CSIDriver exists', () => {
    const input = {
      profile: profile(
        { cloneStrategy: 'csi-clone' },
        { claimPropertySets: [RWX_B], cloneStrategy: 'csi-clone' },
      ),
      storageClass: sc('csi.acme.example.com'),
      snapshotClasses: [],
    };
    expect(profileHealth({ ...input, csiDriverNames: ['other.example.com'] }).smartClone).toBe(false);
    expect(profileHealth({ ...input, csiDriverNames: ['csi.acme.example.com'] }).smartClone).toBe(true);
  });

  it('reports spec values CDI does not know', () => {
    const health = profileHealth({
      profile: profile(
        { cloneStrategy: 'fast', dataImportCronSourceFormat: 'image' },
        { claimPropertySets: [RWO_FS] },
      ),
      storageClass: sc('nfs.csi.k8s.io'),
      snapshotClasses: [],
    });
    expect(health.invalidSpecValues).toEqual([
      { field: 'cloneStrategy', value: 'fast' },
      { field: 'dataImportCronSourceFormat', value: 'image' },
    ]);
    expect(health.needsAttention).toBe(true);
  });
});
