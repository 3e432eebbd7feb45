import jsonpatch, { type Operation } from 'fast-json-patch';
import { ApiError, type K8sObject } from './sim-api';
import { badRequest } from './errors';
import { clone, isPlainObject } from './util';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (ct === 'application/json-patch+json') return 'json';
  if (ct === 'application/merge-patch+json') return 'merge';
  if (ct === 'application/strategic-merge-patch+json') return 'strategic';
  if (ct === 'application/apply-patch+yaml') return 'apply';
  return undefined;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** patchMergeKey of the core/rbac list fields kubectl patches strategically (by field name). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  envFrom: '',
  ports: 'containerPort',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  conditions: 'type',
  ownerReferences: 'uid',
  imagePullSecrets: 'name',
  tolerations: '',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
};
/** Primitive lists with patchStrategy merge. */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

/**
 * Strategic merge patch for builtin kinds: a merge patch, except lists with a known merge key merge by key,
 * `$patch: delete|replace` directives, `$deleteFromPrimitiveList/<f>`, and `$setElementOrder/<f>`/`$retainKeys`
 * (accepted, order not enforced).
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return clone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[f]) && Array.isArray(v))
        out[f] = (out[f] as unknown[]).filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
    } else if (Array.isArray(v) && MERGE_KEYS[k] && Array.isArray(out[k])) {
      out[k] = mergeListByKey(out[k] as unknown[], v, MERGE_KEYS[k]);
    } else if (Array.isArray(v) && MERGED_PRIMITIVE_LISTS.has(k) && Array.isArray(out[k])) {
      const cur = out[k] as unknown[];
      out[k] = [...cur, ...v.filter((x) => !cur.includes(x))];
    } else if (isPlainObject(v)) {
      const r = strategicMergePatch(out[k], v);
      if (r === undefined) delete out[k];
      else out[k] = r;
    } else {
      out[k] = clone(v);
    }
  }
  return out;
}

function mergeListByKey(cur: unknown[], patch: unknown[], mergeKey: string): unknown[] {
  if (patch.some((p) => isPlainObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isPlainObject(p) && p.$patch === 'replace')).map(clone);
  }
  const out = [...cur];
  for (const p of patch) {
    if (!isPlainObject(p)) continue;
    const idx = out.findIndex((c) => isPlainObject(c) && c[mergeKey] === p[mergeKey]);
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) {
      out[idx] = strategicMergePatch(out[idx], p);
    } else {
      out.push(strategicMergePatch({}, p));
    }
  }
  return out;
}

/**
 * The apiserver's JSON patch library (evanphx/json-patch v4, patch.go `test`: `partialDoc.get` returns nil for
 * a missing key, and a nil value equals a `null` test value) lets `{op: test, value: null}` pass when the key
 * is absent or null, as long as its parent exists; fast-json-patch would fail it. Throws like a failed test.
 */
function testNullAsAbsent(doc: unknown, pointer: string): void {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let parent: unknown = doc;
  for (const seg of segments.slice(0, -1)) {
    if (!isPlainObject(parent) && !Array.isArray(parent)) throw new Error('test: missing path');
    parent = (parent as Record<string, unknown>)[seg];
  }
  if (!isPlainObject(parent) && !Array.isArray(parent)) throw new Error('test: missing path');
  const value = (parent as Record<string, unknown>)[segments[segments.length - 1]];
  if (value !== undefined && value !== null) throw new Error('test: value is not null');
}

/**
 * Applies a patch to (a copy of) the current object. A failed JSON-patch operation (e.g. `test`) is a
 * 422 Invalid whose message is the apiserver's generic one: it does not echo the library's error text.
 */
export function applyPatch(
  type: PatchType,
  current: K8sObject,
  body: unknown,
  builtinKind: boolean,
): K8sObject {
  if (type === 'json') {
    if (!Array.isArray(body))
      throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    // A malformed document (unknown op, missing path or value) is a bad request; validated alone first.
    const validationError = jsonpatch.validate(body as Operation[]);
    if (validationError) throw badRequest(validationError.message);
    try {
      let doc: unknown = clone(current);
      for (const op of body as Operation[]) {
        if (op.op === 'test' && op.value === null) testNullAsAbsent(doc, op.path);
        else doc = jsonpatch.applyOperation(doc, op, true, true).newDocument;
      }
      return doc as K8sObject;
    } catch {
      // Whatever failed while applying (a test op, a missing path, an index out of range), the apiserver's
      // patch handler answers the same generic 422 without causes.
      throw new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request');
    }
  }
  if (!isPlainObject(body))
    throw badRequest(
      'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
  if (type === 'strategic') {
    if (!builtinKind) {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      );
    }
    return strategicMergePatch(clone(current), body) as K8sObject;
  }
  return mergePatch(clone(current), body) as K8sObject;
}
