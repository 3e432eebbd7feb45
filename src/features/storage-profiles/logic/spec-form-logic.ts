import type { CapabilityLookup } from '../../../k8s/storage-capabilities';
import type { AccessMode, ClaimPropertySet, VolumeMode, VolumeSnapshotClass } from '../../../k8s/types';
import { deepEqual } from '../../../k8s/json-patch';
import { isCloneStrategy, isSourceFormat } from '../../../k8s/storage-profile-values';
import { snapshotClassesForDriver } from './profile-health';

/** The CRD's limit on `spec.claimPropertySets`. */
export const MAX_CLAIM_PROPERTY_SETS = 8;

/** The editable spec as the form holds it: '' means "not set, CDI decides". */
export interface SpecFormState {
  claimPropertySets: ClaimPropertySet[];
  cloneStrategy: string;
  dataImportCronSourceFormat: string;
  snapshotClass: string;
}

// --- list editing (pure, so keyboard buttons and tests share it) ---

export const addClaimPropertySet = (sets: ClaimPropertySet[]): ClaimPropertySet[] =>
  sets.length >= MAX_CLAIM_PROPERTY_SETS
    ? sets
    : [...sets, { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }];

export const removeClaimPropertySet = (sets: ClaimPropertySet[], index: number): ClaimPropertySet[] =>
  sets.filter((_, i) => i !== index);

/** Moves a set one place up (-1) or down (+1); out-of-range moves change nothing. */
export const moveClaimPropertySet = (
  sets: ClaimPropertySet[],
  index: number,
  delta: -1 | 1,
): ClaimPropertySet[] => {
  const target = index + delta;
  if (index < 0 || index >= sets.length || target < 0 || target >= sets.length) return sets;
  const next = [...sets];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
};

/** Turns an access mode on or off, keeping the modes in the order CDI writes them. */
export const toggleAccessMode = (
  sets: ClaimPropertySet[],
  index: number,
  mode: AccessMode,
  on: boolean,
  order: readonly AccessMode[],
): ClaimPropertySet[] =>
  sets.map((s, i) => {
    if (i !== index) return s;
    const modes = new Set(s.accessModes);
    if (on) modes.add(mode);
    else modes.delete(mode);
    return { ...s, accessModes: order.filter((m) => modes.has(m)) };
  });

export const setVolumeMode = (
  sets: ClaimPropertySet[],
  index: number,
  volumeMode: VolumeMode,
): ClaimPropertySet[] => sets.map((s, i) => (i === index ? { ...s, volumeMode } : s));

// --- validation: errors block saving, warnings explain consequences ---

export type SpecFormError =
  | { code: 'no-access-mode'; index: number }
  | { code: 'no-volume-mode'; index: number }
  | { code: 'too-many-sets'; count: number }
  | { code: 'invalid-clone-strategy'; value: string }
  | { code: 'invalid-source-format'; value: string };

export const validateSpecForm = (state: SpecFormState): SpecFormError[] => {
  const errors: SpecFormError[] = [];
  if (state.claimPropertySets.length > MAX_CLAIM_PROPERTY_SETS) {
    errors.push({ code: 'too-many-sets', count: state.claimPropertySets.length });
  }
  state.claimPropertySets.forEach((s, index) => {
    if ((s.accessModes ?? []).length === 0) errors.push({ code: 'no-access-mode', index });
    if (!s.volumeMode) errors.push({ code: 'no-volume-mode', index });
  });
  if (state.cloneStrategy && !isCloneStrategy(state.cloneStrategy)) {
    errors.push({ code: 'invalid-clone-strategy', value: state.cloneStrategy });
  }
  const format = state.dataImportCronSourceFormat;
  if (format && !isSourceFormat(format)) {
    errors.push({ code: 'invalid-source-format', value: format });
  }
  return errors;
};

export type SpecFormWarning =
  | { code: 'snapshot-clone-without-snapshot-class' }
  | { code: 'csi-clone-without-csi-driver' }
  | { code: 'snapshot-format-without-snapshot-class' }
  | { code: 'clone-strategy-overridden'; override: string; chosen: string }
  | { code: 'snapshot-class-not-found'; name: string }
  | { code: 'snapshot-class-other-driver'; name: string; driver: string }
  | { code: 'duplicate-set'; index: number; firstIndex: number }
  | { code: 'no-rwx' };

export interface SpecFormContext {
  provisioner?: string;
  snapshotClasses: VolumeSnapshotClass[];
  /** `CDI.spec.cloneStrategyOverride`. */
  cloneStrategyOverride?: string;
  /** The cluster's CSIDriver names; undefined when unknown. */
  csiDriverNames?: string[];
}

const sameSet = (a: ClaimPropertySet, b: ClaimPropertySet): boolean =>
  a.volumeMode === b.volumeMode && deepEqual([...a.accessModes].sort(), [...b.accessModes].sort());

