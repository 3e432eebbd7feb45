import { applyPatch, deepClone } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { assertGuardedPatch, buildGuardedPatch, PatchBuildError, toJsonPointer } from './json-patch';

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

const apply = <T extends object>(doc: T, patch: ReturnType<typeof buildGuardedPatch>): T =>
  applyPatch(deepClone(doc), patch as never, true, false).newDocument;

describe('toJsonPointer', () => {
  it('escapes "/" and "~" in keys such as annotation names', () => {
    expect(toJsonPointer(['metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class'])).toBe(
      '/metadata/annotations/storageclass.kubernetes.io~1is-default-class',
    );
    expect(toJsonPointer(['a~b', 0])).toBe('/a~0b/0');
  });
});

describe('buildGuardedPatch', () => {
  it('replaces an existing field, led by a resourceVersion test', () => {
    const patch = buildGuardedPatch(profile(), [{ path: ['spec', 'cloneStrategy'], value: 'snapshot' }]);
    expect(patch).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '42' },
      { op: 'replace', path: '/spec/cloneStrategy', value: 'snapshot' },
    ]);
  });

  it('touches only the edited path and keeps every other field', () => {
    const before = profile();
    const after = apply(
      before,
      buildGuardedPatch(before, [{ path: ['spec', 'dataImportCronSourceFormat'], value: 'snapshot' }]),
    );
    expect(after.spec).toEqual({ cloneStrategy: 'copy', dataImportCronSourceFormat: 'snapshot' });
    expect(after.metadata).toEqual(before.metadata);
  });

  it('creates missing parents, and two edits under one missing parent both survive', () => {
    const hco = { metadata: { name: 'kubevirt-hyperconverged', resourceVersion: '7' }, spec: {} };
    const patch = buildGuardedPatch(hco, [
      { path: ['spec', 'filesystemOverhead', 'global'], value: '0.1' },
      { path: ['spec', 'filesystemOverhead', 'storageClass', 'nfs'], value: '0.2' },
    ]);
    expect(apply(hco, patch).spec).toEqual({
      filesystemOverhead: { global: '0.1', storageClass: { nfs: '0.2' } },
    });
  });

  it('removes a field when the value is undefined, and skips removing an absent one', () => {
    const patch = buildGuardedPatch(profile(), [
      { path: ['spec', 'cloneStrategy'], value: undefined },
      { path: ['spec', 'snapshotClass'], value: undefined },
    ]);
    expect(patch.slice(1)).toEqual([{ op: 'remove', path: '/spec/cloneStrategy' }]);
  });

  it('returns no operations (not even a test) when nothing changes', () => {
    expect(buildGuardedPatch(profile(), [{ path: ['spec', 'cloneStrategy'], value: 'copy' }])).toEqual([]);
  });

  it('sends an atomic list whole', () => {
    const sets = [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }];
    const patch = buildGuardedPatch(profile(), [{ path: ['spec', 'claimPropertySets'], value: sets }]);
    expect(patch[1]).toEqual({ op: 'add', path: '/spec/claimPropertySets', value: sets });
  });

  it('with the values guard, tests each old value instead of the resourceVersion', () => {
    const patch = buildGuardedPatch(
      profile(),
      [{ path: ['spec', 'cloneStrategy'], value: 'csi-clone' }],
      'values',
    );
    expect(patch).toEqual([
      { op: 'test', path: '/spec/cloneStrategy', value: 'copy' },
      { op: 'replace', path: '/spec/cloneStrategy', value: 'csi-clone' },
    ]);
  });

  it('with the values guard, falls back to a resourceVersion test when the old value was absent', () => {
    const patch = buildGuardedPatch(
      profile(),
      [{ path: ['spec', 'snapshotClass'], value: 'csi-snap' }],
      'values',
    );
    expect(patch[0]).toEqual({ op: 'test', path: '/metadata/resourceVersion', value: '42' });
  });

  it('a patch built from a stale object fails on the server side (test op) instead of overwriting', () => {
    const seen = profile();
    const patch = buildGuardedPatch(seen, [{ path: ['spec', 'cloneStrategy'], value: 'snapshot' }]);
    const changedMeanwhile = { ...profile(), metadata: { ...profile().metadata, resourceVersion: '43' } };
    expect(() => apply(changedMeanwhile, patch)).toThrow(/test operation failed/i);
  });

  it('refuses without a resourceVersion to guard with', () => {
    const noRv = { metadata: { name: 'x' }, spec: {} };
    expect(() => buildGuardedPatch(noRv, [{ path: ['spec', 'a'], value: 1 }])).toThrow(PatchBuildError);
  });

  it('refuses to descend into a value that is not an object', () => {
    expect(() => buildGuardedPatch(profile(), [{ path: ['spec', 'cloneStrategy', 'x'], value: 1 }])).toThrow(
      /not an object/,
    );
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
