import {
  Button,
  FormGroup,
  Pagination,
  TextInputGroup,
  TextInputGroupMain,
  TextInputGroupUtilities,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import {
  ArrowsAltVIcon,
  LongArrowAltDownIcon,
  LongArrowAltUpIcon,
  SearchIcon,
  TimesIcon,
} from '@patternfly/react-icons';
import { Table, Tbody, Thead, Tr, type TableProps, type ThProps } from '@patternfly/react-table';
import { memo, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pfModifier } from './plain-markup';
import { PageEmptyState } from './StatusStates';
import { filterRows, pageOf, sortRows, type SortDirection, type SortValue } from './resource-table-logic';

export interface ResourceTableColumn<T> {
  /** Unique within the table; `initialSort` names it. */
  id: string;
  /** The header, and the label of the cell when the table stacks on narrow screens. */
  title: string;
  cell: (row: T) => ReactNode;
  /** Makes the column sortable (PatternFly's sort button in the header). */
  sortValue?: (row: T) => SortValue;
  /** Share of the table's width (PatternFly's width modifier). */
  width?: ThProps['width'];
  /**
   * How the column's cells treat long content (PatternFly's modifier). Headers always wrap: a truncated header
   * ("Access…") tells nothing.
   */
  modifier?: ThProps['modifier'];
  /**
   * Screen widths at which the column shows (PatternFly's visibility modifiers), e.g. hidden only where the
   * table is laid out as a table but too narrow for every column: `['hiddenOnXl', 'visibleOn2Xl']`.
   */
  visibility?: ThProps['visibility'];
}

export interface ResourceTableProps<T> {
  /** The table's accessible name, e.g. "Storage profiles". */
  ariaLabel: string;
  rows: readonly T[];
  /**
   * In order. Keep them stable (`useMemo`): a new `sortValue` sorts all rows again. Same for `rowKey`,
   * `textFilter.textOf` and `filters`.
   */
  columns: readonly ResourceTableColumn<T>[];
  /** Unique per row: the React key and the sort's tie-break (e.g. namespace/name). */
  rowKey: (row: T) => string;
  /** The text filter the table owns: a visibly labelled search box. */
  textFilter: {
    /** e.g. "Filter by name". */
    label: string;
    /** The input's id, for the label. */
    id: string;
    /** The text the filter searches (case-insensitive substring), e.g. the name. */
    textOf: (row: T) => string;
    /** The accessible name of the button that empties the box, e.g. "Clear name filter". */
    clearLabel?: string;
  };
  /** More filter controls for the toolbar (e.g. a "needs attention" checkbox); their effect goes in `filters`. */
  extraFilters?: ReactNode;
  /** The page's own filters as a predicate; `undefined` when none is active. */
  filters?: (row: T) => boolean;
  /** Resets the page's own filters; "Clear all filters" then resets them along with the text filter. */
  onClearFilters?: () => void;
  /** Shown instead of the table when there are no rows at all (not: when the filters hide them all). */
  emptyState: { title: string; body?: ReactNode };
  /** When filters hide every row; defaults to a generic text. */
  noMatchState?: { title: string; body?: (hidden: number) => ReactNode };
  /** A per-row actions column (e.g. "Edit"); the column exists only when this is given. */
  renderRowActions?: (row: T) => ReactNode;
  /** Defaults to the first sortable column, ascending. */
  initialSort?: { columnId: string; direction?: SortDirection };
  perPageOptions?: readonly number[];
  initialPerPage?: number;
  /** The pagination's accessible name, e.g. "Storage profiles pagination". */
  paginationAriaLabel?: string;
  /** Below this breakpoint each row stacks its labelled cells (PatternFly's `gridBreakPoint`). */
  gridBreakPoint?: TableProps['gridBreakPoint'];
}

export const DEFAULT_PER_PAGE_OPTIONS = [20, 50, 100] as const;

/**
 * The list table of every page: a labelled text filter plus the page's own filter controls, sortable columns,
 * pagination above (compact) and below, and an empty state for "nothing here" apart from "nothing matches".
 * Only the current page is rendered, so lists of thousands of rows stay smooth.
 */
export const ResourceTable = <T,>({
  ariaLabel,
  rows,
  columns,
  rowKey,
  textFilter,
  extraFilters,
  filters,
  onClearFilters,
  emptyState,
  noMatchState,
  renderRowActions,
  initialSort,
  perPageOptions = DEFAULT_PER_PAGE_OPTIONS,
  initialPerPage = 50,
  paginationAriaLabel,
  gridBreakPoint,
}: ResourceTableProps<T>) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [text, setText] = useState('');
  const [sort, setSort] = useState<{ columnId?: string; direction: SortDirection }>(() => ({
    columnId: initialSort?.columnId ?? columns.find((c) => c.sortValue)?.id,
    direction: initialSort?.direction ?? 'asc',
  }));
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(initialPerPage);

  const sortIndex = columns.findIndex((c) => c.id === sort.columnId && c.sortValue);
  const sortValue = columns[sortIndex]?.sortValue;
  // Sorted once per change of rows or sort; the filter keeps that order, so typing never sorts again.
  const sorted = useMemo(
    () => sortRows(rows, sortValue ?? (() => undefined), sort.direction, rowKey),
    [rows, sortValue, sort.direction, rowKey],
  );
  const { textOf } = textFilter;
  const visible = useMemo(() => filterRows(sorted, text, textOf, filters), [sorted, text, textOf, filters]);
  const { items, page: currentPage } = pageOf(visible, page, perPage);

  if (rows.length === 0) {
    return <PageEmptyState title={emptyState.title}>{emptyState.body}</PageEmptyState>;
  }

  const setFilterText = (value: string) => {
    setText(value);
    setPage(1);
  };
  const canClearFilters = !!text || (!!filters && !!onClearFilters);
  const clearFilters = () => {
    setFilterText('');
    onClearFilters?.();
  };

  const pagination = (variant: 'top' | 'bottom') => (
    <Pagination
      itemCount={visible.length}
      page={currentPage}
      perPage={perPage}
      perPageOptions={perPageOptions.map((n) => ({ title: String(n), value: n }))}
      onSetPage={(_e, p) => setPage(p)}
      onPerPageSelect={(_e, pp, p) => {
        setPerPage(pp);
        setPage(p);
      }}
      variant={variant}
      isCompact={variant === 'top'}
      titles={paginationAriaLabel ? { paginationAriaLabel } : undefined}
    />
  );

  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <FormGroup label={textFilter.label} fieldId={textFilter.id}>
              <TextInputGroup>
                <TextInputGroupMain
                  inputId={textFilter.id}
                  // The visible label's text: PatternFly's default accessible name would replace it.
                  aria-label={textFilter.label}
                  type="search"
                  icon={<SearchIcon />}
                  value={text}
                  onChange={(_e, value) => setFilterText(value)}
                />
                {text && (
                  <TextInputGroupUtilities>
                    <Button
                      variant="plain"
                      icon={<TimesIcon />}
                      aria-label={textFilter.clearLabel ?? t('Clear the filter text')}
                      onClick={() => setFilterText('')}
                    />
                  </TextInputGroupUtilities>
                )}
              </TextInputGroup>
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
          title={noMatchState?.title ?? t('No results match the filters')}
          actions={
            canClearFilters ? (
              <Button variant="link" onClick={clearFilters}>
                {t('Clear all filters')}
              </Button>
            ) : undefined
          }
        >
          {noMatchState?.body
            ? noMatchState.body(rows.length)
            : t('All {{total}} rows are hidden by the filters.', { total: rows.length })}
        </PageEmptyState>
      ) : (
        <>
          {/* A data table, not a keyboard-navigable grid (PatternFly's default role). */}
          <Table aria-label={ariaLabel} variant="compact" role="table" gridBreakPoint={gridBreakPoint}>
            <Thead>
              <Tr>
                {columns.map((col) => (
                  <HeaderCell
                    key={col.id}
                    col={col}
                    sorted={col.id === sort.columnId && !!col.sortValue ? sort.direction : undefined}
                    onSort={
                      col.sortValue
                        ? () => {
                            setSort({
                              columnId: col.id,
                              // A first click sorts ascending, a second one on the same column flips it.
                              direction:
                                col.id === sort.columnId && sort.direction === 'asc' ? 'desc' : 'asc',
                            });
                            setPage(1);
                          }
                        : undefined
                    }
                  />
                ))}
                {renderRowActions && (
                  <th tabIndex={-1} scope="col" className="pf-v6-c-table__th">
                    <span className="pf-v6-u-screen-reader">{t('Actions')}</span>
                  </th>
                )}
              </Tr>
            </Thead>
            <Tbody>
              {items.map((row) => (
                <ResourceRow<T>
                  key={rowKey(row)}
                  row={row}
                  columns={columns}
                  renderRowActions={renderRowActions}
                />
              ))}
            </Tbody>
          </Table>
          {pagination('bottom')}
        </>
      )}
    </>
  );
};

