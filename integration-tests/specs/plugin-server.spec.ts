import { nginxMissingReason } from '../install/nginx-plugin-server';
import { expect, test } from './fixtures';

/**
 * The install path end to end: the production dist/ served by real nginx with deploy/nginx.conf over TLS,
 * and the console host loading the plugin through /api/plugins/<name>/ as the console proxies to the
 * ConsolePlugin's Service.
 */
const missing = nginxMissingReason();

test.describe('Plugin served by nginx with the deploy/ configuration', () => {
  // Without nginx a newcomer's run skips with the reason; .ci/run installs it, so CI never skips.
  test.skip(!!missing && !process.env.CI, missing);
  test.use({ servePluginWith: 'nginx' });

  test('the console loads the plugin, its chunks and its translations from nginx', async ({
    page,
    pluginServer,
  }) => {
    const plugin = new Map<string, Record<string, string>>();
    page.on('response', (r) => {
      const at = r.url().indexOf('/api/plugins/virt-storage-plugin/');
      if (at >= 0) plugin.set(r.url().slice(at + '/api/plugins/virt-storage-plugin/'.length), r.headers());
    });

    await page.goto('/virtualization-storage/storage-profiles');
    await expect(page.getByRole('heading', { level: 1, name: 'Storage profiles' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'acme-fast', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Virtualization storage' })).toBeVisible();

    // Every plugin file the browser got came from nginx, with nginx's cache rules and nosniff.
    const log = pluginServer!.accessLog();
    expect(log).toMatch(/"GET \/plugin-manifest\.json HTTP\/1\.1" 200/);
    expect(log).toMatch(/"GET \/locales\/en\/plugin__virt-storage-plugin\.json HTTP\/1\.1" 200/);
    expect(plugin.get('plugin-manifest.json')?.['cache-control']).toBe('no-cache');
    const scripts = [...plugin.keys()].filter((f) => f.endsWith('.min.js'));
    expect(scripts.some((f) => f.startsWith('plugin-entry.'))).toBe(true);
    expect(scripts.some((f) => f.includes('-chunk-'))).toBe(true);
    for (const file of scripts) {
      expect(log, file).toContain(`"GET /${file} HTTP/1.1" 200`);
      expect(plugin.get(file)?.['cache-control'], file).toBe('public, max-age=31536000, immutable');
      expect(plugin.get(file)?.['x-content-type-options'], file).toBe('nosniff');
      expect(plugin.get(file)?.['content-type'], file).toBe('application/javascript; charset=utf-8');
    }
  });

  test('with its server down the console says the plugin failed to load', async ({ page, pluginServer }) => {
    await pluginServer!.close();
    await page.goto('/virtualization-storage/storage-profiles');
    await expect(page.getByText(/Plugin manifest of virt-storage-plugin: HTTP 502/)).toBeVisible();
  });
});
