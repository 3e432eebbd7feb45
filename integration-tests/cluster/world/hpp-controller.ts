import type { Controller, K8sObject, SimContext } from '../sim-api';
import { eventRecorder } from './events';
import {
  HCO_NAMESPACE,
  HPP_VERSION,
  listIfServed,
  mutateObject,
  setCondition,
  stableUid,
  timestamp,
} from './util';

/**
 * The HostPathProvisioner operator's status (controller.go, storagepool.go, v0.25.2): one
 * `storagePoolStatuses` entry per spec pool. A new pool prepares for a short simulated while, then is Ready;
 * pools backed by a `pvcTemplate` get one PVC per workload node in the operator's install namespace, reported
 * as the pool's claims, and lose them when the pool goes.
 */

/** The label the operator puts on a pool's per-node PVCs; its value is the pool name. */
export const STORAGE_POOL_LABEL = 'kubevirt.io.hostpath-provisioner/storagePool';
/** Where HCO installs the HPP operator, and so where pool PVCs live. */
export const HPP_INSTALL_NAMESPACE = HCO_NAMESPACE;

/** The operator's recorder (GetEventRecorderFor("operator-controller")). */
const recordHppEvent = eventRecorder('operator-controller');

/** Simulated seconds a new pool stays Preparing. */
export const POOL_PREPARE_SECONDS = 20;
const DEFAULT_NODES = ['worker-0', 'worker-1', 'worker-2'];

function workloadNodes(ctx: SimContext): string[] {
  const nodes = listIfServed(ctx.store, 'Node')
    .filter((n) => !n.metadata.labels?.['node-role.kubernetes.io/control-plane'])
    .map((n) => n.metadata.name ?? '');
  return nodes.length ? nodes : DEFAULT_NODES;
}

interface Pool {
  name: string;
  path: string;
  pvcTemplate?: {
    accessModes?: string[];
    resources?: { requests?: { storage?: string } };
    storageClassName?: string;
    volumeMode?: string;
  };
}

const poolPvcName = (pool: Pool, node: string) => `hpp-pool-${pool.name}-${node}`;

function claimStatus(pool: Pool, ready: boolean) {
  return ready
    ? {
        phase: 'Bound',
        accessModes: pool.pvcTemplate?.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: pool.pvcTemplate?.resources?.requests?.storage ?? '0' },
      }
    : { phase: 'Pending' };
}

function poolStatus(pool: Pool, ready: boolean, nodes: string[]) {
  const phase = ready ? 'Ready' : 'Preparing';
  if (!pool.pvcTemplate) return { name: pool.name, phase };
  return {
    name: pool.name,
    phase,
    desiredReady: nodes.length,
    currentReady: ready ? nodes.length : 0,
    claimStatuses: nodes.map((node) => ({ name: poolPvcName(pool, node), status: claimStatus(pool, ready) })),
  };
}

export function createHppController(): Controller {
  /** When each pool (by HPP uid and pool name) first appeared, in simulated ms. */
  const firstSeen = new Map<string, number>();
  return {
    name: 'hostpath-provisioner',
    reconcile(ctx) {
      const nowMs = ctx.clock.simulatedMs();
      const nodes = workloadNodes(ctx);
      const wanted = new Set<string>();
      for (const hpp of ctx.store.list('HostPathProvisioner'))
        reconcileOne(ctx, hpp, nodes, nowMs, firstSeen, wanted);
      deleteUnwantedPoolPvcs(ctx, wanted);
    },
  };
}

