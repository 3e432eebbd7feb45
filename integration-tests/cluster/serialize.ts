import type { K8sObject } from './sim-api';

/** A stored object in the requested version (a kind's conversion, or an apiVersion rewrite). */
export type ToVersion = (obj: K8sObject) => K8sObject;

/**
 * JSON of stored objects, cached per object and apiVersion: stored objects are immutable, so a list of
 * thousands of objects is a string join, not a serialization storm, and a conversion runs once per stored
 * object version. Objects are served in the requested version through `toVersion` (default: rewriting
 * apiVersion only, as a CRD without conversion does).
 */
const cache = new WeakMap<K8sObject, Map<string, string>>();

export function objectJson(obj: K8sObject, apiVersion: string, toVersion?: ToVersion): string {
  let m = cache.get(obj);
  if (!m) cache.set(obj, (m = new Map()));
  let s = m.get(apiVersion);
  if (s === undefined) {
    s = JSON.stringify(
      obj.apiVersion === apiVersion ? obj : toVersion ? toVersion(obj) : { ...obj, apiVersion },
    );
    m.set(apiVersion, s);
  }
  return s;
}

/**
 * JSON of a list item. The apiserver's JSON lists of built-in kinds carry no kind/apiVersion in their items
 * (only the list has them); custom resources keep them.
 */
export function listItemJson(
  obj: K8sObject,
  apiVersion: string,
  builtin: boolean,
  toVersion?: ToVersion,
): string {
  if (!builtin) return objectJson(obj, apiVersion, toVersion);
  let m = cache.get(obj);
  if (!m) cache.set(obj, (m = new Map()));
  let s = m.get('');
  if (s === undefined) {
    const { kind: _k, apiVersion: _a, ...rest } = obj;
    s = JSON.stringify(rest);
    m.set('', s);
  }
  return s;
}
