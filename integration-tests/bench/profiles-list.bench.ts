import type { Browser, Page } from '@playwright/test';
import { DEMO_SEED } from '../console/cluster-launcher';
import {
  abba,
  benchArgs,
  checkFirstRows,
  measure,
  median,
  ms,
  reportPluginJs,
  reportTimes,
  ROWS,
  runBench,
  withClusterAndHost,
  type BenchPage,
  type BenchWindow,
} from './harness';

/**
 * Benchmark (not a test): the storage profiles list with thousands of storage classes, in Chromium, against
 * a raw-DOM floor measured in the same run.
 *
 * Every run starts in a fresh browser context on the console host's 404 page (a route that is not ours),
 * with the host and the plugin's entry loaded, and measures from one moment to the first frame painted with
 * table rows in it:
 * - plugin: from the click on the "Storage profiles" nav link (lazy page -> exposed module and its chunks
 *   -> watches through the host's SDK -> React render);
 * - floor: from the start of a page.evaluate that fetches the same two lists (storageprofiles,
 *   storageclasses) through the same host proxy, joins them by name, sorts by name and writes the first 50
 *   rows with document.createElement.
 * Plugin and floor runs alternate (ABBA) so machine load hits both alike; medians are reported, and the
 * last line is the ratio at each size. Also printed per size: where the plugin's time went (resource
 * timings: chunks, first API request, list pages, rows in the DOM, paint), the plugin JS the page pulled
 * (its own entry and chunks, gzip), and at the first size the name-filter latency of the plugin's table.
 *
 *   npm run bench [-- --classes 2000,10000] [--runs 5] [--dist DIR] [--no-filter]
 *
 * `--dist DIR` measures another plugin build (no rebuild of dist/). Exits non-zero on errors (page
 * exceptions, failed requests, missing rows, plugin and floor disagreeing on the first row), never on a
 * slow ratio.
 */
const { sizes, runs, dist, distDir, flag } = benchArgs('classes', '2000,10000', ['no-filter']);

