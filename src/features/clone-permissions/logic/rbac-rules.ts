import { CLONE_SOURCE, CREATE_PODS, type PermissionAttributes } from '../../../k8s/clone-authorization';
import type { ClusterRole, PolicyRule, Role } from '../../../k8s/types';

export { CLONE_SOURCE, CREATE_PODS, type PermissionAttributes };
import type { ClonePermission, GrantPath } from './types';

/**
 * Which RBAC rules let a subject clone. CDI asks the apiserver two SubjectAccessReviews in the source
 * namespace and is satisfied by either (CDI v1.65.0 authorize_utils.go:231-260, attributes :307-324):
 * `create` on `cdi.kubevirt.io` `datavolumes/source`, or `create` on core `pods`.
 */

export const PERMISSION_ATTRIBUTES: Record<ClonePermission, PermissionAttributes> = {
  'clone-source': CLONE_SOURCE,
  'create-pods': CREATE_PODS,
};

export const CDI_VIEW_ROLE = 'cdi.kubevirt.io:view';
/** Non-aggregated ClusterRole CDI v1.66.0 creates (pkg/operator/resources/cluster/rbac.go:33, :140-154). */
export const CDI_CLONE_SOURCER_ROLE = 'cdi.kubevirt.io:clone-sourcer';

export type WildcardField = 'verbs' | 'apiGroups' | 'resources';

/** A field matches directly, only through a wildcard, or not at all. */
const fieldMatch = (
  values: string[] | undefined,
  wanted: string[],
  wildcards: string[],
): 'direct' | 'wild' | null => {
  if (!values) return null;
  if (values.some((v) => wanted.includes(v))) return 'direct';
  if (values.some((v) => wildcards.includes(v))) return 'wild';
  return null;
};

/**
 * Whether one rule grants the permission, following k8s pkg/apis/rbac/v1/evaluation_helpers.go
 * (VerbMatches, APIGroupMatches, ResourceMatches): `*` matches anything, a resource rule matches
 * `datavolumes/source` exactly, `*` or `*\/source` — never `datavolumes/*`. Empty `apiGroups` match no group
 * (not even core). resourceNames are left to the caller (roleGrants). A nonResourceURLs rule has no
 * resources and so never matches.
 */
export const ruleMatch = (
  rule: PolicyRule,
  permission: ClonePermission,
): { wildcards: WildcardField[] } | null => {
  const p = PERMISSION_ATTRIBUTES[permission];
  const combined = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  const verbs = fieldMatch(rule.verbs, [p.verb], ['*']);
  const groups = fieldMatch(rule.apiGroups, [p.group], ['*']);
  const resources = fieldMatch(
    rule.resources,
    [combined],
    p.subresource ? ['*', `*/${p.subresource}`] : ['*'],
  );
  if (!verbs || !groups || !resources) return null;
  const wildcards: WildcardField[] = [];
  if (verbs === 'wild') wildcards.push('verbs');
  if (groups === 'wild') wildcards.push('apiGroups');
  if (resources === 'wild') wildcards.push('resources');
  return { wildcards };
};

export interface RoleGrant {
  path: GrantPath;
  /** Set only when every granting rule is limited by resourceNames (their union). */
  resourceNames?: string[];
}

type Grant = { wildcards: WildcardField[]; names?: string[] };
/** `from` is set for an aggregated role resolved through its aggregated-in roles. */
type Resolved = Grant & { from?: string[] };

const union = (lists: string[][]): string[] => [...new Set(lists.flat())];

/** Pick the grant an admin should be shown: unlimited before name-limited, then fewest wildcards. */
const combine = (grants: Grant[]): Grant | null => {
  if (grants.length === 0) return null;
  const unlimited = grants.filter((g) => !g.names);
  const pool = unlimited.length > 0 ? unlimited : grants;
  const best = pool.reduce((a, b) => (b.wildcards.length < a.wildcards.length ? b : a));
  return {
    wildcards: best.wildcards,
    names: unlimited.length > 0 ? undefined : union(grants.map((g) => g.names ?? [])),
  };
};

