import { annotationsOf, withoutAnnotations } from './k8s-client';
import type { Locator, Page } from '@playwright/test';
import { expect, PATHS, test, type K8sClient, type K8sObject } from './fixtures';
import { getHco, hcoPointer, hcoValue, hcoWithout, type HcoVersion } from './hco-version';

const PAGE = '/virtualization-storage/settings';
const VIRT_OLD = 'ocs-storagecluster-ceph-rbd-virtualization';
const K8S_DEFAULT = 'ocs-storagecluster-ceph-rbd';
const NEW = 'lvms-vg1';
const VIRT = 'storageclass.kubevirt.io/is-default-virt-class';
const SEED_REGISTRY = 'registry.corp.example.com:5000';

interface CDIConfig extends K8sObject {
  spec?: { insecureRegistries?: string[] };
}

const getClass = (k8s: K8sClient, name: string) => k8s.get(`${PATHS.storageClasses}/${name}`);
const registriesOf = (hc: K8sObject, v: HcoVersion) =>
  hcoValue<string[] | undefined>(hc, v, 'insecureRegistries');
/** The HyperConverged spec without the insecure registries. */
const specWithoutRegistries = (hc: K8sObject, v: HcoVersion) => hcoWithout(hc, v, 'insecureRegistries');

const openPage = async (page: Page) => {
  await page.goto(PAGE);
  await expect(page.getByRole('heading', { level: 1, name: 'Storage settings' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Default storage classes' })).toBeVisible();
};
const virtPanel = (page: Page): Locator => page.getByTestId('vsp-default-virt-panel');
const registries = (page: Page): Locator =>
  page.getByRole('region', { name: 'Insecure registries', exact: true });

/** Records the PATCH requests the page sends. */
const recordPatches = (page: Page) => {
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH') sent.push(r.url());
  });
  return sent;
};

test.describe('Storage settings: default classes', () => {
  // A default switch makes CDI move every boot source without its own class: the page gets many events.
  test.slow();

  test('switches the virt default: only the two annotations change', async ({ page, k8s, consoleUI }) => {
    const oldBefore = await getClass(k8s, VIRT_OLD);
    const newBefore = await getClass(k8s, NEW);
    await openPage(page);
    const panel = virtPanel(page);
    await expect(panel.getByTestId('vsp-default-virt-current')).toHaveText(`Now: ${VIRT_OLD}`);
    await expect(page.getByTestId('vsp-default-k8s-current')).toHaveText(`Now: ${K8S_DEFAULT}`);
    await panel.getByLabel('New default for virtualization').selectOption(NEW);
    await expect(panel.getByText(new RegExp(`go to ${NEW} instead of ${VIRT_OLD}`))).toBeVisible();
    const previews = panel.getByRole('region', { name: 'JSON patch that will be sent' });
    await expect(previews).toHaveCount(3);
    const second = JSON.parse((await previews.nth(1).textContent()) ?? '[]');
    expect(second).toEqual([
      {
        op: 'test',
        path: '/metadata/annotations/storageclass.kubevirt.io~1is-default-virt-class',
        value: 'true',
      },
      {
        op: 'replace',
        path: '/metadata/annotations/storageclass.kubevirt.io~1is-default-virt-class',
        value: 'false',
      },
    ]);
    await consoleUI.expectNoA11yViolations();
    await consoleUI.saveScreenshots('storage-settings-classes');

    await panel.getByRole('button', { name: 'Switch default for virtualization' }).click();
    await expect(panel.getByText(`${NEW} is now the default for virtualization`)).toBeVisible();
    await expect(panel.getByText(`Step 1 (${NEW}): Done`)).toBeVisible();
    await expect(panel.getByText(`Step 2 (${VIRT_OLD}): Done`)).toBeVisible();

    const oldAfter = await getClass(k8s, VIRT_OLD);
    const newAfter = await getClass(k8s, NEW);
    expect(withoutAnnotations(oldAfter)).toEqual(withoutAnnotations(oldBefore));
    expect(withoutAnnotations(newAfter)).toEqual(withoutAnnotations(newBefore));
    expect(annotationsOf(oldAfter)).toEqual({ ...annotationsOf(oldBefore), [VIRT]: 'false' });
    expect(annotationsOf(newAfter)).toEqual({ ...annotationsOf(newBefore), [VIRT]: 'true' });
    await expect(panel.getByTestId('vsp-default-virt-current')).toHaveText(`Now: ${NEW}`);
  });

  test('several virt defaults: a warning, and "Keep only" unsets the others', async ({ page, k8s }) => {
    await k8s.mergePatch(`${PATHS.storageClasses}/${NEW}`, { metadata: { annotations: { [VIRT]: 'true' } } });
    await k8s.mergePatch(`${PATHS.storageClasses}/nfs-csi`, {
      metadata: { annotations: { [VIRT]: 'true' } },
    });
    await openPage(page);
    const panel = virtPanel(page);
    const warning = panel.getByTestId('vsp-default-virt-several');
    await expect(warning).toContainText('3 classes are marked as default for virtualization');
    await expect(warning).toContainText('CDIMultipleDefaultVirtStorageClasses');
    await page.getByTestId('vsp-default-virt-several').scrollIntoViewIfNeeded();
    await warning.getByRole('button', { name: `Keep only ${VIRT_OLD}` }).click();
    await expect(panel.getByText(`${VIRT_OLD} is now the default for virtualization`)).toBeVisible();
    await expect(panel.getByTestId('vsp-default-virt-several')).toHaveCount(0);
    await expect(panel.getByTestId('vsp-default-virt-current')).toHaveText(`Now: ${VIRT_OLD}`);
    expect(annotationsOf(await getClass(k8s, VIRT_OLD))[VIRT]).toBe('true');
    expect(annotationsOf(await getClass(k8s, NEW))[VIRT]).toBe('false');
    expect(annotationsOf(await getClass(k8s, 'nfs-csi'))[VIRT]).toBe('false');
  });
});

test.describe('Storage settings: insecure registries', () => {
  test('adds and removes a registry: only that key of the HyperConverged changes @hco-write', async ({
    page,
    k8s,
    hcoVersion,
  }) => {
    const path = hcoPointer(hcoVersion, 'insecureRegistries');
    const before = await getHco(k8s, hcoVersion);
    expect(registriesOf(before, hcoVersion)).toEqual([SEED_REGISTRY]);
    await openPage(page);
    const section = registries(page);
    await expect(section.getByText('TLS is not verified for these registries')).toBeVisible();
    await expect(section.getByTestId('vsp-insecure-registries-applied')).toContainText(SEED_REGISTRY);

    await section.getByLabel('Add a registry').fill('mirror.lab.example.com:8443');
    await section.getByRole('button', { name: 'Add', exact: true }).click();
    const preview = JSON.parse(
      (await section.getByRole('region', { name: 'JSON patch that will be sent' }).textContent()) ?? '[]',
    );
    expect(preview).toEqual([
      { op: 'test', path, value: [SEED_REGISTRY] },
      {
        op: 'replace',
        path,
        value: [SEED_REGISTRY, 'mirror.lab.example.com:8443'],
      },
    ]);
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(
      section.getByText('Insecure registries saved. HCO copies them to CDI shortly.'),
    ).toBeVisible();
    const added = await getHco(k8s, hcoVersion);
    expect(registriesOf(added, hcoVersion)).toEqual([SEED_REGISTRY, 'mirror.lab.example.com:8443']);
    expect(specWithoutRegistries(added, hcoVersion)).toEqual(specWithoutRegistries(before, hcoVersion));
    // HCO copies it to CDI, and CDI's config controller into CDIConfig: shown as applied.
    await expect(section.getByTestId('vsp-insecure-registries-applied')).toContainText(
      'mirror.lab.example.com:8443',
    );
    await expect
      .poll(async () => (await k8s.get<CDIConfig>(`${PATHS.cdiConfigs}/config`)).spec?.insecureRegistries)
      .toEqual([SEED_REGISTRY, 'mirror.lab.example.com:8443']);

    await section.getByRole('button', { name: `Remove ${SEED_REGISTRY}` }).click();
    await expect(section.getByText('To be removed')).toBeVisible();
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(
      section.getByText('Insecure registries saved. HCO copies them to CDI shortly.'),
    ).toBeVisible();
    const removed = await getHco(k8s, hcoVersion);
    expect(registriesOf(removed, hcoVersion)).toEqual(['mirror.lab.example.com:8443']);
    expect(specWithoutRegistries(removed, hcoVersion)).toEqual(specWithoutRegistries(before, hcoVersion));
  });

  test('refuses bad input without sending anything', async ({ page, k8s, hcoVersion }) => {
    const before = await getHco(k8s, hcoVersion);
    await openPage(page);
    const sent = recordPatches(page);
    const section = registries(page);
    const input = section.getByLabel('Add a registry');
    const add = section.getByRole('button', { name: 'Add', exact: true });
    for (const [value, message] of [
      ['https://registry.example.com', /Leave out the scheme \(https:\/\/\)/],
      ['quay.io/containerdisks/fedora', /Leave out the path/],
      ['registry.example.com:99999', /is not a port/],
      [SEED_REGISTRY, /already in the list/],
    ] as const) {
      await input.fill(value);
      await add.click();
      await expect(section.getByText(message)).toBeVisible();
    }
    await expect(section.getByRole('region', { name: 'JSON patch that will be sent' })).toHaveCount(0);
    await expect(section.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    expect(sent).toEqual([]);
    expect((await getHco(k8s, hcoVersion)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  test('shows a viewer everything read-only', async ({ page, k8s, consoleUI, hcoVersion }) => {
    const hcBefore = await getHco(k8s, hcoVersion);
    await openPage(page);
    await consoleUI.switchUser('viewer');
    await expect(page.getByText(/You are not allowed to patch storageclasses/)).toBeVisible();
    await expect(virtPanel(page).getByLabel('New default for virtualization')).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Switch default for virtualization' })).toBeDisabled();
    const section = registries(page);
    await expect(section.getByLabel('Add a registry')).toBeDisabled();
    await expect(section.getByRole('button', { name: `Remove ${SEED_REGISTRY}` })).toBeDisabled();
    await expect(section.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    expect((await getHco(k8s, hcoVersion)).metadata.resourceVersion).toBe(hcBefore.metadata.resourceVersion);
  });
});
