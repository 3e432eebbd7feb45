import { optionalStringField, type AnyField } from '../../../k8s/edit-session';
import { hcoPath, hcoValue, type HcoVersioned } from '../../../k8s/hco-paths';
import type { HyperConverged, StorageClass, StorageProfile } from '../../../k8s/types';

/**
 * Scratch space (api-facts 1.1, 6): HCO copies `spec.scratchSpaceStorageClass` (v1: `spec.storage.…`) to the CDI CR; CDI's config
 * controller sets `CDIConfig.status.scratchSpaceStorageClass` to it only when a StorageClass of that name
 * exists, else "" (CDI v1.65.0 `reconcileStorageClass`: no fallback to the default class there). A scratch PVC
 * then takes that class, else the class of the PVC it serves (`GetScratchPvcStorageClass`). The product docs'
 * sentence "the default storage class is used" is outdated: CDI never picks the default class for scratch.
 */

/** The form field: '' means "not set" and removes the scratch space class on save. */
export const SCRATCH_FIELD_ID = 'scratchSpaceStorageClass';
/** The form's one field, at the path of the HyperConverged's version. */
export const scratchFields = (hco: HcoVersioned): readonly AnyField[] => [
  optionalStringField(SCRATCH_FIELD_ID, hcoPath('scratchSpaceStorageClass', hco)),
];

/** The configured value as the form shows it ('' when unset or not a string). */
export const configuredScratchClass = (hco: HyperConverged): string => {
  const value: unknown = hcoValue(hco, 'scratchSpaceStorageClass');
  return typeof value === 'string' ? value : '';
};

/** Why the configured value and CDI's applied value are what they are. */
export type ScratchExplanation =
  /** CDIConfig could not be read (or is loading): what CDI applies is unknown. */
  | { code: 'applied-unknown' }
  /** Nothing configured and CDI applies nothing: each import uses its target PVC's class. */
  | { code: 'unset' }
  /** CDI applies the configured class. */
  | { code: 'applied'; name: string }
  /** The configured class does not exist: CDI applies "" and each import uses its target's class. */
  | { code: 'class-missing'; name: string }
  /** CDI still applies another value: HCO or CDI has not caught up yet (or something overrides HCO). */
  | { code: 'not-yet-applied'; configured: string; applied: string };

/**
 * `applied` is `CDIConfig.status.scratchSpaceStorageClass` (undefined when CDIConfig is unknown);
 * `classNames` the StorageClasses that exist (undefined when they could not be read).
 */
export const explainScratch = (
  configured: string,
  applied: string | undefined,
  classNames: readonly string[] | undefined,
): ScratchExplanation => {
  if (applied === undefined) return { code: 'applied-unknown' };
  if (configured === applied)
    return configured === '' ? { code: 'unset' } : { code: 'applied', name: configured };
  if (configured !== '' && applied === '' && classNames !== undefined && !classNames.includes(configured))
    return { code: 'class-missing', name: configured };
  return { code: 'not-yet-applied', configured, applied };
};

/** What a class means for scratch space, as warnings or notes at the picker. */
export type ScratchFinding =
  /** No StorageClass of that name: CDI ignores the setting. */
  | { code: 'class-missing'; name: string }
  /** The class's StorageProfile offers only Block volumes; scratch PVCs are always Filesystem. */
  | { code: 'block-only'; name: string }
  /** WaitForFirstConsumer: the scratch PVC is provisioned only when the importer pod is scheduled. */
  | { code: 'wait-for-first-consumer'; name: string }
  /** No dynamic provisioner: every scratch PVC needs a free pre-created PV. */
  | { code: 'no-provisioner'; name: string }
  /** No StorageProfile, or one without claim property sets: whether Filesystem works is unknown. */
  | { code: 'volume-modes-unknown'; name: string };

const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The volume modes a class's StorageProfile offers (status: spec if set, else CDI's table); undefined if unknown. */
export const profileVolumeModes = (
  name: string,
  profiles: readonly StorageProfile[] | undefined,
): ('Block' | 'Filesystem')[] | undefined => {
  const profile = profiles?.find((p) => p.metadata?.name === name);
  const sets = profile?.status?.claimPropertySets ?? [];
  if (sets.length === 0) return undefined;
  return [...new Set(sets.map((s) => s.volumeMode))];
};

/** True when the class's profile offers only Block volumes (CDI requests scratch space as Filesystem). */
export const isBlockOnly = (name: string, profiles: readonly StorageProfile[] | undefined): boolean => {
  const modes = profileVolumeModes(name, profiles);
  return modes !== undefined && modes.every((m) => m === 'Block');
};

/**
 * Findings for `name` as the scratch class. `classes` or `profiles` undefined means they could not be read:
 * nothing is claimed about them then. An empty name (unset) has no findings: each import uses its target's
 * class, which the StorageProfile pages judge.
 */
export const scratchFindings = (
  name: string,
  classes: readonly StorageClass[] | undefined,
  profiles: readonly StorageProfile[] | undefined,
): ScratchFinding[] => {
  if (name === '' || classes === undefined) return [];
  const sc = classes.find((c) => c.metadata?.name === name);
  if (!sc) return [{ code: 'class-missing', name }];
  const findings: ScratchFinding[] = [];
  if (profiles !== undefined) {
    if (isBlockOnly(name, profiles)) findings.push({ code: 'block-only', name });
    else if (profileVolumeModes(name, profiles) === undefined)
      findings.push({ code: 'volume-modes-unknown', name });
  }
  if (sc.provisioner === NO_PROVISIONER) findings.push({ code: 'no-provisioner', name });
  if (sc.volumeBindingMode === 'WaitForFirstConsumer')
    findings.push({ code: 'wait-for-first-consumer', name });
  return findings;
};

/** Findings that make the class a poor choice (shown as warnings); the rest are notes. */
export const isScratchWarning = (f: ScratchFinding): boolean =>
  f.code === 'class-missing' || f.code === 'block-only' || f.code === 'no-provisioner';

/**
 * Classes whose profile offers only Block volumes. With no scratch class set, an import into one of them that
 * needs scratch space asks that class for a Filesystem scratch PVC, which it cannot provide.
 */
export const blockOnlyClasses = (
  classes: readonly StorageClass[] | undefined,
  profiles: readonly StorageProfile[] | undefined,
): string[] =>
  (classes ?? [])
    .map((c) => c.metadata?.name ?? '')
    .filter((n) => n !== '' && isBlockOnly(n, profiles))
    .sort();

/** One option of the class picker. */
export interface ScratchClassOption {
  name: string;
  exists: boolean;
  blockOnly: boolean;
  waitForFirstConsumer: boolean;
}

/** The picker's classes by name, plus the configured (or chosen) one when it does not exist. */
export const scratchClassOptions = (
  classes: readonly StorageClass[] | undefined,
  profiles: readonly StorageProfile[] | undefined,
  extra: readonly string[],
): ScratchClassOption[] => {
  const options: ScratchClassOption[] = (classes ?? []).map((c) => {
    const name = c.metadata?.name ?? '';
    return {
      name,
      exists: true,
      blockOnly: isBlockOnly(name, profiles),
      waitForFirstConsumer: c.volumeBindingMode === 'WaitForFirstConsumer',
    };
  });
  [...new Set(extra)]
    .filter((n) => n !== '' && !options.some((o) => o.name === n))
    .forEach((name) =>
      options.push({ name, exists: classes === undefined, blockOnly: false, waitForFirstConsumer: false }),
    );
  return options.sort((a, b) => a.name.localeCompare(b.name));
};
