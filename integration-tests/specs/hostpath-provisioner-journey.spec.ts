import type { Locator, Page } from '@playwright/test';
import { demoSeedWithout } from '../console/demo-variants';
import { expect, PATHS, test } from './fixtures';

/**
 * Issue 12's "done when", in one go on the demo cluster without a HostPathProvisioner: create it with a basic
 * and a PVC-template pool, see both pools Ready, create a StorageClass for each, and re-create one with
 * another reclaim policy while its StorageProfile customisation survives.
 */
const PAGE = '/virtualization-storage/hostpath-provisioner';

const field = (scope: Locator, label: string) => scope.getByLabel(new RegExp(`^${label}(\\s*\\*)?$`));
const fill = async (scope: Locator, label: string, value: string) => {
  await field(scope, label).fill(value);
  await field(scope, label).blur();
};
const poolRow = (page: Page, pool: string) =>
  page
    .getByRole('grid', { name: 'Storage pools' })
    .getByRole('row')
    .filter({ has: page.getByText(pool, { exact: true }) });

const createClassFor = async (page: Page, pool: string, name: string) => {
  await page.getByRole('button', { name: `Create StorageClass for pool ${pool}` }).click();
  const dialog = page.getByRole('dialog', { name: `Create StorageClass for pool ${pool}` });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog.getByText(`StorageClass ${name} was created`)).toBeVisible();
  await dialog
    .getByRole('button', { name: /^Close$/ })
    .first()
    .click();
  await expect(dialog).toBeHidden();
};

test.describe('Hostpath provisioner: from nothing to pools with classes', () => {
  test.use({ seeds: [demoSeedWithout('50-hostpath-provisioner.yaml')] });
  test.slow();

  test('create two pools, see them Ready, a class for each, re-create one keeping its profile spec', async ({
    page,
    k8s,
    sim,
  }) => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Create hostpath provisioner' }).click();
    const wizard = page.getByRole('dialog');
    const first = wizard.getByRole('region', { name: /^Storage pool 1\b/ });
    await fill(first, 'Name', 'local');
    await fill(first, 'Path on the node', '/var/hpvolumes/local');
    await wizard.getByRole('button', { name: 'Add storage pool' }).click();
    const second = wizard.getByRole('region', { name: /^Storage pool 2\b/ });
    await fill(second, 'Name', 'ebs');
    await fill(second, 'Path on the node', '/var/hpvolumes/ebs');
    await second.getByRole('radio', { name: /^PVC template/ }).check();
    await fill(second, 'Size per node', '50Gi');
    await field(second, 'StorageClass of the pool volumes').selectOption('gp3-csi');
    await wizard.getByRole('button', { name: 'Next', exact: true }).click();
    await fill(wizard, 'Label key 1', 'node-role.kubernetes.io/worker');
    await fill(wizard, 'Label value 1', '');
    await wizard.getByRole('button', { name: 'Next', exact: true }).click();
    await wizard.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(wizard).toBeHidden();

    // The operator deploys, the pool PVCs bind, the mounts come up: both pools Ready on the three workers.
    await expect(page.getByRole('heading', { name: 'hostpath-provisioner' })).toBeVisible();
    for (let i = 0; i < 12; i++) await sim.advance(30);
    await expect(poolRow(page, 'local')).toContainText('Ready');
    await expect(poolRow(page, 'ebs')).toContainText('Ready');
    await expect(poolRow(page, 'ebs').getByRole('link', { name: 'worker-2' })).toBeVisible();
    await expect(poolRow(page, 'ebs')).not.toContainText('Pending');

    await createClassFor(page, 'local', 'hpp-local');
    await createClassFor(page, 'ebs', 'hpp-ebs');
    await expect(poolRow(page, 'local').getByRole('link', { name: 'hpp-local' })).toBeVisible();
    await expect(poolRow(page, 'ebs').getByRole('link', { name: 'hpp-ebs' })).toBeVisible();

    // CDI made a profile for the new class; the administrator customises it, then re-creates the class.
    await expect
      .poll(async () => (await k8s.request('GET', `${PATHS.storageProfiles}/hpp-local`)).status)
      .toBe(200);
    await k8s.mergePatch(`${PATHS.storageProfiles}/hpp-local`, { spec: { cloneStrategy: 'copy' } });
    await page.getByRole('button', { name: 'Re-create StorageClass hpp-local' }).click();
    const recreate = page.getByRole('dialog', { name: 'Re-create StorageClass hpp-local' });
    await recreate.getByRole('radio', { name: 'Retain' }).check();
    await recreate.getByRole('button', { name: 'Re-create…' }).click();
    await recreate.getByRole('button', { name: 'Delete and re-create' }).click();
    await expect(recreate.getByText('StorageClass hpp-local was re-created')).toBeVisible();

    const sc = await k8s.get<{ reclaimPolicy: string; parameters: Record<string, string> }>(
      `${PATHS.storageClasses}/hpp-local`,
    );
    expect(sc).toMatchObject({ reclaimPolicy: 'Retain', parameters: { storagePool: 'local' } });
    const profile = await k8s.get<{ spec: Record<string, unknown> }>(`${PATHS.storageProfiles}/hpp-local`);
    expect(profile.spec).toEqual({ cloneStrategy: 'copy' });
  });
});
