import { describe, expect, it } from 'vitest';
import type { CDIConfig, StorageClass, StorageProfile } from '../../../k8s/types';
import type { Watched } from '../../../k8s/watch-state';
import { emptyDataVolumeForm, type DataVolumeForm } from '../logic/dv-form';
import { offeredToAdd } from './options-annotations';
import { resolveTargetClass, storageFactsFrom, type StorageWatches } from './storage-facts';

const sc = (
  name: string,
  annotations: Record<string, string> = {},
  created = '2026-01-01T00:00:00Z',
): StorageClass => ({
  metadata: { name, annotations, creationTimestamp: created },
  provisioner: 'x',
});
const VIRT = { 'storageclass.kubevirt.io/is-default-virt-class': 'true' };
const K8S = { 'storageclass.kubernetes.io/is-default-class': 'true' };
const BETA = { 'storageclass.beta.kubernetes.io/is-default-class': 'true' };

const profile = (name: string, sets?: StorageProfile['spec']['claimPropertySets']): StorageProfile => ({
  metadata: { name },
  spec: {},
  status: { claimPropertySets: sets, cloneStrategy: 'csi-clone' },
});

const loaded = <T>(data: T): Watched<T> => ({ status: 'loaded', loaded: true, data });
const forbidden = <T>(): Watched<T> => ({ status: 'forbidden', loaded: true, error: new Error('forbidden') });

const form = (patch: Partial<DataVolumeForm> = {}): DataVolumeForm => ({
  ...emptyDataVolumeForm('team-a'),
  ...patch,
});

