import type { Controller, K8sObject, SimContext } from '../sim-api';
import { eventRecorder } from './events';
import { daemonSetNodes, nodeReady, podSchedulableOn } from './nodes';
import {
  HCO_NAMESPACE,
  HPP_VERSION,
  clone,
  defaultStorageClass,
  mutateObject,
  scan,
  setCondition,
  timestamp,
  type Condition,
  type Json,
} from './util';
import {
  bindClaimToVolume,
  bindProvisionedVolume,
  claimClassName,
  findMatchingVolume,
  NO_PROVISIONER,
} from './volume-binding';

/**
 * The hostpath-provisioner operator (kubevirt/hostpath-provisioner-operator v0.25.2, 19e72bf8; paths below are
 * under pkg/controller/hostpathprovisioner/) as the cluster sees it. Its objects that the simulator does not
 * serve (DaemonSets, the per-node pool Deployments and cleanup Jobs, RBAC, SCCs) are modelled as timers:
 *
 * - The CSI DaemonSet runs on the Nodes that `spec.workload` selects (nodeSelector, required node affinity,
 *   tolerations against NoSchedule/NoExecute taints, daemonset.go:797-799). It is ready when it has pods,
 *   all on Ready nodes, DAEMONSET_ROLLOUT_SECONDS after the CR appeared or after anything its pod template
 *   holds changed (pools, workload, pull policy, gates) or its node set did (a rolling update).
 * - A pool with a `pvcTemplate` gets, in the operator's namespace, one PVC per DaemonSet node named
 *   `hpp-pool-<pool>-<node>` or, when the template asks for ReadWriteMany, one `hpp-pool-<pool>-shared` plus
 *   the backend StorageClass `overlayClassName` (default `hpp-overlay`) (storagepool.go:77-110, 399-440); and a
 *   mount Deployment per node, ready POOL_MOUNT_SECONDS after its PVC is bound when its node takes the pod (it
 *   has no tolerations, storagepool.go:442-599). The operator never deletes pool PVCs nor the backend class:
 *   a removed pool leaves them behind.
 * - Pool PVCs bind as the PV controller binds them (./volume-binding.ts): a dynamic class provisions after
 *   POOL_BIND_SECONDS (once a mount pod is scheduled for WaitForFirstConsumer), `kubernetes.io/no-provisioner`
 *   needs a fitting Available PersistentVolume (creating one lets a Pending claim bind on the next pass), a
 *   class that does not exist never binds (a `ProvisioningFailed` event on the claim).
 * - Status (storagepool.go:669-721): every pool is `Ready` (v0.25.2 never writes Preparing or Mounting), with
 *   `desiredReady`/`currentReady` counting mount Deployments and `claimStatuses` the pool PVCs' status, the
 *   lists sorted by name, zero counts and empty lists omitted. While a pool PVC is not Bound the write of
 *   `storagePoolStatuses` fails: they stay as they were and the CR is Degraded `StoragePoolNotReady` with
 *   "error: Pool PVC <name> is <phase> instead of Bound" (controller.go:527-529).
 * - Conditions follow Reconcile (controller.go:337-486, cr.go): Deploying until the first time the DaemonSet is
 *   ready and the pools are fine; then Available/Complete, or Degraded "CR is deployed but DaemonSets are not
 *   ready" while the DaemonSet is not ready (controller.go:663-691).
 * - With more than one HostPathProvisioner the operator reconciles nothing and writes no status to either
 *   ("there should be a single hostpath provisioner, %d items found", controller.go:341-351; an error it only
 *   logs).
 * - The CSIDriver `kubevirt.io.hostpath-provisioner` is created with the CR (csidriver.go:40-147) and deleted
 *   when the last CR is (controller.go:414-418; deletes are immediate here, the CR finalizer is not modelled).
 */

/** The label on a pool's PVCs and mount Deployments; its value is `<pool>-hpp` (storagepool.go:48, 420). */
export const STORAGE_POOL_LABEL = 'kubevirt.io.hostpath-provisioner/storagePool';
/** Where HCO installs the HPP operator, and so where pool PVCs live. */
export const HPP_INSTALL_NAMESPACE = HCO_NAMESPACE;
export const HPP_CSI_DRIVER = 'kubevirt.io.hostpath-provisioner';
/** storagepool.go:55 defaultOverlaySCName. */
export const DEFAULT_OVERLAY_CLASS = 'hpp-overlay';
/** util.GetRecommendedLabels (pkg/util/labels.go), without the installer's part-of/version labels. */
export const HPP_RECOMMENDED_LABELS: Record<string, string> = {
  'k8s-app': 'hostpath-provisioner',
  'app.kubernetes.io/managed-by': 'hostpath-provisioner-operator',
  'app.kubernetes.io/component': 'storage',
};

