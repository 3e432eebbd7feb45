import type { Controller, K8sObject, SimContext } from '../sim-api';
import type { SimStore } from '../sim-api';
import { ApiError } from '../sim-api';
import {
  ANN,
  cloneSourcePodName,
  collectOrphanWorkers,
  ensureScratchPvc,
  ensureWorkerPod,
  importerPodName,
  needsScratchSpace,
  preallocationRequested,
  pvcMetadata,
  scratchPvcName,
  uploadPodName,
  type PodPhase,
  type WorkerPod,
} from './cdi-workers';
import { eventRecorder } from './events';
import { sourceFailure } from './import-sources';
import {
  ANN_IMMEDIATE_BIND,
  defaultStorageClass,
  findCondition,
  mutateObject,
  scan,
  ownerRef,
  parseQuantity,
  setCondition,
  timestamp,
  touches,
  type Json,
} from './util';

/**
 * CDI's DataVolume controller, as seen from the API: a PVC named after the DV, and phases with progress that
 * advance over simulated time. Durations are in simulated seconds (the clock runs ~60x faster than the wall).
 */

export const TIMING = {
  /** Pending -> *Scheduled (PVC bound). */
  scheduleAfter: 5,
  /** *Scheduled -> *InProgress (worker pod running). */
  startAfter: 15,
  /** Transfer time per GiB (about a registry import's pace), clamped to [minTransfer, maxTransfer]. */
  perGiB: 60,
  minTransfer: 60,
  maxTransfer: 3600,
  /** A failing importer pod restarts as kubelet's CrashLoopBackOff does: 10 s, doubling, at most 300 s. */
  restartBackoff: 10,
  restartBackoffCap: 300,
};

const backoff = (restart: number) =>
  Math.min(TIMING.restartBackoffCap, TIMING.restartBackoff * 2 ** Math.min(restart, 30));

/** Seconds a failing pod needs (since it started) to reach `restarts` restarts. */
export function secondsToRestarts(restarts: number): number {
  let total = 0;
  for (let i = 0; i < restarts; i++) total += backoff(i);
  return total;
}

/** Restarts of a failing pod after it has been failing for `seconds`. */
export function restartsAfter(seconds: number): number {
  let n = 0;
  let total = 0;
  while (backoff(n) < TIMING.restartBackoffCap) {
    if (total + backoff(n) > seconds) return n;
    total += backoff(n++);
  }
  return n + Math.max(0, Math.floor((seconds - total) / TIMING.restartBackoffCap));
}

const TERMINAL = new Set(['Succeeded', 'Failed', 'Paused']);
const GiB = 2 ** 30;

type Flow = 'import' | 'clone' | 'upload' | 'blank';

interface Plan {
  flow: Flow;
  className?: string;
  waitReason?: { reason: string; message: string };
  waitForFirstConsumer: boolean;
  transferSeconds: number;
  inProgressPhase: string;
  scheduledPhase: string;
  failure?: string;
  accessModes: string[];
  volumeMode: string;
  size: string;
  /** An upload whose data arrived (POST /_sim/complete-upload). */
  uploaded: boolean;
  /** A host-assisted clone: a source pod reads the source PVC into an upload server (CloneInProgress). */
  hostClone: boolean;
}

function flowOf(spec: Json): Flow {
  const source = spec.source ?? {};
  if (spec.sourceRef || source.pvc || source.snapshot) return 'clone';
  if (source.upload) return 'upload';
  if (source.blank) return 'blank';
  return 'import';
}

/** The PVC a DataVolume clones from: its `source.pvc`, or the PVC behind its DataSource. */
function cloneSource(ctx: SimContext, dv: K8sObject): K8sObject | 'missing' | 'not-ready' {
  const ns = dv.metadata.namespace;
  let ref = dv.spec.source?.pvc ?? dv.spec.source?.snapshot;
  let kind = dv.spec.source?.snapshot ? 'VolumeSnapshot' : 'PersistentVolumeClaim';
  if (dv.spec.sourceRef) {
    const ds = ctx.store.get('DataSource', dv.spec.sourceRef.name, dv.spec.sourceRef.namespace ?? ns);
    if (!ds) return 'missing';
    if (findCondition(ds, 'Ready')?.status !== 'True') return 'not-ready';
    ref = ds.status?.source?.pvc ?? ds.status?.source?.snapshot;
    kind = ds.status?.source?.snapshot ? 'VolumeSnapshot' : 'PersistentVolumeClaim';
  }
  if (!ref?.name) return 'missing';
  return ctx.store.get(kind, ref.name, ref.namespace ?? ns) ?? 'missing';
}

/** The default classes, looked up once and kept until a StorageClass changes (large clusters list slowly). */
type DefaultClass = (forVirt: boolean) => string | undefined;
function defaultClassMemo(ctx: SimContext, memo: Map<boolean, string | undefined>): DefaultClass {
  return (forVirt) => {
    if (!memo.has(forVirt)) memo.set(forVirt, defaultStorageClass(ctx.store, forVirt)?.metadata.name);
    return memo.get(forVirt);
  };
}

