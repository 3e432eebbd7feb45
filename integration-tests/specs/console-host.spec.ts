import { noCdiCluster } from '../console/no-cdi-cluster';
import { expect, PATHS, test } from './fixtures';

test.describe('Dev console host', () => {
  test('shows the admission warnings of a write as a toast, as the console does', async ({ page, k8s }) => {
    // The simulator's webhooks warn only on writes no page makes yet, so add the header to a real response.
    await page.route(
      '**/api/kubernetes/apis/cdi.kubevirt.io/v1beta1/storageprofiles/acme-fast',
      async (route) => {
        if (route.request().method() !== 'PATCH') return route.continue();
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: { ...response.headers(), warning: '299 - "acme-fast: example warning from a webhook"' },
        });
      },
    );
    await page.goto('/virtualization-storage/storage-profiles/acme-fast/edit');
    await page.getByRole('radio', { name: /^Host-assisted copy/ }).check();
    await page.getByRole('button', { name: 'Save' }).click();

    const toast = page.getByRole('heading', { name: /Admission webhook warning/ });
    await expect(toast).toBeVisible();
    await expect(page.getByText('acme-fast: example warning from a webhook')).toBeVisible();
    // The write itself went through.
    await expect
      .poll(
        async () =>
          (await k8s.get<{ spec: { cloneStrategy?: string } }>(`${PATHS.storageProfiles}/acme-fast`)).spec
            .cloneStrategy,
      )
      .toBe('copy');
  });
});

test.describe('Dev console host: the plugin is gated on the CDI API, as the console gates it', () => {
  const nav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Global' });

  test('with CDI installed, the Virtualization storage section and its pages are there', async ({ page }) => {
    await page.goto('/virtualization-storage/storage-profiles');
    const section = nav(page).getByRole('button', { name: 'Virtualization storage' });
    await expect(section).toBeVisible();
    await expect(nav(page).getByRole('link', { name: 'Storage profiles' })).toHaveAttribute(
      'href',
      '/virtualization-storage/storage-profiles',
    );
    await expect(page.getByRole('heading', { name: '404: Page not found' })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Storage profiles' })).toBeVisible();
  });

  test.describe('without CDI', () => {
    const { seedDir, crdsDir } = noCdiCluster();
    test.use({ seeds: [seedDir], clusterOptions: { crdsDir } });

    test('shows neither the section nor its pages', async ({ page, k8s }) => {
      // The cluster really lacks the API the flag looks for.
      expect((await k8s.request('GET', '/apis/cdi.kubevirt.io/v1beta1')).status).toBe(404);
      await page.goto('/virtualization-storage/storage-profiles');
      await expect(page.getByRole('heading', { name: '404: Page not found' })).toBeVisible();
      await expect(nav(page).getByRole('button', { name: 'Virtualization storage' })).toHaveCount(0);
      await expect(nav(page).getByRole('link')).toHaveCount(0);
      await page.goto('/virtualization-storage/storage-profiles/gp3-csi/edit');
      await expect(page.getByRole('heading', { name: '404: Page not found' })).toBeVisible();
      // No plugin page set a title: the console's default title is the product name.
      await expect(page).toHaveTitle('OKD');
    });
  });
});