/** Simulated seconds a DaemonSet rollout (new CR, changed template or nodes) keeps it not ready. */
export const DAEMONSET_ROLLOUT_SECONDS = 10;
/** Simulated seconds a dynamic provisioner takes to bind a new pool PVC. */
export const POOL_BIND_SECONDS = 5;
/** Simulated seconds a pool's mount Deployment takes to be ready once its PVC is bound. */
export const POOL_MOUNT_SECONDS = 15;
/** Simulated seconds until a new pool on dynamically provisioned storage is ready on every node. */
export const POOL_PREPARE_SECONDS = POOL_BIND_SECONDS + POOL_MOUNT_SECONDS;

/** The operator's recorder (GetEventRecorderFor("operator-controller"), controller.go:104). */
const recordHppEvent = eventRecorder('operator-controller');
const recordClaimEvent = eventRecorder('persistentvolume-controller');

const MAX_NAME_LENGTH = 63;

/** hash/fnv New32a as util.go:163-169 prints it: 8 hex digits. */
function fnv32a(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');
/** Go's s[0:n] on a string: the first n bytes. */
const byteSlice = (text: string, end: number) => Buffer.from(text, 'utf8').subarray(0, end).toString('utf8');

/** util.go:137-159 getResourceNameWithMaxLength (lengths in bytes, as Go counts them). */
export function resourceNameWithMaxLength(base: string, suffix: string, maxLength = MAX_NAME_LENGTH): string {
  if (maxLength <= 0) return '';
  const name = `${base}-${suffix}`;
  if (byteLength(name) <= maxLength) return name;
  const baseLength = maxLength - 10 - byteLength(suffix);
  if (baseLength < 0) {
    const prefix = byteSlice(base, Math.min(byteLength(base), Math.max(0, maxLength - 9)));
    return byteSlice(`${prefix}-${fnv32a(name)}`, maxLength);
  }
  return `${byteSlice(base, baseLength)}-${fnv32a(base)}-${suffix}`;
}

/** storagepool.go:601-607: a pool's PVC (and mount Deployment) on a node, and a shared pool's one PVC. */
export const poolPvcName = (pool: string, node: string) =>
  resourceNameWithMaxLength('hpp-pool', `${pool}-${node}`);
export const sharedPoolPvcName = (pool: string) => resourceNameWithMaxLength('hpp-pool', `${pool}-shared`);
export const poolLabelValue = (pool: string) => resourceNameWithMaxLength(pool, 'hpp');

interface Pool {
  name: string;
  path: string;
  pvcTemplate?: Json;
  overlayClassName?: string;
  snapshotProvider?: string;
}

/** util.go:185-195 isShared: the template asks for ReadWriteMany. */
const isShared = (pool: Pool) => !!pool.pvcTemplate?.accessModes?.includes?.('ReadWriteMany');

/** A pool's mount Deployment on one node, as a timer. */
interface Mount {
  pool: string;
  node: string;
  claim: string;
  createdAt: number;
}

interface CrState {
  /** What the CSI DaemonSet's pod template and node set are made of; a change is a rollout. */
  dsKey: string;
  dsChangedAt: number;
  /** Mount Deployments by name. */
  mounts: Map<string, Mount>;
  /** DeployStarted was recorded (upstream records it on every reconcile while deploying; here once). */
  deployStartedRecorded: boolean;
}

/** The apiserver's refusal of a pool PVC the operator creates. */
interface CreateFailure {
  claim: string;
  message: string;
}

/** The openshift custom-resource-status condition sets of cr.go. */
type Conditions = Condition[];
const conditionSetter = (now: string) => {
  const set = (c: Conditions, type: string, status: 'True' | 'False', reason?: string, message?: string) =>
    setCondition(c, { type, status, reason, message }, now, true);
  return {
    /** cr.go:133-153 MarkCrDeploying. */
    deploying: (c: Conditions) =>
      set(
        set(set(c, 'Available', 'False'), 'Progressing', 'True', 'DeployStarted', 'Started Deployment'),
        'Degraded',
        'False',
      ),
    /** cr.go:34-54 MarkCrHealthyMessage. */
    healthy: (c: Conditions) =>
      set(
        set(set(c, 'Available', 'True', 'Complete', 'Application Available'), 'Progressing', 'False'),
        'Degraded',
        'False',
      ),
    /** cr.go:89-109 MarkCrFailed. */
    failed: (c: Conditions, reason: string, message: string) =>
      set(set(set(c, 'Available', 'False'), 'Progressing', 'False'), 'Degraded', 'True', reason, message),
    /** cr.go:111-131 MarkCrFailedHealing. */
    failedHealing: (c: Conditions, reason: string, message: string) =>
      set(set(set(c, 'Available', 'False'), 'Progressing', 'True'), 'Degraded', 'True', reason, message),
  };
};

const conditionIs = (c: Conditions | undefined, type: string, status: string, reason?: string) =>
  !!c?.some((x) => x.type === type && x.status === status && (reason === undefined || x.reason === reason));

/** The CSIDriver the operator deploys (csidriver.go:118-147). */
function csiDriverObject(): K8sObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSIDriver',
    metadata: { name: HPP_CSI_DRIVER, labels: { ...HPP_RECOMMENDED_LABELS } },
    spec: {
      attachRequired: false,
      fsGroupPolicy: 'File',
      volumeLifecycleModes: ['Persistent', 'Ephemeral'],
      podInfoOnMount: true,
      storageCapacity: true,
      requiresRepublish: false,
    },
  };
}

