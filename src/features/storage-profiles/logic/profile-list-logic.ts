import { lookupCapabilities } from '../../../k8s/storage-capabilities';
import type {
  ClaimPropertySet,
  K8sCondition,
  StorageClass,
  StorageProfile,
  VolumeSnapshotClass,
} from '../../../k8s/types';
import { formatClaimPropertySet } from '../../../k8s/access-modes';
import { findInvalidSpecValues, firstSet, type InvalidSpecValue } from './spec-values';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const DEFAULT_VIRT_CLASS_ANNOTATION = 'storageclass.kubevirt.io/is-default-virt-class';
export const DEFAULT_SNAPSHOT_CLASS_ANNOTATION = 'snapshot.storage.kubernetes.io/is-default-class';

/** Both annotations compare against exactly "true" (CDI and Kubernetes do the same). */
export const isAnnotatedTrue = (
  obj: { metadata?: { annotations?: Record<string, string> } } | undefined,
  key: string,
) => obj?.metadata?.annotations?.[key] === 'true';

/**
 * Something an admin should look at:
 * - `incomplete`: no claim property sets, so DataVolumes that omit access modes cannot be provisioned;
 * - `unrecognized`: Recognized=False (unknown provisioner or parameters);
 * - `unsupported`: the provisioner is on CDI's list of provisioners that do not work with CDI (except
 *   `kubernetes.io/no-provisioner`, which works with pre-created PersistentVolumes);
 * - `missing-storage-class`: the StorageClass is gone (CDI deletes the profile soon); only ever set when the
 *   StorageClass read said 404, never when it could not be read;
 * - `invalid-spec`: an admin-set clone strategy or boot source format CDI does not know.
 */
export type ProfileProblem =
  'incomplete' | 'unrecognized' | 'unsupported' | 'missing-storage-class' | 'invalid-spec';

/** Local volumes: CDI derives the profile's claim property sets from the class's pre-created PVs. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** What the caller could not read; the row then says "unknown" instead of guessing. */
export interface ProfileRowReadGaps {
  /** StorageClasses could not be read (e.g. 403): defaults and class existence are unknown. */
  storageClassesUnknown?: boolean;
  /** VolumeSnapshotClasses could not be read (not a 404): the driver match is unknown. */
  snapshotClassesUnknown?: boolean;
}

export interface ProfileRow {
  name: string;
  profile: StorageProfile;
  storageClass?: StorageClass;
  provisioner?: string;
  isDefaultClass: boolean;
  isDefaultVirtClass: boolean;
  /** The StorageClass could not be read, so `isDefault*` are unknown (false) and it may or may not exist. */
  storageClassUnknown: boolean;
  /** Provisioner `kubernetes.io/no-provisioner`: access modes come from pre-created PersistentVolumes. */
  noProvisioner: boolean;
  recognized?: K8sCondition;
  /** What CDI uses (status), falling back to spec before CDI has reconciled the profile. */
  claimPropertySets: ClaimPropertySet[];
  cloneStrategy?: string;
  dataImportCronSourceFormat?: string;
  /** The profile's snapshot class, else the VolumeSnapshotClass CDI would match by driver. */
  snapshotClass?: string;
  snapshotClassFromDriverMatch: boolean;
  /** No own snapshot class and VolumeSnapshotClasses could not be read: the driver match is unknown. */
  snapshotClassUnknown: boolean;
  invalidSpecValues: InvalidSpecValue[];
  problems: ProfileProblem[];
}

const nonEmpty = (sets: ClaimPropertySet[] | undefined): ClaimPropertySet[] | undefined =>
  sets && sets.some((s) => (s.accessModes ?? []).length > 0) ? sets : undefined;

/** Effective claim property sets in CDI's preference order: status, else spec, else none. */
export const effectiveClaimPropertySets = (profile: StorageProfile): ClaimPropertySet[] =>
  nonEmpty(profile.status?.claimPropertySets) ?? nonEmpty(profile.spec?.claimPropertySets) ?? [];

export const recognizedCondition = (profile: StorageProfile): K8sCondition | undefined =>
  profile.status?.conditions?.find((c) => c.type === 'Recognized');

