import type {
  K8sModel,
  K8sResourceCommon,
  Selector,
  WatchK8sResource,
} from '@openshift-console/dynamic-plugin-sdk';
import { consoleFetchJSON } from './console-fetch';
import { resourcePath } from './k8s-resource';
import { resolveModel } from './models';
import { impersonationSubprotocols, k8sBasePath } from './session';

/**
 * One shared watch per distinct `WatchK8sResource`, reference counted like the console's redux `k8s`
 * slice. A list is loaded and watched as console 4.22's `watchK8sList` does (see `listAndWatch`): pages of
 * 250 following `continue`, `loaded` with the first page, each later page added as it arrives, then a
 * WebSocket watch from the last page's resourceVersion; events are buffered and applied every 500 ms; when
 * the socket fails the list is fetched again and the watch restarts. A single object is fetched, polled
 * every 30 s and watched through its list with `fieldSelector=metadata.name=<name>`.
 */

export type WatchSnapshot = [unknown, boolean, unknown];

const PAGE_LIMIT = 250;
const FLUSH_MS = 500;
const OBJECT_POLL_MS = 30_000;
const MAX_RETRY_MS = 15_000;
/** `pollAndWatch` retries a failed list (any page) after `15 * 1000` ms. */
const LIST_RETRY_MS = 15_000;

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR' | 'BOOKMARK';
  object: K8sResourceCommon & { code?: number };
}

const requirementToString = (r: { key: string; operator: string; values?: string[] }): string => {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'Equals':
      return `${r.key}=${values[0]}`;
    case 'NotEquals':
      return `${r.key}!=${values[0]}`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'In':
      return `${r.key} in (${values.join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${values.join(',')})`;
    default:
      return '';
  }
};

/** The SDK's `selectorToString`: `{matchLabels, matchExpressions}` or a bare label map. */
export const selectorToString = (selector: Selector | Record<string, string>): string => {
  const s = selector as Selector;
  const isOldFormat = !s.matchLabels && !s.matchExpressions;
  const labels = (isOldFormat ? selector : s.matchLabels) as Record<string, string> | undefined;
  const requirements = Object.keys(labels ?? {})
    .sort()
    .map((key) => requirementToString({ key, operator: 'Equals', values: [labels![key]] }));
  for (const e of s.matchExpressions ?? []) {
    requirements.push(requirementToString(e));
  }
  return requirements.join(',');
};

const objectKey = (o: K8sResourceCommon) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/** The `k8s` reducer's `moreRecent` (console-dynamic-plugin-sdk/src/app/k8s/reducers/k8s.ts). */
const moreRecent = (a: K8sResourceCommon, b: K8sResourceCommon): boolean => {
  const metaA = a.metadata ?? {};
  const metaB = b.metadata ?? {};
  if (metaA.uid !== metaB.uid) {
    return new Date(metaA.creationTimestamp ?? '') > new Date(metaB.creationTimestamp ?? '');
  }
  return parseInt(metaA.resourceVersion ?? '', 10) > parseInt(metaB.resourceVersion ?? '', 10);
};

class WatchEntry {
  snapshot: WatchSnapshot;
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private socket?: WebSocket;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private items = new Map<string, K8sResourceCommon>();
  private buffer: WatchEvent[] = [];
  private retryMs = 1000;
  private model?: K8sModel;

