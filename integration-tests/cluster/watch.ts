import type { K8sObject } from './sim-api';
import type { ResourceType } from './registry';
import type { CommittedEvent, Store } from './store';
import type { Matcher } from './selectors';

export interface WatchSink {
  /** One event, already serialized as a JSON line without newline. */
  send(line: string): void;
  close(): void;
}

export interface WatchSpec {
  rt: ResourceType;
  namespace?: string;
  matcher?: Matcher;
  /** Path + query, for fault rules that drop watches. */
  path: string;
  /** Renders an object for this watcher (plain object JSON or a Table). */
  render(obj: K8sObject): string;
}

interface Watcher extends WatchSpec {
  sink: WatchSink;
}

/** Fans store events out to open watches (HTTP chunked or WebSocket). */
export class WatchHub {
  private readonly byKind = new Map<string, Set<Watcher>>();

  constructor(private readonly store: Store) {
    store.subscribe((e) => this.dispatch(e));
  }

  private dispatch(e: CommittedEvent): void {
    const set = this.byKind.get(e.object.kind);
    if (!set) return;
    for (const w of set) this.deliver(w, e);
  }

  private deliver(w: Watcher, e: CommittedEvent): void {
    if (w.namespace && e.object.metadata.namespace !== w.namespace) return;
    let type: string = e.type;
    let object = e.object;
    if (w.matcher) {
      const now = w.matcher(e.object);
      const before = e.oldObject ? w.matcher(e.oldObject) : false;
      if (e.type === 'MODIFIED') {
        if (!now && !before) return;
        if (now && !before) type = 'ADDED';
        if (!now && before && e.oldObject) {
          // The apiserver's watch cache sends the last state the watcher could see, at the new resourceVersion.
          type = 'DELETED';
          const { resourceVersion } = e.object.metadata;
          object = { ...e.oldObject, metadata: { ...e.oldObject.metadata, resourceVersion } };
        }
      } else if (!now) return;
    }
    w.sink.send(`{"type":"${type}","object":${w.render(object)}}`);
  }

  /**
   * Starts a watch from `resourceVersion` (unset/"0": ADDED for every current object first). Too old a
   * resourceVersion gets the apiserver's ERROR event (410 Expired) and the watch ends.
   */
  open(spec: WatchSpec, resourceVersion: string | null, sink: WatchSink): () => void {
    const w: Watcher = { ...spec, sink };
    if (!resourceVersion || resourceVersion === '0') {
      for (const o of this.store.listRaw(spec.rt.kind, spec.namespace)) {
        if (!spec.matcher || spec.matcher(o)) sink.send(`{"type":"ADDED","object":${spec.render(o)}}`);
      }
    } else {
      const rv = Number(resourceVersion);
      const events = Number.isFinite(rv) ? this.store.eventsSince(rv) : undefined;
      if (!events) {
        const status = {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${resourceVersion} (${this.store.historyFloor + 1})`,
          reason: 'Expired',
          code: 410,
        };
        sink.send(`{"type":"ERROR","object":${JSON.stringify(status)}}`);
        sink.close();
        return () => undefined;
      }
      for (const e of events) if (e.object.kind === spec.rt.kind) this.deliver(w, e);
    }
    let set = this.byKind.get(spec.rt.kind);
    if (!set) this.byKind.set(spec.rt.kind, (set = new Set()));
    set.add(w);
    return () => set!.delete(w);
  }

  /** Closes open watches whose path matches (fault injection) or all of them (reset). */
  closeMatching(re?: RegExp): number {
    let n = 0;
    for (const set of this.byKind.values()) {
      for (const w of [...set]) {
        if (re && !re.test(w.path)) continue;
        set.delete(w);
        w.sink.close();
        n++;
      }
    }
    return n;
  }

  count(): number {
    let n = 0;
    for (const s of this.byKind.values()) n += s.size;
    return n;
  }
}
