import {
  Alert,
  Button,
  Content,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalVariant,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PatchPreview } from '../../../components/PatchPreview';
import { StorageProfileModel } from '../../../k8s/models';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { useIntentWrite, type Intent } from '../../../k8s/use-intent-write';
import { snapshotAdvice } from './storage-class-logic';

export interface UseSnapshotsModalProps {
  storageClass: StorageClass;
  profile: StorageProfile;
  snapshotClasses: VolumeSnapshotClass[];
  onClose: () => void;
}

const ACTION = 'use-snapshots';

/**
 * The one change: `spec.dataImportCronSourceFormat: snapshot` on the profile. `buildGuardedPatch` adds a
 * missing `spec` as `{dataImportCronSourceFormat: snapshot}` (the CRD requires spec, api-facts 11).
 */
const snapshotFormatIntent: Intent<StorageProfile> = () => [
  { path: ['spec', 'dataImportCronSourceFormat'], value: 'snapshot' },
];

/** "Use snapshots for boot sources on this class" (8.3.2.3): only when a VolumeSnapshotClass serves the driver. */
export const UseSnapshotsModal = ({
  storageClass,
  profile,
  snapshotClasses,
  onClose,
}: UseSnapshotsModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const className = storageClass.metadata?.name ?? '';
  const advice = useMemo(
    () => snapshotAdvice(storageClass, profile, snapshotClasses),
    [storageClass, profile, snapshotClasses],
  );
  const write = useIntentWrite<StorageProfile>({ model: StorageProfileModel, object: profile });
  const [saved, setSaved] = useState(false);
  const preview = advice.kind === 'can-enable' ? write.preview(snapshotFormatIntent) : undefined;
  // After the write the watch brings the new profile: keep showing the result, not the new advice.
  const shown = saved ? undefined : advice;
  const canWrite = shown?.kind === 'can-enable';

  return (
    <Modal
      variant={ModalVariant.medium}
      isOpen
      onClose={onClose}
      aria-labelledby="vsp-use-snapshots-title"
      aria-describedby="vsp-use-snapshots-body"
    >
      <ModalHeader
        title={t('Use snapshots for boot sources on {{className}}', { className })}
        labelId="vsp-use-snapshots-title"
      />
      <ModalBody id="vsp-use-snapshots-body">
        <Stack hasGutter>
          {shown?.kind === 'already' && (
            <StackItem>
              <Alert
                variant="info"
                isInline
                title={t('Boot sources on {{className}} are already snapshots', { className })}
              >
                <Content component="p">
                  {shown.via === 'spec'
                    ? t('The storage profile sets dataImportCronSourceFormat: snapshot.')
                    : t(
                        'CDI advises snapshots for this provisioner and the storage profile status says snapshot.',
                      )}{' '}
                  {shown.snapshotClass &&
                    t('CDI takes them with the VolumeSnapshotClass {{snapshotClass}}.', {
                      snapshotClass: shown.snapshotClass,
                    })}
                </Content>
              </Alert>
            </StackItem>
          )}
          {shown?.kind === 'already-broken' && (
            <StackItem>
              <Alert
                variant="danger"
                isInline
                title={t(
                  'Boot sources on {{className}} are set to snapshots, but no VolumeSnapshotClass serves the driver',
                  {
                    className,
                  },
                )}
              >
                <Content component="p">
                  {t(
                    "No VolumeSnapshotClass has driver {{driver}}, so the boot-source snapshots have no class that can take them and the boot sources never become ready. Create a VolumeSnapshotClass for {{driver}}, or set the profile's boot-source format back to pvc.",
                    { driver: shown.driver },
                  )}
                </Content>
              </Alert>
            </StackItem>
          )}
          {shown?.kind === 'no-snapshot-class' && (
            <StackItem>
              <Alert
                variant="warning"
                isInline
                title={t('Snapshots are not possible on {{className}} yet', { className })}
              >
                <Content component="p">
                  {t(
                    'No VolumeSnapshotClass has driver {{driver}}. Without one, CDI cannot take the snapshots and the boot sources on this class would never become ready, so nothing is changed here.',
                    { driver: shown.driver },
                  )}
                </Content>
                <Content component="p">
                  {t(
                    'To use snapshots, install the snapshot support of the {{driver}} CSI driver (its snapshot controller and sidecar) and create a VolumeSnapshotClass with driver: {{driver}}; then open this dialog again.',
                    { driver: shown.driver },
                  )}
                </Content>
              </Alert>
            </StackItem>
          )}
          {shown?.kind === 'can-enable' && (
            <>
              <StackItem>
                <Content component="p">
                  {t(
                    'CDI then keeps every boot source whose storage class is {{className}} as a VolumeSnapshot instead of a PVC: it snapshots the current image (with the VolumeSnapshotClass {{snapshotClass}}) and deletes the PVC, and later updates are imported the same way. New VMs are created by restoring the snapshot, which is faster and cheaper than cloning a PVC on Ceph RBD and similar storage.',
                    { className, snapshotClass: shown.snapshotClass },
                  )}
                </Content>
              </StackItem>
              {shown.replaces && (
                <StackItem>
                  <Content component="p">
                    {t("This replaces the profile's current value {{value}}.", { value: shown.replaces })}
                  </Content>
                </StackItem>
              )}
              <StackItem>
                <Content component="p">
                  {t('The patch for StorageProfile {{className}}:', { className })}
                </Content>
                {preview instanceof Error ? (
                  <ErrorAlert error={preview} title={t('The patch cannot be built')} />
                ) : (
                  preview && <PatchPreview patch={preview} id="vsp-use-snapshots-patch" />
                )}
              </StackItem>
            </>
          )}
          {write.failure && (
            <StackItem>
              <ErrorAlert
                error={write.failure.error}
                title={
                  write.failure.conflict
                    ? t('The storage profile changed again while saving')
                    : t('Could not update the storage profile')
                }
              />
            </StackItem>
          )}
          {saved && (
            <StackItem>
              <Alert
                variant="success"
                isInline
                title={t('Boot sources on {{className}} now use snapshots', { className })}
              >
                {write.reappliedOnNewer === ACTION &&
                  t('Someone changed the profile meanwhile; the change was applied on their version.')}
              </Alert>
            </StackItem>
          )}
        </Stack>
      </ModalBody>
      <ModalFooter>
        {canWrite && (
          <Button
            variant="primary"
            onClick={() => write.run(ACTION, snapshotFormatIntent, { onSuccess: () => setSaved(true) })}
            isLoading={write.isPending}
            isDisabled={write.isPending || !preview || preview instanceof Error}
          >
            {t('Use snapshots')}
          </Button>
        )}
        <Button variant={canWrite ? 'link' : 'primary'} onClick={onClose} isDisabled={write.isPending}>
          {canWrite ? t('Cancel') : t('Close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