/**
 * PatternFly's `Th` markup (wrapping header, optional sort button) as a plain element: PatternFly's Th
 * measures itself after mount for a truncation tooltip, which lays the whole table out before its first paint.
 */
const HeaderCell = <Row,>({
  col,
  sorted,
  onSort,
}: {
  col: ResourceTableColumn<Row>;
  sorted?: SortDirection;
  onSort?: () => void;
}) => {
  const className = [
    'pf-v6-c-table__th pf-m-wrap',
    onSort && 'pf-v6-c-table__sort',
    sorted && 'pf-m-selected',
    col.width && `pf-m-width-${col.width}`,
    ...(col.visibility ?? []).map(pfModifier),
  ]
    .filter(Boolean)
    .join(' ');
  if (!onSort) {
    return (
      <th tabIndex={-1} scope="col" className={className}>
        {col.title}
      </th>
    );
  }
  const Indicator =
    sorted === 'asc' ? LongArrowAltUpIcon : sorted === 'desc' ? LongArrowAltDownIcon : ArrowsAltVIcon;
  return (
    <th
      tabIndex={-1}
      scope="col"
      className={className}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
    >
      <button type="button" className="pf-v6-c-table__button" onClick={onSort}>
        <div className="pf-v6-c-table__button-content">
          <span className="pf-v6-c-table__text">{col.title}</span>
          <span className="pf-v6-c-table__sort-indicator">
            <Indicator />
          </span>
        </div>
      </button>
    </th>
  );
};

