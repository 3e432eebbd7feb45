import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import path from 'node:path';
import {
  DEMO_SEED,
  launchCluster,
  repoRoot,
  type ClusterOptions,
  type RunningCluster,
} from '../console/cluster-launcher';
import { startHost, type RunningHost } from '../console/server';
import { startPrometheus } from '../console/prometheus-launcher';
import { startPluginServer, type PluginServer } from '../install/nginx-plugin-server';
import { K8sClient } from './k8s-client';
import type { FaultRule } from '../cluster/faults';

/**
 * Shared Playwright fixtures. Every test gets its own cluster simulator (seeded with the demo cluster
 * unless `test.use({ seeds })` says otherwise) and its own console host, both on free ports; `page`
 * starts at the host (`page.goto('/virtualization-storage/...')`).
 *
 *   test('...', async ({ page, k8s, sim, consoleUI }) => { ... });
 *
 * - `k8s`: REST client straight to the simulator as cluster-admin (`k8s.as('viewer')` for another user).
 * - `sim`: the simulator's /_sim/ controls (time, faults, reset).
 * - `consoleUI`: user and theme switching through the masthead, axe check, light/dark screenshots.
 * Uncaught exceptions in the page fail the test.
 */

export type HostUser = 'cluster-admin' | 'viewer' | 'project-user';
export type Theme = 'light' | 'dark';

export const SCREENSHOT_DIR = path.join(repoRoot, 'docs/screenshots');
export { DEMO_SEED };

/** The simulator's /_sim/ control endpoints. */
export class SimControls {
  constructor(readonly baseUrl: string) {}

  async post(endpoint: string, body: unknown = {}): Promise<unknown> {
    const res = await fetch(`${this.baseUrl}/_sim/${endpoint}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`POST /_sim/${endpoint}: HTTP ${res.status} ${text}`);
    }
    return text ? JSON.parse(text) : undefined;
  }

  /** Moves simulated time forward (controllers, schedules and imports see it). */
  advance(seconds: number) {
    return this.post('advance', { seconds });
  }

  async health(): Promise<{
    ok: boolean;
    resourceVersion: string;
    objects: number;
    watches: number;
    now: string;
  }> {
    const res = await fetch(`${this.baseUrl}/_sim/health`);
    return res.json();
  }

  /**
   * The simulated registry serves a new image for `url` (e.g. `docker://quay.io/containerdisks/fedora:latest`);
   * crons with that source go Outdated at their next scheduled poll (move time with `advance`).
   */
  publishDigest(url: string) {
    return this.post('publish-digest', { url }) as Promise<{ url: string; digest: string }>;
  }

  /** The data of upload DataVolume `namespace/name` (waiting in UploadReady) arrives: it goes Succeeded. */
  completeUpload(namespace: string, name: string) {
    return this.post('complete-upload', { namespace, name }) as Promise<{
      namespace: string;
      name: string;
      phase: string;
      progress: string;
    }>;
  }

  /** Back to the seed state. */
  reset() {
    return this.post('reset');
  }

  /** Injects a fault: latency, an error status, 409 conflicts on writes, or dropped watches. */
  fault(rule: FaultRule) {
    return this.post('faults', rule);
  }

  async clearFaults(): Promise<void> {
    const res = await fetch(`${this.baseUrl}/_sim/faults`, { method: 'DELETE' });
    if (!res.ok) {
      throw new Error(`DELETE /_sim/faults: HTTP ${res.status} ${await res.text()}`);
    }
  }
}

/** Switches the user through the masthead's user menu; the console host reloads as that user. */
export const switchUser = async (page: Page, user: HostUser) => {
  const toggle = page.getByRole('button', { name: /^User: / });
  if ((await toggle.textContent())?.trim() === `User: ${user}`) {
    return;
  }
  await toggle.click();
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('option', { name: user, exact: true }).click(),
  ]);
  await expect(page.getByRole('button', { name: `User: ${user}` })).toBeVisible();
};

/** Switches the PatternFly theme with the masthead's toggle (persisted for later page loads). */
export const setTheme = async (page: Page, theme: Theme) => {
  await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light', exact: true }).click();
  const html = page.locator('html');
  await (theme === 'dark'
    ? expect(html).toHaveClass(/pf-v6-theme-dark/)
    : expect(html).not.toHaveClass(/pf-v6-theme-dark/));
};

/** Fails on serious and critical axe violations (WCAG 2.1 A/AA) of the whole page or `include`. */
export const expectNoA11yViolations = async (
  page: Page,
  options: { include?: string; exclude?: string[] } = {},
) => {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (options.include) {
    builder = builder.include(options.include);
  }
  for (const e of options.exclude ?? []) {
    builder = builder.exclude(e);
  }
  const { violations } = await builder.analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(serious, 'serious or critical accessibility violations').toEqual([]);
};

/**
 * Saves docs/screenshots/<name>-light.png and <name>-dark.png of the current page, switching the theme
 * with the masthead toggle, then restores the theme it found.
 */
