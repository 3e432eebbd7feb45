import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { metadataName } from '../../../k8s/names';

/** CDI's profile annotation naming the VolumeSnapshotClass for boot-source snapshots (GKE PD, api-facts 2). */
export const ANN_SNAPSHOT_CLASS_FOR_CRON = 'cdi.kubevirt.io/snapshotClassForDataImportCron';
/** The default VolumeSnapshotClass of a driver (api-facts 8). */
export const ANN_DEFAULT_SNAPSHOT_CLASS = 'snapshot.storage.kubernetes.io/is-default-class';

/** The VolumeSnapshotClasses whose driver is the class's provisioner, by name. */
export const matchingSnapshotClasses = (
  storageClass: StorageClass,
  snapshotClasses: readonly VolumeSnapshotClass[],
): VolumeSnapshotClass[] =>
  snapshotClasses
    .filter((v) => v.driver === storageClass.provisioner)
    .sort((a, b) => metadataName(a).localeCompare(metadataName(b)));

/**
 * The VolumeSnapshotClass CDI v1.65.0 uses for boot-source snapshots on this class: the profile's
 * `cdi.kubevirt.io/snapshotClassForDataImportCron` annotation, else the profile's `status.snapshotClass` when
 * its driver matches (no fallback when it does not), else the driver's class annotated default, else the
 * first by name (dataimportcron-controller.go `getSnapshotClassForDataImportCron`, util.go
 * `GetVolumeSnapshotClass`). Undefined when none applies.
 */
export const snapshotClassForBootSources = (
  storageClass: StorageClass,
  profile: StorageProfile | undefined,
  snapshotClasses: readonly VolumeSnapshotClass[],
): string | undefined => {
  const annotated = profile?.metadata?.annotations?.[ANN_SNAPSHOT_CLASS_FOR_CRON];
  if (annotated) return annotated;
  const matching = matchingSnapshotClasses(storageClass, snapshotClasses);
  const named = profile?.status?.snapshotClass;
  if (named) return matching.some((v) => metadataName(v) === named) ? named : undefined;
  const preferred = matching.find((v) => v.metadata?.annotations?.[ANN_DEFAULT_SNAPSHOT_CLASS] === 'true');
  return metadataName(preferred ?? matching[0] ?? {}) || undefined;
};

export type SnapshotAdvice =
  /** Boot sources on this class are already snapshots (`via` says whether the profile pins it or CDI advises it). */
  | { kind: 'already'; via: 'spec' | 'status'; snapshotClass?: string }
  /** The profile says snapshot, but no VolumeSnapshotClass serves the driver: the boot sources never become ready. */
  | { kind: 'already-broken'; via: 'spec' | 'status'; driver: string }
  /** No VolumeSnapshotClass serves the driver: nothing to offer. */
  | { kind: 'no-snapshot-class'; driver: string }
  /** Can be turned on; `snapshotClass` is the one CDI would use. `replaces` is an explicit spec value. */
  | { kind: 'can-enable'; driver: string; snapshotClass?: string; replaces?: string };

/** Whether "use snapshots for boot sources on this class" applies, and why not when it does not. */
export const snapshotAdvice = (
  storageClass: StorageClass,
  profile: StorageProfile,
  snapshotClasses: readonly VolumeSnapshotClass[],
): SnapshotAdvice => {
  const driver = storageClass.provisioner;
  const snapshotClass = snapshotClassForBootSources(storageClass, profile, snapshotClasses);
  const spec = profile.spec?.dataImportCronSourceFormat;
  const via =
    spec === 'snapshot'
      ? 'spec'
      : profile.status?.dataImportCronSourceFormat === 'snapshot'
        ? 'status'
        : undefined;
  if (via) {
    return snapshotClass ? { kind: 'already', via, snapshotClass } : { kind: 'already-broken', via, driver };
  }
  if (!snapshotClass) return { kind: 'no-snapshot-class', driver };
  return { kind: 'can-enable', driver, snapshotClass, ...(spec ? { replaces: spec } : {}) };
};

export type ProfileReadiness =
  | { kind: 'missing' }
  /** No claimPropertySets in status: DataVolumes without access modes fail (ErrClaimNotValid). */
  | { kind: 'incomplete' }
  | { kind: 'ready'; format: string; snapshotClass?: string };

/** Whether boot sources can import onto this class, read from its StorageProfile. */
export const profileReadiness = (
  storageClass: StorageClass,
  profile: StorageProfile | undefined,
  snapshotClasses: readonly VolumeSnapshotClass[],
): ProfileReadiness => {
  if (!profile) return { kind: 'missing' };
  if ((profile.status?.claimPropertySets ?? []).length === 0) return { kind: 'incomplete' };
  return {
    kind: 'ready',
    format: profile.status?.dataImportCronSourceFormat ?? 'pvc',
    snapshotClass: snapshotClassForBootSources(storageClass, profile, snapshotClasses),
  };
};
