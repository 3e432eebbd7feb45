import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { Button, HelperText, HelperTextItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CellStack, CompactLabel, Muted } from '../../../components/plain-markup';
import { StatusIcon } from '../../../components/StatusIcon';
import { gvk, PersistentVolumeClaimModel, StorageClassModel } from '../../../k8s/models';
import { storageProfileDetailsPath } from '../../../routes';
import type { PoolClass, PoolRow } from '../logic/pool-rows';
import { findingText, poolKindText, poolPhaseView } from './pool-texts';

const SC_GVK = gvk(StorageClassModel);
const PVC_GVK = gvk(PersistentVolumeClaimModel);

export interface PoolActions {
  canCreateClass: boolean;
  canRecreateClass: boolean;
  canEditPools: boolean;
  onCreateClass: (pool: string) => void;
  onRecreateClass: (className: string) => void;
  onRemovePool: (pool: string) => void;
}

const ClassCell = ({ cls, actions }: { cls: PoolClass; actions: PoolActions }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <div>
      <ResourceLink groupVersionKind={SC_GVK} name={cls.name} inline />
      {cls.isDefault && <CompactLabel color="blue">{t('Default')}</CompactLabel>}
      {cls.isVirtDefault && <CompactLabel color="purple">{t('Virt default')}</CompactLabel>}
      <div>
        <Muted>
          {cls.profile === 'complete' && t('Profile complete')}
          {cls.profile === 'missing' && t('No StorageProfile yet')}
          {cls.profile === undefined && t('Profile unknown')}
        </Muted>
        {cls.profile === 'incomplete' && (
          <Link to={storageProfileDetailsPath(cls.name)}>{t('Profile incomplete: complete it')}</Link>
        )}
      </div>
      {actions.canRecreateClass && !cls.overlay && !cls.legacyProvisioner && (
        <Button
          variant="link"
          isInline
          size="sm"
          onClick={() => actions.onRecreateClass(cls.name)}
          aria-label={t('Re-create StorageClass {{name}}', { name: cls.name })}
        >
          {t('Re-create')}
        </Button>
      )}
    </div>
  );
};

/** One row per pool: where it lives, whether it is ready on its nodes, and what provisions from it. */
export const PoolsTable = ({
  rows,
  namespace,
  actions,
}: {
  rows: PoolRow[];
  /** Where the pool PVCs live (the operator's namespace), for links. */
  namespace?: string;
  actions: PoolActions;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <Table aria-label={t('Storage pools')} variant="compact">
      <Thead>
        <Tr>
          <Th width={15}>{t('Pool')}</Th>
          <Th width={15}>{t('Path on the node')}</Th>
          <Th width={15}>{t('Status')}</Th>
          <Th width={25}>{t('Volumes per node')}</Th>
          <Th width={20}>{t('StorageClasses')}</Th>
          <Th screenReaderText={t('Actions')} />
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => {
          const phase = poolPhaseView(t, row);
          const findings = row.findings
            .map((f) => findingText(t, f))
            .filter((text): text is string => !!text);
          return (
            <Tr key={row.name}>
              <Td dataLabel={t('Pool')}>
                <CellStack>
                  {[
                    <strong key="name">{row.name}</strong>,
                    <Muted key="kind">{poolKindText(t, row.kind)}</Muted>,
                    ...(row.shared ? [<Muted key="shared">{t('Shared (ReadWriteMany)')}</Muted>] : []),
                  ]}
                </CellStack>
              </Td>
              <Td dataLabel={t('Path on the node')}>
                <code>{row.path}</code>
              </Td>
              <Td dataLabel={t('Status')}>
                <StatusIcon status={phase.status}>{phase.text}</StatusIcon>
                {findings.length > 0 && (
                  <HelperText>
                    {findings.map((text) => (
                      <HelperTextItem key={text} variant="warning">
                        {text}
                      </HelperTextItem>
                    ))}
                  </HelperText>
                )}
              </Td>
              <Td dataLabel={t('Volumes per node')}>
                {row.kind !== 'pvcTemplate' ? (
                  <Muted>{t('Node directory, no PVCs')}</Muted>
                ) : row.claims === undefined ? (
                  <Muted>{t('Unknown (PVCs cannot be read)')}</Muted>
                ) : row.claims.length === 0 ? (
                  <Muted>{t('None yet')}</Muted>
                ) : (
                  <CellStack>
                    {row.claims.map((c) => (
                      // One short line per node: the node names the PVC (hpp-pool-<pool>-<node>).
                      <span key={c.name} title={c.name}>
                        {namespace || c.namespace ? (
                          <ResourceLink
                            groupVersionKind={PVC_GVK}
                            name={c.name}
                            displayName={c.node ?? c.name}
                            namespace={c.namespace ?? namespace}
                            inline
                          />
                        ) : (
                          (c.node ?? c.name)
                        )}{' '}
                        <StatusIcon
                          status={c.phase === 'Bound' ? 'success' : c.phase ? 'warning' : 'unknown'}
                        >
                          {c.phase ?? t('Unknown')}
                        </StatusIcon>
                      </span>
                    ))}
                  </CellStack>
                )}
              </Td>
              <Td dataLabel={t('StorageClasses')}>
                {row.storageClasses === undefined ? (
                  <Muted>{t('Unknown (StorageClasses cannot be read)')}</Muted>
                ) : row.storageClasses.length === 0 ? (
                  <Muted>{t('None')}</Muted>
                ) : (
                  <CellStack>
                    {row.storageClasses.map((cls) => (
                      <ClassCell key={cls.name} cls={cls} actions={actions} />
                    ))}
                  </CellStack>
                )}
                {(row.snapshotClasses ?? []).length > 0 && (
                  <div>
                    <Muted>
                      {t('Snapshot classes: {{names}}', {
                        names: row.snapshotClasses!.map((c) => c.name).join(', '),
                      })}
                    </Muted>
                  </div>
                )}
                {(row.overlayClasses ?? []).length > 0 && (
                  <div>
                    <Muted>
                      {t('Overlay backend: {{names}}', {
                        names: row.overlayClasses!.map((c) => c.name).join(', '),
                      })}
                    </Muted>
                  </div>
                )}
              </Td>
              <Td isActionCell>
                <CellStack>
                  {[
                    ...(actions.canCreateClass && row.kind !== 'legacy'
                      ? [
                          <Button
                            key="create"
                            variant={row.storageClasses?.length === 0 ? 'secondary' : 'link'}
                            size="sm"
                            onClick={() => actions.onCreateClass(row.name)}
                            aria-label={t('Create StorageClass for pool {{pool}}', { pool: row.name })}
                          >
                            {t('Create StorageClass')}
                          </Button>,
                        ]
                      : []),
                    ...(actions.canEditPools && row.kind !== 'legacy'
                      ? [
                          <Button
                            key="remove"
                            variant="link"
                            isDanger
                            size="sm"
                            onClick={() => actions.onRemovePool(row.name)}
                            aria-label={t('Remove pool {{pool}}', { pool: row.name })}
                          >
                            {t('Remove')}
                          </Button>,
                        ]
                      : []),
                  ]}
                </CellStack>
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
