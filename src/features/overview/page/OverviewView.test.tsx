// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding, HealthReport } from '../../../health/types';
import type { RulesApiResponse } from '../alerts/firing-alerts';
import { useStorageAlerts } from '../alerts/use-storage-alerts';
import { OverviewView } from './OverviewView';

/** What the fake console answers: RBAC (resource → allowed) and the Prometheus rules poll. */
const fake = vi.hoisted(() => ({
  allowed: new Set<string>(),
  poll: { response: undefined as unknown, loaded: true, error: undefined as unknown },
  pollArgs: [] as unknown[],
}));

vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  PrometheusEndpoint: { RULES: 'api/v1/rules' },
  usePrometheusPoll: (args: unknown) => {
    fake.pollArgs.push(args);
    return [fake.poll.response, fake.poll.loaded, fake.poll.error];
  },
  useAccessReview: (attrs: { group: string; resource: string; verb: string }) => [
    fake.allowed.has(`${attrs.verb} ${attrs.resource}.${attrs.group}`),
    false,
  ],
  Timestamp: ({ timestamp }: { timestamp: string }) => <time dateTime={timestamp}>{timestamp}</time>,
}));

const profileFix = (name: string) => ({
  label: 'Edit storage profile',
  href: `/virtualization-storage/storage-profiles/${name}/edit`,
  requires: { group: 'cdi.kubevirt.io', resource: 'storageprofiles', verb: 'patch' as const, name },
});

const PROFILES: Finding = {
  id: 'profiles-incomplete',
  alert: 'CDIStorageProfilesIncomplete',
  impact: 'info',
  objects: ['acme-fast', 'local-block', 'p3', 'p4', 'p5', 'p6', 'p7'].map((name) => ({
    kind: 'StorageProfile',
    name,
    detail: 'no access modes for the provisioner',
    fix: profileFix(name),
  })),
  runbookUrl: 'https://kubevirt.io/monitoring/runbooks/CDIStorageProfilesIncomplete',
  pages: ['storage-profiles'],
};
const VIRT_DEFAULTS: Finding = {
  id: 'multiple-virt-defaults',
  alert: 'CDIMultipleDefaultVirtStorageClasses',
  impact: 'warning',
  objects: [
    { kind: 'StorageClass', name: 'ocs-storagecluster-ceph-rbd-virtualization' },
    { kind: 'StorageClass', name: 'nfs-csi' },
  ],
  fix: {
    label: 'Choose the default storage class',
    href: '/virtualization-storage/settings#vsp-default-classes-title',
    requires: { group: 'storage.k8s.io', resource: 'storageclasses', verb: 'patch' },
  },
  runbookUrl: 'https://kubevirt.io/monitoring/runbooks/CDIMultipleDefaultVirtStorageClasses',
  pages: ['storage-settings'],
};
const CDI_DOWN: Finding = {
  id: 'cdi-not-ready',
  alert: 'CDINotReady',
  impact: 'critical',
  objects: [{ kind: 'CDI', name: 'cdi-kubevirt-hyperconverged', detail: 'Available=False' }],
  runbookUrl: 'https://kubevirt.io/monitoring/runbooks/CDINotReady',
  pages: ['storage-settings'],
};

const report = (over: Partial<HealthReport> = {}): HealthReport => ({
  // Deliberately not in impact order: the page shows the most severe first.
  findings: [PROFILES, VIRT_DEFAULTS, CDI_DOWN],
  unchecked: [],
  passed: ['no-default-class', 'boot-sources-outdated'],
  ...over,
});

const Overview = ({ health, loading = false }: { health: HealthReport; loading?: boolean }) => {
  const alerts = useStorageAlerts(health.findings.map((f) => f.alert));
  return <OverviewView report={health} loading={loading} alerts={alerts} />;
};

const show = (health: HealthReport, loading = false) =>
  render(
    <MemoryRouter>
      <Overview health={health} loading={loading} />
    </MemoryRouter>,
  );

const findingCards = () => screen.queryAllByRole('article');
const card = (title: RegExp) =>
  findingCards().find((c) => within(c).queryByRole('heading', { name: title }))!;

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {}, showSupportNotice: false } as never);
});
beforeEach(() => {
  fake.allowed = new Set(['patch storageprofiles.cdi.kubevirt.io', 'patch storageclasses.storage.k8s.io']);
  fake.poll = { response: { status: 'success', data: { groups: [] } }, loaded: true, error: undefined };
  fake.pollArgs = [];
});
afterEach(cleanup);

