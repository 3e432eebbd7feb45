import { List, ListItem } from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { HostPathProvisionerModel } from '../../../k8s/models';
import { useIntentWrite } from '../../../k8s/use-intent-write';
import { useDeleteObject } from '../../../k8s/use-object-writes';
import type { Dependents } from '../logic/pool-dependents';
import { crEdits, formFromCr } from '../logic/hpp-spec';
import type { HostPathProvisioner } from '../logic/hpp-types';

/** What removing a pool or the provisioner takes away, said before anything is written. */
const DependentsList = ({ t, dependents }: { t: TFunction; dependents: Dependents | undefined }) => {
  if (!dependents || dependents.classes === undefined) {
    return <p>{t('The StorageClasses that use it cannot be read: check them before you go on.')}</p>;
  }
  if (dependents.classes.length === 0) {
    return <p>{t('No StorageClass provisions from it.')}</p>;
  }
  const bound = dependents.claims?.filter((c) => c.phase === 'Bound');
  return (
    <>
      <p>{t('These StorageClasses provision from it and will stop working:')}</p>
      <List>
        {dependents.classes.map((c) => (
          <ListItem key={c}>{c}</ListItem>
        ))}
      </List>
      {bound === undefined ? (
        <p>{t('Their PVCs cannot be read: volumes on this pool may hold data.')}</p>
      ) : bound.length === 0 ? (
        <p>{t('No bound PVC uses them.')}</p>
      ) : (
        <>
          <p>
            {t('{{count}} bound PVCs hold data on it and can no longer be mounted:', { count: bound.length })}
          </p>
          <List>
            {bound.map((c) => (
              <ListItem
                key={`${c.namespace}/${c.name}`}
              >{`${c.namespace}/${c.name} (${c.storageClass})`}</ListItem>
            ))}
          </List>
        </>
      )}
    </>
  );
};

export const RemovePoolModal = ({
  cr,
  pool,
  dependents,
  onClose,
}: {
  cr: HostPathProvisioner;
  pool: string;
  dependents: Dependents | undefined;
  onClose: () => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const write = useIntentWrite<HostPathProvisioner>({ model: HostPathProvisionerModel, object: cr });
  const remove = () =>
    write.run(
      'remove-pool',
      (latest) => {
        const form = formFromCr(latest);
        return crEdits(latest, { ...form, pools: form.pools.filter((p) => p.name !== pool) }, latest);
      },
      { onSuccess: onClose },
    );
  return (
    <ConfirmModal
      isOpen
      isDanger
      title={t('Remove pool {{pool}}?', { pool })}
      confirmLabel={t('Remove pool')}
      isInProgress={write.isPending}
      error={write.failure?.error}
      onConfirm={remove}
      onCancel={onClose}
      variant="medium"
    >
      <p>
        {t(
          'The pool is taken out of the HostPathProvisioner; the operator stops serving it on every node. Data under its path on the nodes stays there.',
        )}
      </p>
      <DependentsList t={t} dependents={dependents} />
    </ConfirmModal>
  );
};

export const RemoveProvisionerModal = ({
  cr,
  dependents,
  onClose,
}: {
  cr: HostPathProvisioner;
  dependents: Dependents | undefined;
  onClose: () => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const del = useDeleteObject<HostPathProvisioner>();
  return (
    <ConfirmModal
      isOpen
      isDanger
      title={t('Remove hostpath provisioner {{name}}?', { name: cr.metadata?.name })}
      confirmLabel={t('Remove hostpath provisioner')}
      isInProgress={del.isPending}
      error={del.error ?? undefined}
      onConfirm={() => del.mutate({ model: HostPathProvisionerModel, resource: cr }, { onSuccess: onClose })}
      onCancel={onClose}
      variant="medium"
    >
      <p>
        {t(
          'The operator removes the CSI driver and every pool. Data under the pool paths on the nodes stays there.',
        )}
      </p>
      <DependentsList t={t} dependents={dependents} />
    </ConfirmModal>
  );
};
