import { Alert, Content } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { readK8sError } from '../../../k8s/k8s-errors';
import { DataVolumeModel } from '../../../k8s/models';
import type { DataVolume } from '../../../k8s/types';
import { deleteObject } from '../../../k8s/use-object-writes';

/**
 * The DataVolume without its resourceVersion: an import updates the status every second, so a
 * resourceVersion precondition would nearly always conflict. The uid stays: a DataVolume re-created under
 * the same name is a different object and is not deleted.
 */
export const deleteTarget = (dv: DataVolume): DataVolume => {
  const { resourceVersion: _rv, ...metadata } = dv.metadata ?? {};
  return { ...dv, metadata };
};

export interface DeleteDataVolumeModalProps {
  dataVolume: DataVolume;
  onClose: () => void;
  /** After the DataVolume is gone (deleted now, or already by someone else), e.g. leave its details page. */
  onDeleted?: () => void;
}

type State = { kind: 'ask' } | { kind: 'deleting' } | { kind: 'error'; error: unknown } | { kind: 'gone' };

const DeleteDataVolumeModal = ({ dataVolume, onClose, onDeleted }: DeleteDataVolumeModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [state, setState] = useState<State>({ kind: 'ask' });
  const name = dataVolume.metadata?.name ?? '';
  const ns = dataVolume.metadata?.namespace ?? '';
  const claim = dataVolume.status?.claimName || name;

  const confirm = () => {
    setState({ kind: 'deleting' });
    deleteObject({ model: DataVolumeModel, resource: deleteTarget(dataVolume) })
      .then(() => {
        onClose();
        onDeleted?.();
      })
      .catch((error: unknown) => {
        if (readK8sError(error).kind === 'not-found') setState({ kind: 'gone' });
        else setState({ kind: 'error', error });
      });
  };

  if (state.kind === 'gone') {
    const done = () => {
      onClose();
      onDeleted?.();
    };
    return (
      <ConfirmModal
        isOpen
        title={t('DataVolume already deleted')}
        confirmLabel={t('OK')}
        onConfirm={done}
        onCancel={done}
      >
        <Alert variant="info" isInline isPlain title={t('Already deleted by someone else')}>
          {t('DataVolume {{name}} in namespace {{nsName}} no longer exists: nothing was deleted now.', {
            name,
            nsName: ns,
          })}
        </Alert>
      </ConfirmModal>
    );
  }

  return (
    <ConfirmModal
      isOpen
      isDanger
      title={t('Delete DataVolume?')}
      confirmLabel={t('Delete')}
      isInProgress={state.kind === 'deleting'}
      error={state.kind === 'error' ? state.error : undefined}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <Content component="p">
        {t('DataVolume {{name}} in namespace {{nsName}} will be deleted.', { name, nsName: ns })}
      </Content>
      <Content component="p">
        {t(
          'Its PVC {{claim}} and the data on it are deleted with it: CDI makes the DataVolume the owner of the PVC, and garbage collection removes the PVC. A running import, upload or clone stops.',
          { claim },
        )}
      </Content>
    </ConfirmModal>
  );
};

export default DeleteDataVolumeModal;
