import { Alert } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

/** Why a hostpath class should wait for the first consumer (product docs 8.5.1.1), shown when Immediate is picked. */
export const ImmediateBindingWarning = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <Alert variant="warning" isInline title={t('Immediate binding pins VMs to a node chosen in advance')}>
      {t(
        'The volume is created on some node before the VM is scheduled; the VM can then only run on that node, even when it lacks CPU or memory, and cannot be live-migrated. The hostpath provisioner documents Immediate binding as deprecated.',
      )}
    </Alert>
  );
};
