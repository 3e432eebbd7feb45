import { chromium, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromiumLaunchOptions } from '../chromium';
import { buildHost } from '../console/build';
import { launchCluster, repoRoot, type ClusterOptions } from '../console/cluster-launcher';
import { startHost } from '../console/server';
import globalSetup from '../specs/global-setup';

/**
 * What the browser benchmarks share: start-up (host build, Chromium, cluster and host per size), one measured
 * run from the host's 404 page (a probe for the first frame painted with table rows, the plugin's nav-link
 * click or the page's raw-DOM floor, the resource timings of the run), the ABBA loop with warm-up, medians
 * and the report (times, waterfall, plugin JS the page pulled).
 *
 * Measured in each run: from one moment to the first frame painted with table rows in it:
 * - plugin: from the click on the plugin's nav link (lazy page -> exposed module and its chunks -> watches
 *   through the host's SDK -> React render);
 * - floor: from the start of a page.evaluate that fetches the same lists through the same host proxy and
 *   writes the first rows with document.createElement (each benchmark brings its own floor).
 */

const PLUGIN_NAME = 'virt-storage-plugin';
export const PLUGIN_PREFIX = `/api/plugins/${PLUGIN_NAME}/`;
/** Any route the plugin does not own: the host shows its 404 page with the plugin's nav loaded. */
const NOT_OURS = '/bench/not-a-plugin-route';
/** Rows on the first page of the plugin's tables, and rows the floors write. */
export const ROWS = 50;
const TIMEOUT = 120_000;

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const ms = (x: number) => `${x.toFixed(0)} ms`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * The command line every benchmark takes: `--<sizeFlag> N[,N…]` (the sizes, default `sizeDefault`),
 * `--runs N` (default 5), `--dist DIR` (the plugin build measured, default the repository's dist/), and its own
 * boolean `flags`. Throws on sizes or runs that are not positive counts.
 */
export const benchArgs = (sizeFlag: string, sizeDefault: string, flags: readonly string[] = []) => {
  const { values } = parseArgs({
    options: {
      [sizeFlag]: { type: 'string', default: sizeDefault },
      runs: { type: 'string', default: '5' },
      dist: { type: 'string' },
      ...Object.fromEntries(flags.map((f) => [f, { type: 'boolean', default: false } as const])),
    },
  });
  const sizeText = String(values[sizeFlag]);
  const runsText = String(values.runs);
  const sizes = sizeText.split(',').map(Number);
  const runs = Number(runsText);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
    throw new Error(
      `--${sizeFlag} wants counts like ${sizeDefault} and --runs a count; got ${sizeText} / ${runsText}`,
    );
  }
  const dist = typeof values.dist === 'string' ? values.dist : undefined;
  return {
    sizes,
    runs,
    dist,
    distDir: path.resolve(dist ?? path.join(repoRoot, 'dist')),
    flag: (name: string) => values[name] === true,
  };
};

export interface BenchWindow {
  benchT0?: number;
  benchDom?: number;
  benchPainted?: number;
  benchFirstRow?: string;
  benchRows?: number;
  /** Long tasks (main thread busy over 50 ms) since the probe was armed: start and duration. */
  benchLongTasks?: { start: number; duration: number }[];
}

/**
 * In the page: once `selector` matches, records the first row's name (the text of `nameSelector` in its first
 * cell, else of the whole cell) and the row count, then the time of the first frame after that DOM change
 * (requestAnimationFrame runs before the paint, the task after it after the paint). Set up before the
 * measured action; `benchT0` is set by the action.
 * No named inner functions here: tsx would wrap them in a helper the page does not have.
 */