const rulesGrant = (rules: PolicyRule[] | undefined, permission: ClonePermission): Grant | null =>
  combine(
    (rules ?? []).flatMap((rule) => {
      const m = ruleMatch(rule, permission);
      if (!m) return [];
      return [{ wildcards: m.wildcards, names: rule.resourceNames?.length ? rule.resourceNames : undefined }];
    }),
  );

const toRoleGrant = (g: Grant): RoleGrant => ({
  path: g.wildcards.length === 0 ? { kind: 'direct' } : { kind: 'wildcard', fields: g.wildcards },
  ...(g.names ? { resourceNames: g.names } : {}),
});

interface SelectorExpression {
  key?: unknown;
  operator?: unknown;
  values?: unknown;
}

/**
 * metav1.LabelSelector semantics (apimachinery LabelSelectorAsSelector): an empty selector selects
 * everything; NotIn and DoesNotExist also match objects without the label. An unknown operator selects
 * nothing (the API refuses such a selector anyway).
 */
export const labelSelectorMatches = (
  selector: Record<string, unknown>,
  labels: Record<string, string> | undefined,
): boolean => {
  const l = labels ?? {};
  const matchLabels = (selector.matchLabels ?? {}) as Record<string, unknown>;
  const expressions = (
    Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []
  ) as SelectorExpression[];
  for (const [k, v] of Object.entries(matchLabels)) {
    if (l[k] !== v) return false;
  }
  return expressions.every((e) => {
    if (typeof e.key !== 'string') return false;
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const values = Array.isArray(e.values) ? (e.values as unknown[]) : [];
    switch (e.operator) {
      case 'In':
        return has && values.includes(l[e.key]);
      case 'NotIn':
        return !has || !values.includes(l[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
};

/** Shared lookups for many roleGrants calls (cloneAccess resolves thousands of bindings). */
export class GrantResolver {
  private readonly cache: Record<ClonePermission, Map<ClusterRole, Resolved | null>> = {
    'clone-source': new Map(),
    'create-pods': new Map(),
  };

  constructor(private readonly clusterRoles: ClusterRole[] | undefined) {}

  /** The aggregated-in ClusterRoles the aggregation controller would copy rules from (itself excluded). */
  private selected(role: ClusterRole): ClusterRole[] {
    const selectors = role.aggregationRule?.clusterRoleSelectors ?? [];
    return (this.clusterRoles ?? []).filter(
      (cr) =>
        cr.metadata?.name !== role.metadata?.name &&
        selectors.some((s) => labelSelectorMatches(s, cr.metadata?.labels)),
    );
  }

  /**
   * Aggregated roles are followed down to the non-aggregated roles that carry the rule (admin ← edit ←
   * cdi.kubevirt.io:edit), so the page names CDI's role rather than "edit".
   */
  private resolve(
    role: ClusterRole,
    permission: ClonePermission,
    visiting: Set<ClusterRole>,
  ): Resolved | null {
    const cache = this.cache[permission];
    if (cache.has(role)) return cache.get(role) ?? null;
    let result: Resolved | null = null;
    if (role.aggregationRule && this.clusterRoles && !visiting.has(role)) {
      visiting.add(role);
      const from: string[] = [];
      const grants: Grant[] = [];
      for (const cr of this.selected(role)) {
        const g = this.resolve(cr, permission, visiting);
        if (!g) continue;
        grants.push(g);
        from.push(...(g.from ?? [cr.metadata?.name ?? '']));
      }
      visiting.delete(role);
      const combined = combine(grants);
      if (combined) result = { ...combined, from: [...new Set(from)].sort() };
    }
    if (!result) result = rulesGrant(role.rules, permission);
    cache.set(role, result);
    return result;
  }

  grants(role: ClusterRole | Role, permission: ClonePermission): RoleGrant | null {
    const g = this.resolve(role, permission, new Set());
    if (!g) return null;
    if (g.from)
      return { path: { kind: 'aggregated', from: g.from }, ...(g.names ? { resourceNames: g.names } : {}) };
    return toRoleGrant(g);
  }
}

/**
 * How (and whether) a role grants the permission. An aggregated ClusterRole's `from` lists the
 * non-aggregated ClusterRoles that bring the rule in; without the ClusterRole list (or when none of the
 * selected roles grants it) its own, controller-filled rules are read as direct/wildcard.
 */
export const roleGrants = (
  role: ClusterRole | Role,
  clusterRoles: ClusterRole[] | undefined,
  permission: ClonePermission,
): RoleGrant | null => new GrantResolver(clusterRoles).grants(role, permission);

const onlyCloningRule = (r: PolicyRule): boolean =>
  !r.nonResourceURLs?.length &&
  !!r.apiGroups?.length &&
  r.apiGroups.every((g) => g === CLONE_SOURCE.group) &&
  !!r.resources?.length &&
  r.resources.every((res) => res === 'datavolumes/source') &&
  r.verbs.length > 0 &&
  r.verbs.every((v) => v === 'create' || v === '*');

/**
 * The role grants cloning and nothing else, so deleting its binding takes nothing else away. An aggregated
 * ClusterRole never qualifies: any ClusterRole labelled for it adds rules at any time.
 */
export const grantsOnlyCloning = (role: ClusterRole | Role): boolean =>
  !role.aggregationRule && (role.rules?.length ?? 0) > 0 && (role.rules ?? []).every(onlyCloningRule);

export interface ReusableCloneRole {
  name: string;
  verbs: 'create' | 'all';
  recommended: boolean;
}

/** ClusterRoles a grant may bind instead of creating one: CDI's clone-sourcer first, `*` verbs last. */
export const reusableCloneRoles = (clusterRoles: ClusterRole[]): ReusableCloneRole[] => {
  const rank = (r: ReusableCloneRole) =>
    r.name === CDI_CLONE_SOURCER_ROLE ? 0 : r.verbs === 'create' ? 1 : 2;
  return clusterRoles
    .filter((cr) => grantsOnlyCloning(cr) && !(cr.rules ?? []).some((r) => r.resourceNames?.length))
    .map((cr): ReusableCloneRole => {
      const name = cr.metadata?.name ?? '';
      const verbs = (cr.rules ?? []).some((r) => r.verbs.includes('*')) ? 'all' : 'create';
      return { name, verbs, recommended: name === CDI_CLONE_SOURCER_ROLE || verbs === 'create' };
    })
    .filter((r) => r.name !== '')
    .sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
};

/**
 * Which CDI the cluster runs, as far as RBAC tells: up to v1.65.0 the aggregated `cdi.kubevirt.io:view`
 * grants `create` on `datavolumes/source` (rbac.go:136-146), so anyone who may view a namespace may clone
 * from it; v1.66.0 (PR #4219) moves it to `cdi.kubevirt.io:clone-sourcer`, so clones need an explicit grant.
 * What view actually grants wins over the presence of clone-sourcer.
 */
export const cloneBehaviour = (
  clusterRoles: ClusterRole[] | undefined,
): 'view-grants-clone' | 'explicit-grant-needed' | 'unknown' => {
  if (!clusterRoles) return 'unknown';
  const view = clusterRoles.find((cr) => cr.metadata?.name === CDI_VIEW_ROLE);
  if (view && rulesGrant(view.rules, 'clone-source')) return 'view-grants-clone';
  if (view || clusterRoles.some((cr) => cr.metadata?.name === CDI_CLONE_SOURCER_ROLE))
    return 'explicit-grant-needed';
  return 'unknown';
};
