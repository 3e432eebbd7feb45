import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './integration-tests/chromium';

/**
 * Browser tests against the dev console host. Every test gets its own cluster simulator and host on free
 * ports (integration-tests/specs/fixtures.ts), so there is no webServer here. Chromium is Debian's.
 */
/**
 * Two projects, one per HyperConverged API version the simulator serves as preferred: `hco-v1beta1` runs every
 * spec as it always has; `hco-v1` runs the specs that write the HyperConverged (tagged @hco-write) against a
 * cluster that prefers hco.kubevirt.io/v1 (fixture option `hcoVersion`), so every HCO write is checked at both.
 */
export default defineConfig<{ hcoVersion: 'v1beta1' | 'v1' }>({
  testDir: 'integration-tests/specs',
  globalSetup: './integration-tests/specs/global-setup.ts',
  workers: 2,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  // Waits, not speed checks (npm run bench measures speed): the first page of a freshly started host can take
  // over 10 s while the other worker loads Chromium on the same 2 cores.
  expect: { timeout: 20_000 },
  outputDir: 'test-results/playwright-artifacts',
  // scripts/test-all.sh counts results from this file; PW_JSON=... keeps a parallel local run from clobbering it.
  reporter: [['list'], ['json', { outputFile: process.env.PW_JSON ?? 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'hco-v1beta1' }, { name: 'hco-v1', use: { hcoVersion: 'v1' }, grep: /@hco-write/ }],
});