function plan(ctx: SimContext, dv: K8sObject, defaultClass: DefaultClass, uploads?: UploadedData): Plan {
  const spec = dv.spec ?? {};
  const target = spec.pvc ?? spec.storage ?? {};
  const contentVirt = (spec.contentType ?? 'kubevirt') === 'kubevirt';
  // spec.storage: GetStorageClassByNameWithVirtFallback (pkg/controller/datavolume/util.go:176), the virt
  // default unless archive. spec.pvc is copied as written (util.go:109-117): a claim without a class gets the
  // Kubernetes default from the apiserver's DefaultStorageClass admission, never the virt default.
  const className: string | undefined =
    target.storageClassName ?? defaultClass(spec.storage ? contentVirt : false);
  const sc = className ? ctx.store.get('StorageClass', className) : undefined;
  const sets: Json[] = className
    ? (ctx.store.get('StorageProfile', className)?.status?.claimPropertySets ?? [])
    : [];
  // Archive content forces Filesystem (util.go:165-172), so getDefaultAccessModes takes the first Filesystem
  // set (util.go:451-476); otherwise getDefaultVolumeAndAccessMode takes the first set (util.go:399-420).
  const profileSet = contentVirt ? sets[0] : sets.find((set) => set?.volumeMode === 'Filesystem');
  const flow = flowOf(spec);
  let accessModes: string[] = target.accessModes ?? [];
  let volumeMode: string =
    target.volumeMode && target.volumeMode !== 'FromStorageProfile' ? target.volumeMode : '';
  if (spec.storage) {
    if (!accessModes.length && profileSet) accessModes = [...profileSet.accessModes];
    if (!volumeMode && profileSet) volumeMode = profileSet.volumeMode;
  }
  volumeMode ||= 'Filesystem';
  let size: string | undefined = target.resources?.requests?.storage;
  let waitReason: Plan['waitReason'];
  if (!className || !sc) {
    waitReason = { reason: 'Pending', message: 'No PVC storage class found' };
  } else if (!accessModes.length) {
    waitReason = {
      reason: 'ErrClaimNotValid',
      message: `DataVolume.storage spec is missing accessMode and cannot get access mode from StorageProfile ${className}`,
    };
  }
  if (flow === 'clone' && !waitReason) {
    const source = cloneSource(ctx, dv);
    if (source === 'missing' || source === 'not-ready') {
      waitReason = {
        reason: 'Pending',
        message: source === 'missing' ? 'Clone source not found' : 'Clone source not ready',
      };
    } else {
      size ??= source.spec?.resources?.requests?.storage ?? source.status?.restoreSize;
    }
  }
  const bytes = parseQuantity(size ?? '1Gi');
  // CDI.spec.cloneStrategyOverride beats the profile for each clone (clone/planner.go:323-345).
  const strategy =
    ctx.store.list('CDI')[0]?.spec?.cloneStrategyOverride ??
    (className ? ctx.store.get('StorageProfile', className)?.status?.cloneStrategy : undefined);
  const cloneProgressPhase =
    strategy === 'csi-clone'
      ? 'CSICloneInProgress'
      : strategy === 'snapshot'
        ? 'SnapshotForSmartCloneInProgress'
        : 'CloneInProgress';
  const phases: Record<Flow, [string, string]> = {
    import: ['ImportScheduled', 'ImportInProgress'],
    blank: ['ImportScheduled', 'ImportInProgress'],
    clone: ['CloneScheduled', cloneProgressPhase],
    upload: ['UploadScheduled', 'UploadReady'],
  };
  const immediate = dv.metadata.annotations?.[ANN_IMMEDIATE_BIND] === 'true';
  return {
    flow,
    className,
    waitReason,
    waitForFirstConsumer: sc?.volumeBindingMode === 'WaitForFirstConsumer' && !immediate,
    transferSeconds:
      flow === 'blank'
        ? 2
        : Math.min(TIMING.maxTransfer, Math.max(TIMING.minTransfer, (bytes / GiB) * TIMING.perGiB)),
    scheduledPhase: phases[flow][0],
    inProgressPhase: phases[flow][1],
    failure: flow === 'import' ? sourceFailure(spec.source) : undefined,
    accessModes,
    volumeMode,
    size: size ?? '1Gi',
    uploaded: flow === 'upload' && !!uploads?.has(dv.metadata.uid ?? ''),
    hostClone: flow === 'clone' && cloneProgressPhase === 'CloneInProgress' && !spec.source?.snapshot,
  };
}

/**
 * The data that arrived for upload DataVolumes (by uid), one per world: POST /_sim/complete-upload stands for
 * `virtctl image-upload` finishing, after which the upload server exits and CDI marks the DV Succeeded.
 */