export const saveScreenshots = async (page: Page, name: string): Promise<string[]> => {
  const initial: Theme = (await page.locator('html').getAttribute('class'))?.includes('pf-v6-theme-dark')
    ? 'dark'
    : 'light';
  const files: string[] = [];
  // The PatternFly page scrolls inside its main container, so `fullPage` alone would cut the content:
  // grow the viewport to the content's height for the shot.
  const viewport = page.viewportSize();
  const contentHeight = await page.evaluate(() =>
    Math.max(
      0,
      ...[...document.querySelectorAll('.pf-v6-c-page__main-container, .pf-v6-c-page__main')].map(
        (el) => el.scrollHeight + el.getBoundingClientRect().top + 24,
      ),
    ),
  );
  if (viewport && contentHeight > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: Math.ceil(contentHeight) });
  }
  try {
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(SCREENSHOT_DIR, `${name}-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
      files.push(file);
    }
  } finally {
    if (viewport) {
      await page.setViewportSize(viewport);
    }
  }
  await setTheme(page, initial);
  return files;
};

/**
 * Saves docs/screenshots/<name>-light.png and <name>-dark.png with a modal dialog open, at 1280 × `height`.
 * The modal's backdrop covers the masthead's theme toggle (what `saveScreenshots` clicks), so this sets
 * PatternFly's theme class itself, and removes it again afterwards.
 */
export const saveModalScreenshots = async (
  page: Page,
  name: string,
  { height = 1000 }: { height?: number } = {},
): Promise<string[]> => {
  const files: string[] = [];
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height });
  try {
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate(
        (dark) => document.documentElement.classList.toggle('pf-v6-theme-dark', dark),
        theme === 'dark',
      );
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(SCREENSHOT_DIR, `${name}-${theme}.png`);
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      files.push(file);
    }
  } finally {
    await page.evaluate(() => document.documentElement.classList.remove('pf-v6-theme-dark'));
    if (viewport) {
      await page.setViewportSize(viewport);
    }
  }
  return files;
};

export interface ConsoleUI {
  switchUser(user: HostUser): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
  expectNoA11yViolations(options?: { include?: string; exclude?: string[] }): Promise<void>;
  saveScreenshots(name: string): Promise<string[]>;
}

interface Fixtures {
  /** Seed directories of the test's cluster (default: the demo cluster). */
  seeds: string[];
  /** Further `startCluster` options (e.g. `timeScale`). */
  clusterOptions: Omit<ClusterOptions, 'port' | 'seeds'>;
  /**
   * The HyperConverged API version the simulator serves as preferred: 'v1beta1' (default), or 'v1' with a
   * conversion between the two (the Playwright project `hco-v1` sets it for the HCO-writing specs).
   */
  hcoVersion: 'v1beta1' | 'v1';
  /**
   * `true`: a real Prometheus (Debian's package) scrapes this test's simulator with CDI's and HCO's alerting
   * rules, and the host proxies /api/prometheus to it as the console does. Default false (no Prometheus:
   * the host answers /api/prometheus with 503, as a console without monitoring).
   */
  prometheus: boolean;
  /** Base URL of the test's Prometheus when `prometheus` is true. */
  prometheusUrl: string | undefined;
  cluster: RunningCluster;
  /** Where the host gets the plugin: dist/ itself, or real nginx with deploy/nginx.conf (as in a cluster). */
  servePluginWith: 'host' | 'nginx';
  /** The nginx plugin server when `servePluginWith` is 'nginx'. */
  pluginServer: PluginServer | undefined;
  host: RunningHost;
  k8s: K8sClient;
  sim: SimControls;
  consoleUI: ConsoleUI;
  pageErrors: Error[];
}

export const test = base.extend<Fixtures>({
  // SPEC_SEEDS=dir1:dir2 runs the specs against another cluster state.
  seeds: [process.env.SPEC_SEEDS ? process.env.SPEC_SEEDS.split(':') : [DEMO_SEED], { option: true }],
  clusterOptions: [{}, { option: true }],
  hcoVersion: ['v1beta1', { option: true }],
  cluster: async ({ seeds, clusterOptions, hcoVersion }, use) => {
    const cluster = await launchCluster({ hcoVersion, ...clusterOptions, port: 0, seeds });
    await use(cluster);
    await cluster.close();
  },
  servePluginWith: ['host', { option: true }],
  pluginServer: async ({ servePluginWith }, use) => {
    if (servePluginWith !== 'nginx') {
      await use(undefined);
      return;
    }
    const server = await startPluginServer();
    await use(server);
    await server.close();
  },
  prometheus: [false, { option: true }],
  prometheusUrl: async ({ prometheus, cluster, clusterOptions }, use) => {
    if (!prometheus) {
      await use(undefined);
      return;
    }
    // The rules' `for` elapse in simulated time: the launcher divides them by the cluster's timeScale
    // (the simulator's default is 60, cluster/clock.ts).
    const server = await startPrometheus({
      targetUrl: cluster.url,
      timeScale: clusterOptions.timeScale ?? 60,
    });
    await use(server.url);
    await server.close();
  },
  host: async ({ cluster, pluginServer, prometheusUrl }, use) => {
    const host = await startHost({
      port: 0,
      clusterUrl: cluster.url,
      pluginUrl: pluginServer?.url,
      pluginCa: pluginServer?.ca,
      prometheusUrl,
    });
    await use(host);
    await host.close();
  },
  baseURL: async ({ host }, use) => use(host.url),
  k8s: async ({ cluster }, use) => use(new K8sClient(cluster.url)),
  sim: async ({ cluster }, use) => use(new SimControls(cluster.url)),
  consoleUI: async ({ page }, use) =>
    use({
      switchUser: (user) => switchUser(page, user),
      setTheme: (theme) => setTheme(page, theme),
      expectNoA11yViolations: (options) => expectNoA11yViolations(page, options),
      saveScreenshots: (name) => saveScreenshots(page, name),
    }),
  pageErrors: [
    async ({ page }, use) => {
      // "Element type is invalid" and friends surface here: a page that threw is a failed test.
      const errors: Error[] = [];
      page.on('pageerror', (e) => errors.push(e));
      await use(errors);
      expect(
        errors.map((e) => e.message),
        'uncaught exceptions in the page',
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export {
  K8sClient,
  K8sRequestError,
  PATHS,
  resourcePath,
  type JsonPatchOp,
  type K8sObject,
} from './k8s-client';
