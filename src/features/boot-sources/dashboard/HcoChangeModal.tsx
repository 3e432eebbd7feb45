import { Content, Stack } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { PatchPreview } from '../../../components/PatchPreview';
import type { Intent, IntentWrite } from '../../../k8s/use-intent-write';
import type { HyperConverged } from '../../../k8s/types';
import { useEditErrorText } from '../shared/use-edit-error-text';

export interface HcoChangeModalProps {
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  isDanger?: boolean;
  /** The action's name for the write (the page words its messages after it). */
  action: string;
  intent: Intent<HyperConverged>;
  write: IntentWrite<HyperConverged>;
  onDone: (action: string, reappliedOnNewer: boolean) => void;
  onCancel: () => void;
}

/**
 * Confirms one change of the HyperConverged: the consequences, the exact JSON patch it sends (built from the
 * latest object), and the server's answer if it fails. Nothing is sent when the patch cannot be built.
 */
export const HcoChangeModal = ({
  title,
  children,
  confirmLabel,
  isDanger,
  action,
  intent,
  write,
  onDone,
  onCancel,
}: HcoChangeModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { localise } = useEditErrorText();
  const patch = write.preview(intent);
  const failure = write.failure?.action === action ? localise(write.failure.error) : undefined;
  return (
    <ConfirmModal
      isOpen
      variant="medium"
      title={title}
      confirmLabel={confirmLabel}
      isDanger={isDanger}
      isInProgress={write.pendingAction === action}
      error={patch instanceof Error ? localise(patch) : failure}
      onConfirm={() => {
        if (patch instanceof Error) return;
        write.run(action, intent, { onSuccess: (_saved, reapplied) => onDone(action, reapplied) });
      }}
      onCancel={() => {
        write.dismissFailure();
        onCancel();
      }}
    >
      <Stack hasGutter>
        {children}
        {!(patch instanceof Error) && (
          <>
            <Content component="p">{t('This JSON patch is sent to the HyperConverged resource:')}</Content>
            <PatchPreview patch={patch} id={`vsp-hco-patch-${action}`} />
          </>
        )}
      </Stack>
    </ConfirmModal>
  );
};
