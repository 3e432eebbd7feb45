import type { K8sObject, SimContext } from '../sim-api';
import { eventRecorder } from './events';
import { CDI_VERSION, mutateObject, ownerRef, scan, stableUid, timestamp, type Json } from './util';

/**
 * What CDI v1.65.0 writes around a DataVolume's transfer: the PVC's annotations, the worker pods (importer,
 * upload server, clone source) with the annotations CDI copies onto them, and scratch PVCs. Citations are
 * `file:line` in kubevirt/containerized-data-importer at v1.65.0.
 *
 * Modelled on CDI's legacy path (the DataVolume's own PVC is populated; pods and scratch are named after it).
 * CDI v1.65.0 uses volume populators instead when a CSIDriver exists for the class's provisioner
 * (datavolume/controller-base.go:1317-1337): the worker then runs for a `prime-<pvc uid>` claim and is named
 * after it. The simulator always takes the legacy path so that names are predictable.
 */

// pkg/controller/common/util.go:80-270 (annotation names)
export const ANN = {
  createdBy: 'cdi.kubevirt.io/storage.createdByController',
  podPhase: 'cdi.kubevirt.io/storage.pod.phase',
  podReady: 'cdi.kubevirt.io/storage.pod.ready',
  podRestarts: 'cdi.kubevirt.io/storage.pod.restarts',
  priorityClassName: 'cdi.kubevirt.io/storage.pod.priorityclassname',
  podServiceAccount: 'cdi.kubevirt.io/storage.pod.serviceAccountName',
  retainAfterCompletion: 'cdi.kubevirt.io/storage.pod.retainAfterCompletion',
  preallocationRequested: 'cdi.kubevirt.io/storage.preallocation.requested',
  preallocationApplied: 'cdi.kubevirt.io/storage.preallocation',
  runningCondition: 'cdi.kubevirt.io/storage.condition.running',
  runningConditionMessage: 'cdi.kubevirt.io/storage.condition.running.message',
  runningConditionReason: 'cdi.kubevirt.io/storage.condition.running.reason',
  requiresScratch: 'cdi.kubevirt.io/storage.import.requiresScratch',
  contentType: 'cdi.kubevirt.io/storage.contentType',
  source: 'cdi.kubevirt.io/storage.import.source',
  endpoint: 'cdi.kubevirt.io/storage.import.endpoint',
  secret: 'cdi.kubevirt.io/storage.import.secretName',
  certConfigMap: 'cdi.kubevirt.io/storage.import.certConfigMap',
  registryImportMethod: 'cdi.kubevirt.io/storage.import.registryImportMethod',
  importPod: 'cdi.kubevirt.io/storage.import.importPodName',
  uploadRequest: 'cdi.kubevirt.io/storage.upload.target',
  // upload-controller.go:65
  uploadPod: 'cdi.kubevirt.io/storage.uploadPodName',
  cloneSourcePod: 'cdi.kubevirt.io/storage.sourceClonePodName',
  // util.go:56 (pkg/controller)
  ownerRef: 'cdi.kubevirt.io/storage.ownerRef',
  createdForDataVolume: 'cdi.kubevirt.io/createdForDataVolume',
  podNetwork: 'k8s.v1.cni.cncf.io/networks',
  podMultusDefaultNetwork: 'v1.multus-cni.io/default-network',
  istioInject: 'sidecar.istio.io/inject',
  linkerdInject: 'linkerd.io/inject',
} as const;

/**
 * The annotations CDI copies from the PVC (or the DV) onto its worker pods, with the value used when absent
 * ("" = not added): common/util.go:401-408 allowedAnnotations, applied by CopyAllowedAnnotations (:2103-2114).
 */
export const ALLOWED_POD_ANNOTATIONS: Readonly<Record<string, string>> = {
  [ANN.podNetwork]: '',
  [ANN.istioInject]: 'false',
  [ANN.linkerdInject]: 'disabled',
  [ANN.priorityClassName]: '',
  [ANN.podServiceAccount]: '',
  [ANN.podMultusDefaultNetwork]: '',
};

/** CopyAllowedAnnotations (common/util.go:2103): allowed keys from `src`, defaults when missing, no empties. */
export function allowedPodAnnotations(src: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, def] of Object.entries(ALLOWED_POD_ANNOTATIONS)) {
    const value = src && key in src ? src[key] : def;
    if (value) out[key] = value;
  }
  return out;
}

