import { describe, expect, it } from 'vitest';
import { buildGuardedPatch } from '../../../k8s/json-patch';
import { applyAsApiserver } from '../../../k8s/testing/apply-as-apiserver';
import type { StorageClass, StorageProfile } from '../../../k8s/types';
import {
  buildPoolStorageClass,
  clusterStateAfterFailure,
  poolStorageClassNotes,
  profileSpecChanges,
  recreatePlan,
  restorableClass,
  validateStorageClassName,
} from './storage-class-spec';
import { pvc, sc } from './test-fixtures';

describe('buildPoolStorageClass', () => {
  it('the CSI class of a pool, WaitForFirstConsumer unless asked otherwise', () => {
    expect(buildPoolStorageClass({ name: 'hpp-local', pool: 'local', reclaimPolicy: 'Delete' })).toEqual({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'hpp-local' },
      provisioner: 'kubevirt.io.hostpath-provisioner',
      parameters: { storagePool: 'local' },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    expect(
      buildPoolStorageClass({
        name: 'x',
        pool: 'p',
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'Immediate',
        allowVolumeExpansion: false,
      }),
    ).toMatchObject({ reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate', allowVolumeExpansion: false });
  });

  it('notes Immediate binding and volume expansion the driver cannot do', () => {
    expect(poolStorageClassNotes({ name: 'x', pool: 'p', reclaimPolicy: 'Delete' })).toEqual([]);
    expect(
      poolStorageClassNotes({
        name: 'x',
        pool: 'p',
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
        allowVolumeExpansion: true,
      }),
    ).toEqual([{ code: 'immediate-binding' }, { code: 'expansion-not-supported' }]);
  });
});

describe('validateStorageClassName', () => {
  it('DNS-1123 subdomain of at most 253, not taken', () => {
    expect(validateStorageClassName('', [])).toEqual({ code: 'required' });
    expect(validateStorageClassName('a'.repeat(254), [])).toEqual({ code: 'too-long', max: 253 });
    expect(validateStorageClassName('Bad_Name', [])).toEqual({ code: 'not-dns1123-subdomain' });
    expect(validateStorageClassName('-a', [])).toEqual({ code: 'not-dns1123-subdomain' });
    expect(validateStorageClassName('hpp.local-1', [])).toBeUndefined();
    expect(validateStorageClassName('taken', [sc('taken')])).toEqual({ code: 'taken' });
    // Unreadable classes: "taken" is never guessed.
    expect(validateStorageClassName('taken', undefined)).toBeUndefined();
  });
});

describe('restorableClass', () => {
  it('strips what the server sets and keeps the rest', () => {
    const saved: StorageClass = {
      ...sc(
        'gold',
        undefined,
        { storagePool: 'a' },
        { 'storageclass.kubernetes.io/is-default-class': 'true' },
      ),
      metadata: {
        name: 'gold',
        uid: 'u',
        resourceVersion: '1',
        creationTimestamp: '2024-01-01T00:00:00Z',
        managedFields: [{ manager: 'kubectl' }],
        generation: 1,
        labels: { team: 'a' },
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      mountOptions: ['noatime'],
    };
    expect(restorableClass(saved)).toEqual({
      ...saved,
      metadata: {
        name: 'gold',
        labels: { team: 'a' },
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
    });
    expect(saved.metadata?.uid).toBe('u');
    expect(restorableClass({ metadata: { name: 'bare' }, provisioner: 'p' })).toEqual({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'bare' },
      provisioner: 'p',
    });
  });
});

describe('recreatePlan', () => {
  const current: StorageClass = {
    ...sc(
      'hpp',
      undefined,
      { storagePool: 'old' },
      { 'storageclass.kubevirt.io/is-default-virt-class': 'true' },
    ),
    metadata: {
      name: 'hpp',
      uid: 'u',
      resourceVersion: '9',
      annotations: { 'storageclass.kubevirt.io/is-default-virt-class': 'true' },
    },
  };
  const profile: StorageProfile = {
    metadata: { name: 'hpp' },
    spec: {
      claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
      cloneStrategy: 'copy',
    },
  };
  const desired = buildPoolStorageClass({ name: 'hpp', pool: 'new', reclaimPolicy: 'Retain' });

  it('save, delete, create (defaults and labels kept), re-apply the profile spec', () => {
    const plan = recreatePlan(current, profile, desired, [
      pvc('disk', 'vms', 'hpp', 'Bound'),
      pvc('o', 'vms', 'x'),
    ]);
    expect(plan.immutableChanges).toEqual(['parameters', 'reclaimPolicy']);
    expect(plan.findings).toEqual([{ code: 'claims-keep-old-parameters', claims: 1 }]);
    expect(plan.steps.map((s) => s.id)).toEqual([
      'save',
      'delete-class',
      'create-class',
      'reapply-profile-spec',
    ]);
    const [save, del, create, reapply] = plan.steps;
    expect(save).toEqual({
      id: 'save',
      savedClass: restorableClass(current),
      savedProfileSpec: profile.spec,
    });
    expect(del).toEqual({ id: 'delete-class', className: 'hpp', profileDeleted: true });
    expect(create).toEqual({
      id: 'create-class',
      className: 'hpp',
      changes: ['parameters', 'reclaimPolicy'],
      object: {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'hpp', annotations: { 'storageclass.kubevirt.io/is-default-virt-class': 'true' } },
        provisioner: 'kubevirt.io.hostpath-provisioner',
        parameters: { storagePool: 'new' },
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
    });
    expect(reapply).toEqual({
      id: 'reapply-profile-spec',
      profileName: 'hpp',
      fields: ['claimPropertySets', 'cloneStrategy'],
      changes: [
        { path: ['spec', 'claimPropertySets'], value: profile.spec.claimPropertySets },
        { path: ['spec', 'cloneStrategy'], value: 'copy' },
      ],
    });
    // Onto the empty profile CDI creates for the new class, guarded "still absent".
    const fresh: StorageProfile = { metadata: { name: 'hpp' }, spec: {} };
    if (reapply.id !== 'reapply-profile-spec') throw new Error('expected the profile step');
    expect(applyAsApiserver(fresh, buildGuardedPatch(fresh, reapply.changes)).spec).toEqual(profile.spec);
  });

  it('no profile step when the profile has no spec of its own, or none exists', () => {
    expect(
      recreatePlan(current, { metadata: { name: 'hpp' }, spec: {} }, desired).steps.map((s) => s.id),
    ).toEqual(['save', 'delete-class', 'create-class']);
    const none = recreatePlan(current, null, desired);
    expect(none.steps[1]).toEqual({ id: 'delete-class', className: 'hpp', profileDeleted: false });
    expect(none.findings).toEqual([]);
  });

  it('says when the profile is unknown, when nothing immutable changes, and when the name differs', () => {
    expect(recreatePlan(current, undefined, desired).findings).toEqual([{ code: 'profile-unknown' }]);
    const same = recreatePlan(current, null, { ...current, allowVolumeExpansion: true });
    expect(same.immutableChanges).toEqual([]);
    expect(same.findings).toEqual([{ code: 'not-needed' }]);
    // Kubernetes' defaults: Delete and Immediate when left out.
    const implicit = recreatePlan({ metadata: { name: 'a' }, provisioner: 'p' }, null, {
      metadata: { name: 'a' },
      provisioner: 'p',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      parameters: {},
    });
    expect(implicit.immutableChanges).toEqual([]);
    const create = implicit.steps[2];
    expect(create.id === 'create-class' && create.object).toEqual({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'a' },
      provisioner: 'p',
      parameters: {},
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    });
    expect(recreatePlan(current, null, { ...desired, metadata: { name: 'other' } }).findings).toContainEqual({
      code: 'name-differs',
      current: 'hpp',
      desired: 'other',
    });
  });

  it('the desired labels and annotations win over the kept ones', () => {
    const plan = recreatePlan(current, null, {
      ...desired,
      metadata: {
        name: 'hpp',
        labels: { l: '1' },
        annotations: { 'storageclass.kubevirt.io/is-default-virt-class': 'false' },
      },
    });
    const create = plan.steps[2];
    expect(create.id === 'create-class' && create.object.metadata).toEqual({
      name: 'hpp',
      labels: { l: '1' },
      annotations: { 'storageclass.kubevirt.io/is-default-virt-class': 'false' },
    });
  });

  it('profileSpecChanges skips undefined fields', () => {
    expect(profileSpecChanges(undefined)).toEqual([]);
    expect(profileSpecChanges({ cloneStrategy: undefined, snapshotClass: 's' })).toEqual([
      { path: ['spec', 'snapshotClass'], value: 's' },
    ]);
  });
});

describe('clusterStateAfterFailure', () => {
  it('names the state the cluster is left in and what to offer', () => {
    expect(clusterStateAfterFailure('save')).toEqual({ code: 'nothing-changed' });
    expect(clusterStateAfterFailure('delete-class')).toEqual({ code: 'nothing-changed' });
    expect(clusterStateAfterFailure('create-class')).toEqual({
      code: 'class-deleted-not-recreated',
      offers: ['restore-class', 'reapply-profile-spec'],
    });
    expect(clusterStateAfterFailure('reapply-profile-spec')).toEqual({
      code: 'profile-spec-not-restored',
      offers: ['reapply-profile-spec'],
    });
  });

  it('offers no profile step when the plan has none', () => {
    const plan = recreatePlan(sc('a'), null, sc('a', undefined, { storagePool: 'x' }));
    expect(clusterStateAfterFailure('create-class', plan)).toEqual({
      code: 'class-deleted-not-recreated',
      offers: ['restore-class'],
    });
  });
});