describe('OverviewView', () => {
  it('lists the findings most severe first, with counts by impact', () => {
    show(report());
    expect(findingCards().map((c) => within(c).getByRole('heading').textContent)).toEqual([
      'CDI is not ready',
      'More than one default storage class for virtualization',
      'Storage profiles are incomplete',
    ]);
    const summary = screen.getByRole('region', { name: 'Storage health summary' });
    expect(summary.textContent).toContain('Critical: 1');
    expect(summary.textContent).toContain('Warning: 1');
    expect(summary.textContent).toContain('Info: 1');
    expect(summary.textContent).toContain('Checks passed: 2');
  });

  it('shows five objects, then "and N more" that reveals the rest', async () => {
    show(report());
    const profiles = card(/Storage profiles are incomplete/);
    expect(within(profiles).getAllByRole('listitem')).toHaveLength(5);
    expect(within(profiles).queryByText('p6')).toBeNull();
    await userEvent.click(within(profiles).getByRole('button', { name: 'and 2 more' }));
    expect(within(profiles).getAllByRole('listitem')).toHaveLength(7);
    expect(within(profiles).getByText('p7')).toBeTruthy();
  });

  it('links each fix to the page that fixes it, and the runbook in a new tab', () => {
    show(report());
    const profiles = card(/Storage profiles are incomplete/);
    const fix = within(profiles).getByRole('link', { name: 'Edit storage profile: acme-fast' });
    expect(fix.getAttribute('href')).toBe('/virtualization-storage/storage-profiles/acme-fast/edit');
    const defaults = card(/More than one default storage class/);
    expect(
      within(defaults).getByRole('link', { name: 'Choose the default storage class' }).getAttribute('href'),
    ).toBe('/virtualization-storage/settings#vsp-default-classes-title');
    const runbook = within(defaults).getByRole('link', {
      name: /Runbook for CDIMultipleDefaultVirtStorageClasses/,
    });
    expect(runbook.getAttribute('href')).toBe(
      'https://kubevirt.io/monitoring/runbooks/CDIMultipleDefaultVirtStorageClasses',
    );
    expect(runbook.getAttribute('target')).toBe('_blank');
    expect(runbook.textContent).toContain('(opens in a new tab)');
  });

  it('shows a viewer the findings but no fix', () => {
    fake.allowed = new Set();
    show(report());
    expect(findingCards()).toHaveLength(3);
    expect(screen.getByText('acme-fast')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Edit storage profile/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /Choose the default storage class/ })).toBeNull();
    // The runbook is no fix: it stays.
    expect(screen.getAllByRole('link', { name: /Runbook for/ })).toHaveLength(3);
  });

  it('lists the checks that could not run with the reason, never as passed', () => {
    show(
      report({
        findings: [],
        passed: ['cdi-not-ready'],
        unchecked: [
          {
            id: 'profiles-incomplete',
            alert: 'CDIStorageProfilesIncomplete',
            reason: 'forbidden',
            inputs: ['StorageProfiles'],
          },
          {
            id: 'boot-sources-outdated',
            alert: 'CDIDataImportCronOutdated',
            reason: 'error',
            inputs: ['DataImportCrons'],
          },
        ],
      }),
    );
    const summary = screen.getByRole('region', { name: 'Storage health summary' });
    expect(summary.textContent).toContain('Checks passed: 1');
    expect(summary.textContent).toContain('Checks that could not run: 2');
    const unchecked = within(summary)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(unchecked).toEqual([
      'Storage profiles are incomplete: not checked, you may not read StorageProfiles',
      'Boot sources are outdated: not checked, DataImportCrons could not be read',
    ]);
    expect(screen.queryByRole('heading', { name: 'No problems found' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'No problems found in the checks that ran' })).toBeTruthy();
  });

  it('says "No problems found" with the checks that passed when every check ran clean', () => {
    show(report({ findings: [], passed: ['cdi-not-ready', 'profiles-incomplete'] }));
    expect(screen.getByRole('heading', { name: 'No problems found' })).toBeTruthy();
    const passed = screen.getByText('CDI is not ready').closest('ul')!;
    expect(
      within(passed)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['CDI is not ready', 'Storage profiles are incomplete']);
  });

  it('never says "no problems" while the findings load', () => {
    show(report({ findings: [], passed: [] }), true);
    expect(screen.queryByText(/No problems found/)).toBeNull();
    expect(screen.getByText('Loading storage health')).toBeTruthy();
    cleanup();
    show(
      report({
        findings: [],
        passed: ['cdi-not-ready'],
        unchecked: [
          {
            id: 'profiles-incomplete',
            alert: 'CDIStorageProfilesIncomplete',
            reason: 'loading',
            inputs: ['StorageProfiles'],
          },
        ],
      }),
    );
    expect(screen.queryByText(/No problems found/)).toBeNull();
    expect(screen.getByRole('region', { name: 'Storage health summary' }).textContent).toContain(
      'Checks still loading: 1',
    );
  });
});