interface ResourceRowProps<Row> {
  row: Row;
  columns: readonly ResourceTableColumn<Row>[];
  renderRowActions?: (row: Row) => ReactNode;
}

/**
 * One table row, re-rendered only when its row object, the columns or the actions change: list watches deliver
 * new arrays often (every page of a large list, every watch flush), and pages keep unchanged rows identical.
 */
const ResourceRow = memo(function ResourceRow<Row>({
  row,
  columns,
  renderRowActions,
}: ResourceRowProps<Row>) {
  // PatternFly's Tr/Td markup as plain elements (the console loads PatternFly's stylesheet): a page renders
  // hundreds of cells at once, and each Td measures itself after mount (a forced layout) for a tooltip that
  // only plain-text truncated cells show.
  return (
    <tr className="pf-v6-c-table__tr" data-ouia-component-type="PF6/TableRow" data-ouia-safe="true">
      {columns.map((col) => (
        <td
          key={col.id}
          tabIndex={col.modifier === 'truncate' ? 0 : -1}
          data-label={col.title}
          className={cellClassName(col)}
        >
          {col.cell(row)}
        </td>
      ))}
      {renderRowActions && (
        <td tabIndex={-1} className="pf-v6-c-table__td pf-v6-c-table__action">
          {renderRowActions(row)}
        </td>
      )}
    </tr>
  );
}) as <Row>(props: ResourceRowProps<Row> & { key?: string }) => ReactElement;

/** PatternFly's Td classes for the column's modifier and visibility, worked out once per column object. */
const cellClassNames = new WeakMap<object, string>();
const cellClassName = <Row,>(col: ResourceTableColumn<Row>) => {
  let name = cellClassNames.get(col);
  if (name === undefined) {
    name = [
      'pf-v6-c-table__td',
      col.modifier && pfModifier(col.modifier),
      ...(col.visibility ?? []).map(pfModifier),
    ]
      .filter(Boolean)
      .join(' ');
    cellClassNames.set(col, name);
  }
  return name;
};
