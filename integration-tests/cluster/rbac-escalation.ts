import { ApiError, type K8sObject } from './sim-api';
import type { ResourceType } from './registry';
import type { Store } from './store';
import { authorize, isAdmin, ownerRules, type PolicyRule, type UserInfo } from './rbac';
import { deepEqual } from './util';

/**
 * The RBAC registry's privilege-escalation prevention (pkg/registry/rbac/{role,clusterrole,rolebinding,
 * clusterrolebinding}/policybased/storage.go): writing a (Cluster)Role needs every permission it grants, or
 * `escalate` on it; writing a (Cluster)RoleBinding needs every permission of the role it references, or `bind`
 * on that role. system:masters (and the simulator's own writes) may do anything.
 */

const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

// ---- policy_comparator.go (component-helpers/auth/rbac/validation) ----

/** BreakdownRule: one verb, one group, one resource (and one name) per rule. */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if (rule.resourceNames?.length) {
          for (const name of rule.resourceNames)
            out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        } else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? [])
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

const has = (set: string[] | undefined, v: string) => !!set?.includes(v);
const hasAll = (set: string[] | undefined, wanted: string[] | undefined) =>
  (wanted ?? []).every((v) => has(set, v));

function resourceCoversAll(owned: string[] | undefined, wanted: string[] | undefined): boolean {
  if (has(owned, '*') || hasAll(owned, wanted)) return true;
  return (wanted ?? []).every((path) => {
    if (has(owned, path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && has(owned, `*/${path.slice(slash + 1)}`);
  });
}

const urlCovers = (owner: string, sub: string) =>
  owner === sub || (owner.endsWith('*') && sub.startsWith(owner.replace(/\*+$/, '')));

/** ruleCovers: does `owner` grant all of the broken-down `sub`? */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = (sub.nonResourceURLs ?? []).every((u) =>
    (owner.nonResourceURLs ?? []).some((o) => urlCovers(o, u)),
  );
  const names = sub.resourceNames?.length
    ? !owner.resourceNames?.length || hasAll(owner.resourceNames, sub.resourceNames)
    : !owner.resourceNames?.length;
  return verbs && groups && resources && names && urls;
}

/** Covers: the broken-down rules of `wanted` that no rule of `owned` covers. */
export function uncovered(owned: PolicyRule[], wanted: PolicyRule[]): PolicyRule[] {
  return wanted.flatMap(breakdown).filter((sub) => !owned.some((o) => ruleCovers(o, sub)));
}

// ---- policy_compact.go, CompactString (pkg/apis/rbac/v1/evaluation_helpers.go) ----

/** CompactRules: simple rules (one group, one resource, at most one name) differing only by verb merge. */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple =
      (r.resourceNames?.length ?? 0) <= 1 &&
      !r.nonResourceURLs?.length &&
      r.apiGroups?.length === 1 &&
      r.resources?.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups, r.resources, r.resourceNames ?? null]);
    const seen = simple.get(key);
    if (seen) seen.verbs = [...(seen.verbs ?? []), ...(r.verbs ?? [])];
    else simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
  }
  return [...out, ...simple.values()];
}

/** Go's %q of a []string: `["a" "b"]`. */
const goQuoted = (list: string[]) => `[${list.map((v) => JSON.stringify(v)).join(' ')}]`;

