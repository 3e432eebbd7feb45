import type { K8sResourceCommon, Patch } from '@openshift-console/dynamic-plugin-sdk';
import { applyOperation, deepClone, type Operation } from 'fast-json-patch';

/** A path into an object as segments, e.g. ['metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class']. */
export type FieldPath = readonly (string | number)[];

/** One user edit: set `path` to `value`, or remove it when `value` is undefined. */
export interface FieldChange {
  path: FieldPath;
  value: unknown;
}

/**
 * How the patch proves it was computed from the state the user saw:
 * - `resourceVersion`: fail if the object changed at all since it was read (safest; the usual choice);
 * - `values`: fail only if one of the edited fields changed (tests each old value; an absent old value
 *   falls back to a resourceVersion test, because JSON patch cannot test for absence).
 */
export type PatchGuard = 'resourceVersion' | 'values';

/** Thrown for edits that cannot be expressed safely; nothing is sent. */
export class PatchBuildError extends Error {}

/** RFC 6901 JSON pointer for a path (escapes `~` and `/`, e.g. in annotation keys). */
export const toJsonPointer = (path: FieldPath): string =>
  path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const hasChild = (parent: unknown, key: string | number): boolean => {
  if (Array.isArray(parent)) return typeof key === 'number' && key >= 0 && key < parent.length;
  return isObject(parent) && Object.prototype.hasOwnProperty.call(parent, String(key));
};

/** The value at `path`, with `found: false` when any segment is missing. */
export const getAtPath = (obj: unknown, path: FieldPath): { found: boolean; value?: unknown } => {
  let cur: unknown = obj;
  for (const seg of path) {
    if (!hasChild(cur, seg)) return { found: false };
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return { found: true, value: cur };
};

export const deepEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => hasChild(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
};

/** Builds `{a: {b: value}}` for the missing tail of a path. */
const nest = (tail: FieldPath, value: unknown): unknown =>
  tail.reduceRight<unknown>((acc, seg) => ({ [String(seg)]: acc }), value);

/** Operations for one change against `obj`; [] when the object already has that value. */
const opsForChange = (obj: unknown, { path, value }: FieldChange): Patch[] => {
  if (path.length === 0) throw new PatchBuildError('A change must name a field, not the whole object.');
  const current = getAtPath(obj, path);
  if (value === undefined) {
    return current.found ? [{ op: 'remove', path: toJsonPointer(path) }] : [];
  }
  if (current.found) {
    return deepEqual(current.value, value) ? [] : [{ op: 'replace', path: toJsonPointer(path), value }];
  }
  // Add at the first missing segment, creating the missing parents as one nested value.
  let depth = 0;
  let cur: unknown = obj;
  while (hasChild(cur, path[depth])) {
    cur = (cur as Record<string | number, unknown>)[path[depth]];
    depth += 1;
  }
  if (!isObject(cur) && !Array.isArray(cur)) {
    throw new PatchBuildError(
      `Cannot set ${toJsonPointer(path)}: ${toJsonPointer(path.slice(0, depth))} is not an object.`,
    );
  }
  if (Array.isArray(cur) && path[depth] !== cur.length) {
    throw new PatchBuildError(`Cannot set ${toJsonPointer(path)}: index is outside the list.`);
  }
  return [
    { op: 'add', path: toJsonPointer(path.slice(0, depth + 1)), value: nest(path.slice(depth + 1), value) },
  ];
};

const resourceVersionTest = (resource: K8sResourceCommon): Patch => {
  const rv = resource.metadata?.resourceVersion;
  if (!rv) throw new PatchBuildError('The object has no resourceVersion; reload it before saving.');
  return { op: 'test', path: '/metadata/resourceVersion', value: rv };
};

/**
 * A minimal JSON patch for `changes` against `resource` (the object as the user last saw it), led by
 * `test` operations so the server rejects it if someone else changed the object meanwhile.
 * Changes are applied in order to a working copy, so two edits under one missing parent both land.
 * Returns [] when nothing would change.
 */
export const buildGuardedPatch = (
  resource: K8sResourceCommon,
  changes: readonly FieldChange[],
  guard: PatchGuard = 'resourceVersion',
): Patch[] => {
  const working: unknown = deepClone(resource);
  const edits: Patch[] = [];
  const tests: Patch[] = [];
  let needsVersionTest = guard === 'resourceVersion';
  changes.forEach((change) => {
    const ops = opsForChange(working, change);
    if (ops.length === 0) return;
    if (guard === 'values') {
      const old = getAtPath(resource, change.path);
      if (old.found) tests.push({ op: 'test', path: toJsonPointer(change.path), value: old.value });
      else needsVersionTest = true;
    }
    ops.forEach((op) => applyOperation(working, op as Operation, false, true));
    edits.push(...ops);
  });
  if (edits.length === 0) return [];
  return [...(needsVersionTest ? [resourceVersionTest(resource)] : []), ...tests, ...edits];
};

/** Throws unless `patch` is non-empty and starts with a `test` op: the only kind of patch the plugin sends. */
export const assertGuardedPatch = (patch: readonly Patch[]): void => {
  if (patch.length === 0) throw new PatchBuildError('Nothing to save: the values are unchanged.');
  if (patch[0].op !== 'test') {
    throw new PatchBuildError('Refusing to send an unguarded patch (it must start with a test operation).');
  }
};
