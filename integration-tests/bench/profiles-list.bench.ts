import { chromium, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildHost } from '../console/build';
import { DEMO_SEED, launchCluster, repoRoot } from '../console/cluster-launcher';
import { startHost } from '../console/server';
import globalSetup from '../specs/global-setup';
import { chromiumLaunchOptions } from '../chromium';

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
const { values } = parseArgs({
  options: {
    classes: { type: 'string', default: '2000,10000' },
    runs: { type: 'string', default: '5' },
    dist: { type: 'string' },
    'no-filter': { type: 'boolean', default: false },
  },
});
const sizes = values.classes.split(',').map(Number);
const runs = Number(values.runs);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
  throw new Error(
    `--classes wants counts like 2000,10000 and --runs a count; got ${values.classes} / ${values.runs}`,
  );
}
const distDir = path.resolve(values.dist ?? path.join(repoRoot, 'dist'));

const PLUGIN_NAME = 'virt-storage-plugin';
const PLUGIN_PREFIX = `/api/plugins/${PLUGIN_NAME}/`;
/** Any route the plugin does not own: the host shows its 404 page with the plugin's nav loaded. */
const NOT_OURS = '/bench/not-a-plugin-route';
const NAV_LINK = 'Storage profiles';
const PLUGIN_TABLE = 'table[aria-label="Storage profiles"] tbody tr';
const FLOOR_TABLE = 'table[aria-label="Storage profiles (floor)"] tbody tr';
const ROWS = 50;
const TIMEOUT = 120_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

interface BenchWindow {
  benchT0?: number;
  benchDom?: number;
  benchPainted?: number;
  benchFirstRow?: string;
  benchRows?: number;
}

/**
 * In the page: once `selector` matches, records the first row's first cell and the row count, then the time
 * of the first frame after that DOM change (requestAnimationFrame runs before the paint, the task after it
 * after the paint). Set up before the measured action; `benchT0` is set by the action.
 * No named inner functions here: tsx would wrap them in a helper the page does not have.
 */
const armProbe = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const w = window as unknown as BenchWindow;
    w.benchT0 = undefined;
    w.benchDom = undefined;
    w.benchPainted = undefined;
    const observer = new MutationObserver(() => {
      const row = document.querySelector(sel);
      if (!row) {
        return;
      }
      observer.disconnect();
      w.benchDom = performance.now();
      // The name: the plugin's name cell links to the details page (and may carry labels below the link).
      const cell = row.querySelector('td');
      w.benchFirstRow = ((cell?.querySelector('a') ?? cell)?.textContent ?? '').trim();
      w.benchRows = row.parentElement?.children.length ?? 0;
      requestAnimationFrame(() => setTimeout(() => (w.benchPainted = performance.now())));
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }, selector);

/** Where the time went in one run, in ms after the start (resource timings of the page). */
interface Phases {
  /** Plugin JS requested after the start (chunks): count and when the last one was in. */
  chunks: number;
  chunksDone: number;
  /** First Kubernetes API request (discovery, access review or list). */
  firstApi: number;
  /** List requests (every page): count, first start, last end. */
  lists: number;
  listsStart: number;
  listsDone: number;
  /** Rows in the DOM, and the frame after that painted. */
  dom: number;
  painted: number;
}

const probeResult = async (page: Page) => {
  await page.waitForFunction(() => (window as unknown as BenchWindow).benchPainted !== undefined, null, {
    timeout: TIMEOUT,
  });
  return page.evaluate(
    ({ pluginPrefix }) => {
      const w = window as unknown as Required<BenchWindow>;
      const t0 = w.benchT0;
      const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
        (e) => e.startTime >= t0,
      );
      const paths = entries.map((e) => ({ e, path: new URL(e.name).pathname }));
      const chunks = paths.filter((x) => x.path.startsWith(pluginPrefix) && x.path.endsWith('.js'));
      const api = paths.filter((x) => x.path.startsWith('/api/kubernetes/'));
      const lists = api.filter((x) =>
        /\/(storageprofiles|storageclasses|volumesnapshotclasses)$/.test(x.path),
      );
      const phases: Phases = {
        chunks: chunks.length,
        chunksDone: Math.max(0, ...chunks.map((x) => x.e.responseEnd - t0)),
        firstApi: Math.min(...api.map((x) => x.e.startTime - t0)),
        lists: lists.length,
        listsStart: Math.min(...lists.map((x) => x.e.startTime - t0)),
        listsDone: Math.max(...lists.map((x) => x.e.responseEnd - t0)),
        dom: w.benchDom - t0,
        painted: w.benchPainted - t0,
      };
      return { ms: phases.painted, firstRow: w.benchFirstRow, rows: w.benchRows, phases };
    },
    { pluginPrefix: PLUGIN_PREFIX },
  );
};

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

