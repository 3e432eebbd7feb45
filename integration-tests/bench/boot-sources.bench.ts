import type { Browser, Page } from '@playwright/test';
import { DEMO_SEED } from '../console/cluster-launcher';
import {
  abba,
  benchArgs,
  checkFirstRows,
  phase,
  measure,
  reportPluginJs,
  reportTimes,
  ROWS,
  runBench,
  withClusterAndHost,
  type BenchPage,
  type BenchWindow,
  type RunHooks,
} from './harness';

/**
 * Benchmark (not a test): the boot-sources dashboard with hundreds of golden-image DataImportCrons (the demo
 * seed plus `generate: {dataimportcrons: N}`: crons, their DataSources and PVCs, one in ten failing), in
 * Chromium, against a raw-DOM floor measured in the same run (see harness.ts for how a run is measured):
 * - plugin: from the click on the "Boot sources" nav link to the first frame painted with rows in the
 *   "Boot sources" table (HyperConverged gate, six watched lists, rows merged and sorted worst first);
 * - floor: fetches the HyperConverged list, the DataImportCrons and the DataSources through the same host
 *   proxy, joins crons to DataSources by namespace and managedDataSource, computes each cron's health from its
 *   UpToDate/Progressing conditions, sorts worst first then by name and writes the first 50 rows with
 *   document.createElement.
 * Also counted in every plugin run: the watches the page opened (WebSockets, and any `watch=true` HTTP
 * request, from the click until no new one came for a second) per resource kind; more than one watch of a
 * kind fails the bench. The last line is the ratio at each size.
 *
 *   npm run bench:boot-sources [-- --crons 500] [--runs 5] [--dist DIR]
 *
 * `--dist DIR` measures another plugin build (no rebuild of dist/). Exits non-zero on errors (page
 * exceptions, failed requests, missing rows, plugin and floor disagreeing on the first row, a kind watched
 * more than once), never on a slow ratio.
 */
const { sizes, runs, dist, distDir } = benchArgs('crons', '500');