export class UploadedData {
  private readonly done = new Set<string>();
  /** `namespace/name` of uploads completed since the controller last looked (it reconciles just those). */
  readonly fresh = new Set<string>();
  has(uid: string): boolean {
    return this.done.has(uid);
  }
  /** Completes the upload into DataVolume `namespace/name`, which must be an upload waiting in UploadReady. */
  complete(store: SimStore, namespace: string, name: string): void {
    const dv = store.get('DataVolume', name, namespace);
    if (!dv) throw new ApiError(404, 'NotFound', `datavolumes.cdi.kubevirt.io "${name}" not found`);
    if (!dv.spec?.source?.upload)
      throw new ApiError(
        400,
        'BadRequest',
        `DataVolume ${namespace}/${name} is not an upload (spec.source.upload)`,
      );
    if (dv.status?.phase !== 'UploadReady')
      throw new ApiError(
        409,
        'Conflict',
        `DataVolume ${namespace}/${name} is ${dv.status?.phase || 'not reconciled yet'}, not UploadReady`,
      );
    this.done.add(dv.metadata.uid ?? '');
    this.fresh.add(`${namespace}/${name}`);
  }
}

/** The requested size plus filesystem overhead, as CDI sizes a Filesystem PVC from `spec.storage`. */
function pvcSize(ctx: SimContext, dv: K8sObject, p: Plan): string {
  if (!dv.spec.storage || p.volumeMode !== 'Filesystem') return p.size;
  const overhead = Number(
    ctx.store.get('CDIConfig', 'config')?.status?.filesystemOverhead?.storageClass?.[p.className ?? ''] ??
      '0.06',
  );
  const bytes = parseQuantity(p.size);
  if (!(bytes > 0) || !(overhead < 1)) return p.size;
  return `${Math.ceil(bytes / (1 - overhead) / 2 ** 20)}Mi`;
}

/** Writes the DV's PVC (created when missing) with its phase and `annotations` merged in; returns it. */
function ensurePvc(
  ctx: SimContext,
  dv: K8sObject,
  p: Plan,
  bound: boolean,
  annotations: Record<string, string> = {},
): K8sObject | undefined {
  const name = dv.metadata.name ?? '';
  const ns = dv.metadata.namespace;
  const existing = ctx.store.get('PersistentVolumeClaim', name, ns);
  const phase = bound ? 'Bound' : 'Pending';
  const size = pvcSize(ctx, dv, p);
  const status = bound ? { phase, accessModes: p.accessModes, capacity: { storage: size } } : { phase };
  if (existing) {
    const stale =
      existing.status?.phase !== phase ||
      Object.entries(annotations).some(([k, v]) => existing.metadata.annotations?.[k] !== v);
    if (stale)
      mutateObject(ctx.store, existing, (pvc) => {
        if (pvc.status?.phase !== phase) pvc.status = status;
        pvc.metadata.annotations = { ...pvc.metadata.annotations, ...annotations };
      });
    return ctx.store.get('PersistentVolumeClaim', name, ns);
  }
  const meta = pvcMetadata(ctx, dv, p.flow, p.volumeMode);
  return ctx.store.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: ns,
      labels: meta.labels,
      annotations: { ...meta.annotations, ...annotations },
      ownerReferences: [ownerRef(dv)],
    },
    spec: {
      accessModes: p.accessModes,
      resources: { requests: { storage: size } },
      storageClassName: p.className,
      volumeMode: p.volumeMode,
      ...(bound ? { volumeName: `pvc-${dv.metadata.uid}` } : {}),
    },
    status,
  });
}

/** The worker pod's phase in state `d`: none before the claim is bound or for CSI and snapshot clones. */
function podPhaseFor(p: Plan, d: Desired): PodPhase | undefined {
  if (!d.bound || (p.flow === 'clone' && !p.hostClone)) return undefined;
  if (d.phase === p.scheduledPhase) return 'Pending';
  return d.phase === 'Succeeded' ? 'Succeeded' : 'Running';
}

/**
 * What the import and upload controllers write on the PVC from their pod (import-controller.go:363, 434-441,
 * upload-controller.go:278-305, pkg/controller/util.go:330-380): the pod's name, phase and restarts, and once
 * done the Running condition and `storage.preallocation: "true"` when preallocation was requested. Clones by
 * CSI or snapshot run no pod and preallocate nothing; a host-assisted clone does (clone/host-clone.go:217).
 */
function workerPvcAnnotations(ctx: SimContext, dv: K8sObject, p: Plan, d: Desired): Record<string, string> {
  const phase = podPhaseFor(p, d);
  if (!phase) return {};
  const name = dv.metadata.name ?? '';
  const out: Record<string, string> = {
    [ANN.podPhase]: phase,
    [ANN.podRestarts]: String(d.restartCount ?? 0),
  };
  if (p.flow === 'import' || p.flow === 'blank') out[ANN.importPod] = importerPodName(name);
  if (p.flow === 'upload') out[ANN.uploadPod] = uploadPodName(name);
  if (phase === 'Running') out[ANN.podReady] = String(!p.failure);
  if (phase === 'Succeeded') {
    out[ANN.podReady] = 'false';
    out[ANN.runningCondition] = 'false';
    out[ANN.runningConditionMessage] = COMPLETE_MESSAGE[p.flow];
    out[ANN.runningConditionReason] = 'Completed';
    if (preallocationRequested(ctx, dv)) out[ANN.preallocationApplied] = 'true';
  }
  return out;
}

