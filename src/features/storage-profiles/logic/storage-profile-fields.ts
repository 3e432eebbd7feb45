import { optionalStringField, type AnyField, type EditableField } from '../../../k8s/edit-session';
import type { ClaimPropertySet, StorageProfile, StorageProfileSpec } from '../../../k8s/types';

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

/** '' in the form means "not set, CDI decides". */
const optionalString = (id: EditableSpecField) => optionalStringField(id, ['spec', id]);

/**
 * The write engine's view of the StorageProfile form. `claimPropertySets` is one atomic field: the order
 * matters to CDI, so the list is sent whole. An empty form value removes the field; a stored "" or [] reads
 * as "not set", so a field the user leaves alone is never rewritten.
 */
export const STORAGE_PROFILE_FIELDS: readonly AnyField[] = [
  {
    id: 'claimPropertySets',
    path: ['spec', 'claimPropertySets'],
    read: (stored: unknown): ClaimPropertySet[] =>
      Array.isArray(stored)
        ? stored.map((s: ClaimPropertySet) => ({
            accessModes: [...(s.accessModes ?? [])],
            volumeMode: s.volumeMode,
          }))
        : [],
    write: (sets: ClaimPropertySet[]) => (sets.length === 0 ? undefined : sets),
  } satisfies EditableField<ClaimPropertySet[]>,
  optionalString('cloneStrategy'),
  optionalString('dataImportCronSourceFormat'),
  optionalString('snapshotClass'),
];

/** The form values that clear every administrator value ("Reset to CDI defaults"). */
export const CLEARED_VALUES: Readonly<Record<EditableSpecField, unknown>> = {
  claimPropertySets: [],
  cloneStrategy: '',
  dataImportCronSourceFormat: '',
  snapshotClass: '',
};
