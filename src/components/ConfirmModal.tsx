import { Button, Modal, ModalBody, ModalFooter, ModalHeader, ModalVariant } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import './plugin.css';

export interface ConfirmModalProps {
  isOpen: boolean;
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  /** Destructive or wide-reaching actions get a red button. */
  isDanger?: boolean;
  /** While the change is being sent: the confirm button spins and both buttons are disabled. */
  isInProgress?: boolean;
  /** The failure of the last attempt, shown verbatim inside the dialog. */
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
  /** Medium for dialogs that show a patch preview. */
  variant?: 'small' | 'medium';
}

/** Asks before a destructive or wide-reaching change and says what will happen. */
export const ConfirmModal = ({
  isOpen,
  title,
  children,
  confirmLabel,
  isDanger,
  isInProgress,
  error,
  onConfirm,
  onCancel,
  variant = 'small',
}: ConfirmModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <Modal
      variant={variant === 'medium' ? ModalVariant.medium : ModalVariant.small}
      isOpen={isOpen}
      onClose={onCancel}
      aria-labelledby="vsp-confirm-modal-title"
      aria-describedby="vsp-confirm-modal-body"
    >
      <ModalHeader
        title={title}
        labelId="vsp-confirm-modal-title"
        titleIconVariant={isDanger ? 'warning' : undefined}
      />
      <ModalBody id="vsp-confirm-modal-body">
        {children}
        {error !== undefined && error !== null && (
          <div className="vsp-confirm-modal__error">
            <ErrorAlert error={error} />
          </div>
        )}
      </ModalBody>
      <ModalFooter>
        <Button
          variant={isDanger ? 'danger' : 'primary'}
          onClick={onConfirm}
          isLoading={isInProgress}
          isDisabled={isInProgress}
        >
          {confirmLabel}
        </Button>
        <Button variant="link" onClick={onCancel} isDisabled={isInProgress}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