/** SetRecommendedLabels (pkg/util/util.go:187-199) with the operator's installer labels. */
const RECOMMENDED_LABELS = {
  'app.kubernetes.io/component': 'storage',
  'app.kubernetes.io/managed-by': 'cdi-controller',
};
// pkg/common/common.go:16-50
const CDI_LABEL = { app: 'containerized-data-importer' };
const PROMETHEUS_LABEL = { 'prometheus.cdi.kubevirt.io': 'true' };

/** The import source kind as the PVC's `storage.import.source` annotation names it (common/util.go:305-315). */
function importSourceAnnotations(source: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const s = source ?? {};
  // UpdateHTTPAnnotations, UpdateS3Annotations, UpdateGCSAnnotations, UpdateRegistryAnnotations (:1708-1766)
  for (const kind of ['http', 's3', 'gcs'] as const) {
    if (!s[kind]) continue;
    out[ANN.endpoint] = s[kind].url ?? '';
    out[ANN.source] = kind;
    if (s[kind].secretRef) out[ANN.secret] = s[kind].secretRef;
    if (s[kind].certConfigMap) out[ANN.certConfigMap] = s[kind].certConfigMap;
  }
  if (s.registry) {
    out[ANN.source] = 'registry';
    if (s.registry.pullMethod) out[ANN.registryImportMethod] = s.registry.pullMethod;
    out[ANN.endpoint] = s.registry.url ?? s.registry.imageStream ?? '';
    if (s.registry.secretRef) out[ANN.secret] = s.registry.secretRef;
    if (s.registry.certConfigMap) out[ANN.certConfigMap] = s.registry.certConfigMap;
  }
  if (s.blank) out[ANN.source] = 'none'; // datavolume/import-controller.go:175-177
  return out;
}

/** GetPreallocation (common/util.go:847-859): the DV's `spec.preallocation`, else CDIConfig.status.preallocation. */
export function preallocationRequested(ctx: SimContext, dv: K8sObject): boolean {
  if (typeof dv.spec?.preallocation === 'boolean') return dv.spec.preallocation;
  return ctx.store.get('CDIConfig', 'config')?.status?.preallocation === true;
}

export type WorkerFlow = 'import' | 'blank' | 'upload' | 'clone';

/**
 * The annotations and labels of a DataVolume's new PVC (datavolume/controller-base.go:1138-1214
 * newPersistentVolumeClaim, plus each controller's pvcModifier): every DV annotation and label, the pod
 * restarts, content type, priority class / service account (from spec), preallocation requested and the
 * DV's uid; the source for imports (datavolume/import-controller.go:140-180), the upload request for
 * uploads (datavolume/upload-controller.go:140).
 */
export function pvcMetadata(
  ctx: SimContext,
  dv: K8sObject,
  flow: WorkerFlow,
  volumeMode: string,
): { labels: Record<string, string>; annotations: Record<string, string> } {
  const spec = dv.spec ?? {};
  const labels: Record<string, string> = {
    ...CDI_LABEL,
    ...(volumeMode === 'Filesystem' ? { 'alerts.k8s.io/KubePersistentVolumeFillingUp': 'disabled' } : {}),
    ...dv.metadata.labels,
    ...RECOMMENDED_LABELS,
  };
  const annotations: Record<string, string> = { ...dv.metadata.annotations };
  annotations[ANN.podRestarts] = '0';
  annotations[ANN.contentType] = spec.contentType || 'kubevirt';
  if (spec.priorityClassName) annotations[ANN.priorityClassName] = spec.priorityClassName;
  if (spec.serviceAccountName) annotations[ANN.podServiceAccount] = spec.serviceAccountName;
  annotations[ANN.preallocationRequested] = String(preallocationRequested(ctx, dv));
  annotations[ANN.createdForDataVolume] = dv.metadata.uid ?? '';
  if (flow === 'import' || flow === 'blank') Object.assign(annotations, importSourceAnnotations(spec.source));
  if (flow === 'upload') annotations[ANN.uploadRequest] = '';
  // delayedAnnotations (controller-base.go:87-89)
  delete annotations['cdi.kubevirt.io/storage.populatedFor'];
  return { labels, annotations };
}

