import type { K8sObject } from './sim-api';
import type { Store } from './store';

/** Who a request runs as. `undefined` user = no Impersonate-User header = cluster-admin. */
export interface UserInfo {
  name?: string;
  groups: string[];
}

export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  name?: string;
  namespace?: string;
}

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

export const ADMIN_USER = 'system:admin';

export function userInfo(name: string | undefined, extraGroups: string[]): UserInfo {
  if (!name) return { groups: ['system:masters', 'system:authenticated'] };
  const groups = new Set(['system:authenticated', ...extraGroups]);
  const sa = /^system:serviceaccount:([^:]+):/.exec(name);
  if (sa) {
    groups.add('system:serviceaccounts');
    groups.add(`system:serviceaccounts:${sa[1]}`);
  }
  return { name, groups: [...groups] };
}

function subjectMatches(s: Subject, user: UserInfo, bindingNamespace?: string): boolean {
  if (!user.name) return false;
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount')
    return user.name === `system:serviceaccount:${s.namespace ?? bindingNamespace}:${s.name}`;
  return false;
}

function has(list: string[] | undefined, v: string): boolean {
  return !!list && (list.includes('*') || list.includes(v));
}

function ruleAllows(rule: PolicyRule, a: ResourceAttributes): boolean {
  if (!has(rule.verbs, a.verb) || !has(rule.apiGroups, a.group)) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resOk = (rule.resources ?? []).some(
    (r) => r === '*' || r === combined || (!!a.subresource && r === `*/${a.subresource}`),
  );
  if (!resOk) return false;
  if (rule.resourceNames?.length) return !!a.name && rule.resourceNames.includes(a.name);
  return true;
}

/** RBAC from the stored (Cluster)Roles and (Cluster)RoleBindings; returns the reason when allowed. */
export function authorize(
  store: Store,
  user: UserInfo,
  a: ResourceAttributes,
): { allowed: boolean; reason: string } {
  if (!user.name || user.groups.includes('system:masters')) return { allowed: true, reason: '' };
  // Every authenticated user may ask what it may do (system:basic-user).
  if (
    a.group === 'authorization.k8s.io' &&
    a.resource === 'selfsubjectaccessreviews' &&
    a.verb === 'create'
  ) {
    return { allowed: true, reason: '' };
  }
  const rulesOf = (kind: string, name: string, ns?: string): PolicyRule[] =>
    (store.getRaw(kind, name, ns)?.rules as PolicyRule[] | undefined) ?? [];
  for (const b of store.listRaw('ClusterRoleBinding')) {
    if (!(b.subjects as Subject[] | undefined)?.some((s) => subjectMatches(s, user))) continue;
    const ref = b.roleRef as { kind: string; name: string };
    if (rulesOf('ClusterRole', ref.name).some((r) => ruleAllows(r, a))) {
      return {
        allowed: true,
        reason: `RBAC: allowed by ClusterRoleBinding "${b.metadata.name}" of ClusterRole "${ref.name}" to ${describe(user)}`,
      };
    }
  }
  if (a.namespace) {
    for (const b of store.listRaw('RoleBinding', a.namespace) as K8sObject[]) {
      if (!(b.subjects as Subject[] | undefined)?.some((s) => subjectMatches(s, user, a.namespace))) continue;
      const ref = b.roleRef as { kind: string; name: string };
      const rules =
        ref.kind === 'ClusterRole'
          ? rulesOf('ClusterRole', ref.name)
          : rulesOf('Role', ref.name, a.namespace);
      if (rules.some((r) => ruleAllows(r, a))) {
        return {
          allowed: true,
          reason: `RBAC: allowed by RoleBinding "${b.metadata.name}/${a.namespace}" of ${ref.kind} "${ref.name}" to ${describe(user)}`,
        };
      }
    }
  }
  return { allowed: false, reason: '' };
}

function describe(user: UserInfo): string {
  return `User "${user.name}"`;
}

/** The apiserver's 403 message. */
export function forbiddenMessage(user: UserInfo, a: ResourceAttributes): string {
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${subject} is forbidden: User "${user.name}" cannot ${a.verb} resource "${res}" in API group "${a.group}" ${scope}`;
}

/** The default ClusterRoles every cluster has, added when the seed does not define them. */
export const DEFAULT_CLUSTER_ROLES: K8sObject[] = [
  { name: 'cluster-admin', rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
  { name: 'admin', rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
  {
    name: 'edit',
    rules: [
      {
        apiGroups: ['*'],
        resources: ['*'],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'],
      },
    ],
  },
  { name: 'view', rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }] },
].map(({ name, rules }) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
  rules,
}));
