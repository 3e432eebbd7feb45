import { crdsWithout, demoSeedWithout } from '../console/demo-variants';
import { expect, test } from './fixtures';
import { PATHS } from './k8s-client';

const PAGE = '/virtualization-storage/hostpath-provisioner';
const HPP = `${PATHS.hostPathProvisioners}/hostpath-provisioner`;

interface Hpp {
  spec: { storagePools: { name: string; path: string }[]; imagePullPolicy?: string; workload?: unknown };
}

const poolsTable = (page: import('@playwright/test').Page) =>
  page.getByRole('grid', { name: 'Storage pools' });
const poolRow = (page: import('@playwright/test').Page, pool: string) =>
  poolsTable(page)
    .getByRole('row')
    .filter({ has: page.getByText(pool, { exact: true }) });

test.describe('Hostpath provisioner page', () => {
  test('shows the provisioner, its pools, their nodes and the classes that use them', async ({
    page,
    consoleUI,
  }) => {
    await page.goto(PAGE);
    await expect(page.getByRole('heading', { level: 1, name: 'Hostpath provisioner' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'hostpath-provisioner' })).toBeVisible();
    await expect(page.getByText(/Available/).first()).toBeVisible();

    const basic = poolRow(page, 'basic-pool');
    await expect(basic).toContainText('Basic (node directory)');
    await expect(basic).toContainText('/var/hpvolumes/basic');
    await expect(basic.getByRole('link', { name: 'hostpath-csi-basic' })).toBeVisible();

    const template = poolRow(page, 'pvc-template-pool');
    await expect(template).toContainText('PVC template');
    await expect(template.getByRole('link', { name: 'worker-0' })).toHaveAttribute(
      'href',
      /hpp-pool-pvc-template-pool-worker-0$/,
    );
    await expect(template).toContainText('Bound');

    await consoleUI.expectNoA11yViolations();
    await consoleUI.saveScreenshots('hostpath-provisioner');
  });

  test('calls out a pool that no StorageClass uses', async ({ page, k8s }) => {
    await k8s.patch(HPP, [
      {
        op: 'add',
        path: '/spec/storagePools/-',
        value: { name: 'scratch-pool', path: '/var/hpvolumes/scratch' },
      },
    ]);
    await page.goto(PAGE);
    await expect(poolRow(page, 'scratch-pool')).toContainText(
      'No StorageClass uses this pool: nothing can provision volumes from it yet.',
    );
    await expect(
      page.getByRole('button', { name: 'Create StorageClass for pool scratch-pool' }),
    ).toBeVisible();
  });

  test('removing a pool names the classes and bound PVCs that depend on it, then removes only that pool', async ({
    page,
    k8s,
  }) => {
    const pvc = await k8s.create<{ metadata: { name: string } }>(
      '/api/v1/namespaces/team-a/persistentvolumeclaims',
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'vm-disk-on-basic', namespace: 'team-a' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '10Gi' } },
          storageClassName: 'hostpath-csi-basic',
        },
      },
    );
    await k8s.mergePatch(`/api/v1/namespaces/team-a/persistentvolumeclaims/${pvc.metadata.name}/status`, {
      status: { phase: 'Bound' },
    });

    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Remove pool basic-pool' }).click();
    const dialog = page.getByRole('dialog', { name: /Remove pool basic-pool/ });
    await expect(dialog).toContainText('hostpath-csi-basic');
    await expect(dialog).toContainText('team-a/vm-disk-on-basic');
    // Someone else changes another field meanwhile: it survives the removal.
    await k8s.mergePatch(HPP, { spec: { imagePullPolicy: 'Always' } });
    await dialog.getByRole('button', { name: 'Remove pool' }).click();
    await expect(dialog).toBeHidden();

    await expect
      .poll(async () => (await k8s.get<Hpp>(HPP)).spec.storagePools.map((p) => p.name))
      .toEqual(['pvc-template-pool']);
    expect((await k8s.get<Hpp>(HPP)).spec.imagePullPolicy).toBe('Always');
    await expect(poolRow(page, 'basic-pool')).toHaveCount(0);
  });

  test('explains that the operator manages one provisioner when there are two', async ({ page, k8s }) => {
    await k8s.create(PATHS.hostPathProvisioners, {
      apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
      kind: 'HostPathProvisioner',
      metadata: { name: 'second' },
      spec: { storagePools: [{ name: 'other', path: '/var/other' }] },
    });
    await page.goto(PAGE);
    await expect(page.getByRole('heading', { name: /More than one HostPathProvisioner/ })).toBeVisible();
    await expect(page.getByText('second', { exact: true })).toBeVisible();
  });

  test('a viewer sees everything and no control that writes', async ({ page, consoleUI }) => {
    await page.goto(PAGE);
    await consoleUI.switchUser('viewer');
    await expect(poolRow(page, 'basic-pool')).toBeVisible();
    await expect(page.getByRole('heading', { name: /Read-only/ })).toBeVisible();
    await expect(
      page.getByRole('button', { name: /Edit hostpath provisioner|Remove|Create StorageClass|Re-create/ }),
    ).toHaveCount(0);
  });

  test.describe('without a HostPathProvisioner', () => {
    test.use({ seeds: [demoSeedWithout('50-hostpath-provisioner.yaml')] });

    test('offers to create one', async ({ page, consoleUI }) => {
      await page.goto(PAGE);
      await expect(page.getByRole('heading', { name: 'No hostpath provisioner' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Create hostpath provisioner' })).toBeVisible();
      await consoleUI.saveScreenshots('hostpath-provisioner-empty');
    });
  });

  test.describe('without the hostpath provisioner operator', () => {
    test.use({
      seeds: [demoSeedWithout('50-hostpath-provisioner.yaml')],
      clusterOptions: { crdsDir: crdsWithout((f) => f.startsWith('hostpathprovisioners.')) },
    });

    test('says the operator is not installed, never "no provisioner"', async ({ page, k8s }) => {
      expect((await k8s.request('GET', '/apis/hostpathprovisioner.kubevirt.io/v1beta1')).status).toBe(404);
      await page.goto(PAGE);
      await expect(
        page.getByRole('heading', { name: 'The hostpath provisioner operator is not installed' }),
      ).toBeVisible();
      await expect(page.getByRole('button', { name: 'Create hostpath provisioner' })).toHaveCount(0);
    });
  });
});