  constructor(private readonly resource: WatchK8sResource) {
    this.snapshot = [resource.isList ? [] : {}, false, undefined];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount() {
    return this.listeners.size;
  }

  start() {
    resolveModel(this.resource).then(
      (model) => {
        this.model = model;
        return this.resource.isList ? this.listAndWatch() : this.getAndWatch();
      },
      // The SDK reports an unknown kind as loaded with a NoModelError.
      (e) => this.publish([this.snapshot[0], true, e]),
    );
  }

  stop() {
    this.stopped = true;
    this.timers.forEach(clearTimeout);
    this.timers.clear();
    this.closeSocket();
  }

  private publish(snapshot: WatchSnapshot) {
    if (this.stopped) {
      return;
    }
    this.snapshot = snapshot;
    this.listeners.forEach((l) => l());
  }

  private later(fn: () => void, ms: number) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) {
        fn();
      }
    }, ms);
    this.timers.add(t);
  }

  private query(extra: Record<string, string>): Record<string, string> {
    const q: Record<string, string> = {};
    const { selector, fieldSelector } = this.resource;
    const labelSelector = selector && selectorToString(selector);
    if (labelSelector) {
      q.labelSelector = encodeURIComponent(labelSelector);
    }
    if (fieldSelector) {
      q.fieldSelector = encodeURIComponent(fieldSelector);
    }
    return { ...q, ...extra };
  }

  private path(queryParams: Record<string, string>, name?: string) {
    return resourcePath(this.model!, { ns: this.resource.namespace, name, queryParams });
  }

  private typed(o: K8sResourceCommon, apiVersion?: string): K8sResourceCommon {
    const m = this.model!;
    return {
      kind: m.kind,
      apiVersion: apiVersion ?? (m.apiGroup ? `${m.apiGroup}/${m.apiVersion}` : m.apiVersion),
      ...o,
    };
  }

  /**
   * Console 4.22, `watchK8sList` → `pollAndWatch` (frontend/packages/console-dynamic-plugin-sdk/src/app/k8s/
   * actions/k8s.ts, re-exported by frontend/public/actions/k8s.ts): `incrementallyLoad` the list, then
   * `k8sWatch(kind, {...query, resourceVersion})` with the resourceVersion of the LAST page. Any failed page
   * dispatches `errored` (the reducer keeps the data and `loaded` it has and only sets `loadError`) and the
   * whole list is loaded again from the first page 15 s later. A kind without the `watch` verb is re-listed
   * every 15 s instead of watched.
   */
  private async listAndWatch() {
    let resourceVersion: string | undefined;
    try {
      resourceVersion = await this.incrementallyLoad();
    } catch (e) {
      if (this.stopped) {
        return;
      }
      // reducers/k8s.ts, ActionType.Errored: "Don't overwrite data or loaded state if there was an error."
      this.publish([this.snapshot[0], this.snapshot[1], e]);
      this.later(() => this.listAndWatch(), LIST_RETRY_MS);
      return;
    }
    if (this.stopped) {
      return;
    }
    this.retryMs = 1000;
    if (!(this.model!.verbs ?? ['watch']).includes('watch')) {
      this.later(() => this.listAndWatch(), LIST_RETRY_MS);
      return;
    }
    // k8sWatch (utils/k8s/k8s-utils.ts): watch=true, selectors, resourceVersion only when there is one.
    this.openSocket(
      this.path({
        watch: 'true',
        ...this.query({}),
        ...(resourceVersion ? { resourceVersion: encodeURIComponent(resourceVersion) } : {}),
      }),
    );
  }

  /**
   * `incrementallyLoad` in `watchK8sList`: `k8sList(kind, {limit: 250, ...query, continue})` (a request's
   * own `limit` replaces 250 as the page size); the first page is dispatched as `loaded`, every later page
   * as `bulkAddToList` as soon as it arrives. Resolves to the last page's resourceVersion.
   */
  private async incrementallyLoad(continueToken = ''): Promise<string | undefined> {
    const list = await consoleFetchJSON(
      `${k8sBasePath}${this.path({
        limit: String(this.resource.limit || PAGE_LIMIT),
        ...this.query({}),
        ...(continueToken ? { continue: encodeURIComponent(continueToken) } : {}),
      })}`,
    );
    if (this.stopped) {
      return undefined;
    }
    const items = ((list.items ?? []) as K8sResourceCommon[]).map((i) => this.typed(i, list.apiVersion));
    if (!continueToken) {
      this.loaded(items);
    } else {
      this.bulkAddToList(items);
    }
    if (list.metadata?.continue) {
      return this.incrementallyLoad(list.metadata.continue);
    }
    return list.metadata?.resourceVersion;
  }

  /**
   * reducers/k8s.ts, ActionType.Loaded: `loaded: true, loadError: ''` and `loadList`: the list becomes the
   * first page (an object already held is kept unless the page's copy is `moreRecent`; objects not on the
   * page are dropped, so a re-list shrinks to its first page until the later pages arrive).
   */
  private loaded(items: K8sResourceCommon[]) {
    const next = new Map<string, K8sResourceCommon>();
    for (const o of items) {
      const key = objectKey(o);
      const current = this.items.get(key);
      next.set(key, current && !moreRecent(o, current) ? current : o);
    }
    this.items = next;
    this.publish([[...next.values()], true, '']);
  }

  /** reducers/k8s.ts, ActionType.BulkAddToList: merged in as they are; `loaded` and `loadError` unchanged. */
  private bulkAddToList(items: K8sResourceCommon[]) {
    for (const o of items) {
      this.items.set(objectKey(o), o);
    }
    this.publish([[...this.items.values()], this.snapshot[1], this.snapshot[2]]);
  }

  private async getAndWatch() {
    const { name } = this.resource;
    const poll = async () => {
      try {
        const o = await consoleFetchJSON(`${k8sBasePath}${this.path({}, name)}`);
        this.publish([this.typed(o), true, undefined]);
        return o as K8sResourceCommon;
      } catch (e) {
        this.publish([this.snapshot[0], this.snapshot[1], e]);
        return undefined;
      } finally {
        this.later(poll, OBJECT_POLL_MS);
      }
    };
    const current = await poll();
    if (this.stopped || (this.model!.namespaced && !this.resource.namespace)) {
      return; // the console refuses to watch a namespaced object without its namespace
    }
    const rv = current?.metadata?.resourceVersion;
    this.openSocket(
      this.path(
        this.query({
          watch: 'true',
          fieldSelector: encodeURIComponent(`metadata.name=${name}`),
          ...(rv ? { resourceVersion: rv } : {}),
        }),
      ),
    );
  }

  private openSocket(path: string) {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const protocols = impersonationSubprotocols();
    const ws = new WebSocket(
      `${scheme}://${window.location.host}${k8sBasePath}${path}`,
      protocols.length ? protocols : undefined,
    );
    this.socket = ws;
    let flushTimer: ReturnType<typeof setInterval> | undefined;
    ws.onopen = () => {
      flushTimer = setInterval(() => this.flush(), FLUSH_MS);
    };
    ws.onmessage = (msg) => {
      try {
        this.buffer.push(JSON.parse(String(msg.data)));
      } catch (e) {
        console.error('Unparseable watch event', e);
      }
    };
    ws.onclose = () => {
      clearInterval(flushTimer);
      if (this.socket !== ws || this.stopped) {
        return;
      }
      this.flush();
      this.socket = undefined;
      this.restart();
    };
  }

  private closeSocket() {
    const ws = this.socket;
    this.socket = undefined;
    ws?.close();
  }

  /** The watch failed or expired: fetch the whole state again, then watch from there. */
  private restart() {
    this.closeSocket();
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.later(() => (this.resource.isList ? this.listAndWatch() : this.getAndWatch()), delay);
  }

  private flush() {
    if (this.buffer.length === 0) {
      return;
    }
    const events = this.buffer;
    this.buffer = [];
    if (events.some((e) => e.type === 'ERROR')) {
      this.restart(); // e.g. 410 Gone: the resourceVersion is too old
      return;
    }
    if (!this.resource.isList) {
      // Like the console, the last object seen wins.
      const last = [...events].reverse().find((e) => e.type !== 'BOOKMARK');
      if (last) {
        this.publish([this.typed(last.object), true, undefined]);
      }
      return;
    }
    for (const e of events) {
      if (e.type === 'BOOKMARK') {
        continue;
      }
      const o = this.typed(e.object);
      if (e.type === 'DELETED') {
        this.items.delete(objectKey(o));
      } else {
        this.items.set(objectKey(o), o);
      }
    }
    // ActionType.UpdateListFromWS changes the data only.
    this.publish([[...this.items.values()], true, this.snapshot[2]]);
  }
}

const entries = new Map<string, WatchEntry>();

/** A stable key for a watch request: the console's redux id is also built from the query. */
export const watchKey = (resource: WatchK8sResource): string => JSON.stringify(sortKeys(resource));

const sortKeys = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
      )
    : value;

export const acquireWatch = (resource: WatchK8sResource): WatchEntry => {
  const key = watchKey(resource);
  let entry = entries.get(key);
  if (!entry) {
    entry = new WatchEntry(resource);
    entries.set(key, entry);
    entry.start();
  }
  return entry;
};

/** Subscribes; the watch stops when its last subscriber leaves. */
export const subscribeWatch = (resource: WatchK8sResource, listener: () => void): (() => void) => {
  const key = watchKey(resource);
  const entry = acquireWatch(resource);
  const unsubscribe = entry.subscribe(listener);
  return () => {
    unsubscribe();
    if (entry.listenerCount === 0 && entries.get(key) === entry) {
      entries.delete(key);
      entry.stop();
    }
  };
};
