import { useK8sWatchResource, type K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import {
  CDIModel,
  gvk,
  StorageClassModel,
  StorageProfileModel,
  VolumeSnapshotClassModel,
} from '../../../k8s/models';
import { isNotFoundError } from '../../../k8s/k8s-errors';
import type { CDI, StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { profileHealth, type ProfileHealth } from '../logic/profile-health';

/** Only this page needs CSIDrivers (to tell whether csi-clone can work), so the model lives here. */
export const CSIDriverModel: K8sModel = {
  kind: 'CSIDriver',
  apiGroup: 'storage.k8s.io',
  apiVersion: 'v1',
  plural: 'csidrivers',
  label: 'CSIDriver',
  labelPlural: 'CSIDrivers',
  abbr: 'CSID',
  namespaced: false,
};

export interface StorageProfileContext {
  profile?: StorageProfile;
  profileLoaded: boolean;
  profileError?: unknown;
  storageClass?: StorageClass;
  storageClassLoaded: boolean;
  /** Reading the StorageClass failed with something other than 404: whether it exists is unknown. */
  storageClassError?: unknown;
  snapshotClasses: VolumeSnapshotClass[];
  /** Non-fatal: the page works without these, with less advice. */
  optionalErrors: { what: 'VolumeSnapshotClasses' | 'CDI' | 'CSIDrivers'; error: unknown }[];
  cloneStrategyOverride?: string;
  /** undefined when CSIDrivers could not be read. */
  csiDriverNames?: string[];
  health?: ProfileHealth;
}

/** Everything the details page and the edit form read, live. */
export const useStorageProfileContext = (name: string): StorageProfileContext => {
  const [profile, profileLoaded, profileError] = useK8sWatchResource<StorageProfile>({
    groupVersionKind: gvk(StorageProfileModel),
    name,
  });
  const [storageClass, storageClassLoaded, storageClassError] = useK8sWatchResource<StorageClass>({
    groupVersionKind: gvk(StorageClassModel),
    name,
  });
  const [snapshotClasses, , snapshotClassesError] = useK8sWatchResource<VolumeSnapshotClass[]>({
    groupVersionKind: gvk(VolumeSnapshotClassModel),
    isList: true,
    optional: true,
  });
  const [cdis, , cdiError] = useK8sWatchResource<CDI[]>({
    groupVersionKind: gvk(CDIModel),
    isList: true,
    optional: true,
  });
  const [csiDrivers, csiDriversLoaded, csiDriversError] = useK8sWatchResource<K8sResourceWithName[]>({
    groupVersionKind: gvk(CSIDriverModel),
    isList: true,
    optional: true,
  });

  return useMemo(() => {
    const hasProfile = profileLoaded && !profileError && !!profile?.metadata?.name;
    // A missing StorageClass (404) is a finding about the profile, not a page error. Any other error (e.g. not
    // allowed to read it) says nothing about whether it exists.
    const sc =
      storageClassLoaded && !storageClassError && storageClass?.metadata?.name ? storageClass : undefined;
    const scUnreadable = !!storageClassError && !isNotFoundError(storageClassError);
    // A 404 for the list means the snapshot CRDs are not installed, i.e. there are none.
    const vscUnreadable = !!snapshotClassesError && !isNotFoundError(snapshotClassesError);
    const vscs = snapshotClasses ?? [];
    const cloneStrategyOverride = cdis?.[0]?.spec?.cloneStrategyOverride;
    const csiDriverNames =
      csiDriversLoaded && (!csiDriversError || isNotFoundError(csiDriversError))
        ? (csiDrivers ?? []).map((d) => d.metadata?.name ?? '')
        : undefined;
    const optionalErrors: StorageProfileContext['optionalErrors'] = [];
    if (snapshotClassesError)
      optionalErrors.push({ what: 'VolumeSnapshotClasses', error: snapshotClassesError });
    if (cdiError) optionalErrors.push({ what: 'CDI', error: cdiError });
    if (csiDriversError) optionalErrors.push({ what: 'CSIDrivers', error: csiDriversError });
    return {
      profile: hasProfile ? profile : undefined,
      profileLoaded,
      profileError,
      storageClass: sc,
      storageClassLoaded: storageClassLoaded || !!storageClassError,
      storageClassError: scUnreadable ? storageClassError : undefined,
      snapshotClasses: vscs,
      optionalErrors,
      cloneStrategyOverride,
      csiDriverNames,
      health: hasProfile
        ? profileHealth({
            profile,
            storageClass: sc,
            snapshotClasses: vscs,
            cloneStrategyOverride,
            csiDriverNames,
            storageClassUnknown: scUnreadable,
            snapshotClassesUnknown: vscUnreadable,
          })
        : undefined,
    };
  }, [
    profile,
    profileLoaded,
    profileError,
    storageClass,
    storageClassLoaded,
    storageClassError,
    snapshotClasses,
    snapshotClassesError,
    cdis,
    cdiError,
    csiDrivers,
    csiDriversLoaded,
    csiDriversError,
  ]);
};

type K8sResourceWithName = { metadata?: { name?: string } };
