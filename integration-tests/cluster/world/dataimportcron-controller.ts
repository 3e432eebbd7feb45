import { Cron } from 'croner';
import { ApiError, type Controller, type K8sObject, type SimContext, type StoreEvent } from '../sim-api';
import { eventRecorder } from './events';
import { pinnedUrl, sourceDigest, sourceFailure, type ImageRegistry } from './import-sources';
import {
  ANN_IMMEDIATE_BIND,
  clone,
  defaultStorageClass,
  listIfServed,
  mutateObject,
  scan,
  setCondition,
  timestamp,
  type Json,
} from './util';

/**
 * CDI's DataImportCron and DataSource controllers (pkg/controller/dataimportcron-controller.go,
 * datasource-controller.go, v1.65.0) and the source poller (the CronJob running tools/cdi-source-update-poller
 * for URL sources; the controller itself for PVC sources).
 *
 * The poller (createDataImportCronPoller) polls each cron's source when its `spec.schedule` comes due on the
 * simulated calendar (see README "Scheduled polls") and once at once for a cron that was never polled. A poll
 * writes `lastCronTime`, `sourceDesiredDigest` when the digest moved, and `status.lastExecutionTimestamp`.
 *
 * The reconciler (createDataImportCronController) acts on the desired digest as `update()` does: a digest that
 * differs from the import in hand turns the cron `UpToDate=False/Outdated` and starts a DataVolume named
 * `<dataSource>-<digest[:12]>` in the same write; the next pass, seeing that import, says ImportProgressing;
 * when it succeeds the cron is UpToDate, the DataSource points at it (a VolumeSnapshot of it when the
 * StorageProfile's format is snapshot) and older imports are garbage-collected. It reconciles only the crons a
 * batch of events concerns. Simplification: `status.currentImports` is cleared once its import succeeded
 * (upstream keeps the last one listed).
 */
export const LABEL_CRON = 'cdi.kubevirt.io/dataImportCron';
export const LABEL_CLEANUP = 'cdi.kubevirt.io/dataImportCron.cleanup';
const ANN_PREFIX = 'cdi.kubevirt.io/storage.import.';
const CDI_LABELS = {
  'app.kubernetes.io/component': 'storage',
  'app.kubernetes.io/managed-by': 'cdi-controller',
};
/** Labels copied from the cron to what it creates (`instancetype.kubevirt.io/default-preference`, ...). */
const COPIED_LABEL = /^([\w.]+\.kubevirt\.io|kubevirt\.io)\//;

function cronLabels(cron: K8sObject): Record<string, string> {
  const labels: Record<string, string> = { ...CDI_LABELS, [LABEL_CRON]: cron.metadata.name ?? '' };
  for (const [k, v] of Object.entries(cron.metadata.labels ?? {})) if (COPIED_LABEL.test(k)) labels[k] = v;
  if (cron.spec?.retentionPolicy === 'None') labels[LABEL_CLEANUP] = 'true';
  return labels;
}

const ANN_DESIRED_DIGEST = `${ANN_PREFIX}sourceDesiredDigest`;
const ANN_LAST_CRON_TIME = `${ANN_PREFIX}lastCronTime`;
const ANN_STORAGE_CLASS = `${ANN_PREFIX}storageClass`;
const ANN_LAST_USE_TIME = `${ANN_PREFIX}lastUseTime`;
const IMPORT_KINDS = ['DataVolume', 'PersistentVolumeClaim', 'VolumeSnapshot'] as const;

/** The digest the cron's source has now, or undefined when it cannot be read (the poll fails). */
function currentDigest(ctx: SimContext, cron: K8sObject, registry?: ImageRegistry): string | undefined {
  const source = cron.spec?.template?.spec?.source ?? {};
  if (source.pvc) {
    // updatePvcDesiredDigest (dataimportcron-controller.go:778-799): `uid:<pvc uid>`.
    const pvc = ctx.store.get(
      'PersistentVolumeClaim',
      source.pvc.name,
      source.pvc.namespace || cron.metadata.namespace,
    );
    return pvc ? `uid:${pvc.metadata.uid}` : undefined;
  }
  if (!source.registry?.url || sourceFailure(source)) return undefined;
  return sourceDigest(source.registry.url, registry);
}

