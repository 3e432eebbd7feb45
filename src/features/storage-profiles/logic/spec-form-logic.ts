import type { CapabilityLookup } from '../../../k8s/storage-capabilities';
import type {
  AccessMode,
  ClaimPropertySet,
  StorageProfileSpec,
  VolumeMode,
  VolumeSnapshotClass,
} from '../../../k8s/types';
import { deepEqual } from '../../../k8s/json-patch';
import { isCloneStrategy, isSourceFormat } from '../../../k8s/storage-profile-values';
import { snapshotClassesForDriver } from '../details/profile-health';
import { adminValues } from './storage-profile-spec-patch';

/** The CRD's limit on `spec.claimPropertySets`. */
export const MAX_CLAIM_PROPERTY_SETS = 8;

/** The editable spec as the form holds it: '' means "not set, CDI decides". */
export interface SpecFormState {
  claimPropertySets: ClaimPropertySet[];
  cloneStrategy: string;
  dataImportCronSourceFormat: string;
  snapshotClass: string;
}

export const formStateFromSpec = (spec: StorageProfileSpec | undefined): SpecFormState => ({
  claimPropertySets: (spec?.claimPropertySets ?? []).map((s) => ({
    accessModes: [...(s.accessModes ?? [])],
    volumeMode: s.volumeMode,
  })),
  cloneStrategy: spec?.cloneStrategy ?? '',
  dataImportCronSourceFormat: spec?.dataImportCronSourceFormat ?? '',
  snapshotClass: spec?.snapshotClass ?? '',
});

export const specFromFormState = (state: SpecFormState): StorageProfileSpec => adminValues(state);

export const isFormDirty = (initialSpec: StorageProfileSpec | undefined, state: SpecFormState): boolean =>
  !deepEqual(adminValues(initialSpec), specFromFormState(state));

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

/**
 * The form filled with CDI's table values for this provisioner, or undefined when CDI has none.
 * The snapshot class is kept: the table says nothing about it.
 */
export const recommendedFormState = (
  lookup: CapabilityLookup,
  current: SpecFormState,
): SpecFormState | undefined => {
  if (lookup.kind !== 'known') return undefined;
  const { claimPropertySets, cloneStrategy, dataImportCronSourceFormat } = lookup.capabilities;
  return {
    claimPropertySets,
    cloneStrategy: cloneStrategy ?? '',
    dataImportCronSourceFormat: dataImportCronSourceFormat ?? '',
    snapshotClass: current.snapshotClass,
  };
};
