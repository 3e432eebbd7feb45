import type { K8sObject, SimContext } from '../sim-api';
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
  const same = (scan(ctx.store, 'Event', namespace) as Json[]).find(
    (e) =>
      e.involvedObject?.uid === involvedObject.uid &&
      e.involvedObject?.name === involvedObject.name &&
      e.involvedObject?.kind === involvedObject.kind &&
      e.involvedObject?.fieldPath === involvedObject.fieldPath &&
      e.source?.component === source.component &&
      e.type === type &&
      e.reason === reason &&
      e.message === message,
  );
  if (same) {
    const again = ctx.store.get('Event', (same.metadata.name as string | undefined) ?? '', namespace);
    if (!again) return;
    ctx.store.update({ ...again, count: ((again.count as number) ?? 1) + 1, lastTimestamp: now });
    return;
  }
  ctx.store.create({
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
