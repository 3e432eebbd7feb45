import { Stack } from '@patternfly/react-core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ReadOnlyNotice } from '../../../components/AccessGate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageShell } from '../../../components/PageShell';
import { withQueryClient } from '../../../k8s/query-client';
import { HealthSummary } from '../../../health/HealthSummary';
import { ReadWarningAlert } from '../../../components/ReadWarningAlert';
import { LoadingState, PageEmptyState } from '../../../components/StatusStates';
import { gvk, StorageClassModel, StorageProfileModel, VolumeSnapshotClassModel } from '../../../k8s/models';
import { useModelAccess } from '../../../k8s/use-access';
import { useWatchList } from '../../../k8s/use-watch';
import { isUnreadable, listOrEmpty } from '../../../k8s/watch-state';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { EditProfileAction, NeedsAttentionFilter, useValueSourceColumn } from './profile-list-additions';
import { useProfileColumns } from './profile-columns';
import { createProfileRowBuilder, needsAttention, type ProfileRow } from '../logic/profile-list-logic';
import { StorageProfilesTable } from './StorageProfilesTable';

const StorageProfilesPage = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [onlyNeedsAttention, setOnlyNeedsAttention] = useState(false);
  const clearFilters = useCallback(() => setOnlyNeedsAttention(false), []);
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
  const profiles = useWatchList<StorageProfile>({ groupVersionKind: gvk(StorageProfileModel) });
  const classes = useWatchList<StorageClass>({ groupVersionKind: gvk(StorageClassModel) });
  // Optional: clusters without the snapshot CRDs simply have no snapshot classes.
  const snapshotClasses = useWatchList<VolumeSnapshotClass>({
    groupVersionKind: gvk(VolumeSnapshotClassModel),
    optional: true,
  });

  // Only the profiles are essential: without the classes the list still shows every profile, and says which
  // details it cannot show. An absent snapshot API means there are none; an unreadable one means unknown.
  const classesError =
    classes.status === 'loading' || classes.status === 'loaded' ? undefined : classes.error;
  const vscs = listOrEmpty(snapshotClasses);
  const snapshotClassesUnreadable = isUnreadable(snapshotClasses);
  const settled = profiles.status === 'loaded' && classes.loaded && snapshotClasses.loaded;
  const buildRows = useMemo(() => createProfileRowBuilder(), []);
  const rows = useMemo(
    () =>
      // Rows are built once all three reads settled: never from lists that are still loading.
      settled
        ? buildRows(profiles.data ?? [], listOrEmpty(classes) ?? [], vscs ?? [], {
            storageClassesUnknown: !!classesError,
            snapshotClassesUnknown: snapshotClassesUnreadable,
          })
        : [],
    [settled, buildRows, profiles.data, classes, vscs, classesError, snapshotClassesUnreadable],
  );
  const navigate = useNavigate();
  const renderRowActions = useCallback(
    (row: ProfileRow) => (
      <EditProfileAction
        name={row.name}
        label={t('Edit')}
        ariaLabel={t('Edit {{name}}', { name: row.name })}
        navigate={navigate}
      />
    ),
    [t, navigate],
  );

  let body;
  if (profiles.status === 'api-missing') {
    body = (
      <PageEmptyState title={t('Storage profiles are not available')}>
        {t(
          'The StorageProfile API is not served. Install OpenShift Virtualization (it includes the Containerized Data Importer, which creates one storage profile per storage class).',
        )}
      </PageEmptyState>
    );
  } else if (
    profiles.status === 'forbidden' ||
    profiles.status === 'error' ||
    profiles.status === 'not-found'
  ) {
    body = <ErrorAlert error={profiles.error} context="read" title={t('Could not load storage profiles')} />;
  } else if (!settled) {
    body = <LoadingState label={t('Loading storage profiles')} />;
  } else {
    body = (
      <Stack hasGutter>
        {/* With no profiles at all there is nothing to edit, and nothing unknown about them. */}
        {rows.length > 0 && (
          <>
            <ReadOnlyNotice access={editAccess} />
            {!!classesError && (
              <ReadWarningAlert
                title={t(
                  "Could not read StorageClasses: which class is the default, and whether a profile's class still exists, are unknown",
                )}
                error={classesError}
              />
            )}
            {snapshotClassesUnreadable && (
              <ReadWarningAlert
                title={t(
                  'Could not read VolumeSnapshotClasses: snapshot classes CDI would match by driver are unknown',
                )}
                error={snapshotClasses.error}
              />
            )}
          </>
        )}
        <StorageProfilesTable
          rows={rows}
          columns={columns}
          filters={onlyNeedsAttention ? needsAttention : undefined}
          onClearFilters={clearFilters}
          extraFilters={
            <NeedsAttentionFilter checked={onlyNeedsAttention} onChange={setOnlyNeedsAttention} />
          }
          renderRowActions={editAccess.allowed ? renderRowActions : undefined}
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
      <HealthSummary page="storage-profiles" />
      {body}
    </PageShell>
  );
};

// No writes on this page, so no react-query client: it stays out of the list's chunk.
export default withQueryClient(StorageProfilesPage);