function reconcileOne(
  ctx: SimContext,
  hpp: K8sObject,
  nodes: string[],
  nowMs: number,
  firstSeen: Map<string, number>,
  wanted: Set<string>,
) {
  const pools: Pool[] = hpp.spec?.storagePools ?? [];
  const previous: { name: string; phase?: string }[] = hpp.status?.storagePoolStatuses ?? [];
  const statuses = pools.map((pool) => {
    const key = `${hpp.metadata.uid}/${pool.name}`;
    const wasReady = previous.some((p) => p.name === pool.name && p.phase === 'Ready');
    if (!firstSeen.has(key)) firstSeen.set(key, wasReady ? -Infinity : nowMs);
    const ready = nowMs - firstSeen.get(key)! >= POOL_PREPARE_SECONDS * 1000;
    if (pool.pvcTemplate) {
      for (const node of nodes) {
        wanted.add(poolPvcName(pool, node));
        ensurePoolPvc(ctx, pool, node, ready);
      }
    }
    return poolStatus(pool, ready, nodes);
  });
  const allReady = statuses.every((s) => s.phase === 'Ready');
  const now = timestamp(ctx);
  // controller.go: "DeployStarted" on a new install, "ProvisionerHealthy" when it becomes available.
  if (!hpp.status?.observedVersion) recordHppEvent(ctx, hpp, 'Normal', 'DeployStarted', 'Started Deployment');
  const wasAvailable = hpp.status?.conditions?.some(
    (c: { type: string; status: string }) => c.type === 'Available' && c.status === 'True',
  );
  if (allReady && !wasAvailable)
    recordHppEvent(ctx, hpp, 'Normal', 'ProvisionerHealthy', 'Provisioner Healthy');
  mutateObject(ctx.store, hpp, (draft) => {
    const status = (draft.status ??= {});
    let conditions = setCondition(
      status.conditions,
      allReady
        ? { type: 'Available', status: 'True', reason: 'Complete', message: 'Application Available' }
        : {
            type: 'Available',
            status: 'False',
            reason: 'StoragePoolNotReady',
            message: 'Not all storage pools are ready',
          },
      now,
      true,
    );
    conditions = setCondition(
      conditions,
      allReady
        ? { type: 'Progressing', status: 'False' }
        : {
            type: 'Progressing',
            status: 'True',
            reason: 'StoragePoolNotReady',
            message: 'Not all storage pools are ready',
          },
      now,
      true,
    );
    conditions = setCondition(conditions, { type: 'Degraded', status: 'False' }, now, true);
    status.conditions = conditions;
    status.observedVersion = HPP_VERSION;
    status.operatorVersion = HPP_VERSION;
    status.targetVersion = HPP_VERSION;
    if (pools.length) status.storagePoolStatuses = statuses;
    else delete status.storagePoolStatuses;
  });
}

/** Creates a pool's PVC for `node` from the pool's pvcTemplate, and binds it once the pool is ready. */
function ensurePoolPvc(ctx: SimContext, pool: Pool, node: string, ready: boolean): void {
  if (!ctx.store.get('Namespace', HPP_INSTALL_NAMESPACE)) return;
  const name = poolPvcName(pool, node);
  const volumeName = `pvc-${stableUid(`${HPP_INSTALL_NAMESPACE}/${name}`)}`;
  const status = claimStatus(pool, ready);
  const existing = ctx.store.get('PersistentVolumeClaim', name, HPP_INSTALL_NAMESPACE);
  if (existing) {
    if (existing.status?.phase !== status.phase) {
      mutateObject(ctx.store, existing, (pvc) => {
        if (ready) pvc.spec.volumeName ??= volumeName;
        pvc.status = status;
      });
    }
    return;
  }
  ctx.store.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: HPP_INSTALL_NAMESPACE, labels: { [STORAGE_POOL_LABEL]: pool.name } },
    spec: {
      volumeMode: 'Filesystem',
      ...structuredClone(pool.pvcTemplate),
      ...(ready ? { volumeName } : {}),
    },
    status,
  });
}

/** Pool PVCs whose pool (or whole HostPathProvisioner) is gone are deleted. */
function deleteUnwantedPoolPvcs(ctx: SimContext, wanted: Set<string>): void {
  if (!ctx.store.get('Namespace', HPP_INSTALL_NAMESPACE)) return;
  for (const pvc of ctx.store.list('PersistentVolumeClaim', HPP_INSTALL_NAMESPACE)) {
    const name = pvc.metadata.name ?? '';
    if (pvc.metadata.labels?.[STORAGE_POOL_LABEL] !== undefined && !wanted.has(name))
      ctx.store.delete('PersistentVolumeClaim', name, HPP_INSTALL_NAMESPACE);
  }
}
