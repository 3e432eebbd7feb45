import { HCO_FIELD_PATHS, type HcoField } from '../hco-paths';
import { getAtPath } from '../json-patch';
import type { HyperConverged } from '../types';

const setAt = (obj: Record<string, unknown>, path: readonly (string | number)[], value: unknown) => {
  let cur = obj;
  path.slice(0, -1).forEach((seg) => {
    cur[seg] = (cur[seg] as Record<string, unknown> | undefined) ?? {};
    cur = cur[seg] as Record<string, unknown>;
  });
  cur[path[path.length - 1]] = value;
};

const deleteAt = (obj: unknown, path: readonly (string | number)[]) => {
  const parent = getAtPath(obj, path.slice(0, -1));
  if (parent.found && parent.value && typeof parent.value === 'object')
    delete (parent.value as Record<string, unknown>)[path[path.length - 1]];
};

/**
 * A v1beta1 test object as the apiserver serves it at hco.kubevirt.io/v1: every field the plugin knows moved
 * to its v1 path (as HCO's conversion does, api/v1beta1/conversion.go); `resourceRequirements` and
 * `featureGates` left as they are unless the test sets them. For tests only.
 */
export const asV1 = (hc: HyperConverged): HyperConverged => {
  const out = structuredClone(hc) as HyperConverged & Record<string, unknown>;
  out.apiVersion = 'hco.kubevirt.io/v1';
  (Object.keys(HCO_FIELD_PATHS.v1beta1) as HcoField[]).forEach((field) => {
    const { found, value } = getAtPath(hc, HCO_FIELD_PATHS.v1beta1[field]);
    if (!found) return;
    deleteAt(out, HCO_FIELD_PATHS.v1beta1[field]);
    setAt(out, HCO_FIELD_PATHS.v1[field], structuredClone(value));
  });
  const rr = getAtPath(out, ['spec', 'resourceRequirements']).value;
  if (rr && typeof rr === 'object' && Object.keys(rr).length === 0)
    deleteAt(out, ['spec', 'resourceRequirements']);
  const si = getAtPath(out, ['spec', 'storageImport']).value;
  if (si && typeof si === 'object' && Object.keys(si).length === 0) deleteAt(out, ['spec', 'storageImport']);
  return out;
};
