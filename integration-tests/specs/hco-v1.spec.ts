import type { Page } from '@playwright/test';
import { expect, test, type K8sObject } from './fixtures';
import { getHco, hcoValue } from './hco-version';

/**
 * A cluster whose HCO serves hco.kubevirt.io/v1 as the preferred version (discovery says so; the simulator
 * converts to and from the v1beta1 storage version as HCO's conversion does). The plugin reads and writes v1:
 * the patch preview shows the v1 paths, the PATCH goes to the v1 URL, and the object read at v1beta1 shows the
 * same change at the old paths.
 */
test.use({ hcoVersion: 'v1' });

interface Template {
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: unknown;
}

const ENABLE = 'dataimportcrontemplate.kubevirt.io/enable';

/** The URLs of the writes the page sends. */
const recordWrites = (page: Page) => {
  const sent: string[] = [];
  page.on('request', (r) => {
    if (['PATCH', 'PUT', 'POST', 'DELETE'].includes(r.method()) && r.url().includes('/hyperconvergeds/'))
      sent.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  return sent;
};
const previewOf = async (scope: ReturnType<Page['getByRole']>) =>
  JSON.parse(
    (await scope.getByRole('region', { name: 'JSON patch that will be sent' }).textContent()) ?? '[]',
  ) as { op: string; path: string; value?: unknown }[];

const V1_URL =
  '/api/kubernetes/apis/hco.kubevirt.io/v1/namespaces/openshift-cnv/hyperconvergeds/kubevirt-hyperconverged';

test.describe('HyperConverged v1 preferred', () => {
  test.slow();

  test('storage settings: the filesystem overhead is edited at spec.storage.filesystemOverhead @hco-write', async ({
    page,
    k8s,
  }) => {
    const v1Before = await getHco(k8s, 'v1');
    expect(v1Before.apiVersion).toBe('hco.kubevirt.io/v1');
    expect(hcoValue(v1Before, 'v1', 'filesystemOverhead')).toEqual({
      global: '0.08',
      storageClass: { 'nfs-csi': '0.1' },
    });
    const sent = recordWrites(page);
    await page.goto('/virtualization-storage/settings');
    const s = page.getByRole('region', { name: 'Filesystem overhead', exact: true });
    await expect(
      s.getByText(/Stored in the HyperConverged \(spec\.storage\.filesystemOverhead\)/),
    ).toBeVisible({
      timeout: 60_000,
    });
    // Read from the v1 object: the seeded values, at their v1 place.
    await expect(s.getByTestId('vsp-overhead-global-configured')).toHaveText('8 % (0.08)');
    await expect(s.getByRole('textbox', { name: 'Override for nfs-csi', exact: true })).toHaveValue('10');

    await s.getByRole('textbox', { name: 'Global overhead', exact: true }).fill('7');
    expect(await previewOf(s)).toEqual([
      { op: 'test', path: '/spec/storage/filesystemOverhead/global', value: '0.08' },
      { op: 'replace', path: '/spec/storage/filesystemOverhead/global', value: '0.07' },
    ]);
    await s.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(s.getByText('Filesystem overhead saved. HCO copies it to CDI shortly.')).toBeVisible();
    expect(sent).toEqual([`PATCH ${V1_URL}`]);

    // The v1 object changed at the v1 path; read at v1beta1, the same change is at the old path.
    const v1After = await getHco(k8s, 'v1');
    expect(hcoValue(v1After, 'v1', 'filesystemOverhead')).toEqual({
      global: '0.07',
      storageClass: { 'nfs-csi': '0.1' },
    });
    expect((v1After.spec as Record<string, unknown>).filesystemOverhead).toBeUndefined();
    const v1beta1 = await getHco(k8s, 'v1beta1');
    expect(v1beta1.apiVersion).toBe('hco.kubevirt.io/v1beta1');
    expect((v1beta1.spec as { filesystemOverhead?: unknown }).filesystemOverhead).toEqual({
      global: '0.07',
      storageClass: { 'nfs-csi': '0.1' },
    });
    // And HCO passes it on to CDI as before.
    await expect(s.getByTestId('vsp-overhead-global-applied')).toContainText('7 % (0.07)');
  });

  test('boot sources: disabling a system source rewrites spec.workloadSources.dataImportCronTemplates @hco-write', async ({
    page,
    k8s,
  }) => {
    const before = await getHco(k8s, 'v1');
    const list = hcoValue<Template[] | undefined>(before, 'v1', 'dataImportCronTemplates') ?? [];
    expect(list.length).toBeGreaterThan(0);
    expect(list.some((t) => t.metadata.name === 'rhel9-image-cron')).toBe(false);
    const sent = recordWrites(page);
    await page.goto('/virtualization-storage/boot-sources');
    await page.getByRole('button', { name: 'Actions for rhel9-image-cron' }).click({ timeout: 60_000 });
    await page.getByRole('menuitem', { name: 'Disable', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /Disable boot source rhel9-image-cron/ });
    const patch = await previewOf(dialog);
    expect(patch.map((op) => [op.op, op.path])).toEqual([
      ['test', '/spec/workloadSources/dataImportCronTemplates'],
      ['replace', '/spec/workloadSources/dataImportCronTemplates'],
    ]);
    expect(patch[0].value).toEqual(list);
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Saved the change to rhel9-image-cron.')).toBeVisible();
    expect(sent).toEqual([`PATCH ${V1_URL}`]);

    const after = await getHco(k8s, 'v1');
    const afterList = hcoValue<Template[]>(after, 'v1', 'dataImportCronTemplates');
    expect(afterList.slice(0, list.length)).toEqual(list);
    expect(afterList[list.length].metadata).toMatchObject({ name: 'rhel9-image-cron' });
    expect(afterList[list.length].metadata.annotations?.[ENABLE]).toBe('false');
    // At v1beta1 the same list is at spec.dataImportCronTemplates.
    const v1beta1 = (await getHco(k8s, 'v1beta1')) as K8sObject & {
      spec: { dataImportCronTemplates?: Template[] };
    };
    expect(v1beta1.spec.dataImportCronTemplates).toEqual(afterList);
    await expect(
      page
        .getByRole('row')
        .filter({ has: page.locator('strong').getByText('rhel9-image-cron', { exact: true }) }),
    ).toContainText('Disabled');
  });
});
