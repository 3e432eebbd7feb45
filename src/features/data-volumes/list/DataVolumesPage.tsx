import { Alert, Button, Stack, Toolbar, ToolbarContent, ToolbarItem, Tooltip } from '@patternfly/react-core';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadOnlyNotice } from '../../../components/AccessGate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NamespaceFilter } from '../../../components/NamespaceFilter';
import { useNamespaceParam } from '../../../routes';
import { PageShell } from '../../../components/PageShell';
import { HealthSummary } from '../../../health/HealthSummary';
import { ReadWarningAlert } from '../../../components/ReadWarningAlert';
import { ResourceTable } from '../../../components/ResourceTable';
import { LoadingState, PageEmptyState } from '../../../components/StatusStates';
import { DataVolumeModel } from '../../../k8s/models';
import { withQueryClient } from '../../../k8s/query-client';
import type { DataVolume } from '../../../k8s/types';
import { useModelAccess } from '../../../k8s/use-access';
import { isUnreadable } from '../../../k8s/watch-state';
import { useDataVolumeRows, useNamespaceNames } from '../data/use-data-volume-rows';
import type { DataVolumeRow } from '../logic/dv-rows';
import { useDvColumns } from './dv-columns';

const CreateDataVolumeWizard = lazy(() => import('../create/CreateDataVolumeWizard'));
const DeleteDataVolumeModal = lazy(() => import('../delete/DeleteDataVolumeModal'));

type Dialog = { kind: 'create' } | { kind: 'delete'; dataVolume: DataVolume };

const rowKey = (r: DataVolumeRow) => r.key;
const textOf = (r: DataVolumeRow) => `${r.namespace}/${r.name}`;

const DataVolumesPage = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [namespace, setNamespace] = useNamespaceParam();
  const namespaces = useNamespaceNames();
  const data = useDataVolumeRows(namespace);
  const columns = useDvColumns(!namespace);
  const canCreate = useModelAccess(DataVolumeModel, 'create', undefined, namespace);
  const canDelete = useModelAccess(DataVolumeModel, 'delete', undefined, namespace);
  const [dialog, setDialog] = useState<Dialog>();
  const close = useCallback(() => setDialog(undefined), []);
  const createAllowed = canCreate.allowed && !canCreate.loading;
  const deleteAllowed = canDelete.allowed && !canDelete.loading;
  // Read when Delete is clicked: the row actions stay the same function across watch updates, so an import's
  // progress re-renders its own row only, not every row of the page.
  const byKey = useRef(data.byKey);
  useEffect(() => {
    byKey.current = data.byKey;
  }, [data.byKey]);

  const renderRowActions = useCallback(
    (row: DataVolumeRow) => (
      <Button
        variant="link"
        isDanger
        isInline
        isAriaDisabled={!deleteAllowed}
        aria-label={t('Delete {{name}}', { name: row.name })}
        onClick={() => {
          const dv = byKey.current.get(row.key);
          if (dv) setDialog({ kind: 'delete', dataVolume: dv });
        }}
      >
        {t('Delete')}
      </Button>
    ),
    [t, deleteAllowed],
  );

  const namespaceFilter = (
    <NamespaceFilter
      id="vsp-dv-namespace-filter"
      label={t('Namespace')}
      value={namespace}
      namespaces={namespaces}
      onChange={setNamespace}
    />
  );

  const { dataVolumes, pvcs, rows } = data;
  let body;
  if (dataVolumes.status === 'forbidden' && !namespace) {
    body = (
      <Stack hasGutter>
        <Alert variant="info" isInline title={t('You may not list DataVolumes in all namespaces')}>
          {t('Choose a namespace you may read, e.g. one you administer, to see its DataVolumes.')}
        </Alert>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>{namespaceFilter}</ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </Stack>
    );
  } else if (dataVolumes.status === 'api-missing') {
    body = (
      <PageEmptyState title={t('DataVolumes are not available')}>
        {t(
          'The DataVolume API (cdi.kubevirt.io) is not served. Install OpenShift Virtualization, which includes the Containerized Data Importer.',
        )}
      </PageEmptyState>
    );
  } else if (isUnreadable(dataVolumes)) {
    body = (
      <Stack hasGutter>
        <ErrorAlert error={dataVolumes.error} context="read" title={t('Could not load DataVolumes')} />
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>{namespaceFilter}</ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </Stack>
    );
  } else if (dataVolumes.status !== 'loaded' || !pvcs.loaded) {
    body = <LoadingState label={t('Loading DataVolumes')} />;
  } else {
    body = (
      <Stack hasGutter>
        <ReadOnlyNotice access={canCreate} />
        {isUnreadable(pvcs) && (
          <ReadWarningAlert
            title={t(
              'Could not read PersistentVolumeClaims: actual sizes, the modes CDI chose and the preallocation applied are unknown',
            )}
            error={pvcs.error}
          />
        )}
        {rows.length === 0 && (
          <Toolbar>
            <ToolbarContent>
              <ToolbarItem>{namespaceFilter}</ToolbarItem>
            </ToolbarContent>
          </Toolbar>
        )}
        <ResourceTable
          ariaLabel={t('DataVolumes')}
          rows={rows}
          columns={columns}
          rowKey={rowKey}
          textFilter={{
            label: t('Filter by name'),
            id: 'vsp-dv-name-filter',
            textOf,
            clearLabel: t('Clear name filter'),
          }}
          extraFilters={namespaceFilter}
          emptyState={{
            title: namespace
              ? t('No DataVolumes in namespace {{nsName}}', { nsName: namespace })
              : t('No DataVolumes'),
            body: t(
              'A DataVolume imports, uploads or clones a disk image into a new PVC. Create one to populate a disk for a virtual machine.',
            ),
          }}
          initialSort={{ columnId: 'status' }}
          renderRowActions={renderRowActions}
          paginationAriaLabel={t('DataVolumes pagination')}
          gridBreakPoint="grid-lg"
        />
      </Stack>
    );
  }

  const createButton = (
    <Button variant="primary" onClick={() => setDialog({ kind: 'create' })} isAriaDisabled={!createAllowed}>
      {t('Create DataVolume')}
    </Button>
  );

  return (
    <PageShell
      title={t('DataVolumes')}
      description={t(
        'DataVolumes import, upload or clone disk images into PVCs through the Containerized Data Importer (CDI). Failing and restarting ones are listed first.',
      )}
      actions={
        createAllowed || !canCreate.reason ? (
          createButton
        ) : (
          <Tooltip content={canCreate.reason}>{createButton}</Tooltip>
        )
      }
    >
      <HealthSummary page="data-volumes" />
      {body}
      {dialog && (
        <Suspense fallback={null}>
          {dialog.kind === 'create' && <CreateDataVolumeWizard namespace={namespace} onClose={close} />}
          {dialog.kind === 'delete' && (
            <DeleteDataVolumeModal dataVolume={dialog.dataVolume} onClose={close} />
          )}
        </Suspense>
      )}
    </PageShell>
  );
};

export default withQueryClient(DataVolumesPage);
