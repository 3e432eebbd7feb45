import type { Locator, Page } from '@playwright/test';
import { expect, PATHS, test, type K8sClient, type K8sObject } from './fixtures';
import {
  getHco as readHco,
  hcoPointer,
  hcoValue,
  hcoWithout,
  writesScreenshots,
  type HcoVersion,
} from './hco-version';

const PAGE = '/virtualization-storage/settings';
// The demo seed: global "0.08" and an override "0.1" for nfs-csi.
const SEED = { global: '0.08', storageClass: { 'nfs-csi': '0.1' } };
const CLASS = 'gp3-csi';

interface Overhead {
  global?: string;
  storageClass?: Record<string, string>;
}
interface CDIConfig extends K8sObject {
  status?: { filesystemOverhead?: Overhead };
}

const getHco = (k8s: K8sClient, version: HcoVersion) => readHco(k8s, version);
/** filesystemOverhead wherever the version keeps it (v1: spec.storage.filesystemOverhead). */
const overheadOf = (hc: K8sObject, version: HcoVersion) =>
  hcoValue<Overhead | undefined>(hc, version, 'filesystemOverhead');
const applied = async (k8s: K8sClient) =>
  (await k8s.get<CDIConfig>(`${PATHS.cdiConfigs}/config`)).status?.filesystemOverhead;

