import type { Controller, K8sObject, SimContext, World } from './sim-api';
import { ApiError } from './sim-api';
import { loadCrds, Registry, REVIEW_KINDS } from './registry';
import { Store } from './store';
import { ScaledClock } from './clock';
import { Operations } from './operations';
import { WatchHub } from './watch';
import { Faults } from './faults';
import { OpenApi } from './openapi';
import { ControllerRunner } from './controllers';
import { authorize, DEFAULT_CLUSTER_ROLES } from './rbac';
import { createClusterRoleAggregationController } from './cluster-role-aggregation';
import { createServiceAccountsController } from './serviceaccounts-controller';
import { readRegistrySeeds, readSeeds, type SeedObject } from './seed';
import { defaultObject, pruneObject, validateObject } from './validation';
import { clone } from './util';
import { timestamp } from './clock';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { policyFromDefaults, type PodSecurityDefaults } from './pod-security';

/** kube-controller-manager's controllers the simulator runs (before the world's). */
const builtinControllers = (): Controller[] => [
  createClusterRoleAggregationController(),
  createServiceAccountsController(),
];

/**
 * The OpenShift console's CRDs (ConsolePlugin, the Console operator config): `../shared/console-crds` beside the
 * repo when present, else our own copies in `./crds/console/`.
 */
export function defaultConsoleCrdsDir(): string {
  const shared = path.resolve(__dirname, '../../../shared/console-crds');
  return fs.existsSync(shared) ? shared : path.join(__dirname, 'crds', 'console');
}

