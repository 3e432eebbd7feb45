import type { Page } from '@playwright/test';
import { expect, PATHS, test, type K8sClient, type K8sObject } from './fixtures';

const LIST_PATH = '/virtualization-storage/storage-profiles';
const DEFAULT_VIRT_ANNOTATION = 'storageclass.kubevirt.io/is-default-virt-class';

interface StorageProfile extends K8sObject {
  spec?: { claimPropertySets?: unknown[] };
  status?: { provisioner?: string; storageClass?: string; claimPropertySets?: unknown[] };
}

// A PatternFly table with sortable columns has the grid role.
const profilesTable = (page: Page) =>
  page
    .getByRole('grid', { name: 'Storage profiles' })
    .or(page.getByRole('table', { name: 'Storage profiles' }));
const rowOf = (page: Page, name: string) =>
  profilesTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });

/** The profile's effective claim property sets: the admin's spec wins over CDI's status. */
const effectiveSets = (p: StorageProfile) =>
  p.spec?.claimPropertySets?.length ? p.spec.claimPropertySets : (p.status?.claimPropertySets ?? []);

const readCluster = async (k8s: K8sClient) => ({
  classes: await k8s.list(PATHS.storageClasses),
  profiles: await k8s.list<StorageProfile>(PATHS.storageProfiles),
});

