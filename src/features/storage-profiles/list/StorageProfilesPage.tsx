import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { Alert, Stack } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadOnlyNotice } from '../../../components/AccessGate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageShell } from '../../../components/PageShell';
import { LoadingState, PageEmptyState } from '../../../components/StatusStates';
import { isNotFoundError, readK8sError } from '../../../k8s/k8s-errors';
import { gvk, StorageClassModel, StorageProfileModel, VolumeSnapshotClassModel } from '../../../k8s/models';
import { withQueryClient } from '../../../k8s/query-client';
import { useModelAccess } from '../../../k8s/use-access';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { EditProfileAction, NeedsAttentionFilter, useValueSourceColumn } from './profile-list-additions';
import { useProfileColumns } from './profile-columns';
import { buildProfileRows } from '../logic/profile-list-logic';
import { StorageProfilesTable } from './StorageProfilesTable';

/** A read the page can do without: says what is unknown because of it, with the API's message. */
const ReadFailedWarning = ({ title, error }: { title: string; error: unknown }) => (
  <Alert variant="warning" isInline title={title}>
    <p data-testid="api-error-message">{readK8sError(error).message}</p>
  </Alert>
);

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

  // Only the profiles are essential: without the classes the list still shows every profile, and says which
  // details it cannot show. A 404 for snapshot classes means the CRD is absent, i.e. there are none.
  const snapshotClassesUnreadable = !!snapshotClassesError && !isNotFoundError(snapshotClassesError);
  const rows = useMemo(
    () =>
      buildProfileRows(profiles ?? [], classes ?? [], snapshotClasses ?? [], {
        storageClassesUnknown: !!classesError,
        snapshotClassesUnknown: snapshotClassesUnreadable,
      }),
    [profiles, classes, snapshotClasses, classesError, snapshotClassesUnreadable],
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
  } else if (profilesError) {
    body = <ErrorAlert error={profilesError} context="read" title={t('Could not load storage profiles')} />;
  } else if (!profilesLoaded || (!classesLoaded && !classesError)) {
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
      <Stack hasGutter>
        <ReadOnlyNotice access={editAccess} />
        {!!classesError && (
          <ReadFailedWarning
            title={t(
              "Could not read StorageClasses: which class is the default, and whether a profile's class still exists, are unknown",
            )}
            error={classesError}
          />
        )}
        {snapshotClassesUnreadable && (
          <ReadFailedWarning
            title={t(
              'Could not read VolumeSnapshotClasses: snapshot classes CDI would match by driver are unknown',
            )}
            error={snapshotClassesError}
          />
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
      </Stack>
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