const classes = [
  sc('rbd-virt', VIRT),
  sc('rbd', K8S),
  sc('acme-fast'),
  sc('lvms', {}, '2026-01-02T00:00:00Z'),
];
const profiles = [
  profile('rbd-virt', [
    { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
    { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
  ]),
  profile('rbd', [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }]),
  profile('acme-fast', undefined),
  profile('lvms', [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Block' }]),
];
const config: CDIConfig = {
  metadata: { name: 'config' },
  status: {
    scratchSpaceStorageClass: '',
    preallocation: true,
    filesystemOverhead: { global: '0.06', storageClass: { rbd: '0.1' } },
  },
};
const watches = (patch: Partial<StorageWatches> = {}): StorageWatches => ({
  classes: loaded(classes),
  profiles: loaded(profiles),
  cdiConfig: loaded(config),
  ...patch,
});

describe('resolveTargetClass (CDI v1.65.0 getFallbackStorageClass / DefaultStorageClass admission)', () => {
  it('takes the chosen class as it is, even before the classes are known', () => {
    expect(resolveTargetClass(form({ storageClassName: ' lvms ' }), undefined)).toMatchObject({
      targetClass: 'lvms',
      targetClassFrom: 'chosen',
    });
  });

  it('is unknown without a choice while the classes are unknown (never "none")', () => {
    expect(resolveTargetClass(form(), undefined).targetClassFrom).toBe('unknown');
  });

  it('profile mode: the virtualization default before the Kubernetes default', () => {
    expect(resolveTargetClass(form(), classes)).toMatchObject({
      targetClass: 'rbd-virt',
      targetClassFrom: 'virt-default',
    });
    expect(resolveTargetClass(form(), [sc('rbd', K8S)])).toMatchObject({
      targetClass: 'rbd',
      targetClassFrom: 'default',
    });
  });

  it('profile mode with archive content skips the virtualization default', () => {
    expect(resolveTargetClass(form({ contentType: 'archive' }), classes)).toMatchObject({
      targetClass: 'rbd',
      targetClassFrom: 'default',
    });
  });

  it('picks the newest of several defaults and names the others', () => {
    const two = [sc('old', VIRT, '2026-01-01T00:00:00Z'), sc('new', VIRT, '2026-02-01T00:00:00Z')];
    expect(resolveTargetClass(form(), two)).toMatchObject({ targetClass: 'new', otherDefaults: ['old'] });
  });

  it('profile mode ignores the beta annotation (CDI reads only the GA one); spec.pvc gets it from admission', () => {
    expect(resolveTargetClass(form(), [sc('beta', BETA)]).targetClassFrom).toBe('none');
    expect(resolveTargetClass(form({ storageMode: 'explicit' }), [sc('beta', BETA)])).toMatchObject({
      targetClass: 'beta',
      targetClassFrom: 'default',
    });
  });

  it('explicit mode never uses the virtualization default', () => {
    expect(resolveTargetClass(form({ storageMode: 'explicit' }), classes).targetClass).toBe('rbd');
    expect(resolveTargetClass(form({ storageMode: 'explicit' }), [sc('v', VIRT)]).targetClassFrom).toBe(
      'none',
    );
  });
});

describe('storageFactsFrom', () => {
  it('tells what CDI picks from the profile: the first claim property set', () => {
    const f = storageFactsFrom(form(), watches());
    expect(f.profilePick).toEqual({ accessModes: ['ReadWriteMany'], volumeMode: 'Block' });
    expect(f.blockers).toEqual([]);
  });

  it('archive content takes the first Filesystem set', () => {
    const f = storageFactsFrom(form({ contentType: 'archive', storageClassName: 'rbd-virt' }), watches());
    expect(f.profilePick).toEqual({ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' });
  });

  it('blocks profile mode on an incomplete profile, not explicit mode', () => {
    expect(storageFactsFrom(form({ storageClassName: 'acme-fast' }), watches()).blockers).toEqual([
      { code: 'profile-incomplete', className: 'acme-fast', filesystemOnly: false },
    ]);
    expect(
      storageFactsFrom(form({ storageClassName: 'acme-fast', storageMode: 'explicit' }), watches()).blockers,
    ).toEqual([]);
  });

  it('blocks an archive on a Block-only profile', () => {
    expect(
      storageFactsFrom(form({ storageClassName: 'lvms', contentType: 'archive' }), watches()).blockers,
    ).toEqual([{ code: 'profile-incomplete', className: 'lvms', filesystemOnly: true }]);
  });

  it('blocks when there is no class at all, a missing class or a class without a profile', () => {
    expect(storageFactsFrom(form(), watches({ classes: loaded([sc('plain')]) })).blockers).toEqual([
      { code: 'no-class' },
    ]);
    expect(storageFactsFrom(form({ storageClassName: 'gone' }), watches()).blockers).toEqual([
      { code: 'class-missing', className: 'gone' },
    ]);
    expect(
      storageFactsFrom(form({ storageClassName: 'rbd' }), watches({ profiles: loaded([]) })).blockers,
    ).toEqual([{ code: 'profile-missing', className: 'rbd' }]);
  });

  it('does not block on what it cannot read, and says it is unknown', () => {
    const f = storageFactsFrom(form({ storageClassName: 'acme-fast' }), watches({ profiles: forbidden() }));
    expect(f.blockers).toEqual([]);
    expect(f.profileState).toBe('unknown');
    expect(f.unknowns.map((u) => u.code)).toEqual(['profiles']);
    const noClasses = storageFactsFrom(form(), watches({ classes: forbidden() }));
    expect(noClasses.targetClassFrom).toBe('unknown');
    expect(noClasses.blockers).toEqual([]);
  });

  it('reads the scratch class, global preallocation and filesystem overhead from CDIConfig status', () => {
    const f = storageFactsFrom(form(), watches());
    expect(f.scratchSpaceStorageClass).toBe('');
    expect(f.preallocationDefault).toBe(true);
    expect(f.overheadFor('rbd')).toBe('0.1');
    expect(f.overheadFor('lvms')).toBe('0.06');
    const unread = storageFactsFrom(form(), watches({ cdiConfig: forbidden() }));
    expect(unread.scratchSpaceStorageClass).toBeUndefined();
    expect(unread.preallocationDefault).toBeUndefined();
    expect(unread.overheadFor('rbd')).toBeUndefined();
    const noStatus = storageFactsFrom(
      form(),
      watches({ cdiConfig: loaded({ metadata: { name: 'config' } }) }),
    );
    expect(noStatus.scratchSpaceStorageClass).toBeUndefined();
  });
});

describe('offeredToAdd', () => {
  it('offers the propagated and PVC annotations not yet in a row, never immediate bind (own checkbox)', () => {
    const keys = offeredToAdd([{ key: 'k8s.v1.cni.cncf.io/networks', value: 'x' }]).map((a) => a.key);
    expect(keys).toContain('v1.multus-cni.io/default-network');
    expect(keys).toContain('cdi.kubevirt.io/storage.pod.retainAfterCompletion');
    expect(keys).not.toContain('k8s.v1.cni.cncf.io/networks');
    expect(keys).not.toContain('cdi.kubevirt.io/storage.bind.immediate.requested');
  });
});