/**
 * The worker pods of a DataVolume in state `d` (cdi-workers.ts): the importer, or the upload server, or for a
 * host-assisted clone the upload server plus the clone source pod in the source namespace; the scratch PVC
 * while the pod works. Done pods are deleted (their scratch PVC goes with them, owned by the pod) unless the
 * PVC says `storage.pod.retainAfterCompletion: "true"` (common/util.go:881-883 ShouldDeletePod,
 * import-controller.go:486-498).
 */
function syncWorkers(ctx: SimContext, dv: K8sObject, p: Plan, d: Desired, pvc: K8sObject | undefined): void {
  const phase = podPhaseFor(p, d);
  if (!phase || !pvc) return;
  const ns = dv.metadata.namespace ?? '';
  const name = dv.metadata.name ?? '';
  const uid = pvc.metadata.uid ?? '';
  const retain = pvc.metadata.annotations?.[ANN.retainAfterCompletion] === 'true';
  const scratch = needsScratchSpace(dv.spec, p.flow) ? scratchPvcName(name) : undefined;
  const pods: WorkerPod[] = [];
  if (p.flow === 'import' || p.flow === 'blank') {
    pods.push({
      name: importerPodName(name),
      namespace: ns,
      component: 'importer',
      pvc,
      scratch,
      owned: true,
    });
  } else {
    // makeUploadPodSpec labels (upload-controller.go:781-787); a clone target gets no scratch (:730-733).
    pods.push({
      name: uploadPodName(name),
      namespace: ns,
      component: 'cdi-upload-server',
      pvc,
      scratch: p.flow === 'upload' ? scratch : undefined,
      owned: true,
      extraLabels: { service: uploadPodName(name), 'cdi.kubevirt.io/uploadTarget': uid },
    });
  }
  if (p.hostClone) {
    const source = cloneSource(ctx, dv);
    if (typeof source === 'object') {
      const podName = cloneSourcePodName(uid);
      // clone-controller.go:557-575
      pods.push({
        name: podName,
        namespace: source.metadata.namespace ?? ns,
        component: 'cdi-clone-source',
        pvc,
        mountClaim: source.metadata.name,
        owned: false,
        extraAnnotations: { [ANN.ownerRef]: `${ns}/${name}` },
        extraLabels: {
          'cdi.kubevirt.io/storage.clone.cloneUniqeId': podName,
          'cdi.kubevirt.io/hostAssistedSourcePodCloneSource': source.metadata.uid ?? '',
        },
      });
    }
  }
  recordPvcEvents(ctx, p, d, pvc, pods[0]);
  for (const w of pods) {
    if (phase === 'Succeeded' && !retain) {
      const done = ctx.store.get('Pod', w.name, w.namespace);
      if (done) ctx.store.delete('Pod', w.name, w.namespace);
      // the garbage collector takes the scratch PVC the pod owned (pkg/controller/util.go:156-158)
      const scratch = w.scratch ? ctx.store.get('PersistentVolumeClaim', w.scratch, w.namespace) : undefined;
      const owner = scratch?.metadata.ownerReferences?.[0];
      if (scratch && owner?.kind === 'Pod' && (!done || owner.uid === done.metadata.uid))
        ctx.store.delete('PersistentVolumeClaim', w.scratch ?? '', w.namespace);
      continue;
    }
    const message = phase === 'Succeeded' ? COMPLETE_MESSAGE[p.flow] : undefined;
    const failure = phase === 'Running' && w.component === 'importer' ? p.failure : undefined;
    ensureWorkerPod(ctx, w, phase, d.restartCount ?? 0, message, failure);
    const pod = w.scratch && phase !== 'Succeeded' ? ctx.store.get('Pod', w.name, w.namespace) : undefined;
    if (pod && w.scratch) ensureScratchPvc(ctx, pod, pvc, w.scratch);
  }
}

/** The recorders of CDI's PVC controllers (import-controller.go:144, upload-controller.go:693, clone-controller.go:94). */
const PVC_RECORDERS = {
  import: eventRecorder('import-controller'),
  upload: eventRecorder('upload-controller'),
  clone: eventRecorder('clone-controller'),
};

/**
 * The events CDI's PVC controllers record on the claim, before the pods are updated: the importer's error
 * (Warning ErrImportFailed with the termination message, once per restart: import-controller.go:420-424), and
 * on success ImportSucceeded "Import Successful" (:496), UploadSucceeded "Upload Successful"
 * (upload-controller.go:293) or CloneSucceeded "Clone Complete" (clone-controller.go:345).
 */
