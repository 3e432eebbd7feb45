import type { K8sResourceCommon, Patch } from '@openshift-console/dynamic-plugin-sdk';
import { applyOperation, deepClone, type Operation } from 'fast-json-patch';

/** A path into an object as segments, e.g. ['metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class']. */
export type FieldPath = readonly (string | number)[];

/** One user edit: set `path` to `value`, or remove it when `value` is undefined. */
export interface FieldChange {
  path: FieldPath;
  value: unknown;
}

/** Thrown for edits that cannot be expressed safely; nothing is sent. */
export class PatchBuildError extends Error {}

/** RFC 6901 JSON pointer for a path (escapes `~` and `/`, e.g. in annotation keys). */
export const toJsonPointer = (path: FieldPath): string =>
  path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** The segments of an RFC 6901 JSON pointer (unescapes `~1` and `~0`); the inverse of `toJsonPointer`. */
export const fromJsonPointer = (pointer: string): string[] =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

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

/**
 * The guard of one edit: a `test` of the edited path's value in `base`, or, when that path is absent, a
 * `test` for `null` at its first missing segment. The apiserver's JSON patch library passes a `null` test on
 * an absent key (evanphx/json-patch v4 `test`), so this proves the field is still absent without testing
 * `resourceVersion`, which operators bump with every status write.
 */
const guardFor = (base: unknown, path: FieldPath): Patch => {
  let depth = 0;
  let cur: unknown = base;
  while (depth < path.length && hasChild(cur, path[depth])) {
    cur = (cur as Record<string | number, unknown>)[path[depth]];
    depth += 1;
  }
  if (depth === path.length) return { op: 'test', path: toJsonPointer(path), value: cur };
  return { op: 'test', path: toJsonPointer(path.slice(0, depth + 1)), value: null };
};

const isUnder = (pointer: string, ancestor: string): boolean =>
  pointer === ancestor || pointer.startsWith(`${ancestor}/`);

/**
 * The one write policy of the plugin: a minimal JSON patch for `changes` against `base` (the object the user
 * started from), led by `test` operations on exactly the subtrees it edits, so the server rejects it if anyone
 * changed one of them meanwhile, and never because an operator rewrote `status` or `resourceVersion`.
 * Changes are applied in order to a working copy, so two edits under one missing parent both land.
 * Returns [] when nothing would change. Changes to `status` or `metadata.resourceVersion` are refused.
 */
export const buildGuardedPatch = (base: K8sResourceCommon, changes: readonly FieldChange[]): Patch[] => {
  const working: unknown = deepClone(base);
  const edits: Patch[] = [];
  const tests: Patch[] = [];
  changes.forEach((change) => {
    if (
      change.path[0] === 'status' ||
      (change.path[0] === 'metadata' && change.path[1] === 'resourceVersion')
    ) {
      throw new PatchBuildError(
        `Refusing to write ${toJsonPointer(change.path)}: the plugin never edits it.`,
      );
    }
    const ops = opsForChange(working, change);
    if (ops.length === 0) return;
    const guard = guardFor(base, change.path);
    // A test of an ancestor already guards this path; a test of a descendant is replaced by this wider one.
    if (!tests.some((t) => isUnder(guard.path, t.path))) {
      for (let i = tests.length - 1; i >= 0; i -= 1)
        if (isUnder(tests[i].path, guard.path)) tests.splice(i, 1);
      tests.push(guard);
    }
    // A copy goes into the working object: a later edit under the same new parent must not change this op's value.
    ops.forEach((op) => applyOperation(working, deepClone(op) as Operation, false, true));
    edits.push(...ops);
  });
  if (edits.length === 0) return [];
  return [...tests, ...edits];
};

/** The paths a guarded patch tests, as segments: after a failed write, compare these to tell a conflict. */
export const testedPaths = (patch: readonly Patch[]): FieldPath[] =>
  patch.filter((op) => op.op === 'test').map((op) => fromJsonPointer(op.path));

/** Throws unless `patch` is non-empty and starts with a `test` op: the only kind of patch the plugin sends. */
export const assertGuardedPatch = (patch: readonly Patch[]): void => {
  if (patch.length === 0) throw new PatchBuildError('Nothing to save: the values are unchanged.');
  if (patch[0].op !== 'test') {
    throw new PatchBuildError('Refusing to send an unguarded patch (it must start with a test operation).');
  }
};
