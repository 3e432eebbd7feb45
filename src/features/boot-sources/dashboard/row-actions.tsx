import { MenuToggle } from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons';
import { ActionsColumn, type IAction } from '@patternfly/react-table';
import type { TFunction } from 'i18next';
import type { BootSourceRow } from '../logic/boot-source-rows';

/** What the dashboard can open for one row. */
export type RowAction =
  'disable' | 'enable' | 'edit' | 'customise' | 'remove-customisation' | 'remove' | 'use-snapshots';

/** The actions a row offers, in menu order; HCO supports only storage changes and disabling on system sources. */
export const rowActions = (row: BootSourceRow): RowAction[] => {
  if (row.kind === 'standalone') return [];
  const actions: RowAction[] = [row.enabled ? 'disable' : 'enable'];
  if (row.kind === 'custom' && row.specEntry?.spec) actions.push('edit');
  if (row.kind === 'system' && row.enabled) actions.push('customise');
  if (row.kind === 'customised') actions.push('customise', 'remove-customisation');
  if (row.kind === 'custom' && row.specEntry) actions.push('remove');
  if (row.enabled && row.storageClass) actions.push('use-snapshots');
  return actions;
};

const actionTitle = (t: TFunction, action: RowAction): string =>
  ({
    disable: t('Disable'),
    enable: t('Enable'),
    edit: t('Edit'),
    customise: t('Customise storage'),
    'remove-customisation': t('Remove customisation'),
    remove: t('Remove'),
    'use-snapshots': t('Use snapshots for boot sources on this class'),
  })[action];

export const RowActionsMenu = ({
  row,
  t,
  onAction,
}: {
  row: BootSourceRow;
  t: TFunction;
  onAction: (action: RowAction, row: BootSourceRow) => void;
}) => {
  const actions = rowActions(row);
  if (actions.length === 0) return null;
  const items: IAction[] = actions.map((action) => ({
    title: actionTitle(t, action),
    onClick: () => onAction(action, row),
    isDanger: action === 'remove',
  }));
  return (
    <ActionsColumn
      items={items}
      popperProps={{ position: 'right' }}
      actionsToggle={({ onToggle, isOpen, isDisabled, toggleRef }) => (
        <MenuToggle
          ref={toggleRef}
          variant="plain"
          onClick={onToggle}
          isExpanded={isOpen}
          isDisabled={isDisabled}
          aria-label={t('Actions for {{name}}', { name: row.name })}
          icon={<EllipsisVIcon />}
        />
      )}
    />
  );
};