function recordPvcEvents(ctx: SimContext, p: Plan, d: Desired, pvc: K8sObject, worker: WorkerPod): void {
  const pod = ctx.store.get('Pod', worker.name, worker.namespace);
  if (p.failure && (p.flow === 'import' || p.flow === 'blank')) {
    const before: number = pod?.status?.containerStatuses?.[0]?.restartCount ?? 0;
    if ((d.restartCount ?? 0) > before)
      PVC_RECORDERS.import(ctx, pvc, 'Warning', 'ErrImportFailed', p.failure);
    return;
  }
  if (d.phase !== 'Succeeded' || pod?.status?.phase === 'Succeeded') return;
  if (p.flow === 'import' || p.flow === 'blank')
    PVC_RECORDERS.import(ctx, pvc, 'Normal', 'ImportSucceeded', 'Import Successful');
  else if (p.flow === 'upload')
    PVC_RECORDERS.upload(ctx, pvc, 'Normal', 'UploadSucceeded', 'Upload Successful');
  else PVC_RECORDERS.clone(ctx, pvc, 'Normal', 'CloneSucceeded', 'Clone Complete');
}

/** Where a seeded DataVolume already was on its timeline, so it continues instead of restarting. */
function elapsedFromStatus(dv: K8sObject, p: Plan): number {
  const phase: string | undefined = dv.status?.phase;
  const progress = parseFloat(dv.status?.progress ?? '');
  if (phase === p.inProgressPhase && p.failure) {
    return TIMING.startAfter + secondsToRestarts(dv.status?.restartCount ?? 0);
  }
  if (phase === p.inProgressPhase) {
    return TIMING.startAfter + (Number.isFinite(progress) ? (progress / 100) * p.transferSeconds : 0);
  }
  if (phase === p.scheduledPhase) return TIMING.scheduleAfter;
  return 0;
}

interface Desired {
  phase: string;
  progress: string;
  bound: boolean;
  running?: { status: 'True' | 'False'; reason?: string; message?: string };
  ready: { status: 'True' | 'False'; reason?: string; message?: string };
  restartCount?: number;
}

function desiredState(p: Plan, elapsed: number): Desired {
  const notReady = { status: 'False' as const };
  if (p.waitReason) return { phase: 'Pending', progress: 'N/A', bound: false, ready: notReady };
  if (p.waitForFirstConsumer && p.flow !== 'upload') {
    return { phase: 'WaitForFirstConsumer', progress: 'N/A', bound: false, ready: notReady };
  }
  if (elapsed < TIMING.scheduleAfter)
    return { phase: 'Pending', progress: 'N/A', bound: false, ready: notReady };
  if (elapsed < TIMING.startAfter)
    return { phase: p.scheduledPhase, progress: 'N/A', bound: true, ready: notReady };
  if (p.flow === 'upload' && p.uploaded) return succeeded(p);
  if (p.flow === 'upload') {
    return {
      phase: 'UploadReady',
      progress: 'N/A',
      bound: true,
      running: { status: 'True', reason: 'Pod is running' },
      ready: { status: 'False', reason: 'TransferRunning' },
    };
  }
  if (p.failure) {
    return {
      phase: p.inProgressPhase,
      progress: 'N/A',
      bound: true,
      running: { status: 'False', reason: 'Error', message: p.failure },
      ready: { status: 'False', reason: 'TransferRunning' },
      restartCount: restartsAfter(elapsed - TIMING.startAfter),
    };
  }
  const fraction = (elapsed - TIMING.startAfter) / p.transferSeconds;
  if (fraction < 1) {
    const showsPercent = p.flow !== 'clone' || p.inProgressPhase === 'CloneInProgress';
    return {
      phase: p.inProgressPhase,
      progress: showsPercent ? `${(Math.floor(fraction * 10000) / 100).toFixed(2)}%` : 'N/A',
      bound: true,
      running: { status: 'True', reason: 'Pod is running' },
      ready: { status: 'False', reason: 'TransferRunning' },
    };
  }
  return succeeded(p);
}

/**
 * The Running condition's message once done: the worker's termination message, "Import Complete"
 * (cmd/cdi-importer/importer.go:40), "Upload Complete" / "Clone Complete" (cmd/cdi-uploadserver/uploadserver.go:93-96).
 * With the JSON termination message of v1.65.0 it never mentions preallocation; that shows in the PVC
 * annotation `cdi.kubevirt.io/storage.preallocation` (pkg/controller/util.go:372-374).
 */
const COMPLETE_MESSAGE: Record<Flow, string> = {
  import: 'Import Complete',
  blank: 'Import Complete',
  upload: 'Upload Complete',
  clone: 'Clone Complete',
};

function succeeded(p: Plan): Desired {
  const done = COMPLETE_MESSAGE[p.flow];
  return {
    phase: 'Succeeded',
    progress: '100.0%',
    bound: true,
    running: { status: 'False', reason: 'Completed', message: done },
    ready: { status: 'True' },
  };
}

