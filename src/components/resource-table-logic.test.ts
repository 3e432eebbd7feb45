import { describe, expect, it } from 'vitest';
import { compareSortValues, filterRows, lastPage, pageOf, sortRows } from './resource-table-logic';

interface Row {
  name: string;
  size?: number;
  kind?: string;
}

const key = (r: Row) => r.name;
const names = (rows: Row[]) => rows.map(key);

describe('compareSortValues', () => {
  it('compares numbers as numbers and text naturally ("sc9" before "sc10")', () => {
    expect(compareSortValues(9, 10)).toBeLessThan(0);
    expect(compareSortValues('sc9', 'sc10')).toBeLessThan(0);
    expect(compareSortValues('a', 'b')).toBeLessThan(0);
  });

  it('counts a missing value as empty text, before every other text', () => {
    expect(compareSortValues(undefined, '')).toBe(0);
    expect(compareSortValues(undefined, 'a')).toBeLessThan(0);
  });
});

describe('sortRows', () => {
  const rows: Row[] = [
    { name: 'sc10', size: 2, kind: 'nfs' },
    { name: 'a', size: 10, kind: 'ceph' },
    { name: 'sc9', size: 2, kind: 'nfs' },
    { name: 'b', kind: '' },
  ];

  it('sorts by the value in both directions', () => {
    expect(names(sortRows(rows, (r) => r.name, 'asc', key))).toEqual(['a', 'b', 'sc9', 'sc10']);
    expect(names(sortRows(rows, (r) => r.name, 'desc', key))).toEqual(['sc10', 'sc9', 'b', 'a']);
    expect(names(sortRows(rows, (r) => r.size ?? -1, 'desc', key))).toEqual(['a', 'sc9', 'sc10', 'b']);
  });

  it('breaks ties on the row key, ascending in both directions', () => {
    expect(names(sortRows(rows, (r) => r.kind, 'asc', key))).toEqual(['b', 'a', 'sc9', 'sc10']);
    expect(names(sortRows(rows, (r) => r.kind, 'desc', key))).toEqual(['sc9', 'sc10', 'a', 'b']);
  });

  it('gives the same order whatever order the rows arrive in', () => {
    const reversed = [...rows].reverse();
    expect(names(sortRows(reversed, (r) => r.kind, 'asc', key))).toEqual(
      names(sortRows(rows, (r) => r.kind, 'asc', key)),
    );
  });

  it('computes each value once per row, and leaves its input alone', () => {
    let calls = 0;
    const before = names(rows);
    sortRows(
      rows,
      (r) => {
        calls++;
        return r.name;
      },
      'desc',
      key,
    );
    expect(calls).toBe(rows.length);
    expect(names(rows)).toEqual(before);
  });

  it('sorts 10,000 rows quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ name: `dv-${(i * 7919) % 10_000}` }));
    const start = performance.now();
    const sorted = sortRows(many, (r) => r.name, 'asc', key);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(sorted[0].name).toBe('dv-0');
    expect(sorted[9999].name).toBe('dv-9999');
  });
});

describe('filterRows', () => {
  const rows: Row[] = [{ name: 'ceph-rbd' }, { name: 'CEPHFS' }, { name: 'nfs' }];

  it('keeps rows containing the text, ignoring case and surrounding spaces, in the given order', () => {
    expect(names(filterRows(rows, '  ceph ', key))).toEqual(['ceph-rbd', 'CEPHFS']);
    expect(names(filterRows(rows, 'FS', key))).toEqual(['CEPHFS', 'nfs']);
  });

  it('applies the page predicate together with the text', () => {
    expect(names(filterRows(rows, 'ceph', key, (r) => r.name !== 'CEPHFS'))).toEqual(['ceph-rbd']);
    expect(names(filterRows(rows, '', key, (r) => r.name === 'nfs'))).toEqual(['nfs']);
  });

  it('returns every row (a copy) without text or predicate', () => {
    const all = filterRows(rows, ' ', key);
    expect(all).toEqual(rows);
    expect(all).not.toBe(rows);
  });
});

describe('pageOf', () => {
  const many = Array.from({ length: 2000 }, (_, i) => i);

  it('hands the table one page, never all rows', () => {
    expect(pageOf(many, 3, 50)).toEqual({ items: many.slice(100, 150), page: 3 });
    expect(pageOf(many.slice(0, 120), 3, 50).items).toEqual(many.slice(100, 120));
  });

  it('clamps the page to the ones that exist', () => {
    expect(pageOf(many, 99, 50)).toMatchObject({ page: 40 });
    expect(pageOf(many, 0, 50)).toMatchObject({ page: 1 });
    expect(pageOf(many, -3, 50)).toMatchObject({ page: 1 });
    expect(pageOf([], 5, 50)).toEqual({ items: [], page: 1 });
  });

  it('stays on a page that still exists when the filter shrinks the rows', () => {
    expect(pageOf(many.slice(0, 60), 4, 20)).toEqual({ items: many.slice(40, 60), page: 3 });
  });

  it('counts the last page', () => {
    expect(lastPage(0, 50)).toBe(1);
    expect(lastPage(50, 50)).toBe(1);
    expect(lastPage(51, 50)).toBe(2);
  });
});
