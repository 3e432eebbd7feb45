import type { Controller, K8sObject, SimContext } from '../sim-api';
import { eventRecorder } from './events';
import { pinnedUrl, sourceDigest, sourceFailure } from './import-sources';
import {
  ANN_IMMEDIATE_BIND,
  clone,
  defaultStorageClass,
  eventDriven,
  listIfServed,
  mutateObject,
  scan,
  setCondition,
  timestamp,
  type Json,
} from './util';

/**
 * CDI's DataImportCron and DataSource controllers (dataimportcron-controller.go, datasource-controller.go):
 * a cron polls its source's digest, imports it through a DataVolume named `<dataSource>-<digest[:12]>`,
 * keeps a snapshot of it when the StorageProfile says so, points its DataSource at the result and
 * garbage-collects older imports. A source that cannot be read leaves the cron at NoDigest.
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

interface SourceRef {
  kind: 'pvc' | 'snapshot';
  name: string;
  namespace: string;
}

function cronLabels(cron: K8sObject): Record<string, string> {
  const labels: Record<string, string> = { ...CDI_LABELS, [LABEL_CRON]: cron.metadata.name ?? '' };
  for (const [k, v] of Object.entries(cron.metadata.labels ?? {})) if (COPIED_LABEL.test(k)) labels[k] = v;
  if (cron.spec?.retentionPolicy === 'None') labels[LABEL_CLEANUP] = 'true';
  return labels;
}

/** The digest the cron's source has now, or undefined when it cannot be read. */
function currentDigest(ctx: SimContext, cron: K8sObject): string | undefined {
  const source = cron.spec?.template?.spec?.source ?? {};
  if (source.pvc) {
    const pvc = ctx.store.get('PersistentVolumeClaim', source.pvc.name, source.pvc.namespace);
    return pvc ? `uid:${pvc.metadata.uid}` : undefined;
  }
  if (!source.registry?.url || sourceFailure(source)) return undefined;
  return sourceDigest(source.registry.url);
}

const importName = (cron: K8sObject, digest: string) =>
  `${cron.spec.managedDataSource}-${digest
    .replace(/^(sha256|uid):/, '')
    .replace(/-/g, '')
    .slice(0, 12)}`;

function importExists(ctx: SimContext, ref: SourceRef | undefined): boolean {
  if (!ref) return false;
  if (ref.kind === 'snapshot') return !!ctx.store.get('VolumeSnapshot', ref.name, ref.namespace);
  return !!ctx.store.get('PersistentVolumeClaim', ref.name, ref.namespace);
}

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
      annotations: { [ANN_IMMEDIATE_BIND]: 'true', [`${ANN_PREFIX}lastUseTime`]: timestamp(ctx) },
    },
    spec,
  });
}

/** Turns a finished import into its final form; returns where the DataSource should point. */
function finishImport(
  ctx: SimContext,
  cron: K8sObject,
  dv: K8sObject,
  format: string,
  snapshotClass?: string,
): SourceRef {
  const ns = cron.metadata.namespace ?? '';
  const name = dv.metadata.name ?? '';
  if (format !== 'snapshot') return { kind: 'pvc', name, namespace: ns };
  if (!ctx.store.get('VolumeSnapshot', name, ns)) {
    const pvc = ctx.store.get('PersistentVolumeClaim', name, ns);
    ctx.store.create({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshot',
      metadata: { name, namespace: ns, labels: cronLabels(cron) },
      spec: {
        source: { persistentVolumeClaimName: name },
        ...(snapshotClass ? { volumeSnapshotClassName: snapshotClass } : {}),
      },
      status: {
        boundVolumeSnapshotContentName: `snapcontent-${dv.metadata.uid}`,
        creationTime: timestamp(ctx),
        readyToUse: true,
        restoreSize: pvc?.status?.capacity?.storage ?? dv.spec?.storage?.resources?.requests?.storage,
      },
    });
  }
  // The snapshot is the golden image now; the import DataVolume (and its PVC) go.
  ctx.store.delete('DataVolume', name, ns);
  return { kind: 'snapshot', name, namespace: ns };
}

/** What one reconcile pass reads once: the default class and every cron-made object, by cron. */
interface Pass {
  defaultClass?: string;
  madeBy: Map<string, { kind: string; obj: K8sObject }[]>;
}

const cronKey = (ns: string | undefined, name: string | undefined) => `${ns}/${name}`;

function startPass(ctx: SimContext): Pass {
  const madeBy = new Map<string, { kind: string; obj: K8sObject }[]>();
  for (const kind of ['DataVolume', 'PersistentVolumeClaim', 'VolumeSnapshot', 'DataSource']) {
    for (const obj of listIfServed(ctx.store, kind)) {
      const cron = obj.metadata.labels?.[LABEL_CRON];
      if (!cron) continue;
      const key = cronKey(obj.metadata.namespace, cron);
      madeBy.set(key, [...(madeBy.get(key) ?? []), { kind, obj }]);
    }
  }
  return { defaultClass: defaultStorageClass(ctx.store)?.metadata.name, madeBy };
}