/**
 * Whether CDI gives this import or upload a scratch PVC. Known up front by the controller
 * (import-controller.go:780-804 requiresScratchSpace): archive content always; registry imports unless
 * `pullMethod: node`. Uploads (not clone targets) always get one (upload-controller.go:250-253, 730-736).
 * The rest is decided by the importer at run time, which asks for scratch through its termination message
 * (pkg/controller/util.go:353-357) and restarts: S3 and GCS objects that need conversion, i.e. anything but
 * raw (s3-datasource.go:72-85, gcs-datasource.go:95-108), modelled from the URL's extension (`.img`, `.raw`,
 * `.iso` without a compression suffix count as raw); HTTP(S) kubevirt content streams through nbdkit (also
 * qcow2, gz, xz) and needs none (http-datasource.go:146-171) unless the server lacks range requests, which
 * the simulated servers never do. Blank images need none.
 */
export function needsScratchSpace(spec: Json | undefined, flow: WorkerFlow): boolean {
  const source = spec?.source ?? {};
  if (flow === 'upload') return true;
  if (flow !== 'import') return false;
  if (spec?.contentType === 'archive') return true;
  if (source.registry) return source.registry.pullMethod !== 'node';
  for (const kind of ['s3', 'gcs']) {
    const url: string | undefined = source[kind]?.url;
    if (url) return !/\.(img|raw|iso)$/i.test(url.replace(/[?#].*$/, ''));
  }
  return false;
}

/**
 * GetScratchPvcStorageClass (pkg/controller/util.go:232-250): CDIConfig.status.scratchSpaceStorageClass,
 * else the target PVC's class, else none ("" = the cluster default by the apiserver's admission).
 */
export function scratchStorageClass(ctx: SimContext, targetClass: string | undefined): string {
  const config = ctx.store.get('CDIConfig', 'config');
  if (!config) return '';
  return config.status?.scratchSpaceStorageClass || targetClass || '';
}

/** naming.GetResourceName: `<base>-<suffix>` when it fits in 63 characters (always, for our tests). */
const resourceName = (base: string, suffix: string) => `${base}-${suffix}`;

/** importer-<pvc> (import-controller.go:905-907), cdi-upload-<pvc> (upload-controller.go:750-752). */
export const importerPodName = (pvc: string) => resourceName('importer', pvc);
export const uploadPodName = (pvc: string) => resourceName('cdi-upload', pvc);
/** <target pvc uid>-source-pod in the source namespace (common/util.go:1185). */
export const cloneSourcePodName = (targetPvcUid: string) => `${targetPvcUid}-source-pod`;
/** <pvc>-scratch (import-controller.go:612-614, upload-controller.go:730-736). */
export const scratchPvcName = (pvc: string) => resourceName(pvc, 'scratch');

export type PodPhase = 'Pending' | 'Running' | 'Succeeded';

export interface WorkerPod {
  name: string;
  namespace: string;
  /** `importer`, `cdi-upload-server` or `cdi-clone-source` (the container and component label). */
  component: 'importer' | 'cdi-upload-server' | 'cdi-clone-source';
  /** The claim the pod serves (owner for importer and upload pods). */
  pvc: K8sObject;
  scratch?: string;
  /** The claim the pod mounts (a clone source pod mounts the source PVC). */
  mountClaim?: string;
  extraAnnotations?: Record<string, string>;
  extraLabels?: Record<string, string>;
  owned: boolean;
}

const IMAGES: Record<WorkerPod['component'], string> = {
  importer: `quay.io/kubevirt/cdi-importer:${CDI_VERSION}`,
  'cdi-upload-server': `quay.io/kubevirt/cdi-uploadserver:${CDI_VERSION}`,
  'cdi-clone-source': `quay.io/kubevirt/cdi-cloner:${CDI_VERSION}`,
};

const scheduler = eventRecorder('default-scheduler');
const kubelet = eventRecorder('kubelet');

/** The node the scheduler puts a worker on: a worker node (else any), picked by the pod's name; none without Nodes. */
function nodeFor(ctx: SimContext, podName: string): string | undefined {
  const nodes = ctx.store.list('Node').filter((n) => !n.spec?.unschedulable);
  const workers = nodes.filter((n) => 'node-role.kubernetes.io/worker' in (n.metadata.labels ?? {}));
  const pool = (workers.length ? workers : nodes).map((n) => n.metadata.name ?? '').sort();
  if (!pool.length) return undefined;
  const h = [...podName].reduce((a, ch) => (a * 31 + ch.charCodeAt(0)) >>> 0, 7);
  return pool[h % pool.length];
}

/**
 * The scheduler's and kubelet's events on a worker pod: Scheduled when placed, then for each container start
 * (again at every restart, counted) Pulled / Created / Started with the field path of the container, as a
 * kubelet of Kubernetes 1.34 words them (pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer), and a
 * Warning BackOff while a failing container waits.
 */
function recordPodEvents(
  ctx: SimContext,
  pod: K8sObject,
  w: WorkerPod,
  starts: number,
  backOff: boolean,
): void {
  const path = `spec.containers{${w.component}}`;
  for (let i = 0; i < starts; i++) {
    kubelet(
      ctx,
      pod,
      'Normal',
      'Pulled',
      `Container image "${IMAGES[w.component]}" already present on machine and can be accessed by the pod`,
      path,
    );
    kubelet(ctx, pod, 'Normal', 'Created', 'Container created', path);
    kubelet(ctx, pod, 'Normal', 'Started', 'Container started', path);
  }
  if (backOff)
    kubelet(
      ctx,
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${w.component} in pod ${w.name}_${w.namespace}(${pod.metadata.uid})`,
      path,
    );
}

/**
 * Writes the worker pod in `phase` (created when missing): makeImporterPodSpec (import-controller.go:958-1025),
 * makeUploadPodSpec (upload-controller.go:774-812), the clone source pod (clone-controller.go:557-741). The
 * annotations come from the served PVC through CopyAllowedAnnotations; the importer also takes the PVC's
 * labels (import-controller.go:944-945).
 */
export function ensureWorkerPod(
  ctx: SimContext,
  w: WorkerPod,
  phase: PodPhase,
  restartCount = 0,
  message?: string,
  failure?: string,
): void {
  const pvcAnn: Record<string, string> = w.pvc.metadata.annotations ?? {};
  const container = {
    name: w.component,
    image: IMAGES[w.component],
    imagePullPolicy: 'IfNotPresent',
    ...(w.component === 'importer'
      ? { args: ['-v=1'], ports: [{ name: 'metrics', containerPort: 8443, protocol: 'TCP' }] }
      : {}),
    terminationMessagePolicy: 'FallbackToLogsOnError',
    volumeMounts: [
      { name: 'cdi-data-vol', mountPath: '/data' },
      ...(w.scratch ? [{ name: 'cdi-scratch-vol', mountPath: '/scratch' }] : []),
    ],
  };
  const now = timestamp(ctx);
  const terminated = { exitCode: 0, reason: 'Completed', message: message ?? '', finishedAt: now };
  const status: Json = {
    phase,
    containerStatuses:
      phase === 'Pending'
        ? [
            {
              name: w.component,
              image: container.image,
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'ContainerCreating' } },
            },
          ]
        : [
            {
              name: w.component,
              image: container.image,
              ready: phase === 'Running' && !failure,
              restartCount,
              // a failing importer exits 1 with its error and kubelet backs off (CrashLoopBackOff)
              ...(failure
                ? {
                    state: {
                      waiting: {
                        reason: 'CrashLoopBackOff',
                        message: `back-off restarting failed container ${w.component} in pod ${w.name}`,
                      },
                    },
                    lastState: {
                      terminated: { exitCode: 1, reason: 'Error', message: failure, finishedAt: now },
                    },
                  }
                : { state: phase === 'Running' ? { running: { startedAt: now } } : { terminated } }),
            },
          ],
  };
  const existing = ctx.store.get('Pod', w.name, w.namespace);
  if (existing) {
    const before: number = existing.status?.containerStatuses?.[0]?.restartCount ?? 0;
    if (existing.status?.phase === phase && before === restartCount) return;
    const started = existing.status?.phase === 'Pending' && phase !== 'Pending' ? 1 : 0;
    recordPodEvents(ctx, existing, w, started + Math.max(0, restartCount - before), !!failure);
    mutateObject(ctx.store, existing, (pod) => {
      const prev = pod.status?.containerStatuses?.[0]?.state;
      pod.status = status;
      // keep the first start time of a running container
      if (phase === 'Running' && prev?.running)
        pod.status.containerStatuses[0].state = { running: prev.running };
    });
    return;
  }
  const node = nodeFor(ctx, w.name);
  const created = ctx.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: w.name,
      namespace: w.namespace,
      labels: {
        ...(w.component === 'importer' ? w.pvc.metadata.labels : {}),
        ...CDI_LABEL,
        'cdi.kubevirt.io': w.component,
        ...(w.component !== 'cdi-upload-server' ? PROMETHEUS_LABEL : {}),
        ...w.extraLabels,
        ...RECOMMENDED_LABELS,
      },
      annotations: {
        ...(w.component === 'cdi-upload-server'
          ? { 'cdi.kubevirt.io/storage.createdByUploadController': 'yes' }
          : { [ANN.createdBy]: 'yes' }),
        ...w.extraAnnotations,
        ...allowedPodAnnotations(pvcAnn),
      },
      ...(w.owned ? { ownerReferences: [ownerRef(w.pvc)] } : {}),
    },
    spec: {
      containers: [container],
      volumes: [
        { name: 'cdi-data-vol', persistentVolumeClaim: { claimName: w.mountClaim ?? w.pvc.metadata.name } },
        ...(w.scratch ? [{ name: 'cdi-scratch-vol', persistentVolumeClaim: { claimName: w.scratch } }] : []),
      ],
      restartPolicy: 'OnFailure',
      ...(pvcAnn[ANN.priorityClassName] ? { priorityClassName: pvcAnn[ANN.priorityClassName] } : {}),
      serviceAccountName: pvcAnn[ANN.podServiceAccount] || 'default',
      enableServiceLinks: false,
      ...(node ? { nodeName: node } : {}),
    },
    status,
  });
  if (node)
    scheduler(
      ctx,
      created,
      'Normal',
      'Scheduled',
      `Successfully assigned ${w.namespace}/${w.name} to ${node}`,
    );
  if (phase !== 'Pending') recordPodEvents(ctx, created, w, 1 + restartCount, !!failure);
}

/**
 * The scratch PVC of a worker pod (pkg/controller/util.go:128-216): `ReadWriteOnce`, the target's size
 * request, the class GetScratchPvcStorageClass picks, the target's kubevirt.io (not cdi) annotations, owned by
 * the pod, so the garbage collector removes it with the pod. Bound at once when its class exists.
 */
export function ensureScratchPvc(ctx: SimContext, pod: K8sObject, target: K8sObject, name: string): void {
  if (ctx.store.get('PersistentVolumeClaim', name, target.metadata.namespace)) return;
  const className = scratchStorageClass(ctx, target.spec?.storageClassName);
  const annotations = Object.fromEntries(
    Object.entries((target.metadata.annotations ?? {}) as Record<string, string>).filter(
      ([k]) => k.includes('kubevirt.io') && !k.includes('cdi.kubevirt.io'),
    ),
  );
  const size = target.spec?.resources?.requests?.storage ?? '1Gi';
  const bound = !!className && !!ctx.store.get('StorageClass', className);
  ctx.store.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: target.metadata.namespace,
      labels: { ...CDI_LABEL, ...RECOMMENDED_LABELS, 'velero.io/exclude-from-backup': 'true' },
      annotations,
      ownerReferences: [ownerRef(pod)],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      ...(className ? { storageClassName: className } : {}),
      volumeMode: 'Filesystem',
      ...(bound ? { volumeName: `pvc-${stableUid(`scratch:${target.metadata.uid}`)}` } : {}),
    },
    status: bound
      ? { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: size } }
      : { phase: 'Pending' },
  });
}

/**
 * The garbage collector's part for the workers: pods of gone PVCs, then PVCs of gone pods. Reads the store's
 * uncopied views (a large cluster has thousands of claims) and deletes after reading.
 */
export function collectOrphanWorkers(ctx: SimContext): void {
  const pvcs = scan(ctx.store, 'PersistentVolumeClaim');
  const pvcUids = new Set(pvcs.map((p) => p.metadata.uid));
  const pvcKeys = new Set(pvcs.map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
  const orphanPods = scan(ctx.store, 'Pod').filter((pod) => {
    const owner = pod.metadata.ownerReferences?.find((o) => o.kind === 'PersistentVolumeClaim');
    // A clone source pod names its target in an annotation instead (clone-controller.go:563-566).
    const target = pod.metadata.annotations?.[ANN.ownerRef];
    return owner
      ? !pvcUids.has(owner.uid)
      : !!target && pod.metadata.annotations?.[ANN.createdBy] === 'yes' && !pvcKeys.has(target);
  });
  for (const pod of orphanPods) ctx.store.delete('Pod', pod.metadata.name ?? '', pod.metadata.namespace);
  const podUids = new Set(scan(ctx.store, 'Pod').map((p) => p.metadata.uid));
  const orphanPvcs = scan(ctx.store, 'PersistentVolumeClaim').filter((pvc) => {
    const owner = pvc.metadata.ownerReferences?.find((o) => o.kind === 'Pod');
    return owner && !podUids.has(owner.uid);
  });
  for (const pvc of orphanPvcs)
    ctx.store.delete('PersistentVolumeClaim', pvc.metadata.name ?? '', pvc.metadata.namespace);
}
