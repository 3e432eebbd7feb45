import { Breadcrumb, BreadcrumbItem, Button, Stack, Tooltip } from '@patternfly/react-core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ReadOnlyNotice } from '../../../components/AccessGate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageShell } from '../../../components/PageShell';
import { LoadingState, PageEmptyState } from '../../../components/StatusStates';
import { DataVolumeModel } from '../../../k8s/models';
import { withQueryClient } from '../../../k8s/query-client';
import { useModelAccess } from '../../../k8s/use-access';
import { dataVolumesPath } from '../../../routes';
import { useDataVolumeDetails } from '../data/use-data-volume-details';
import {
  ConditionsCard,
  DvAnnotationsCard,
  EventsCard,
  PodsCard,
  PvcCard,
  SummaryCard,
} from './DetailsSections';
import '../data/data-volumes.css';

const DeleteDataVolumeModal = lazy(() => import('../delete/DeleteDataVolumeModal'));

const DataVolumeDetailsPage = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { namespace = '', name = '' } = useParams();
  const navigate = useNavigate();
  const details = useDataVolumeDetails(namespace, name);
  const canDelete = useModelAccess(DataVolumeModel, 'delete', name, namespace);
  const [deleting, setDeleting] = useState(false);
  const { dataVolume } = details;
  const dv = dataVolume.status === 'loaded' ? dataVolume.data : undefined;
  const deleteAllowed = canDelete.allowed && !canDelete.loading;

  const breadcrumbs = (
    <Breadcrumb>
      <BreadcrumbItem>
        <Link to={dataVolumesPath(namespace)}>{t('DataVolumes')}</Link>
      </BreadcrumbItem>
      <BreadcrumbItem isActive>{name}</BreadcrumbItem>
    </Breadcrumb>
  );

  let body;
  if (dataVolume.status === 'not-found' || (dataVolume.status === 'loaded' && !dv)) {
    body = (
      <PageEmptyState
        title={t('DataVolume not found')}
        actions={
          <Link to={dataVolumesPath(namespace)}>
            {t('Back to the DataVolumes of {{nsName}}', { nsName: namespace })}
          </Link>
        }
      >
        {t('DataVolume {{name}} does not exist in namespace {{nsName}}: it was deleted, or never existed.', {
          name,
          nsName: namespace,
        })}
      </PageEmptyState>
    );
  } else if (dataVolume.status === 'api-missing') {
    body = (
      <PageEmptyState title={t('DataVolumes are not available')}>
        {t('The DataVolume API (cdi.kubevirt.io) is not served on this cluster.')}
      </PageEmptyState>
    );
  } else if (dataVolume.status === 'forbidden' || dataVolume.status === 'error') {
    body = (
      <ErrorAlert
        error={dataVolume.error}
        context="read"
        title={t('Could not load DataVolume {{name}}', { name })}
      />
    );
  } else if (!dv) {
    body = <LoadingState label={t('Loading DataVolume {{name}}', { name })} />;
  } else {
    const pvc = details.pvc.status === 'loaded' ? details.pvc.data : undefined;
    body = (
      <Stack hasGutter>
        <ReadOnlyNotice access={canDelete} />
        <SummaryCard dv={dv} pvc={pvc} />
        <ConditionsCard dv={dv} />
        <PvcCard pvc={details.pvc} pvcName={details.related?.pvcName ?? name} />
        <PodsCard pods={details.pods} list={details.workerPods} />
        <EventsCard events={details.events} list={details.relatedEvents} />
        <DvAnnotationsCard dv={dv} />
      </Stack>
    );
  }

  const deleteButton = (
    <Button variant="danger" onClick={() => setDeleting(true)} isAriaDisabled={!dv || !deleteAllowed}>
      {t('Delete')}
    </Button>
  );

  return (
    <PageShell
      title={name}
      breadcrumbs={breadcrumbs}
      description={t('DataVolume in namespace {{nsName}}', { nsName: namespace })}
      actions={
        deleteAllowed || !canDelete.reason ? (
          deleteButton
        ) : (
          <Tooltip content={canDelete.reason}>{deleteButton}</Tooltip>
        )
      }
    >
      {body}
      {deleting && dv && (
        <Suspense fallback={null}>
          <DeleteDataVolumeModal
            dataVolume={dv}
            onClose={() => setDeleting(false)}
            onDeleted={() => navigate(dataVolumesPath(namespace))}
          />
        </Suspense>
      )}
    </PageShell>
  );
};

export default withQueryClient(DataVolumeDetailsPage);
