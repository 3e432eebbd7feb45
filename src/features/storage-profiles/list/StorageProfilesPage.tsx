import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { Stack } from '@patternfly/react-core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadOnlyNotice } from '../../../components/AccessGate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageShell } from '../../../components/PageShell';
import { ReadWarningAlert } from '../../../components/ReadWarningAlert';
import { LoadingState, PageEmptyState } from '../../../components/StatusStates';
import { isNotFoundError } from '../../../k8s/k8s-errors';
import { gvk, StorageClassModel, StorageProfileModel, VolumeSnapshotClassModel } from '../../../k8s/models';
import { withQueryClient } from '../../../k8s/query-client';
import { useModelAccess } from '../../../k8s/use-access';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { EditProfileAction, NeedsAttentionFilter, useValueSourceColumn } from './profile-list-additions';
import { useProfileColumns } from './profile-columns';
import { buildProfileRows, needsAttention } from '../logic/profile-list-logic';
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
                error={snapshotClassesError}
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
