import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { Alert } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageShell } from '../../components/PageShell';
import { LoadingState, PageEmptyState } from '../../components/StatusStates';
import { isNotFoundError, readK8sError } from '../../k8s/k8s-errors';
import { gvk, StorageClassModel, StorageProfileModel, VolumeSnapshotClassModel } from '../../k8s/models';
import { withQueryClient } from '../../k8s/query-client';
import { useModelAccess } from '../../k8s/use-access';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../k8s/types';
import {
  EditProfileAction,
  NeedsAttentionFilter,
  useValueSourceColumn,
} from './details/profile-list-additions';
import { useProfileColumns } from './profile-columns';
import { buildProfileRows } from './profile-list-logic';
import { StorageProfilesTable } from './StorageProfilesTable';

const StorageProfilesPage = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [onlyNeedsAttention, setOnlyNeedsAttention] = useState(false);
  const filters = useMemo(() => ({ needsAttention: onlyNeedsAttention }), [onlyNeedsAttention]);
  const editAccess = useModelAccess(StorageProfileModel, 'patch');
  // "Values from" (admin or CDI) sits just before the values themselves.
  const baseColumns = useProfileColumns();
  const valueSourceColumn = useValueSourceColumn();
  const columns = useMemo(() => {
    const at = baseColumns.findIndex((c) => c.id === 'claimPropertySets');
    return at < 0
      ? [...baseColumns, valueSourceColumn]
      : [...baseColumns.slice(0, at), valueSourceColumn, ...baseColumns.slice(at)];
  }, [baseColumns, valueSourceColumn]);
  const [profiles, profilesLoaded, profilesError] = useK8sWatchResource<StorageProfile[]>({
    groupVersionKind: gvk(StorageProfileModel),
    isList: true,
  });
  const [classes, classesLoaded, classesError] = useK8sWatchResource<StorageClass[]>({
    groupVersionKind: gvk(StorageClassModel),
    isList: true,
  });
  // Optional: clusters without the snapshot CRDs simply have no snapshot classes.
  const [snapshotClasses, , snapshotClassesError] = useK8sWatchResource<VolumeSnapshotClass[]>({
    groupVersionKind: gvk(VolumeSnapshotClassModel),
    isList: true,
    optional: true,
  });

  const rows = useMemo(
    () => buildProfileRows(profiles ?? [], classes ?? [], snapshotClasses ?? []),
    [profiles, classes, snapshotClasses],
  );

  let body;
  if (profilesError && isNotFoundError(profilesError)) {
    body = (
      <PageEmptyState title={t('Storage profiles are not available')}>
        {t(
          'The StorageProfile API is not served. Install OpenShift Virtualization (it includes the Containerized Data Importer, which creates one storage profile per storage class).',
        )}
      </PageEmptyState>
    );
  } else if (profilesError || classesError) {
    body = (
      <ErrorAlert
        error={profilesError ?? classesError}
        title={profilesError ? t('Could not load storage profiles') : t('Could not load storage classes')}
      />
    );
  } else if (!profilesLoaded || !classesLoaded) {
    body = <LoadingState label={t('Loading storage profiles')} />;
  } else if (rows.length === 0) {
    body = (
      <PageEmptyState title={t('No storage profiles')}>
        {t(
          'CDI creates a storage profile for every storage class. Create a storage class to see its profile here.',
        )}
      </PageEmptyState>
    );
  } else {
    body = (
      <>
        {snapshotClassesError && !isNotFoundError(snapshotClassesError) && (
          <Alert variant="warning" isInline title={t('Could not load VolumeSnapshotClasses')}>
            {readK8sError(snapshotClassesError).message}
          </Alert>
        )}
        <StorageProfilesTable
          rows={rows}
          columns={columns}
          filters={filters}
          extraFilters={
            <NeedsAttentionFilter checked={onlyNeedsAttention} onChange={setOnlyNeedsAttention} />
          }
          renderRowActions={editAccess.allowed ? (row) => <EditProfileAction name={row.name} /> : undefined}
        />
      </>
    );
  }

  return (
    <PageShell
      title={t('Storage profiles')}
      description={t(
        'CDI keeps one storage profile per storage class. It tells CDI which access and volume modes, clone strategy and boot-source format to use when a DataVolume leaves them out.',
      )}
    >
      {body}
    </PageShell>
  );
};

export default withQueryClient(StorageProfilesPage);
