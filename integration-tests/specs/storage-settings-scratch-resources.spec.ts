import type { Page, Request } from '@playwright/test';
import { expect, PATHS, test, type K8sClient, type K8sObject } from './fixtures';
import {
  getHco,
  hcoPointer,
  hcoValue,
  hcoWithout,
  setHcoField,
  writesScreenshots,
  type HcoVersion,
} from './hco-version';

const PAGE = '/virtualization-storage/settings';
const CDI_CONFIG = `${PATHS.cdiConfigs}/config`;

interface CDIConfig extends K8sObject {
  status?: { scratchSpaceStorageClass?: string; defaultPodResourceRequirements?: unknown };
}

const scratchOf = (hc: K8sObject, v: HcoVersion) =>
  hcoValue<string | undefined>(hc, v, 'scratchSpaceStorageClass');
const workloadsOf = (hc: K8sObject, v: HcoVersion) =>
  hcoValue<{ limits: Record<string, string>; requests: Record<string, string> }>(hc, v, 'storageWorkloads');
const getConfig = (k8s: K8sClient) => k8s.get<CDIConfig>(CDI_CONFIG);

const scratch = (page: Page) => page.getByRole('region', { name: 'Scratch space' });
const resources = (page: Page) => page.getByRole('region', { name: 'CDI workload resources' });

/** Records every write the page sends to the HyperConverged. */
const recordHcoWrites = (page: Page) => {
  const writes: Request[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && r.url().includes('/hyperconvergeds/')) writes.push(r);
  });
  return writes;
};

const openPage = async (page: Page) => {
  await page.goto(PAGE);
  await expect(
    scratch(page).getByRole('combobox', { name: 'Storage class for scratch space' }),
  ).toBeEnabled();
};

