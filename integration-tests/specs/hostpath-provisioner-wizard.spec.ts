import type { Locator, Page } from '@playwright/test';
import { load } from 'js-yaml';
import { demoSeedWithout } from '../console/demo-variants';
import { expect, PATHS, saveModalScreenshots, test, type K8sClient } from './fixtures';

const PAGE = '/virtualization-storage/hostpath-provisioner';
const HPP = `${PATHS.hostPathProvisioners}/hostpath-provisioner`;

interface Pool {
  name: string;
  path: string;
  pvcTemplate?: Record<string, unknown>;
}
interface Hpp {
  apiVersion: string;
  kind: string;
  metadata: { name: string; resourceVersion?: string };
  spec: {
    imagePullPolicy?: string;
    storagePools?: Pool[];
    workload?: { nodeSelector?: Record<string, string> };
    [k: string]: unknown;
  };
}

const getHpp = (k8s: K8sClient) => k8s.get<Hpp>(HPP);
const wizard = (page: Page) => page.getByRole('dialog');
const pool = (dialog: Locator, n: number) =>
  dialog.getByRole('region', { name: new RegExp(`^Storage pool ${n}\\b`) });
/** A control by its label (PatternFly's required marker " *" is not part of the name). */
const control = (scope: Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?$`));
const fill = async (scope: Locator, label: string, value: string) => {
  const input = control(scope, label);
  await input.fill(value);
  await input.blur();
};
const next = (dialog: Locator) => dialog.getByRole('button', { name: 'Next', exact: true });
const patchPreview = async (dialog: Locator) =>
  JSON.parse(
    (await dialog.getByRole('region', { name: 'JSON patch that will be sent' }).textContent()) ?? '[]',
  );
/** Writes to HostPathProvisioners the page sends (the wizard must send none for bad input). */
const recordWrites = (page: Page) => {
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && r.url().includes('/hostpathprovisioners'))
      writes.push(`${r.method()} ${r.url()}`);
  });
  return writes;
};
const shots = (page: Page, name: string) => saveModalScreenshots(page, `hpp-wizard-${name}`);

test.describe('Hostpath provisioner wizard', () => {
  // Screenshots in two themes and axe take longer than the default minute on 2 cores.
  test.slow();

  test.describe('without a HostPathProvisioner', () => {
    test.use({ seeds: [demoSeedWithout('50-hostpath-provisioner.yaml')] });

    test('bad input is caught at the field and nothing is sent', async ({ page, k8s, consoleUI }) => {
      const writes = recordWrites(page);
      await page.goto(PAGE);
      await page.getByRole('button', { name: 'Create hostpath provisioner' }).click();
      const dialog = wizard(page);
      await expect(dialog.getByRole('heading', { name: 'Create hostpath provisioner' })).toBeVisible();
      await expect(next(dialog)).toBeDisabled();

      const first = pool(dialog, 1);
      await fill(first, 'Name', 'Fast_Pool');
      await expect(first.getByText(/Use lower-case letters, digits and "-"/)).toBeVisible();
      await expect(control(first, 'Name')).toHaveAttribute('aria-invalid', 'true');
      await fill(first, 'Path on the node', 'var/hpvolumes');
      await expect(first.getByText('The path must be absolute (start with /).')).toBeVisible();
      await dialog.getByRole('button', { name: 'Add storage pool' }).click();
      const second = pool(dialog, 2);
      await fill(second, 'Name', 'fast-pool');
      await fill(first, 'Name', 'fast-pool');
      await expect(second.getByText('Pool 1 already has this name.')).toBeVisible();
      await second.getByRole('radio', { name: /^PVC template/ }).check();
      await fill(second, 'Size per node', '-5Gi');
      await expect(second.getByText('The size cannot be negative.')).toBeVisible();
      await expect(control(second, 'Size per node')).toHaveAttribute('aria-invalid', 'true');
      await second.getByRole('checkbox', { name: 'ReadWriteOnce', exact: true }).uncheck();
      await expect(second.getByText('Choose at least one access mode.')).toBeVisible();
      await expect(next(dialog)).toBeDisabled();
      await expect(dialog.getByRole('button', { name: 'Create', exact: true })).toHaveCount(0);
      await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
      await shots(page, 'errors');

      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect(dialog).toBeHidden();
      expect(writes).toEqual([]);
      expect(await k8s.list(PATHS.hostPathProvisioners)).toEqual([]);
    });

    test('creates a provisioner with a basic and a PVC-template pool, as the CRD and webhook accept it', async ({
      page,
      k8s,
      consoleUI,
    }) => {
      await page.goto(PAGE);
      await page.getByRole('button', { name: 'Create hostpath provisioner' }).click();
      const dialog = wizard(page);

      const first = pool(dialog, 1);
      await fill(first, 'Name', 'local');
      await fill(first, 'Path on the node', '/var/hpvolumes/local');
      await expect(first.getByText(/Do not put it on the operating system partition/)).toBeVisible();
      await dialog.getByRole('button', { name: 'Add storage pool' }).click();
      const second = pool(dialog, 2);
      await fill(second, 'Name', 'ebs');
      await fill(second, 'Path on the node', '/var/hpvolumes/ebs');
      await second.getByRole('radio', { name: /^PVC template/ }).check();
      await fill(second, 'Size per node', '50Gi');
      await control(second, 'Volume mode').selectOption('Block');
      await expect(second.getByText(/formats an empty device as XFS/)).toBeVisible();
      await control(second, 'StorageClass of the pool volumes').selectOption('hostpath-csi-basic');
      await expect(
        second.getByText(/hostpath-csi-basic is itself a hostpath provisioner class/),
      ).toBeVisible();
      await control(second, 'StorageClass of the pool volumes').selectOption('gp3-csi');
      await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
      await shots(page, 'pools');
      await next(dialog).click();

      // Nodes: the documented default selects every linux node; narrowed to the workers.
      await expect(dialog.getByTestId('vsp-hpp-matching-nodes')).toHaveText('6 nodes match');
      await fill(dialog, 'Label key 1', 'node-role.kubernetes.io/worker');
      await fill(dialog, 'Label value 1', '');
      await expect(dialog.getByTestId('vsp-hpp-matching-nodes')).toHaveText('3 nodes match');
      await fill(dialog, 'Label key 1', 'node-role.kubernetes.io/infra');
      await expect(
        dialog.getByText('No node has these labels: the provisioner would run nowhere.'),
      ).toBeVisible();
      await fill(dialog, 'Label key 1', 'node-role.kubernetes.io/worker');
      await control(dialog, 'Image pull policy').selectOption('Always');
      await shots(page, 'nodes');
      await next(dialog).click();

      const expected: Hpp = {
        apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
        kind: 'HostPathProvisioner',
        metadata: { name: 'hostpath-provisioner' },
        spec: {
          imagePullPolicy: 'Always',
          storagePools: [
            { name: 'local', path: '/var/hpvolumes/local' },
            {
              name: 'ebs',
              path: '/var/hpvolumes/ebs',
              pvcTemplate: {
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: '50Gi' } },
                storageClassName: 'gp3-csi',
                volumeMode: 'Block',
              },
            },
          ],
          workload: { nodeSelector: { 'node-role.kubernetes.io/worker': '' } },
        },
      };
      const yaml = await dialog.getByRole('region', { name: 'YAML that will be created' }).textContent();
      expect(load(yaml ?? '')).toEqual(expected);
      await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
      await shots(page, 'create-review');
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(dialog).toBeHidden();

      // Read back: stored exactly as sent (the CRD pruned nothing, the webhook admitted it), workload in spec.
      const stored = await getHpp(k8s);
      expect(stored.spec).toEqual(expected.spec);
      await expect(page.getByRole('button', { name: 'Edit hostpath provisioner' })).toBeVisible();
    });
  });

  test('edit: a new pool and node selector survive a concurrent pull-policy change', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    const before = await getHpp(k8s);
    const pools = before.spec.storagePools ?? [];
    const writes = recordWrites(page);
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Edit hostpath provisioner' }).click();
    const dialog = wizard(page);
    await expect(dialog.getByRole('heading', { name: 'Edit hostpath provisioner' })).toBeVisible();
    await expect(control(pool(dialog, 1), 'Name')).toHaveValue(pools[0].name);

    // Someone else changes the pull policy after the wizard opened.
    await k8s.patch(HPP, [{ op: 'replace', path: '/spec/imagePullPolicy', value: 'Always' }]);

    const n = pools.length + 1;
    await dialog.getByRole('button', { name: 'Add storage pool' }).click();
    await fill(pool(dialog, n), 'Name', 'extra-pool');
    await fill(pool(dialog, n), 'Path on the node', '/var/hpvolumes/extra');
    await next(dialog).click();
    await dialog.getByRole('button', { name: 'Add label' }).click();
    await fill(dialog, 'Label key 2', 'node-role.kubernetes.io/worker');
    await expect(dialog.getByTestId('vsp-hpp-matching-nodes')).toHaveText('3 nodes match');
    await next(dialog).click();

    const patch = await patchPreview(dialog);
    expect(patch).toContainEqual({
      op: 'replace',
      path: '/spec/storagePools',
      value: [...pools, { name: 'extra-pool', path: '/var/hpvolumes/extra' }],
    });
    expect(patch).toContainEqual({
      op: 'add',
      path: '/spec/workload/nodeSelector/node-role.kubernetes.io~1worker',
      value: '',
    });
    expect(JSON.stringify(patch)).not.toContain('imagePullPolicy');
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await shots(page, 'edit-review');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeHidden();

    const after = await getHpp(k8s);
    expect(after.spec.imagePullPolicy).toBe('Always');
    expect(after.spec.storagePools).toEqual([...pools, { name: 'extra-pool', path: '/var/hpvolumes/extra' }]);
    expect(after.spec.workload?.nodeSelector).toEqual({
      ...before.spec.workload?.nodeSelector,
      'node-role.kubernetes.io/worker': '',
    });
    expect(writes.every((w) => w.startsWith('PATCH '))).toBe(true);
  });

  test('edit: a webhook refusal is shown verbatim and the wizard keeps the input', async ({ page, k8s }) => {
    const before = await getHpp(k8s);
    const pools = before.spec.storagePools ?? [];
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Edit hostpath provisioner' }).click();
    const dialog = wizard(page);
    const n = pools.length + 1;
    await dialog.getByRole('button', { name: 'Add storage pool' }).click();
    await fill(pool(dialog, n), 'Name', 'extra-pool');
    await fill(pool(dialog, n), 'Path on the node', '/var/hpvolumes/extra');
    await next(dialog).click();
    await next(dialog).click();

    // Meanwhile someone else adds a pool on the same directory: the wizard's pool, re-applied on their
    // list, duplicates the path, which only the webhook sees.
    await k8s.patch(HPP, [
      { op: 'add', path: '/spec/storagePools/-', value: { name: 'theirs', path: '/var/hpvolumes/extra' } },
    ]);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByTestId('api-error-message')).toHaveText(
      `admission webhook "validate-hostpath-provisioner.kubevirt.io" denied the request: spec.storagePools[${pools.length + 1}].path is the same as spec.storagePools[${pools.length}].path, cannot have duplicate paths`,
    );
    await expect(dialog).toBeVisible();
    await shots(page, 'webhook-refusal');
    await dialog.getByRole('button', { name: 'Back', exact: true }).click();
    await dialog.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(control(pool(dialog, n), 'Name')).toHaveValue('extra-pool');
    const after = await getHpp(k8s);
    expect(after.spec.storagePools).toEqual([...pools, { name: 'theirs', path: '/var/hpvolumes/extra' }]);
  });
});