function collectGarbage(ctx: SimContext, pass: Pass, cron: K8sObject, keepNames: string[]): void {
  if ((cron.spec?.garbageCollect ?? 'Outdated') !== 'Outdated') return;
  const keep = [...new Set(keepNames)];
  const ns = cron.metadata.namespace;
  const imports = new Map<string, { created: string; kinds: string[] }>();
  for (const { kind, obj } of pass.madeBy.get(cronKey(ns, cron.metadata.name)) ?? []) {
    if (kind === 'DataSource') continue;
    const entry = imports.get(obj.metadata.name!) ?? {
      created: obj.metadata.creationTimestamp ?? '',
      kinds: [],
    };
    entry.kinds.push(kind);
    imports.set(obj.metadata.name!, entry);
  }
  const importsToKeep = Math.max(1, cron.spec?.importsToKeep ?? 3);
  const older = [...imports.entries()]
    .filter(([name]) => !keep.includes(name))
    .sort((a, b) => b[1].created.localeCompare(a[1].created))
    .slice(Math.max(0, importsToKeep - keep.length));
  for (const [name, { kinds }] of older) {
    for (const kind of kinds) if (ctx.store.get(kind, name, ns)) ctx.store.delete(kind, name, ns);
  }
}

function reconcileCron(ctx: SimContext, pass: Pass, cron: K8sObject, ownsDataSource: boolean): void {
  const now = timestamp(ctx);
  const ns = cron.metadata.namespace ?? '';
  const dvSpec = cron.spec?.template?.spec ?? {};
  const className: string | undefined =
    dvSpec.storage?.storageClassName ?? dvSpec.pvc?.storageClassName ?? pass.defaultClass;
  const profile = className ? ctx.store.get('StorageProfile', className) : undefined;
  const format: string = profile?.status?.dataImportCronSourceFormat ?? 'pvc';
  const digest = currentDigest(ctx, cron);
  const status = clone(cron.status ?? {});
  const annotations = { ...cron.metadata.annotations };
  if (className) annotations[`${ANN_PREFIX}storageClass`] = className;
  let last: SourceRef | undefined = status.lastImportedPVC
    ? { kind: status.sourceFormat === 'snapshot' ? 'snapshot' : 'pvc', ...status.lastImportedPVC }
    : undefined;
  let progressing: { status: 'True' | 'False'; reason: string; message: string };
  let upToDate: { status: 'True' | 'False'; reason: string; message: string };
  let importingPhase: string | undefined;

  if (!digest) {
    status.lastExecutionTimestamp ??= now;
    delete status.currentImports;
    progressing = { status: 'False', reason: 'NoImport', message: 'No current import' };
    upToDate = { status: 'False', reason: 'NoDigest', message: 'No source digest' };
  } else {
    const wanted = importName(cron, digest);
    if (annotations[`${ANN_PREFIX}sourceDesiredDigest`] !== digest) {
      annotations[`${ANN_PREFIX}sourceDesiredDigest`] = digest;
      annotations[`${ANN_PREFIX}lastCronTime`] = now;
    }
    if (last?.name === wanted && importExists(ctx, last)) {
      delete status.currentImports;
      progressing = { status: 'False', reason: 'NoImport', message: 'No current import' };
      upToDate = { status: 'True', reason: 'UpToDate', message: 'Latest import is up to date' };
    } else {
      const dv = ctx.store.get('DataVolume', wanted, ns);
      if (!dv) {
        startImport(ctx, cron, wanted, digest, className);
        status.lastExecutionTimestamp = now;
      }
      const phase: string = dv?.status?.phase ?? '';
      if (dv && phase === 'Succeeded') {
        last = finishImport(ctx, cron, dv, format, profile?.status?.snapshotClass);
        status.lastImportedPVC = { name: last.name, namespace: last.namespace };
        status.lastImportTimestamp = now;
        delete status.currentImports;
        progressing = { status: 'False', reason: 'NoImport', message: 'No current import' };
        upToDate = { status: 'True', reason: 'UpToDate', message: 'Latest import is up to date' };
      } else {
        status.currentImports = [{ DataVolumeName: wanted, Digest: digest }];
        importingPhase = phase || 'Pending';
        progressing =
          phase === 'ImportInProgress'
            ? { status: 'True', reason: 'ImportProgressing', message: 'Import is progressing' }
            : phase === ''
              ? { status: 'False', reason: 'ImportScheduled', message: 'Import is scheduled' }
              : { status: 'False', reason: phase, message: `Import DataVolume phase ${phase}` };
        upToDate = { status: 'False', reason: 'ImportProgressing', message: 'Import is progressing' };
      }
    }
    collectGarbage(ctx, pass, cron, [wanted, ...(last ? [last.name] : [])]);
  }
  status.sourceFormat = format;
  let conditions = setCondition(status.conditions, { type: 'Progressing', ...progressing }, now, true);
  conditions = setCondition(conditions, { type: 'UpToDate', ...upToDate }, now, true);
  status.conditions = conditions;
  mutateObject(ctx.store, cron, (draft) => {
    draft.metadata.annotations = annotations;
    draft.status = status;
  });
  if (ownsDataSource)
    reconcileManagedDataSource(ctx, cron, last && importExists(ctx, last) ? last : undefined, importingPhase);
}

