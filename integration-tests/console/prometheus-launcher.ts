import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs Debian's `prometheus` (2.42) against the cluster simulator: it scrapes the simulator's /metrics (CDI's
 * and HCO's metrics and kube-state-metrics' pod restarts, computed from the simulated world) and evaluates our
 * copies of CDI's and HCO's alerting rules (integration-tests/prometheus/rules/). The console host proxies
 * /api/prometheus/ to it (server.ts `prometheusUrl`), as the console proxies to the cluster's Thanos querier.
 */

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const RULES_DIR = path.resolve(__dirname, '../prometheus/rules');
/** Where HCO installs CDI in the simulated cluster (the namespace in cdi.rules.yaml's kubevirt_cdi_operator_up). */
const CDI_NAMESPACE = 'openshift-cnv';

export interface PrometheusOptions {
  /** The simulator's base URL; Prometheus scrapes `<targetUrl>/metrics`. */
  targetUrl: string;
  /**
   * The simulator's timeScale (simulated seconds per wall second; its default is 60, clock.ts). Simulated
   * time runs that much faster than the wall, and the rules' `for` is a duration in the simulated cluster,
   * so each `for` is divided by it (at least 1s, the evaluation interval). 0 (simulated time only moves on
   * /_sim/advance) keeps the upstream `for`: Prometheus measures it on the wall clock.
   */
  timeScale: number;
  /** Default /usr/bin/prometheus. */
  binary?: string;
  /** Default integration-tests/prometheus/rules. */
  rulesDir?: string;
}

export interface RunningPrometheus {
  url: string;
  close(): Promise<void>;
}

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31536000,
};

/** Seconds of a Prometheus duration such as `5m`, `1h30m` or `90s`. */
export const parseDuration = (d: string): number => {
  const parts = [...d.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== d) {
    throw new Error(`not a Prometheus duration: ${d}`);
  }
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_SECONDS[unit], 0);
};

const scaled = (d: string, timeScale: number, min: number) =>
  `${Math.max(min, Math.ceil(parseDuration(d) / timeScale))}s`;

/**
 * The rule file on the simulator's clock: every `for:` divided by `timeScale` (whole seconds, at least 1s, the
 * evaluation interval), and so are the expressions' range windows and offsets (`[10m]`, `offset 10m`, at least
 * 5s so a window holds several 1s scrapes): "modified in the last 10 minutes" means simulated minutes.
 * timeScale 0 (simulated time moves only on /_sim/advance) leaves the file as upstream wrote it.
 */
export const scaleRuleFile = (text: string, timeScale: number): string =>
  timeScale > 0
    ? text
        .replace(
          /^(\s*for:\s*)(['"]?)([0-9smhdwy]+)\2\s*$/gm,
          (_, prefix: string, _q: string, d: string) => `${prefix}${scaled(d, timeScale, 1)}`,
        )
        .replace(/\[(\d+(?:ms|[smhdwy]))+\]/g, (m) => `[${scaled(m.slice(1, -1), timeScale, 5)}]`)
        .replace(
          /\boffset (\d+(?:ms|[smhdwy]))+/g,
          (m) => `offset ${scaled(m.slice('offset '.length), timeScale, 5)}`,
        )
    : text;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const startPrometheus = async (options: PrometheusOptions): Promise<RunningPrometheus> => {
  const binary = options.binary ?? PROMETHEUS_BIN;
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: install Debian's prometheus package (apt-get install prometheus)`);
  }
  const rulesDir = options.rulesDir ?? RULES_DIR;
  const target = new URL(options.targetUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prometheus-'));
  const ruleFiles: string[] = [];
  mkdirSync(path.join(dir, 'rules'));
  for (const f of readdirSync(rulesDir).filter((n) => /\.ya?ml$/.test(n))) {
    const out = path.join(dir, 'rules', f);
    writeFileSync(out, scaleRuleFile(readFileSync(path.join(rulesDir, f), 'utf8'), options.timeScale));
    ruleFiles.push(out);
  }
  // One job: the simulator is the whole cluster (in a cluster: CDI's and HCO's metrics services and
  // kube-state-metrics). honor_labels keeps the metrics' own `namespace`/`pod` labels as exposed.
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    JSON.stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s', scrape_timeout: '1s' },
      rule_files: ruleFiles,
      scrape_configs: [
        // The cdi-operator pod's target: its `up` (with these labels) is what CDIOperatorDown reads.
        {
          job_name: 'cdi-operator',
          metrics_path: `${target.pathname.replace(/\/$/, '')}/metrics/cdi-operator`,
          scheme: target.protocol.replace(':', ''),
          static_configs: [
            {
              targets: [target.host],
              labels: { namespace: CDI_NAMESPACE, pod: 'cdi-operator-7d9b8c6f5d-sim01' },
            },
          ],
        },
        {
          job_name: 'cluster-simulator',
          honor_labels: true,
          metrics_path: `${target.pathname.replace(/\/$/, '')}/metrics`,
          scheme: target.protocol.replace(':', ''),
          static_configs: [{ targets: [target.host] }],
        },
      ],
    }),
  );

  let stderr = '';
  let child: ChildProcess | undefined;
  let url = '';
  for (let attempt = 0; attempt < 3 && !url; attempt++) {
    const port = await freePort();
    const proc = spawn(
      binary,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = proc;
    let exited = false;
    proc.once('exit', () => (exited = true));
    proc.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (!exited && Date.now() < deadline) {
      const ready = await fetch(`${base}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) {
        url = base;
        break;
      }
      await sleep(100);
    }
    if (!url && !exited) {
      proc.kill('SIGKILL');
    }
  }
  if (!url) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Prometheus did not become ready:\n${stderr}`);
  }
  const proc = child!;
  // If this process ends without close() (a killed test worker), take Prometheus and its data along.
  const onExit = () => {
    proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return {
    url,
    close: async () => {
      process.off('exit', onExit);
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, sleep(5000)]);
        if (proc.exitCode === null && proc.signalCode === null) {
          proc.kill('SIGKILL');
          await exited;
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
