import { useTranslation } from 'react-i18next';
import type { CloneStrategySource } from '../logic/profile-health';

export interface OptionText {
  label: string;
  description: string;
}

/** Names and plain-word explanations of the profile's settings, shared by the details page and the form. */
export const useProfileTexts = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const cloneStrategies: Record<string, OptionText> = {
    copy: {
      label: t('Host-assisted copy (copy)'),
      description: t(
        'A pod reads the source volume and writes every byte into the new one. Works with any storage, but is the slowest and uses network and CPU.',
      ),
    },
    snapshot: {
      label: t('Snapshot (snapshot)'),
      description: t(
        'CDI takes a VolumeSnapshot of the source and restores it into the new volume. Fast; needs a VolumeSnapshotClass for this provisioner.',
      ),
    },
    'csi-clone': {
      label: t('CSI clone (csi-clone)'),
      description: t(
        'The CSI driver clones the volume itself. Usually the fastest; needs a CSI driver that supports volume cloning.',
      ),
    },
  };
  const sourceFormats: Record<string, OptionText> = {
    pvc: {
      label: t('PersistentVolumeClaim (pvc)'),
      description: t('Each boot source import is kept as a PVC; VMs are cloned from it.'),
    },
    snapshot: {
      label: t('VolumeSnapshot (snapshot)'),
      description: t(
        'Each boot source import is kept as a VolumeSnapshot. Scales better when many VMs clone from one source; needs a VolumeSnapshotClass for this provisioner.',
      ),
    },
  };
  const cloneStrategySources: Record<CloneStrategySource, string> = {
    'cdi-override': t('CDI-wide override (CDI spec.cloneStrategyOverride)'),
    admin: t('Set by an administrator on this profile'),
    'storage-class': t('StorageClass annotation cdi.kubevirt.io/clone-strategy'),
    'cdi-table': t("CDI's built-in advice for this provisioner"),
    'cdi-default': t('CDI default: snapshot when a VolumeSnapshotClass exists, otherwise copy'),
  };
  return { cloneStrategies, sourceFormats, cloneStrategySources };
};
