// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useMemo, useState } from 'react';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ResourceTable, type ResourceTableColumn, type ResourceTableProps } from './ResourceTable';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {}, showSupportNotice: false } as never);
});
afterEach(cleanup);

interface Volume {
  name: string;
  size: number;
  phase: string;
}

const volumes = (n: number): Volume[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `dv-${i}`,
    size: i % 3,
    phase: i % 2 ? 'Succeeded' : 'Pending',
  }));

const nameOf = (v: Volume) => v.name;
const COLUMNS: ResourceTableColumn<Volume>[] = [
  { id: 'name', title: 'Name', cell: (v) => v.name, sortValue: nameOf },
  { id: 'size', title: 'Size', cell: (v) => `${v.size} Gi`, sortValue: (v) => v.size, modifier: 'nowrap' },
  { id: 'phase', title: 'Phase', cell: (v) => v.phase, visibility: ['hiddenOnXl', 'visibleOn2Xl'] },
];

const Harness = (props: Partial<ResourceTableProps<Volume>> & { withPhaseFilter?: boolean }) => {
  const { withPhaseFilter, ...rest } = props;
  const [onlyPending, setOnlyPending] = useState(false);
  const pending = useMemo(
    () => (onlyPending ? (v: Volume) => v.phase === 'Pending' : undefined),
    [onlyPending],
  );
  return (
    <ResourceTable<Volume>
      ariaLabel="Data volumes"
      rows={volumes(120)}
      columns={COLUMNS}
      rowKey={nameOf}
      textFilter={{
        label: 'Filter by name',
        id: 'dv-filter',
        textOf: nameOf,
        clearLabel: 'Clear name filter',
      }}
      emptyState={{ title: 'No data volumes', body: 'Create one.' }}
      paginationAriaLabel="Data volumes pagination"
      {...(withPhaseFilter && {
        filters: pending,
        onClearFilters: () => setOnlyPending(false),
        extraFilters: (
          <label>
            <input type="checkbox" checked={onlyPending} onChange={(e) => setOnlyPending(e.target.checked)} />
            Only pending
          </label>
        ),
      })}
      {...rest}
    />
  );
};

