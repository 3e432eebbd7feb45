import { annotationsOf, withoutAnnotations } from './k8s-client';
import type { Page } from '@playwright/test';
import { expect, PATHS, saveModalScreenshots, test, type K8sClient, type K8sObject } from './fixtures';

const PAGE = '/virtualization-storage/boot-sources';
const OLD = 'ocs-storagecluster-ceph-rbd-virtualization';
const NEW = 'lvms-vg1';
const VIRT = 'storageclass.kubevirt.io/is-default-virt-class';

interface StorageClass extends K8sObject {
  provisioner: string;
  [key: string]: unknown;
}
interface StorageProfile extends K8sObject {
  spec: Record<string, unknown>;
}

const getClass = (k8s: K8sClient, name: string) => k8s.get<StorageClass>(`${PATHS.storageClasses}/${name}`);
const getProfile = (k8s: K8sClient, name: string) =>
  k8s.get<StorageProfile>(`${PATHS.storageProfiles}/${name}`);

const openClassDialog = async (page: Page) => {
  await page.goto(PAGE);
  await expect(page.getByRole('heading', { level: 1, name: 'Boot sources' })).toBeVisible();
  await page.getByRole('button', { name: 'Boot-source storage class', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Boot-source storage class' });
  await expect(dialog).toBeVisible();
  return dialog;
};

test.describe('Boot-source storage class', () => {
  // A default switch makes CDI move every boot source without its own class: the page gets many events.
  test.slow();

  test('switches the virt default to another class: only the two annotations change', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    const oldBefore = await getClass(k8s, OLD);
    const newBefore = await getClass(k8s, NEW);
    expect(annotationsOf(oldBefore)[VIRT]).toBe('true');
    expect(annotationsOf(newBefore)[VIRT]).toBeUndefined();

    const dialog = await openClassDialog(page);
    await expect(
      dialog.getByText(new RegExp(`imported to ${OLD}: it is the default storage class for virtualization`)),
    ).toBeVisible();
    await dialog.getByLabel('Storage class').selectOption(NEW);
    await expect(dialog.getByText(/Ready: boot sources are kept as PVCs/)).toBeVisible();
    // Set the new one, unset the old one, and the undo of the first step: three guarded patches.
    const previews = dialog.getByRole('region', { name: 'JSON patch that will be sent' });
    await expect(previews).toHaveCount(3);
    const first = JSON.parse((await previews.nth(0).textContent()) ?? '[]');
    expect(first[0].op).toBe('test');
    expect(first.at(-1)).toMatchObject({ op: 'add', value: 'true' });
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
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'boot-source-class-switch', { height: 1100 });

    await dialog.getByRole('button', { name: 'Switch default' }).click();
    await expect(dialog.getByText(`${NEW} is now the default for virtualization`)).toBeVisible();
    await expect(dialog.getByText(`Step 1 (${NEW}): Done`)).toBeVisible();
    await expect(dialog.getByText(`Step 2 (${OLD}): Done`)).toBeVisible();

    const oldAfter = await getClass(k8s, OLD);
    const newAfter = await getClass(k8s, NEW);
    expect(withoutAnnotations(oldAfter)).toEqual(withoutAnnotations(oldBefore));
    expect(withoutAnnotations(newAfter)).toEqual(withoutAnnotations(newBefore));
    expect(annotationsOf(oldAfter)).toEqual({ ...annotationsOf(oldBefore), [VIRT]: 'false' });
    expect(annotationsOf(newAfter)).toEqual({ ...annotationsOf(newBefore), [VIRT]: 'true' });
  });

  test('a failing second write puts the old default back', async ({ page, k8s, sim }) => {
    const oldBefore = await getClass(k8s, OLD);
    const newBefore = await getClass(k8s, NEW);
    await sim.fault({
      method: 'PATCH',
      pathRegex: `/storageclasses/${OLD}(\\?|$)`,
      status: 500,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 500,
        reason: 'InternalError',
        message: 'Internal error occurred: etcdserver: request timed out',
      },
      times: 1,
    });

    const dialog = await openClassDialog(page);
    await dialog.getByLabel('Storage class').selectOption(NEW);
    await dialog.getByRole('button', { name: 'Switch default' }).click();
    await expect(
      dialog.getByText(
        `Could not change ${OLD}; the earlier steps were undone and the defaults are as before`,
      ),
    ).toBeVisible();
    await expect(dialog.getByText('Internal error occurred: etcdserver: request timed out')).toBeVisible();
    await expect(dialog.getByText(`Step 1 (${NEW}): Undone`)).toBeVisible();
    await expect(dialog.getByText(`Step 2 (${OLD}): Failed`)).toBeVisible();
    await saveModalScreenshots(page, 'boot-source-class-rolled-back', { height: 1100 });

    const oldAfter = await getClass(k8s, OLD);
    const newAfter = await getClass(k8s, NEW);
    expect(withoutAnnotations(oldAfter)).toEqual(withoutAnnotations(oldBefore));
    expect(annotationsOf(oldAfter)).toEqual(annotationsOf(oldBefore));
    expect(withoutAnnotations(newAfter)).toEqual(withoutAnnotations(newBefore));
    expect(annotationsOf(newAfter)).toEqual(annotationsOf(newBefore));
  });

  test('uses snapshots for boot sources on a class whose driver has a VolumeSnapshotClass', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    const before = await getProfile(k8s, NEW);
    expect(before.spec.dataImportCronSourceFormat).toBeUndefined();
    await page.goto(PAGE);
    const finding = page
      .getByRole('region', { name: 'Cluster-level findings' })
      .locator('.pf-v6-c-alert')
      .filter({ hasText: NEW });
    await finding.getByRole('button', { name: 'Use snapshots for boot sources on this class' }).click();
    const dialog = page.getByRole('dialog', { name: `Use snapshots for boot sources on ${NEW}` });
    await expect(dialog.getByText(/with the VolumeSnapshotClass lvms-vg1/)).toBeVisible();
    const preview = JSON.parse(
      (await dialog.getByRole('region', { name: 'JSON patch that will be sent' }).textContent()) ?? '[]',
    );
    expect(preview).toEqual([
      { op: 'test', path: '/spec/dataImportCronSourceFormat', value: null },
      { op: 'add', path: '/spec/dataImportCronSourceFormat', value: 'snapshot' },
    ]);
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'boot-source-class-snapshots', { height: 1100 });
    await dialog.getByRole('button', { name: 'Use snapshots' }).click();
    await expect(dialog.getByText(`Boot sources on ${NEW} now use snapshots`)).toBeVisible();
    const after = await getProfile(k8s, NEW);
    expect(after.spec).toEqual({ ...before.spec, dataImportCronSourceFormat: 'snapshot' });
  });

  test('explains why not, and offers no write, without a VolumeSnapshotClass for the driver', async ({
    page,
    k8s,
  }) => {
    await k8s.delete(`${PATHS.volumeSnapshotClasses}/lvms-vg1`);
    const before = await getProfile(k8s, NEW);
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Actions for tools-image-cron' }).click();
    await page
      .getByRole('menuitem', { name: 'Use snapshots for boot sources on this class', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: `Use snapshots for boot sources on ${NEW}` });
    await expect(dialog.getByText(`Snapshots are not possible on ${NEW} yet`)).toBeVisible();
    await expect(dialog.getByText(/No VolumeSnapshotClass has driver topolvm.io/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Use snapshots' })).toHaveCount(0);
    await saveModalScreenshots(page, 'boot-source-class-no-snapshot-class', { height: 1100 });
    await dialog.getByRole('contentinfo').getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    expect((await getProfile(k8s, NEW)).spec).toEqual(before.spec);
  });
});
