import { Alert, AlertActionCloseButton, Button, Flex, Stack } from '@patternfly/react-core';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ReadOnlyNotice } from '../../../components/AccessGate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { HyperConvergedGate } from '../../../components/HyperConvergedGate';
import { PageShell } from '../../../components/PageShell';
import { HealthSummary as StorageHealthSummary } from '../../../health/HealthSummary';
import { ReadWarningAlert } from '../../../components/ReadWarningAlert';
import { ResourceTable } from '../../../components/ResourceTable';
import { LoadingState, PageEmptyState } from '../../../components/StatusStates';
import { hyperConvergedModelFor } from '../../../k8s/hco-paths';
import { withQueryClient } from '../../../k8s/query-client';
import type { HyperConverged } from '../../../k8s/types';
import { useModelAccess } from '../../../k8s/use-access';
import { useHyperConverged } from '../../../k8s/use-hyperconverged';
import { useIntentWrite } from '../../../k8s/use-intent-write';
import { isUnreadable } from '../../../k8s/watch-state';
import type { BootSourceRow } from '../logic/boot-source-rows';
import { AutomaticUpdates } from './AutomaticUpdates';
import { useBootSourceColumns } from './boot-source-columns';
import { ClusterProblemAlerts } from './ClusterProblemAlerts';
import { HealthSummary } from './HealthSummary';
import { RowActionsMenu, type RowAction } from './row-actions';
import { SourceChangeModal, type SourceChange } from './SourceChangeModal';
import { useBootSourceData, type BootSourceData } from './use-boot-source-data';

// Dialogs load when opened: the dashboard's first rows do not wait for the wizard's code.
const CustomSourceWizard = lazy(() =>
  import('../wizard/CustomSourceWizard').then((m) => ({ default: m.CustomSourceWizard })),
);
const BootSourceClassModal = lazy(() =>
  import('../storage-class/BootSourceClassModal').then((m) => ({ default: m.BootSourceClassModal })),
);
const UseSnapshotsModal = lazy(() =>
  import('../storage-class/UseSnapshotsModal').then((m) => ({ default: m.UseSnapshotsModal })),
);

type Dialog =
  | { kind: 'change'; change: SourceChange; row: BootSourceRow }
  | { kind: 'wizard'; mode: { kind: 'add' } | { kind: 'edit' | 'customise'; name: string } }
  | { kind: 'class' }
  | { kind: 'snapshots'; className: string };

const rowKey = (row: BootSourceRow) => `${row.namespace}/${row.name}`;
const rowText = (row: BootSourceRow) =>
  `${row.name} ${row.namespace} ${row.url ?? ''} ${row.dataSourceName ?? ''}`;