/** createDvName (dataimportcron-controller.go:1859): `<managedDataSource>-<first 12 of the digest>`. */
const importName = (cron: K8sObject, digest: string) =>
  `${cron.spec.managedDataSource}-${digest
    .replace(/^(sha256|uid):/, '')
    .replace(/-/g, '')
    .slice(0, 12)}`;

const cronKey = (ns: string | undefined, name: string | undefined) => `${ns}/${name}`;

function getIfServed(ctx: SimContext, kind: string, name: string, namespace?: string): K8sObject | undefined {
  try {
    return ctx.store.get(kind, name, namespace);
  } catch (err) {
    if (err instanceof ApiError && err.code === 404) return undefined;
    throw err;
  }
}

function deleteIfExists(ctx: SimContext, kind: string, name: string, namespace?: string): boolean {
  if (!getIfServed(ctx, kind, name, namespace)) return false;
  ctx.store.delete(kind, name, namespace);
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// The poller

const CRON_OPTIONS = {
  // UTC as the CDI controller's container runs; an offset, not a zone name: croner then skips Intl (much faster).
  utcOffset: 0,
  mode: '5-part' as const,
  // Go's cronexpr (CDI) and Kubernetes CronJobs accept `3/12` (from 3, every 12); croner needs this to.
  sloppyRanges: true,
  paused: true,
};

/** A parsed 5-field schedule, or undefined when it does not parse (CDI's webhook would have rejected it). */
export function parseSchedule(schedule: string | undefined): Cron | undefined {
  if (!schedule?.trim()) return undefined;
  try {
    return new Cron(schedule, CRON_OPTIONS);
  } catch {
    return undefined;
  }
}

interface PollEntry {
  uid: string;
  due: number;
  schedule?: Cron;
}

/** A binary min-heap of (due, key) pairs; stale pairs are skipped when popped. */
class DueQueue {
  private items: { due: number; key: string }[] = [];
  get size() {
    return this.items.length;
  }
  peek() {
    return this.items[0];
  }
  push(due: number, key: string) {
    const a = this.items;
    a.push({ due, key });
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p].due <= a[i].due) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].due < a[m].due) m = l;
        if (r < a.length && a[r].due < a[m].due) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The source poller: CDI's CronJob + cdi-source-update-poller for registry URLs
 * (dataimportcron-controller.go:163-195 initCron creates the CronJob and an initial Job, so a new cron is polled at
 * once; tools/cdi-source-update-poller/main.go:59-93 annotates `lastCronTime`, and `sourceDesiredDigest` when the
 * digest changed; a digest it cannot read makes it exit before writing anything) and the controller's own
 * polling of PVC sources (pollSourceDigest, :254-297, nextCronTime).
 *
 * Schedules run on the simulated calendar: the wall clock when the world started plus the simulated time
 * elapsed since (`simulatedMs()`), so `--time-scale` and /_sim/advance move it. Every tick costs O(log n) per due
 * cron plus the batch's cron events; a cron is polled (and written) only when due.
 */
