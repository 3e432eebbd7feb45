import { describe, expect, it } from 'vitest';
import {
  assertGuardedPatch,
  buildGuardedPatch,
  PatchBuildError,
  testedPaths,
  toJsonPointer,
} from './json-patch';
import { applyAsApiserver } from './testing/apply-as-apiserver';

const profile = () => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: {
    name: 'ceph-rbd',
    resourceVersion: '42',
    annotations: { 'cdi.kubevirt.io/minimumSupportedPvcSize': '1Gi' },
  },
  spec: { cloneStrategy: 'copy' } as Record<string, unknown>,
});

describe('toJsonPointer', () => {
  it('escapes "/" and "~" in keys such as annotation names', () => {
    expect(toJsonPointer(['metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class'])).toBe(
      '/metadata/annotations/storageclass.kubernetes.io~1is-default-class',
    );
    expect(toJsonPointer(['a~b', 0])).toBe('/a~0b/0');
  });
});

describe('buildGuardedPatch', () => {
  it('replaces an existing field, guarded by a test of exactly that field (never resourceVersion)', () => {
    const patch = buildGuardedPatch(profile(), [{ path: ['spec', 'cloneStrategy'], value: 'snapshot' }]);
    expect(patch).toEqual([
      { op: 'test', path: '/spec/cloneStrategy', value: 'copy' },
      { op: 'replace', path: '/spec/cloneStrategy', value: 'snapshot' },
    ]);
  });

  it('guards an added field with a null test, so it fails once someone else has set it', () => {
    const seen = profile();
    const patch = buildGuardedPatch(seen, [{ path: ['spec', 'snapshotClass'], value: 'csi-snap' }]);
    expect(patch).toEqual([
      { op: 'test', path: '/spec/snapshotClass', value: null },
      { op: 'add', path: '/spec/snapshotClass', value: 'csi-snap' },
    ]);
    expect(applyAsApiserver(seen, patch).spec.snapshotClass).toBe('csi-snap');
    const setMeanwhile = { ...seen, spec: { ...seen.spec, snapshotClass: 'other' } };
    expect(() => applyAsApiserver(setMeanwhile, patch)).toThrow(/test operation failed/i);
  });

  it('touches only the edited path and keeps every other field', () => {
    const before = profile();
    const after = applyAsApiserver(
      before,
      buildGuardedPatch(before, [{ path: ['spec', 'dataImportCronSourceFormat'], value: 'snapshot' }]),
    );
    expect(after.spec).toEqual({ cloneStrategy: 'copy', dataImportCronSourceFormat: 'snapshot' });
    expect(after.metadata).toEqual(before.metadata);
  });

  it('does not fail when only status or resourceVersion changed meanwhile', () => {
    const seen = profile();
    const patch = buildGuardedPatch(seen, [{ path: ['spec', 'cloneStrategy'], value: 'snapshot' }]);
    const heartbeat = {
      ...seen,
      metadata: { ...seen.metadata, resourceVersion: '99' },
      status: { provisioner: 'x' },
    };
    expect(applyAsApiserver(heartbeat, patch).spec.cloneStrategy).toBe('snapshot');
  });

  it('fails when the edited field changed meanwhile, leaving the object as it was', () => {
    const seen = profile();
    const patch = buildGuardedPatch(seen, [{ path: ['spec', 'cloneStrategy'], value: 'snapshot' }]);
    const changed = { ...seen, spec: { cloneStrategy: 'csi-clone' } };
    expect(() => applyAsApiserver(changed, patch)).toThrow(/test operation failed/i);
  });

  it('creates missing parents with one guard at the first missing segment; both edits survive', () => {
    const hco = { metadata: { name: 'kubevirt-hyperconverged', resourceVersion: '7' }, spec: {} };
    const patch = buildGuardedPatch(hco, [
      { path: ['spec', 'filesystemOverhead', 'global'], value: '0.1' },
      { path: ['spec', 'filesystemOverhead', 'storageClass', 'nfs'], value: '0.2' },
    ]);
    expect(patch.filter((op) => op.op === 'test')).toEqual([
      { op: 'test', path: '/spec/filesystemOverhead', value: null },
    ]);
    expect(applyAsApiserver(hco, patch).spec).toEqual({
      filesystemOverhead: { global: '0.1', storageClass: { nfs: '0.2' } },
    });
  });

  it('removes a field when the value is undefined, and skips removing an absent one', () => {
    const patch = buildGuardedPatch(profile(), [
      { path: ['spec', 'cloneStrategy'], value: undefined },
      { path: ['spec', 'snapshotClass'], value: undefined },
    ]);
    expect(patch).toEqual([
      { op: 'test', path: '/spec/cloneStrategy', value: 'copy' },
      { op: 'remove', path: '/spec/cloneStrategy' },
    ]);
  });

  it('returns no operations (not even a test) when nothing changes', () => {
    expect(buildGuardedPatch(profile(), [{ path: ['spec', 'cloneStrategy'], value: 'copy' }])).toEqual([]);
  });

  it('sends an atomic list whole, guarded by its old value', () => {
    const seen = profile();
    seen.spec.claimPropertySets = [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }];
    const sets = [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }];
    const patch = buildGuardedPatch(seen, [{ path: ['spec', 'claimPropertySets'], value: sets }]);
    expect(patch).toEqual([
      { op: 'test', path: '/spec/claimPropertySets', value: seen.spec.claimPropertySets },
      { op: 'replace', path: '/spec/claimPropertySets', value: sets },
    ]);
  });

  it('escapes annotation keys in both the guard and the edit', () => {
    const patch = buildGuardedPatch(profile(), [
      { path: ['metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class'], value: 'true' },
    ]);
    expect(patch[0]).toEqual({
      op: 'test',
      path: '/metadata/annotations/storageclass.kubernetes.io~1is-default-class',
      value: null,
    });
  });

  it('refuses to write status or resourceVersion', () => {
    expect(() => buildGuardedPatch(profile(), [{ path: ['status', 'x'], value: 1 }])).toThrow(
      PatchBuildError,
    );
    expect(() =>
      buildGuardedPatch(profile(), [{ path: ['metadata', 'resourceVersion'], value: '1' }]),
    ).toThrow(PatchBuildError);
  });

  it('refuses to descend into a value that is not an object', () => {
    expect(() => buildGuardedPatch(profile(), [{ path: ['spec', 'cloneStrategy', 'x'], value: 1 }])).toThrow(
      /not an object/,
    );
  });
});