const Dashboard = ({ hco, data }: { hco: HyperConverged; data: BootSourceData }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const model = hyperConvergedModelFor(hco);
  const access = useModelAccess(model, 'patch', hco.metadata?.name, hco.metadata?.namespace);
  const canWrite = access.allowed && !access.loading;
  const write = useIntentWrite<HyperConverged>({ model, object: hco });
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState<string>();
  // Next runs are computed against the time the rows were built, not on every render.
  const now = useMemo(() => new Date(), [data.rows]); // eslint-disable-line react-hooks/exhaustive-deps
  const columns = useBootSourceColumns(now);

  const done = useCallback(
    (message: string, reapplied: boolean) => {
      setDialog(undefined);
      setNotice(
        reapplied
          ? t(
              '{{message}} The HyperConverged changed meanwhile; your change was applied to the latest version.',
              {
                message,
              },
            )
          : message,
      );
    },
    [t],
  );

  const onAction = useCallback((action: RowAction, row: BootSourceRow) => {
    switch (action) {
      case 'edit':
        return setDialog({ kind: 'wizard', mode: { kind: 'edit', name: row.name } });
      case 'customise':
        return setDialog({ kind: 'wizard', mode: { kind: 'customise', name: row.name } });
      case 'use-snapshots':
        return row.storageClass && setDialog({ kind: 'snapshots', className: row.storageClass });
      default:
        return setDialog({ kind: 'change', change: action, row });
    }
  }, []);
  const renderRowActions = useCallback(
    (row: BootSourceRow) => <RowActionsMenu row={row} t={t} onAction={onAction} />,
    [t, onAction],
  );

  const essentialError = [data.crons, data.dataSources].find(isUnreadable);
  let body;
  if (data.crons.status === 'api-missing') {
    body = (
      <PageEmptyState title={t('Boot sources are not available')}>
        {t('The DataImportCron API is not served: the Containerized Data Importer is not installed.')}
      </PageEmptyState>
    );
  } else if (essentialError) {
    body = (
      <ErrorAlert error={essentialError.error} context="read" title={t('Could not load the boot sources')} />
    );
  } else if (!data.settled) {
    body = <LoadingState label={t('Loading boot sources')} />;
  } else {
    const snapshotProfile = (className: string) =>
      data.profileList.find((p) => p.metadata?.name === className);
    const snapshotClass = (className: string) => data.classList.find((c) => c.metadata?.name === className);
    body = (
      <Stack hasGutter>
        <ReadOnlyNotice access={access} />
        {notice && (
          <Alert
            isInline
            variant="success"
            title={notice}
            actionClose={<AlertActionCloseButton onClose={() => setNotice(undefined)} />}
          />
        )}
        {isUnreadable(data.storageClasses) && (
          <ReadWarningAlert
            title={t(
              'Could not read StorageClasses: default classes and where boot sources import are unknown',
            )}
            error={data.storageClasses.error}
          />
        )}
        {isUnreadable(data.profiles) && (
          <ReadWarningAlert
            title={t(
              'Could not read StorageProfiles: whether boot sources can import to their class is unknown',
            )}
            error={data.profiles.error}
          />
        )}
        <AutomaticUpdates
          hco={hco}
          canWrite={canWrite}
          write={write}
          onDone={(_a, reapplied) => done(t('Saved the automatic update setting.'), reapplied)}
        />
        <HealthSummary rows={data.rows} />
        <ClusterProblemAlerts
          problems={data.problems}
          canWrite={canWrite}
          onFixClass={() => setDialog({ kind: 'class' })}
          onUseSnapshots={(className) => setDialog({ kind: 'snapshots', className })}
        />
        <ResourceTable<BootSourceRow>
          ariaLabel={t('Boot sources')}
          rows={data.rows}
          columns={columns}
          rowKey={rowKey}
          textFilter={{
            label: t('Filter by name, namespace, URL or DataSource'),
            id: 'vsp-boot-source-filter',
            textOf: rowText,
            clearLabel: t('Clear the boot source filter'),
          }}
          emptyState={{
            title: t('No boot sources'),
            body: t('System-defined boot sources are off and no custom boot source is defined.'),
          }}
          renderRowActions={canWrite ? renderRowActions : undefined}
          initialSort={{ columnId: 'status' }}
          paginationAriaLabel={t('Boot sources pagination')}
          gridBreakPoint="grid-xl"
        />
        {dialog?.kind === 'change' && (
          <SourceChangeModal
            change={dialog.change}
            row={dialog.row}
            write={write}
            onDone={(_a, reapplied) =>
              done(t('Saved the change to {{name}}.', { name: dialog.row.name }), reapplied)
            }
            onCancel={() => setDialog(undefined)}
          />
        )}
        <Suspense fallback={<LoadingState label={t('Loading')} />}>
          {dialog?.kind === 'wizard' && (
            <CustomSourceWizard
              hco={hco}
              mode={dialog.mode}
              storageClasses={data.classList}
              onClose={() => setDialog(undefined)}
              onSaved={(name: string) => done(t('Saved boot source {{name}}.', { name }), false)}
            />
          )}
          {dialog?.kind === 'class' && (
            <BootSourceClassModal
              storageClasses={data.classList}
              storageProfiles={data.profileList}
              snapshotClasses={data.snapshotClassList}
              onClose={() => setDialog(undefined)}
            />
          )}
          {dialog?.kind === 'snapshots' &&
            (() => {
              const sc = snapshotClass(dialog.className);
              const profile = snapshotProfile(dialog.className);
              return sc && profile ? (
                <UseSnapshotsModal
                  storageClass={sc}
                  profile={profile}
                  snapshotClasses={data.snapshotClassList}
                  onClose={() => setDialog(undefined)}
                />
              ) : null;
            })()}
        </Suspense>
      </Stack>
    );
  }

  return (
    <PageShell
      {...pageTexts(t)}
      actions={
        canWrite && (
          <Flex>
            <Button variant="primary" onClick={() => setDialog({ kind: 'wizard', mode: { kind: 'add' } })}>
              {t('Add boot source')}
            </Button>
            <Button variant="secondary" onClick={() => setDialog({ kind: 'class' })}>
              {t('Boot-source storage class')}
            </Button>
          </Flex>
        )
      }
    >
      <StorageHealthSummary page="boot-sources" />
      {body}
    </PageShell>
  );
};

const pageTexts = (t: TFunction) => ({
  title: t('Boot sources'),
  description: t(
    'Golden images that VMs are created from: which are imported and kept up to date, from where, on which storage, and whether each is ready.',
  ),
});

const BootSourcesPage = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const lookup = useHyperConverged();
  const data = useBootSourceData(lookup.state === 'found' ? lookup.hyperConverged : undefined);
  if (lookup.state === 'found') {
    return (
      <HyperConvergedGate lookup={lookup}>{(hco) => <Dashboard hco={hco} data={data} />}</HyperConvergedGate>
    );
  }
  // Loading, not installed or unreadable: the gate's state, inside the page's frame and title.
  return (
    <PageShell {...pageTexts(t)}>
      <HyperConvergedGate lookup={lookup}>{() => null}</HyperConvergedGate>
    </PageShell>
  );
};

export default withQueryClient(BootSourcesPage);