/** The VolumeSnapshotClass CDI would use for a driver: the default-annotated one first, then by name. */
export const matchingSnapshotClass = (
  driver: string | undefined,
  snapshotClasses: readonly VolumeSnapshotClass[],
): string | undefined => {
  if (!driver) return undefined;
  const matches = snapshotClasses.filter((c) => c.driver === driver);
  matches.sort(
    (a, b) =>
      Number(isAnnotatedTrue(b, DEFAULT_SNAPSHOT_CLASS_ANNOTATION)) -
        Number(isAnnotatedTrue(a, DEFAULT_SNAPSHOT_CLASS_ANNOTATION)) ||
      (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
  );
  return matches[0]?.metadata?.name;
};

export const buildProfileRow = (
  profile: StorageProfile,
  storageClass: StorageClass | undefined,
  snapshotClasses: readonly VolumeSnapshotClass[],
  gaps: ProfileRowReadGaps = {},
): ProfileRow => {
  const name = profile.metadata?.name ?? '';
  const storageClassUnknown = !storageClass && !!gaps.storageClassesUnknown;
  const provisioner = firstSet(profile.status?.provisioner, storageClass?.provisioner);
  const recognized = recognizedCondition(profile);
  const claimPropertySets = effectiveClaimPropertySets(profile);
  const noProvisioner = provisioner === NO_PROVISIONER;
  const unsupported =
    !!provisioner &&
    !noProvisioner &&
    lookupCapabilities(provisioner, storageClass?.parameters, storageClass?.mountOptions).kind ===
      'unsupported';
  const ownSnapshotClass = firstSet(profile.status?.snapshotClass, profile.spec?.snapshotClass);
  const driverSnapshotClass = ownSnapshotClass
    ? undefined
    : matchingSnapshotClass(provisioner, snapshotClasses);
  const invalidSpecValues = findInvalidSpecValues(profile.spec);

  const problems: ProfileProblem[] = [];
  if (!storageClass && !storageClassUnknown) problems.push('missing-storage-class');
  if (unsupported) problems.push('unsupported');
  // CDI counts unsupported provisioners as complete; for no-provisioner it derives the sets from the class's
  // PersistentVolumes, so an empty list there means no usable PV exists yet: that does need attention.
  else if (claimPropertySets.length === 0) problems.push('incomplete');
  if (recognized?.status === 'False') problems.push('unrecognized');
  if (invalidSpecValues.length > 0) problems.push('invalid-spec');

  return {
    name,
    profile,
    storageClass,
    provisioner,
    isDefaultClass: isAnnotatedTrue(storageClass, DEFAULT_CLASS_ANNOTATION),
    isDefaultVirtClass: isAnnotatedTrue(storageClass, DEFAULT_VIRT_CLASS_ANNOTATION),
    storageClassUnknown,
    noProvisioner,
    recognized,
    claimPropertySets,
    cloneStrategy: firstSet(profile.status?.cloneStrategy, profile.spec?.cloneStrategy),
    dataImportCronSourceFormat: firstSet(
      profile.status?.dataImportCronSourceFormat,
      profile.spec?.dataImportCronSourceFormat,
    ),
    snapshotClass: ownSnapshotClass ?? driverSnapshotClass,
    snapshotClassFromDriverMatch: !!driverSnapshotClass,
    snapshotClassUnknown: !ownSnapshotClass && !!gaps.snapshotClassesUnknown,
    invalidSpecValues,
    problems,
  };
};

/**
 * A row builder that keeps each row object while its inputs are the same objects: watches hand new arrays on
 * every page of a large list and every flush, but unchanged objects keep their identity, so unchanged rows
 * need neither rebuilding nor re-rendering.
 */
export const createProfileRowBuilder = () => {
  const cache = new WeakMap<
    StorageProfile,
    {
      storageClass?: StorageClass;
      snapshotClasses: readonly VolumeSnapshotClass[];
      gapsKey: string;
      row: ProfileRow;
    }
  >();
  return (
    profiles: readonly StorageProfile[],
    storageClasses: readonly StorageClass[],
    snapshotClasses: readonly VolumeSnapshotClass[] = [],
    gaps: ProfileRowReadGaps = {},
  ): ProfileRow[] => {
    const classes = new Map(storageClasses.map((sc) => [sc.metadata?.name, sc]));
    const gapsKey = `${!!gaps.storageClassesUnknown}/${!!gaps.snapshotClassesUnknown}`;
    return profiles.map((p) => {
      const storageClass = classes.get(p.status?.storageClass ?? p.metadata?.name);
      const hit = cache.get(p);
      if (
        hit &&
        hit.storageClass === storageClass &&
        hit.snapshotClasses === snapshotClasses &&
        hit.gapsKey === gapsKey
      ) {
        return hit.row;
      }
      const row = buildProfileRow(p, storageClass, snapshotClasses, gaps);
      cache.set(p, { storageClass, snapshotClasses, gapsKey, row });
      return row;
    });
  };
};

/** One row per StorageProfile, joined with the StorageClass of the same name. */
export const buildProfileRows: ReturnType<typeof createProfileRowBuilder> = (...args) =>
  createProfileRowBuilder()(...args);

/**
 * What each sortable list column sorts by (ResourceTable compares numbers as numbers and text naturally, and
 * breaks ties by name).
 */
export const profileSortValues = {
  name: (r: ProfileRow) => r.name,
  provisioner: (r: ProfileRow) => r.provisioner ?? '',
  // Not recognized first: those need attention.
  recognized: (r: ProfileRow) =>
    r.recognized?.status === 'False' ? 0 : r.recognized?.status === 'True' ? 2 : 1,
  claimPropertySets: (r: ProfileRow) => r.claimPropertySets.map(formatClaimPropertySet).join(', '),
  cloneStrategy: (r: ProfileRow) => r.cloneStrategy ?? '',
  dataImportCronSourceFormat: (r: ProfileRow) => r.dataImportCronSourceFormat ?? '',
  snapshotClass: (r: ProfileRow) => r.snapshotClass ?? '',
} satisfies Record<string, (r: ProfileRow) => string | number>;

/**
 * The one "needs attention" rule, for the list filter and the details page: any problem beyond
 * Recognized=False (an unknown provisioner whose profile an admin completed is expected to stay unrecognized,
 * and is fine), including invalid spec values.
 */
export const needsAttention = (row: ProfileRow): boolean => row.problems.some((p) => p !== 'unrecognized');
