import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildHost } from './build';
import { DEMO_SEED, launchCluster, repoRoot } from './cluster-launcher';
import { startHost } from './server';
import { PROMETHEUS_BIN, startPrometheus } from './prometheus-launcher';
import { DEV_PLUGIN_CA } from '../install/nginx-plugin-server';

/**
 * `npm start [-- --port N] [--seed DIR ...] [--no-build] [--plugin-url URL [--plugin-ca FILE]]`: builds the
 * plugin and the dev console host, starts the cluster simulator (the demo cluster unless --seed is given) and
 * serves the console on http://localhost:<port>. With --plugin-url the plugin comes from its own server
 * (`npm run serve:plugin`: nginx with deploy/nginx.conf) through /api/plugins/<name>/, as in a cluster, and
 * dist/ is not built. When Debian's prometheus is installed, a Prometheus scrapes the simulator with CDI's and
 * HCO's alerting rules and the host proxies /api/prometheus to it. Ctrl-C stops everything.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9000' },
    seed: { type: 'string', multiple: true },
    'no-build': { type: 'boolean', default: false },
    'plugin-url': { type: 'string' },
    'plugin-ca': { type: 'string' },
    'hco-version': { type: 'string', default: 'v1beta1' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: npm start -- [--port 9000] [--seed DIR]... [--no-build] [--plugin-url https://localhost:9443 [--plugin-ca FILE]] [--hco-version v1beta1|v1]',
  );
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}
const hcoVersion = values['hco-version'];
if (hcoVersion !== 'v1beta1' && hcoVersion !== 'v1') {
  console.error(`--hco-version must be v1beta1 or v1, got "${hcoVersion}"`);
  process.exit(2);
}
if (values['plugin-ca'] && !values['plugin-url']) {
  console.error('--plugin-ca needs --plugin-url');
  process.exit(2);
}
// Without --plugin-ca, trust the certificate of a running `npm run serve:plugin`, if there is one.
const caFile =
  values['plugin-ca'] ?? (values['plugin-url'] && fs.existsSync(DEV_PLUGIN_CA) ? DEV_PLUGIN_CA : undefined);
const pluginCa = caFile ? fs.readFileSync(caFile, 'utf8') : undefined;
const seeds = (values.seed?.length ? values.seed : [DEMO_SEED]).map((s) => path.resolve(s));

const main = async () => {
  if (!values['no-build'] && !values['plugin-url']) {
    console.log('Building the plugin (npm run build)...');
    const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) {
      throw new Error(`npm run build failed (exit ${build.status})`);
    }
  }
  await buildHost();
  const cluster = await launchCluster({ port: 0, seeds, hcoVersion });
  console.log(`Cluster simulator at ${cluster.url} (seed: ${seeds.join(', ')})`);
  // The simulator runs at its default timeScale (60, cluster/clock.ts); the rules' `for` follow it.
  const prometheus = fs.existsSync(PROMETHEUS_BIN)
    ? await startPrometheus({ targetUrl: cluster.url, timeScale: 60 }).catch(async (e) => {
        await cluster.close();
        throw e;
      })
    : undefined;
  console.log(
    prometheus
      ? `Prometheus at ${prometheus.url} (CDI and HCO alerts, proxied at /api/prometheus)`
      : `No ${PROMETHEUS_BIN} (Debian package prometheus): alerts are unavailable, /api/prometheus answers 503`,
  );
  const host = await startHost({
    port,
    clusterUrl: cluster.url,
    pluginUrl: values['plugin-url'],
    pluginCa,
    prometheusUrl: prometheus?.url,
  }).catch(async (e) => {
    await Promise.allSettled([prometheus?.close(), cluster.close()]);
    throw e;
  });
  const from = values['plugin-url'] ? ` (plugin from ${values['plugin-url']})` : '';
  console.log(`\nDev console ready at http://localhost:${host.port}${from}\n(Ctrl-C to stop)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping...');
    await Promise.allSettled([host.close(), prometheus?.close(), cluster.close()]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