function applyStatus(ctx: SimContext, dv: K8sObject, p: Plan, d: Desired): void {
  const now = timestamp(ctx);
  const name = dv.metadata.name ?? '';
  let written: K8sObject | undefined;
  const changed = mutateObject(ctx.store, dv, (draft) => {
    written = draft;
    const status = (draft.status ??= {});
    let conditions = setCondition(
      status.conditions,
      d.bound
        ? { type: 'Bound', status: 'True', reason: 'Bound', message: `PVC ${name} Bound` }
        : {
            type: 'Bound',
            status: 'False',
            reason: p.waitReason?.reason ?? 'Pending',
            message: p.waitReason?.message ?? `PVC ${name} Pending`,
          },
      now,
      true,
    );
    conditions = setCondition(conditions, { type: 'Ready', ...d.ready }, now, true);
    conditions = setCondition(
      conditions,
      { type: 'Running', ...(d.running ?? { status: 'False' }) },
      now,
      true,
    );
    status.conditions = conditions;
    status.phase = d.phase;
    status.progress = d.progress;
    if (d.bound || status.claimName) status.claimName = name;
    if (d.restartCount !== undefined) status.restartCount = d.restartCount;
    else status.restartCount ??= 0;
  });
  if (changed && written) recordDataVolumeEvents(ctx, dv.status, written, p);
}

/** The recorder of the CDI controller that handles a flow (its GetEventRecorderFor name). */
const DV_RECORDERS = {
  import: eventRecorder('datavolume-import-controller'),
  blank: eventRecorder('datavolume-import-controller'),
  upload: eventRecorder('datavolume-upload-controller'),
  pvcClone: eventRecorder('datavolume-pvc-clone-controller'),
  snapshotClone: eventRecorder('datavolume-snapshot-clone-controller'),
};

/** `namespace/name` of the PVC or snapshot a clone reads (GetCloneSourceInfo, after sourceRef resolution). */
function cloneSourceOf(
  ctx: SimContext,
  dv: K8sObject,
): { kind: 'pvc' | 'snapshot'; ns: string; name: string } {
  let source: Json = dv.spec?.source ?? {};
  if (dv.spec?.sourceRef) {
    const ref = dv.spec.sourceRef;
    source =
      ctx.store.get('DataSource', ref.name, ref.namespace ?? dv.metadata.namespace)?.status?.source ?? {};
  }
  const ref = source.snapshot ?? source.pvc ?? {};
  return {
    kind: source.snapshot ? 'snapshot' : 'pvc',
    ns: ref.namespace ?? dv.metadata.namespace ?? '',
    name: ref.name ?? '',
  };
}

/** The event CDI records when a DataVolume enters `phase` (import-, upload-, clone-controller-base.go). */
function phaseEvent(
  ctx: SimContext,
  dv: K8sObject,
  p: Plan,
  phase: string,
): { reason: string; message: string } | undefined {
  const pvc = dv.metadata.name ?? '';
  if (p.flow === 'import' || p.flow === 'blank') {
    if (phase === 'ImportScheduled') return { reason: phase, message: `Import into ${pvc} scheduled` };
    if (phase === 'ImportInProgress') return { reason: phase, message: `Import into ${pvc} in progress` };
    if (phase === 'Succeeded')
      return { reason: 'ImportSucceeded', message: `Successfully imported into PVC ${pvc}` };
    return undefined;
  }
  if (p.flow === 'upload') {
    if (phase === 'UploadScheduled') return { reason: phase, message: `Upload into ${pvc} scheduled` };
    if (phase === 'UploadReady') return { reason: phase, message: `Upload into ${pvc} ready` };
    if (phase === 'Succeeded')
      return { reason: 'UploadSucceeded', message: `Successfully uploaded into ${pvc}` };
    return undefined;
  }
  const src = cloneSourceOf(ctx, dv);
  const from = `${src.ns}/${src.name}`;
  const into = `${dv.metadata.namespace}/${pvc}`;
  switch (phase) {
    case 'CloneScheduled':
      return { reason: phase, message: `Cloning from ${from} into ${into} scheduled` };
    case 'CloneInProgress':
      return { reason: phase, message: `Cloning from ${from} into ${into} in progress` };
    case 'CSICloneInProgress':
      return { reason: phase, message: `CSI Volume clone in progress (for pvc ${from})` };
    case 'SnapshotForSmartCloneInProgress':
      return {
        reason: phase,
        message: `Creating snapshot for smart-clone is in progress (for pvc ${from})`,
      };
    case 'Succeeded':
      return { reason: 'CloneSucceeded', message: `Successfully cloned from ${from} into ${into}` };
  }
  return undefined;
}

/**
 * CDI's DataVolume events after a status write (controller-base.go emitEvent, emitBoundConditionEvent,
 * emitFailureConditionEvent): the phase's event when the phase changed, the Bound condition's reason and
 * message when that condition changed, and a Warning with the Running condition's message when a bound,
 * unready transfer stops running with a new message.
 */