export function createDataImportCronPoller(registry?: ImageRegistry): Controller {
  let origin: { wall: number; sim: number } | undefined;
  const entries = new Map<string, PollEntry>();
  const queue = new DueQueue();

  const calendar = (sim: number) => new Date(origin!.wall + (sim - origin!.sim));
  const nextDue = (entry: PollEntry, sim: number): number => {
    const next = entry.schedule?.nextRun(calendar(sim));
    return next ? origin!.sim + (next.getTime() - origin!.wall) : Infinity;
  };

  const register = (ctx: SimContext, cron: Readonly<K8sObject>) => {
    const key = cronKey(cron.metadata.namespace, cron.metadata.name);
    const entry: PollEntry = {
      uid: cron.metadata.uid ?? '',
      due: Infinity,
      schedule: parseSchedule(cron.spec?.schedule),
    };
    const now = ctx.clock.simulatedMs();
    // initCron returns early for an empty schedule (:164): such a cron is never polled.
    const neverPolled =
      !cron.metadata.annotations?.[ANN_LAST_CRON_TIME] && !cron.status?.lastExecutionTimestamp;
    if (entry.schedule) entry.due = neverPolled ? now : nextDue(entry, now);
    entries.set(key, entry);
    if (entry.due !== Infinity) queue.push(entry.due, key);
  };

  const poll = (ctx: SimContext, key: string) => {
    const [ns, name] = key.split('/');
    const cron = ctx.store.get('DataImportCron', name, ns);
    if (!cron) return;
    const digest = currentDigest(ctx, cron, registry);
    if (!digest) return;
    const now = timestamp(ctx);
    mutateObject(ctx.store, cron, (draft) => {
      draft.metadata.annotations = {
        ...draft.metadata.annotations,
        [ANN_LAST_CRON_TIME]: now,
        [ANN_DESIRED_DIGEST]: digest,
      };
      // updateLastExecutionTimestamp (:868-881) copies lastCronTime into the status.
      draft.status = { ...draft.status, lastExecutionTimestamp: now };
    });
  };

  return {
    name: 'dataimportcron-poller',
    reconcile(ctx, events) {
      if (!origin) {
        origin = { wall: ctx.clock.now().getTime(), sim: ctx.clock.simulatedMs() };
        for (const cron of scan(ctx.store, 'DataImportCron')) register(ctx, cron);
      } else {
        for (const e of events) {
          if (e.object.kind !== 'DataImportCron') continue;
          const key = cronKey(e.object.metadata.namespace, e.object.metadata.name);
          if (e.type === 'DELETED') {
            if (entries.get(key)?.uid === e.object.metadata.uid) entries.delete(key);
          } else if (entries.get(key)?.uid !== e.object.metadata.uid) {
            const cron = ctx.store.getView?.(
              'DataImportCron',
              e.object.metadata.name ?? '',
              e.object.metadata.namespace,
            );
            if (cron) register(ctx, cron as K8sObject);
            else if (e.type === 'ADDED') register(ctx, e.object);
          }
        }
      }
      const now = ctx.clock.simulatedMs();
      while (queue.size && queue.peek().due <= now) {
        const { due, key } = queue.pop();
        const entry = entries.get(key);
        if (!entry || entry.due !== due) continue; // deleted or re-registered since
        poll(ctx, key);
        entry.due = nextDue(entry, now);
        if (entry.due !== Infinity) queue.push(entry.due, key);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The reconciler

function startImport(
  ctx: SimContext,
  cron: K8sObject,
  name: string,
  digest: string,
  className?: string,
): void {
  const spec = clone(cron.spec.template?.spec ?? {});
  if (spec.source?.registry?.url) spec.source.registry.url = pinnedUrl(spec.source.registry.url, digest);
  if (className) {
    spec.storage ??= {};
    spec.storage.storageClassName ??= className;
  }
  ctx.store.create({
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: {
      name,
      namespace: cron.metadata.namespace,
      labels: cronLabels(cron),
      annotations: { [ANN_IMMEDIATE_BIND]: 'true', [ANN_LAST_USE_TIME]: timestamp(ctx) },
    },
    spec,
  });
}

/** handleSnapshot (:1020-1087): a VolumeSnapshot of the imported PVC; once ready the DV and PVC go. */
function snapshotImport(
  ctx: SimContext,
  cron: K8sObject,
  pvc: K8sObject,
  className?: string,
  snapshotClass?: string,
) {
  const ns = cron.metadata.namespace ?? '';
  const name = pvc.metadata.name ?? '';
  // "Attempt to change storage class, will not try making a snapshot of the old PVC" (:1024-1027).
  if (className && pvc.spec?.storageClassName && pvc.spec.storageClassName !== className) return;
  if (!getIfServed(ctx, 'VolumeSnapshot', name, ns)) {
    ctx.store.create({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshot',
      metadata: {
        name,
        namespace: ns,
        labels: cronLabels(cron),
        annotations: { [ANN_LAST_USE_TIME]: timestamp(ctx) },
      },
      spec: {
        source: { persistentVolumeClaimName: name },
        ...(snapshotClass ? { volumeSnapshotClassName: snapshotClass } : {}),
      },
      status: {
        boundVolumeSnapshotContentName: `snapcontent-${pvc.metadata.uid}`,
        creationTime: timestamp(ctx),
        readyToUse: true,
        restoreSize: pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage,
      },
    });
  }
  // The simulated snapshot is ready at once: deleteDvPvc (:1230-1241) — the DV, whose PVC follows it.
  if (!deleteIfExists(ctx, 'DataVolume', name, ns)) deleteIfExists(ctx, 'PersistentVolumeClaim', name, ns);
}

/** What one batch reads once: the default class and, when needed, the cron-made objects by cron. */
interface Pass {
  /** The world's first pass: everything is looked at (garbage collection included). */
  first: boolean;
  defaultClass?: string;
  /** Cron-made objects by cron key, per namespace read ('' = every namespace). */
  madeBy?: Map<string, Map<string, { kind: string; obj: K8sObject }[]>>;
}

/**
 * The objects crons made (by their `cdi.kubevirt.io/dataImportCron` label), by cron key. A cron makes its
 * imports and DataSource in its own namespace, so a cron's garbage collection reads only that namespace, not
 * every DataVolume and PVC of a large cluster; the first pass reads them all (`namespace` undefined).
 */
function madeBy(ctx: SimContext, pass: Pass, namespace?: string) {
  pass.madeBy ??= new Map();
  const cached = pass.madeBy.get(namespace ?? '');
  if (cached) return cached;
  const index = new Map<string, { kind: string; obj: K8sObject }[]>();
  for (const kind of [...IMPORT_KINDS, 'DataSource']) {
    for (const obj of listIfServed(ctx.store, kind, namespace)) {
      const cron = obj.metadata.labels?.[LABEL_CRON];
      if (!cron) continue;
      const key = cronKey(obj.metadata.namespace, cron);
      const list = index.get(key);
      if (list) list.push({ kind, obj });
      else index.set(key, [{ kind, obj }]);
    }
  }
  pass.madeBy.set(namespace ?? '', index);
  return index;
}

/** garbageCollectOldImports (:1162-1265): keeps the newest `importsToKeep` imports by last use. */
function collectGarbage(ctx: SimContext, pass: Pass, cron: K8sObject, keepNames: string[]): void {
  if ((cron.spec?.garbageCollect ?? 'Outdated') !== 'Outdated') return;
  const keep = [...new Set(keepNames)];
  const ns = cron.metadata.namespace;
  const imports = new Map<string, { used: string; kinds: string[] }>();
  for (const { kind, obj } of madeBy(ctx, pass, ns).get(cronKey(ns, cron.metadata.name)) ?? []) {
    if (kind === 'DataSource') continue;
    const entry = imports.get(obj.metadata.name!) ?? { used: '', kinds: [] };
    const used = obj.metadata.annotations?.[ANN_LAST_USE_TIME] ?? obj.metadata.creationTimestamp ?? '';
    if (used > entry.used) entry.used = used;
    entry.kinds.push(kind);
    imports.set(obj.metadata.name!, entry);
  }
  const importsToKeep = Math.max(1, cron.spec?.importsToKeep ?? 3);
  const older = [...imports.entries()]
    .filter(([name]) => !keep.includes(name))
    .sort((a, b) => b[1].used.localeCompare(a[1].used))
    .slice(Math.max(0, importsToKeep - keep.length));
  for (const [name, { kinds }] of older) for (const kind of kinds) deleteIfExists(ctx, kind, name, ns);
}

type Cond = { status: 'True' | 'False'; reason: string; message: string };
const NO_IMPORT: Cond = { status: 'False', reason: 'NoImport', message: 'No current import' };
const UP_TO_DATE: Cond = { status: 'True', reason: 'UpToDate', message: 'Latest import is up to date' };
const OUTDATED: Cond = {
  status: 'False',
  reason: 'Outdated',
  message: 'Source digest updated since last import',
};
const IMPORTING: Cond = { status: 'False', reason: 'ImportProgressing', message: 'Import is progressing' };
const NO_DIGEST: Cond = { status: 'False', reason: 'NoDigest', message: 'No source digest' };

/** The storage class the cron imports to: GetStorageClassByNameWithVirtFallback (:356-358). */
function desiredClass(cron: K8sObject, pass: Pass): string | undefined {
  const dvSpec = cron.spec?.template?.spec ?? {};
  return dvSpec.storage?.storageClassName ?? dvSpec.pvc?.storageClassName ?? pass.defaultClass;
}

/** One cron, modelled on `update()` (dataimportcron-controller.go:343-533). */
function reconcileCron(ctx: SimContext, pass: Pass, cron: K8sObject, ownsDataSource: boolean): void {
  const now = timestamp(ctx);
  const ns = cron.metadata.namespace ?? '';
  const className = desiredClass(cron, pass);
  const annotations = { ...cron.metadata.annotations };
  const desired: string | undefined = annotations[ANN_DESIRED_DIGEST];

  if (className) {
    const current = annotations[ANN_STORAGE_CLASS];
    if (current !== undefined && current !== className) {
      // handleStorageClassChange (:365-372, :977-1007): the newest import (named by the desired digest) goes,
      // on every kind, then the annotation moves; the next pass finds nothing in hand and imports again.
      if (desired)
        for (const kind of ['VolumeSnapshot', 'DataVolume', 'PersistentVolumeClaim'])
          deleteIfExists(ctx, kind, importName(cron, desired), ns);
      mutateObject(ctx.store, cron, (draft) => {
        draft.metadata.annotations = { ...draft.metadata.annotations, [ANN_STORAGE_CLASS]: className };
      });
      return;
    }
    annotations[ANN_STORAGE_CLASS] = className;
  }
  const profile = className ? ctx.store.get('StorageProfile', className) : undefined;
  // getSourceFormat (:1145-1160).
  const format: string = profile?.status?.dataImportCronSourceFormat ?? 'pvc';
  const status = clone(cron.status ?? {});
  let imports: { DataVolumeName: string; Digest?: string }[] = status.currentImports ?? [];
  // The import in hand: the current one, else (currentImports cleared after success) the last one.
  const inHand: string | undefined = imports[0]?.DataVolumeName ?? status.lastImportedPVC?.name;
  let progressing: Cond = NO_IMPORT;
  let importSucceeded = false;
  let importingPhase: string | undefined;
  let newImport = false;

  if (inHand) {
    const dv = ctx.store.get('DataVolume', inHand, ns);
    const pvc = ctx.store.get('PersistentVolumeClaim', inHand, ns);
    const snapshot = getIfServed(ctx, 'VolumeSnapshot', inHand, ns);
    const populated = (claim?: K8sObject) => {
      importSucceeded = true;
      if (format === 'snapshot' && claim)
        snapshotImport(ctx, cron, claim, className, profile?.status?.snapshotClass);
    };
    const phase: string | undefined = dv?.status?.phase;
    if (dv && phase === 'Succeeded') populated(pvc);
    else if (dv) {
      importingPhase = phase || 'Pending';
      progressing =
        phase === 'ImportInProgress'
          ? { status: 'True', reason: 'ImportProgressing', message: 'Import is progressing' }
          : !phase
            ? { status: 'False', reason: 'ImportScheduled', message: 'Import is scheduled' }
            : { status: 'False', reason: phase, message: `Import DataVolume phase ${phase}` };
    } else if (pvc?.status?.phase === 'Bound') populated(pvc);
    else if (snapshot) {
      if (format === 'pvc') {
        // "Snapshot is around even though format switched to PVC, requeueing" (:418-425): it goes, and the
        // next pass imports a PVC again.
        ctx.store.delete('VolumeSnapshot', inHand, ns);
        return;
      }
      importSucceeded = true;
    } else {
      imports = imports.slice(1);
    }
  }

  if (importSucceeded && inHand) {
    // updateDataImportCronOnSuccess (:852-866).
    if (status.lastImportedPVC?.name !== inHand || status.lastImportedPVC?.namespace !== ns) {
      status.lastImportedPVC = { name: inHand, namespace: ns };
      status.lastImportTimestamp = now;
      newImport = true;
    }
    progressing = NO_IMPORT;
  }

  const wanted = desired ? importName(cron, desired) : undefined;
  const digestUpdated =
    !!wanted &&
    (imports.length === 0 ? wanted !== inHand || !importSucceeded : imports[0].DataVolumeName !== wanted);
  let upToDate: Cond;
  if (digestUpdated) {
    upToDate = OUTDATED;
    if (importSucceeded || imports.length === 0) {
      // createImportDataVolume (:883-930): an existing snapshot or PVC of that name is adopted, else a DV.
      const exists =
        getIfServed(ctx, 'VolumeSnapshot', wanted!, ns) ||
        ctx.store.get('PersistentVolumeClaim', wanted!, ns);
      if (!exists && !ctx.store.get('DataVolume', wanted!, ns))
        startImport(ctx, cron, wanted!, desired!, className);
      imports = [{ DataVolumeName: wanted!, Digest: desired! }];
    }
  } else if (importSucceeded) {
    upToDate = UP_TO_DATE; // updateDataImportCronSuccessCondition (:1122-1143); the simulated snapshot is ready
    imports = [];
  } else if (imports.length) {
    upToDate = IMPORTING;
  } else {
    upToDate = NO_DIGEST;
  }
  // Upstream collects after every successful pass; once the imports in hand settled there is nothing to
  // collect, so the simulation only looks when one changed (which keeps a batch from indexing every import).
  if (importSucceeded && (pass.first || newImport || digestUpdated))
    collectGarbage(ctx, pass, cron, [inHand!, ...(wanted ? [wanted] : [])]);

  if (imports.length) status.currentImports = imports;
  else delete status.currentImports;
  status.sourceFormat = format;
  // updateLastExecutionTimestamp (:868-881).
  if (annotations[ANN_LAST_CRON_TIME]) status.lastExecutionTimestamp = annotations[ANN_LAST_CRON_TIME];
  let conditions = setCondition(status.conditions, { type: 'Progressing', ...progressing }, now, true);
  conditions = setCondition(conditions, { type: 'UpToDate', ...upToDate }, now, true);
  status.conditions = conditions;
  mutateObject(ctx.store, cron, (draft) => {
    draft.metadata.annotations = annotations;
    draft.status = status;
  });
  if (ownsDataSource) reconcileManagedDataSource(ctx, cron, format, status.lastImportedPVC, importingPhase);
}

/**
 * Which cron owns each managed DataSource: the one its label names while that cron lives and still manages
 * it, else the oldest. Without one owner, two crons sharing a DataSource would rewrite it every pass.
 */
function dataSourceOwner(ctx: SimContext, candidates: K8sObject[]): K8sObject {
  if (candidates.length === 1) return candidates[0];
  const { namespace } = candidates[0].metadata;
  const ds =
    ctx.store.getView?.('DataSource', candidates[0].spec.managedDataSource, namespace) ??
    ctx.store.get('DataSource', candidates[0].spec.managedDataSource, namespace);
  const labelled = ds?.metadata.labels?.[LABEL_CRON];
  const oldest = [...candidates].sort(
    (a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  )[0];
  return candidates.find((c) => c.metadata.name === labelled) ?? oldest;
}

const recordCronEvent = eventRecorder('dataimportcron-controller');

/** shouldReconcileCron (:135-161): a cron whose DataSource another live cron manages is told so with a Warning. */
function warnAlreadyManaged(ctx: SimContext, cron: K8sObject): void {
  const name: string | undefined = cron.spec?.managedDataSource;
  if (!name) return;
  const owner = ctx.store.get('DataSource', name, cron.metadata.namespace)?.metadata.labels?.[LABEL_CRON];
  if (!owner || owner === cron.metadata.name) return;
  recordCronEvent(
    ctx,
    cron,
    'Warning',
    'ErrDataSourceAlreadyManaged',
    `DataSource ${name} is already managed by DataImportCron ${owner}`,
  );
}

/**
 * updateDataSource (:801-850) and the DataSource controller's Ready condition: the DataSource points at the last
 * import in the current format (left as it is before the first import); Ready follows what it points at.
 */
function reconcileManagedDataSource(
  ctx: SimContext,
  cron: K8sObject,
  format: string,
  last: { name: string; namespace: string } | undefined,
  importingPhase?: string,
) {
  const name: string = cron.spec?.managedDataSource;
  const ns = cron.metadata.namespace;
  if (!name) return;
  const kind = format === 'snapshot' ? 'snapshot' : 'pvc';
  const source = last ? { [kind]: { name: last.name, namespace: last.namespace } } : undefined;
  const existing = ctx.store.get('DataSource', name, ns);
  if (!existing) {
    ctx.store.create({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataSource',
      metadata: { name, namespace: ns, labels: cronLabels(cron) },
      spec: { source: source ?? {} },
    });
    return;
  }
  // A DataSource labelled for another cron (or for none) is not this cron's to update (getDataSource :579-591).
  const label = existing.metadata.labels?.[LABEL_CRON];
  if (label !== undefined && label !== cron.metadata.name) return;
  let ready: Cond;
  if (!last) {
    ready = importingPhase
      ? { status: 'False', reason: importingPhase, message: `Import DataVolume phase ${importingPhase}` }
      : { status: 'False', reason: 'NoSource', message: 'No source PVC set' };
  } else if (kind === 'snapshot') {
    ready = getIfServed(ctx, 'VolumeSnapshot', last.name, last.namespace)
      ? { status: 'True', reason: 'Ready', message: 'DataSource is ready to be consumed' }
      : { status: 'False', reason: 'NotFound', message: 'Snapshot not found' };
  } else if (
    ctx.store.get('PersistentVolumeClaim', last.name, last.namespace)?.status?.phase === 'Bound' &&
    (ctx.store.get('DataVolume', last.name, last.namespace)?.status?.phase ?? 'Succeeded') === 'Succeeded'
  ) {
    ready = { status: 'True', reason: 'Ready', message: 'DataSource is ready to be consumed' };
  } else {
    const dvPhase = ctx.store.get('DataVolume', last.name, last.namespace)?.status?.phase;
    ready = dvPhase
      ? { status: 'False', reason: dvPhase, message: `Import DataVolume phase ${dvPhase}` }
      : { status: 'False', reason: 'NotFound', message: 'PVC not found' };
  }
  mutateObject(ctx.store, existing, (ds) => {
    ds.metadata.labels = { ...ds.metadata.labels, ...cronLabels(cron) };
    if (source) ds.spec = { ...ds.spec, source };
    ds.status = {
      ...ds.status,
      source: clone(ds.spec?.source ?? {}),
      conditions: setCondition(ds.status?.conditions, { type: 'Ready', ...ready }, timestamp(ctx), true),
    };
  });
}

/** DataSources that no cron manages: resolve their reference and report Ready. */
function reconcilePlainDataSource(ctx: SimContext, ds: K8sObject): void {
  const ns = ds.metadata.namespace ?? '';
  const spec = ds.spec?.source ?? {};
  let resolved: Record<string, unknown> = {};
  const check = (
    source: Json,
    depth: number,
  ): { status: 'True' | 'False'; reason: string; message: string } => {
    if (source.dataSource) {
      const refNs = source.dataSource.namespace ?? ns;
      if (refNs !== ns)
        return {
          status: 'False',
          reason: 'CrossNamespaceReference',
          message: 'Cross-namespace DataSource references are not allowed',
        };
      if (source.dataSource.name === ds.metadata.name)
        return { status: 'False', reason: 'SelfReference', message: 'DataSource cannot self-reference' };
      if (depth >= 1)
        return {
          status: 'False',
          reason: 'MaxReferenceDepthReached',
          message: 'Maximum DataSource reference depth reached',
        };
      const target = ctx.store.get('DataSource', source.dataSource.name, refNs);
      if (!target) return { status: 'False', reason: 'NotFound', message: 'Referenced DataSource not found' };
      return check(target.spec?.source ?? {}, depth + 1);
    }
    if (source.pvc) {
      resolved = { pvc: clone(source.pvc) };
      return ctx.store.get('PersistentVolumeClaim', source.pvc.name, source.pvc.namespace ?? ns)
        ? { status: 'True', reason: 'Ready', message: 'DataSource is ready to be consumed' }
        : { status: 'False', reason: 'NotFound', message: 'PVC not found' };
    }
    if (source.snapshot) {
      resolved = { snapshot: clone(source.snapshot) };
      return getIfServed(ctx, 'VolumeSnapshot', source.snapshot.name, source.snapshot.namespace ?? ns)
        ? { status: 'True', reason: 'Ready', message: 'DataSource is ready to be consumed' }
        : { status: 'False', reason: 'NotFound', message: 'Snapshot not found' };
    }
    return { status: 'False', reason: 'NoSource', message: 'No source PVC set' };
  };
  const ready = check(spec, 0);
  mutateObject(ctx.store, ds, (draft) => {
    draft.status = {
      ...draft.status,
      source: resolved,
      conditions: setCondition(draft.status?.conditions, { type: 'Ready', ...ready }, timestamp(ctx), true),
    };
  });
}

/**
 * cleanup (:1267-1292): with `retentionPolicy: None` (label `cdi.kubevirt.io/dataImportCron.cleanup=true`) a
 * deleted cron's DataSource, DataVolumes, PVCs and VolumeSnapshots that still carry both labels go with it. A
 * DataSource SSP took back (cron label removed) survives.
 */
function cleanupAfterDeletedCron(ctx: SimContext, pass: Pass, key: string): void {
  for (const { kind, obj } of madeBy(ctx, pass, key.slice(0, key.indexOf('/'))).get(key) ?? []) {
    if (obj.metadata.labels?.[LABEL_CLEANUP] !== 'true') continue;
    deleteIfExists(ctx, kind, obj.metadata.name ?? '', obj.metadata.namespace);
  }
}

/** Kinds whose changes concern every cron (the storage class and format in effect). */
const GLOBAL_KINDS = new Set(['StorageProfile', 'StorageClass']);
const CRON_MADE_KINDS = new Set<string>([...IMPORT_KINDS, 'DataSource']);

/** The crons (by key) and namespaces of plain DataSources a batch of events concerns; `all` on the first pass. */
function affected(events: StoreEvent[]) {
  const crons = new Set<string>();
  const dataSources = new Set<string>();
  const namespaces = new Set<string>();
  let all = false;
  for (const e of events) {
    const { kind, metadata } = e.object;
    if (GLOBAL_KINDS.has(kind)) all = true;
    else if (kind === 'DataImportCron') crons.add(cronKey(metadata.namespace, metadata.name));
    else if (CRON_MADE_KINDS.has(kind)) {
      for (const o of [e.object, e.oldObject]) {
        const label = o?.metadata.labels?.[LABEL_CRON];
        if (label) crons.add(cronKey(metadata.namespace, label));
      }
      if (kind === 'DataSource') dataSources.add(cronKey(metadata.namespace, metadata.name));
      namespaces.add(metadata.namespace ?? '');
    }
  }
  return { all, crons, dataSources, namespaces };
}

function reconcile(ctx: SimContext, events: StoreEvent[], first: boolean): void {
  const touched = affected(events);
  if (!first && !touched.all && !touched.crons.size && !touched.dataSources.size && !touched.namespaces.size)
    return;
  const all = first || touched.all;
  const pass: Pass = { first, defaultClass: defaultStorageClass(ctx.store)?.metadata.name };
  const crons = scan(ctx.store, 'DataImportCron');
  const byKey = new Map<string, K8sObject>();
  const byDataSource = new Map<string, K8sObject[]>();
  for (const cron of crons) {
    byKey.set(cronKey(cron.metadata.namespace, cron.metadata.name), cron);
    if (!cron.spec?.managedDataSource) continue;
    const ds = cronKey(cron.metadata.namespace, cron.spec.managedDataSource);
    const list = byDataSource.get(ds);
    if (list) list.push(cron);
    else byDataSource.set(ds, [cron]);
  }
  const keys = new Set(all ? byKey.keys() : touched.crons);
  if (!all) {
    // Crons sharing a DataSource with a touched cron, and the crons managing a touched DataSource.
    for (const key of [...keys]) {
      const cron = byKey.get(key);
      if (cron?.spec?.managedDataSource)
        for (const c of byDataSource.get(cronKey(cron.metadata.namespace, cron.spec.managedDataSource)) ?? [])
          keys.add(cronKey(c.metadata.namespace, c.metadata.name));
    }
    for (const ds of touched.dataSources)
      for (const c of byDataSource.get(ds) ?? []) keys.add(cronKey(c.metadata.namespace, c.metadata.name));
  }
  for (const key of keys) {
    const view = byKey.get(key);
    if (!view) {
      cleanupAfterDeletedCron(ctx, pass, key);
      continue;
    }
    const cron = ctx.store.get('DataImportCron', view.metadata.name ?? '', view.metadata.namespace);
    if (!cron) continue;
    const candidates = byDataSource.get(cronKey(cron.metadata.namespace, cron.spec?.managedDataSource)) ?? [
      cron,
    ];
    const owns = dataSourceOwner(ctx, candidates).metadata.name === cron.metadata.name;
    reconcileCron(ctx, pass, cron, owns);
    if (!owns) warnAlreadyManaged(ctx, cron);
  }
  if (first) {
    // A cron deleted while nobody watched: what it made still carries its labels.
    for (const key of madeBy(ctx, pass).keys()) if (!byKey.has(key)) cleanupAfterDeletedCron(ctx, pass, key);
  }
  const plainNamespaces = all ? [undefined] : [...touched.namespaces];
  for (const ns of plainNamespaces) {
    for (const ds of scan(ctx.store, 'DataSource', ns)) {
      if (!byDataSource.has(cronKey(ds.metadata.namespace, ds.metadata.name)))
        reconcilePlainDataSource(ctx, ds);
    }
  }
}

/**
 * The reconciler runs on events only (the poller and the DataVolume controller drive the clock-based part), and
 * only for the crons and namespaces a batch concerns.
 */
export function createDataImportCronController(): Controller {
  let primed = false;
  return {
    name: 'dataimportcron',
    reconcile(ctx, events) {
      const first = !primed;
      primed = true;
      reconcile(ctx, events, first);
    },
  };
}
