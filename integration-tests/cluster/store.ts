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
/**
 * History is trimmed back to HISTORY_LIMIT once it is this much longer, not on every write (dropping one event
 * per write moved the whole 10,000-event array each time: seeding a large cluster spent most of its time
 * there). Like the apiserver's periodic etcd compaction, a watch may find somewhat more history than the limit.
 */
const HISTORY_SLACK = 1_000;

/**
 * One namespace's objects of one kind (namespace '' for cluster-scoped kinds), with its list in name order
 * kept between writes. A write here drops only this list and its kind's all-namespaces list; a changed object
 * keeps its place, so re-listing after updates sorts nothing, and new names are sorted alone and merged in.
 */
interface Bucket {
  readonly objects: Map<string, K8sObject>;
  /** Names in order as of the last build (names deleted since then included); without `added`. */
  names: string[];
  /** Names inserted since the last build, unsorted (a name may also be in `names` or be deleted since). */
  added: string[];
  /** The objects in name order until the next write here; frozen, handed out as is. */
  list?: readonly K8sObject[];
  /** The store resourceVersion of the last write here (0: none since the store was created or cleared). */
  lastWrite: number;
}

interface KindIndex {
  readonly buckets: Map<string, Bucket>;
  size: number;
  /** Namespaces in etcd key order (by `<namespace>/`) until a namespace gets its first object of the kind. */
  order?: string[];
  /** Every namespace's objects in key order until the next write of the kind; frozen, handed out as is. */
  all?: readonly K8sObject[];
}

/** What listing cost, for tests: how often a list was rebuilt and how many names had to be sorted. */
export interface ListStats {
  /** Lists (one namespace's, or a kind's across namespaces) built because a write dropped them. */
  builds: number;
  /** Names sorted (only names inserted since a namespace's list was last built are). */
  sortedNames: number;
}

