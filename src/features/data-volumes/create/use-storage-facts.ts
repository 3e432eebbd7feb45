import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CDIConfigModel, gvk, StorageClassModel, StorageProfileModel } from '../../../k8s/models';
import type { CDIConfig, StorageClass, StorageProfile } from '../../../k8s/types';
import { useWatchList, useWatchObject } from '../../../k8s/use-watch';
import type { DataVolumeForm } from '../logic/dv-form';
import { storageFactsFrom, type StorageBlocker, type StorageFactsData } from './storage-facts';

export interface StorageFacts extends Omit<StorageFactsData, 'blockers'> {
  /** The class the DataVolume's PVC will get; undefined while unknown or when none applies. */
  targetClass: string | undefined;
  targetClassFrom: 'chosen' | 'virt-default' | 'default' | 'none' | 'unknown';
  /** Why the Storage step may not be left (e.g. the profile is incomplete); empty = may continue. */
  blockers: string[];
  /** The same blockers as data (the Storage step shows them with a link to the profile). */
  blockerDetails: StorageBlocker[];
  /** CDIConfig.status.scratchSpaceStorageClass ('' = none); undefined while unknown. */
  scratchSpaceStorageClass: string | undefined;
}

/**
 * Watches StorageClasses, StorageProfiles (both cluster-wide: the SDK shares identical watches with other
 * hooks) and CDIConfig `config`, and tells the steps what CDI will do with this form's storage.
 */
export const useStorageFacts = (form: DataVolumeForm): StorageFacts => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const classes = useWatchList<StorageClass>({ groupVersionKind: gvk(StorageClassModel) });
  const profiles = useWatchList<StorageProfile>({ groupVersionKind: gvk(StorageProfileModel) });
  const cdiConfig = useWatchObject<CDIConfig>({ groupVersionKind: gvk(CDIConfigModel), name: 'config' });
  return useMemo(() => {
    const data = storageFactsFrom(form, { classes, profiles, cdiConfig });
    const words = (b: StorageBlocker): string => {
      switch (b.code) {
        case 'no-class':
          return t(
            'No StorageClass is chosen and the cluster has no default class, so CDI has no StorageProfile to take the access and volume mode from: the DataVolume would stay Pending. Choose a class, or set the modes explicitly.',
          );
        case 'class-missing':
          return t('StorageClass {{name}} does not exist: the DataVolume would stay Pending.', {
            name: b.className,
          });
        case 'profile-missing':
          return t(
            'StorageClass {{name}} has no StorageProfile (yet), so CDI cannot take the access and volume mode from it: the DataVolume would stay Pending. Set the modes explicitly.',
            { name: b.className },
          );
        case 'profile-incomplete':
          return b.filesystemOnly
            ? t(
                'The StorageProfile {{name}} lists no Filesystem access mode, which an archive import needs: CDI cannot pick the access mode and the DataVolume would stay Pending. Complete the profile, or set the modes explicitly.',
                { name: b.className },
              )
            : t(
                'The StorageProfile {{name}} is incomplete (no claim property sets): CDI cannot pick the access and volume mode and the DataVolume would stay Pending. Complete the profile, or set the modes explicitly.',
                { name: b.className },
              );
      }
    };
    return { ...data, blockers: data.blockers.map(words), blockerDetails: data.blockers };
  }, [form, classes, profiles, cdiConfig, t]);
};