/** The floor: fetch three lists through the host proxy, join, health, sort, 50 rows of plain DOM. */
const runFloor = (page: Page) =>
  page.evaluate(async (rowCount) => {
    const w = window as unknown as BenchWindow;
    w.benchT0 = performance.now();
    type Condition = { type: string; status: string; reason?: string };
    type Obj = {
      metadata: { name: string; namespace?: string };
      spec?: {
        managedDataSource?: string;
        schedule?: string;
        template?: { spec?: { source?: { registry?: { url?: string } } } };
      };
      status?: {
        conditions?: Condition[];
        currentImports?: unknown[];
        dataImportCronTemplates?: { metadata: { name: string } }[];
      };
    };
    // No named inner functions here: tsx would wrap them in a helper the page does not have.
    const [hcos, crons, sources] = await Promise.all(
      [
        '/apis/hco.kubevirt.io/v1beta1/hyperconvergeds',
        '/apis/cdi.kubevirt.io/v1beta1/dataimportcrons',
        '/apis/cdi.kubevirt.io/v1beta1/datasources',
      ].map((p) =>
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
    const fromHco = new Set(
      (hcos.items[0]?.status?.dataImportCronTemplates ?? []).map((t) => t.metadata.name),
    );
    const dsByKey = new Map(sources.items.map((d) => [`${d.metadata.namespace}/${d.metadata.name}`, d]));
    // Worst first, as the dashboard orders rows.
    const order = ['failing', 'outdated', 'importing', 'pending', 'unknown', 'up-to-date'];
    const failedPhases = ['Failed', 'ImportFailed', 'Unknown'];
    const rows = crons.items.map((c) => {
      const conditions = c.status?.conditions ?? [];
      const upToDate = conditions.find((x) => x.type === 'UpToDate');
      const progressing = conditions.find((x) => x.type === 'Progressing');
      const health =
        upToDate?.reason === 'NoDigest' || failedPhases.includes(progressing?.reason ?? '')
          ? 'failing'
          : upToDate?.reason === 'Outdated'
            ? 'outdated'
            : (c.status?.currentImports ?? []).length > 0 ||
                progressing?.status === 'True' ||
                upToDate?.reason === 'ImportProgressing'
              ? 'importing'
              : upToDate?.status === 'True'
                ? 'up-to-date'
                : !upToDate
                  ? 'pending'
                  : 'unknown';
      const dsName = c.spec?.managedDataSource ?? '';
      const ds = dsByKey.get(`${c.metadata.namespace}/${dsName}`);
      const ready = ds?.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True';
      return {
        name: c.metadata.name,
        health,
        rank: order.indexOf(health),
        kind: fromHco.has(c.metadata.name) ? 'From HyperConverged' : 'Not from HyperConverged',
        namespace: c.metadata.namespace ?? '',
        schedule: c.spec?.schedule ?? '',
        url: c.spec?.template?.spec?.source?.registry?.url ?? '',
        dataSource: ds ? `${dsName} (${ready ? 'ready' : 'not ready'})` : `${dsName} (not created yet)`,
      };
    });
    const collator = new Intl.Collator(undefined, { numeric: true });
    rows.sort((a, b) => a.rank - b.rank || collator.compare(a.name, b.name));
    const table = document.createElement('table');
    table.setAttribute('aria-label', 'Boot sources (floor)');
    const head = table.createTHead().insertRow();
    for (const title of ['Name', 'Status', 'Kind', 'Namespace', 'Schedule', 'Source', 'DataSource']) {
      const th = document.createElement('th');
      th.textContent = title;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const r of rows.slice(0, rowCount)) {
      const tr = document.createElement('tr');
      for (const text of [r.name, r.health, r.kind, r.namespace, r.schedule, r.url, r.dataSource]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    (document.querySelector('main') ?? document.body).replaceChildren(table);
  }, ROWS);

/** Per resource kind (`plural.group`, `plural` for the core group): watches opened and lists started. */
interface WatchCounts {
  watches: Record<string, number>;
  lists: Record<string, number>;
}

/**
 * The kind a request through the host proxy reads (`/api/kubernetes/apis/g/v/[namespaces/ns/]plural[/name]`)
 * and whether it names one object, or undefined for discovery and anything outside the proxy.
 */
const kindOf = (url: string): { kind: string; named: boolean } | undefined => {
  const { pathname } = new URL(url);
  if (!pathname.startsWith('/api/kubernetes/')) return undefined;
  const [root, ...rest] = pathname.slice('/api/kubernetes/'.length).split('/');
  const group = root === 'apis' ? rest.shift() : undefined;
  rest.shift(); // version
  if (rest[0] === 'namespaces' && rest.length > 2) rest.splice(0, 2);
  if (!rest[0]) return undefined;
  return { kind: group ? `${rest[0]}.${group}` : rest[0], named: rest.length > 1 };
};

/** Quiet time after the last watch or list before the count is read, and the longest wait for it. */
const WATCH_QUIET_MS = 1000;
const WATCH_WAIT_MS = 20_000;

/**
 * Counts what the page opens from the nav-link click: watches (WebSockets to the API proxy, and any HTTP
 * request with `watch=true`) and lists (GETs of a collection without `continue`, i.e. first pages). Read
 * once the rows are painted, every listed kind has a watch (the SDK opens it after the list's last page)
 * and nothing new came for WATCH_QUIET_MS, or after WATCH_WAIT_MS.
 */
const watchCounter = (page: Page): RunHooks<WatchCounts> => {
  let armed = false;
  let last = Date.now();
  const counts: WatchCounts = { watches: {}, lists: {} };
  const add = (into: Record<string, number>, kind: string) => {
    into[kind] = (into[kind] ?? 0) + 1;
    last = Date.now();
  };
  page.on('websocket', (ws) => {
    const read = kindOf(ws.url());
    if (armed && read) add(counts.watches, read.kind);
  });
  page.on('request', (r) => {
    const read = kindOf(r.url());
    const search = new URL(r.url()).searchParams;
    if (!armed || !read || r.method() !== 'GET') return;
    if (search.get('watch') === 'true') add(counts.watches, read.kind);
    else if (!search.has('continue') && !read.named) add(counts.lists, read.kind);
  });
  const settled = () =>
    Date.now() - last >= WATCH_QUIET_MS && Object.keys(counts.lists).every((k) => counts.watches[k]);
  return {
    beforeStart: () => {
      armed = true;
      last = Date.now();
    },
    afterPlugin: async () => {
      const started = Date.now();
      while (!settled() && Date.now() - started < WATCH_WAIT_MS) {
        await page.waitForTimeout(100);
      }
      return { watches: { ...counts.watches }, lists: { ...counts.lists } };
    },
  };
};

interface SizeResult {
  crons: number;
  plugin: number;
  floor: number;
}

const benchSize = async (browser: Browser, crons: number): Promise<SizeResult> =>
  withClusterAndHost(
    { port: 0, seeds: [DEMO_SEED], generate: { dataimportcrons: crons } },
    distDir,
    async (hostUrl) => {
      const bench: BenchPage = {
        hostUrl,
        navLink: 'Boot sources',
        pluginRows: 'table[aria-label="Boot sources"] tbody tr',
        floorRows: 'table[aria-label="Boot sources (floor)"] tbody tr',
        // The plugin's name cell: the name in <strong>, then the source's kind and namespace.
        nameSelector: 'strong',
        lists:
          /\/(hyperconvergeds|dataimportcrons|datasources|storageclasses|storageprofiles|volumesnapshotclasses)$/,
        floor: runFloor,
      };
      const results = await abba(runs, (kind) => measure(browser, bench, kind, watchCounter));
      checkFirstRows(results);
      const times = reportTimes(
        `${crons} crons`,
        'fetch 3 lists + join + health + sort + 50 DOM rows',
        results,
      );
      reportPluginJs(distDir, results.plugin);
      console.log(`  first row (plugin and floor): ${results.plugin[0].firstRow}`);
      console.log(
        `  plugin main thread before rows in DOM (medians): ${phase(results.plugin, 'longTasks')} long ` +
          `task(s), ${phase(results.plugin, 'longTasksMs')} ms in them (longest ` +
          `${phase(results.plugin, 'longestTask')}); first pages of the lists in by ` +
          `${phase(results.plugin, 'firstPagesDone')}`,
      );
      // Per kind, the most any plugin run opened.
      const most = (key: keyof WatchCounts) => {
        const out: Record<string, number> = {};
        for (const r of results.plugin) {
          for (const [kind, n] of Object.entries(r.extra?.[key] ?? {}))
            out[kind] = Math.max(out[kind] ?? 0, n);
        }
        return Object.entries(out).sort(([a], [b]) => a.localeCompare(b));
      };
      const watches = most('watches');
      const listed = (xs: [string, number][]) => xs.map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none';
      console.log(`  watches opened by the page (per kind, most in one run): ${listed(watches)}`);
      console.log(
        `  lists started by the page (first pages, per kind, most in one run): ${listed(most('lists'))}`,
      );
      const twice = watches.filter(([, n]) => n > 1);
      if (twice.length) {
        throw new Error(
          `kinds watched more than once: ${twice.map(([kind, n]) => `${kind} (${n})`).join(', ')}`,
        );
      }
      return { crons, ...times };
    },
  );

runBench(dist, async (browser) => {
  const results: SizeResult[] = [];
  for (const crons of sizes) {
    results.push(await benchSize(browser, crons));
  }
  return `first rows: plugin/floor = ${results
    .map((r) => `${(r.plugin / r.floor).toFixed(2)}x at ${r.crons} crons`)
    .join(', ')}`;
});