describe('OverviewView with Prometheus', () => {
  const rules = (
    ...alerts: { name: string; state: string; activeAt: string; labels?: Record<string, string> }[]
  ): RulesApiResponse => ({
    status: 'success',
    data: {
      groups: [
        {
          name: 'cdi.rules',
          rules: alerts.map((a) => ({
            name: a.name,
            type: 'alerting',
            state: a.state,
            alerts: [
              {
                state: a.state,
                activeAt: a.activeAt,
                labels: { alertname: a.name, severity: 'warning', ...a.labels },
              },
            ],
          })),
        },
      ],
    },
  });

  it('polls the rules every 15 seconds', () => {
    show(report());
    expect(fake.pollArgs[0]).toEqual({ endpoint: 'api/v1/rules', delay: 15000 });
  });

  it('marks the finding whose alert fires, with since when, and lists every firing storage alert', () => {
    fake.poll.response = rules(
      { name: 'CDIMultipleDefaultVirtStorageClasses', state: 'firing', activeAt: '2026-12-02T10:00:00Z' },
      { name: 'CDIStorageProfilesIncomplete', state: 'pending', activeAt: '2026-12-02T10:04:00Z' },
      // Still firing after its fix: KubeVirtCRModified keeps firing for its 10-minute window.
      {
        name: 'KubeVirtCRModified',
        state: 'firing',
        activeAt: '2026-12-02T09:58:00Z',
        labels: { component_name: 'cdi/cdi-kubevirt-hyperconverged' },
      },
    );
    show(report());
    const defaults = card(/More than one default storage class/);
    const state = within(defaults).getByText('CDIMultipleDefaultVirtStorageClasses firing');
    expect(state.closest('.vsp-overview-alert-state')?.textContent).toContain(
      'Active since 2026-12-02T10:00:00Z',
    );
    expect(
      within(card(/Storage profiles are incomplete/)).getByText('CDIStorageProfilesIncomplete pending'),
    ).toBeTruthy();
    expect(within(card(/CDI is not ready/)).getByText('CDINotReady not firing')).toBeTruthy();

    const firing = screen.getByRole('region', { name: 'Firing alerts' });
    const rows = within(firing).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual([
      'CDIMultipleDefaultVirtStorageClasses (runbook, opens in a new tab)',
      'KubeVirtCRModified (runbook, opens in a new tab)',
    ]);
    expect(within(rows[0]).getAllByRole('cell')[4].textContent).toBe('Yes, listed above');
    expect(within(rows[1]).getAllByRole('cell')[4].textContent).toBe(
      'None now: the API no longer shows the condition',
    );
    expect(screen.queryByText(/Prometheus is not reachable/)).toBeNull();
  });

  it('says when Prometheus is not reachable, and still shows the findings', () => {
    fake.poll = {
      response: null,
      loaded: true,
      error: Object.assign(new Error('Service Unavailable'), { code: 503 }),
    };
    show(report());
    expect(
      screen.getByText('Prometheus is not reachable: findings are computed from the API only'),
    ).toBeTruthy();
    expect(screen.getByText(/answered HTTP 503/)).toBeTruthy();
    expect(findingCards()).toHaveLength(3);
    expect(screen.queryByText(/not firing/)).toBeNull();
    expect(screen.queryByRole('region', { name: 'Firing alerts' })).toBeNull();
  });

  it('tells a user who may not read Prometheus why alerts are missing', () => {
    fake.poll = { response: null, loaded: true, error: Object.assign(new Error('Forbidden'), { code: 403 }) };
    show(report());
    expect(
      screen.getByText('You may not read alerts from Prometheus: findings are computed from the API only'),
    ).toBeTruthy();
  });
});
