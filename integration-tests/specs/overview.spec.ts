import { expect, PATHS, test, type K8sClient, type K8sObject } from './fixtures';
import { findings, finding, openOverview } from './overview-page';

/**
 * The storage health overview on the demo cluster: what is wrong, most severe first, each with its fix and
 * the upstream runbook; what a viewer sees; which alerts fire in a real Prometheus.
 */
const IMPACTS = ['critical', 'warning', 'info'];

interface HyperConverged extends K8sObject {
  spec: { dataImportCronTemplates?: { metadata?: { name?: string } }[] };
}

/** Clears what the demo seed has broken on purpose, through the API as an admin would fix it. */
const healDemo = async (k8s: K8sClient) => {
  await k8s.mergePatch(`${PATHS.storageProfiles}/acme-fast`, {
    spec: { claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Block' }] },
  });
  await k8s.delete('/apis/cdi.kubevirt.io/v1beta1/namespaces/team-a/datavolumes/broken-import');
  const [hc] = await k8s.list<HyperConverged>(PATHS.hyperConvergeds);
  const templates = hc.spec.dataImportCronTemplates ?? [];
  const hcPath = `/apis/hco.kubevirt.io/v1beta1/namespaces/${hc.metadata.namespace}/hyperconvergeds/${hc.metadata.name}`;
  await k8s.patch(hcPath, [
    { op: 'test', path: '/spec/dataImportCronTemplates', value: templates },
    {
      op: 'replace',
      path: '/spec/dataImportCronTemplates',
      value: templates.filter(
        (t) => !['legacy-app-image-cron', 'zos-tools-image-cron'].includes(t.metadata?.name ?? ''),
      ),
    },
  ]);
};

test.describe('Overview on the demo cluster', () => {
  test('lists what is wrong most severe first, each with its fix and runbook', async ({
    page,
    consoleUI,
  }) => {
    // The section's own path is its landing page.
    await page.goto('/virtualization-storage');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Virtualization storage overview' }),
    ).toBeVisible();
    await openOverview(page);
    // The Overview is the section's first nav item, and the only one marked current.
    const nav = page.getByRole('navigation', { name: 'Global' });
    await expect(nav.getByRole('link').first()).toHaveText('Overview');
    await expect(findings(page).first()).toBeVisible();

    const impacts = await findings(page).evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-impact') ?? ''),
    );
    expect(impacts.length).toBeGreaterThanOrEqual(3);
    expect([...impacts].sort((a, b) => IMPACTS.indexOf(a) - IMPACTS.indexOf(b))).toEqual(impacts);

    // The demo's broken parts: an unknown provisioner's profile, a failing import, an s390x-only image.
    const profiles = finding(page, 'Storage profiles are incomplete');
    await expect(profiles.getByText('acme-fast', { exact: true })).toBeVisible();
    const edit = profiles.getByRole('link', { name: 'Edit storage profile: acme-fast' });
    await expect(edit).toHaveAttribute('href', '/virtualization-storage/storage-profiles/acme-fast/edit');
    const runbook = profiles.getByRole('link', { name: /Runbook for CDIStorageProfilesIncomplete/ });
    await expect(runbook).toHaveAttribute(
      'href',
      'https://kubevirt.io/monitoring/runbooks/CDIStorageProfilesIncomplete',
    );
    await expect(runbook).toHaveAttribute('target', '_blank');
    await expect(finding(page, 'Golden images not deployed for this cluster’s architectures')).toContainText(
      'zos-tools-image-cron',
    );
    await expect(page.getByTestId('vsp-health-summary')).toContainText(/Checks passed: \d+/);

    // No Prometheus in this test: the page says so and works from the API.
    await expect(
      page.getByText('Prometheus is not reachable: findings are computed from the API only'),
    ).toBeVisible();

    // One click from the finding to the fix.
    await edit.click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Edit storage profile acme-fast' }),
    ).toBeVisible();
    await page.goBack();
    await expect(finding(page, 'Storage profiles are incomplete')).toBeVisible();

    await consoleUI.expectNoA11yViolations();
    await consoleUI.saveScreenshots('overview');
  });

  test('a viewer sees the findings but no fix', async ({ page, consoleUI }) => {
    await openOverview(page);
    await consoleUI.switchUser('viewer');
    await openOverview(page);
    const profiles = finding(page, 'Storage profiles are incomplete');
    await expect(profiles.getByText('acme-fast', { exact: true })).toBeVisible();
    await expect(profiles.getByRole('link', { name: /Runbook for/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Edit storage profile/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /Open boot sources/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /Change the default storage class/ })).toHaveCount(0);
  });

  test('says "No problems found" once the demo is healed', async ({ page, k8s, consoleUI }) => {
    await openOverview(page);
    await expect(findings(page).first()).toBeVisible();
    await healDemo(k8s);
    await expect(page.getByRole('heading', { name: 'No problems found' })).toBeVisible();
    await expect(findings(page)).toHaveCount(0);
    await expect(page.getByTestId('vsp-passed-checks').getByRole('listitem')).toHaveCount(11);
    await consoleUI.expectNoA11yViolations();
    await consoleUI.saveScreenshots('overview-healthy');
  });
});

test.describe('Overview with Prometheus', () => {
  test.use({ prometheus: true });

  test('a broken profile: the live finding at once, then CDIStorageProfilesIncomplete firing', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    // Start without incomplete profiles.
    await k8s.mergePatch(`${PATHS.storageProfiles}/acme-fast`, {
      spec: { claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Block' }] },
    });
    await openOverview(page);
    await expect(page.getByTestId('vsp-prometheus-unavailable')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Firing alerts' })).toBeVisible();
    const title = 'Storage profiles are incomplete';
    await expect(finding(page, title)).toHaveCount(0);

    await k8s.create(PATHS.storageClasses, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'vendor-x' },
      provisioner: 'csi.vendor-x.example.com',
    });
    const profiles = finding(page, title);
    // Live from the API, before Prometheus even scraped it.
    await expect(profiles.getByText('vendor-x', { exact: true })).toBeVisible({ timeout: 5_000 });

    // The rule's 5m `for` is 5 s at the simulator's 60x; the page polls the rules every 15 s.
    const state = profiles.getByTestId('vsp-alert-state');
    await expect(state).toHaveAttribute('data-state', 'firing', { timeout: 60_000 });
    await expect(state).toHaveText('CDIStorageProfilesIncomplete firing');
    await expect(profiles.getByText('Active since')).toBeVisible();
    const row = page.getByTestId('vsp-firing-alert').filter({ hasText: 'CDIStorageProfilesIncomplete' });
    await expect(row).toContainText('Yes, listed above');
    await expect(row.locator('[data-test="timestamp"]')).toBeVisible();
    await consoleUI.expectNoA11yViolations();
    await consoleUI.saveScreenshots('overview-alerts');
  });
});