type Kind = 'plugin' | 'floor';

interface RunResult {
  ms: number;
  firstRow: string;
  phases?: Phases;
  /** Plugin runs: paths (below the plugin's base URL) of the plugin's JS the page requested. */
  pluginJs: string[];
  filter?: { narrow: number; clear: number };
}

/** One measured run in a fresh context: the host's 404 page, then the plugin's page or the floor. */
const measure = async (
  browser: Browser,
  hostUrl: string,
  kind: Kind,
  filterName?: string,
): Promise<RunResult> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  const pluginJs: string[] = [];
  let measuring = true;
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      if (measuring) errors.push(`request failed: ${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
    });
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (r.status() >= 400) {
        errors.push(`HTTP ${r.status()}: ${r.request().method()} ${url.pathname}${url.search}`);
      }
      if (url.pathname.startsWith(PLUGIN_PREFIX) && url.pathname.endsWith('.js')) {
        pluginJs.push(url.pathname.slice(PLUGIN_PREFIX.length));
      }
    });
    await page.goto(`${hostUrl}${NOT_OURS}`);
    const link = page.getByRole('link', { name: NAV_LINK, exact: true });
    await link.waitFor({ timeout: TIMEOUT });
    await page.getByRole('heading', { name: '404: Page not found' }).waitFor();
    // Start from a quiet page: host, plugin entry, translations and fonts all in.
    await page.waitForLoadState('networkidle');
    const result: RunResult = { ms: 0, firstRow: '', pluginJs };
    if (kind === 'plugin') {
      await armProbe(page, PLUGIN_TABLE);
      await page.evaluate(() =>
        document.addEventListener(
          'click',
          () => ((window as unknown as BenchWindow).benchT0 = performance.now()),
          { capture: true, once: true },
        ),
      );
      await link.click();
    } else {
      await armProbe(page, FLOOR_TABLE);
      await runFloor(page);
    }
    const probe = await probeResult(page);
    if (probe.rows !== ROWS) {
      errors.push(`${kind}: ${probe.rows} rows painted, expected ${ROWS}`);
    }
    Object.assign(result, { ms: probe.ms, firstRow: probe.firstRow, phases: probe.phases });
    if (kind === 'plugin' && filterName) {
      result.filter = { narrow: await filterLatency(page, filterName), clear: await filterLatency(page, '') };
    }
    measuring = false;
    if (errors.length) {
      throw new Error(`${kind} run failed:\n  ${errors.join('\n  ')}`);
    }
    return result;
  } finally {
    measuring = false;
    await context.close();
  }
};

const gzipSize = (file: string) => gzipSync(readFileSync(path.join(distDir, file))).length;
const rawSize = (file: string) => readFileSync(path.join(distDir, file)).length;

interface SizeResult {
  classes: number;
  plugin: number;
  floor: number;
}

const benchSize = async (browser: Browser, classes: number, withFilter: boolean): Promise<SizeResult> => {
  const cluster = await launchCluster({ port: 0, seeds: [DEMO_SEED], generate: { storageclasses: classes } });
  const host = await startHost({ port: 0, clusterUrl: cluster.url, distDir });
  try {
    const results: Record<Kind, RunResult[]> = { plugin: [], floor: [] };
    // Warm-up (not counted): the simulator's and the browser's first large lists are much slower.
    await measure(browser, host.url, 'plugin');
    await measure(browser, host.url, 'floor');
    for (let i = 0; i < runs; i++) {
      // ABBA: plugin first in even runs, floor first in odd ones.
      const order: Kind[] = i % 2 === 0 ? ['plugin', 'floor'] : ['floor', 'plugin'];
      for (const kind of order) {
        // The filter narrows to one existing class (the last generated one), then back to all of them; only
        // at the first size, to keep the bench short.
        const filterName =
          kind === 'plugin' && withFilter ? `gen-sc-${String(classes - 1).padStart(4, '0')}` : undefined;
        results[kind].push(await measure(browser, host.url, kind, filterName));
      }
    }
    const [plugin, floor] = [results.plugin, results.floor];
    const firstRows = new Set([...plugin, ...floor].map((r) => r.firstRow));
    if (firstRows.size !== 1) {
      throw new Error(`plugin and floor disagree on the first row: ${[...firstRows].join(' / ')}`);
    }
    const pm = median(plugin.map((r) => r.ms));
    const fm = median(floor.map((r) => r.ms));
    const all = (rs: RunResult[]) => rs.map((r) => r.ms.toFixed(0)).join(', ');
    console.log(`${classes} classes, first rows (median of ${runs}, ms):`);
    console.log(`  plugin ${ms(pm)}  [${all(plugin)}]  (click on the nav link -> rows painted)`);
    console.log(
      `  floor  ${ms(fm)}  [${all(floor)}]  (fetch 2 lists + join + sort + 50 DOM rows -> painted)`,
    );
    console.log(`  ratio  ${(pm / fm).toFixed(2)}x`);
    const phase = (rs: RunResult[], key: keyof Phases) => median(rs.map((r) => r.phases![key])).toFixed(0);
    console.log(
      `  plugin waterfall (medians, ms after the click): ${phase(plugin, 'chunks')} chunk(s) in by ` +
        `${phase(plugin, 'chunksDone')}; first API request ${phase(plugin, 'firstApi')}; ` +
        `${phase(plugin, 'lists')} list requests ${phase(plugin, 'listsStart')}-${phase(plugin, 'listsDone')}; ` +
        `rows in DOM ${phase(plugin, 'dom')}; painted ${phase(plugin, 'painted')}`,
    );
    console.log(
      `  floor waterfall: ${phase(floor, 'lists')} list requests ${phase(floor, 'listsStart')}-` +
        `${phase(floor, 'listsDone')}; rows in DOM ${phase(floor, 'dom')}; painted ${phase(floor, 'painted')}`,
    );
    const filters = plugin.flatMap((r) => (r.filter ? [r.filter] : []));
    if (filters.length) {
      console.log(
        `  filter ${classes} -> 1 row: median ${ms(median(filters.map((f) => f.narrow)))}; ` +
          `cleared -> all rows: median ${ms(median(filters.map((f) => f.clear)))}`,
      );
    }
    const js = [...new Set(plugin.flatMap((r) => r.pluginJs))].sort();
    const gz = js.reduce((sum, f) => sum + gzipSize(f), 0);
    const raw = js.reduce((sum, f) => sum + rawSize(f), 0);
    const entry = js.filter((f) => f.startsWith('plugin-entry')).length;
    console.log(
      `  plugin JS pulled by the page: ${kib(gz)} gzip (${kib(raw)} minified) in ${js.length} files ` +
        `(${entry} entry + ${js.length - entry} chunks)`,
    );
    return { classes, plugin: pm, floor: fm };
  } finally {
    await host.close();
    await cluster.close();
  }
};

const main = async () => {
  if (values.dist) {
    await buildHost();
  } else {
    await globalSetup();
  }
  const started = Date.now();
  const browser = await chromium.launch(chromiumLaunchOptions);
  const results: SizeResult[] = [];
  try {
    for (const [i, classes] of sizes.entries()) {
      results.push(await benchSize(browser, classes, i === 0 && !values['no-filter']));
    }
  } finally {
    await browser.close();
  }
  console.log(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(
    `first rows: plugin/floor = ${results
      .map((r) => `${(r.plugin / r.floor).toFixed(2)}x at ${r.classes} classes`)
      .join(', ')}`,
  );
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
