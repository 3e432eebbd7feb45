import type { Browser, Page } from '@playwright/test';
import { DEMO_SEED } from '../console/cluster-launcher';
import {
  abba,
  benchArgs,
  checkFirstRows,
  measure,
  reportPluginJs,
  reportTimes,
  ROWS,
  runBench,
  withClusterAndHost,
  type BenchPage,
  type BenchWindow,
} from './harness';

/**
 * Benchmark (not a test): the DataVolumes list across all namespaces with thousands of DataVolumes
 * (`--generate datavolumes=N` beside the demo), in Chromium, against a raw-DOM floor measured in the same run.
 *
 * - plugin: from the click on the "Data volumes" nav link to the first frame painted with table rows (lazy page
 *   -> chunks -> DataVolume, PVC and Namespace watches through the host's SDK -> join -> failing-first sort ->
 *   React render of the first 50 rows);
 * - floor: a page.evaluate that fetches the DataVolumes and PVCs through the same host proxy, joins them by
 *   namespace/claim name, sorts failing first (Failed, restarting, in progress, Succeeded; then namespace/name)
 *   and writes 50 rows with document.createElement.
 * ABBA alternation, medians, ratio on the last line (as profiles-list.bench.ts).
 *
 *   npm run bench:data-volumes [-- --datavolumes 10000] [--runs 5] [--dist DIR]
 */
const { sizes, runs, dist, distDir } = benchArgs('datavolumes', '10000');

const runFloor = (page: Page) =>
  page.evaluate(async (rowCount) => {
    const w = window as unknown as BenchWindow;
    w.benchT0 = performance.now();
    type Obj = {
      metadata: { name: string; namespace: string; annotations?: Record<string, string> };
      spec?: {
        storage?: { storageClassName?: string; resources?: { requests?: { storage?: string } } };
        pvc?: { storageClassName?: string; resources?: { requests?: { storage?: string } } };
        storageClassName?: string;
        volumeMode?: string;
        accessModes?: string[];
      };
      status?: {
        phase?: string;
        progress?: string;
        restartCount?: number;
        claimName?: string;
        capacity?: { storage?: string };
      };
    };
    const [dvs, pvcs] = await Promise.all(
      ['/apis/cdi.kubevirt.io/v1beta1/datavolumes', '/api/v1/persistentvolumeclaims'].map((p) =>
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
    const byKey = new Map(pvcs.items.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
    const rows = dvs.items.map((dv) => {
      const ns = dv.metadata.namespace;
      const pvc = byKey.get(`${ns}/${dv.status?.claimName || dv.metadata.name}`);
      const phase = dv.status?.phase ?? '';
      const restarts = dv.status?.restartCount ?? 0;
      const rank = phase === 'Failed' ? 0 : phase === 'Succeeded' ? 3 : restarts > 0 ? 1 : 2;
      const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(dv.status?.progress ?? '');
      const target = dv.spec?.storage ?? dv.spec?.pvc;
      return {
        key: `${ns}/${dv.metadata.name}`,
        name: dv.metadata.name,
        ns,
        sort: rank * 1000 + (m ? Number(m[1]) : 0),
        phase,
        progress: m ? `${m[1]}%` : '',
        size: `${target?.resources?.requests?.storage ?? ''} / ${pvc?.status?.capacity?.storage ?? ''}`,
        storageClass: pvc?.spec?.storageClassName ?? target?.storageClassName ?? '',
        modes: `${(pvc?.spec?.accessModes ?? []).join(', ')} ${pvc?.spec?.volumeMode ?? ''}`,
        restarts: String(restarts),
      };
    });
    const collator = new Intl.Collator(undefined, { numeric: true });
    rows.sort((a, b) => a.sort - b.sort || collator.compare(a.key, b.key));
    const table = document.createElement('table');
    table.setAttribute('aria-label', 'DataVolumes (floor)');
    const head = table.createTHead().insertRow();
    for (const title of ['Name', 'Namespace', 'Status', 'Size', 'Storage class', 'Modes', 'Restarts']) {
      const th = document.createElement('th');
      th.textContent = title;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const r of rows.slice(0, rowCount)) {
      const tr = document.createElement('tr');
      for (const text of [
        r.name,
        r.ns,
        `${r.phase} ${r.progress}`,
        r.size,
        r.storageClass,
        r.modes,
        r.restarts,
      ]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    (document.querySelector('main') ?? document.body).replaceChildren(table);
  }, ROWS);

interface SizeResult {
  datavolumes: number;
  plugin: number;
  floor: number;
}

const benchSize = async (browser: Browser, datavolumes: number): Promise<SizeResult> =>
  withClusterAndHost(
    // Simulated time stands still: each clock tick would reconcile the restarting imports among all the
    // DataVolumes, and the bench measures the page, not the simulator.
    { port: 0, seeds: [DEMO_SEED], generate: { datavolumes }, timeScale: 0 },
    distDir,
    async (hostUrl) => {
      const bench: BenchPage = {
        hostUrl,
        navLink: 'Data volumes',
        pluginRows: 'table[aria-label="DataVolumes"] tbody tr',
        floorRows: 'table[aria-label="DataVolumes (floor)"] tbody tr',
        nameSelector: 'a',
        lists: /\/(datavolumes|persistentvolumeclaims|namespaces)$/,
        floor: runFloor,
      };
      const results = await abba(runs, (kind) => measure(browser, bench, kind));
      checkFirstRows(results);
      const times = reportTimes(
        `${datavolumes} DataVolumes`,
        'fetch DVs + PVCs + join + failing-first sort + 50 DOM rows',
        results,
      );
      reportPluginJs(distDir, results.plugin);
      return { datavolumes, ...times };
    },
  );

runBench(dist, async (browser) => {
  const results: SizeResult[] = [];
  for (const n of sizes) results.push(await benchSize(browser, n));
  return `first rows: plugin/floor = ${results
    .map((r) => `${(r.plugin / r.floor).toFixed(2)}x at ${r.datavolumes} DataVolumes`)
    .join(', ')}`;
});
