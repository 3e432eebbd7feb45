import type { K8sObject, SimContext, World } from './sim-api';
import { ApiError } from './sim-api';
import { loadCrds, Registry } from './registry';
import { Store } from './store';
import { ScaledClock } from './clock';
import { Operations } from './operations';
import { WatchHub } from './watch';
import { Faults } from './faults';
import { OpenApi } from './openapi';
import { ControllerRunner } from './controllers';
import { DEFAULT_CLUSTER_ROLES } from './rbac';
import { readSeeds, type SeedObject } from './seed';
import { defaultObject, pruneObject, validateObject } from './validation';
import { clone } from './util';

export interface SimOptions {
  crdsDir: string;
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
  private readonly makeWorld: () => World;
  private readonly crds: K8sObject[];
  private readonly seedObjects: SeedObject[];

  constructor(opts: SimOptions) {
    this.makeWorld = opts.world;
    this.world = opts.world();
    this.crds = loadCrds(opts.crdsDir);
    this.registry = new Registry(this.crds);
    this.clock = new ScaledClock(opts.timeScale ?? 60);
    this.store = new Store(this.registry, this.clock);
    this.ctx = { store: this.store, clock: this.clock };
    this.ops = new Operations({ store: this.store, world: () => this.world, ctx: this.ctx });
    this.hub = new WatchHub(this.store);
    this.openapi = new OpenApi(this.registry);
    this.controllers = new ControllerRunner(() => this.world, this.ctx, this.clock);
    this.store.subscribe((e) => this.controllers.onEvent(e));
    this.seedObjects = [
      ...readSeeds(opts.seeds),
      ...(opts.extraObjects ?? []).map((object) => ({ file: '(generated)', object })),
    ];
    this.load();
  }

  /** Fills the store with the seed state: CRDs, default namespaces and roles, then the seed objects. */
  private load(): void {
    const store = this.store;
    store.recording = false;
    this.seedWarnings = [];
    try {
      for (const crd of this.crds) store.insert(clone(crd), true);
      const ns = (name: string): K8sObject => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
      const seeds = this.seedObjects.map((s) => ({ file: s.file, object: clone(s.object) }));
      // Namespaces first, whatever file they are in.
      const ordered = [
        ...seeds.filter((s) => s.object.kind === 'Namespace'),
        ...seeds.filter((s) => s.object.kind !== 'Namespace'),
      ];
      const seededNames = new Set(
        seeds.filter((s) => s.object.kind === 'Namespace').map((s) => s.object.metadata?.name),
      );
      for (const name of ['default', 'kube-system', 'kube-public'])
        if (!seededNames.has(name)) store.insert(ns(name));
      const seededRoles = new Set(
        seeds.filter((s) => s.object.kind === 'ClusterRole').map((s) => s.object.metadata?.name),
      );
      for (const role of DEFAULT_CLUSTER_ROLES)
        if (!seededRoles.has(role.metadata.name)) store.insert(clone(role));
      for (const { file, object } of ordered) this.loadOne(file, object);
    } finally {
      store.recording = true;
      store.historyFloor = store.rv;
    }
  }

  private loadOne(file: string, obj: K8sObject): void {
    const where = `${file}: ${obj?.kind ?? '?'} ${obj?.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj?.metadata?.name ?? '?'}`;
    if (!obj?.kind || !obj.apiVersion || !obj.metadata?.name)
      throw new Error(`${where}: seed objects need apiVersion, kind and metadata.name`);
    const rt = this.registry.byKind(obj.kind);
    if (!rt) throw new Error(`${where}: the simulator does not serve kind ${obj.kind}`);
    const version = obj.apiVersion.split('/').pop()!;
    if (rt.namespaced && !obj.metadata.namespace) obj.metadata.namespace = 'default';
    if (obj.kind === 'Namespace') obj.status ??= { phase: 'Active' };
    if (!rt.builtin) {
      const unknown = pruneObject(rt, version, obj);
      if (unknown.length) this.seedWarnings.push(`${where}: unknown fields pruned: ${unknown.join(', ')}`);
      defaultObject(rt, version, obj);
    }
    try {
      validateObject(rt, version, obj);
    } catch (e) {
      if (e instanceof ApiError) this.seedWarnings.push(`${where}: ${e.message}`);
      else throw e;
    }
    try {
      this.store.insert(obj, true);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
  }

  /** Back to the seed state: open watches end, fault rules are cleared, resourceVersions keep growing. */
  reset(): void {
    this.hub.closeMatching();
    this.faults.clear();
    this.store.clear();
    this.world = this.makeWorld();
    this.load();
    this.controllers.run(true);
  }

  advance(seconds: number): void {
    this.clock.advance(seconds);
    this.controllers.run(true);
  }
}
