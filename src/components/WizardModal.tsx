import { Modal, ModalVariant, Wizard, WizardHeader } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface WizardModalProps {
  /** The header title's id; the modal is labelled by it. */
  titleId: string;
  title: string;
  description: ReactNode;
  /** The step navigation's accessible name. */
  navAriaLabel: string;
  /** Escape, the close button and Cancel; the caller ignores it while a write runs. */
  onClose: () => void;
  /** The last step's primary button. */
  onSave: () => void;
  isVisitRequired?: boolean;
  /** Hides the header's close button (while a write runs). */
  isCloseHidden?: boolean;
  height?: string;
  /** The WizardSteps. */
  children: ReactNode;
}

/** The frame of every wizard: a large modal holding a PatternFly Wizard with its header. */
export const WizardModal = ({
  titleId,
  title,
  description,
  navAriaLabel,
  onClose,
  onSave,
  isVisitRequired,
  isCloseHidden,
  height = 'min(52rem, 88vh)',
  children,
}: WizardModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <Modal variant={ModalVariant.large} isOpen onEscapePress={onClose} aria-labelledby={titleId}>
      <Wizard
        height={height}
        onClose={onClose}
        onSave={onSave}
        isVisitRequired={isVisitRequired}
        navAriaLabel={navAriaLabel}
        header={
          <WizardHeader
            title={title}
            titleId={titleId}
            onClose={onClose}
            closeButtonAriaLabel={t('Close')}
            isCloseHidden={isCloseHidden}
            description={description}
          />
        }
      >
        {children}
      </Wizard>
    </Modal>
  );
};
