import { defaultClasses, effectiveBootSourceClass } from '../../../k8s/default-storage-class';
import type {
  CDIConfig,
  ClaimPropertySet,
  StorageClass,
  StorageProfile,
  VolumeMode,
} from '../../../k8s/types';
import type { Watched } from '../../../k8s/watch-state';
import type { DataVolumeForm } from '../logic/dv-form';

/**
 * What the Storage and Options steps know about the cluster's storage for this form, as pure data (the hook
 * `useStorageFacts` watches the objects and words the blockers).
 *
 * The target class, as CDI v1.65.0 resolves it:
 * - `spec.storage` (profile mode): `renderPvcSpecVolumeModeAndAccessModesAndStorageClass`
 *   (pkg/controller/datavolume/util.go:152-222) calls `GetStorageClassByNameWithVirtFallback` (util.go:176):
 *   the named class, else `getFallbackStorageClass` (pkg/controller/common/util.go:576-589): the virt default
 *   (`storageclass.kubevirt.io/is-default-virt-class`) unless contentType is archive, then the Kubernetes
 *   default (GA annotation only), each newest first then by name (`GetPlatformDefaultStorageClass`,
 *   util.go:592-617). A name that does not exist gives no class (util.go:546-549).
 * - `spec.pvc` (explicit mode): `renderPvcSpec` copies the claim as written (datavolume/util.go:109-117); a
 *   claim without a class gets the Kubernetes default from the apiserver's DefaultStorageClass admission
 *   (which honours the beta annotation too), never the virt default.
 *
 * What CDI fills in (profile mode): with neither access nor volume mode, `getDefaultVolumeAndAccessMode`
 * (datavolume/util.go:399-420) takes `status.claimPropertySets[0]` and fails when it is missing or has no
 * access mode ("no accessMode specified in StorageProfile"); archive forces Filesystem (util.go:165-172) and
 * `getDefaultAccessModes` (util.go:451-476) takes the first set with volumeMode Filesystem. With no class at
 * all it fails with "PVC spec is missing accessMode and no storageClass to choose profile" (util.go:56, :185-188).
 * Either way the DataVolume stays Pending with an `ErrClaimNotValid` event.
 */

export type TargetClassFrom = 'chosen' | 'virt-default' | 'default' | 'none' | 'unknown';

export type StorageBlocker =
  /** Profile mode, no class chosen and no default: CDI has no profile to read modes from. */
  | { code: 'no-class' }
  /** Profile mode, the named class does not exist. */
  | { code: 'class-missing'; className: string }
  /** Profile mode, the class has no StorageProfile (CDI: "cannot get StorageProfile"). */
  | { code: 'profile-missing'; className: string }
  /** Profile mode, the profile has no usable claim property set: CDI cannot pick access and volume mode. */
  | { code: 'profile-incomplete'; className: string; filesystemOnly: boolean };

/** Something the step cannot know (a read failed or is in progress); said so, never shown as "none". */
export type StorageUnknown =
  | { code: 'classes'; status: 'loading' | 'forbidden' | 'error' | 'api-missing'; error?: unknown }
  | { code: 'profiles'; status: 'loading' | 'forbidden' | 'error' | 'api-missing'; error?: unknown }
  | {
      code: 'cdi-config';
      status: 'loading' | 'forbidden' | 'error' | 'api-missing' | 'not-found';
      error?: unknown;
    };

export interface StorageFactsData {
  targetClass: string | undefined;
  targetClassFrom: TargetClassFrom;
  /** Further defaults of the same kind that CDI (or the apiserver) does not pick. */
  otherDefaults: string[];
  /** The StorageClasses; undefined while unknown. */
  classes: StorageClass[] | undefined;
  /** The target class's StorageClass object, when listed. */
  targetStorageClass: StorageClass | undefined;
  /** The target class's StorageProfile; undefined when unknown or missing (see `profileState`). */
  profile: StorageProfile | undefined;
  profileState: 'loaded' | 'missing' | 'unknown' | 'no-class';
  /** Profile mode: the claim property set CDI will apply; undefined when none or unknown. */
  profilePick: ClaimPropertySet | undefined;
  blockers: StorageBlocker[];
  unknowns: StorageUnknown[];
  /** CDIConfig.status.scratchSpaceStorageClass ('' = none); undefined while unknown. */
  scratchSpaceStorageClass: string | undefined;
  /** CDIConfig.status.preallocation (the global default); undefined while unknown. */
  preallocationDefault: boolean | undefined;
  /** CDIConfig.status.filesystemOverhead: the fraction for a class ("0.06"); undefined when unknown. */
  overheadFor: (className: string | undefined) => string | undefined;
  /**
   * Whether a class's profile offers only Block volumes (so it cannot hold the Filesystem scratch PVC);
   * undefined when unknown (profiles unreadable, no profile, or no claim property sets).
   */
  blockOnly: (className: string | undefined) => boolean | undefined;
}

export interface StorageWatches {
  classes: Watched<StorageClass[]>;
  profiles: Watched<StorageProfile[]>;
  cdiConfig: Watched<CDIConfig>;
}

const unknownStatus = <T>(w: Watched<T>) =>
  w.status === 'loaded' ? undefined : (w.status as Exclude<Watched<T>['status'], 'loaded'>);

