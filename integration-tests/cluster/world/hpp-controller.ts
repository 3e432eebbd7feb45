import type { Controller, K8sObject, SimContext } from '../sim-api';
import { HPP_VERSION, listIfServed, mutateObject, setCondition, timestamp } from './util';

/**
 * The HostPathProvisioner operator's status (controller.go, storagepool.go, v0.25.2): one
 * `storagePoolStatuses` entry per spec pool. A new pool prepares for a short simulated while, then is Ready;
 * pools backed by a `pvcTemplate` report one claim per workload node.
 */

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
  pvcTemplate?: { accessModes?: string[]; resources?: { requests?: { storage?: string } } };
}

function poolStatus(pool: Pool, ready: boolean, nodes: string[]) {
  const phase = ready ? 'Ready' : 'Preparing';
  if (!pool.pvcTemplate) return { name: pool.name, phase };
  return {
    name: pool.name,
    phase,
    desiredReady: nodes.length,
    currentReady: ready ? nodes.length : 0,
    claimStatuses: nodes.map((node) => ({
      name: `hpp-pool-${pool.name}-${node}`,
      status: ready
        ? {
            phase: 'Bound',
            accessModes: pool.pvcTemplate?.accessModes ?? ['ReadWriteOnce'],
            capacity: { storage: pool.pvcTemplate?.resources?.requests?.storage ?? '0' },
          }
        : { phase: 'Pending' },
    })),
  };
}

export function createHppController(): Controller {
  /** When each pool (by HPP uid and pool name) first appeared, in simulated ms. */
  const firstSeen = new Map<string, number>();
  return {
    name: 'hostpath-provisioner',
    reconcile(ctx) {
      const nowMs = ctx.clock.now().getTime();
      const nodes = workloadNodes(ctx);
      for (const hpp of ctx.store.list('HostPathProvisioner'))
        reconcileOne(ctx, hpp, nodes, nowMs, firstSeen);
    },
  };
}

function reconcileOne(
  ctx: SimContext,
  hpp: K8sObject,
  nodes: string[],
  nowMs: number,
  firstSeen: Map<string, number>,
) {
  const pools: Pool[] = hpp.spec?.storagePools ?? [];
  const previous: { name: string; phase?: string }[] = hpp.status?.storagePoolStatuses ?? [];
  const statuses = pools.map((pool) => {
    const key = `${hpp.metadata.uid}/${pool.name}`;
    const wasReady = previous.some((p) => p.name === pool.name && p.phase === 'Ready');
    if (!firstSeen.has(key)) firstSeen.set(key, wasReady ? -Infinity : nowMs);
    return poolStatus(pool, nowMs - firstSeen.get(key)! >= POOL_PREPARE_SECONDS * 1000, nodes);
  });
  const allReady = statuses.every((s) => s.phase === 'Ready');
  const now = timestamp(ctx);
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