/**
 * Which cron owns each managed DataSource: the one its label names while that cron lives and still manages
 * it, else the oldest. Without one owner, two crons sharing a DataSource would rewrite it every pass.
 */
function dataSourceOwners(ctx: SimContext, crons: K8sObject[]): Set<K8sObject> {
  const byDataSource = new Map<string, K8sObject[]>();
  for (const cron of crons) {
    if (!cron.spec?.managedDataSource) continue;
    const key = cronKey(cron.metadata.namespace, cron.spec.managedDataSource);
    byDataSource.set(key, [...(byDataSource.get(key) ?? []), cron]);
  }
  const owners = new Set<K8sObject>();
  for (const candidates of byDataSource.values()) {
    const { namespace } = candidates[0].metadata;
    const ds = ctx.store.get('DataSource', candidates[0].spec.managedDataSource, namespace);
    const labelled = ds?.metadata.labels?.[LABEL_CRON];
    const oldest = [...candidates].sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
        (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
    )[0];
    owners.add(candidates.find((c) => c.metadata.name === labelled) ?? oldest);
  }
  return owners;
}

const recordCronEvent = eventRecorder('dataimportcron-controller');

/** shouldReconcileCron: a cron whose DataSource another live cron manages is told so with a Warning. */
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

function reconcileManagedDataSource(
  ctx: SimContext,
  cron: K8sObject,
  ref: SourceRef | undefined,
  importingPhase?: string,
) {
  const name: string = cron.spec?.managedDataSource;
  const ns = cron.metadata.namespace;
  if (!name) return;
  const source = ref ? { [ref.kind]: { name: ref.name, namespace: ref.namespace } } : {};
  const existing = ctx.store.get('DataSource', name, ns);
  if (!existing) {
    ctx.store.create({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataSource',
      metadata: { name, namespace: ns, labels: cronLabels(cron) },
      spec: { source },
    });
    return;
  }
  const ready = ref
    ? { status: 'True' as const, reason: 'Ready', message: 'DataSource is ready to be consumed' }
    : importingPhase
      ? {
          status: 'False' as const,
          reason: importingPhase,
          message: `Import DataVolume phase ${importingPhase}`,
        }
      : { status: 'False' as const, reason: 'NoSource', message: 'No source PVC set' };
  mutateObject(ctx.store, existing, (ds) => {
    ds.metadata.labels = { ...ds.metadata.labels, ...cronLabels(cron) };
    ds.spec = { ...ds.spec, source };
    ds.status = {
      ...ds.status,
      source: clone(source),
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
      return listIfServed(ctx.store, 'VolumeSnapshot', source.snapshot.namespace ?? ns).some(
        (s) => s.metadata.name === source.snapshot.name,
      )
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

/** With `retentionPolicy: None`, what a deleted cron made is deleted with it. */
function cleanupAfterDeletedCrons(ctx: SimContext, pass: Pass, crons: K8sObject[]): void {
  const alive = new Set(crons.map((c) => cronKey(c.metadata.namespace, c.metadata.name)));
  for (const [key, made] of pass.madeBy) {
    if (alive.has(key)) continue;
    for (const { kind, obj } of made) {
      if (obj.metadata.labels?.[LABEL_CLEANUP] !== 'true') continue;
      if (ctx.store.get(kind, obj.metadata.name ?? '', obj.metadata.namespace)) {
        ctx.store.delete(kind, obj.metadata.name ?? '', obj.metadata.namespace);
      }
    }
  }
}

function reconcile(ctx: SimContext): void {
  const pass = startPass(ctx);
  const crons = scan(ctx.store, 'DataImportCron');
  const owners = dataSourceOwners(ctx, crons);
  for (const cron of crons) {
    reconcileCron(ctx, pass, cron, owners.has(cron));
    if (!owners.has(cron)) warnAlreadyManaged(ctx, cron);
  }
  cleanupAfterDeletedCrons(ctx, pass, crons);
  const managed = new Set(crons.map((c) => cronKey(c.metadata.namespace, c.spec?.managedDataSource)));
  for (const ds of scan(ctx.store, 'DataSource')) {
    if (!managed.has(cronKey(ds.metadata.namespace, ds.metadata.name))) reconcilePlainDataSource(ctx, ds);
  }
}

/** Crons only move when their objects do (the DataVolume controller drives the clock-based part). */
export const createDataImportCronController = (): Controller =>
  eventDriven(
    'dataimportcron',
    [
      'DataImportCron',
      'DataVolume',
      'PersistentVolumeClaim',
      'VolumeSnapshot',
      'DataSource',
      'StorageProfile',
      'StorageClass',
    ],
    reconcile,
  );
