import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED, launchCluster, type RunningCluster } from './cluster-launcher';
import {
  parseDuration,
  PROMETHEUS_BIN,
  RULES_DIR,
  scaleRuleFile,
  startPrometheus,
} from './prometheus-launcher';
import { startHost, type RunningHost } from './server';

describe('rule files on simulated time', () => {
  it('parses Prometheus durations', () => {
    expect(parseDuration('5m')).toBe(300);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(() => parseDuration('5 minutes')).toThrow();
  });

  it('divides for, ranges and offsets by the time scale, with floors of 1s and 5s', () => {
    const rule = [
      '      - alert: A',
      '        expr: increase(x_total[10m]) > 0 and x_total offset 10m',
      '        for: 5m',
      '      - alert: B',
      '        expr: y[1m]',
      "        for: '15m'",
    ].join('\n');
    expect(scaleRuleFile(rule, 60)).toBe(
      [
        '      - alert: A',
        '        expr: increase(x_total[10s]) > 0 and x_total offset 10s',
        '        for: 5s',
        '      - alert: B',
        '        expr: y[5s]',
        '        for: 15s',
      ].join('\n'),
    );
    expect(scaleRuleFile(rule, 6000)).toContain('for: 1s');
    expect(scaleRuleFile(rule, 0)).toBe(rule);
  });
});

describe("CDI's and HCO's rule files", () => {
  it('pass promtool check rules', (ctx) => {
    if (!existsSync('/usr/bin/promtool')) {
      console.log('skipped: /usr/bin/promtool missing (install Debian package prometheus)');
      ctx.skip();
    }
    const files = readdirSync(RULES_DIR).map((f) => path.join(RULES_DIR, f));
    expect(files.length).toBe(2);
    const out = execFileSync('/usr/bin/promtool', ['check', 'rules', ...files], { encoding: 'utf8' });
    expect(out.match(/SUCCESS/g)).toHaveLength(2);
  });

  it('still pass promtool once scaled', (ctx) => {
    if (!existsSync('/usr/bin/promtool')) {
      console.log('skipped: /usr/bin/promtool missing (install Debian package prometheus)');
      ctx.skip();
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rules-'));
    const files = readdirSync(RULES_DIR).map((f) => {
      const out = path.join(dir, f);
      writeFileSync(out, scaleRuleFile(readFileSync(path.join(RULES_DIR, f), 'utf8'), 600));
      return out;
    });
    expect(() => execFileSync('/usr/bin/promtool', ['check', 'rules', ...files])).not.toThrow();
  });
});

interface RulesResponse {
  status: string;
  data: {
    groups: {
      name: string;
      rules: {
        type: string;
        name: string;
        state?: string;
        labels?: Record<string, string>;
        alerts?: { state: string; activeAt: string; labels: Record<string, string> }[];
      }[];
    }[];
  };
}

const hasPrometheus = existsSync(PROMETHEUS_BIN);
if (!hasPrometheus) {
  console.log(
    `skipped: ${PROMETHEUS_BIN} missing (install Debian's prometheus package): Prometheus integration`,
  );
}

describe.skipIf(!hasPrometheus)('Prometheus scraping the simulator, through the console host', () => {
  // 5 simulated minutes (the rules' usual `for`) in 1 s.
  const TIME_SCALE = 300;
  let cluster: RunningCluster;
  let prometheus: { url: string; close(): Promise<void> };
  let host: RunningHost;
  let bareHost: RunningHost;

  beforeAll(async () => {
    cluster = await launchCluster({ port: 0, seeds: [DEMO_SEED], timeScale: TIME_SCALE });
    prometheus = await startPrometheus({ targetUrl: cluster.url, timeScale: TIME_SCALE });
    const hostDir = mkdtempSync(path.join(os.tmpdir(), 'console-host-'));
    mkdirSync(path.join(hostDir, 'static'));
    writeFileSync(path.join(hostDir, 'index.html'), '<!doctype html><div id="app"></div>');
    host = await startHost({ port: 0, clusterUrl: cluster.url, hostDir, prometheusUrl: prometheus.url });
    bareHost = await startHost({ port: 0, clusterUrl: cluster.url, hostDir });
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await bareHost?.close();
    await prometheus?.close();
    await cluster?.close();
  });

  const rules = async (): Promise<RulesResponse> =>
    (await fetch(`${host.url}/api/prometheus/api/v1/rules`)).json() as Promise<RulesResponse>;
  const alertRule = async (name: string) =>
    (await rules()).data.groups.flatMap((g) => g.rules).find((r) => r.type === 'alerting' && r.name === name);
  const until = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  it('serves the simulator metrics in a form promtool accepts', async (ctx) => {
    const res = await fetch(`${cluster.url}/metrics`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toMatch(/^kubevirt_cdi_cr_ready 1$/m);
    if (!existsSync('/usr/bin/promtool')) ctx.skip();
    let out = '';
    try {
      out = execFileSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stderr?: string }).stderr ?? e);
    }
    expect(out).not.toMatch(/error while linting/);
  });

  it('answers a query through /api/prometheus as the console proxies it', async () => {
    const value = await until('kubevirt_cdi_cr_ready scraped', async () => {
      const res = await fetch(`${host.url}/api/prometheus/api/v1/query?query=kubevirt_cdi_cr_ready`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
      return body.data.result[0]?.value[1];
    });
    expect(value).toBe('1');
    // Not a proxied API path: the console would serve its index page.
    const graph = await fetch(`${host.url}/api/prometheus/graph`);
    expect(await graph.text()).toContain('<div id="app">');
  });

  it('answers 503 without a Prometheus, and for the alertmanager it does not model', async () => {
    const res = await fetch(`${bareHost.url}/api/prometheus/api/v1/rules`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/Monitoring is not available/);
    expect((await fetch(`${host.url}/api/alertmanager/api/v2/alerts`)).status).toBe(503);
  });

  it('fires CDIMultipleDefaultVirtStorageClasses once a second class is marked virt-default', async () => {
    // The demo cluster is healthy in this respect: one virt-default class.
    const before = await until('the rules loaded', () => alertRule('CDIMultipleDefaultVirtStorageClasses'));
    expect(before.state).toBe('inactive');
    expect(before.labels).toMatchObject({ severity: 'warning', kubernetes_operator_part_of: 'kubevirt' });
    const patched = await fetch(
      `${cluster.url}/apis/storage.k8s.io/v1/storageclasses/ocs-storagecluster-ceph-rbd`,
      {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({
          metadata: { annotations: { 'storageclass.kubevirt.io/is-default-virt-class': 'true' } },
        }),
      },
    );
    expect(patched.status).toBe(200);
    const marked = Date.now();
    const firing = await until('the alert firing', async () => {
      const rule = await alertRule('CDIMultipleDefaultVirtStorageClasses');
      return rule?.state === 'firing' ? rule : undefined;
    });
    expect(firing.alerts?.[0].state).toBe('firing');
    // activeAt: when the expression first held (the alert's "since"), after the write.
    expect(Date.parse(firing.alerts![0].activeAt)).toBeGreaterThanOrEqual(marked - 2000);
  }, 60_000);
});
