import { randomUUID } from 'node:crypto';
import { ApiError, type K8sObject, type SimStore, type StoreEvent } from './sim-api';
import { REVIEW_KINDS, type Registry, type ResourceType } from './registry';
import { alreadyExists, conflict, notFound } from './errors';
import { timestamp, type ScaledClock } from './clock';
import { clone, deepEqual } from './util';
import { allocateService, defaultBuiltin } from './builtin-strategy';

/** A committed change with the resourceVersion it produced. */
export interface CommittedEvent extends StoreEvent {
  rv: number;
}

const HISTORY_LIMIT = 10_000;

function key(name: string, namespace?: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** Built-in kinds whose apiserver strategy keeps a `generation` (bumped on changes outside metadata+status). */
const BUILTIN_WITH_GENERATION = new Set([
  'CustomResourceDefinition',
  'Pod',
  'Deployment',
  'NetworkPolicy',
  'PodDisruptionBudget',
]);

/**
 * How the apiserver keeps `generation` for a kind: custom resources always have one, bumped on any change
 * outside metadata (status included) unless a status subresource splits status off; most built-in kinds
 * (ConfigMap, StorageClass, PVC, RBAC, ...) have none.
 */
export function generationPolicy(rt: ResourceType): 'none' | 'outsideMetadataAndStatus' | 'outsideMetadata' {
  if (rt.builtin) return BUILTIN_WITH_GENERATION.has(rt.kind) ? 'outsideMetadataAndStatus' : 'none';
  return rt.statusSubresource ? 'outsideMetadataAndStatus' : 'outsideMetadata';
}

/** True when anything but metadata (and status, unless `withStatus`) and type meta differs. */
export function specChanged(a: K8sObject, b: K8sObject, withStatus = false): boolean {
  const strip = (o: K8sObject) => {
    const { metadata: _m, status, apiVersion: _a, kind: _k, ...rest } = o;
    return withStatus ? { ...rest, status } : rest;
  };
  return !deepEqual(strip(a), strip(b));
}

function nextGeneration(rt: ResourceType, old: K8sObject, obj: K8sObject): number | undefined {
  const policy = generationPolicy(rt);
  if (policy === 'none') return undefined;
  return (old.metadata.generation ?? 1) + (specChanged(old, obj, policy === 'outsideMetadata') ? 1 : 0);
}

/**
 * The object store. Stored objects are never mutated in place (every write stores a new object), so readers
 * inside the simulator may share them without copying; the SimStore methods the world uses return copies.
 */
export class Store implements SimStore {
  private readonly kinds = new Map<string, Map<string, K8sObject>>();
  private readonly sorted = new Map<string, K8sObject[]>();
  private history: CommittedEvent[] = [];
  /** Every event with rv > historyFloor is in `history`. */
  historyFloor = 0;
  rv = 0;
  private readonly listeners = new Set<(e: CommittedEvent) => void>();
  /**
   * When false (seed loading), writes go into the event history but reach no listener. Keeping them in the
   * history lets a client watch from a seeded object's own resourceVersion, as etcd's history allows.
   */
  recording = true;

  constructor(
    readonly registry: Registry,
    private readonly clock: ScaledClock,
  ) {}

  subscribe(fn: (e: CommittedEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Events after `rv`, or undefined when they are no longer all kept (the watcher gets 410 Gone). */
  eventsSince(rv: number): CommittedEvent[] | undefined {
    if (rv < this.historyFloor) return undefined;
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  clear(): void {
    this.kinds.clear();
    this.sorted.clear();
    this.history = [];
    this.historyFloor = this.rv;
  }

  count(): number {
    let n = 0;
    for (const m of this.kinds.values()) n += m.size;
    return n;
  }

  private rt(kind: string): ResourceType {
    const rt = this.registry.byKind(kind);
    if (!rt || REVIEW_KINDS.has(kind))
      throw new ApiError(404, 'NotFound', `the server doesn't have a resource type "${kind}"`);
    return rt;
  }

  private bucket(kind: string): Map<string, K8sObject> {
    let m = this.kinds.get(kind);
    if (!m) this.kinds.set(kind, (m = new Map()));
    return m;
  }

  private emit(event: StoreEvent): void {
    this.sorted.delete(event.object.kind);
    const ce: CommittedEvent = { ...event, rv: Number(event.object.metadata.resourceVersion) };
    this.history.push(ce);
    if (this.history.length > HISTORY_LIMIT) {
      const dropped = this.history.splice(0, this.history.length - HISTORY_LIMIT);
      this.historyFloor = dropped[dropped.length - 1].rv;
    }
    if (!this.recording) return;
    for (const l of this.listeners) l(ce);
  }

  /** The stored object itself: callers must not mutate it. */
  getRaw(kind: string, name: string, namespace?: string): K8sObject | undefined {
    const rt = this.registry.byKind(kind);
    return this.kinds.get(kind)?.get(key(name, rt?.namespaced ? namespace : undefined));
  }

  /** Stored objects sorted by namespace/name (etcd key order); callers must not mutate them. */
  listRaw(kind: string, namespace?: string): K8sObject[] {
    let all = this.sorted.get(kind);
    if (!all) {
      const m = this.kinds.get(kind);
      all = m
        ? [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1])
        : [];
      this.sorted.set(kind, all);
    }
    return namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
  }

  /**
   * Stores a new object. `keepMeta` (seeding) keeps a given uid, creationTimestamp and generation.
   * The caller has resolved the name (generateName) and namespace.
   */
  insert(obj: K8sObject, keepMeta = false): K8sObject {
    const rt = this.rt(obj.kind);
    const name = obj.metadata.name ?? '';
    const ns = rt.namespaced ? obj.metadata.namespace : undefined;
    if (rt.namespaced && !this.getRaw('Namespace', ns ?? '')) {
      throw new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, undefined, {
        name: ns,
        kind: 'namespaces',
      });
    }
    const m = this.bucket(obj.kind);
    if (m.has(key(name, ns))) throw alreadyExists(rt, name);
    const stored = this.prepareNew(obj, keepMeta);
    stored.metadata.resourceVersion = String(++this.rv);
    m.set(key(name, ns), stored);
    this.emit({ type: 'ADDED', object: stored });
    return stored;
  }

  /** The object `insert` would store, without a resourceVersion (dry runs answer with it). */
  prepareNew(obj: K8sObject, keepMeta = false): K8sObject {
    const rt = this.rt(obj.kind);
    const meta = { ...obj.metadata };
    if (!rt.namespaced) delete meta.namespace;
    if (!keepMeta || !meta.uid) meta.uid = randomUUID();
    if (!keepMeta || !meta.creationTimestamp) meta.creationTimestamp = timestamp(this.clock.now());
    if (generationPolicy(rt) === 'none') delete meta.generation;
    else if (!keepMeta || typeof meta.generation !== 'number') meta.generation = 1;
    delete meta.resourceVersion;
    const out = { ...obj, metadata: meta };
    // Seeds and the world's own writes get the apiserver's defaults too (what `kubectl get` would show).
    if (rt.builtin) {
      if (out.spec) out.spec = { ...out.spec };
      defaultBuiltin(obj.kind, out, 'SEED');
      // A seeded Service gets the cluster IP (and node ports) the apiserver would have allocated.
      if (obj.kind === 'Service') allocateService(out, undefined, this.listRaw('Service'), false);
    }
    return out;
  }

  /**
   * Replaces a stored object. Checks metadata.resourceVersion when set; keeps uid and creationTimestamp;
   * bumps generation when the spec changed. A write that changes nothing stores nothing.
   */
  replace(obj: K8sObject): K8sObject {
    const next = this.prepareReplace(obj);
    const old = this.getRaw(obj.kind, obj.metadata.name ?? '', obj.metadata.namespace)!;
    if (
      deepEqual(
        { ...next, metadata: { ...next.metadata, resourceVersion: undefined } },
        { ...old, metadata: { ...old.metadata, resourceVersion: undefined } },
      )
    ) {
      return old;
    }
    next.metadata.resourceVersion = String(++this.rv);
    const rt = this.rt(obj.kind);
    this.bucket(obj.kind).set(
      key(old.metadata.name!, rt.namespaced ? old.metadata.namespace : undefined),
      next,
    );
    this.emit({ type: 'MODIFIED', object: next, oldObject: old });
    return next;
  }

  /** The object `replace` would store (bookkeeping applied, resourceVersion still the old one). */
  prepareReplace(obj: K8sObject): K8sObject {
    const rt = this.rt(obj.kind);
    const name = obj.metadata.name ?? '';
    const old = this.getRaw(obj.kind, name, obj.metadata.namespace);
    if (!old) throw notFound(rt, name);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(rt, name);
    const meta = {
      ...obj.metadata,
      uid: old.metadata.uid,
      creationTimestamp: old.metadata.creationTimestamp,
      resourceVersion: old.metadata.resourceVersion,
      generation: nextGeneration(rt, old, obj),
    };
    if (meta.generation === undefined) delete meta.generation;
    if (rt.namespaced) meta.namespace = old.metadata.namespace;
    else delete meta.namespace;
    if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    return { ...obj, metadata: meta };
  }

  /** Deletes at once (finalizers are not simulated); deleting a namespace deletes what is in it. */
  remove(kind: string, name: string, namespace?: string): K8sObject | undefined {
    const rt = this.rt(kind);
    const ns = rt.namespaced ? namespace : undefined;
    const m = this.kinds.get(kind);
    const old = m?.get(key(name, ns));
    if (!m || !old) return undefined;
    if (kind === 'Namespace') {
      for (const other of this.registry.all()) {
        if (!other.namespaced) continue;
        for (const o of this.listRaw(other.kind, name)) this.remove(other.kind, o.metadata.name!, name);
      }
    }
    m.delete(key(name, ns));
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(++this.rv) } };
    this.emit({ type: 'DELETED', object: gone });
    return gone;
  }

  // ---- SimStore: the world's view (copies in, copies out; views without copies) ----

  getView(kind: string, name: string, namespace?: string): Readonly<K8sObject> | undefined {
    return this.getRaw(kind, name, namespace);
  }

  listView(kind: string, namespace?: string): readonly Readonly<K8sObject>[] {
    return this.listRaw(kind, namespace);
  }

  get(kind: string, name: string, namespace?: string): K8sObject | undefined {
    return clone(this.getRaw(kind, name, namespace));
  }

  list(kind: string, namespace?: string): K8sObject[] {
    return clone(this.listRaw(kind, namespace));
  }

  create(obj: K8sObject): K8sObject {
    const o = clone(obj);
    const rt = this.rt(o.kind);
    if (rt.namespaced && !o.metadata.namespace) o.metadata.namespace = 'default';
    if (!o.metadata.name && o.metadata.generateName) o.metadata.name = generateName(o.metadata.generateName);
    return clone(this.insert(o));
  }

  update(obj: K8sObject): K8sObject {
    return clone(this.replace(clone(obj)));
  }

  delete(kind: string, name: string, namespace?: string): K8sObject | undefined {
    return clone(this.remove(kind, name, namespace));
  }
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** generateName + 5 random characters from the apiserver's alphabet. */
export function generateName(prefix: string): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  return prefix + s;
}
