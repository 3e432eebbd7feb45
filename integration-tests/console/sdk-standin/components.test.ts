// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement as h, type ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { modelStore } from './api-discovery';
import { DocumentTitle, ListPageBody, ListPageHeader, ResourceLink, Timestamp } from './index';
import { setLastTick, timestampText } from './timestamp';

/** The console components of the SDK stand-in, checked against console 4.22's markup and behaviour. */

const inRouter = (el: ReactElement) => render(h(MemoryRouter, null, el));

beforeAll(() => {
  // What discovery finds on a cluster with CDI (the console's model for a CRD kind).
  modelStore.receive([
    {
      apiGroup: 'cdi.kubevirt.io',
      apiVersion: 'v1beta1',
      kind: 'StorageProfile',
      plural: 'storageprofiles',
      namespaced: false,
      abbr: 'SP',
      label: 'StorageProfile',
      labelPlural: 'storageprofiles',
      crd: true,
    },
    {
      apiGroup: 'cdi.kubevirt.io',
      apiVersion: 'v1beta1',
      kind: 'DataVolume',
      plural: 'datavolumes',
      namespaced: true,
      abbr: 'DV',
      label: 'DataVolume',
      labelPlural: 'datavolumes',
      crd: true,
    },
  ]);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  setLastTick(undefined);
});

describe('ResourceLink', () => {
  const SP = { group: 'cdi.kubevirt.io', version: 'v1beta1', kind: 'StorageProfile' };

  it('links a CRD kind by its reference, with the icon badge of its abbreviation', () => {
    const { container } = inRouter(h(ResourceLink, { groupVersionKind: SP, name: 'gp3-csi' }));
    const link = screen.getByRole('link', { name: 'gp3-csi' });
    expect(link.getAttribute('href')).toBe('/k8s/cluster/cdi.kubevirt.io~v1beta1~StorageProfile/gp3-csi');
    expect(link.className).toBe('co-resource-item__resource-name');
    expect(link.getAttribute('data-test')).toBe('gp3-csi');
    const icon = container.querySelector('.co-m-resource-icon')!;
    expect(icon.className).toBe('co-m-resource-icon co-m-resource-storageprofile');
    expect(icon.textContent).toBe('SP');
    expect(icon.getAttribute('title')).toBe('StorageProfile');
    expect(container.querySelector('.pf-v6-u-screen-reader')?.textContent).toBe('StorageProfile');
    expect(container.firstElementChild?.className).toBe('co-resource-item');
  });

  it("links the console's own kinds by plural, namespaced ones in their namespace or all namespaces", () => {
    inRouter(
      h('div', null, [
        h(ResourceLink, { key: 1, kind: 'StorageClass', name: 'gp3-csi' }),
        h(ResourceLink, {
          key: 2,
          groupVersionKind: { version: 'v1', kind: 'PersistentVolumeClaim' },
          name: 'db-data',
          namespace: 'team-a',
        }),
        h(ResourceLink, { key: 3, kind: 'cdi.kubevirt.io~v1beta1~DataVolume', name: 'all' }),
        h(ResourceLink, { key: 4, kind: 'StorageClass', name: 'a b#c' }),
      ]),
    );
    const href = (name: string) => screen.getByRole('link', { name }).getAttribute('href');
    expect(href('gp3-csi')).toBe('/k8s/cluster/storageclasses/gp3-csi');
    expect(href('db-data')).toBe('/k8s/ns/team-a/persistentvolumeclaims/db-data');
    expect(href('all')).toBe('/k8s/all-namespaces/cdi.kubevirt.io~v1beta1~DataVolume/all');
    expect(href('a b#c')).toBe('/k8s/cluster/storageclasses/a%20b%23c');
    expect(screen.getAllByTitle('StorageClass')[0].textContent).toBe('SC');
    expect(screen.getByTitle('PersistentVolumeClaim').textContent).toBe('PVC');
  });

  it('honours displayName, dataTest, inline, hideIcon, linkTo=false, title and children', () => {
    const { container } = inRouter(
      h(ResourceLink, {
        groupVersionKind: SP,
        name: 'gp3-csi',
        displayName: 'GP3',
        dataTest: 'profile-link',
        inline: true,
        hideIcon: true,
        linkTo: false,
        children: h('span', null, 'extra'),
      }),
    );
    expect(screen.queryByRole('link')).toBeNull();
    const name = screen.getByText('GP3');
    expect(name.tagName).toBe('SPAN');
    expect(name.getAttribute('data-test')).toBe('profile-link');
    expect(name.getAttribute('data-test-id')).toBe('GP3');
    expect(container.querySelector('.co-m-resource-icon')).toBeNull();
    expect(container.firstElementChild?.className).toBe('co-resource-item co-resource-item--inline');
    expect(screen.getByText('extra')).toBeTruthy();
    cleanup();
    inRouter(h(ResourceLink, { kind: 'StorageClass', name: 'x', title: 'Open x' }));
    expect(screen.getByRole('link', { name: 'x' }).getAttribute('title')).toBe('Open x');
  });

  it('shows a kind it has no model for as plain text (and logs it once), and nothing without a kind', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const gvk = { group: 'example.com', version: 'v1', kind: 'Widget' };
    inRouter(
      h(
        'div',
        null,
        [1, 2].map((key) => h(ResourceLink, { key, groupVersionKind: gvk, name: `w${key}` })),
      ),
    );
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('w1').tagName).toBe('SPAN');
    expect(error.mock.calls).toEqual([['resourcePath: no model for "example.com~v1~Widget"']]);
    error.mockRestore();
    cleanup();
    const { container } = inRouter(h(ResourceLink, { name: 'nothing' }));
    expect(container.innerHTML).toBe('');
  });
});

