import type { K8sObject } from '../sim-api';
import type { Json } from './util';

/**
 * Where pods may run, as the scheduler and the DaemonSet controller decide it, for the simulated operators
 * that place workloads on nodes (the hostpath provisioner's CSI DaemonSet and its per-node pool Deployments).
 * Only what decides placement is modelled: `nodeSelector`, required node affinity, and NoSchedule/NoExecute
 * taints against tolerations. Resources, pod affinity and preferred terms are not.
 */

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/**
 * The tolerations the DaemonSet controller adds to every daemon pod (pkg/controller/daemon/util/daemonset_util.go
 * AddOrUpdateDaemonPodTolerations): not-ready and unreachable (NoExecute), disk/memory/pid pressure and
 * unschedulable (NoSchedule). Not the control-plane taints: a DaemonSet lands there only when told to.
 */
export const DAEMON_POD_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** DefaultTolerationSeconds admission: every pod tolerates not-ready and unreachable (NoExecute) for a while. */
export const DEFAULT_POD_TOLERATIONS: Toleration[] = DAEMON_POD_TOLERATIONS.slice(0, 2);

/** v1 Toleration.ToleratesTaint (k8s.io/api/core/v1/toleration.go). */
function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if ((t.operator ?? 'Equal') === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** The node's taints that keep new pods off it (NoSchedule, NoExecute) and that `tolerations` do not tolerate. */
export function untoleratedTaints(node: K8sObject, tolerations: Toleration[]): Taint[] {
  const taints: Taint[] = Array.isArray(node.spec?.taints) ? node.spec.taints : [];
  return taints.filter(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
      !tolerations.some((t) => tolerates(t, taint)),
  );
}

/** A pod's `nodeSelector`: every key with that exact value. */
export function nodeSelectorMatches(selector: Record<string, string> | undefined, node: K8sObject): boolean {
  const labels = node.metadata.labels ?? {};
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}

/** A NodeSelectorRequirement against labels (or fields), as component-helpers' nodeaffinity reads it. */
function requirementMatches(r: NodeSelectorRequirement, values: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(values, r.key);
  const v = values[r.key];
  const list = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && list.includes(v);
    case 'NotIn':
      return !has || !list.includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || list.length !== 1) return false;
      const [a, b] = [Number.parseInt(v, 10), Number.parseInt(list[0], 10)];
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/**
 * `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`: the terms are ORed, the
 * requirements of a term ANDed; a term with no requirement matches nothing. No required affinity matches all.
 */
export function requiredAffinityMatches(affinity: Json | undefined, node: K8sObject): boolean {
  const required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  const terms: Json[] = Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
  const labels = node.metadata.labels ?? {};
  const fields = { 'metadata.name': node.metadata.name ?? '' };
  return terms.some((term) => {
    const exprs: NodeSelectorRequirement[] = term.matchExpressions ?? [];
    const fieldExprs: NodeSelectorRequirement[] = term.matchFields ?? [];
    if (!exprs.length && !fieldExprs.length) return false;
    return (
      exprs.every((r) => requirementMatches(r, labels)) &&
      fieldExprs.every((r) => requirementMatches(r, fields))
    );
  });
}

/** Where a DaemonSet with this pod placement runs pods (daemon controller NodeShouldRunDaemonPod). */
export function daemonSetNodes(
  nodes: readonly K8sObject[],
  placement: { nodeSelector?: Record<string, string>; affinity?: Json; tolerations?: Toleration[] },
): K8sObject[] {
  const tolerations = [...(placement.tolerations ?? []), ...DAEMON_POD_TOLERATIONS];
  return nodes.filter(
    (n) =>
      nodeSelectorMatches(placement.nodeSelector, n) &&
      requiredAffinityMatches(placement.affinity, n) &&
      untoleratedTaints(n, tolerations).length === 0,
  );
}

/** True unless the node's Ready condition says otherwise (a node without conditions counts as ready). */
export function nodeReady(node: K8sObject): boolean {
  const ready = (node.status?.conditions as { type: string; status: string }[] | undefined)?.find(
    (c) => c.type === 'Ready',
  );
  return !ready || ready.status === 'True';
}

/** Whether a plain pod pinned to `node` (no tolerations of its own) can be scheduled there. */
export function podSchedulableOn(node: K8sObject, tolerations: Toleration[] = []): boolean {
  return (
    !node.spec?.unschedulable &&
    untoleratedTaints(node, [...tolerations, ...DEFAULT_POD_TOLERATIONS]).length === 0
  );
}
