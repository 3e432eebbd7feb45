import type { Page } from '@playwright/test';
import {
  expect,
  expectNoA11yViolations,
  saveModalScreenshots,
  saveScreenshots,
  switchUser,
  test,
} from './fixtures';

const details = (ns: string, name: string) => `/virtualization-storage/data-volumes/${ns}/${name}`;
const card = (page: Page, title: string) =>
  page
    .locator('.pf-v6-c-card')
    .filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });

test.describe('DataVolume details', () => {
  // Simulated time moves only with sim.advance: the demo's imports stay where the seed has them.
  test.use({ clusterOptions: { timeScale: 0 } });

  test('an import: summary, conditions, PVC with annotations, importer pod and events', async ({ page }) => {
    test.slow();
    await page.goto(details('team-a', 'analytics-import'));
    await expect(page.getByRole('heading', { level: 1, name: 'analytics-import' })).toBeVisible();

    const summary = card(page, 'Summary');
    await expect(summary).toContainText('ImportInProgress');
    await expect(summary).toContainText(
      'https://images.corp.example.com/analytics/analytics-disk-2026.11.qcow2',
    );
    await expect(summary).toContainText('40 GiB');
    await expect(summary).toContainText('ocs-storagecluster-ceph-rbd-virtualization');
    await expect(summary).toContainText('Block');
    await expect(summary.getByRole('progressbar')).toBeVisible();

    const conditions = page.getByRole('table', { name: 'Conditions' });
    await expect(conditions.getByRole('row', { name: /Ready.*False.*TransferRunning/ })).toBeVisible();
    await expect(
      conditions.getByRole('row', { name: /Bound.*True.*PVC analytics-import Bound/ }),
    ).toBeVisible();

    const pvc = card(page, 'PersistentVolumeClaim');
    await expect(pvc).toContainText('pvc-e6d26db6-d5c4-474a-bd7c-8134ccbb29ae');
    await expect(page.getByRole('table', { name: 'CDI annotations of the PVC' })).toContainText(
      'cdi.kubevirt.io/storage.import.importPodName',
    );
    await expect(page.getByRole('table', { name: 'CDI annotations of the PVC' })).toContainText(
      'importer-analytics-import',
    );

    const pods = page.getByRole('table', { name: 'Worker pods' });
    await expect(pods.getByRole('row', { name: /importer-analytics-import.*Running/ })).toBeVisible();

    await expectNoA11yViolations(page);
  });

  test('a new import: events of the DataVolume, its PVC and its importer pod, newest first', async ({
    page,
    k8s,
    sim,
  }) => {
    await k8s.create('/apis/cdi.kubevirt.io/v1beta1/namespaces/team-a/datavolumes', {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'spec-import', namespace: 'team-a' },
      spec: {
        source: { http: { url: 'https://images.corp.example.com/spec/disk.qcow2' } },
        storage: {
          storageClassName: 'ocs-storagecluster-ceph-rbd-virtualization',
          resources: { requests: { storage: '1Gi' } },
        },
      },
    });
    await sim.advance(5);
    await page.goto(details('team-a', 'spec-import'));
    const events = page.getByRole('table', { name: 'Events' });
    await expect(events).toContainText('Pod/importer-spec-import');
    await expect(events).toContainText('DataVolume/spec-import');
    await expect(page.getByRole('table', { name: 'Worker pods' })).toContainText('importer-spec-import');
    // Newest first.
    const seen = await events
      .locator('tbody tr td[data-label="Last seen"] time')
      .evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    await saveScreenshots(page, 'data-volume-details');
    // The import finishes while the page is open: phase and PVC follow without a reload.
    await sim.advance(600);
    await expect(card(page, 'Summary')).toContainText('Succeeded');
    await expect(events).toContainText('ImportSucceeded');
  });

  test('a failing import shows the error; the breadcrumb returns to the namespace', async ({ page }) => {
    await page.goto(details('team-a', 'broken-import'));
    const conditions = page.getByRole('table', { name: 'Conditions' });
    await expect(conditions).toContainText('Unable to connect to http data source');
    await expect(card(page, 'Summary')).toContainText('ImportInProgress');
    await page.getByRole('link', { name: 'DataVolumes' }).click();
    await expect(page).toHaveURL(/\/virtualization-storage\/data-volumes\?namespace=team-a$/);
  });

  test('not found says so', async ({ page }) => {
    await page.goto(details('team-a', 'no-such-volume'));
    await expect(page.getByRole('heading', { name: 'DataVolume not found' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete' })).toHaveAttribute('aria-disabled', 'true');
  });

  test('viewer: Delete disabled, read-only notice', async ({ page }) => {
    await page.goto(details('team-a', 'analytics-import'));
    await switchUser(page, 'viewer');
    await expect(card(page, 'Summary')).toBeVisible();
    await expect(page.getByRole('heading', { name: /Read-only/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete' })).toHaveAttribute('aria-disabled', 'true');
  });

  test('delete from the details page goes back to the list; the PVC goes too', async ({ page, k8s }) => {
    await page.goto(details('team-a', 'win-installer-iso'));
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete DataVolume?' });
    await expect(dialog).toContainText('Its PVC win-installer-iso and the data on it are deleted with it');
    await expectNoA11yViolations(page, { include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'data-volume-delete');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/virtualization-storage\/data-volumes\?namespace=team-a$/);
    await expect(page.getByRole('link', { name: 'win-installer-iso' })).toHaveCount(0);
    await expect
      .poll(
        async () =>
          (await k8s.request('GET', '/api/v1/namespaces/team-a/persistentvolumeclaims/win-installer-iso'))
            .status,
      )
      .toBe(404);
  });
});