describe('Timestamp', () => {
  const now = new Date('2026-03-10T12:00:00Z').getTime();

  it('shows "-" for a missing or invalid timestamp', () => {
    const { container } = render(
      h('div', null, [
        h(Timestamp, { key: 1, timestamp: undefined }),
        h(Timestamp, { key: 2, timestamp: 'not a date', simple: true }),
      ]),
    );
    expect([...container.querySelectorAll('div.co-timestamp')].map((d) => d.textContent)).toEqual(['-', '-']);
  });

  it('is relative within 10.5 minutes of the last tick, the date otherwise, and absolute before any tick', () => {
    vi.useFakeTimers({ now, toFake: ['Date'] });
    const ago = (ms: number) => new Date(now - ms);
    expect(timestampText(ago(5 * 60_000), now, false, 'en-US')).toBe('5 minutes ago');
    expect(timestampText(ago(20_000), now, false, 'en-US')).toBe('Just now');
    expect(timestampText(ago(11 * 60_000), now, false, 'en-US')).toMatch(
      /^Mar 1[01], 2026, \d{1,2}:\d\d\s[AP]M$/,
    );
    expect(timestampText(ago(5 * 60_000), undefined, false, 'en-US')).toMatch(/^Mar 10, 2026, /);
    expect(timestampText(ago(3 * 86_400_000 + 5000), now, true, 'en-US')).toBe('3 days');
    expect(timestampText(ago(3_600_000), now, true, 'en-US')).toBe('1 hour');
    expect(timestampText(ago(30_000), now, true, 'en-US')).toBe('0 minutes');
  });

  it('renders the globe icon and the UTC time in a tooltip; simple renders the text alone', async () => {
    setLastTick(Date.now());
    const iso = new Date(Date.now() - 2 * 60_000).toISOString();
    const { container } = render(h(Timestamp, { timestamp: iso, className: 'extra' }));
    const root = container.firstElementChild!;
    expect(root.className).toBe('co-timestamp co-icon-and-text extra');
    expect(root.querySelector('svg.co-icon-and-text__icon')).not.toBeNull();
    const text = screen.getByText('2 minutes ago');
    expect(text.getAttribute('data-test')).toBe('timestamp');
    await userEvent.hover(text);
    const tooltip = await screen.findByRole('tooltip');
    const utc = new Intl.DateTimeFormat(navigator.language, {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
      timeZoneName: 'short',
    }).format(new Date(iso));
    expect(within(tooltip).getByText(utc).className).toBe('co-nowrap');
    cleanup();
    const simple = render(h(Timestamp, { timestamp: iso, simple: true }));
    expect(simple.container.innerHTML).toBe('2 minutes ago');
  });

  it('re-renders every instance on the shared tick', () => {
    const iso = new Date(Date.now() - 60_000).toISOString();
    render(h(Timestamp, { timestamp: iso, simple: true }));
    expect(screen.queryByText('1 minute ago')).toBeNull(); // no tick yet: absolute
    act(() => setLastTick(Date.now()));
    expect(screen.getByText('1 minute ago')).toBeTruthy();
  });
});

