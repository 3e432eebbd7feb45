import {
  Alert,
  ClipboardCopy,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Progress,
  ProgressMeasureLocation,
  ProgressVariant,
  Stack,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingState } from '../../../components/StatusStates';
import { StatusIcon, type StatusKind } from '../../../components/StatusIcon';
import { DataVolumeModel, gvk } from '../../../k8s/models';
import type { DataVolume } from '../../../k8s/types';
import { useWatchObject } from '../../../k8s/use-watch';
import { dataVolumeDetailsPath } from '../../../routes';
import { parseProgress } from '../logic/dv-rows';

const IN_PROGRESS = /InProgress$|Scheduled$|^Pending$|^PVCBound$|^WaitForFirstConsumer$|^Unknown$/;

/** How a phase looks. */
export const phaseStatus = (phase: string | undefined, restarts: number): StatusKind => {
  if (!phase) return 'unknown';
  if (phase === 'Succeeded') return 'success';
  if (phase === 'Failed') return 'danger';
  if (restarts > 0) return 'warning';
  if (phase === 'UploadReady') return 'info';
  if (IN_PROGRESS.test(phase) || phase.endsWith('Progress')) return 'in-progress';
  return 'unknown';
};

/**
 * The created DataVolume, followed live: phase, progress, conditions, restarts, and what to do next (upload
 * command, failure message, link to its details). Closing the wizard does not touch the DataVolume.
 */
export const CreateProgress = ({ namespace, name }: { namespace: string; name: string }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const watched = useWatchObject<DataVolume>({ groupVersionKind: gvk(DataVolumeModel), namespace, name });
  const details = (
    <Link to={dataVolumeDetailsPath(namespace, name)} data-testid="vsp-dv-details-link">
      {t('View details')}
    </Link>
  );

  if (watched.status === 'loading') return <LoadingState label={t('Loading the DataVolume')} />;
  if (watched.status !== 'loaded' || !watched.data) {
    return (
      <Stack hasGutter>
        {watched.status === 'not-found' ? (
          <Alert variant="warning" isInline title={t('The DataVolume {{name}} no longer exists', { name })}>
            {t('It was created, then deleted (by someone else, or by garbage collection once it succeeded).')}
          </Alert>
        ) : (
          <ErrorAlert
            error={watched.error}
            context="read"
            title={t('Could not read the DataVolume {{name}}', { name })}
          />
        )}
      </Stack>
    );
  }

  const dv = watched.data;
  const phase = dv.status?.phase;
  const restarts = dv.status?.restartCount ?? 0;
  const progress = parseProgress(dv.status?.progress);
  const conditions = dv.status?.conditions ?? [];
  const running = conditions.find((c) => c.type === 'Running');
  const status = phaseStatus(phase, restarts);
  const isUpload = !!dv.spec?.source?.upload;
  const uploadCommand = `virtctl image-upload dv ${name} -n ${namespace} --image-path=<path to the image> --no-create`;

  return (
    <Stack hasGutter data-testid="vsp-dv-progress">
      <Content component="p">
        {t('DataVolume {{name}} was created in namespace {{nsName}}. Closing this window does not stop it.', {
          name,
          nsName: namespace,
        })}
      </Content>
      <DescriptionList isCompact isHorizontal aria-label={t('Progress of {{name}}', { name })}>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Phase')}</DescriptionListTerm>
          <DescriptionListDescription data-testid="vsp-dv-phase">
            <StatusIcon status={status}>{phase ?? t('Not reported yet')}</StatusIcon>
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Restarts')}</DescriptionListTerm>
          <DescriptionListDescription>{restarts}</DescriptionListDescription>
        </DescriptionListGroup>
        {conditions.map((c) => (
          <DescriptionListGroup key={c.type}>
            <DescriptionListTerm>{c.type}</DescriptionListTerm>
            <DescriptionListDescription>
              {c.reason ? t('{{status}} ({{reason}})', { status: c.status, reason: c.reason }) : c.status}
            </DescriptionListDescription>
          </DescriptionListGroup>
        ))}
      </DescriptionList>
      {phase !== 'UploadReady' && (
        <Progress
          title={t('Progress')}
          value={phase === 'Succeeded' ? 100 : (progress ?? 0)}
          label={progress === undefined && phase !== 'Succeeded' ? t('Not reported') : undefined}
          measureLocation={ProgressMeasureLocation.outside}
          variant={
            phase === 'Succeeded'
              ? ProgressVariant.success
              : phase === 'Failed'
                ? ProgressVariant.danger
                : undefined
          }
          aria-label={t('Progress of {{name}}', { name })}
        />
      )}
      {phase === 'Succeeded' && (
        <Alert variant="success" isInline title={t('The DataVolume is ready')} actionLinks={details}>
          {t('Its PVC {{name}} holds the data and can be attached to a virtual machine.', {
            name: dv.status?.claimName ?? name,
          })}
        </Alert>
      )}
      {(phase === 'Failed' || restarts > 0) && phase !== 'Succeeded' && (
        <Alert
          variant={phase === 'Failed' ? 'danger' : 'warning'}
          isInline
          title={
            phase === 'Failed'
              ? t('The DataVolume failed')
              : t('The worker pod restarted {{count}} times', { count: restarts })
          }
          actionLinks={details}
          data-testid="vsp-dv-failure"
        >
          {running?.message ? (
            <Content component="p">{running.message}</Content>
          ) : (
            t('CDI reported no message.')
          )}
        </Alert>
      )}
      {phase === 'UploadReady' && isUpload && (
        <Alert variant="info" isInline title={t('Ready for the upload')} actionLinks={details}>
          <Content component="p">
            {t(
              'Upload a local disk image with virtctl (through the cluster upload proxy). Replace the path, then run:',
            )}
          </Content>
          <ClipboardCopy
            isReadOnly
            hoverTip={t('Copy')}
            clickTip={t('Copied')}
            textAriaLabel={t('Upload command')}
            data-testid="vsp-dv-upload-command"
          >
            {uploadCommand}
          </ClipboardCopy>
        </Alert>
      )}
      {phase !== 'Succeeded' && phase !== 'Failed' && phase !== 'UploadReady' && restarts === 0 && (
        <Content component="p">{details}</Content>
      )}
    </Stack>
  );
};
