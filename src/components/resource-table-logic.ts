/**
 * The pure part of ResourceTable: text filter, sort with a stable tie-break, page clamping. Written for lists of
 * 10,000 rows: sort values are computed once per row and compared with one shared collator, and filtering keeps
 * the sorted order, so typing in the filter never re-sorts.
 */

export type SortDirection = 'asc' | 'desc';

/** What a column sorts by: numbers compare as numbers, everything else as text ("sc9" before "sc10"). */
export type SortValue = string | number | undefined;

const collator = new Intl.Collator(undefined, { numeric: true });

/** Numbers numerically; text (and a number against text) naturally; `undefined` counts as "". */
export const compareSortValues = (a: SortValue, b: SortValue): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a ?? ''), String(b ?? ''));

/**
 * A sorted copy. Ties fall back to the row key, always ascending, so equal rows keep one order whichever way
 * the column is sorted and whatever order the watch delivered them in.
 */
export const sortRows = <T>(
  rows: readonly T[],
  sortValue: (row: T) => SortValue,
  direction: SortDirection,
  rowKey: (row: T) => string,
): T[] => {
  const sign = direction === 'asc' ? 1 : -1;
  const decorated = rows.map((row) => ({ row, value: sortValue(row), key: rowKey(row) }));
  decorated.sort((a, b) => sign * compareSortValues(a.value, b.value) || collator.compare(a.key, b.key));
  return decorated.map((d) => d.row);
};

/** The text filter as the user typed it: surrounding spaces and case do not matter. */
export const normalizeFilterText = (text: string) => text.trim().toLowerCase();

/**
 * The rows whose text contains the filter text (case-insensitive) and that pass the page's own predicate, in
 * the order given.
 */
export const filterRows = <T>(
  rows: readonly T[],
  text: string,
  textOf: (row: T) => string,
  predicate?: (row: T) => boolean,
): T[] => {
  const needle = normalizeFilterText(text);
  if (!needle && !predicate) return [...rows];
  return rows.filter(
    (row) => (!needle || textOf(row).toLowerCase().includes(needle)) && (!predicate || predicate(row)),
  );
};

/** The last page that exists (1 for no rows). */
export const lastPage = (rowCount: number, perPage: number) => Math.max(1, Math.ceil(rowCount / perPage));

/** The rows of one page (1-based), clamping the page into 1..last page. */
export const pageOf = <T>(
  rows: readonly T[],
  page: number,
  perPage: number,
): { items: T[]; page: number } => {
  const current = Math.min(Math.max(1, Math.floor(page) || 1), lastPage(rows.length, perPage));
  return { items: rows.slice((current - 1) * perPage, current * perPage), page: current };
};
