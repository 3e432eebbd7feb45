import type { Patch } from '@openshift-console/dynamic-plugin-sdk';
import { deepEqual, toJsonPointer } from '../../../k8s/json-patch';
import type { StorageProfile, StorageProfileSpec } from '../../../k8s/types';

/** The spec fields the plugin edits; any other (future) spec field is never touched. */
export const EDITABLE_SPEC_FIELDS = [
  'claimPropertySets',
  'cloneStrategy',
  'dataImportCronSourceFormat',
  'snapshotClass',
] as const satisfies readonly (keyof StorageProfileSpec)[];

export type EditableSpecField = (typeof EDITABLE_SPEC_FIELDS)[number];

/** An empty list or string means "not set": CDI then falls back to its own value. */
const isSet = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/** The admin-set values of the editable fields, with empty values dropped. */
export const adminValues = (spec: StorageProfileSpec | undefined): StorageProfileSpec => {
  const out: StorageProfileSpec = {};
  EDITABLE_SPEC_FIELDS.forEach((field) => {
    const value = spec?.[field];
    if (isSet(value)) Object.assign(out, { [field]: value });
  });
  return out;
};

/** The editable spec fields an administrator set on the profile, in form order. */
export const adminSetFields = (profile: StorageProfile): EditableSpecField[] => {
  const values = adminValues(profile.spec);
  return EDITABLE_SPEC_FIELDS.filter((f) => values[f] !== undefined);
};

/**
 * A JSON patch that turns `oldProfile.spec` into `newSpec` for the editable fields: `add`/`replace` for new
 * or changed values, `remove` for ones the user cleared (CDI's own value applies again), nothing for the rest.
 * A stored empty value ("" or []) counts as "not set": when the form also says "not set", the field is left
 * exactly as stored, never removed behind the user's back.
 *
 * Guard: one `test` of the whole `/spec` against the spec the user saw. This fails when anyone changed the
 * spec meanwhile (including adding a field the user is adding), but not when CDI merely rewrites `status`,
 * which a resourceVersion test would turn into false conflicts. Returns [] when nothing changes.
 */
export function buildStorageProfileSpecPatch(
  oldProfile: StorageProfile,
  newSpec: StorageProfileSpec,
): Patch[] {
  const wanted = adminValues(newSpec);
  if (!oldProfile.spec) {
    // The CRD requires spec; an object without one can only be guarded by its resourceVersion.
    const rv = oldProfile.metadata?.resourceVersion;
    return [
      ...(rv ? [{ op: 'test', path: '/metadata/resourceVersion', value: rv }] : []),
      { op: 'add', path: '/spec', value: wanted },
    ];
  }
  const oldSpec = oldProfile.spec;
  const ops: Patch[] = [];
  EDITABLE_SPEC_FIELDS.forEach((field) => {
    const path = toJsonPointer(['spec', field]);
    const present = Object.prototype.hasOwnProperty.call(oldSpec, field);
    const before = oldSpec[field];
    const after = wanted[field];
    if (after === undefined) {
      // Only a value that counted as set can have been cleared by the user.
      if (present && isSet(before)) ops.push({ op: 'remove', path });
    } else if (!present) {
      ops.push({ op: 'add', path, value: after });
    } else if (!deepEqual(before, after)) {
      ops.push({ op: 'replace', path, value: after });
    }
  });
  return ops.length === 0 ? [] : [{ op: 'test', path: '/spec', value: oldSpec }, ...ops];
}
