import type { Controller, K8sObject, SimStore } from './sim-api';
import { clone, deepEqual } from './util';

/**
 * kube-controller-manager's clusterrole-aggregation controller
 * (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go syncClusterRole): a ClusterRole
 * with `aggregationRule.clusterRoleSelectors` gets, as its `rules`, the rules of every other ClusterRole a
 * selector matches (selector by selector, roles by name, each distinct rule once), rewritten whenever they change.
 */

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** metav1.LabelSelectorAsSelector semantics; an empty selector matches everything. */
export function labelSelectorMatches(selector: LabelSelector, labels: Record<string, string> = {}): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(labels, e.key);
    const inValues = present && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !present) return false;
    if (e.operator === 'DoesNotExist' && present) return false;
  }
  return true;
}

const selectorsOf = (role: K8sObject): LabelSelector[] =>
  (role.aggregationRule as { clusterRoleSelectors?: LabelSelector[] } | undefined)?.clusterRoleSelectors ??
  [];

/** The rules the controller gives an aggregated ClusterRole, from the ClusterRoles in `all`. */
export function aggregatedRules(role: K8sObject, all: readonly K8sObject[]): unknown[] {
  const rules: unknown[] = [];
  const byName = [...all].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  for (const selector of selectorsOf(role)) {
    for (const other of byName) {
      if (
        other.metadata.name === role.metadata.name ||
        !labelSelectorMatches(selector, other.metadata.labels)
      )
        continue;
      for (const rule of (other.rules as unknown[] | undefined) ?? [])
        if (!rules.some((r) => deepEqual(r, rule))) rules.push(clone(rule));
    }
  }
  return rules;
}

/** Rewrites every aggregated ClusterRole whose rules are not what aggregation gives; true when one changed. */
export function aggregateClusterRoles(store: SimStore): boolean {
  let changed = false;
  for (const role of store.listView?.('ClusterRole') ?? store.list('ClusterRole')) {
    if (!selectorsOf(role as K8sObject).length) continue;
    const all = store.listView?.('ClusterRole') ?? store.list('ClusterRole');
    const rules = aggregatedRules(role as K8sObject, all as K8sObject[]);
    if (deepEqual(rules, role.rules ?? [])) continue;
    const current = store.get('ClusterRole', role.metadata.name ?? '');
    if (!current) continue;
    store.update({ ...current, rules });
    changed = true;
  }
  return changed;
}

/** The controller: on its first run, then whenever a ClusterRole changes. */
export function createClusterRoleAggregationController(): Controller {
  let primed = false;
  return {
    name: 'clusterrole-aggregation',
    reconcile(ctx, events) {
      if (primed && !events.some((e) => e.object.kind === 'ClusterRole')) return;
      primed = true;
      // Nested aggregation (view into edit into admin) settles within a few passes.
      for (let i = 0; i < 5 && aggregateClusterRoles(ctx.store); i++);
    },
  };
}
