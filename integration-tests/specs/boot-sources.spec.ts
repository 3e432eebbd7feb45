import type { Page } from '@playwright/test';
import { expect, test, type K8sObject } from './fixtures';
import {
  getHco,
  hcoObjectPath,
  hcoPointer,
  hcoValue,
  hcoWithout,
  writesScreenshots,
  type HcoVersion,
} from './hco-version';

const PAGE = '/virtualization-storage/boot-sources';
const ENABLE = 'dataimportcrontemplate.kubevirt.io/enable';

interface Template {
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: unknown;
}

/** The template list wherever the version keeps it (v1: spec.workloadSources.dataImportCronTemplates). */
const templatesOf = (hco: K8sObject, v: HcoVersion) =>
  hcoValue<Template[] | undefined>(hco, v, 'dataImportCronTemplates');
const listPath = (v: HcoVersion) => hcoPointer(v, 'dataImportCronTemplates');
/** The spec without the template list: it must not change when only the list does. */
const otherSpec = (hco: K8sObject, v: HcoVersion) => hcoWithout(hco, v, 'dataImportCronTemplates');

/** The table row whose name cell is exactly `name`. */
const row = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.locator('strong').getByText(name, { exact: true }) });
const openAction = async (page: Page, name: string, action: string) => {
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
};
/** PatternFly's switch draws its toggle over the input: click the visible label, as a user does. */
const toggleAutomaticUpdates = (page: Page) =>
  page.locator('label[for="vsp-common-boot-image-import"]').click();
const patchPreview = async (page: Page) =>
  JSON.parse(
    (await page.getByRole('region', { name: 'JSON patch that will be sent' }).textContent()) ?? '[]',
  );