const EMPTY: readonly K8sObject[] = Object.freeze([]);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `a` and `b` in order, each name once (both sorted). */
function mergeNames(a: string[], b: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (out[out.length - 1] !== next) out.push(next);
  }
  return out;
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
  private readonly kinds = new Map<string, KindIndex>();
  /** Counters for tests of what listing costs. */
  readonly listStats: ListStats = { builds: 0, sortedNames: 0 };
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
    this.history = [];
    this.historyFloor = this.rv;
  }

  count(): number {
    let n = 0;
    for (const k of this.kinds.values()) n += k.size;
    return n;
  }

  private rt(kind: string): ResourceType {
    const rt = this.registry.byKind(kind);
    if (!rt || REVIEW_KINDS.has(kind))
      throw new ApiError(404, 'NotFound', `the server doesn't have a resource type "${kind}"`);
    return rt;
  }

  /** The bucket of `kind` in `namespace` ('' for cluster-scoped kinds), created when `create`. */
  private bucket(kind: string, namespace: string): Bucket | undefined;
  private bucket(kind: string, namespace: string, create: true): Bucket;
  private bucket(kind: string, namespace: string, create = false): Bucket | undefined {
    let k = this.kinds.get(kind);
    if (!k) {
      if (!create) return undefined;
      this.kinds.set(kind, (k = { buckets: new Map(), size: 0 }));
    }
    let b = k.buckets.get(namespace);
    if (!b && create) {
      k.buckets.set(namespace, (b = { objects: new Map(), names: [], added: [], lastWrite: 0 }));
      k.order = undefined;
    }
    return b;
  }

  /** Drops the lists a write of `object` changes: its namespace's and its kind's. */
  private written(object: K8sObject): void {
    const k = this.kinds.get(object.kind);
    const b = k?.buckets.get(object.metadata.namespace ?? '');
    if (!k || !b) return;
    k.all = undefined;
    b.list = undefined;
    b.lastWrite = Number(object.metadata.resourceVersion);
  }

  private emit(event: StoreEvent): void {
    this.written(event.object);
    const ce: CommittedEvent = { ...event, rv: Number(event.object.metadata.resourceVersion) };
    this.history.push(ce);
    if (this.history.length > HISTORY_LIMIT + HISTORY_SLACK) {
      const dropped = this.history.splice(0, this.history.length - HISTORY_LIMIT);
      this.historyFloor = dropped[dropped.length - 1].rv;
    }
    if (!this.recording) return;
    for (const l of this.listeners) l(ce);
  }

  /** The stored object itself: callers must not mutate it. */
  getRaw(kind: string, name: string, namespace?: string): K8sObject | undefined {
    const rt = this.registry.byKind(kind);
    return this.bucket(kind, rt?.namespaced ? (namespace ?? '') : '')?.objects.get(name);
  }

  /**
   * Stored objects sorted by namespace/name (etcd key order), one namespace's when `namespace` is set. The
   * array (frozen) and its objects are the store's own, kept until a write of the kind: callers must not
   * mutate them.
   */
  listRaw(kind: string, namespace?: string): K8sObject[] {
    const k = this.kinds.get(kind);
    if (!k) return EMPTY as K8sObject[];
    if (namespace) {
      const b = k.buckets.get(namespace);
      return (b ? this.bucketList(b) : EMPTY) as K8sObject[];
    }
    if (!k.all) {
      // Keys are `<namespace>/<name>` and names hold no '/': key order is namespace (with its '/') by
      // namespace, then name order within each.
      k.order ??= [...k.buckets.keys()].sort((a, b) => byString(`${a}/`, `${b}/`));
      const all: K8sObject[] = [];
      for (const ns of k.order) for (const o of this.bucketList(k.buckets.get(ns)!)) all.push(o);
      this.listStats.builds++;
      k.all = Object.freeze(all);
    }
    return k.all as K8sObject[];
  }

  /** The rv of the last write of `kind` in `namespace` ('' or absent: cluster-scoped), 0 when none (since a clear). */
  lastWrite(kind: string, namespace?: string): number {
    return this.bucket(kind, namespace ?? '')?.lastWrite ?? 0;
  }

  private bucketList(b: Bucket): readonly K8sObject[] {
    if (b.list) return b.list;
    this.listStats.builds++;
    if (b.added.length) {
      this.listStats.sortedNames += b.added.length;
      b.names = mergeNames(b.names, b.added.sort(byString));
      b.added = [];
    }
    const names: string[] = [];
    const list: K8sObject[] = [];
    for (const name of b.names) {
      const o = b.objects.get(name);
      if (!o) continue;
      names.push(name);
      list.push(o);
    }
    b.names = names;
    b.list = Object.freeze(list);
    return b.list;
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
    const b = this.bucket(obj.kind, ns ?? '', true);
    if (b.objects.has(name)) throw alreadyExists(rt, name);
    const stored = this.prepareNew(obj, keepMeta);
    stored.metadata.resourceVersion = String(++this.rv);
    b.objects.set(name, stored);
    this.kinds.get(obj.kind)!.size++;
    b.added.push(name);
    // Inserts and deletes without a list in between: start the order afresh rather than grow `added`.
    if (b.added.length > b.objects.size + 1024) {
      b.names = [];
      b.added = [...b.objects.keys()];
    }
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
    this.bucket(obj.kind, rt.namespaced ? (old.metadata.namespace ?? '') : '', true).objects.set(
      old.metadata.name!,
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
    const b = this.bucket(kind, rt.namespaced ? (namespace ?? '') : '');
    const old = b?.objects.get(name);
    if (!b || !old) return undefined;
    if (kind === 'Namespace') {
      for (const other of this.registry.all()) {
        if (!other.namespaced) continue;
        for (const o of this.listRaw(other.kind, name)) this.remove(other.kind, o.metadata.name!, name);
      }
    }
    b.objects.delete(name);
    this.kinds.get(kind)!.size--;
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
