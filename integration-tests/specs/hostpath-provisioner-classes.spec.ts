import type { Page } from '@playwright/test';
import { annotationsOf } from './k8s-client';
import { expect, PATHS, saveModalScreenshots, test, type K8sClient, type K8sObject } from './fixtures';

const PAGE = '/virtualization-storage/hostpath-provisioner';
const HPP = '/apis/hostpathprovisioner.kubevirt.io/v1beta1/hostpathprovisioners/hostpath-provisioner';
const BASIC = 'hostpath-csi-basic';
const VIRT = 'storageclass.kubevirt.io/is-default-virt-class';
const OLD_VIRT_DEFAULT = 'ocs-storagecluster-ceph-rbd-virtualization';

interface StorageClass extends K8sObject {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
}
interface StorageProfile extends K8sObject {
  spec: Record<string, unknown>;
}

const getClass = (k8s: K8sClient, name: string) => k8s.get<StorageClass>(`${PATHS.storageClasses}/${name}`);
const getProfile = (k8s: K8sClient, name: string) =>
  k8s.get<StorageProfile>(`${PATHS.storageProfiles}/${name}`);

/** The admin's StorageProfile customisation the re-creation must carry over. */
const customiseProfile = async (k8s: K8sClient) => {
  await k8s.patch(`${PATHS.storageProfiles}/${BASIC}`, [
    { op: 'test', path: '/spec/cloneStrategy', value: null },
    { op: 'add', path: '/spec/cloneStrategy', value: 'copy' },
  ]);
  return getProfile(k8s, BASIC);
};

const openPage = async (page: Page) => {
  await page.goto(PAGE);
  await expect(page.getByRole('heading', { level: 1, name: 'Hostpath provisioner' })).toBeVisible();
};

const openRecreate = async (page: Page) => {
  await openPage(page);
  await page.getByRole('button', { name: `Re-create StorageClass ${BASIC}` }).click();
  const dialog = page.getByRole('dialog', { name: `Re-create StorageClass ${BASIC}` });
  await expect(dialog).toBeVisible();
  return dialog;
};