test.describe('Boot sources dashboard', () => {
  // Several writes and reads per test, each waiting for the watch: more than the default minute on 2 cores.
  test.describe.configure({ timeout: 150_000 });

  test.describe("with the seed's clock stopped", () => {
    // Time stands still, so the seeded importing, outdated and scheduled sources stay so for the checks and the
    // screenshots.
    test.use({ clusterOptions: { timeScale: 0 } });
    test('lists every golden image worst first, with the cluster-level findings and counts', async ({
      page,
      consoleUI,
      hcoVersion,
    }) => {
      await page.goto(PAGE);
      await expect(page.getByRole('heading', { level: 1, name: 'Boot sources' })).toBeVisible();
      const table = page.getByRole('table', { name: 'Boot sources' });
      await expect(table).toBeVisible();
      // The failing custom source (its registry does not resolve) is first, with CDI's reason.
      const first = table.getByRole('row').nth(1);
      await expect(first).toContainText('legacy-app-image-cron');
      await expect(first).toContainText('Failing');
      await expect(first).toContainText('NoDigest: No source digest');
      // The disabled system source is still listed, last, so it can be turned back on.
      await expect(row(page, 'rhel8-image-cron')).toContainText('Disabled');
      await expect(table.getByRole('row').last()).toContainText('rhel8-image-cron');
      await expect(row(page, 'centos-stream10-image-cron')).toContainText('Customised system');
      // The seed's other states: a newer digest published for rhel9, fedora importing, zos-tools not deployed.
      await expect(row(page, 'rhel9-image-cron')).toContainText('Outdated');
      await expect(row(page, 'fedora-image-cron')).toContainText('Importing');
      await expect(row(page, 'zos-tools-image-cron')).toContainText('Not deployed');
      await expect(page.getByText('Not deployed on this cluster’s architectures')).toBeVisible();
      await expect(row(page, 'tools-image-cron')).toContainText('Custom');
      // Schedule in words with the next check, and the DataSource the VMs use.
      await expect(row(page, 'tools-image-cron')).toContainText('At 04:00, only on Monday');
      await expect(row(page, 'tools-image-cron')).toContainText('Next check:');
      await expect(row(page, 'centos-stream9-image-cron')).toContainText('Ready');
      await expect(page.getByRole('list', { name: 'Boot source summary' })).toContainText('1 disabled');
      await expect(
        page.getByRole('switch', { name: 'Automatic updates of system-defined boot sources' }),
      ).toBeChecked();
      await consoleUI.expectNoA11yViolations();
      if (writesScreenshots(hcoVersion)) await consoleUI.saveScreenshots('boot-sources');
    });
  });

  test('turns one system source off and on again; nothing else in the HyperConverged changes @hco-write', async ({
    page,
    k8s,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    const list = templatesOf(before, hcoVersion) ?? [];
    expect(list.some((t) => t.metadata.name === 'rhel9-image-cron')).toBe(false);
    await page.goto(PAGE);
    await openAction(page, 'rhel9-image-cron', 'Disable');
    const dialog = page.getByRole('dialog', { name: /Disable boot source rhel9-image-cron/ });
    await expect(dialog).toContainText('SSP deletes its DataImportCron');
    const patch = await patchPreview(page);
    expect(patch[0]).toEqual({ op: 'test', path: listPath(hcoVersion), value: list });
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Saved the change to rhel9-image-cron.')).toBeVisible();

    const disabled = await getHco(k8s, hcoVersion);
    const after = templatesOf(disabled, hcoVersion) ?? [];
    // Every earlier entry byte for byte, plus the minimal disable entry.
    expect(after.slice(0, list.length)).toEqual(list);
    expect(after).toHaveLength(list.length + 1);
    expect(after[list.length].metadata.name).toBe('rhel9-image-cron');
    expect(after[list.length].metadata.annotations?.[ENABLE]).toBe('false');
    expect(after[list.length].spec).toBeUndefined();
    expect(otherSpec(disabled, hcoVersion)).toEqual(otherSpec(before, hcoVersion));
    await expect(row(page, 'rhel9-image-cron')).toContainText('Disabled');

    await openAction(page, 'rhel9-image-cron', 'Enable');
    await page.getByRole('dialog').getByRole('button', { name: 'Enable', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    const enabled = await getHco(k8s, hcoVersion);
    expect(enabled.spec).toEqual(before.spec);
    await expect(row(page, 'rhel9-image-cron')).not.toContainText('Disabled');
  });

  test('turns all system-defined updates off with the consequences stated, and on again @hco-write', async ({
    page,
    k8s,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    await page.goto(PAGE);
    await toggleAutomaticUpdates(page);
    const dialog = page.getByRole('dialog', { name: /Turn off automatic updates/ });
    await expect(dialog).toContainText('Custom boot sources are not affected.');
    await expect(dialog).toContainText('Images already imported stay until they are deleted');
    expect(await patchPreview(page)).toEqual([
      { op: 'test', path: hcoPointer(hcoVersion, 'enableCommonBootImageImport'), value: true },
      { op: 'replace', path: hcoPointer(hcoVersion, 'enableCommonBootImageImport'), value: false },
    ]);
    await dialog.getByRole('button', { name: 'Turn off' }).click();
    await expect(dialog).toBeHidden();
    const off = await getHco(k8s, hcoVersion);
    expect(hcoValue(off, hcoVersion, 'enableCommonBootImageImport')).toBe(false);
    expect(hcoWithout(off, hcoVersion, 'enableCommonBootImageImport')).toEqual(
      hcoWithout(before, hcoVersion, 'enableCommonBootImageImport'),
    );
    await expect(page.getByText('System-defined boot sources are off')).toBeVisible();
    // Custom sources stay.
    await expect(row(page, 'tools-image-cron')).toBeVisible();
    await expect(row(page, 'centos-stream9-image-cron')).toHaveCount(0);

    await toggleAutomaticUpdates(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Turn on' }).click();
    await expect(row(page, 'centos-stream9-image-cron')).toBeVisible();
    expect((await getHco(k8s, hcoVersion)).spec).toEqual(before.spec);
  });

  test('two windows change the list at once: both changes land @hco-write', async ({
    page,
    context,
    k8s,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    await page.goto(PAGE);
    await openAction(page, 'rhel9-image-cron', 'Disable');
    await expect(page.getByRole('dialog')).toBeVisible();

    const other = await context.newPage();
    await other.goto(PAGE);
    await openAction(other, 'fedora-image-cron', 'Disable');
    await other.getByRole('dialog').getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(other.getByRole('dialog')).toBeHidden();
    await other.close();

    await page.bringToFront();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    const after = await getHco(k8s, hcoVersion);
    const names = (templatesOf(after, hcoVersion) ?? []).map((t) => t.metadata.name);
    expect(names).toEqual([
      ...(templatesOf(before, hcoVersion) ?? []).map((t) => t.metadata.name),
      'fedora-image-cron',
      'rhel9-image-cron',
    ]);
    expect(otherSpec(after, hcoVersion)).toEqual(otherSpec(before, hcoVersion));
  });

  test('a change confirmed on a stale view is re-applied on the latest list, losing nothing @hco-write', async ({
    page,
    k8s,
    sim,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    await page.goto(PAGE);
    await openAction(page, 'rhel9-image-cron', 'Disable');
    await expect(page.getByRole('dialog')).toBeVisible();
    // The page stops hearing about the HyperConverged (its list and watch stall), then someone adds an entry.
    await sim.fault({ method: 'GET', pathRegex: '/hyperconvergeds(\\?|$)', latencyMs: 60_000 });
    await sim.fault({ pathRegex: '/hyperconvergeds\\?.*watch', dropWatches: true, times: 1 });
    const extra = { metadata: { name: 'fedora-image-cron', annotations: { [ENABLE]: 'false' } } };
    await k8s.patch(hcoObjectPath(hcoVersion), [
      { op: 'test', path: listPath(hcoVersion), value: templatesOf(before, hcoVersion) },
      { op: 'add', path: `${listPath(hcoVersion)}/-`, value: extra },
    ]);
    // The preview still tests the list the page saw: the server refuses it, the page reads the object again and
    // applies "disable rhel9" to the fresh list.
    const stale = await patchPreview(page);
    expect(stale[0].value).toEqual(templatesOf(before, hcoVersion));
    await page.getByRole('dialog').getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByText(/your change was applied to the latest version/)).toBeVisible();
    const names = (templatesOf(await getHco(k8s, hcoVersion), hcoVersion) ?? []).map((t) => t.metadata.name);
    expect(names.slice(-2)).toEqual(['fedora-image-cron', 'rhel9-image-cron']);
  });

  test('shows a rejected write verbatim and changes nothing @hco-write', async ({
    page,
    k8s,
    sim,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    await sim.fault({
      method: 'PATCH',
      pathRegex: 'hyperconvergeds/kubevirt-hyperconverged',
      status: 400,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'BadRequest',
        code: 400,
        message:
          'admission webhook "validate-hco.kubevirt.io" denied the request: rhel9-image-cron DataImportCronTable is already defined',
      },
    });
    await page.goto(PAGE);
    await openAction(page, 'rhel9-image-cron', 'Disable');
    await page.getByRole('dialog').getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(page.getByRole('dialog')).toContainText(
      'rhel9-image-cron DataImportCronTable is already defined',
    );
    expect((await getHco(k8s, hcoVersion)).spec).toEqual(before.spec);
  });

  test('a viewer sees everything read-only, with the reason', async ({ page, consoleUI }) => {
    await page.goto(PAGE);
    await consoleUI.switchUser('viewer');
    await page.goto(PAGE);
    await expect(page.getByRole('table', { name: 'Boot sources' })).toBeVisible();
    await expect(page.getByText('Read-only')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Actions for / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add boot source' })).toHaveCount(0);
    await expect(
      page.getByRole('switch', { name: 'Automatic updates of system-defined boot sources' }),
    ).toBeDisabled();
  });

  test('an unreadable DataImportCron list is shown as an error, never as "no boot sources"', async ({
    page,
    sim,
  }) => {
    await sim.fault({ method: 'GET', pathRegex: '/dataimportcrons', status: 500 });
    await page.goto(PAGE);
    await expect(page.getByText('Could not load the boot sources')).toBeVisible();
    await expect(page.getByText('No boot sources')).toHaveCount(0);
  });

  test('an unreadable HyperConverged is shown as an error under the page title', async ({ page, sim }) => {
    await sim.fault({ method: 'GET', pathRegex: '/hyperconvergeds', status: 500 });
    await page.goto(PAGE);
    await expect(page.getByRole('heading', { level: 1, name: 'Boot sources' })).toBeVisible();
    await expect(page.getByText('Could not load the HyperConverged resource')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Boot sources' })).toHaveCount(0);
  });

  test('keeps up after its watches are dropped @hco-write', async ({ page, k8s, sim, hcoVersion }) => {
    await page.goto(PAGE);
    await expect(row(page, 'rhel9-image-cron')).not.toContainText('Disabled');
    await sim.fault({ pathRegex: 'watch', dropWatches: true, times: 3 });
    const hco = await getHco(k8s, hcoVersion);
    await k8s.patch(hcoObjectPath(hcoVersion), [
      { op: 'test', path: listPath(hcoVersion), value: templatesOf(hco, hcoVersion) },
      {
        op: 'add',
        path: `${listPath(hcoVersion)}/-`,
        value: { metadata: { name: 'rhel9-image-cron', annotations: { [ENABLE]: 'false' } } },
      },
    ]);
    await expect(row(page, 'rhel9-image-cron')).toContainText('Disabled');
  });
});