/** A shared pool's backend class (storagepool.go:399-416). */
function backendStorageClass(pool: Pool): K8sObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: pool.overlayClassName || DEFAULT_OVERLAY_CLASS },
    provisioner: HPP_CSI_DRIVER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    parameters: { storagePool: pool.name, overlayCSI: 'true' },
  };
}

/** createMessageSucceeded (common.go:81) with Go's %T of the object. */
const created = (type: string, name: string) => `Successfully created resource *v1.${type} ${name}`;

/** ValidatePersistentVolumeClaimSpec's refusals a template can run into, as the apiserver words them. */
function claimCreateError(pvc: K8sObject): string | undefined {
  const errors: string[] = [];
  if (!pvc.spec?.accessModes?.length)
    errors.push('spec.accessModes: Required value: at least 1 access mode is required');
  if (pvc.spec?.resources?.requests?.storage === undefined)
    errors.push('spec.resources[storage]: Required value');
  if (!errors.length) return undefined;
  const detail = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return `PersistentVolumeClaim "${pvc.metadata.name}" is invalid: ${detail}`;
}

export function createHppController(): Controller {
  const crs = new Map<string, CrState>();
  /** When a pool PVC was first seen Pending and when it was seen Bound (simulated ms), by uid. */
  const pendingSince = new Map<string, number>();
  const boundAt = new Map<string, number>();
  /** Claims already told they have no StorageClass (the event is recorded once). */
  const reportedNoClass = new Set<string>();
  /** Whether a CR existed: the CSIDriver goes with the last one. */
  let installed = false;

  /** The PV controller's and scheduler's part for pool PVCs: bind what can be bound. */
  function bindPoolClaims(ctx: SimContext, nodes: Map<string, K8sObject>): void {
    const nowMs = ctx.clock.simulatedMs();
    const consumers = new Map<string, string[]>();
    for (const state of crs.values()) {
      for (const m of state.mounts.values()) {
        const node = nodes.get(m.node);
        if (node && podSchedulableOn(node))
          consumers.set(m.claim, [...(consumers.get(m.claim) ?? []), m.node]);
      }
    }
    for (const pvc of scan(ctx.store, 'PersistentVolumeClaim', HPP_INSTALL_NAMESPACE)) {
      if (pvc.metadata.labels?.[STORAGE_POOL_LABEL] === undefined) continue;
      const uid = pvc.metadata.uid ?? '';
      if (pvc.status?.phase === 'Bound') {
        if (!boundAt.has(uid)) boundAt.set(uid, pendingSince.has(uid) ? nowMs : -Infinity);
        continue;
      }
      if (!pendingSince.has(uid)) pendingSince.set(uid, nowMs);
      const className = claimClassName(pvc);
      const sc = className ? ctx.store.get('StorageClass', className) : undefined;
      if (className && !sc) {
        // pv_controller.go provisionClaimOperation: the class lister's NotFound error as the event message.
        if (!reportedNoClass.has(uid)) {
          reportedNoClass.add(uid);
          recordClaimEvent(
            ctx,
            pvc,
            'Warning',
            'ProvisioningFailed',
            `storageclass.storage.k8s.io "${className}" not found`,
          );
        }
        continue;
      }
      const delay = sc?.volumeBindingMode === 'WaitForFirstConsumer';
      const nodeName = consumers.get(pvc.metadata.name ?? '')?.[0];
      if (delay && !nodeName) continue;
      const node = nodeName ? nodes.get(nodeName) : undefined;
      const pv = findMatchingVolume(
        scan(ctx.store, 'PersistentVolume'),
        pvc,
        delay ? node : undefined,
        delay,
      );
      if (pv) {
        bindClaimToVolume(ctx, pvc, pv);
        boundAt.set(uid, nowMs);
      } else if (
        sc &&
        sc.provisioner !== NO_PROVISIONER &&
        nowMs - pendingSince.get(uid)! >= POOL_BIND_SECONDS * 1000
      ) {
        bindProvisionedVolume(ctx, pvc, sc.provisioner as string, delay ? nodeName : undefined);
        boundAt.set(uid, nowMs);
      }
    }
  }

  function reconcileOne(ctx: SimContext, cr: K8sObject, allNodes: K8sObject[]): void {
    const nowMs = ctx.clock.simulatedMs();
    const now = timestamp(ctx);
    const uid = cr.metadata.uid ?? '';
    const spec = cr.spec ?? {};
    const pools: Pool[] = spec.storagePools ?? [];
    const workload = spec.workload ?? {};
    const dsNodes = daemonSetNodes(allNodes, workload);
    const dsKey = JSON.stringify({
      nodes: dsNodes.map((n) => n.metadata.name),
      workload,
      pullPolicy: spec.imagePullPolicy,
      gates: spec.featureGates,
      pathConfig: spec.pathConfig,
      pools: pools.map((p) => [p.name, p.path, p.snapshotProvider, isShared(p)]),
    });
    const firstSight = !crs.has(uid);
    let state = crs.get(uid);
    if (!state) {
      const settled = !!cr.status?.observedVersion && conditionIs(cr.status?.conditions, 'Available', 'True');
      state = {
        dsKey,
        dsChangedAt: settled ? -Infinity : nowMs,
        mounts: new Map(),
        deployStartedRecorded: false,
      };
      crs.set(uid, state);
    } else if (state.dsKey !== dsKey) {
      state.dsKey = dsKey;
      state.dsChangedAt = nowMs;
    }
    const dsReady =
      dsNodes.length > 0 &&
      dsNodes.every(nodeReady) &&
      nowMs - state.dsChangedAt >= DAEMONSET_ROLLOUT_SECONDS * 1000;

    const mark = conditionSetter(now);
    const before: Conditions = cr.status?.conditions ?? [];
    let conditions = clone(before);
    const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
      recordHppEvent(ctx, cr, type, reason, message);
    // controller.go:443-454: a CR without observedVersion is (still) being deployed.
    const deploying = !cr.status?.observedVersion;
    if (deploying) {
      conditions = mark.deploying(conditions);
      if (!state.deployStartedRecorded) event('Normal', 'DeployStarted', 'Started Deployment');
      state.deployStartedRecorded = true;
    }

    // reconcileUpdate (controller.go:589-661): DaemonSets, then pools, ..., then the CSIDriver; an error
    // stops it and marks the CR (controller.go:468-474).
    const failure = reconcilePools(ctx, cr, pools, dsNodes, state, firstSight, nowMs);
    if (failure) {
      const message = `Unable to successfully reconcile: ${failure.message}`;
      conditions = mark.failedHealing(conditions, 'Reconcile Failed', message);
      if (!conditionIs(before, 'Degraded', 'True', 'Reconcile Failed')) {
        // storagepool.go:222 createMessageFailed, then controller.go:473.
        event(
          'Warning',
          'CreateResourceFailed',
          `Failed to create resource ${failure.claim}, ${failure.message}`,
        );
        event('Warning', 'Reconcile Failed', message);
      }
    } else {
      if (!ctx.store.get('CSIDriver', HPP_CSI_DRIVER)) {
        ctx.store.create(csiDriverObject());
        event('Normal', 'CreateResourceSuccess', created('CSIDriver', HPP_CSI_DRIVER));
      }
      if (dsReady) conditions = mark.healthy(conditions);
    }
    bindPoolClaims(ctx, new Map(allNodes.map((n) => [n.metadata.name ?? '', n])));

    let poolStatuses: Json[] | undefined = cr.status?.storagePoolStatuses;
    let observedVersion: string | undefined = cr.status?.observedVersion;
    if (!failure) {
      // reconcileStatus (controller.go:521-535).
      if (!dsReady && !deploying)
        conditions = mark.failed(conditions, 'Degraded', 'CR is deployed but DaemonSets are not ready');
      const computed = storagePoolStatuses(ctx, cr, pools, state, allNodes, nowMs);
      if (typeof computed === 'string') {
        conditions = mark.failedHealing(conditions, 'StoragePoolNotReady', computed);
      } else {
        poolStatuses = computed;
        if (dsReady) observedVersion = HPP_VERSION;
      }
    }
    // controller.go:652-655 records ProvisionerHealthy on every healthy reconcile; here when it becomes so.
    if (conditionIs(conditions, 'Available', 'True') && !conditionIs(before, 'Available', 'True'))
      event('Normal', 'ProvisionerHealthy', 'Provisioner Healthy');
    mutateObject(ctx.store, cr, (draft) => {
      const status = (draft.status ??= {});
      status.conditions = conditions;
      status.operatorVersion = HPP_VERSION;
      status.targetVersion = HPP_VERSION;
      if (observedVersion) status.observedVersion = observedVersion;
      if (poolStatuses?.length) status.storagePoolStatuses = poolStatuses;
      else delete status.storagePoolStatuses;
    });
  }

  /**
   * reconcileStoragePools (storagepool.go:67-125): PVCs, mount Deployments and backend classes for the
   * pools with a pvcTemplate, on the DaemonSet's nodes; mounts no pool wants any more go. Returns the
   * apiserver's refusal of a PVC, which stops the reconcile.
   */
  function reconcilePools(
    ctx: SimContext,
    cr: K8sObject,
    pools: Pool[],
    dsNodes: K8sObject[],
    state: CrState,
    firstSight: boolean,
    nowMs: number,
  ): CreateFailure | undefined {
    const wanted = new Set<string>();
    const namespaceExists = !!ctx.store.get('Namespace', HPP_INSTALL_NAMESPACE);
    const ensureMount = (pool: Pool, node: string, claim: string) => {
      const name = poolPvcName(pool.name, node);
      wanted.add(name);
      if (state.mounts.has(name)) return;
      const pvc = ctx.store.get('PersistentVolumeClaim', claim, HPP_INSTALL_NAMESPACE);
      const settled = firstSight && pvc?.status?.phase === 'Bound';
      state.mounts.set(name, { pool: pool.name, node, claim, createdAt: settled ? -Infinity : nowMs });
    };
    const ensureClaim = (pool: Pool, name: string): CreateFailure | undefined => {
      if (!namespaceExists || ctx.store.get('PersistentVolumeClaim', name, HPP_INSTALL_NAMESPACE)) return;
      const pvc: K8sObject = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name,
          namespace: HPP_INSTALL_NAMESPACE,
          labels: { ...HPP_RECOMMENDED_LABELS, [STORAGE_POOL_LABEL]: poolLabelValue(pool.name) },
        },
        spec: { volumeMode: 'Filesystem', ...clone(pool.pvcTemplate) },
        // The PVC strategy's PrepareForCreate: a new claim starts Pending.
        status: { phase: 'Pending' },
      };
      // The apiserver's DefaultStorageClass admission for a template without a class.
      if (pvc.spec.storageClassName === undefined) {
        const fallback = defaultStorageClass(ctx.store, false)?.metadata.name;
        if (fallback) pvc.spec.storageClassName = fallback;
      }
      const refusal = claimCreateError(pvc);
      if (refusal) return { claim: name, message: refusal };
      ctx.store.create(pvc);
      recordHppEvent(ctx, cr, 'Normal', 'CreateResourceSuccess', created('PersistentVolumeClaim', name));
      return undefined;
    };
    let error: CreateFailure | undefined;
    for (const pool of pools) {
      if (!pool.pvcTemplate) continue;
      if (isShared(pool)) {
        if (!dsNodes.length) continue;
        const claim = sharedPoolPvcName(pool.name);
        error = ensureClaim(pool, claim);
        if (error) break;
        for (const node of dsNodes) ensureMount(pool, node.metadata.name ?? '', claim);
        const sc = backendStorageClass(pool);
        if (!ctx.store.get('StorageClass', sc.metadata.name ?? '')) {
          ctx.store.create(sc);
          recordHppEvent(
            ctx,
            cr,
            'Normal',
            'CreateResourceSuccess',
            created('StorageClass', sc.metadata.name ?? ''),
          );
        }
      } else {
        for (const node of dsNodes) {
          const claim = poolPvcName(pool.name, node.metadata.name ?? '');
          error = ensureClaim(pool, claim);
          if (error) break;
          ensureMount(pool, node.metadata.name ?? '', claim);
        }
        if (error) break;
      }
    }
    if (error) {
      // The mounts of pools after the failing one are neither created nor cleaned up.
      for (const name of state.mounts.keys()) wanted.add(name);
    }
    for (const name of [...state.mounts.keys()]) if (!wanted.has(name)) state.mounts.delete(name);
    return error;
  }

  /** reconcileStoragePoolStatus (storagepool.go:669-721): the statuses, or the error that keeps them stale. */
  function storagePoolStatuses(
    ctx: SimContext,
    cr: K8sObject,
    pools: Pool[],
    state: CrState,
    allNodes: K8sObject[],
    nowMs: number,
  ): Json[] | string {
    if (cr.spec?.pathConfig) return [{ name: 'legacy', phase: 'Ready' }];
    const nodes = new Map(allNodes.map((n) => [n.metadata.name ?? '', n]));
    const claims = scan(ctx.store, 'PersistentVolumeClaim', HPP_INSTALL_NAMESPACE);
    const statuses: Json[] = [];
    for (const pool of pools) {
      if (!pool.pvcTemplate) {
        statuses.push({ name: pool.name, phase: 'Ready' });
        continue;
      }
      const mounts = [...state.mounts.values()].filter((m) => m.pool === pool.name);
      const currentReady = mounts.filter((m) => mountReady(ctx, m, nodes, nowMs)).length;
      const label = poolLabelValue(pool.name);
      const poolClaims = claims
        .filter(
          (p) =>
            p.metadata.labels?.['k8s-app'] === HPP_RECOMMENDED_LABELS['k8s-app'] &&
            p.metadata.labels?.[STORAGE_POOL_LABEL] === label,
        )
        .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
      for (const p of poolClaims) {
        const phase = p.status?.phase ?? '';
        if (phase !== 'Bound') return `error: Pool PVC ${p.metadata.name} is ${phase} instead of Bound`;
      }
      const status: Json = { name: pool.name, phase: 'Ready' };
      if (mounts.length) status.desiredReady = mounts.length;
      if (currentReady) status.currentReady = currentReady;
      if (poolClaims.length)
        status.claimStatuses = poolClaims.map((p) => ({
          name: p.metadata.name,
          status: clone(p.status ?? {}),
        }));
      statuses.push(status);
    }
    return statuses.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** A mount Deployment has its one replica ready: its node takes the pod, its PVC is bound and mounted. */
  function mountReady(ctx: SimContext, m: Mount, nodes: Map<string, K8sObject>, nowMs: number): boolean {
    const node = nodes.get(m.node);
    if (!node || !nodeReady(node) || !podSchedulableOn(node)) return false;
    const pvc =
      ctx.store.getView?.('PersistentVolumeClaim', m.claim, HPP_INSTALL_NAMESPACE) ??
      ctx.store.get('PersistentVolumeClaim', m.claim, HPP_INSTALL_NAMESPACE);
    if (pvc?.status?.phase !== 'Bound') return false;
    const since = Math.max(m.createdAt, boundAt.get(pvc.metadata.uid ?? '') ?? -Infinity);
    return nowMs - since >= POOL_MOUNT_SECONDS * 1000;
  }

  return {
    name: 'hostpath-provisioner',
    reconcile(ctx) {
      const hpps = ctx.store.list('HostPathProvisioner');
      const nodes = scan(ctx.store, 'Node');
      const nodeMap = new Map(nodes.map((n) => [n.metadata.name ?? '', n]));
      for (const uid of [...crs.keys()]) if (!hpps.some((h) => h.metadata.uid === uid)) crs.delete(uid);
      if (hpps.length === 0) {
        // controller.go:387-428: the deleted CR's cleanup removes the CSIDriver (its PVCs stay).
        if (installed && ctx.store.get('CSIDriver', HPP_CSI_DRIVER))
          ctx.store.delete('CSIDriver', HPP_CSI_DRIVER);
        installed = false;
        bindPoolClaims(ctx, nodeMap);
        return;
      }
      installed = true;
      if (hpps.length > 1) {
        bindPoolClaims(ctx, nodeMap);
        return;
      }
      reconcileOne(ctx, hpps[0], nodes);
    },
  };
}