function recordDataVolumeEvents(ctx: SimContext, before: Json | undefined, dv: K8sObject, p: Plan): void {
  const record =
    p.flow === 'clone'
      ? cloneSourceOf(ctx, dv).kind === 'snapshot'
        ? DV_RECORDERS.snapshotClone
        : DV_RECORDERS.pvcClone
      : DV_RECORDERS[p.flow];
  const after: Json = dv.status ?? {};
  const event = after.phase !== before?.phase ? phaseEvent(ctx, dv, p, after.phase) : undefined;
  if (event) record(ctx, dv, 'Normal', event.reason, event.message);
  const cond = (status: Json | undefined, type: string) =>
    (status?.conditions as Json[] | undefined)?.find((c) => c.type === type);
  const bound = cond(after, 'Bound');
  const wasBound = cond(before, 'Bound');
  if (
    bound?.reason &&
    (!wasBound ||
      wasBound.status !== bound.status ||
      wasBound.reason !== bound.reason ||
      wasBound.message !== bound.message)
  ) {
    record(ctx, dv, 'Normal', bound.reason, bound.message ?? '');
  }
  const running = cond(after, 'Running');
  if (
    cond(after, 'Ready')?.status === 'False' &&
    running?.status === 'False' &&
    bound?.status === 'True' &&
    running.message &&
    running.message !== cond(before, 'Running')?.message
  ) {
    record(ctx, dv, 'Warning', running.reason ?? '', running.message);
  }
}

/**
 * When a moving DataVolume's state next changes by the clock alone (simulated ms): binding, the worker
 * starting, a failing importer's next restart (CrashLoopBackOff); while data flows its progress moves on every
 * tick (-Infinity).
 */
function nextChangeMs(p: Plan, d: Desired, startMs: number): number {
  if (d.phase === 'Pending') return startMs + TIMING.scheduleAfter * 1000;
  if (d.phase === p.scheduledPhase) return startMs + TIMING.startAfter * 1000;
  if (p.failure && d.restartCount !== undefined)
    return startMs + (TIMING.startAfter + secondsToRestarts(d.restartCount + 1)) * 1000;
  return -Infinity;
}

/**
 * Kinds whose change can alter the plan of any DataVolume (the class, its profile, the filesystem overhead):
 * the controller then looks at every DataVolume, terminal ones included, as on its first pass.
 */
const GLOBAL_KINDS = new Set(['StorageClass', 'StorageProfile', 'CDIConfig']);
/** Kinds a waiting clone reads for its source (a PVC, a DataSource, a VolumeSnapshot). */
const SOURCE_KINDS = new Set(['PersistentVolumeClaim', 'DataSource', 'VolumeSnapshot']);

const dvKey = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

/** What a reconciled DataVolume waits for: nothing (terminal), an event (parked), or the clock (moving). */
type Standing = 'terminal' | 'parked' | 'moving';

/**
 * The DataVolumes a batch of events names: their own changes, and their PVCs (owned by the DV or named after
 * it) and scratch PVCs (`<dv>-scratch`, scratchPvcName). `wakeParked` when a clone source may have moved;
 * `all` when a kind every plan reads changed.
 */
function affected(events: { type: string; object: K8sObject }[]) {
  const named = new Set<string>();
  const deleted = new Set<string>();
  let all = false;
  let wakeParked = false;
  for (const { type, object } of events) {
    const { kind, metadata } = object;
    const ns = metadata.namespace;
    if (GLOBAL_KINDS.has(kind)) all = true;
    if (SOURCE_KINDS.has(kind)) wakeParked = true;
    if (kind === 'DataVolume') {
      named.add(dvKey(ns, metadata.name));
      if (type === 'DELETED') deleted.add(dvKey(ns, metadata.name));
    } else if (kind === 'PersistentVolumeClaim') {
      const name = metadata.name ?? '';
      named.add(dvKey(ns, name));
      for (const o of metadata.ownerReferences ?? [])
        if (o.kind === 'DataVolume') named.add(dvKey(ns, o.name));
      if (name.endsWith('-scratch')) named.add(dvKey(ns, name.slice(0, -'-scratch'.length)));
    }
  }
  return { named, deleted, all, wakeParked };
}

/**
 * A fresh DataVolume controller; it remembers when it first saw each DV (simulated time). It reconciles only
 * what can change: on its first pass and when a StorageClass, StorageProfile or CDIConfig changes, every
 * DataVolume; otherwise the DVs that move with the clock (`moving`: Pending before binding, *Scheduled,
 * *InProgress, a failing import's restarts), the DVs a batch names (their own changes, their PVCs and scratch
 * PVCs, completed uploads), and, when a PVC, DataSource or VolumeSnapshot changed, the DVs waiting for an event
 * (`parked`: no class or clone source yet, WaitForFirstConsumer, UploadReady). Terminal DVs (Succeeded, Failed,
 * Paused) are looked at again only when named. So a tick over 10,000 settled DVs with one import running
 * reads that one import, and clock ticks cost nothing while no DataVolume is on its way.
 */
