import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { StorageClass, StorageProfile } from '../../../k8s/types';
import { buildProfileRows } from '../logic/profile-list-logic';
import { StorageProfilesTable } from './StorageProfilesTable';

beforeAll(async () => {
  // react-router's Link uses useLayoutEffect, which React warns about on every server render.
  const consoleError = console.error;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('useLayoutEffect does nothing on the server')) consoleError(...args);
  });
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {}, showSupportNotice: false } as never);
});

const rows = (n: number) =>
  buildProfileRows(
    Array.from({ length: n }, (_, i): StorageProfile => ({
      metadata: { name: `sc-${String(i).padStart(4, '0')}` },
      spec: {},
      status:
        i === 0
          ? { provisioner: 'csi.acme.example.com' }
          : {
              provisioner: 'nfs.csi.k8s.io',
              claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Filesystem' }],
            },
    })),
    Array.from({ length: n }, (_, i): StorageClass => ({
      metadata: { name: `sc-${String(i).padStart(4, '0')}` },
      provisioner: 'x',
    })),
  );

const render = (n: number, extra: Partial<Parameters<typeof StorageProfilesTable>[0]> = {}) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <StorageProfilesTable rows={rows(n)} {...extra} />
    </MemoryRouter>,
  );

const bodyRows = (html: string) => (html.split('<tbody')[1] ?? '').match(/<tr/g)?.length ?? 0;

describe('StorageProfilesTable', () => {
  it('renders one page, not all 2,000 profiles', () => {
    const html = render(2000);
    expect(bodyRows(html)).toBe(50);
    expect(html).toContain('sc-0049');
    expect(html).not.toContain('sc-0050');
  });

  it('links each name to its details page and labels the name filter', () => {
    const html = render(3);
    expect(html).toContain('href="/virtualization-storage/storage-profiles/sc-0001"');
    expect(html).toMatch(/<label[^>]*for="vsp-profile-name-filter"/);
  });

  it('tells the admin what an incomplete profile means', () => {
    expect(render(3)).toContain('DataVolumes that omit access modes will not be provisioned on this class.');
  });

  it('says there are no storage profiles, and why, instead of an empty table', () => {
    const html = render(0);
    expect(html).toContain('No storage profiles');
    expect(html).toContain('CDI creates a storage profile for every storage class.');
    expect(html).not.toContain('<table');
    expect(html).not.toContain('vsp-profile-name-filter');
  });

  it('adds the actions column only when row actions are given', () => {
    expect(render(2)).not.toContain('Actions');
    const html = render(2, { renderRowActions: (row) => <button>Edit {row.name}</button> });
    expect(html).toContain('Edit sc-0001');
  });
});

describe('StorageProfilesTable layout', () => {
  it('shows the default-class labels under the name, not in a column of their own', () => {
    const [first, ...rest] = rows(2);
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <StorageProfilesTable rows={[{ ...first, isDefaultVirtClass: true }, ...rest]} />
      </MemoryRouter>,
    );
    const headers = [...html.matchAll(/<th[^>]*>(.*?)<\/th>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    expect(headers).toContain('Access and volume modes');
    expect(headers).not.toContain('Default');
    const nameCell = html.match(/<td[^>]*data-label="Name"[^>]*>(.*?)<\/td>/)?.[1] ?? '';
    expect(nameCell).toContain('sc-0000');
    expect(nameCell).toContain('Default for virtualization');
  });
});
