import type { K8sObject, SimContext } from '../sim-api';
import { requiredAffinityMatches } from './nodes';
import { clone, mutateObject, parseQuantity, type Json } from './util';

/**
 * Binding of claims as the PV controller (pkg/controller/volume/persistentvolume) and, for
 * WaitForFirstConsumer classes, the scheduler's volume binder do it: a claim takes the smallest Available
 * PersistentVolume that fits (class, volume mode, access modes, size, selector, and the consumer's node for
 * volumes with node affinity), else a volume is provisioned by the class's provisioner
 * (`kubernetes.io/no-provisioner` provisions nothing). Dynamically provisioned volumes are named
 * `pvc-<claim uid>` as the external provisioner names them; no PersistentVolume object is written for them
 * (as for the DataVolume controller's claims).
 */

export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
const ANN_STORAGE_PROVISIONER_BETA = 'volume.beta.kubernetes.io/storage-provisioner';
const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const ANN_CLASS_BETA = 'volume.beta.kubernetes.io/storage-class';

/** storagehelpers.GetPersistentVolumeClaimClass: the beta annotation first, then spec.storageClassName, else "". */
export function claimClassName(pvc: K8sObject): string {
  return pvc.metadata.annotations?.[ANN_CLASS_BETA] ?? pvc.spec?.storageClassName ?? '';
}

const volumeClassName = (pv: K8sObject): string =>
  pv.metadata.annotations?.[ANN_CLASS_BETA] ?? pv.spec?.storageClassName ?? '';

function selectorMatches(selector: Json | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return true;
  const matchLabels = Object.entries((selector.matchLabels ?? {}) as Record<string, string>);
  if (!matchLabels.every(([k, v]) => labels[k] === v)) return false;
  return ((selector.matchExpressions ?? []) as Json[]).every((e) => {
    const has = e.key in labels;
    const values: string[] = e.values ?? [];
    if (e.operator === 'In') return has && values.includes(labels[e.key]);
    if (e.operator === 'NotIn') return !has || !values.includes(labels[e.key]);
    if (e.operator === 'Exists') return has;
    if (e.operator === 'DoesNotExist') return !has;
    return false;
  });
}

const boundToClaim = (pv: K8sObject, pvc: K8sObject) => {
  const ref = pv.spec?.claimRef;
  return (
    !!ref &&
    ref.name === pvc.metadata.name &&
    ref.namespace === pvc.metadata.namespace &&
    (!ref.uid || ref.uid === pvc.metadata.uid)
  );
};

/**
 * persistentvolume/util FindMatchingVolume: the PV already bound to the claim, else the smallest Available
 * one that fits. `node` is the consumer's node (WaitForFirstConsumer); without it, volumes with node affinity
 * are skipped in delayed binding.
 */
export function findMatchingVolume(
  volumes: readonly K8sObject[],
  pvc: K8sObject,
  node: K8sObject | undefined,
  delayBinding: boolean,
): K8sObject | undefined {
  const requested = parseQuantity(pvc.spec?.resources?.requests?.storage ?? 0);
  const modes: string[] = pvc.spec?.accessModes ?? [];
  const volumeMode = pvc.spec?.volumeMode ?? 'Filesystem';
  const className = claimClassName(pvc);
  let best: K8sObject | undefined;
  for (const pv of volumes) {
    if (pv.spec?.claimRef && !boundToClaim(pv, pvc)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    if (parseQuantity(pv.spec?.capacity?.storage ?? 0) < requested) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== volumeMode) continue;
    const affinity = pv.spec?.nodeAffinity?.required;
    if (node && affinity) {
      const asPod = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: affinity } };
      if (!requiredAffinityMatches(asPod, node)) continue;
    }
    if (boundToClaim(pv, pvc)) return pv;
    if (!node && delayBinding) continue;
    if ((pv.status?.phase ?? 'Available') !== 'Available') continue;
    if (volumeClassName(pv) !== className) continue;
    if (!selectorMatches(pvc.spec?.selector, pv.metadata.labels)) continue;
    const pvModes: string[] = pv.spec?.accessModes ?? [];
    if (!modes.every((m) => pvModes.includes(m))) continue;
    if (!best || parseQuantity(pv.spec.capacity.storage) < parseQuantity(best.spec.capacity.storage))
      best = pv;
  }
  return best;
}

/** ctrl.bind: the volume's claimRef and phase, then the claim's volumeName, annotations and status. */
export function bindClaimToVolume(ctx: SimContext, pvc: K8sObject, pv: K8sObject): void {
  mutateObject(ctx.store, pv, (draft) => {
    draft.spec.claimRef = {
      kind: 'PersistentVolumeClaim',
      namespace: pvc.metadata.namespace,
      name: pvc.metadata.name,
      uid: pvc.metadata.uid,
      apiVersion: 'v1',
      resourceVersion: pvc.metadata.resourceVersion,
    };
    draft.metadata.annotations = { ...draft.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    draft.status = { ...draft.status, phase: 'Bound' };
  });
  mutateObject(ctx.store, pvc, (draft) => {
    draft.spec.volumeName = pv.metadata.name;
    draft.metadata.annotations = {
      ...draft.metadata.annotations,
      [ANN_BIND_COMPLETED]: 'yes',
      [ANN_BOUND_BY_CONTROLLER]: 'yes',
    };
    draft.status = {
      phase: 'Bound',
      accessModes: clone(pv.spec.accessModes ?? []),
      capacity: { storage: pv.spec.capacity.storage },
    };
  });
}

/** A provisioned volume bound to the claim: `pvc-<uid>`, the requested size and access modes. */
export function bindProvisionedVolume(
  ctx: SimContext,
  pvc: K8sObject,
  provisioner: string,
  selectedNode: string | undefined,
): void {
  mutateObject(ctx.store, pvc, (draft) => {
    draft.spec.volumeName = `pvc-${pvc.metadata.uid}`;
    draft.metadata.annotations = {
      ...draft.metadata.annotations,
      [ANN_BIND_COMPLETED]: 'yes',
      [ANN_BOUND_BY_CONTROLLER]: 'yes',
      [ANN_STORAGE_PROVISIONER_BETA]: provisioner,
      [ANN_STORAGE_PROVISIONER]: provisioner,
      ...(selectedNode ? { [ANN_SELECTED_NODE]: selectedNode } : {}),
    };
    draft.status = {
      phase: 'Bound',
      accessModes: clone(pvc.spec?.accessModes ?? []),
      capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '0' },
    };
  });
}