describe('DocumentTitle', () => {
  it('sets "<title> · <product>", the latest title winning, back to the product alone when unmounted', () => {
    window.SERVER_FLAGS = {};
    const first = render(h(DocumentTitle, null, 'Storage profiles'));
    expect(document.title).toBe('Storage profiles · OKD');
    const second = render(h(DocumentTitle, null, 'gp3-csi'));
    expect(document.title).toBe('gp3-csi · OKD');
    second.rerender(h(DocumentTitle, null, 'gp3-csi (edit)'));
    expect(document.title).toBe('gp3-csi (edit) · OKD');
    second.unmount();
    expect(document.title).toBe('Storage profiles · OKD');
    first.unmount();
    expect(document.title).toBe('OKD');
    // Nested: the inner (later rendered) title wins, as with Helmet.
    const nested = render(
      h(
        'div',
        null,
        h(DocumentTitle, { children: 'Outer' }),
        h('div', null, h(DocumentTitle, null, 'Inner')),
      ),
    );
    expect(document.title).toBe('Inner · OKD');
    nested.unmount();
    window.SERVER_FLAGS = { branding: 'ocp' };
    render(h(DocumentTitle, null, 'Storage profiles'));
    expect(document.title).toBe('Storage profiles · Red Hat OpenShift');
  });
});

describe('ListPageHeader and ListPageBody', () => {
  it('renders the page heading: h1, badge, help text, actions with the favourites star', () => {
    render(
      h(ListPageHeader, {
        title: 'Storage profiles',
        badge: h('span', null, 'Tech preview'),
        helpText: 'One per StorageClass.',
        helpAlert: h('div', { role: 'alert' }, 'Careful'),
        children: h('button', null, 'Create'),
      }),
    );
    const heading = screen.getByRole('heading', { level: 1, name: 'Storage profiles' });
    expect(heading.closest('[data-test="page-heading"]')?.className).toBe('co-page-heading');
    expect(heading.className).toContain('pf-v6-u-mb-sm');
    expect(screen.getByText('Tech preview')).toBeTruthy();
    expect(screen.getByText('One per StorageClass.').tagName).toBe('P');
    expect(screen.getByRole('alert').textContent).toBe('Careful');
    const actions = screen.getByRole('button', { name: 'Create' }).closest('.co-actions');
    expect(actions?.getAttribute('data-test-id')).toBe('details-actions');
    expect(within(actions as HTMLElement).getByRole('button', { name: 'Add to favorites' })).toBeTruthy();
  });

  it('hides the star on request, and renders nothing without title or content', () => {
    const { container } = render(h(ListPageHeader, { title: 'Plain', hideFavoriteButton: true }));
    expect(screen.queryByRole('button', { name: 'Add to favorites' })).toBeNull();
    expect(container.querySelector('.co-actions')).toBeNull();
    cleanup();
    expect(render(h(ListPageHeader, { title: '' })).container.innerHTML).toBe('');
    cleanup();
    render(h(ListPageHeader, { title: '', helpText: 'Only help' }));
    expect(screen.queryByRole('heading')).toBeNull();
    expect(screen.getByText('Only help')).toBeTruthy();
  });

  it('wraps the body in the console pane section', () => {
    const { container } = render(h(ListPageBody, null, h('p', null, 'rows')));
    const section = container.firstElementChild!;
    expect(section.tagName).toBe('SECTION');
    expect(section.className).toContain('co-m-pane__body');
    expect(section.className).toContain('pf-v6-c-page__main-section');
    expect(section.textContent).toBe('rows');
  });
});
