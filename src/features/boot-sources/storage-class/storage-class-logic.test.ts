import { describe, expect, it } from 'vitest';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import {
  ANN_DEFAULT_SNAPSHOT_CLASS,
  ANN_SNAPSHOT_CLASS_FOR_CRON,
  profileReadiness,
  snapshotAdvice,
  snapshotClassForBootSources,
} from './storage-class-logic';

const RBD: StorageClass = { metadata: { name: 'rbd' }, provisioner: 'rbd.csi.ceph.com' };
const vsc = (name: string, driver: string, isDefault = false): VolumeSnapshotClass => ({
  metadata: { name, ...(isDefault ? { annotations: { [ANN_DEFAULT_SNAPSHOT_CLASS]: 'true' } } : {}) },
  driver,
  deletionPolicy: 'Delete',
});
const profile = (extra: Partial<StorageProfile> = {}): StorageProfile => ({
  metadata: { name: 'rbd' },
  spec: {},
  ...extra,
});

describe('snapshotClassForBootSources (CDI v1.65.0 order)', () => {
  const vscs = [vsc('b', 'rbd.csi.ceph.com'), vsc('a', 'rbd.csi.ceph.com'), vsc('other', 'x')];
  it('takes the first by name, the annotated default first, the profile status class, the profile annotation', () => {
    expect(snapshotClassForBootSources(RBD, profile(), vscs)).toBe('a');
    expect(snapshotClassForBootSources(RBD, profile(), [...vscs, vsc('z', 'rbd.csi.ceph.com', true)])).toBe(
      'z',
    );
    expect(snapshotClassForBootSources(RBD, profile({ status: { snapshotClass: 'b' } }), vscs)).toBe('b');
    // A status class of another driver: CDI does not fall back.
    expect(
      snapshotClassForBootSources(RBD, profile({ status: { snapshotClass: 'other' } }), vscs),
    ).toBeUndefined();
    expect(
      snapshotClassForBootSources(
        RBD,
        profile({ metadata: { name: 'rbd', annotations: { [ANN_SNAPSHOT_CLASS_FOR_CRON]: 'images' } } }),
        vscs,
      ),
    ).toBe('images');
    expect(snapshotClassForBootSources(RBD, profile(), [vsc('other', 'x')])).toBeUndefined();
  });
});

describe('snapshotAdvice', () => {
  const vscs = [vsc('rbd-snap', 'rbd.csi.ceph.com')];
  it('offers the write only with a VolumeSnapshotClass for the driver', () => {
    expect(snapshotAdvice(RBD, profile(), vscs)).toEqual({
      kind: 'can-enable',
      driver: 'rbd.csi.ceph.com',
      snapshotClass: 'rbd-snap',
    });
    expect(snapshotAdvice(RBD, profile(), [])).toEqual({
      kind: 'no-snapshot-class',
      driver: 'rbd.csi.ceph.com',
    });
  });
  it('tells already-snapshot apart from snapshot without a class', () => {
    const pinned = profile({ spec: { dataImportCronSourceFormat: 'snapshot' } });
    expect(snapshotAdvice(RBD, pinned, vscs)).toEqual({
      kind: 'already',
      via: 'spec',
      snapshotClass: 'rbd-snap',
    });
    expect(snapshotAdvice(RBD, pinned, [])).toEqual({
      kind: 'already-broken',
      via: 'spec',
      driver: 'rbd.csi.ceph.com',
    });
    expect(
      snapshotAdvice(RBD, profile({ status: { dataImportCronSourceFormat: 'snapshot' } }), vscs),
    ).toMatchObject({
      kind: 'already',
      via: 'status',
    });
  });
});

describe('profileReadiness', () => {
  it('an empty claimPropertySets status is incomplete', () => {
    expect(profileReadiness(RBD, undefined, [])).toEqual({ kind: 'missing' });
    expect(profileReadiness(RBD, profile({ status: { claimPropertySets: [] } }), [])).toEqual({
      kind: 'incomplete',
    });
    expect(
      profileReadiness(
        RBD,
        profile({ status: { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] } }),
        [],
      ),
    ).toEqual({ kind: 'ready', format: 'pvc', snapshotClass: undefined });
  });
});