export function createDataVolumeController(uploads?: UploadedData): Controller {
  const startedAt = new Map<string, number>();
  const defaults = new Map<boolean, string | undefined>();
  const moving = new Set<string>();
  const parked = new Set<string>();
  /** When each moving DV next changes with the clock alone (simulated ms); ticks before then skip it. */
  const due = new Map<string, number>();
  let primed = false;
  /** The simulated time the moving DVs were last reconciled at. */
  let movedAt = NaN;

  function reconcileOne(ctx: SimContext, dv: K8sObject, nowMs: number, defaultClass: DefaultClass): Standing {
    const uid = dv.metadata.uid ?? dvKey(dv.metadata.namespace, dv.metadata.name);
    const key = dvKey(dv.metadata.namespace, dv.metadata.name);
    const p = plan(ctx, dv, defaultClass, uploads);
    if (TERMINAL.has(dv.status?.phase)) {
      if (dv.status.phase === 'Succeeded' && p.className && !p.waitReason) ensurePvc(ctx, dv, p, true);
      return 'terminal';
    }
    // Waiting DVs start their timeline when the wait ends (when first reconciled after it: they are not
    // looked at on ticks while they wait).
    const waiting = !!p.waitReason || (p.waitForFirstConsumer && p.flow !== 'upload');
    if (waiting) startedAt.delete(uid);
    else if (!startedAt.has(uid)) startedAt.set(uid, nowMs - elapsedFromStatus(dv, p) * 1000);
    const d = desiredState(p, waiting ? 0 : (nowMs - startedAt.get(uid)!) / 1000);
    if (p.className && !p.waitReason && d.phase !== 'Pending') {
      const pvc = ensurePvc(ctx, dv, p, d.bound, workerPvcAnnotations(ctx, dv, p, d));
      syncWorkers(ctx, dv, p, d, pvc);
    }
    applyStatus(ctx, dv, p, d);
    // Only a DV whose state moves with time is looked at on ticks.
    if (d.phase === 'Succeeded') return 'terminal';
    if (waiting || d.phase === 'UploadReady') return 'parked';
    due.set(key, nextChangeMs(p, d, startedAt.get(uid)!));
    return 'moving';
  }

  function file(key: string, standing: Standing | undefined): void {
    if (standing === 'moving') moving.add(key);
    else {
      moving.delete(key);
      due.delete(key);
    }
    if (standing === 'parked') parked.add(key);
    else parked.delete(key);
  }

  return {
    name: 'datavolume',
    reconcile(ctx, events) {
      const touched = affected(events);
      if (uploads) {
        for (const key of uploads.fresh) touched.named.add(key);
        uploads.fresh.clear();
      }
      const full = !primed || touched.all;
      if (touches(events, ['StorageClass'])) defaults.clear();
      const nowMs = ctx.clock.simulatedMs();
      const defaultClass = defaultClassMemo(ctx, defaults);
      for (const key of touched.deleted) file(key, undefined);
      if (full) {
        const live = new Set<string>();
        for (const dv of scan(ctx.store, 'DataVolume')) {
          live.add(dv.metadata.uid ?? dvKey(dv.metadata.namespace, dv.metadata.name));
          file(dvKey(dv.metadata.namespace, dv.metadata.name), reconcileOne(ctx, dv, nowMs, defaultClass));
        }
        for (const uid of [...startedAt.keys()]) if (!live.has(uid)) startedAt.delete(uid);
      } else {
        // Moving DVs whose state is due to change, on a tick (no events) or when time moved; later rounds at
        // the same instant look only at what their events name, unless a clone source changed.
        const reconcileMoving = !events.length || nowMs !== movedAt || touched.wakeParked;
        const keys = new Set([
          ...(reconcileMoving ? [...moving].filter((key) => due.get(key)! <= nowMs) : []),
          ...touched.named,
          ...(touched.wakeParked ? parked : []),
        ]);
        for (const key of keys) {
          const slash = key.indexOf('/');
          const ns = key.slice(0, slash);
          const name = key.slice(slash + 1);
          const dv =
            (ctx.store.getView?.('DataVolume', name, ns) as K8sObject | undefined) ??
            ctx.store.get('DataVolume', name, ns);
          file(key, dv ? reconcileOne(ctx, dv, nowMs, defaultClass) : undefined);
        }
        for (const e of events)
          if (e.type === 'DELETED' && e.object.kind === 'DataVolume')
            startedAt.delete(
              e.object.metadata.uid ?? dvKey(e.object.metadata.namespace, e.object.metadata.name),
            );
      }
      movedAt = nowMs;
      if (!primed || touched.deleted.size) {
        collectOrphanPvcs(
          ctx,
          primed ? new Set([...touched.deleted].map((k) => k.split('/')[0])) : undefined,
        );
        collectOrphanWorkers(ctx);
      }
      primed = true;
    },
  };
}

/**
 * The garbage collector's part: PVCs owned by a DataVolume that no longer exists go too. Owners live in their
 * dependents' namespace, so after deletions only those namespaces are looked at (`undefined`: all of them).
 */
function collectOrphanPvcs(ctx: SimContext, namespaces?: Iterable<string>): void {
  for (const ns of namespaces ?? [undefined]) {
    const dvUids = new Set(scan(ctx.store, 'DataVolume', ns).map((dv) => dv.metadata.uid));
    const orphans = scan(ctx.store, 'PersistentVolumeClaim', ns).filter((pvc) => {
      const owner = pvc.metadata.ownerReferences?.find((o) => o.kind === 'DataVolume');
      return owner && !dvUids.has(owner.uid);
    });
    for (const pvc of orphans)
      ctx.store.delete('PersistentVolumeClaim', pvc.metadata.name ?? '', pvc.metadata.namespace);
  }
}
