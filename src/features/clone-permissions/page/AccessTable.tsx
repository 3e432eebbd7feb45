import { Button } from '@patternfly/react-core';
import { useCallback, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BreakableText } from '../../../components/BreakableText';
import { CellStack, CompactLabel, Muted } from '../../../components/plain-markup';
import { ResourceTable, type ResourceTableColumn } from '../../../components/ResourceTable';
import { RoleBindingModel } from '../../../k8s/models';
import { useModelAccess } from '../../../k8s/use-access';
import { subjectLabel } from '../logic/clone-access';
import type { CloneAccessRow } from '../logic/types';
import {
  bindingText,
  ownerNote,
  ownerText,
  pathText,
  permissionDetail,
  permissionText,
  rowSearchText,
  sourceNamespaceText,
  subjectKindText,
  subjectMeaning,
} from '../shared/clone-texts';

export interface AccessTableActions {
  onCheck: (row: CloneAccessRow) => void;
  onRevoke: (row: CloneAccessRow) => void;
}

/** "Revoke", shown only when the user may delete this RoleBinding (one access review per revocable row). */
const RevokeButton = ({
  row,
  onRevoke,
}: {
  row: CloneAccessRow;
  onRevoke: (row: CloneAccessRow) => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const access = useModelAccess(RoleBindingModel, 'delete', row.binding.name, row.binding.namespace);
  if (!access.allowed || access.loading) return null;
  return (
    <Button
      variant="link"
      isDanger
      size="sm"
      onClick={() => onRevoke(row)}
      aria-label={t('Revoke {{binding}} for {{subject}}', {
        binding: bindingText(row.binding),
        subject: subjectLabel(row.subject),
      })}
    >
      {t('Revoke')}
    </Button>
  );
};

/** Who may clone from where: one row per subject, source namespace, binding and permission. */
export const AccessTable = ({
  rows,
  actions,
  emptyState,
  namespace,
  namespaceFilter,
  onClearNamespace,
}: {
  /** Every row; the namespace filter is applied here, so the toolbar stays when it hides them all. */
  rows: CloneAccessRow[];
  actions: AccessTableActions;
  emptyState: { title: string; body?: ReactNode };
  /** The source-namespace filter (rows of that namespace and of every namespace). */
  namespace?: string;
  /** The namespace filter's control, shown in the table's toolbar. */
  namespaceFilter: ReactNode;
  onClearNamespace: () => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { onCheck, onRevoke } = actions;

  const columns = useMemo<ResourceTableColumn<CloneAccessRow>[]>(
    () => [
      {
        id: 'namespace',
        title: t('Source namespace'),
        width: 15,
        // Every-namespace rows first.
        sortValue: (r) => (r.sourceNamespace === '*' ? '' : r.sourceNamespace),
        cell: (r) =>
          r.sourceNamespace === '*' ? (
            <em>{sourceNamespaceText(t, r.sourceNamespace)}</em>
          ) : (
            <BreakableText text={r.sourceNamespace} />
          ),
      },
      {
        id: 'subject',
        title: t('Subject'),
        width: 20,
        sortValue: (r) => subjectLabel(r.subject),
        cell: (r) => {
          const meaning = subjectMeaning(t, r.subject);
          return (
            <CellStack>
              {[
                <span key="name">
                  <CompactLabel color={r.subject.kind === 'ServiceAccount' ? 'purple' : 'blue'}>
                    {subjectKindText(t, r.subject.kind)}
                  </CompactLabel>{' '}
                  <BreakableText text={subjectLabel(r.subject)} />
                </span>,
                meaning && <Muted key="meaning">{meaning}</Muted>,
              ]}
            </CellStack>
          );
        },
      },
      {
        id: 'through',
        title: t('Through'),
        width: 25,
        sortValue: (r) => `${r.binding.kind} ${r.binding.namespace ?? ''}/${r.binding.name}`,
        cell: (r) => (
          <CellStack>
            {[
              <BreakableText key="binding" text={bindingText(r.binding)} />,
              <Muted key="role">
                {r.role.kind === 'ClusterRole'
                  ? t('ClusterRole {{name}}', { name: r.role.name })
                  : t('Role {{name}}', { name: r.role.name })}
              </Muted>,
              <Muted key="path">{pathText(t, r.path)}</Muted>,
            ]}
          </CellStack>
        ),
      },
      {
        id: 'permission',
        title: t('Permission'),
        width: 15,
        sortValue: (r) => r.permission,
        cell: (r) => (
          <CellStack>
            {[
              <span key="p" title={permissionDetail(t, r.permission)}>
                {permissionText(t, r.permission)}
              </span>,
              r.resourceNames && (
                <Muted key="names">
                  {t('Only PVCs named {{names}}', { names: r.resourceNames.join(', ') })}
                </Muted>
              ),
            ]}
          </CellStack>
        ),
      },
      {
        id: 'owner',
        title: t('Owner'),
        width: 15,
        sortValue: (r) => r.owner,
        cell: (r) => {
          const note = ownerNote(t, r);
          return (
            <CellStack>
              {[<span key="owner">{ownerText(t, r.owner)}</span>, note && <Muted key="note">{note}</Muted>]}
            </CellStack>
          );
        },
      },
    ],
    [t],
  );

  const filters = useMemo(
    () =>
      namespace
        ? (r: CloneAccessRow) => r.sourceNamespace === namespace || r.sourceNamespace === '*'
        : undefined,
    [namespace],
  );
  const textOf = useMemo(() => (r: CloneAccessRow) => rowSearchText(t, r), [t]);
  const rowKey = useMemo(() => (r: CloneAccessRow) => r.key, []);

  const noMatchState = useMemo(
    () => ({
      title: t('No clone access matches the filters'),
      body: (total: number) =>
        namespace
          ? t(
              'Nobody you can see is allowed to clone from {{namespace}} (or the subject filter hides them). {{total}} rows in all.',
              { namespace, total },
            )
          : t('All {{total}} rows are hidden by the subject filter.', { total }),
    }),
    [t, namespace],
  );

  const renderRowActions = useCallback(
    (row: CloneAccessRow) => (
      <CellStack>
        {[
          <Button
            key="check"
            variant="link"
            size="sm"
            onClick={() => onCheck(row)}
            aria-label={t('Check access of {{subject}} to {{namespace}}', {
              subject: subjectLabel(row.subject),
              namespace: sourceNamespaceText(t, row.sourceNamespace),
            })}
          >
            {t('Check access')}
          </Button>,
          row.revocable && row.binding.kind === 'RoleBinding' && (
            <RevokeButton key="revoke" row={row} onRevoke={onRevoke} />
          ),
        ]}
      </CellStack>
    ),
    [t, onCheck, onRevoke],
  );

  return (
    <ResourceTable<CloneAccessRow>
      ariaLabel={t('Who can clone from where')}
      rows={rows}
      columns={columns}
      rowKey={rowKey}
      textFilter={{
        label: t('Filter by subject'),
        id: 'vsp-clone-subject-filter',
        textOf,
        clearLabel: t('Clear the subject filter'),
      }}
      extraFilters={namespaceFilter}
      filters={filters}
      onClearFilters={onClearNamespace}
      emptyState={emptyState}
      noMatchState={noMatchState}
      paginationAriaLabel={t('Clone permissions pagination')}
      gridBreakPoint="grid-lg"
      renderRowActions={renderRowActions}
    />
  );
};
