import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ResourceTable } from '../../../components/ResourceTable';
import type { ProfileRow } from '../logic/profile-list-logic';
import { useProfileColumns, type ProfileColumn } from './profile-columns';

export interface StorageProfilesTableProps {
  rows: ProfileRow[];
  /** Defaults to `useProfileColumns()`; keep them stable (`useMemo`). */
  columns?: ProfileColumn[];
  /** Slot for a per-row actions column (e.g. "Edit"); the column appears only when this is given. */
  renderRowActions?: (row: ProfileRow) => ReactNode;
  /** Slot for more filter controls in the toolbar (e.g. "needs attention"); their effect goes in `filters`. */
  extraFilters?: ReactNode;
  /** The filters beyond the name filter (e.g. `needsAttention`); `undefined` when none is active. */
  filters?: (row: ProfileRow) => boolean;
  /** Resets the filters of `extraFilters` ("Clear all filters"). */
  onClearFilters?: () => void;
  initialPerPage?: number;
}

const profileName = (row: ProfileRow) => row.name;

/** The storage profiles list: the shared ResourceTable with the profiles' columns, texts and filter. */
export const StorageProfilesTable = ({
  rows,
  columns: columnsProp,
  renderRowActions,
  extraFilters,
  filters,
  onClearFilters,
  initialPerPage,
}: StorageProfilesTableProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const defaultColumns = useProfileColumns();
  return (
    <ResourceTable
      ariaLabel={t('Storage profiles')}
      rows={rows}
      columns={columnsProp ?? defaultColumns}
      rowKey={profileName}
      textFilter={{
        label: t('Filter by name'),
        id: 'vsp-profile-name-filter',
        textOf: profileName,
        clearLabel: t('Clear name filter'),
      }}
      extraFilters={extraFilters}
      filters={filters}
      onClearFilters={onClearFilters}
      emptyState={{
        title: t('No storage profiles'),
        body: t(
          'CDI creates a storage profile for every storage class. Create a storage class to see its profile here.',
        ),
      }}
      noMatchState={{
        title: t('No storage profiles match the filter'),
        body: (total) => t('{{total}} storage profiles are hidden by the filter.', { total }),
      }}
      renderRowActions={renderRowActions}
      initialPerPage={initialPerPage}
      paginationAriaLabel={t('Storage profiles pagination')}
      // Below 1200px the columns cannot fit: each row stacks its labelled cells instead.
      gridBreakPoint="grid-xl"
    />
  );
};
