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
