import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, saveScreenshots, switchUser, test } from './fixtures';

const PAGE = '/virtualization-storage/data-volumes';
const DV_API = '/apis/cdi.kubevirt.io/v1beta1';

const heading = (page: Page) => page.getByRole('heading', { level: 1, name: 'DataVolumes' });
const table = (page: Page) => page.getByRole('table', { name: 'DataVolumes' });
const rows = (page: Page) => table(page).locator('tbody tr');
const row = (page: Page, name: string) =>
  rows(page).filter({ has: page.getByRole('link', { name, exact: true }) });
const namespaceFilter = (page: Page) => page.getByLabel('Namespace', { exact: true });

test.describe('DataVolumes list', () => {
  // Simulated time moves only with sim.advance: the demo's imports stay where the seed has them.
  test.use({ clusterOptions: { timeScale: 0 } });

  test('lists team-a with phase, progress, source, class and failing first; live progress', async ({
    page,
    sim,
  }) => {
    test.slow();
    await page.goto(`${PAGE}?namespace=team-a`);
    await expect(heading(page)).toBeVisible();
    await expect(namespaceFilter(page)).toHaveValue('team-a');

    // Restarting first: broken-import (3 restarts) leads; a finished one is last.
    await expect(rows(page).first()).toContainText('broken-import');
    await expect(row(page, 'broken-import')).toContainText('ImportInProgress');
    // The seed's 3 restarts, and more as the failing importer keeps restarting.
    const restarts = row(page, 'broken-import').locator('td[data-label="Restarts"]');
    await expect.poll(async () => Number(await restarts.textContent())).toBeGreaterThanOrEqual(3);

    const analytics = row(page, 'analytics-import');
    await expect(analytics).toContainText('ImportInProgress');
    await expect(analytics).toContainText('HTTP');
    const bar = analytics.getByRole('progressbar');
    await expect(bar).toHaveAttribute('aria-valuenow', '63.5');

    const web = row(page, 'web-root-disk');
    await expect(web).toContainText('Succeeded');
    await expect(web).toContainText('DataSource');
    await expect(rows(page).last()).toContainText('Succeeded');

    // Live: the simulator's import moves on, the bar follows without a reload.
    await sim.advance(20);
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow').catch(() => '100')))
      .toBeGreaterThan(63.5);

    await expectNoA11yViolations(page);
    await saveScreenshots(page, 'data-volumes');
  });

  test('filters by namespace in the URL; all namespaces shows a namespace column', async ({ page }) => {
    await page.goto(PAGE);
    await expect(heading(page)).toBeVisible();
    await expect(row(page, 'broken-import')).toContainText('Namespace: team-a');
    await saveScreenshots(page, 'data-volumes-all-namespaces');

    await namespaceFilter(page).selectOption('golden-images');
    await expect(page).toHaveURL(/[?&]namespace=golden-images/);
    await expect(row(page, 'broken-import')).toHaveCount(0);

    await namespaceFilter(page).selectOption('team-a');
    await expect(page).toHaveURL(/[?&]namespace=team-a/);
    await expect(row(page, 'broken-import')).toBeVisible();
  });

  test('viewer: read-only, no Create or Delete', async ({ page }) => {
    await page.goto(`${PAGE}?namespace=team-a`);
    await switchUser(page, 'viewer');
    await expect(row(page, 'broken-import')).toBeVisible();
    await expect(page.getByRole('heading', { name: /Read-only/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create DataVolume' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await expect(
      row(page, 'broken-import').getByRole('button', { name: 'Delete broken-import' }),
    ).toHaveAttribute('aria-disabled', 'true');
  });

  test('project-user: asked for a namespace when all namespaces are forbidden; team-a works', async ({
    page,
  }) => {
    await page.goto(PAGE);
    await switchUser(page, 'project-user');
    await expect(page.getByText('You may not list DataVolumes in all namespaces')).toBeVisible();
    await expect(table(page)).toHaveCount(0);
    await namespaceFilter(page).fill('team-a');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/[?&]namespace=team-a/);
    await expect(row(page, 'broken-import')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create DataVolume' })).not.toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  test('deletes with confirmation (the PVC goes too); a concurrent delete says already deleted', async ({
    page,
    k8s,
  }) => {
    test.slow();
    await page.goto(`${PAGE}?namespace=team-a`);
    await row(page, 'db-data').getByRole('button', { name: 'Delete db-data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete DataVolume?' });
    await expect(dialog).toContainText('DataVolume db-data in namespace team-a will be deleted.');
    await expect(dialog).toContainText('Its PVC db-data and the data on it are deleted with it');
    await expectNoA11yViolations(page, { include: '[role="dialog"]' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row(page, 'db-data')).toHaveCount(0);
    await expect
      .poll(
        async () =>
          (await k8s.request('GET', '/api/v1/namespaces/team-a/persistentvolumeclaims/db-data')).status,
      )
      .toBe(404);

    // Someone else deletes web-clone while this page's dialog is open.
    await row(page, 'web-clone').getByRole('button', { name: 'Delete web-clone' }).click();
    await expect(dialog).toBeVisible();
    await k8s.delete(`${DV_API}/namespaces/team-a/datavolumes/web-clone`);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    const gone = page.getByRole('dialog', { name: 'DataVolume already deleted' });
    await expect(gone).toContainText('Already deleted by someone else');
    await gone.getByRole('button', { name: 'OK' }).click();
    await expect(row(page, 'web-clone')).toHaveCount(0);
  });
});
