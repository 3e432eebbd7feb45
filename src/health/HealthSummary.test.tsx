// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HealthSummary } from './HealthSummary';
import type { Finding, HealthPage, HealthReport } from './types';

const fake = vi.hoisted(() => ({
  report: { findings: [], unchecked: [], passed: [], loading: false } as HealthReport & { loading: boolean },
  pages: [] as (HealthPage | undefined)[],
  allowed: true,
}));

vi.mock('./use-storage-health', () => ({
  useStorageHealth: (page?: HealthPage) => {
    fake.pages.push(page);
    return fake.report;
  },
}));
vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  useAccessReview: () => [fake.allowed, false],
}));

const INCOMPLETE: Finding = {
  id: 'profiles-incomplete',
  alert: 'CDIStorageProfilesIncomplete',
  impact: 'info',
  objects: [
    {
      kind: 'StorageProfile',
      name: 'acme-fast',
      fix: {
        label: 'Edit storage profile',
        href: '/virtualization-storage/storage-profiles/acme-fast/edit',
        requires: { group: 'cdi.kubevirt.io', resource: 'storageprofiles', verb: 'patch', name: 'acme-fast' },
      },
    },
  ],
  runbookUrl: 'https://kubevirt.io/monitoring/runbooks/CDIStorageProfilesIncomplete',
  pages: ['storage-profiles'],
};
const CDI_DOWN: Finding = {
  id: 'cdi-not-ready',
  alert: 'CDINotReady',
  impact: 'critical',
  objects: [{ kind: 'CDI', name: 'cdi-kubevirt-hyperconverged' }],
  runbookUrl: 'https://kubevirt.io/monitoring/runbooks/CDINotReady',
  pages: ['storage-profiles'],
};

const show = (findings: Finding[], loading = false) => {
  fake.report = { findings, unchecked: [], passed: [], loading };
  return render(
    <MemoryRouter>
      <HealthSummary page="storage-profiles" />
    </MemoryRouter>,
  );
};

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {}, showSupportNotice: false } as never);
});
afterEach(() => {
  cleanup();
  fake.allowed = true;
});

describe('HealthSummary', () => {
  it('shows nothing when no finding concerns the page, or while they load', () => {
    expect(show([]).container.innerHTML).toBe('');
    cleanup();
    expect(show([], true).container.innerHTML).toBe('');
    expect(fake.pages.at(-1)).toBe('storage-profiles');
  });

  it('names the problems, links the overview and the top fix, coloured by the worst impact', () => {
    const { container } = show([CDI_DOWN, INCOMPLETE]);
    expect(screen.getByText('2 storage problems concern this page')).toBeTruthy();
    expect(screen.getByText('CDI is not ready')).toBeTruthy();
    expect(screen.getByText('Storage profiles are incomplete')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'View overview' }).getAttribute('href')).toBe(
      '/virtualization-storage/overview',
    );
    // CDI's finding has no fix of its own: the next finding's first object fix is the top fix.
    expect(screen.getByRole('link', { name: 'Edit storage profile: acme-fast' }).getAttribute('href')).toBe(
      '/virtualization-storage/storage-profiles/acme-fast/edit',
    );
    expect(container.querySelector('.pf-m-danger')).not.toBeNull();
  });

  it('hides the fix from a user who may not make it', () => {
    fake.allowed = false;
    show([INCOMPLETE]);
    expect(screen.getByText('A storage problem concerns this page')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'View overview' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Edit storage profile/ })).toBeNull();
  });
});
