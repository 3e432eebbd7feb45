import { chromium, type Page } from '@playwright/test';
import { parseArgs } from 'node:util';
import { DEMO_SEED, launchCluster } from '../console/cluster-launcher';
import { startHost } from '../console/server';
import { K8sClient, PATHS } from '../specs/k8s-client';
import globalSetup from '../specs/global-setup';
import { chromiumLaunchOptions } from '../chromium';

/**
 * Benchmark (not a test): the storage profiles page with thousands of storage classes, in Chromium.
 * Prints the time to first rows (from navigation start) and how long the name filter takes to update the
 * table after typing (input event to the first frame after the DOM changed).
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

/**
 * Puts `text` into the name filter in one input event and returns the time from that event to the first
 * frame after the table changed (input event -> React render -> DOM -> paint).
 */
const filterLatency = async (page: Page, text: string): Promise<number> => {
  const input = page.getByRole('searchbox', { name: 'Filter by name' });
  // No named inner functions here: tsx would wrap them in a helper the page does not have.
  await page.evaluate(() => {
    const w = window as unknown as { filterLatency?: number };
    w.filterLatency = undefined;
    document.addEventListener(
      'input',
      () => {
        const start = performance.now();
        const observer = new MutationObserver(() => {
          observer.disconnect();
          requestAnimationFrame(() => (w.filterLatency = performance.now() - start));
        });
        observer.observe(document.querySelector('main')!, {
          childList: true,
          subtree: true,
          characterData: true,
        });
      },
      { capture: true, once: true },
    );
  });
  await input.fill(text);
  await page.waitForFunction(
    () => (window as unknown as { filterLatency?: number }).filterLatency !== undefined,
  );
  return page.evaluate(() => (window as unknown as { filterLatency: number }).filterLatency);
};

const main = async () => {
  await globalSetup();
  const cluster = await launchCluster({ port: 0, seeds: [DEMO_SEED], generate: { storageclasses: classes } });
  const host = await startHost({ port: 0, clusterUrl: cluster.url });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const scs = await new K8sClient(cluster.url).list(PATHS.storageClasses);
    const profiles = await new K8sClient(cluster.url).list(PATHS.storageProfiles);
    console.log(`cluster: ${scs.length} storage classes, ${profiles.length} storage profiles`);
    const firstRows: number[] = [];
    const narrowing: number[] = [];
    const clearing: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript(FIRST_ROWS_PROBE);
      firstRows.push(await timeToFirstRows(page, `${host.url}${LIST_PATH}`));
      // A name that narrows thousands of rows down to one, then back to all of them.
      narrowing.push(await filterLatency(page, scs[scs.length - 1 - i].metadata.name));
      clearing.push(await filterLatency(page, ''));
      await page.close();
    }
    console.log(
      `time to first rows (${runs} page loads): median ${ms(median(firstRows))}, all ${firstRows.map(ms).join(', ')}`,
    );
    console.log(
      `filter ${classes} -> 1 row: median ${ms(median(narrowing))}, all ${narrowing.map(ms).join(', ')}`,
    );
    console.log(
      `filter cleared -> all rows: median ${ms(median(clearing))}, all ${clearing.map(ms).join(', ')}`,
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