const armProbe = (page: Page, selector: string, nameSelector: string) =>
  page.evaluate(
    ({ sel, nameSel }) => {
      const w = window as unknown as BenchWindow;
      w.benchT0 = undefined;
      w.benchDom = undefined;
      w.benchPainted = undefined;
      const tasks: { start: number; duration: number }[] = [];
      w.benchLongTasks = tasks;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' });
      const observer = new MutationObserver(() => {
        const row = document.querySelector(sel);
        if (!row) {
          return;
        }
        observer.disconnect();
        w.benchDom = performance.now();
        const cell = row.querySelector('td');
        w.benchFirstRow = ((cell?.querySelector(nameSel) ?? cell)?.textContent ?? '').trim();
        w.benchRows = row.parentElement?.children.length ?? 0;
        requestAnimationFrame(() => setTimeout(() => (w.benchPainted = performance.now())));
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    },
    { sel: selector, nameSel: nameSelector },
  );

/** Where the time went in one run, in ms after the start (resource timings of the page). */
export interface Phases {
  /** Plugin JS requested after the start (chunks): count and when the last one was in. */
  chunks: number;
  chunksDone: number;
  /** First Kubernetes API request (discovery, access review or list). */
  firstApi: number;
  /** List requests (every page): count, first start, last end. */
  lists: number;
  listsStart: number;
  listsDone: number;
  /** When the first page of every list was in (list requests without `continue`). */
  firstPagesDone: number;
  /** Long tasks that started before the rows were in the DOM: count, summed and longest duration. */
  longTasks: number;
  longTasksMs: number;
  longestTask: number;
  /** Rows in the DOM, and the frame after that painted. */
  dom: number;
  painted: number;
}

/** Waits for the probe's paint and reads it with the phases; `lists` matches list request paths. */
const probeResult = async (page: Page, lists: RegExp) => {
  await page.waitForFunction(() => (window as unknown as BenchWindow).benchPainted !== undefined, null, {
    timeout: TIMEOUT,
  });
  return page.evaluate(
    ({ pluginPrefix, listSource }) => {
      const w = window as unknown as Required<BenchWindow>;
      const t0 = w.benchT0;
      const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
        (e) => e.startTime >= t0,
      );
      const paths = entries.map((e) => ({ e, path: new URL(e.name).pathname }));
      const chunks = paths.filter((x) => x.path.startsWith(pluginPrefix) && x.path.endsWith('.js'));
      const api = paths.filter((x) => x.path.startsWith('/api/kubernetes/'));
      const listPattern = new RegExp(listSource);
      const listed = api.filter((x) => listPattern.test(x.path));
      const firstPages = listed.filter((x) => !new URL(x.e.name).searchParams.has('continue'));
      const tasks = w.benchLongTasks.filter((x) => x.start >= t0 && x.start < w.benchDom);
      const phases: Phases = {
        chunks: chunks.length,
        chunksDone: Math.max(0, ...chunks.map((x) => x.e.responseEnd - t0)),
        firstApi: Math.min(...api.map((x) => x.e.startTime - t0)),
        lists: listed.length,
        listsStart: Math.min(...listed.map((x) => x.e.startTime - t0)),
        listsDone: Math.max(...listed.map((x) => x.e.responseEnd - t0)),
        firstPagesDone: Math.max(...firstPages.map((x) => x.e.responseEnd - t0)),
        longTasks: tasks.length,
        longTasksMs: tasks.reduce((sum, x) => sum + x.duration, 0),
        longestTask: Math.max(0, ...tasks.map((x) => x.duration)),
        dom: w.benchDom - t0,
        painted: w.benchPainted - t0,
      };
      return { ms: phases.painted, firstRow: w.benchFirstRow, rows: w.benchRows, phases };
    },
    { pluginPrefix: PLUGIN_PREFIX, listSource: lists.source },
  );
};

export type Kind = 'plugin' | 'floor';

/** One benchmark's page: its nav link, its table, the floor and what counts as a list request. */
export interface BenchPage {
  hostUrl: string;
  navLink: string;
  /** Rows of the plugin's table and of the floor's. */
  pluginRows: string;
  floorRows: string;
  /** Where the name is in the plugin's first cell (the floor's cell is the name). */
  nameSelector: string;
  /** Paths of list requests (resource timings), for the waterfall. */
  lists: RegExp;
  /** Sets `benchT0` at its start, then writes `ROWS` rows into a table the `floorRows` selector finds. */
  floor: (page: Page) => Promise<void>;
}

/** Per-run additions, made for the run's page before it loads. */
export interface RunHooks<X> {
  /** Just before the click on the nav link or the floor's start. */
  beforeStart?: () => void;
  /** Plugin runs, once the rows are painted: more measurements of the page. */
  afterPlugin?: () => Promise<X>;
}

export interface RunResult<X = never> {
  ms: number;
  firstRow: string;
  phases?: Phases;
  /** Plugin runs: paths (below the plugin's base URL) of the plugin's JS the page requested. */
  pluginJs: string[];
  extra?: X;
}

/** One measured run in a fresh context: the host's 404 page, then the plugin's page or the floor. */
export const measure = async <X = never>(
  browser: Browser,
  bench: BenchPage,
  kind: Kind,
  hooks?: (page: Page) => RunHooks<X>,
): Promise<RunResult<X>> => {
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
    const runHooks = hooks?.(page) ?? {};
    await page.goto(`${bench.hostUrl}${NOT_OURS}`);
    const link = page.getByRole('link', { name: bench.navLink, exact: true });
    await link.waitFor({ timeout: TIMEOUT });
    await page.getByRole('heading', { name: '404: Page not found' }).waitFor();
    // Start from a quiet page: host, plugin entry, translations and fonts all in.
    await page.waitForLoadState('networkidle');
    const result: RunResult<X> = { ms: 0, firstRow: '', pluginJs };
    if (kind === 'plugin') {
      await armProbe(page, bench.pluginRows, bench.nameSelector);
      await page.evaluate(() =>
        document.addEventListener(
          'click',
          () => ((window as unknown as BenchWindow).benchT0 = performance.now()),
          { capture: true, once: true },
        ),
      );
      runHooks.beforeStart?.();
      await link.click();
    } else {
      await armProbe(page, bench.floorRows, bench.nameSelector);
      runHooks.beforeStart?.();
      await bench.floor(page);
    }
    const probe = await probeResult(page, bench.lists);
    if (probe.rows !== ROWS) {
      errors.push(`${kind}: ${probe.rows} rows painted, expected ${ROWS}`);
    }
    Object.assign(result, { ms: probe.ms, firstRow: probe.firstRow, phases: probe.phases });
    if (kind === 'plugin' && runHooks.afterPlugin) {
      result.extra = await runHooks.afterPlugin();
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

/**
 * A warm-up plugin and floor run (not counted: the simulator's and the browser's first large lists are much
 * slower), then `runs` of each, alternating ABBA (plugin first in even runs, floor first in odd ones) so
 * machine load hits both alike.
 */
export const abba = async <R>(
  runs: number,
  run: (kind: Kind, warmUp: boolean) => Promise<R>,
): Promise<Record<Kind, R[]>> => {
  const results: Record<Kind, R[]> = { plugin: [], floor: [] };
  await run('plugin', true);
  await run('floor', true);
  for (let i = 0; i < runs; i++) {
    const order: Kind[] = i % 2 === 0 ? ['plugin', 'floor'] : ['floor', 'plugin'];
    for (const kind of order) {
      results[kind].push(await run(kind, false));
    }
  }
  return results;
};

/** Throws unless every run, plugin and floor, found the same first row. */
export const checkFirstRows = (results: Record<Kind, RunResult<unknown>[]>) => {
  const firstRows = new Set([...results.plugin, ...results.floor].map((r) => r.firstRow));
  if (firstRows.size !== 1) {
    throw new Error(`plugin and floor disagree on the first row: ${[...firstRows].join(' / ')}`);
  }
};

/** The median of one phase over runs, in whole ms. */
export const phase = (rs: RunResult<unknown>[], key: keyof Phases) =>
  median(rs.map((r) => r.phases![key])).toFixed(0);

/**
 * Prints the medians of both kinds (header line `title`, what the floor did in `floorWhat`), the ratio and
 * both waterfalls; returns the medians.
 */
export const reportTimes = (
  title: string,
  floorWhat: string,
  results: Record<Kind, RunResult<unknown>[]>,
): { plugin: number; floor: number } => {
  const { plugin, floor } = results;
  const pm = median(plugin.map((r) => r.ms));
  const fm = median(floor.map((r) => r.ms));
  const all = (rs: RunResult<unknown>[]) => rs.map((r) => r.ms.toFixed(0)).join(', ');
  console.log(`${title}, first rows (median of ${plugin.length}, ms):`);
  console.log(`  plugin ${ms(pm)}  [${all(plugin)}]  (click on the nav link -> rows painted)`);
  console.log(`  floor  ${ms(fm)}  [${all(floor)}]  (${floorWhat} -> painted)`);
  console.log(`  ratio  ${(pm / fm).toFixed(2)}x`);
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
  return { plugin: pm, floor: fm };
};

/** Prints the plugin JS the plugin runs pulled (entry and chunks of `distDir`, gzip and minified). */
export const reportPluginJs = (distDir: string, plugin: RunResult<unknown>[]) => {
  const size = (file: string, gzip: boolean) => {
    const bytes = readFileSync(path.join(distDir, file));
    return gzip ? gzipSync(bytes).length : bytes.length;
  };
  const js = [...new Set(plugin.flatMap((r) => r.pluginJs))].sort();
  const gz = js.reduce((sum, f) => sum + size(f, true), 0);
  const raw = js.reduce((sum, f) => sum + size(f, false), 0);
  const entry = js.filter((f) => f.startsWith('plugin-entry')).length;
  console.log(
    `  plugin JS pulled by the page: ${kib(gz)} gzip (${kib(raw)} minified) in ${js.length} files ` +
      `(${entry} entry + ${js.length - entry} chunks)`,
  );
  return { gzip: gz, minified: raw, files: js.length };
};

/** A cluster simulator and a console host serving `distDir` for `body`, closed after it. */
export const withClusterAndHost = async <R>(
  cluster: ClusterOptions,
  distDir: string,
  body: (hostUrl: string) => Promise<R>,
): Promise<R> => {
  const running = await launchCluster(cluster);
  const host = await startHost({ port: 0, clusterUrl: running.url, distDir });
  try {
    return await body(host.url);
  } finally {
    await host.close();
    await running.close();
  }
};

/**
 * Runs a benchmark: builds the host (and, without `--dist`, the plugin when dist/ is missing or older than
 * its sources), starts Chromium, runs `body` and prints how long it all took, then the line `body` returns
 * (the ratio line, last). Exits non-zero on any error.
 */
export const runBench = (dist: string | undefined, body: (browser: Browser) => Promise<string>) => {
  const main = async () => {
    if (dist) {
      await buildHost();
    } else {
      await globalSetup();
    }
    const started = Date.now();
    const browser = await chromium.launch(chromiumLaunchOptions);
    let last: string;
    try {
      last = await body(browser);
    } finally {
      await browser.close();
    }
    console.log(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(last);
  };
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
};