test.describe('Storage settings: scratch space and CDI workload resources', () => {
  test('sets a scratch class: only that key changes, CDI applies it @hco-write', async ({
    page,
    k8s,
    consoleUI,
    hcoVersion,
  }) => {
    const path = hcoPointer(hcoVersion, 'scratchSpaceStorageClass');
    const before = await getHco(k8s, hcoVersion);
    expect(scratchOf(before, hcoVersion)).toBe('ocs-storagecluster-ceph-rbd');
    await openPage(page);
    const section = scratch(page);
    await expect(section.getByTestId('vsp-scratch-configured')).toHaveText('ocs-storagecluster-ceph-rbd');
    await expect(section.getByTestId('vsp-scratch-applied')).toHaveText('ocs-storagecluster-ceph-rbd');
    await expect(section.getByTestId('vsp-scratch-why')).toContainText('CDI applies the configured class');
    // The operations matrix: the documentation's, corrected by CDI's code where they differ.
    const matrix = section.getByRole('table', { name: 'Which imports need scratch space' });
    await expect(matrix.getByRole('row', { name: /^Registry/ })).toContainText('QCOW2: needs scratch space');
    await expect(matrix.getByRole('row', { name: /^Upload/ })).toContainText('□ TAR: not supported');
    await expect(matrix.getByRole('row', { name: /^HTTPS/ })).toContainText(
      'QCOW2: only if the server lacks range requests (docs: needs scratch with a custom CA)',
    );
    await expect(matrix.getByRole('row', { name: /^HTTP basic authentication/ })).toContainText(
      'TAR: needs scratch space (docs: needs none)',
    );

    await section
      .getByRole('combobox', { name: 'Storage class for scratch space' })
      .selectOption('ocs-storagecluster-cephfs');
    const preview = section.getByRole('region', { name: 'JSON patch that will be sent' });
    expect(JSON.parse((await preview.textContent()) ?? '[]')).toEqual([
      { op: 'test', path, value: 'ocs-storagecluster-ceph-rbd' },
      { op: 'replace', path, value: 'ocs-storagecluster-cephfs' },
    ]);
    await consoleUI.expectNoA11yViolations();
    await section.getByRole('button', { name: 'Save scratch space class' }).click();
    await expect(section.getByText('Scratch space class set to ocs-storagecluster-cephfs.')).toBeVisible();

    await expect
      .poll(async () => (await getConfig(k8s)).status?.scratchSpaceStorageClass, {
        message: 'CDI applies it',
      })
      .toBe('ocs-storagecluster-cephfs');
    const after = await getHco(k8s, hcoVersion);
    expect(scratchOf(after, hcoVersion)).toBe('ocs-storagecluster-cephfs');
    expect(hcoWithout(after, hcoVersion, 'scratchSpaceStorageClass')).toEqual(
      hcoWithout(before, hcoVersion, 'scratchSpaceStorageClass'),
    );
    await expect(section.getByTestId('vsp-scratch-applied')).toHaveText('ocs-storagecluster-cephfs');
    await section.scrollIntoViewIfNeeded();
    if (writesScreenshots(hcoVersion)) await consoleUI.saveScreenshots('storage-settings-scratch');

    // Unset removes the field; CDI then applies "" and each import uses its target's class.
    await section.getByRole('combobox', { name: 'Storage class for scratch space' }).selectOption('');
    await expect(section.getByRole('region', { name: 'JSON patch that will be sent' })).toContainText(
      '"op": "remove"',
    );
    await section.getByRole('button', { name: 'Save scratch space class' }).click();
    await expect(section.getByText('Scratch space class removed.')).toBeVisible();
    await expect.poll(async () => (await getConfig(k8s)).status?.scratchSpaceStorageClass).toBe('');
    expect(scratchOf(await getHco(k8s, hcoVersion), hcoVersion)).toBeUndefined();
    await expect(section.getByTestId('vsp-scratch-why')).toContainText('each import or upload creates');
  });

  test('a class that does not exist is explained; a Block-only class is warned @hco-write', async ({
    page,
    k8s,
    hcoVersion,
  }) => {
    await setHcoField(k8s, hcoVersion, 'scratchSpaceStorageClass', 'no-such-class');
    await expect.poll(async () => (await getConfig(k8s)).status?.scratchSpaceStorageClass).toBe('');
    await openPage(page);
    const section = scratch(page);
    await expect(section.getByTestId('vsp-scratch-configured')).toHaveText('no-such-class');
    await expect(section.getByTestId('vsp-scratch-applied')).toHaveText('None ("")');
    await expect(section.getByTestId('vsp-scratch-why')).toContainText(
      'No StorageClass named no-such-class exists, so CDI ignores the setting',
    );
    const picker = section.getByRole('combobox', { name: 'Storage class for scratch space' });
    await expect(picker).toHaveValue('no-such-class');
    await expect(picker.locator('option:checked')).toHaveText('no-such-class (does not exist)');

    await picker.selectOption('local-block');
    await expect(
      section.getByText(/The StorageProfile of local-block offers only Block volumes/),
    ).toBeVisible();
    await expect(section.getByText(/local-block has no dynamic provisioner/)).toBeVisible();
    await expect(section.getByText(/local-block binds volumes WaitForFirstConsumer/)).toBeVisible();
  });

  test('workload resources: bad values refused at the field, good ones saved key by key @hco-write', async ({
    page,
    k8s,
    consoleUI,
    hcoVersion,
  }) => {
    const before = await getHco(k8s, hcoVersion);
    const writes = recordHcoWrites(page);
    await openPage(page);
    const section = resources(page);
    const table = section.getByRole('table', { name: 'CDI workload resources: configured and applied' });
    await expect(table.getByRole('row', { name: /^CPU limit/ })).toContainText(
      'CDI applies the configured value',
    );

    const cpuLimit = section.getByRole('textbox', { name: 'CPU limit' });
    const memLimit = section.getByRole('textbox', { name: 'Memory limit' });
    const cpuRequest = section.getByRole('textbox', { name: 'CPU request' });
    const memRequest = section.getByRole('textbox', { name: 'Memory request' });
    const save = section.getByRole('button', { name: 'Save workload resources' });
    await expect(cpuLimit).toHaveValue('1');

    await memLimit.fill('10gi');
    await expect(section.getByText(/Unknown unit\. Use Ki, Mi, Gi/)).toBeVisible();
    await expect(memLimit).toHaveAttribute('aria-invalid', 'true');
    await memLimit.fill('500m');
    await expect(section.getByText(/The m unit means thousandths/)).toBeVisible();
    await memLimit.fill('3Gi');
    await cpuRequest.fill('1500m');
    await expect(
      section.getByText('Above the limit (1). Kubernetes refuses a pod whose request is above its limit.'),
    ).toBeVisible();
    await expect(save).toBeDisabled();
    await cpuRequest.press('Enter');
    await expect(section.getByText('Fix the values marked above: nothing is sent until then')).toBeVisible();
    // Clearing the limit compares with CDI's default limit.
    await cpuLimit.fill('');
    await expect(section.getByText(/Above the limit the pods get \(750m, CDI's default/)).toBeVisible();
    await expect(save).toBeDisabled();
    expect(writes, 'nothing was sent').toEqual([]);
    expect((await getHco(k8s, hcoVersion)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);

    await cpuLimit.fill('2');
    await cpuRequest.fill('500m');
    const preview = section.getByRole('region', { name: 'JSON patch that will be sent' });
    const base = hcoPointer(hcoVersion, 'storageWorkloads');
    expect(JSON.parse((await preview.textContent()) ?? '[]')).toEqual([
      { op: 'test', path: `${base}/limits/cpu`, value: '1' },
      { op: 'test', path: `${base}/limits/memory`, value: '2Gi' },
      { op: 'test', path: `${base}/requests/cpu`, value: '250m' },
      { op: 'replace', path: `${base}/limits/cpu`, value: '2' },
      { op: 'replace', path: `${base}/limits/memory`, value: '3Gi' },
      { op: 'replace', path: `${base}/requests/cpu`, value: '500m' },
    ]);
    await save.click();
    await expect(section.getByText('CDI workload resources saved.', { exact: false })).toBeVisible();
    const expected = { limits: { cpu: '2', memory: '3Gi' }, requests: { cpu: '500m', memory: '1Gi' } };
    await expect
      .poll(async () => (await getConfig(k8s)).status?.defaultPodResourceRequirements)
      .toEqual(expected);
    const after = await getHco(k8s, hcoVersion);
    expect(workloadsOf(after, hcoVersion)).toEqual(expected);
    expect(hcoWithout(after, hcoVersion, 'storageWorkloads')).toEqual(
      hcoWithout(before, hcoVersion, 'storageWorkloads'),
    );
    await expect(table.getByRole('row', { name: /^Memory limit/ })).toContainText('3Gi');

    // Clearing a field removes only that key; CDI applies its default again.
    await memRequest.fill('');
    await expect(preview).toContainText('"op": "remove"');
    await save.click();
    await expect
      .poll(async () => (await getConfig(k8s)).status?.defaultPodResourceRequirements)
      .toEqual({ limits: { cpu: '2', memory: '3Gi' }, requests: { cpu: '500m', memory: '60M' } });
    await expect(table.getByRole('row', { name: /^Memory request/ })).toContainText(
      'Not set: CDI applies its default, 60M.',
    );
    expect(workloadsOf(await getHco(k8s, hcoVersion), hcoVersion)).toEqual({
      limits: { cpu: '2', memory: '3Gi' },
      requests: { cpu: '500m' },
    });
    await consoleUI.expectNoA11yViolations();
    await section.scrollIntoViewIfNeeded();
    if (writesScreenshots(hcoVersion)) await consoleUI.saveScreenshots('storage-settings-resources');
  });

  test('a rejection by the server is shown verbatim @hco-write', async ({ page, sim }) => {
    const message =
      'admission webhook "validate-hco.kubevirt.io" denied the request: CDI.cdi.kubevirt.io "cdi-kubevirt-hyperconverged" is invalid: spec.config.podResourceRequirements: Invalid value';
    await sim.fault({
      method: 'PATCH',
      pathRegex: 'hyperconvergeds/kubevirt-hyperconverged',
      status: 400,
      body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason: 'BadRequest', code: 400 },
      times: 1,
    });
    await openPage(page);
    const section = resources(page);
    await section.getByRole('textbox', { name: 'CPU limit' }).fill('3');
    await section.getByRole('button', { name: 'Save workload resources' }).click();
    await expect(section.getByText('Could not save the CDI workload resources')).toBeVisible();
    await expect(section.getByText(message)).toBeVisible();
  });

  test('two windows edit the two sections at the same time: both changes survive @hco-write', async ({
    page,
    context,
    k8s,
    hcoVersion,
  }) => {
    test.slow(); // two console windows load the plugin
    const before = await getHco(k8s, hcoVersion);
    const other = await context.newPage();
    await openPage(page);
    await openPage(other);
    // Window A sets the scratch class and saves.
    await other.bringToFront();
    await scratch(other)
      .getByRole('combobox', { name: 'Storage class for scratch space' })
      .selectOption('ocs-storagecluster-cephfs');
    await scratch(other).getByRole('button', { name: 'Save scratch space class' }).click();
    await expect(
      scratch(other).getByText('Scratch space class set to ocs-storagecluster-cephfs.'),
    ).toBeVisible();
    // Window B, opened before A saved, changes a resource value and saves: its guard tests only that key.
    await page.bringToFront();
    await resources(page).getByRole('textbox', { name: 'Memory limit' }).fill('4Gi');
    await expect(
      resources(page).getByRole('region', { name: 'JSON patch that will be sent' }),
    ).not.toContainText('scratchSpaceStorageClass');
    await resources(page).getByRole('button', { name: 'Save workload resources' }).click();
    await expect(resources(page).getByText('CDI workload resources saved.', { exact: false })).toBeVisible();
    await expect(resources(page).getByText(/nothing was saved/)).toHaveCount(0);

    const after = await getHco(k8s, hcoVersion);
    expect(scratchOf(after, hcoVersion)).toBe('ocs-storagecluster-cephfs');
    const workloads = workloadsOf(before, hcoVersion);
    expect(workloadsOf(after, hcoVersion)).toEqual({
      ...workloads,
      limits: { ...workloads.limits, memory: '4Gi' },
    });
    // Window A's own section learns of B's change through the watch.
    await other.bringToFront();
    await expect(
      resources(other)
        .getByRole('table', { name: 'CDI workload resources: configured and applied' })
        .getByRole('row', { name: /^Memory limit/ }),
    ).toContainText('4Gi');
  });

  test('viewer: every control is read-only', async ({ page, consoleUI }) => {
    await page.goto(PAGE);
    await consoleUI.switchUser('viewer');
    await expect(scratch(page).getByTestId('vsp-scratch-configured')).toHaveText(
      'ocs-storagecluster-ceph-rbd',
    );
    await expect(
      scratch(page).getByRole('combobox', { name: 'Storage class for scratch space' }),
    ).toBeDisabled();
    await expect(scratch(page).getByRole('button', { name: 'Save scratch space class' })).toBeDisabled();
    for (const name of ['CPU limit', 'Memory limit', 'CPU request', 'Memory request']) {
      await expect(resources(page).getByRole('textbox', { name })).toBeDisabled();
    }
    await expect(resources(page).getByRole('button', { name: 'Save workload resources' })).toBeDisabled();
    await consoleUI.expectNoA11yViolations();
  });
});