const openPage = async (page: Page) => {
  await page.goto(PAGE);
  // The page waits for four watches; on a busy host that can take a while.
  await expect(page.getByRole('heading', { level: 1, name: 'Storage settings' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole('heading', { level: 2, name: 'Filesystem overhead' })).toBeVisible();
};
const section = (page: Page): Locator =>
  page.getByRole('region', { name: 'Filesystem overhead', exact: true });
const globalInput = (s: Locator) => s.getByRole('textbox', { name: 'Global overhead', exact: true });
const classInput = (s: Locator, name: string) =>
  s.getByRole('textbox', { name: `Override for ${name}`, exact: true });
const save = (s: Locator) => s.getByRole('button', { name: 'Save', exact: true });
const preview = async (s: Locator) =>
  JSON.parse((await s.getByRole('region', { name: 'JSON patch that will be sent' }).textContent()) ?? '[]');

/** Records the write requests the page sends. */
const recordWrites = (page: Page) => {
  const sent: string[] = [];
  page.on('request', (r) => {
    if (['PATCH', 'PUT', 'POST', 'DELETE'].includes(r.method())) sent.push(`${r.method()} ${r.url()}`);
  });
  return sent;
};

test.describe('Storage settings: filesystem overhead', () => {
  // CDI applies each save through HCO and the config controller; the page holds four watches.
  test.slow();

  test('sets the global value and a class override: only those keys change, CDI applies them @hco-write', async ({
    page,
    k8s,
    consoleUI,
    hcoVersion,
  }) => {
    const fo = hcoPointer(hcoVersion, 'filesystemOverhead');
    const before = await getHco(k8s, hcoVersion);
    expect(overheadOf(before, hcoVersion)).toEqual(SEED);
    const classes = (await k8s.list(PATHS.storageClasses)).map((c) => c.metadata.name as string);
    await openPage(page);
    const s = section(page);

    // Configured next to applied, for the global value and every class.
    await expect(s.getByTestId('vsp-overhead-global-configured')).toHaveText('8 % (0.08)');
    await expect(s.getByTestId('vsp-overhead-global-applied')).toContainText('8 % (0.08)');
    for (const name of classes) {
      await expect(s.getByTestId(`vsp-overhead-row-${name}`)).toBeVisible();
    }
    await expect(s.getByTestId('vsp-overhead-applied-nfs-csi')).toHaveText('10 % (0.1)');
    await expect(s.getByTestId(`vsp-overhead-applied-${CLASS}`)).toHaveText('8 % (0.08)');
    await expect(s.getByTestId(`vsp-overhead-notes-${CLASS}`)).toContainText('No override');
    await expect(globalInput(s)).toHaveValue('8');
    await expect(classInput(s, 'nfs-csi')).toHaveValue('10');

    await globalInput(s).fill('5.5');
    await classInput(s, CLASS).fill('12.5');
    expect(await preview(s)).toEqual([
      { op: 'test', path: `${fo}/global`, value: '0.08' },
      { op: 'test', path: `${fo}/storageClass/${CLASS}`, value: null },
      { op: 'replace', path: `${fo}/global`, value: '0.055' },
      { op: 'add', path: `${fo}/storageClass/${CLASS}`, value: '0.125' },
    ]);
    await consoleUI.expectNoA11yViolations();
    await s.scrollIntoViewIfNeeded();
    if (writesScreenshots(hcoVersion)) await consoleUI.saveScreenshots('storage-settings-overhead');

    await save(s).click();
    await expect(s.getByText('Filesystem overhead saved. HCO copies it to CDI shortly.')).toBeVisible();
    const after = await getHco(k8s, hcoVersion);
    expect(overheadOf(after, hcoVersion)).toEqual({
      global: '0.055',
      storageClass: { 'nfs-csi': '0.1', [CLASS]: '0.125' },
    });
    expect(hcoWithout(after, hcoVersion, 'filesystemOverhead'), 'nothing else in the spec changed').toEqual(
      hcoWithout(before, hcoVersion, 'filesystemOverhead'),
    );

    // HCO copies it to CDI; CDI applies it to every class in CDIConfig.status.
    await expect
      .poll(async () => applied(k8s), { message: 'CDI applies the new values' })
      .toEqual({
        global: '0.055',
        storageClass: Object.fromEntries(
          classes.map((n) => [n, n === CLASS ? '0.125' : n === 'nfs-csi' ? '0.1' : '0.055']),
        ),
      });
    await expect(s.getByTestId('vsp-overhead-global-applied')).toContainText('5.5 % (0.055)');
    await expect(s.getByTestId(`vsp-overhead-applied-${CLASS}`)).toHaveText('12.5 % (0.125)');
    await expect(s.getByTestId(`vsp-overhead-configured-${CLASS}`)).toHaveText('Saved: 12.5 % (0.125)');

    // The calculator for that class: CDI v1.65.0 arithmetic.
    await s.getByLabel('Storage class', { exact: true }).selectOption(CLASS);
    await s.getByRole('textbox', { name: 'PVC size' }).fill('10Gi');
    await s.getByRole('textbox', { name: 'VM disk size' }).fill('10Gi');
    // ceil(10737418240 / 1.125) = 9544371769 → 9102 MiB; ceil(10737418240 × 1.125) = 12079595520.
    await expect(s.getByTestId('vsp-overhead-calc-usable')).toContainText('9544138752 bytes');
    await expect(s.getByTestId('vsp-overhead-calc-needed')).toContainText('12079595520 bytes');
  });

  test('removes an override: only that key goes, the class follows the global value @hco-write', async ({
    page,
    k8s,
    hcoVersion,
  }) => {
    const fo = hcoPointer(hcoVersion, 'filesystemOverhead');
    const before = await getHco(k8s, hcoVersion);
    await openPage(page);
    const s = section(page);
    await s.getByRole('button', { name: 'Remove the override for nfs-csi' }).click();
    await expect(s.getByTestId('vsp-overhead-row-nfs-csi')).toContainText('Override to be removed');
    expect(await preview(s)).toEqual([
      { op: 'test', path: `${fo}/storageClass/nfs-csi`, value: '0.1' },
      { op: 'remove', path: `${fo}/storageClass/nfs-csi` },
    ]);
    await save(s).click();
    await expect(s.getByText('Filesystem overhead saved. HCO copies it to CDI shortly.')).toBeVisible();
    const after = await getHco(k8s, hcoVersion);
    expect(overheadOf(after, hcoVersion)).toEqual({ global: '0.08', storageClass: {} });
    expect(hcoWithout(after, hcoVersion, 'filesystemOverhead')).toEqual(
      hcoWithout(before, hcoVersion, 'filesystemOverhead'),
    );
    await expect.poll(async () => (await applied(k8s))?.storageClass?.['nfs-csi']).toBe('0.08');
    await expect(s.getByTestId('vsp-overhead-applied-nfs-csi')).toHaveText('8 % (0.08)');
    await expect(s.getByTestId('vsp-overhead-configured-nfs-csi')).toHaveText('No override');
  });

  test('refuses bad input at the field and sends nothing', async ({ page, k8s, hcoVersion }) => {
    const before = await getHco(k8s, hcoVersion);
    await openPage(page);
    const sent = recordWrites(page);
    const s = section(page);
    for (const [value, message] of [
      ['0.0555', /At most one decimal/],
      ['101', /At most 100 %/],
      ['abc', /Enter a percentage from 0 to 100/],
      ['-1', /cannot be negative/],
    ] as const) {
      for (const input of [globalInput(s), classInput(s, CLASS)]) {
        await input.fill(value);
        await expect(input).toHaveAttribute('aria-invalid', 'true');
        await expect(s.getByText(message).first()).toBeVisible();
        await expect(save(s)).toBeDisabled();
        await expect(s.getByRole('region', { name: 'JSON patch that will be sent' })).toHaveCount(0);
        await input.press('Enter');
      }
    }
    expect(sent).toEqual([]);
    expect((await getHco(k8s, hcoVersion)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  test('shows an HCO webhook rejection verbatim and keeps the edit @hco-write', async ({
    page,
    k8s,
    sim,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    const message =
      'admission webhook "validate-hco.kubevirt.io" denied the request: failed to update CDI: filesystemOverhead rejected';
    await sim.fault({
      method: 'PATCH',
      pathRegex: '/hyperconvergeds/kubevirt-hyperconverged(\\?|$)',
      status: 400,
      body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 400, reason: 'BadRequest', message },
      times: 1,
    });
    await openPage(page);
    const s = section(page);
    await globalInput(s).fill('7');
    await save(s).click();
    await expect(s.getByText('Could not save the filesystem overhead')).toBeVisible();
    await expect(s.getByText(message)).toBeVisible();
    await expect(globalInput(s)).toHaveValue('7');
    expect(overheadOf(await getHco(k8s, hcoVersion), hcoVersion)).toEqual(overheadOf(before, hcoVersion));
  });

  test('shows a viewer every value and no enabled write control', async ({
    page,
    k8s,
    consoleUI,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    await openPage(page);
    await consoleUI.switchUser('viewer');
    const s = section(page);
    await expect(s.getByTestId('vsp-overhead-global-configured')).toHaveText('8 % (0.08)');
    await expect(s.getByTestId('vsp-overhead-applied-nfs-csi')).toHaveText('10 % (0.1)');
    await expect(globalInput(s)).toBeDisabled();
    await expect(globalInput(s)).toHaveValue('8');
    await expect(classInput(s, 'nfs-csi')).toBeDisabled();
    await expect(classInput(s, CLASS)).toBeDisabled();
    await expect(s.getByRole('button', { name: 'Remove the override for nfs-csi' })).toBeDisabled();
    await expect(s.getByRole('button', { name: 'Use the CDI default' })).toBeDisabled();
    await expect(save(s)).toBeDisabled();
    await consoleUI.expectNoA11yViolations();
    expect((await getHco(k8s, hcoVersion)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });
});