describe('testedPaths', () => {
  it('lists the guarded paths as segments, unescaped', () => {
    const patch = buildGuardedPatch(profile(), [
      { path: ['spec', 'cloneStrategy'], value: 'snapshot' },
      { path: ['metadata', 'annotations', 'a/b'], value: 'x' },
    ]);
    expect(testedPaths(patch)).toEqual([
      ['spec', 'cloneStrategy'],
      ['metadata', 'annotations', 'a/b'],
    ]);
  });
});

describe('assertGuardedPatch', () => {
  it('accepts a patch led by a test op and refuses empty or unguarded ones', () => {
    expect(() =>
      assertGuardedPatch(buildGuardedPatch(profile(), [{ path: ['spec', 'x'], value: 1 }])),
    ).not.toThrow();
    expect(() => assertGuardedPatch([])).toThrow(/unchanged/);
    expect(() => assertGuardedPatch([{ op: 'replace', path: '/spec/x', value: 1 }])).toThrow(/unguarded/);
  });
});

describe('buildGuardedPatch under one missing parent', () => {
  it('keeps each add op as it was built when a later edit lands under the same new parent', () => {
    const base = { metadata: { name: 'h' }, spec: {} };
    const patch = buildGuardedPatch(base, [
      { path: ['spec', 'limits', 'cpu'], value: '1' },
      { path: ['spec', 'limits', 'memory'], value: '1Gi' },
    ]);
    expect(patch).toEqual([
      { op: 'test', path: '/spec/limits', value: null },
      { op: 'add', path: '/spec/limits', value: { cpu: '1' } },
      { op: 'add', path: '/spec/limits/memory', value: '1Gi' },
    ]);
  });
});