export const specFormWarnings = (state: SpecFormState, ctx: SpecFormContext): SpecFormWarning[] => {
  const warnings: SpecFormWarning[] = [];
  const forDriver = snapshotClassesForDriver(ctx.snapshotClasses, ctx.provisioner);
  if (state.cloneStrategy === 'snapshot' && forDriver.length === 0) {
    warnings.push({ code: 'snapshot-clone-without-snapshot-class' });
  }
  if (
    state.cloneStrategy === 'csi-clone' &&
    ctx.csiDriverNames &&
    !(ctx.provisioner && ctx.csiDriverNames.includes(ctx.provisioner))
  ) {
    warnings.push({ code: 'csi-clone-without-csi-driver' });
  }
  if (state.dataImportCronSourceFormat === 'snapshot' && forDriver.length === 0) {
    warnings.push({ code: 'snapshot-format-without-snapshot-class' });
  }
  const override = ctx.cloneStrategyOverride;
  if (isCloneStrategy(override) && state.cloneStrategy && state.cloneStrategy !== override) {
    warnings.push({ code: 'clone-strategy-overridden', override, chosen: state.cloneStrategy });
  }
  if (state.snapshotClass) {
    const chosen = ctx.snapshotClasses.find((v) => v.metadata?.name === state.snapshotClass);
    if (!chosen) warnings.push({ code: 'snapshot-class-not-found', name: state.snapshotClass });
    else if (chosen.driver !== ctx.provisioner) {
      warnings.push({
        code: 'snapshot-class-other-driver',
        name: state.snapshotClass,
        driver: chosen.driver,
      });
    }
  }
  state.claimPropertySets.forEach((s, index) => {
    const firstIndex = state.claimPropertySets.findIndex((other) => sameSet(other, s));
    if (firstIndex < index) warnings.push({ code: 'duplicate-set', index, firstIndex });
  });
  if (
    state.claimPropertySets.length > 0 &&
    !state.claimPropertySets.some((s) => s.accessModes.includes('ReadWriteMany'))
  ) {
    warnings.push({ code: 'no-rwx' });
  }
  return warnings;
};

/** Why "Use recommended values" leaves a field of CDI's table alone, or what it pins. */
export type RecommendationNote =
  | { code: 'cdi-already-applies'; field: RecommendableField; value: string }
  | { code: 'snapshot-not-served'; field: 'cloneStrategy' | 'dataImportCronSourceFormat' }
  | { code: 'snapshot-unknown'; field: 'cloneStrategy' | 'dataImportCronSourceFormat' }
  | { code: 'csi-clone-not-served' };

export type RecommendableField = 'claimPropertySets' | 'cloneStrategy' | 'dataImportCronSourceFormat';

export interface Recommendation {
  /** The form values to set: only fields where pinning CDI's table value changes something and can work. */
  values: Partial<Pick<SpecFormState, RecommendableField>>;
  notes: RecommendationNote[];
}

export interface RecommendationContext {
  /** What CDI applies now (`status`), for the fields CDI already gets right on its own. */
  status?: {
    claimPropertySets?: ClaimPropertySet[];
    cloneStrategy?: string;
    dataImportCronSourceFormat?: string;
  };
  provisioner?: string;
  /** undefined when they could not be read. */
  snapshotClasses?: VolumeSnapshotClass[];
  /** The cluster's CSIDriver names; undefined when unknown. */
  csiDriverNames?: string[];
}

/**
 * What "Use recommended values" sets: CDI's table values for this provisioner, but only where the cluster can
 * serve them and where CDI does not already apply the same value by itself. CDI uses a spec value as-is, so
 * pinning `snapshot` without a VolumeSnapshotClass for the driver would leave boot-source imports never
 * ready; such fields are left to CDI and explained instead. undefined when CDI has no table entry.
 */
export const recommendValues = (
  lookup: CapabilityLookup,
  current: SpecFormState,
  ctx: RecommendationContext,
): Recommendation | undefined => {
  if (lookup.kind !== 'known') return undefined;
  const table = lookup.capabilities;
  const values: Recommendation['values'] = {};
  const notes: RecommendationNote[] = [];
  const snapshotServed =
    ctx.snapshotClasses === undefined
      ? undefined
      : snapshotClassesForDriver(ctx.snapshotClasses, ctx.provisioner).length > 0;
  const consider = (field: RecommendableField, value: ClaimPropertySet[] | string | undefined) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    if ((field === 'cloneStrategy' || field === 'dataImportCronSourceFormat') && value === 'snapshot') {
      if (snapshotServed === false) return notes.push({ code: 'snapshot-not-served', field });
      if (snapshotServed === undefined) return notes.push({ code: 'snapshot-unknown', field });
    }
    if (field === 'cloneStrategy' && value === 'csi-clone' && ctx.csiDriverNames) {
      if (!(ctx.provisioner && ctx.csiDriverNames.includes(ctx.provisioner)))
        return notes.push({ code: 'csi-clone-not-served' });
    }
    const unpinned =
      field === 'claimPropertySets' ? current.claimPropertySets.length === 0 : current[field] === '';
    if (unpinned && deepEqual(ctx.status?.[field], value)) {
      if (typeof value === 'string') notes.push({ code: 'cdi-already-applies', field, value });
      else notes.push({ code: 'cdi-already-applies', field, value: '' });
      return;
    }
    if (!deepEqual(current[field], value)) Object.assign(values, { [field]: value });
  };
  consider('claimPropertySets', table.claimPropertySets);
  consider('cloneStrategy', table.cloneStrategy);
  consider('dataImportCronSourceFormat', table.dataImportCronSourceFormat);
  return { values, notes };
};