test.describe('Storage profiles list', () => {
  test('shows one row per storage class of the cluster, with its provisioner', async ({ page, k8s }) => {
    const { classes } = await readCluster(k8s);
    expect(classes.length, 'the demo cluster has storage classes').toBeGreaterThan(1);

    await page.goto(LIST_PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Storage profiles' })).toBeVisible();
    await expect(profilesTable(page).locator('tbody > tr')).toHaveCount(classes.length);
    for (const sc of classes) {
      await expect(rowOf(page, sc.metadata.name)).toContainText(String(sc.provisioner));
    }
  });

  test('flags a profile CDI cannot complete, with its consequence, and only that kind', async ({
    page,
    k8s,
  }) => {
    const { profiles } = await readCluster(k8s);
    const incomplete = profiles.filter((p) => effectiveSets(p).length === 0);
    const complete = profiles.filter((p) => effectiveSets(p).length > 0);
    expect(incomplete.length, 'the demo cluster has a class with an unknown provisioner').toBeGreaterThan(0);
    expect(complete.length).toBeGreaterThan(0);

    await page.goto(LIST_PATH);
    for (const p of incomplete) {
      const row = rowOf(page, p.metadata.name);
      await expect(row).toContainText('Incomplete');
      await expect(row).toContainText('DataVolumes that omit access modes will not be provisioned');
    }
    for (const p of complete) {
      await expect(rowOf(page, p.metadata.name)).not.toContainText('Incomplete');
    }
  });

  test('marks the default class for virtualization', async ({ page, k8s }) => {
    const { classes } = await readCluster(k8s);
    const isVirtDefault = (sc: K8sObject) =>
      (sc.metadata.annotations as Record<string, string> | undefined)?.[DEFAULT_VIRT_ANNOTATION] === 'true';
    const virtDefaults = classes.filter(isVirtDefault);
    expect(virtDefaults.length, 'the demo cluster names a default class for virtualization').toBe(1);

    await page.goto(LIST_PATH);
    await expect(rowOf(page, virtDefaults[0].metadata.name)).toContainText('Default for virtualization');
    for (const sc of classes.filter((c) => !isVirtDefault(c))) {
      await expect(rowOf(page, sc.metadata.name)).not.toContainText('Default for virtualization');
    }
  });

  test('shows a profile created while the page is open, without a reload', async ({ page, k8s }) => {
    await page.goto(LIST_PATH);
    await expect(profilesTable(page)).toBeVisible();
    const before = await profilesTable(page).locator('tbody > tr').count();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // CDI (simulated) creates the StorageProfile for a new StorageClass.
    const name = `added-while-open-${Date.now()}`;
    await k8s.create(PATHS.storageClasses, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name },
      provisioner: 'kubernetes.io/no-provisioner',
      volumeBindingMode: 'WaitForFirstConsumer',
    });

    await expect(rowOf(page, name)).toBeVisible();
    await expect(rowOf(page, name)).toContainText('kubernetes.io/no-provisioner');
    await expect(profilesTable(page).locator('tbody > tr')).toHaveCount(before + 1);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
  });

  test('catches up after its watch connection drops', async ({ page, k8s, sim }) => {
    await page.goto(LIST_PATH);
    await expect(profilesTable(page)).toBeVisible();
    const before = await profilesTable(page).locator('tbody > tr').count();

    // The apiserver closes the watches; a profile appears while the page has none open.
    await sim.fault({ pathRegex: 'storageprofiles', dropWatches: true });
    const name = `added-while-dropped-${Date.now()}`;
    await k8s.create(PATHS.storageClasses, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name },
      provisioner: 'kubernetes.io/no-provisioner',
    });
    await sim.clearFaults();

    await expect(rowOf(page, name)).toBeVisible();
    await expect(profilesTable(page).locator('tbody > tr')).toHaveCount(before + 1);
  });

  test('shows every profile to a user who may not read StorageClasses, and says what is unknown and why', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    const asUser = k8s.as('project-user');
    const denied = await asUser.request<{ message: string }>('GET', PATHS.storageClasses);
    expect(denied.status, 'project-user may not list StorageClasses').toBe(403);
    const profiles = await asUser.list<StorageProfile>(PATHS.storageProfiles);

    await page.goto(LIST_PATH);
    await consoleUI.switchUser('project-user');
    await expect(profilesTable(page).locator('tbody > tr')).toHaveCount(profiles.length);
    for (const p of profiles) {
      await expect(rowOf(page, p.metadata.name)).toContainText(String(p.status?.provisioner));
      await expect(rowOf(page, p.metadata.name)).toContainText('Default class: unknown');
      await expect(rowOf(page, p.metadata.name)).not.toContainText('not found');
    }
    const warning = page.getByRole('heading', { name: /Could not read StorageClasses/ });
    await expect(warning).toBeVisible();
    await expect(page.getByText(denied.body.message, { exact: true })).toBeVisible();
    await expect(page.getByText('Nothing was saved')).toHaveCount(0);
    // The warning sits above the table.
    const warningBox = await warning.boundingBox();
    const tableBox = await profilesTable(page).boundingBox();
    expect(warningBox!.y).toBeLessThan(tableBox!.y);
  });

  test('tells a read-only user why there is no Edit action', async ({ page, consoleUI }) => {
    await page.goto(LIST_PATH);
    await expect(
      profilesTable(page)
        .getByRole('button', { name: /^Edit / })
        .first(),
    ).toBeVisible();
    await consoleUI.switchUser('viewer');
    await expect(profilesTable(page)).toBeVisible();
    await expect(page.getByRole('heading', { name: /Read-only/ })).toBeVisible();
    await expect(page.getByText(/You are not allowed to patch storageprofiles/)).toBeVisible();
    await expect(profilesTable(page).getByRole('button', { name: /^Edit / })).toHaveCount(0);
  });

  test('lists a profile with an invalid spec value under "needs attention" and marks the value', async ({
    page,
    k8s,
  }) => {
    const name = 'nfs-csi';
    await k8s.mergePatch(`${PATHS.storageProfiles}/${name}`, { spec: { cloneStrategy: 'Snapshot' } });

    await page.goto(LIST_PATH);
    await expect(rowOf(page, name)).toContainText('Invalid: "Snapshot"');
    await page.getByRole('checkbox', { name: 'Only profiles that need attention' }).check();
    await expect(rowOf(page, name)).toBeVisible();
    // Complete local volumes (CDI derived sets from the class's PVs) do not need attention.
    await expect(rowOf(page, 'local-block')).toHaveCount(0);
    await expect(rowOf(page, 'acme-fast')).toBeVisible();
  });

  test('fits a 1280px window: laid out as a table, nothing scrolls sideways', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(LIST_PATH);
    const table = profilesTable(page);
    // Layout, not speed, is what this test is about: give a busy machine time to load.
    await expect(table.locator('tbody > tr').first()).toBeVisible({ timeout: 30_000 });
    // A table, not the stacked grid PatternFly falls back to on narrow screens: the headers are visible.
    await expect(table.getByRole('columnheader', { name: 'Access and volume modes' })).toBeVisible();
    const fit = await table.evaluate((el) => {
      const overflowing: string[] = [];
      for (let node = el.parentElement; node; node = node.parentElement) {
        if (node.scrollWidth > node.clientWidth + 1) overflowing.push(`${node.tagName}.${node.className}`);
      }
      const headers = [...el.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect());
      return {
        overflowing,
        tableRight: el.getBoundingClientRect().right,
        headersRight: Math.max(...headers.map((r) => r.right)),
        viewport: document.documentElement.clientWidth,
      };
    });
    expect(fit.overflowing, 'containers that scroll sideways').toEqual([]);
    expect(fit.tableRight).toBeLessThanOrEqual(fit.viewport);
    expect(fit.headersRight).toBeLessThanOrEqual(fit.viewport);
  });

  test('is accessible in light and dark themes (screenshots in docs/screenshots)', async ({
    page,
    consoleUI,
  }) => {
    await page.goto(LIST_PATH);
    await expect(profilesTable(page)).toBeVisible();
    await consoleUI.expectNoA11yViolations();
    await consoleUI.setTheme('dark');
    await consoleUI.expectNoA11yViolations();
    await consoleUI.saveScreenshots('storage-profiles-list');
  });
});
