import { useTranslation } from 'react-i18next';
import type { SpecFormError, SpecFormWarning } from '../logic/spec-form-logic';

/** Turns the form logic's codes into sentences that say what is wrong and what happens. */
export const useSpecFormMessages = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const errorText = (e: SpecFormError): string => {
    switch (e.code) {
      case 'no-access-mode':
        return t('Set {{n}} has no access mode. Pick at least one, or remove the set.', { n: e.index + 1 });
      case 'no-volume-mode':
        return t('Set {{n}} has no volume mode. Pick Block or Filesystem.', { n: e.index + 1 });
      case 'too-many-sets':
        return t('A profile can hold at most 8 sets; this one has {{count}}.', { count: e.count });
      case 'invalid-clone-strategy':
        return t('"{{value}}" is not a clone strategy CDI knows. Pick copy, snapshot or csi-clone.', {
          value: e.value,
        });
      case 'invalid-source-format':
        return t('"{{value}}" is not a boot source format CDI knows. Pick pvc or snapshot.', {
          value: e.value,
        });
    }
  };
  const warningText = (w: SpecFormWarning, provisioner?: string): string => {
    switch (w.code) {
      case 'snapshot-clone-without-snapshot-class':
        return t(
          'No VolumeSnapshotClass has driver {{provisioner}}, so snapshot clones cannot work: CDI falls back to a slow host-assisted copy.',
          { provisioner },
        );
      case 'csi-clone-without-csi-driver':
        return t(
          'No CSIDriver named {{provisioner}} exists, so CDI cannot ask the driver to clone: clones fall back to a slow host-assisted copy.',
          { provisioner },
        );
      case 'snapshot-format-without-snapshot-class':
        return t(
          'No VolumeSnapshotClass has driver {{provisioner}}: boot source imports kept as snapshots will fail. Create a VolumeSnapshotClass first, or keep pvc.',
          { provisioner },
        );
      case 'clone-strategy-overridden':
        return t(
          'The CDI resource sets cloneStrategyOverride to {{override}}, which applies to every storage profile: CDI will use {{override}}, not {{chosen}}.',
          { override: w.override, chosen: w.chosen },
        );
      case 'snapshot-class-not-found':
        return t('VolumeSnapshotClass {{name}} does not exist.', { name: w.name });
      case 'snapshot-class-other-driver':
        return t('VolumeSnapshotClass {{name}} belongs to driver {{driver}}, not to {{provisioner}}.', {
          name: w.name,
          driver: w.driver,
          provisioner,
        });
      case 'duplicate-set':
        return t('Set {{n}} repeats set {{first}} and has no effect.', {
          n: w.index + 1,
          first: w.firstIndex + 1,
        });
      case 'no-rwx':
        return t(
          'No set has ReadWriteMany: virtual machines whose disks use these defaults cannot live-migrate.',
        );
    }
  };
  return { errorText, warningText };
};