function describe(file: string, o: K8sObject | undefined): string {
  const ns = o?.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${file}: ${o?.kind ?? '?'} ${ns}${o?.metadata?.name ?? '?'}`;
}

export interface SimOptions {
  crdsDir: string;
  /**
   * Where the console CRDs come from (every OpenShift cluster serves them): default
   * {@link defaultConsoleCrdsDir}; `false` leaves them out. CRDs already in `crdsDir` are not loaded twice.
   */
  consoleCrdsDir?: string | false;
  /** PodSecurity admission's defaults for namespaces without pod-security labels (default privileged). */
  podSecurity?: PodSecurityDefaults;
  seeds: string[];
  /** Extra seed objects (e.g. from generate.ts). */
  extraObjects?: K8sObject[];
  timeScale?: number;
  /** Builds the world; called again on reset so stateful controllers start afresh. */
  world: () => World;
}

/** The simulated cluster: registry, store, clock, operations, watches, faults, controllers. */
export class Sim {
  readonly registry: Registry;
  readonly clock: ScaledClock;
  readonly store: Store;
  readonly ops: Operations;
  readonly hub: WatchHub;
  readonly faults = new Faults();
  readonly openapi: OpenApi;
  readonly controllers: ControllerRunner;
  readonly ctx: SimContext;
  /** Problems found in the seed (schema violations); loading goes on. */
  seedWarnings: string[] = [];
  world: World;
  private builtinControllers: Controller[] = builtinControllers();
  private readonly makeWorld: () => World;
  private readonly crds: K8sObject[];
  private readonly seeds: { where: string; object: K8sObject }[];
  /** Digests the seed's registries serve (`registry.json`), declared again in every fresh world. */
  private readonly registrySeed: Record<string, string>;

  constructor(opts: SimOptions) {
    this.makeWorld = opts.world;
    this.registrySeed = readRegistrySeeds(opts.seeds);
    this.world = this.freshWorld();
    const crds = loadCrds(opts.crdsDir);
    const consoleDir = opts.consoleCrdsDir === undefined ? defaultConsoleCrdsDir() : opts.consoleCrdsDir;
    const named = new Set(crds.map((c) => c.metadata.name));
    if (consoleDir) crds.push(...loadCrds(consoleDir).filter((c) => !named.has(c.metadata.name)));
    this.crds = crds;
    this.registry = new Registry(this.crds);
    this.clock = new ScaledClock(opts.timeScale ?? 60);
    this.store = new Store(this.registry, this.clock);
    this.ctx = {
      store: this.store,
      clock: this.clock,
      subjectAccessReview: ({ user, groups, resourceAttributes }) =>
        authorize(this.store, { name: user, groups }, resourceAttributes),
    };
    this.ops = new Operations({
      store: this.store,
      world: () => this.world,
      ctx: this.ctx,
      podSecurity: policyFromDefaults(opts.podSecurity),
    });
    this.hub = new WatchHub(this.store);
    this.openapi = new OpenApi(this.registry);
    // Kubernetes' own controllers (clusterrole aggregation) run before the world's.
    this.controllers = new ControllerRunner(
      () => ({ ...this.world, controllers: [...this.builtinControllers, ...this.world.controllers] }),
      this.ctx,
      this.clock,
    );
    this.store.subscribe((e) => this.controllers.onEvent(e));
    this.seeds = this.prepareSeeds([
      ...readSeeds(opts.seeds),
      ...(opts.extraObjects ?? []).map((object) => ({ file: '(generated)', object })),
    ]);
    this.load();
  }

  /**
   * Checks and completes the seed objects once (namespace, defaults, pruning, uid, creationTimestamp), so a
   * reset only re-inserts them and keeps their uids.
   */
  private prepareSeeds(seeds: SeedObject[]): { where: string; object: K8sObject }[] {
    const now = timestamp(this.clock.now());
    const prepared = seeds.map(({ file, object }) => ({
      where: describe(file, object),
      object: clone(object),
    }));
    for (const { where, object } of prepared) {
      if (!object?.kind || !object.apiVersion || !object.metadata?.name) {
        throw new Error(`${where}: seed objects need apiVersion, kind and metadata.name`);
      }
      const rt = this.registry.byKind(object.kind);
      if (!rt || REVIEW_KINDS.has(object.kind))
        throw new Error(`${where}: the simulator does not serve kind ${object.kind}`);
      const version = object.apiVersion.split('/').pop()!;
      if (rt.namespaced && !object.metadata.namespace) object.metadata.namespace = 'default';
      if (object.kind === 'Namespace') object.status ??= { phase: 'Active' };
      object.metadata.uid ??= randomUUID();
      object.metadata.creationTimestamp ??= now;
      if (!rt.builtin) {
        const unknown = pruneObject(rt, version, object);
        if (unknown.length) this.seedWarnings.push(`${where}: unknown fields pruned: ${unknown.join(', ')}`);
        defaultObject(rt, version, object);
      }
      try {
        validateObject(rt, version, object);
      } catch (e) {
        if (e instanceof ApiError) this.seedWarnings.push(`${where}: ${e.message}`);
        else throw e;
      }
    }
    // Namespaces first, whatever file they are in.
    return [
      ...prepared.filter((s) => s.object.kind === 'Namespace'),
      ...prepared.filter((s) => s.object.kind !== 'Namespace'),
    ];
  }

  /** Fills the store with the seed state: CRDs, default namespaces and roles, then the seed objects. */
  private load(): void {
    const store = this.store;
    store.recording = false;
    try {
      for (const crd of this.crds) store.insert(clone(crd), true);
      const has = (kind: string, name: string) =>
        this.seeds.some((s) => s.object.kind === kind && s.object.metadata.name === name);
      for (const name of ['default', 'kube-system', 'kube-public']) {
        if (!has('Namespace', name))
          store.insert({
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name },
            spec: { finalizers: ['kubernetes'] },
            status: { phase: 'Active' },
          });
      }
      for (const role of DEFAULT_CLUSTER_ROLES)
        if (!has('ClusterRole', role.metadata.name!)) store.insert(clone(role));
      for (const { where, object } of this.seeds) {
        try {
          store.insert(clone(object), true);
        } catch (e) {
          throw new Error(`${where}: ${(e as Error).message}`);
        }
      }
    } finally {
      store.recording = true;
    }
  }

  /** Back to the seed state: open watches end, fault rules are cleared, resourceVersions keep growing. */
  reset(): void {
    this.hub.closeMatching();
    this.faults.clear();
    this.store.clear();
    this.world = this.freshWorld();
    this.builtinControllers = builtinControllers();
    this.load();
    this.controllers.run(true);
  }

  private freshWorld(): World {
    const world = this.makeWorld();
    for (const [url, digest] of Object.entries(this.registrySeed)) world.registry?.publish(url, digest);
    return world;
  }

  /** POST /_sim/publish-digest: the registry serves a new image for `url`; crons see it at their next poll. */
  publishDigest(url: string): string {
    if (!this.world.registry) throw new ApiError(404, 'NotFound', 'this world simulates no image registries');
    return this.world.registry.publish(url);
  }

  /** POST /_sim/complete-upload: the upload into DataVolume `namespace/name` finishes; returns the DataVolume. */
  completeUpload(namespace: string, name: string): K8sObject | undefined {
    if (!this.world.completeUpload)
      throw new ApiError(404, 'NotFound', 'this world simulates no upload DataVolumes');
    this.world.completeUpload(this.store, namespace, name);
    this.controllers.run(true);
    return this.store.get('DataVolume', name, namespace);
  }

  advance(seconds: number): void {
    this.clock.advance(seconds);
    this.controllers.run(true);
  }
}
