import { Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons';
import { useState } from 'react';
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

/**
 * The row's kebab menu. Until first opened it is a plain button with PatternFly's MenuToggle markup:
 * PatternFly's Dropdown reads the computed text direction of its toggle on mount (a forced style
 * recalculation), which for a page of rows cost more than the rows themselves.
 */
export const RowActionsMenu = ({
  row,
  t,
  onAction,
}: {
  row: BootSourceRow;
  t: TFunction;
  onAction: (action: RowAction, row: BootSourceRow) => void;
}) => {
  const [isOpen, setIsOpen] = useState(false);
  const [armed, setArmed] = useState(false);
  const actions = rowActions(row);
  if (actions.length === 0) return null;
  const label = t('Actions for {{name}}', { name: row.name });
  if (!armed) {
    return (
      <button
        type="button"
        className="pf-v6-c-menu-toggle pf-m-plain"
        aria-label={label}
        aria-expanded={false}
        onClick={() => {
          setArmed(true);
          // Open once this click is over: the Dropdown's outside-click listener, added as it mounts,
          // would otherwise see the same click and close it at once.
          setTimeout(() => setIsOpen(true));
        }}
      >
        <span className="pf-v6-c-menu-toggle__icon">
          <EllipsisVIcon />
        </span>
      </button>
    );
  }
  return (
    <Dropdown
      isOpen={isOpen}
      onOpenChange={setIsOpen}
      onSelect={() => setIsOpen(false)}
      popperProps={{ position: 'right' }}
      shouldFocusFirstItemOnOpen
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          variant="plain"
          onClick={() => setIsOpen((o) => !o)}
          isExpanded={isOpen}
          aria-label={label}
          icon={<EllipsisVIcon />}
        />
      )}
    >
      <DropdownList>
        {actions.map((action) => (
          <DropdownItem key={action} isDanger={action === 'remove'} onClick={() => onAction(action, row)}>
            {actionTitle(t, action)}
          </DropdownItem>
        ))}
      </DropdownList>
    </Dropdown>
  );
};
