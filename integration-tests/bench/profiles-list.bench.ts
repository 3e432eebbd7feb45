import { chromium, type Page } from '@playwright/test';
import { parseArgs } from 'node:util';
import { DEMO_SEED, launchCluster } from '../console/cluster-launcher';
import { startHost } from '../console/server';
import { K8sClient, PATHS } from '../specs/k8s-client';
import globalSetup from '../specs/global-setup';

/**
 * Benchmark (not a test): the storage profiles page with thousands of storage classes, in Chromium.
 * Prints the time to first rows (from navigation start) and how long the name filter takes to update the
 * table after each keystroke (input event to the next frame after the DOM changed).
 *
 *   npx tsx integration-tests/bench/profiles-list.bench.ts [--classes 2000] [--runs 3]
 */
const { values } = parseArgs({
  options: { classes: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' } },
});
const classes = Number(values.classes);
const runs = Number(values.runs);
const LIST_PATH = '/virtualization-storage/storage-profiles';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Records, in the page, when the first profile row is in the DOM (performance.now(): since navigation). */
const FIRST_ROWS_PROBE = () => {
  const w = window as unknown as { firstRowsAt?: number };
  new MutationObserver((_m, observer) => {
    if (document.querySelector('table[aria-label="Storage profiles"] tbody tr')) {
      w.firstRowsAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

const timeToFirstRows = async (page: Page, url: string): Promise<number> => {
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { firstRowsAt?: number }).firstRowsAt !== undefined,
    null,
    {
      timeout: 120_000,
    },
  );
  return page.evaluate(() => (window as unknown as { firstRowsAt: number }).firstRowsAt);
};

/** Types `text` one key at a time; for each key, the time from its input event to the frame showing the result. */
const filterLatencies = async (page: Page, text: string): Promise<number[]> => {
  const input = page.getByRole('searchbox', { name: 'Filter by name' }).or(page.getByLabel('Filter by name'));
  await input.first().click();
  await page.evaluate(() => {
    const w = window as unknown as { latencies: number[] };
    w.latencies = [];
    const table = () => document.querySelector('main');
    document.addEventListener(
      'input',
      () => {
        const start = performance.now();
        const observer = new MutationObserver(() => {
          observer.disconnect();
          requestAnimationFrame(() => w.latencies.push(performance.now() - start));
        });
        observer.observe(table()!, { childList: true, subtree: true, characterData: true });
      },
      true,
    );
  });
  for (const ch of text) {
    await page.keyboard.type(ch);
    const count = text.indexOf(ch) + 1;
    await page.waitForFunction(
      (n) => (window as unknown as { latencies: number[] }).latencies.length >= n,
      count,
    );
  }
  return page.evaluate(() => (window as unknown as { latencies: number[] }).latencies);
};

const main = async () => {
  await globalSetup();
  const cluster = await launchCluster({ port: 0, seeds: [DEMO_SEED], generate: { storageclasses: classes } });
  const host = await startHost({ port: 0, clusterUrl: cluster.url });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const scs = await new K8sClient(cluster.url).list(PATHS.storageClasses);
    const profiles = await new K8sClient(cluster.url).list(PATHS.storageProfiles);
    console.log(`cluster: ${scs.length} storage classes, ${profiles.length} storage profiles`);
    const firstRows: number[] = [];
    let latencies: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript(FIRST_ROWS_PROBE);
      firstRows.push(await timeToFirstRows(page, `${host.url}${LIST_PATH}`));
      // A name that narrows thousands of rows down to one, typed like a user would.
      latencies = latencies.concat(await filterLatencies(page, scs[scs.length - 1].metadata.name));
      await page.close();
    }
    console.log(
      `time to first rows (${runs} page loads): median ${ms(median(firstRows))}, all ${firstRows.map(ms).join(', ')}`,
    );
    console.log(
      `filter update per keystroke (${latencies.length} keys): median ${ms(median(latencies))}, max ${ms(Math.max(...latencies))}`,
    );
  } finally {
    await browser.close();
    await host.close();
    await cluster.close();
  }
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
