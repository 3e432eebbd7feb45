import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './integration-tests/chromium';

/**
 * Browser tests against the dev console host. Every test gets its own cluster simulator and host on free
 * ports (integration-tests/specs/fixtures.ts), so there is no webServer here. Chromium is Debian's.
 */
export default defineConfig({
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
});
