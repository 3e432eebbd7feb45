import { applyPatch, deepClone } from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import type { StorageProfile } from '../../../k8s/types';
import { adminSetFields, buildStorageProfileSpecPatch } from './storage-profile-spec-patch';

const profile = (spec: StorageProfile['spec']): StorageProfile => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: {
    name: 'acme-fast',
    resourceVersion: '42',
    labels: { 'cdi.kubevirt.io': '' },
    annotations: { 'cdi.kubevirt.io/minimumSupportedPvcSize': '1Gi' },
  },
  spec,
  status: {
    provisioner: 'csi.acme.example.com',
    cloneStrategy: 'copy',
    conditions: [{ type: 'Recognized', status: 'False', reason: 'UnrecognizedProvisioner' }],
  },
});

const apply = (obj: StorageProfile, ops: unknown[]): StorageProfile =>
  applyPatch(deepClone(obj), ops as Operation[], true, false).newDocument;

const RWX_BLOCK = { accessModes: ['ReadWriteMany' as const], volumeMode: 'Block' as const };
const RWO_FS = { accessModes: ['ReadWriteOnce' as const], volumeMode: 'Filesystem' as const };

describe('buildStorageProfileSpecPatch', () => {
  it('adds new admin values to an empty spec and changes nothing else', () => {
    const old = profile({});
    const ops = buildStorageProfileSpecPatch(old, {
      claimPropertySets: [RWX_BLOCK],
      cloneStrategy: 'csi-clone',
    });
    expect(ops).toEqual([
      { op: 'test', path: '/spec', value: {} },
      { op: 'add', path: '/spec/claimPropertySets', value: [RWX_BLOCK] },
      { op: 'add', path: '/spec/cloneStrategy', value: 'csi-clone' },
    ]);
    const result = apply(old, ops);
    expect(result.spec).toEqual({ claimPropertySets: [RWX_BLOCK], cloneStrategy: 'csi-clone' });
    expect({ ...result, spec: old.spec }).toEqual(old);
  });

  it('leaves unchanged fields out of the patch entirely', () => {
    const old = profile({
      claimPropertySets: [RWX_BLOCK],
      cloneStrategy: 'snapshot',
      snapshotClass: 'vsc-a',
    });
    const ops = buildStorageProfileSpecPatch(old, {
      claimPropertySets: [RWX_BLOCK],
      cloneStrategy: 'csi-clone',
      snapshotClass: 'vsc-a',
    });
    const touched = ops.filter((op) => op.op !== 'test').map((op) => op.path);
    expect(touched).toEqual(['/spec/cloneStrategy']);
    expect(ops).toContainEqual({ op: 'replace', path: '/spec/cloneStrategy', value: 'csi-clone' });
  });

  it('removes overrides the admin cleared, so CDI values apply again', () => {
    const old = profile({
      claimPropertySets: [RWX_BLOCK],
      cloneStrategy: 'copy',
      dataImportCronSourceFormat: 'pvc',
    });
    const ops = buildStorageProfileSpecPatch(old, { claimPropertySets: [], cloneStrategy: '' });
    expect(ops.filter((op) => op.op !== 'test')).toEqual([
      { op: 'remove', path: '/spec/claimPropertySets' },
      { op: 'remove', path: '/spec/cloneStrategy' },
      { op: 'remove', path: '/spec/dataImportCronSourceFormat' },
    ]);
    expect(apply(old, ops).spec).toEqual({});
  });

  it('never touches stored empty values the user did not change', () => {
    const old = profile({ snapshotClass: '', claimPropertySets: [], cloneStrategy: 'copy' });
    const ops = buildStorageProfileSpecPatch(old, { claimPropertySets: [], cloneStrategy: 'snapshot' });
    expect(ops).toEqual([
      { op: 'test', path: '/spec', value: old.spec },
      { op: 'replace', path: '/spec/cloneStrategy', value: 'snapshot' },
    ]);
    expect(apply(old, ops).spec).toEqual({
      snapshotClass: '',
      claimPropertySets: [],
      cloneStrategy: 'snapshot',
    });
  });

  it('sends nothing when the only stored values are empty and the form is empty too', () => {
    expect(buildStorageProfileSpecPatch(profile({ snapshotClass: '', claimPropertySets: [] }), {})).toEqual(
      [],
    );
  });

  it('replaces a stored empty value the user filled in', () => {
    const old = profile({ snapshotClass: '' });
    const ops = buildStorageProfileSpecPatch(old, { snapshotClass: 'vsc-a' });
    expect(ops.filter((op) => op.op !== 'test')).toEqual([
      { op: 'replace', path: '/spec/snapshotClass', value: 'vsc-a' },
    ]);
  });

  it('resets to CDI defaults with an empty spec but keeps spec fields the plugin does not edit', () => {
    const old = profile({ cloneStrategy: 'copy', futureField: 'keep me' } as StorageProfile['spec']);
    const result = apply(old, buildStorageProfileSpecPatch(old, {}));
    expect(result.spec).toEqual({ futureField: 'keep me' });
  });

  it('replaces a reordered claim property list', () => {
    const old = profile({ claimPropertySets: [RWX_BLOCK, RWO_FS] });
    const ops = buildStorageProfileSpecPatch(old, { claimPropertySets: [RWO_FS, RWX_BLOCK] });
    expect(apply(old, ops).spec.claimPropertySets).toEqual([RWO_FS, RWX_BLOCK]);
  });

  it('returns no operations when nothing changed', () => {
    const old = profile({ claimPropertySets: [RWO_FS], cloneStrategy: 'copy' });
    expect(buildStorageProfileSpecPatch(old, { claimPropertySets: [RWO_FS], cloneStrategy: 'copy' })).toEqual(
      [],
    );
  });

  it('leads with a test of the spec the user saw, which fails after a concurrent change', () => {
    const old = profile({ cloneStrategy: 'copy' });
    const ops = buildStorageProfileSpecPatch(old, { cloneStrategy: 'snapshot' });
    expect(ops[0]).toEqual({ op: 'test', path: '/spec', value: { cloneStrategy: 'copy' } });

    const changedMeanwhile = profile({ cloneStrategy: 'copy', snapshotClass: 'someone-elses' });
    expect(() => apply(changedMeanwhile, ops)).toThrow();
  });

  it('is not fooled by CDI rewriting status between read and write', () => {
    const old = profile({});
    const ops = buildStorageProfileSpecPatch(old, { cloneStrategy: 'snapshot' });
    const newer = { ...profile({}), metadata: { ...old.metadata, resourceVersion: '43' } };
    newer.status = { ...newer.status, cloneStrategy: 'snapshot' };
    expect(apply(newer, ops).spec).toEqual({ cloneStrategy: 'snapshot' });
  });
});

describe('adminSetFields', () => {
  it('lists the fields an administrator set, ignoring empty values', () => {
    expect(adminSetFields(profile({}))).toEqual([]);
    expect(
      adminSetFields(profile({ claimPropertySets: [], cloneStrategy: '', snapshotClass: 'vsc' })),
    ).toEqual(['snapshotClass']);
    expect(
      adminSetFields(profile({ claimPropertySets: [RWO_FS], dataImportCronSourceFormat: 'pvc' })),
    ).toEqual(['claimPropertySets', 'dataImportCronSourceFormat']);
  });
});