test.describe('Hostpath provisioner storage classes', () => {
  // Dialog screenshots in two themes, axe and the re-creation's steps take longer than a minute on 2 cores.
  test.slow();

  test('creates the StorageClass of a new pool and makes it the default for virtualization', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    await k8s.patch(HPP, [
      {
        op: 'add',
        path: '/spec/storagePools/-',
        value: { name: 'extra-pool', path: '/var/hpvolumes/extra' },
      },
    ]);
    await openPage(page);
    await page.getByRole('button', { name: 'Create StorageClass for pool extra-pool' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create StorageClass for pool extra-pool' });
    await expect(dialog).toBeVisible();

    const name = dialog.getByRole('textbox', { name: 'Name' });
    await expect(name).toHaveValue('hostpath-csi-extra-pool');
    await expect(dialog.getByText('kubevirt.io.hostpath-provisioner', { exact: true })).toBeVisible();
    await name.fill(BASIC);
    await expect(dialog.getByText(`A storage class named ${BASIC} already exists.`)).toBeVisible();
    await name.fill('Bad_Name');
    await expect(dialog.getByText(/Use lowercase letters, digits/)).toBeVisible();
    await name.fill('hpp-extra');

    // WaitForFirstConsumer by default, with the reason; Immediate is warned about.
    await expect(dialog.getByRole('radio', { name: 'WaitForFirstConsumer (recommended)' })).toBeChecked();
    await expect(dialog.getByText(/the pod must be scheduled first/)).toBeVisible();
    await dialog.getByRole('radio', { name: 'Immediate' }).check();
    await expect(dialog.getByText('Immediate binding pins VMs to a node chosen in advance')).toBeVisible();
    await dialog.getByRole('radio', { name: 'WaitForFirstConsumer (recommended)' }).check();
    await expect(dialog.getByText('Immediate binding pins VMs to a node chosen in advance')).toHaveCount(0);

    await dialog.getByRole('radio', { name: 'Retain' }).check();
    await dialog
      .getByRole('checkbox', { name: 'Make it the default storage class for virtualization' })
      .check();
    const yaml = dialog.getByRole('region', { name: 'YAML of the StorageClass that will be created' });
    await expect(yaml).toContainText('name: hpp-extra');
    await expect(yaml).toContainText('storagePool: extra-pool');
    await expect(yaml).toContainText('reclaimPolicy: Retain');
    await expect(yaml).toContainText('volumeBindingMode: WaitForFirstConsumer');
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'hpp-pool-class-create', { height: 1500 });

    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.getByText('StorageClass hpp-extra was created')).toBeVisible();
    await expect(dialog.getByText('hpp-extra is now the default for virtualization')).toBeVisible();

    const created = await getClass(k8s, 'hpp-extra');
    expect(created).toMatchObject({
      provisioner: 'kubevirt.io.hostpath-provisioner',
      parameters: { storagePool: 'extra-pool' },
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    expect(annotationsOf(created)).toEqual({ [VIRT]: 'true' });
    expect(annotationsOf(await getClass(k8s, OLD_VIRT_DEFAULT))[VIRT]).toBe('false');
    // CDI made its profile.
    await expect.poll(async () => (await getProfile(k8s, 'hpp-extra')).metadata.name).toBe('hpp-extra');
    await dialog.getByRole('contentinfo').getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });

  test('re-creates hostpath-csi-basic with another reclaim policy and keeps its StorageProfile spec', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    const classBefore = await getClass(k8s, BASIC);
    const profileBefore = await customiseProfile(k8s);
    expect(classBefore.reclaimPolicy).toBe('Delete');

    const dialog = await openRecreate(page);
    await expect(dialog.getByRole('button', { name: 'Re-create…' })).toBeDisabled();
    await expect(dialog.getByText(/Nothing that needs a re-creation changes/)).toBeVisible();
    await dialog.getByRole('radio', { name: 'Retain' }).check();
    await expect(
      dialog.getByText(/Keep a copy of the class and of its StorageProfile spec \(cloneStrategy\)/),
    ).toBeVisible();
    await expect(dialog.getByText(/CDI deletes its StorageProfile with it/)).toBeVisible();
    await expect(
      dialog.getByRole('region', { name: 'YAML of the StorageClass that will be created' }),
    ).toContainText('reclaimPolicy: Retain');
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'hpp-recreate-class-plan', { height: 1300 });

    await dialog.getByRole('button', { name: 'Re-create…' }).click();
    await expect(dialog.getByText(`Delete StorageClass ${BASIC} and create it again?`)).toBeVisible();
    await expect(
      dialog.getByText('PersistentVolumeClaims and PersistentVolumes of the class are not deleted.'),
    ).toBeVisible();
    await saveModalScreenshots(page, 'hpp-recreate-class-confirm', { height: 1300 });
    await dialog.getByRole('button', { name: 'Delete and re-create' }).click();

    await expect(dialog.getByText(`StorageClass ${BASIC} was re-created`)).toBeVisible();
    await expect(
      dialog.getByText(/Its StorageProfile has the saved spec again \(cloneStrategy\)/),
    ).toBeVisible();
    for (const step of ['save', 'delete-class', 'create-class', 'wait-profile', 'reapply-profile-spec'])
      await expect(dialog.getByTestId(`recreate-step-${step}`)).toContainText(': Done');
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'hpp-recreate-class-done', { height: 1300 });

    const classAfter = await getClass(k8s, BASIC);
    expect(classAfter.metadata.uid).not.toBe(classBefore.metadata.uid);
    expect(classAfter).toMatchObject({
      provisioner: classBefore.provisioner,
      parameters: classBefore.parameters,
      volumeBindingMode: classBefore.volumeBindingMode,
      reclaimPolicy: 'Retain',
    });
    const profileAfter = await getProfile(k8s, BASIC);
    expect(profileAfter.metadata.uid).not.toBe(profileBefore.metadata.uid);
    expect(profileAfter.spec).toEqual({ cloneStrategy: 'copy' });
  });

  test('a refused create leaves the class deleted, says so, and Restore brings it back with its profile spec', async ({
    page,
    k8s,
    sim,
    consoleUI,
  }) => {
    const classBefore = await getClass(k8s, BASIC);
    await customiseProfile(k8s);
    await sim.fault({
      method: 'POST',
      pathRegex: '/storageclasses(\\?|$)',
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

    const dialog = await openRecreate(page);
    await dialog.getByRole('radio', { name: 'Retain' }).check();
    await dialog.getByRole('button', { name: 'Re-create…' }).click();
    await dialog.getByRole('button', { name: 'Delete and re-create' }).click();

    await expect(dialog.getByText(`StorageClass ${BASIC} is deleted and was not re-created`)).toBeVisible();
    await expect(dialog.getByText('Internal error occurred: etcdserver: request timed out')).toBeVisible();
    await expect(dialog.getByTestId('recreate-step-delete-class')).toContainText(': Done');
    await expect(dialog.getByTestId('recreate-step-create-class')).toContainText(': Failed');
    await expect(dialog.getByTestId('recreate-step-reapply-profile-spec')).toContainText(': Not run');
    const saved = dialog.getByRole('region', { name: `Saved StorageClass ${BASIC}` });
    await expect(saved).toContainText('reclaimPolicy: Delete');
    await expect(dialog.getByRole('region', { name: `Saved StorageProfile spec of ${BASIC}` })).toContainText(
      'cloneStrategy: copy',
    );
    expect((await k8s.request('GET', `${PATHS.storageClasses}/${BASIC}`)).status).toBe(404);
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'hpp-recreate-class-failed', { height: 1300 });

    await dialog.getByRole('button', { name: 'Restore the saved StorageClass' }).click();
    await expect(dialog.getByText(`StorageClass ${BASIC} was restored as it was before`)).toBeVisible();
    for (const step of ['restore-class', 'wait-profile', 'reapply-profile-spec'])
      await expect(dialog.getByTestId(`recreate-step-${step}`)).toContainText(': Done');

    const classAfter = await getClass(k8s, BASIC);
    expect(classAfter).toMatchObject({
      provisioner: classBefore.provisioner,
      parameters: classBefore.parameters,
      reclaimPolicy: 'Delete',
      volumeBindingMode: classBefore.volumeBindingMode,
    });
    expect((await getProfile(k8s, BASIC)).spec).toEqual({ cloneStrategy: 'copy' });
  });
});
