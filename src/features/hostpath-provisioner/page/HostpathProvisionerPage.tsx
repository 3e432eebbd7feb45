import { Alert, Button, List, ListItem, Stack } from '@patternfly/react-core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadOnlyNotice } from '../../../components/AccessGate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageShell } from '../../../components/PageShell';
import { HealthSummary } from '../../../health/HealthSummary';
import { LoadingState, PageEmptyState } from '../../../components/StatusStates';
import {
  gvk,
  HostPathProvisionerModel,
  PersistentVolumeClaimModel,
  StorageClassModel,
} from '../../../k8s/models';
import { withQueryClient } from '../../../k8s/query-client';
import type { PersistentVolumeClaim, StorageClass } from '../../../k8s/types';
import { useModelAccess } from '../../../k8s/use-access';
import { useWatchList } from '../../../k8s/use-watch';
import { listOrEmpty } from '../../../k8s/watch-state';
import { summarizeProvisioner } from '../logic/hpp-status';
import type { HostPathProvisioner } from '../logic/hpp-types';
import { dependentsOfPool, dependentsOfProvisioner } from '../logic/pool-dependents';
import { buildPoolRows } from '../logic/pool-rows';
import { hppLists, useHppData, type HppData } from '../shared/use-hpp-data';
import { PoolsTable } from './PoolsTable';
import { ProvisionerCard } from './ProvisionerCard';
import { RemovePoolModal, RemoveProvisionerModal } from './RemoveModals';

const HppWizardModal = lazy(() => import('../wizard/HppWizardModal'));
const PoolClassModal = lazy(() => import('../storage-class/PoolClassModal'));
const RecreateClassModal = lazy(() => import('../storage-class/RecreateClassModal'));

type Dialog =
  | { kind: 'wizard'; cr?: HostPathProvisioner }
  | { kind: 'create-class'; pool: string }
  | { kind: 'recreate-class'; storageClass: StorageClass }
  | { kind: 'remove-pool'; cr: HostPathProvisioner; pool: string }
  | { kind: 'remove-provisioner'; cr: HostPathProvisioner };

/** Removing needs every PVC of the affected classes: watched only while the dialog is open. */
const RemoveDialog = ({
  dialog,
  data,
  onClose,
}: {
  dialog: Extract<Dialog, { kind: 'remove-pool' | 'remove-provisioner' }>;
  data: HppData;
  onClose: () => void;
}) => {
  const pvcs = useWatchList<PersistentVolumeClaim>({ groupVersionKind: gvk(PersistentVolumeClaimModel) });
  const classes = listOrEmpty(data.storageClasses);
  const claims = listOrEmpty(pvcs);
  return dialog.kind === 'remove-pool' ? (
    <RemovePoolModal
      cr={dialog.cr}
      pool={dialog.pool}
      dependents={classes && dependentsOfPool(dialog.pool, classes, claims)}
      onClose={onClose}
    />
  ) : (
    <RemoveProvisionerModal
      cr={dialog.cr}
      dependents={classes && dependentsOfProvisioner(dialog.cr, classes, claims)}
      onClose={onClose}
    />
  );
};

