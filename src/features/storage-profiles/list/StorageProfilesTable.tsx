import {
  Button,
  FormGroup,
  Pagination,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { SearchIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageEmptyState } from '../../../components/StatusStates';
import { useProfileColumns, type ProfileColumn } from './profile-columns';
import {
  filterProfileRows,
  pageOf,
  sortProfileRows,
  type ProfileFilters,
  type ProfileRow,
  type ProfileSortKey,
} from '../logic/profile-list-logic';

export const PER_PAGE_OPTIONS = [20, 50, 100] as const;

/**
 * Less horizontal cell and sort-button padding than PatternFly's default, and a closer sort icon: with nine
 * columns, the default spacing alone takes a third of the width a 1280px window leaves beside the console's
 * navigation.
 */
const NARROW_CELLS = {
  '--pf-v6-c-table--cell--PaddingInlineStart': 'var(--pf-t--global--spacer--sm)',
  '--pf-v6-c-table--cell--PaddingInlineEnd': 'var(--pf-t--global--spacer--xs)',
  '--pf-v6-c-table--cell--first-last-child--PaddingInline': 'var(--pf-t--global--spacer--md)',
  '--pf-v6-c-table__button--PaddingInlineStart': 'var(--pf-t--global--spacer--sm)',
  '--pf-v6-c-table__button--PaddingInlineEnd': 'var(--pf-t--global--spacer--sm)',
  '--pf-v6-c-table__sort-indicator--MarginInlineStart': 'var(--pf-t--global--spacer--xs)',
} as CSSProperties;

export interface StorageProfilesTableProps {
  rows: ProfileRow[];
  /** Defaults to `useProfileColumns()`. */
  columns?: ProfileColumn[];
  /** Slot for a per-row actions column (e.g. "Edit"); the column appears only when this is given. */
  renderRowActions?: (row: ProfileRow) => ReactNode;
  /** Slot for more filter controls in the toolbar (e.g. "needs attention"); combine via `filters`. */
  extraFilters?: ReactNode;
  /** Filters beyond the name filter this component owns (e.g. `{ needsAttention: true }`). */
  filters?: Omit<ProfileFilters, 'name'>;
  initialPerPage?: number;
}

/**
 * Sortable, filterable, paginated list of profiles. Only the current page is rendered, so thousands of
 * profiles stay smooth.
 */
export const StorageProfilesTable = ({
  rows,
  columns: columnsProp,
  renderRowActions,
  extraFilters,
  filters,
  initialPerPage = 50,
}: StorageProfilesTableProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const defaultColumns = useProfileColumns();
  const columns = columnsProp ?? defaultColumns;
  const [nameFilter, setNameFilter] = useState('');
  const [sort, setSort] = useState<{ key: ProfileSortKey; direction: 'asc' | 'desc' }>({
    key: 'name',
    direction: 'asc',
  });
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(initialPerPage);

  const visible = useMemo(
    () =>
      sortProfileRows(filterProfileRows(rows, { ...filters, name: nameFilter }), sort.key, sort.direction),
    [rows, filters, nameFilter, sort],
  );
  const { items, page: currentPage } = pageOf(visible, page, perPage);

  const pagination = (variant: 'top' | 'bottom') => (
    <Pagination
      itemCount={visible.length}
      page={currentPage}
      perPage={perPage}
      perPageOptions={PER_PAGE_OPTIONS.map((n) => ({ title: String(n), value: n }))}
      onSetPage={(_e, p) => setPage(p)}
      onPerPageSelect={(_e, pp, p) => {
        setPerPage(pp);
        setPage(p);
      }}
      variant={variant}
      isCompact={variant === 'top'}
      titles={{ paginationAriaLabel: t('Storage profiles pagination') }}
    />
  );

  const sortableColumns = columns.map((c) => c.sortKey);
  const clearFilter = (
    <Button variant="link" onClick={() => setNameFilter('')}>
      {t('Clear name filter')}
    </Button>
  );

  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <FormGroup label={t('Filter by name')} fieldId="vsp-profile-name-filter">
              <TextInput
                id="vsp-profile-name-filter"
                type="search"
                customIcon={<SearchIcon />}
                value={nameFilter}
                onChange={(_e, value) => {
                  setNameFilter(value);
                  setPage(1);
                }}
              />
            </FormGroup>
          </ToolbarItem>
          {extraFilters && <ToolbarItem alignSelf="end">{extraFilters}</ToolbarItem>}
          <ToolbarItem variant="pagination" alignSelf="end">
            {pagination('top')}
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {visible.length === 0 ? (
        <PageEmptyState
          title={t('No storage profiles match the filter')}
          actions={nameFilter ? clearFilter : undefined}
        >
          {t('{{total}} storage profiles are hidden by the filter.', { total: rows.length })}
        </PageEmptyState>
      ) : (
        <>
          {/* A data table, not a keyboard-navigable grid (PatternFly's default role). */}
          <Table
            aria-label={t('Storage profiles')}
            variant="compact"
            role="table"
            style={NARROW_CELLS}
            // Below 1200px the nine columns cannot fit: each row stacks its labelled cells instead.
            gridBreakPoint="grid-xl"
          >
            <Thead>
              <Tr>
                {columns.map((col, index) => (
                  <Th
                    key={col.id}
                    width={col.width}
                    // Headers wrap instead of truncating ("Access..."), so every column fits a 1280px window.
                    modifier="wrap"
                    sort={
                      col.sortKey
                        ? {
                            columnIndex: index,
                            sortBy: {
                              index: sortableColumns.indexOf(sort.key),
                              direction: sort.direction,
                            },
                            onSort: (_e, _i, direction) => {
                              setSort({ key: col.sortKey as ProfileSortKey, direction });
                              setPage(1);
                            },
                          }
                        : undefined
                    }
                  >
                    {col.title}
                  </Th>
                ))}
                {renderRowActions && <Th screenReaderText={t('Actions')} />}
              </Tr>
            </Thead>
            <Tbody>
              {items.map((row) => (
                <Tr key={row.name}>
                  {columns.map((col) => (
                    <Td key={col.id} dataLabel={col.title}>
                      {col.cell(row)}
                    </Td>
                  ))}
                  {renderRowActions && <Td isActionCell>{renderRowActions(row)}</Td>}
                </Tr>
              ))}
            </Tbody>
          </Table>
          {pagination('bottom')}
        </>
      )}
    </>
  );
};