/** The class the DataVolume's PVC will get, and where it comes from (see the file comment). */
export const resolveTargetClass = (
  form: Pick<DataVolumeForm, 'storageClassName' | 'storageMode' | 'contentType'>,
  classes: readonly StorageClass[] | undefined,
): { targetClass: string | undefined; targetClassFrom: TargetClassFrom; otherDefaults: string[] } => {
  const chosen = form.storageClassName.trim();
  if (chosen !== '') return { targetClass: chosen, targetClassFrom: 'chosen', otherDefaults: [] };
  if (!classes) return { targetClass: undefined, targetClassFrom: 'unknown', otherDefaults: [] };
  if (form.storageMode === 'explicit') {
    const k8s = defaultClasses(classes, 'k8s').map((sc) => sc.metadata?.name ?? '');
    return k8s.length > 0
      ? { targetClass: k8s[0], targetClassFrom: 'default', otherDefaults: k8s.slice(1) }
      : { targetClass: undefined, targetClassFrom: 'none', otherDefaults: [] };
  }
  const effective = effectiveBootSourceClass(classes, { contentType: form.contentType });
  switch (effective.source) {
    case 'virt-default':
      return {
        targetClass: effective.className,
        targetClassFrom: 'virt-default',
        otherDefaults: effective.others,
      };
    case 'k8s-default':
      return {
        targetClass: effective.className,
        targetClassFrom: 'default',
        otherDefaults: effective.others,
      };
    case 'none':
    case 'explicit':
      return { targetClass: undefined, targetClassFrom: 'none', otherDefaults: [] };
  }
};

/** The claim property set CDI applies in profile mode (archive: the first Filesystem set). */
export const profilePickFor = (
  profile: StorageProfile | undefined,
  contentType: DataVolumeForm['contentType'],
): ClaimPropertySet | undefined => {
  const sets = profile?.status?.claimPropertySets ?? [];
  if (contentType === 'archive') {
    const fs = sets.find((s) => s.volumeMode === 'Filesystem' && (s.accessModes ?? []).length > 0);
    return fs ? { accessModes: fs.accessModes, volumeMode: 'Filesystem' as VolumeMode } : undefined;
  }
  const first = sets[0];
  return first && (first.accessModes ?? []).length > 0 ? first : undefined;
};

export const storageFactsFrom = (form: DataVolumeForm, w: StorageWatches): StorageFactsData => {
  const unknowns: StorageUnknown[] = [];
  const classStatus = unknownStatus(w.classes);
  if (classStatus && classStatus !== 'not-found')
    unknowns.push({ code: 'classes', status: classStatus, error: w.classes.error });
  const profileStatus = unknownStatus(w.profiles);
  if (profileStatus && profileStatus !== 'not-found')
    unknowns.push({ code: 'profiles', status: profileStatus, error: w.profiles.error });
  const configStatus = unknownStatus(w.cdiConfig);
  if (configStatus) unknowns.push({ code: 'cdi-config', status: configStatus, error: w.cdiConfig.error });

  const classes = w.classes.status === 'loaded' ? (w.classes.data ?? []) : undefined;
  const profiles = w.profiles.status === 'loaded' ? (w.profiles.data ?? []) : undefined;
  const config = w.cdiConfig.status === 'loaded' ? w.cdiConfig.data : undefined;

  const target = resolveTargetClass(form, classes);
  const targetStorageClass = classes?.find((sc) => sc.metadata?.name === target.targetClass);
  const profile = target.targetClass
    ? profiles?.find((p) => p.metadata?.name === target.targetClass)
    : undefined;
  const profileState: StorageFactsData['profileState'] = !target.targetClass
    ? target.targetClassFrom === 'none'
      ? 'no-class'
      : 'unknown'
    : profile
      ? 'loaded'
      : profiles
        ? 'missing'
        : 'unknown';
  const profilePick = profilePickFor(profile, form.contentType);

  const blockers: StorageBlocker[] = [];
  if (form.storageMode === 'profile') {
    const name = target.targetClass;
    if (target.targetClassFrom === 'none') blockers.push({ code: 'no-class' });
    else if (name && classes && !targetStorageClass)
      blockers.push({ code: 'class-missing', className: name });
    else if (name && profileState === 'missing') blockers.push({ code: 'profile-missing', className: name });
    else if (name && profile && !profilePick)
      blockers.push({
        code: 'profile-incomplete',
        className: name,
        filesystemOnly:
          form.contentType === 'archive' && (profile.status?.claimPropertySets ?? []).length > 0,
      });
  }

  const status = config?.status;
  const overheadFor = (className: string | undefined): string | undefined => {
    const o = status?.filesystemOverhead;
    if (!o) return undefined;
    return (className ? o.storageClass?.[className] : undefined) ?? o.global;
  };

  const blockOnly = (className: string | undefined): boolean | undefined => {
    const sets = profiles?.find((p) => p.metadata?.name === className)?.status?.claimPropertySets ?? [];
    return sets.length === 0 ? undefined : sets.every((set) => set.volumeMode === 'Block');
  };

  return {
    ...target,
    classes,
    blockOnly,
    targetStorageClass,
    profile,
    profileState,
    profilePick,
    blockers,
    unknowns,
    // No status yet (CDI has not reconciled) is as unknown as an unreadable object.
    scratchSpaceStorageClass: status ? (status.scratchSpaceStorageClass ?? '') : undefined,
    preallocationDefault: status ? status.preallocation === true : undefined,
    overheadFor,
  };
};