/** The floor: fetch both lists through the host proxy, join, sort, 50 rows of plain DOM. */
const runFloor = (page: Page) =>
  page.evaluate(async (rowCount) => {
    const w = window as unknown as BenchWindow;
    w.benchT0 = performance.now();
    type Obj = {
      metadata: { name: string; annotations?: Record<string, string> };
      provisioner?: string;
      status?: {
        storageClass?: string;
        provisioner?: string;
        cloneStrategy?: string;
        claimPropertySets?: { accessModes?: string[]; volumeMode?: string }[];
      };
    };
    // No named inner functions here: tsx would wrap them in a helper the page does not have.
    const [profiles, classes] = await Promise.all(
      ['/apis/cdi.kubevirt.io/v1beta1/storageprofiles', '/apis/storage.k8s.io/v1/storageclasses'].map((p) =>
        fetch(`/api/kubernetes${p}`, {
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        }).then((r) => {
          if (!r.ok) {
            throw new Error(`floor: ${p}: HTTP ${r.status}`);
          }
          return r.json() as Promise<{ items: Obj[] }>;
        }),
      ),
    );
    const byName = new Map(classes.items.map((c) => [c.metadata.name, c]));
    const rows = profiles.items.map((p) => {
      const sc = byName.get(p.status?.storageClass ?? p.metadata.name);
      return {
        name: p.metadata.name,
        provisioner: p.status?.provisioner ?? sc?.provisioner ?? '',
        isDefault: sc?.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
        sets: (p.status?.claimPropertySets ?? [])
          .map((s) => `${(s.accessModes ?? []).join(', ')} ${s.volumeMode ?? ''}`)
          .join('; '),
        cloneStrategy: p.status?.cloneStrategy ?? '',
      };
    });
    const collator = new Intl.Collator(undefined, { numeric: true });
    rows.sort((a, b) => collator.compare(a.name, b.name));
    const table = document.createElement('table');
    table.setAttribute('aria-label', 'Storage profiles (floor)');
    const head = table.createTHead().insertRow();
    for (const title of ['Name', 'Provisioner', 'Default', 'Access and volume modes', 'Clone strategy']) {
      const th = document.createElement('th');
      th.textContent = title;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const r of rows.slice(0, rowCount)) {
      const tr = document.createElement('tr');
      for (const text of [r.name, r.provisioner, r.isDefault ? 'Default' : '', r.sets, r.cloneStrategy]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    (document.querySelector('main') ?? document.body).replaceChildren(table);
  }, ROWS);

/**
 * Puts `text` into the name filter in one input event and returns the time from that event to the first
 * frame after the table changed (input event -> React render -> DOM -> paint).
 */
const filterLatency = async (page: Page, text: string): Promise<number> => {
  await page.evaluate(() => {
    const w = window as unknown as { filterLatency?: number };
    w.filterLatency = undefined;
    document.addEventListener(
      'input',
      () => {
        const start = performance.now();
        const observer = new MutationObserver(() => {
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => (w.filterLatency = performance.now() - start)));
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
  await page.getByRole('searchbox', { name: 'Filter by name' }).fill(text);
  await page.waitForFunction(
    () => (window as unknown as { filterLatency?: number }).filterLatency !== undefined,
  );
  return page.evaluate(() => (window as unknown as { filterLatency: number }).filterLatency);
};

interface Filter {
  narrow: number;
  clear: number;
}

interface SizeResult {
  classes: number;
  plugin: number;
  floor: number;
}

const benchSize = async (browser: Browser, classes: number, withFilter: boolean): Promise<SizeResult> =>
  withClusterAndHost(
    { port: 0, seeds: [DEMO_SEED], generate: { storageclasses: classes } },
    distDir,
    async (hostUrl) => {
      const bench: BenchPage = {
        hostUrl,
        navLink: 'Storage profiles',
        pluginRows: 'table[aria-label="Storage profiles"] tbody tr',
        floorRows: 'table[aria-label="Storage profiles (floor)"] tbody tr',
        // The plugin's name cell links to the details page (and may carry labels below the link).
        nameSelector: 'a',
        lists: /\/(storageprofiles|storageclasses|volumesnapshotclasses)$/,
        floor: runFloor,
      };
      // The filter narrows to one existing class (the last generated one), then back to all of them; only at
      // the first size, to keep the bench short.
      const filterName = `gen-sc-${String(classes - 1).padStart(4, '0')}`;
      const filterHooks = (page: Page) => ({
        afterPlugin: async (): Promise<Filter> => ({
          narrow: await filterLatency(page, filterName),
          clear: await filterLatency(page, ''),
        }),
      });
      const results = await abba(runs, (kind, warmUp) =>
        measure<Filter>(browser, bench, kind, withFilter && !warmUp ? filterHooks : undefined),
      );
      checkFirstRows(results);
      const times = reportTimes(`${classes} classes`, 'fetch 2 lists + join + sort + 50 DOM rows', results);
      const filters = results.plugin.flatMap((r) => (r.extra ? [r.extra] : []));
      if (filters.length) {
        console.log(
          `  filter ${classes} -> 1 row: median ${ms(median(filters.map((f) => f.narrow)))}; ` +
            `cleared -> all rows: median ${ms(median(filters.map((f) => f.clear)))}`,
        );
      }
      reportPluginJs(distDir, results.plugin);
      return { classes, ...times };
    },
  );

runBench(dist, async (browser) => {
  const results: SizeResult[] = [];
  for (const [i, classes] of sizes.entries()) {
    results.push(await benchSize(browser, classes, i === 0 && !flag('no-filter')));
  }
  return `first rows: plugin/floor = ${results
    .map((r) => `${(r.plugin / r.floor).toFixed(2)}x at ${r.classes} classes`)
    .join(', ')}`;
});
