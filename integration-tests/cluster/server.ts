import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { K8sObject, World } from './sim-api';
import { Sim } from './sim';
import type { PodSecurityDefaults } from './pod-security';

export { defaultConsoleCrdsDir } from './sim';
import { HttpApi } from './http';
import * as worldModule from './world';

const HERE = __dirname;
const REPO_ROOT = path.resolve(HERE, '../..');

/** `../shared/crds` beside the repo when present (CI), else our own CRDs. */
export function defaultCrdsDir(): string {
  const shared = path.resolve(REPO_ROOT, '../shared/crds');
  return fs.existsSync(shared) ? shared : path.join(HERE, 'crds');
}

export interface ClusterOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seeds?: string[];
  crdsDir?: string;
  /** The ConsolePlugin and Console CRDs: default `../shared/console-crds` or `./crds/console/`; `false` = none. */
  consoleCrdsDir?: string | false;
  /**
   * PodSecurity admission's defaults for namespaces without `pod-security.kubernetes.io/*` labels (default
   * privileged, as upstream; `{ enforce: 'restricted', warn: 'restricted', audit: 'restricted' }` is OpenShift's
   * "Restricted" enforcement mode).
   */
  podSecurity?: PodSecurityDefaults;
  /** Simulated seconds per wall second (default 60). */
  timeScale?: number;
  /** Bulk objects from generate.ts's generateObjects, e.g. { storageclasses: 2000 }. */
  generate?: Record<string, number>;
  /** Replaces ./world (tests of the machinery); a function is called again on every reset. */
  world?: World | (() => World);
  /**
   * HyperConverged API versions: 'v1beta1' (default) serves v1beta1 only, as the plugin's HCO 1.18 target
   * reads it; 'v1' also serves hco.kubevirt.io/v1 with a conversion, and discovery prefers v1.
   */
  hcoVersion?: 'v1beta1' | 'v1';
}

export interface RunningCluster {
  url: string;
  port: number;
  close(): Promise<void>;
  /** For tests: store, clock, faults, reset(), advance(), seedWarnings. */
  sim: Sim;
}

async function generated(spec: Record<string, number> | undefined): Promise<K8sObject[]> {
  if (!spec || !Object.keys(spec).length) return [];
  if (!fs.existsSync(path.join(HERE, 'generate.ts')))
    throw new Error('--generate needs integration-tests/cluster/generate.ts');
  // generate.ts is another module's (it may not exist yet): import it by a computed path.
  const mod = (await import(path.join(HERE, 'generate.ts'))) as {
    generateObjects(spec: Record<string, number>): K8sObject[];
  };
  return mod.generateObjects(spec);
}

/** ./world's createWorld() when it has one (fresh controller state per reset), else its `world`. */
function worldFactory(w: ClusterOptions['world']): () => World {
  if (typeof w === 'function') return w;
  if (w) return () => w;
  const mod = worldModule as { world: World; createWorld?: () => World };
  return mod.createWorld ?? (() => mod.world);
}

export async function startCluster(opts: ClusterOptions = {}): Promise<RunningCluster> {
  const sim = new Sim({
    crdsDir: opts.crdsDir ?? defaultCrdsDir(),
    consoleCrdsDir: opts.consoleCrdsDir,
    podSecurity: opts.podSecurity,
    seeds: opts.seeds ?? [],
    extraObjects: await generated(opts.generate),
    timeScale: opts.timeScale,
    world: worldFactory(opts.world),
    served: [
      // Default: hco.kubevirt.io/v1 is not served. A real apiserver prefers the highest served version by
      // kube-aware order (v1 > v1beta1), so a served v1 without a conversion would be preferred and wrong.
      // 'v1': both served, v1beta1 stores (HCO 1.18's CRD), the world converts, discovery prefers v1.
      { crd: 'hyperconvergeds.hco.kubevirt.io', version: 'v1', served: opts.hcoVersion === 'v1' },
    ],
  });
  sim.controllers.run(true);
  const api = new HttpApi(sim);
  const server = http.createServer((req, res) => void api.handle(req, res));
  server.on('upgrade', (req, socket, head) => api.upgrade(req, socket, head));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  // Clock ticks every second, spaced out when a reconcile pass is slow so it cannot hog the CPU.
  let ticker: NodeJS.Timeout;
  const tick = (delay: number) => {
    ticker = setTimeout(() => {
      const t = Date.now();
      sim.controllers.run(true);
      tick(Math.max(1000, 2 * (Date.now() - t)));
    }, delay);
    ticker.unref();
  };
  tick(1000);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    sim,
    close: async () => {
      clearTimeout(ticker);
      sim.hub.closeMatching();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