const table = () => screen.getByRole('table', { name: 'Data volumes' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);
const firstCells = () => bodyRows().map((r) => within(r).getAllByRole('cell')[0].textContent);

describe('ResourceTable', () => {
  it('renders a labelled data table of the current page only, sorted by the first sortable column', () => {
    render(<Harness />);
    expect(bodyRows()).toHaveLength(50);
    expect(firstCells().slice(0, 3)).toEqual(['dv-0', 'dv-1', 'dv-2']);
    // Natural order: dv-9 before dv-10.
    expect(firstCells()[9]).toBe('dv-9');
    expect(screen.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getAllByRole('navigation', { name: 'Data volumes pagination' })).toHaveLength(2);
  });

  it('sorts by a header, breaking ties by the row key, and goes back to page 1', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getAllByRole('button', { name: 'Go to next page' })[0]);
    expect(firstCells()[0]).toBe('dv-50');
    await user.click(within(table()).getByRole('button', { name: 'Size' }));
    // size 0: dv-0, dv-3, dv-6, ... in natural name order.
    expect(firstCells().slice(0, 3)).toEqual(['dv-0', 'dv-3', 'dv-6']);
    await user.click(within(table()).getByRole('button', { name: 'Size' }));
    expect(screen.getByRole('columnheader', { name: 'Size' }).getAttribute('aria-sort')).toBe('descending');
    expect(firstCells().slice(0, 3)).toEqual(['dv-2', 'dv-5', 'dv-8']);
  });

  it('filters by text through a labelled search box with a clear button', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const box = screen.getByRole('searchbox', { name: 'Filter by name' });
    expect(screen.getByLabelText('Filter by name')).toBe(box);
    expect(screen.queryByRole('button', { name: 'Clear name filter' })).toBeNull();
    await user.type(box, 'DV-11');
    expect(firstCells()).toEqual([
      'dv-11',
      'dv-110',
      'dv-111',
      'dv-112',
      'dv-113',
      'dv-114',
      'dv-115',
      'dv-116',
      'dv-117',
      'dv-118',
      'dv-119',
    ]);
    await user.click(screen.getByRole('button', { name: 'Clear name filter' }));
    expect((box as HTMLInputElement).value).toBe('');
    expect(bodyRows()).toHaveLength(50);
  });

  it('combines the page filter with the text, and "Clear all filters" resets both', async () => {
    const user = userEvent.setup();
    render(<Harness withPhaseFilter />);
    await user.click(screen.getByRole('checkbox', { name: 'Only pending' }));
    expect(firstCells().slice(0, 3)).toEqual(['dv-0', 'dv-2', 'dv-4']);
    await user.type(screen.getByRole('searchbox', { name: 'Filter by name' }), 'dv-1');
    expect(firstCells().every((name) => name?.startsWith('dv-1'))).toBe(true);
    await user.type(screen.getByRole('searchbox', { name: 'Filter by name' }), '9');
    // dv-19 is odd: not pending. Nothing matches.
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByRole('heading', { name: 'No results match the filters' })).toBeTruthy();
    expect(screen.getByText('All 120 rows are hidden by the filters.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear all filters' }));
    expect((screen.getByRole('checkbox', { name: 'Only pending' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('searchbox', { name: 'Filter by name' }) as HTMLInputElement).value).toBe('');
    expect(bodyRows()).toHaveLength(50);
  });

  it('says "no objects" with the page\'s text, apart from "no match", and without a toolbar', () => {
    render(<Harness rows={[]} />);
    expect(screen.getByRole('heading', { name: 'No data volumes' })).toBeTruthy();
    expect(screen.getByText('Create one.')).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('uses the page\'s "no match" text', async () => {
    const user = userEvent.setup();
    render(<Harness noMatchState={{ title: 'No data volumes match', body: (n) => `${n} hidden.` }} />);
    await user.type(screen.getByRole('searchbox', { name: 'Filter by name' }), 'nothing');
    expect(screen.getByRole('heading', { name: 'No data volumes match' })).toBeTruthy();
    expect(screen.getByText('120 hidden.')).toBeTruthy();
  });

  it('adds an actions column only with row actions', () => {
    const onEdit = vi.fn();
    render(
      <Harness renderRowActions={(v) => <button onClick={() => onEdit(v.name)}>Edit {v.name}</button>} />,
    );
    expect(within(table()).getAllByRole('columnheader')).toHaveLength(4);
    expect(screen.getByRole('button', { name: 'Edit dv-0' })).toBeTruthy();
    cleanup();
    render(<Harness />);
    expect(within(table()).getAllByRole('columnheader')).toHaveLength(3);
  });

  it('applies the column modifier and visibility', () => {
    render(<Harness />);
    const sizeCell = within(bodyRows()[0]).getAllByRole('cell')[1];
    expect(sizeCell.className).toContain('pf-m-nowrap');
    expect(sizeCell.getAttribute('data-label')).toBe('Size');
    // Visibility applies to the header and the cells alike.
    const phaseHeader = screen.getByRole('columnheader', { name: 'Phase' });
    const phaseCell = within(bodyRows()[0]).getAllByRole('cell')[2];
    for (const el of [phaseHeader, phaseCell]) {
      expect(el.className).toContain('pf-m-hidden-on-xl');
      expect(el.className).toContain('pf-m-visible-on-2xl');
    }
  });

  it('stays on the last page that exists when the rows shrink', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<Harness />);
    await user.click(screen.getAllByRole('button', { name: 'Go to last page' })[0]);
    expect(firstCells()[0]).toBe('dv-100');
    rerender(<Harness rows={volumes(70)} />);
    expect(firstCells()[0]).toBe('dv-50');
  });
});