/** The page body for the provisioner's state; dialogs are rendered beside it, at one stable position. */
const HppBody = ({ data, openDialog }: { data: HppData; openDialog: (d: Dialog) => void }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const canCreate = useModelAccess(HostPathProvisionerModel, 'create');
  const canPatch = useModelAccess(HostPathProvisionerModel, 'patch');
  const canDelete = useModelAccess(HostPathProvisionerModel, 'delete');
  const canCreateClass = useModelAccess(StorageClassModel, 'create');
  const canDeleteClass = useModelAccess(StorageClassModel, 'delete');
  const allowed = (a: { allowed: boolean; loading: boolean }) => a.allowed && !a.loading;

  const lists = useMemo(() => hppLists(data), [data]);
  const summary = useMemo(() => summarizeProvisioner(listOrEmpty(data.crs)), [data.crs]);
  const rows = useMemo(
    () => (summary.state === 'one' ? buildPoolRows({ cr: summary.cr, ...lists }) : []),
    [summary, lists],
  );
  const cr = summary.state === 'one' ? summary.cr : undefined;

  if (data.crs.status === 'loading') return <LoadingState />;
  if (data.crs.status === 'api-missing') {
    return (
      <PageEmptyState title={t('The hostpath provisioner operator is not installed')}>
        {t(
          'The HostPathProvisioner API is not served on this cluster. OpenShift Virtualization deploys the hostpath provisioner operator; once it runs, this page creates and manages its pools.',
        )}
      </PageEmptyState>
    );
  }
  if (data.crs.status !== 'loaded') {
    return (
      <ErrorAlert context="read" error={data.crs.error} title={t('The HostPathProvisioner cannot be read')} />
    );
  }

  if (summary.state === 'none') {
    return (
      <>
        <PageEmptyState
          title={t('No hostpath provisioner')}
          actions={
            allowed(canCreate) && (
              <Button variant="primary" onClick={() => openDialog({ kind: 'wizard' })}>
                {t('Create hostpath provisioner')}
              </Button>
            )
          }
        >
          {t(
            'The hostpath provisioner turns a directory, or a volume carved from another StorageClass, on each node into local storage for virtual machines. Create it with one or more storage pools, then a StorageClass for each pool.',
          )}
        </PageEmptyState>
        <ReadOnlyNotice access={canCreate} />
      </>
    );
  }

  if (summary.state === 'several') {
    return (
      <Alert variant="danger" isInline title={t('More than one HostPathProvisioner')}>
        <p>
          {t(
            'The operator manages exactly one HostPathProvisioner (by convention "hostpath-provisioner") and reports the others as degraded. Delete all but one:',
          )}
        </p>
        <List>
          {summary.names.map((n) => (
            <ListItem key={n}>{n}</ListItem>
          ))}
        </List>
      </Alert>
    );
  }
  if (!cr || summary.state !== 'one') return <LoadingState />;

  const storageClasses = lists.storageClasses ?? [];
  return (
    <Stack hasGutter>
      <ReadOnlyNotice access={canPatch} />
      <ProvisionerCard
        cr={cr}
        health={summary.health}
        nodes={lists.nodes}
        canEdit={allowed(canPatch)}
        canDelete={allowed(canDelete)}
        onEdit={() => openDialog({ kind: 'wizard', cr })}
        onRemove={() => openDialog({ kind: 'remove-provisioner', cr })}
      />
      {rows.length === 0 ? (
        <PageEmptyState title={t('No storage pools')}>
          {t('This HostPathProvisioner defines no storage pool. Edit it to add one.')}
        </PageEmptyState>
      ) : (
        <PoolsTable
          rows={rows}
          actions={{
            canCreateClass: allowed(canCreateClass),
            canRecreateClass: allowed(canCreateClass) && allowed(canDeleteClass),
            canEditPools: allowed(canPatch),
            onCreateClass: (pool) => openDialog({ kind: 'create-class', pool }),
            onRecreateClass: (name) => {
              const sc = storageClasses.find((c) => c.metadata?.name === name);
              if (sc) openDialog({ kind: 'recreate-class', storageClass: sc });
            },
            onRemovePool: (pool) => openDialog({ kind: 'remove-pool', cr, pool }),
          }}
        />
      )}
    </Stack>
  );
};

const HppContent = ({ data }: { data: HppData }) => {
  const [dialog, setDialog] = useState<Dialog>();
  const close = () => setDialog(undefined);
  // Beside the body, not inside one of its branches: a create that flips the page from "none" to "one"
  // must not remount the open wizard.
  return (
    <>
      <HppBody data={data} openDialog={setDialog} />
      {dialog && (
        <Suspense fallback={null}>
          {dialog.kind === 'wizard' && <HppWizardModal cr={dialog.cr} data={data} onClose={close} />}
          {dialog.kind === 'create-class' && (
            <PoolClassModal pool={dialog.pool} data={data} onClose={close} />
          )}
          {dialog.kind === 'recreate-class' && (
            <RecreateClassModal storageClass={dialog.storageClass} data={data} onClose={close} />
          )}
          {(dialog.kind === 'remove-pool' || dialog.kind === 'remove-provisioner') && (
            <RemoveDialog dialog={dialog} data={data} onClose={close} />
          )}
        </Suspense>
      )}
    </>
  );
};

const HostpathProvisionerPage = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const data = useHppData();
  return (
    <PageShell
      title={t('Hostpath provisioner')}
      description={t(
        "Local storage on the cluster's nodes for virtual machines: the HostPathProvisioner resource, its storage pools and the StorageClasses that provision from them.",
      )}
    >
      <HealthSummary page="hostpath-provisioner" />
      <HppContent data={data} />
    </PageShell>
  );
};

export default withQueryClient(HostpathProvisionerPage);
