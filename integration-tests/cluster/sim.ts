import type { Controller, K8sObject, SimContext, World } from './sim-api';
import { ApiError } from './sim-api';
import { loadCrds, Registry, REVIEW_KINDS, setServed, type ResourceType } from './registry';
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
  /** Overrides of CRD versions' `served` flag, applied when the CRDs load (e.g. hco.kubevirt.io/v1 off). */
  served?: { crd: string; version: string; served: boolean }[];
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
    for (const o of opts.served ?? []) setServed(crds, o.crd, o.version, o.served);
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
      convert: (rt, obj, version) => this.convertObject(rt, obj, version),
      converts: (rt) => this.hasConverter(rt),
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

  private converterFor(rt: ResourceType) {
    return this.world.converters?.find((c) => c.group === rt.group && c.kind === rt.kind);
  }

  /** Whether the world converts the kind between its versions. */
  hasConverter(rt: ResourceType): boolean {
    return this.converterFor(rt) !== undefined;
  }

  /**
   * `obj` in `version` of its kind: unchanged when it is in that version already; through the world's
   * converter for the kind when there is one; else only apiVersion changes (a CRD without conversion,
   * `strategy: None`). A converted object is pruned to the target version's schema and defaulted from it, as
   * the apiserver does with what a conversion webhook returns (apiextensions-apiserver v0.32.13
   * pkg/apiserver/customresource_handler.go:1268-1300 schemaCoercingConverter, :1326-1358 prune) and on
   * decoding (structural defaults).
   */
  convertObject(rt: ResourceType, obj: K8sObject, version: string): K8sObject {
    const gv = rt.group ? `${rt.group}/${version}` : version;
    if (obj.apiVersion === gv) return obj;
    const converter = this.converterFor(rt);
    if (!converter) return { ...obj, apiVersion: gv };
    const out = converter.convert(clone(obj), gv);
    pruneObject(rt, version, out);
    defaultObject(rt, version, out);
    return out;
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
    // Stored in the storage version (a seed written in another version of a converted kind is converted).
    for (const p of prepared) {
      const rt = this.registry.byKind(p.object.kind)!;
      if (!rt.builtin && this.converterFor(rt))
        p.object = this.convertObject(rt, p.object, rt.storageVersion);
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
