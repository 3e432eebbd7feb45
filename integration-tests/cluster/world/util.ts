import { createHash } from 'node:crypto';
import { ApiError, type Controller, type K8sObject, type SimContext, type SimStore } from '../sim-api';

/** Namespace where SSP puts golden images on OpenShift when the HCO item does not name one. */
export const GOLDEN_IMAGES_NAMESPACE = 'openshift-virtualization-os-images';
export const HCO_NAME = 'kubevirt-hyperconverged';
export const HCO_NAMESPACE = 'openshift-cnv';
export const CDI_NAME = 'cdi-kubevirt-hyperconverged';
export const CDI_VERSION = 'v1.65.0';
export const HPP_VERSION = 'v0.25.2';
export const HCO_VERSION = '1.18.1';

export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_DEFAULT_VIRT_CLASS = 'storageclass.kubevirt.io/is-default-virt-class';
export const ANN_IMMEDIATE_BIND = 'cdi.kubevirt.io/storage.bind.immediate.requested';

export const clone = <T>(value: T): T => structuredClone(value);

/** Structural equality of JSON values; key order does not matter, `undefined` members count as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const aKeys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bKeys = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((k) => jsonEqual(ao[k], bo[k]));
}

/** Now on the wall clock, as the apiserver writes metav1.Time (second precision). Durations: ctx.clock.simulatedMs(). */
export const timestamp = (ctx: SimContext): string =>
  ctx.clock
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A v4-shaped UID derived from a seed, so generated objects are stable across runs. */
export function stableUid(seed: string): string {
  const h = sha256Hex(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A status condition as the CRDs define it (the simulator models upstream; it imports nothing from src/). */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
  observedGeneration?: number;
}

/**
 * Returns the conditions with `wanted` set. Timestamps move only when status, reason or message change,
 * so a reconcile that finds nothing new writes nothing.
 */
export function setCondition(
  conditions: Condition[] | undefined,
  wanted: Omit<Condition, 'lastTransitionTime' | 'lastHeartbeatTime'>,
  now: string,
  withHeartbeat = false,
): Condition[] {
  const list = conditions ? clone(conditions) : [];
  const i = list.findIndex((c) => c.type === wanted.type);
  const old = i >= 0 ? list[i] : undefined;
  if (
    old &&
    old.status === wanted.status &&
    old.reason === wanted.reason &&
    old.message === wanted.message &&
    old.observedGeneration === wanted.observedGeneration
  ) {
    return list;
  }
  const next: Condition = {
    ...wanted,
    lastTransitionTime:
      old && old.status === wanted.status && old.lastTransitionTime ? old.lastTransitionTime : now,
    ...(withHeartbeat ? { lastHeartbeatTime: now } : {}),
  };
  if (next.reason === undefined) delete next.reason;
  if (next.message === undefined) delete next.message;
  if (next.observedGeneration === undefined) delete next.observedGeneration;
  if (i >= 0) list[i] = next;
  else list.push(next);
  return list;
}

export const findCondition = (obj: K8sObject | undefined, type: string): Condition | undefined =>
  (obj?.status?.conditions as Condition[] | undefined)?.find((c) => c.type === type);

/**
 * Writes `next` when it differs from `current` (ignoring bookkeeping metadata). A 409 means someone wrote
 * in between: the next reconcile sees the new state and tries again, so it is not an error here.
 */
export function writeIfChanged(store: SimStore, current: K8sObject, next: K8sObject): boolean {
  if (jsonEqual(strip(current), strip(next))) return false;
  try {
    store.update(next);
  } catch (err) {
    if (err instanceof ApiError && err.code === 409) return false;
    throw err;
  }
  return true;
}

function strip(obj: K8sObject): K8sObject {
  const copy = { ...obj, metadata: { ...obj.metadata } };
  delete copy.metadata.resourceVersion;
  delete copy.metadata.generation;
  delete copy.metadata.managedFields;
  return copy;
}

/** Returns a copy of `obj` changed by `mutate`, and writes it when something changed. */
export function mutateObject(store: SimStore, obj: K8sObject, mutate: (draft: K8sObject) => void): boolean {
  const draft = clone(obj);
  mutate(draft);
  return writeIfChanged(store, obj, draft);
}

export const isTrue = (value: unknown): boolean => value === 'true';

/** The StorageClass CDI would choose: virt default first (newest, then by name), then the k8s default. */
export function defaultStorageClass(store: SimStore, forVirt = true): K8sObject | undefined {
  const classes = scan(store, 'StorageClass');
  const pick = (annotation: string) =>
    classes
      .filter((sc) => isTrue(sc.metadata.annotations?.[annotation]))
      .sort(
        (a, b) =>
          (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
          (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
      )[0];
  return (forVirt ? pick(ANN_DEFAULT_VIRT_CLASS) : undefined) ?? pick(ANN_DEFAULT_CLASS);
}

export const ownerRef = (owner: K8sObject) => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind,
  name: owner.metadata.name ?? '',
  uid: owner.metadata.uid ?? '',
  controller: true,
  blockOwnerDeletion: true,
});

/** Parses a Kubernetes quantity such as `10Gi`, `500M` or `1.5Ti` into bytes. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return NaN;
  const units: Record<string, number> = {
    '': 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    m: 1e-3,
  };
  const unit = units[m[2]];
  return unit === undefined ? NaN : parseFloat(m[1]) * unit;
}

/**
 * Objects of a kind for reading only: the store's uncopied view when it offers one (scans of thousands of
 * objects stay cheap), else a copy. Change an object only through mutateObject, which copies it first.
 */
export const scan = (store: SimStore, kind: string, namespace?: string): K8sObject[] =>
  (store.listView?.(kind, namespace) as K8sObject[] | undefined) ?? store.list(kind, namespace);

/** Scans a kind that the simulator may not serve (e.g. snapshot CRDs not loaded): none then. */
export function listIfServed(store: SimStore, kind: string, namespace?: string): K8sObject[] {
  try {
    return scan(store, kind, namespace);
  } catch (err) {
    if (err instanceof ApiError && err.code === 404) return [];
    throw err;
  }
}

/** True when any event concerns one of `kinds`; reconciles that only depend on these kinds can skip otherwise. */
export const touches = (events: { object: K8sObject }[], kinds: readonly string[]): boolean =>
  events.some((e) => kinds.includes(e.object.kind));

/**
 * A controller that depends only on objects of `kinds`: it runs on its first call and then only when a batch
 * of events touches one of them, so clock ticks over a large cluster cost nothing.
 */
export function eventDriven(
  name: string,
  kinds: readonly string[],
  reconcile: (ctx: SimContext) => void,
): Controller {
  let primed = false;
  return {
    name,
    reconcile(ctx, events) {
      if (primed && !touches(events, kinds)) return;
      primed = true;
      reconcile(ctx);
    },
  };
}

/** A JSON object read from the API, as loosely typed as K8sObject.spec/status in the contract. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;
