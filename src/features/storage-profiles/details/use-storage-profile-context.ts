import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import {
  CDIModel,
  CSIDriverModel,
  gvk,
  StorageClassModel,
  StorageProfileModel,
  VolumeSnapshotClassModel,
} from '../../../k8s/models';
import { useWatchList, useWatchObject } from '../../../k8s/use-watch';
import { isUnreadable, listOrEmpty, type Watched } from '../../../k8s/watch-state';
import type { CDI, StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { profileHealth, type ProfileHealth } from '../logic/profile-health';

export interface StorageProfileContext {
  profile: Watched<StorageProfile>;
  /** The StorageClass of the same name; 'not-found' is a finding about the profile. */
  storageClass: Watched<StorageClass>;
  /** [] when the snapshot API is not installed; undefined while loading or when unreadable. */
  snapshotClasses?: VolumeSnapshotClass[];
  /** Non-fatal: the page works without these, with less advice (an absent API is not listed). */
  optionalErrors: { what: 'VolumeSnapshotClasses' | 'CDI' | 'CSIDrivers'; error: unknown }[];
  cloneStrategyOverride?: string;
  /** undefined when CSIDrivers could not be read. */
  csiDriverNames?: string[];
  /** Only once the profile and its class's read settled: no advice from data still loading. */
  health?: ProfileHealth;
}

/** Everything the details page and the edit form read, live. */
export const useStorageProfileContext = (name: string): StorageProfileContext => {
  const profile = useWatchObject<StorageProfile>({ groupVersionKind: gvk(StorageProfileModel), name });
  const storageClass = useWatchObject<StorageClass>({ groupVersionKind: gvk(StorageClassModel), name });
  const snapshotClasses = useWatchList<VolumeSnapshotClass>({
    groupVersionKind: gvk(VolumeSnapshotClassModel),
    optional: true,
  });
  const cdis = useWatchList<CDI>({ groupVersionKind: gvk(CDIModel), optional: true });
  const csiDrivers = useWatchList<K8sResourceCommon>({
    groupVersionKind: gvk(CSIDriverModel),
    optional: true,
  });

  return useMemo(() => {
    const vscs = listOrEmpty(snapshotClasses);
    const cdiList = listOrEmpty(cdis);
    const cloneStrategyOverride = cdiList?.[0]?.spec?.cloneStrategyOverride;
    const csiDriverNames = listOrEmpty(csiDrivers)?.map((d) => d.metadata?.name ?? '');
    const optionalErrors: StorageProfileContext['optionalErrors'] = [];
    if (isUnreadable(snapshotClasses))
      optionalErrors.push({ what: 'VolumeSnapshotClasses', error: snapshotClasses.error });
    if (isUnreadable(cdis)) optionalErrors.push({ what: 'CDI', error: cdis.error });
    if (isUnreadable(csiDrivers)) optionalErrors.push({ what: 'CSIDrivers', error: csiDrivers.error });
    const classSettled = storageClass.status !== 'loading';
    const sc = storageClass.status === 'loaded' ? storageClass.data : undefined;
    return {
      profile,
      storageClass,
      snapshotClasses: vscs,
      optionalErrors,
      cloneStrategyOverride,
      csiDriverNames,
      health:
        profile.status === 'loaded' && profile.data && classSettled && snapshotClasses.loaded
          ? profileHealth({
              profile: profile.data,
              storageClass: sc,
              snapshotClasses: vscs ?? [],
              cloneStrategyOverride,
              csiDriverNames,
              storageClassUnknown: isUnreadable(storageClass),
              snapshotClassesUnknown: vscs === undefined,
            })
          : undefined,
    };
  }, [profile, storageClass, snapshotClasses, cdis, csiDrivers]);
};
