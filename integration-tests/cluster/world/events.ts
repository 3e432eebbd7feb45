import type { K8sObject, SimContext, SimStore } from '../sim-api';
import { scan, timestamp, type Json } from './util';

/**
 * core/v1 Events as controllers record them through client-go's EventRecorder (tools/record/event.go
 * makeEvent, events_cache.go EventCorrelator): a new event is named `<object name>.<hex unix nanoseconds>`
 * in the object's namespace (`default` for cluster-scoped objects) and says which object, why, what and who
 * (`source.component`, the recorder's name); the same event again (same source, object, type, reason and
 * message) bumps `count` and `lastTimestamp` of the one already recorded instead of adding another.
 */

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  /** The recorder's name, e.g. `datavolume-import-controller`. */
  component: string;
}

let sequence = 0;

/** `<name>.<hex nanoseconds>`, unique even for several events in one millisecond. */
function eventName(objectName: string): string {
  const nanos = BigInt(Date.now()) * 1_000_000n + BigInt(sequence++ % 1_000_000);
  return `${objectName}.${nanos.toString(16)}`;
}

/** Records (or counts again) an event about `obj`. Does nothing when the event's namespace does not exist. */
export function recordEvent(
  ctx: SimContext,
  source: EventSource,
  obj: K8sObject,
  type: EventType,
  reason: string,
  message: string,
  fieldPath?: string,
): void {
  const namespace = obj.metadata.namespace || 'default';
  if (!ctx.store.getView?.('Namespace', namespace) && !ctx.store.get('Namespace', namespace)) return;
  const now = timestamp(ctx);
  const involvedObject = {
    kind: obj.kind,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    name: obj.metadata.name ?? '',
    uid: obj.metadata.uid ?? '',
    apiVersion: obj.apiVersion,
    resourceVersion: obj.metadata.resourceVersion ?? '',
    ...(fieldPath ? { fieldPath } : {}),
  };
  const key = eventKey(
    [involvedObject.uid, involvedObject.name, involvedObject.kind, involvedObject.fieldPath],
    source.component,
    type,
    reason,
    message,
  );
  const same = findSame(ctx.store, namespace, key);
  if (same) {
    const again = ctx.store.get('Event', (same.metadata.name as string | undefined) ?? '', namespace);
    if (!again) return;
    ctx.store.update({ ...again, count: ((again.count as number) ?? 1) + 1, lastTimestamp: now });
    remember(ctx.store, namespace, key, again.metadata.name ?? '');
    return;
  }
  const created = ctx.store.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: eventName(involvedObject.name), namespace },
    involvedObject,
    reason,
    message,
    source,
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type,
    eventTime: null,
    reportingComponent: source.component,
    reportingInstance: '',
  });
  remember(ctx.store, namespace, key, created.metadata.name ?? '');
}

/**
 * Which event a new one counts into. client-go keeps the events it recorded in an in-memory LRU keyed by
 * source, involved object, type, reason and message (client-go v0.36.0 tools/record/events_cache.go:52-66
 * getEventKey, :323 eventObserve) and patches the one it finds, creating a new one when the patch finds it
 * gone (event.go:330-341). Here the cache is per store (every recorder of the world shares it) and complete:
 * it starts from (and goes back to) a scan of the namespace's Events whenever someone else wrote Events
 * there (the API, a reset), which the store's per-namespace write stamp tells; otherwise a recorded event
 * costs one lookup, not a scan of every Event in the namespace. Stores without the stamp are scanned every
 * time.
 */
interface NamespaceEvents {
  /** Event key → name of the event with that key (the first in name order when several have it). */
  byKey: Map<string, string>;
  /** The store's last write of Events in the namespace when `byKey` was last brought up to date. */
  synced: number;
}

const caches = new WeakMap<SimStore, Map<string, NamespaceEvents>>();

/** SimStore plus the write stamp of store.ts (`Store.lastWrite`). */
type StampedStore = SimStore & { lastWrite(kind: string, namespace?: string): number };
const stamped = (store: SimStore): store is StampedStore =>
  typeof (store as Partial<StampedStore>).lastWrite === 'function';

function eventKey(
  object: [uid: unknown, name: unknown, kind: unknown, fieldPath: unknown],
  component: unknown,
  type: unknown,
  reason: unknown,
  message: unknown,
): string {
  // A missing field differs from any value (the scan compared with ===).
  return JSON.stringify(
    [...object, component, type, reason, message].map((v) => (v === undefined ? { missing: true } : v)),
  );
}

const keyOf = (e: Json) =>
  eventKey(
    [e.involvedObject?.uid, e.involvedObject?.name, e.involvedObject?.kind, e.involvedObject?.fieldPath],
    e.source?.component,
    e.type,
    e.reason,
    e.message,
  );

function scanNamespace(store: SimStore, namespace: string): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const e of scan(store, 'Event', namespace) as Json[]) {
    const key = keyOf(e);
    if (!byKey.has(key)) byKey.set(key, e.metadata.name as string);
  }
  return byKey;
}

function findSame(store: SimStore, namespace: string, key: string): Json | undefined {
  const read = (name: string) =>
    (store.getView?.('Event', name, namespace) ?? store.get('Event', name, namespace)) as Json | undefined;
  if (!stamped(store)) {
    const name = scanNamespace(store, namespace).get(key);
    return name === undefined ? undefined : read(name);
  }
  let spaces = caches.get(store);
  if (!spaces) caches.set(store, (spaces = new Map()));
  const stamp = store.lastWrite('Event', namespace);
  let cached = spaces.get(namespace);
  if (!cached || cached.synced !== stamp) {
    cached = { byKey: scanNamespace(store, namespace), synced: stamp };
    spaces.set(namespace, cached);
  }
  const name = cached.byKey.get(key);
  if (name === undefined) return undefined;
  const event = read(name);
  if (event && keyOf(event) === key) return event;
  // The event no longer reads back as the one cached (cannot happen while the stamp holds): scan again.
  cached.byKey = scanNamespace(store, namespace);
  const again = cached.byKey.get(key);
  return again === undefined ? undefined : read(again);
}

/** Our own write: the cache stays complete. */
function remember(store: SimStore, namespace: string, key: string, name: string): void {
  const cached = caches.get(store)?.get(namespace);
  if (!cached || !stamped(store)) return;
  if (!cached.byKey.has(key)) cached.byKey.set(key, name);
  cached.synced = store.lastWrite('Event', namespace);
}

/** A recorder bound to one component, as a controller holds one. */
export function eventRecorder(component: string) {
  const source = { component };
  return (
    ctx: SimContext,
    obj: K8sObject,
    type: EventType,
    reason: string,
    message: string,
    fieldPath?: string,
  ) => recordEvent(ctx, source, obj, type, reason, message, fieldPath);
}