export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuoted(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuoted(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuoted(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuoted(r.resourceNames)}`);
  if (r.verbs?.length) parts.push(`Verbs:${goQuoted(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** ConfirmNoEscalation (pkg/registry/rbac/validation/rule.go): the refusal text, or undefined when covered. */
export function escalationError(
  store: Store,
  user: UserInfo,
  namespace: string | undefined,
  rules: PolicyRule[],
): string | undefined {
  const missing = uncovered(ownerRules(store, user, namespace), rules);
  if (!missing.length) return undefined;
  const lines = [...new Set(compact(missing).map(compactString))].sort();
  return `user ${JSON.stringify(user.name ?? '')} (groups=${goQuoted(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
}

// ---- the policybased storages ----

function forbidden(rt: ResourceType, name: string, why: string): ApiError {
  const resource = `${rt.plural}.${rt.group}`;
  return new ApiError(
    403,
    'Forbidden',
    name ? `${resource} ${JSON.stringify(name)} is forbidden: ${why}` : `${resource} is forbidden: ${why}`,
    undefined,
    { name, group: rt.group, kind: rt.plural },
  );
}

/** IsOnlyMutatingGCFields: an update that changes only ownerReferences or finalizers is always allowed. */
function onlyGcFields(obj: K8sObject, old: K8sObject): boolean {
  const strip = (o: K8sObject) => {
    const {
      ownerReferences: _o,
      finalizers: _f,
      resourceVersion: _r,
      managedFields: _m,
      ...meta
    } = o.metadata;
    return { ...o, apiVersion: undefined, metadata: meta };
  };
  return deepEqual(strip(obj), strip(old));
}

const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

const hasAggregationRule = (o: K8sObject | undefined) =>
  !!(o?.aggregationRule as { clusterRoleSelectors?: unknown[] } | undefined)?.clusterRoleSelectors?.length;

/** The rules a binding's roleRef grants (GetRoleReferenceRules); NotFound when the role does not exist. */
function roleRefRules(store: Store, ref: { kind?: string; name?: string }, namespace?: string): PolicyRule[] {
  if (ref.kind !== 'Role' && ref.kind !== 'ClusterRole')
    throw new ApiError(
      500,
      'InternalError',
      `unsupported role reference kind: ${JSON.stringify(ref.kind ?? '')}`,
    );
  const role = store.getRaw(ref.kind, ref.name ?? '', ref.kind === 'Role' ? namespace : undefined);
  if (!role) {
    const plural = ref.kind === 'Role' ? 'roles' : 'clusterroles';
    throw new ApiError(
      404,
      'NotFound',
      `${plural}.${RBAC_GROUP} ${JSON.stringify(ref.name ?? '')} not found`,
      undefined,
      {
        name: ref.name,
        group: RBAC_GROUP,
        kind: plural,
      },
    );
  }
  return (role.rules as PolicyRule[] | undefined) ?? [];
}

/**
 * Refuses a create (`old` undefined) or update of an RBAC object that would grant `user` more than it holds.
 * Runs where the apiserver runs it: after mutating admission, before the strategy's validation.
 */
export function guardRbacWrite(
  store: Store,
  user: UserInfo,
  rt: ResourceType,
  obj: K8sObject,
  old: K8sObject | undefined,
  namespace: string | undefined,
): void {
  if (!RBAC_KINDS.has(rt.kind) || isAdmin(user)) return;
  if (old && onlyGcFields(obj, old)) return;
  const name = obj.metadata.name ?? '';
  if (rt.kind === 'Role' || rt.kind === 'ClusterRole') {
    // RoleEscalationAuthorized: `escalate` on the role (by name only when the URL names it, i.e. updates).
    const escalate = {
      verb: 'escalate',
      group: rt.group,
      resource: rt.plural,
      name: old ? name : undefined,
      namespace,
    };
    if (authorize(store, user, escalate).allowed) return;
    const why = escalationError(store, user, namespace, (obj.rules as PolicyRule[] | undefined) ?? []);
    if (why) throw forbidden(rt, name, why);
    if (rt.kind === 'ClusterRole' && (hasAggregationRule(obj) || hasAggregationRule(old))) {
      if (escalationError(store, user, namespace, FULL_AUTHORITY))
        throw forbidden(rt, name, 'must have cluster-admin privileges to use the aggregationRule');
    }
    return;
  }
  // BindingAuthorized: `bind` on the referenced role, checked in the binding's namespace.
  const ref = (obj.roleRef ?? {}) as { apiGroup?: string; kind?: string; name?: string };
  if (ref.kind === 'Role' || ref.kind === 'ClusterRole') {
    const bind = {
      verb: 'bind',
      group: ref.apiGroup ?? '',
      resource: ref.kind === 'Role' ? 'roles' : 'clusterroles',
      name: ref.name,
      namespace,
    };
    if (authorize(store, user, bind).allowed) return;
  }
  const why = escalationError(store, user, namespace, roleRefRules(store, ref, namespace));
  if (why) throw forbidden(rt, name, why);
}
