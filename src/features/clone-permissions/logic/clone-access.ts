import type { ClusterRole, RbacSubject, Role, RoleBinding } from '../../../k8s/types';
import { GrantResolver, grantsOnlyCloning, type RoleGrant } from './rbac-rules';
import type {
  BindingOwner,
  BindingRef,
  Blindspot,
  CloneAccessResult,
  CloneAccessRow,
  ClonePermission,
  CloneSubject,
  RbacSnapshot,
  RoleRef,
  SubjectKind,
} from './types';

/** Every authenticated user, and every service account (each also is authenticated). */
export const EVERYONE_GROUPS = ['system:authenticated', 'system:serviceaccounts'] as const;
const AUTHENTICATED = 'system:authenticated';
const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
const SA_GROUP_PREFIX = 'system:serviceaccounts:';
const SA_USER_PREFIX = 'system:serviceaccount:';

export const isEveryone = (s: CloneSubject): boolean =>
  s.kind === 'Group' && (EVERYONE_GROUPS as readonly string[]).includes(s.name);

/** `Group system:serviceaccounts:<ns>`: every service account of <ns>; the namespace, else undefined. */
export const serviceAccountsGroupNamespace = (s: CloneSubject): string | undefined =>
  s.kind === 'Group' && s.name.startsWith(SA_GROUP_PREFIX) && s.name.length > SA_GROUP_PREFIX.length
    ? s.name.slice(SA_GROUP_PREFIX.length)
    : undefined;

/** The label the plugin puts on every object it creates, so it can tell its own from others'. */
export const CREATED_BY_LABEL = 'app.kubernetes.io/created-by';
export const PLUGIN_LABEL_VALUE = 'virt-storage-plugin';
export const PLUGIN_LABELS: Readonly<Record<string, string>> = Object.freeze({
  [CREATED_BY_LABEL]: PLUGIN_LABEL_VALUE,
});
/** For a list/watch `selector` of the plugin's own objects. */
export const PLUGIN_LABEL_SELECTOR = `${CREATED_BY_LABEL}=${PLUGIN_LABEL_VALUE}`;

export const hasPluginLabels = (o: { metadata?: { labels?: Record<string, string> } }): boolean =>
  Object.entries(PLUGIN_LABELS).every(([k, v]) => o.metadata?.labels?.[k] === v);

/**
 * Who would recreate (or fight) a change to the binding.
 * - SSP: labels `app.kubernetes.io/managed-by: ssp-operator` (ssp-operator internal/common/labels.go:12-15,
 *   :59); objects outside the SSP CR's namespace, such as the `os-images.kubevirt.io:view` RoleBinding in the
 *   golden images namespace (internal/operands/data-sources/resource.go newViewRoleBinding, reconcile.go:202),
 *   carry the owner annotation `operator-sdk/primary-resource-type: SSP.ssp.kubevirt.io` (resource.go:343-346).
 * - CDI: the `cdi.kubevirt.io` label on all its objects (CDI v1.65.0 pkg/operator/resources/utils/common.go:34-45).
 * - bootstrap: the apiserver's default policy, `kubernetes.io/bootstrapping: rbac-defaults`.
 */
export const bindingOwner = (binding: RoleBinding): BindingOwner => {
  const labels = binding.metadata?.labels ?? {};
  const annotations = binding.metadata?.annotations ?? {};
  if (
    labels['app.kubernetes.io/managed-by'] === 'ssp-operator' ||
    binding.metadata?.name === 'os-images.kubevirt.io:view' ||
    /^SSP\.ssp\.kubevirt\.io$/.test(annotations['operator-sdk/primary-resource-type'] ?? '') ||
    (binding.metadata?.ownerReferences ?? []).some(
      (o) => o.kind === 'SSP' && o.apiVersion.startsWith('ssp.kubevirt.io/'),
    )
  )
    return 'ssp';
  if ('cdi.kubevirt.io' in labels || labels['app.kubernetes.io/managed-by'] === 'cdi-operator') return 'cdi';
  if (labels['kubernetes.io/bootstrapping'] === 'rbac-defaults') return 'bootstrap';
  if (hasPluginLabels(binding)) return 'plugin';
  return 'other';
};

/**
 * The binding's subjects as the page shows them. A ServiceAccount without a namespace means the binding's
 * namespace (k8s pkg/registry/rbac/validation/rule.go appliesToUser); in a ClusterRoleBinding it matches no
 * one, so it is dropped. Unknown kinds are dropped too.
 */
export const subjectsOf = (binding: RoleBinding): CloneSubject[] => {
  const ns = binding.metadata?.namespace;
  const out: CloneSubject[] = [];
  for (const s of binding.subjects ?? ([] as RbacSubject[])) {
    if (s.kind === 'ServiceAccount') {
      const namespace = s.namespace || ns;
      if (namespace) out.push({ kind: 'ServiceAccount', name: s.name, namespace });
    } else if (s.kind === 'User' || s.kind === 'Group') {
      out.push({ kind: s.kind, name: s.name });
    }
  }
  return out;
};

export const subjectLabel = (s: CloneSubject): string =>
  s.kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name;

export const sameSubject = (a: CloneSubject, b: CloneSubject): boolean =>
  a.kind === b.kind && a.name === b.name && (a.kind !== 'ServiceAccount' || a.namespace === b.namespace);

const KIND_ORDER: Record<SubjectKind, number> = { User: 0, Group: 1, ServiceAccount: 2 };
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sort keys computed once per row (comparators run ~n log n times). */
const sortKey = (r: CloneAccessRow): string[] => [
  r.sourceNamespace === '*' ? '0' : '1',
  r.sourceNamespace,
  String(KIND_ORDER[r.subject.kind]),
  subjectLabel(r.subject),
  r.binding.name,
  r.permission,
  r.key,
];

const sortRows = (rows: CloneAccessRow[]): CloneAccessRow[] => {
  const keyed = rows.map((row) => ({ row, k: sortKey(row) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) {
      const c = cmp(a.k[i], b.k[i]);
      if (c) return c;
    }
    return 0;
  });
  return keyed.map((x) => x.row);
};

const bindingKey = (b: BindingRef): string => `${b.kind}/${b.namespace ?? ''}/${b.name}`;
const subjectKey = (s: CloneSubject): string => `${s.kind}/${s.namespace ?? ''}/${s.name}`;

const PERMISSIONS: ClonePermission[] = ['clone-source', 'create-pods'];

/**
 * Everyone who may clone, from where, through which binding. Each role's grants are resolved once
 * (5,000 bindings over 500 roles stay well under 100 ms).
 */
export const cloneAccess = (snapshot: RbacSnapshot): CloneAccessResult => {
  const blindspots: Blindspot[] = [];
  if (!snapshot.clusterRoles) blindspots.push({ kind: 'unreadable', resource: 'clusterroles' });
  if (!snapshot.clusterRoleBindings) blindspots.push({ kind: 'unreadable', resource: 'clusterrolebindings' });
  if (!snapshot.roles) blindspots.push({ kind: 'unreadable', resource: 'roles' });
  if (!snapshot.roleBindings) blindspots.push({ kind: 'unreadable', resource: 'rolebindings' });

  const clusterRolesByName = new Map<string, ClusterRole>();
  for (const cr of snapshot.clusterRoles ?? []) clusterRolesByName.set(cr.metadata?.name ?? '', cr);
  const rolesByKey = new Map<string, Role>();
  for (const r of snapshot.roles ?? [])
    rolesByKey.set(`${r.metadata?.namespace ?? ''}/${r.metadata?.name ?? ''}`, r);

  const resolver = new GrantResolver(snapshot.clusterRoles);
  const roleFacts = new Map<
    ClusterRole | Role,
    { grants: Record<ClonePermission, RoleGrant | null>; onlyCloning: boolean }
  >();
  const factsOf = (role: ClusterRole | Role) => {
    let f = roleFacts.get(role);
    if (!f) {
      f = {
        grants: {
          'clone-source': resolver.grants(role, 'clone-source'),
          'create-pods': resolver.grants(role, 'create-pods'),
        },
        onlyCloning: grantsOnlyCloning(role),
      };
      roleFacts.set(role, f);
    }
    return f;
  };

  const rows: CloneAccessRow[] = [];
  const visit = (binding: RoleBinding, kind: BindingRef['kind']) => {
    const namespace = kind === 'RoleBinding' ? (binding.metadata?.namespace ?? '') : undefined;
    const ref: BindingRef = {
      kind,
      name: binding.metadata?.name ?? '',
      ...(namespace !== undefined ? { namespace } : {}),
    };
    const roleRef: RoleRef = { kind: binding.roleRef?.kind, name: binding.roleRef?.name };
    // A ClusterRoleBinding can only refer to a ClusterRole; a Role is looked up in the binding's namespace.
    const role =
      roleRef.kind === 'ClusterRole'
        ? clusterRolesByName.get(roleRef.name)
        : roleRef.kind === 'Role' && namespace !== undefined
          ? rolesByKey.get(`${namespace}/${roleRef.name}`)
          : undefined;
    if (!role) {
      blindspots.push({ kind: 'role-unknown', binding: ref, role: roleRef });
      return;
    }
    const facts = factsOf(role);
    if (!facts.grants['clone-source'] && !facts.grants['create-pods']) return;
    const owner = bindingOwner(binding);
    const revocable =
      kind === 'RoleBinding' && (owner === 'plugin' || owner === 'other') && facts.onlyCloning;
    const seen = new Set<string>();
    for (const subject of subjectsOf(binding)) {
      const sk = subjectKey(subject);
      if (seen.has(sk)) continue;
      seen.add(sk);
      const cloneSource = facts.grants['clone-source'];
      for (const permission of PERMISSIONS) {
        const grant = facts.grants[permission];
        if (!grant) continue;
        // admin/edit also allow creating pods: show them once, as clone-source, unless the clone-source
        // rule is limited to some PVC names and pod creation is not (then pods give the wider access).
        if (
          permission === 'create-pods' &&
          cloneSource &&
          (!cloneSource.resourceNames || grant.resourceNames)
        )
          continue;
        rows.push({
          key: `${bindingKey(ref)}|${sk}|${permission}`,
          sourceNamespace: namespace ?? '*',
          subject,
          binding: ref,
          role: roleRef,
          permission,
          path: grant.path,
          ...(grant.resourceNames ? { resourceNames: grant.resourceNames } : {}),
          everyone: isEveryone(subject),
          owner,
          revocable,
        });
      }
    }
  };
  for (const b of snapshot.clusterRoleBindings ?? []) visit(b, 'ClusterRoleBinding');
  for (const b of snapshot.roleBindings ?? []) visit(b, 'RoleBinding');

  return { rows: sortRows(rows), blindspots };
};

export interface AccessFilter {
  namespace?: string;
  subject?: string;
}

/** A namespace keeps its own rows and the cluster-wide ones (they reach it too). */
export const filterAccess = (rows: CloneAccessRow[], filter: AccessFilter): CloneAccessRow[] => {
  const q = filter.subject?.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!filter.namespace || r.sourceNamespace === filter.namespace || r.sourceNamespace === '*') &&
      (!q || subjectLabel(r.subject).toLowerCase().includes(q) || r.subject.kind.toLowerCase().includes(q)),
  );
};

/** `User system:serviceaccount:ns:name` is that service account (k8s serviceaccount.MatchesUsername). */
const asServiceAccount = (s: CloneSubject): CloneSubject => {
  if (s.kind !== 'User' || !s.name.startsWith(SA_USER_PREFIX)) return s;
  const parts = s.name.slice(SA_USER_PREFIX.length).split(':');
  return parts.length === 2 && parts[0] && parts[1]
    ? { kind: 'ServiceAccount', namespace: parts[0], name: parts[1] }
    : s;
};

/** The groups the apiserver puts every such requester in; other group memberships come from `groups`. */
const implicitGroups = (s: CloneSubject): string[] => {
  if (s.kind === 'Group') return [];
  if (s.kind === 'ServiceAccount')
    return [AUTHENTICATED, ALL_SERVICE_ACCOUNTS, `${SA_GROUP_PREFIX}${s.namespace ?? ''}`];
  return [AUTHENTICATED];
};

/**
 * The rows that let this subject clone any PVC of the namespace: its own, and those of groups it belongs to
 * (a Group subject only matches itself). Rows limited by resourceNames do not cover every PVC and are left
 * out. Clone-source rows come first. `opts.groups`: further groups of a User, when known.
 */
export const accessCovering = (
  rows: CloneAccessRow[],
  subject: CloneSubject,
  sourceNamespace: string,
  opts?: { groups?: string[] },
): CloneAccessRow[] => {
  const who = asServiceAccount(subject);
  const groups = new Set([...implicitGroups(who), ...(who.kind === 'Group' ? [] : (opts?.groups ?? []))]);
  const covering = rows.filter(
    (r) =>
      (r.sourceNamespace === sourceNamespace || r.sourceNamespace === '*') &&
      !r.resourceNames &&
      (sameSubject(r.subject, who) || (r.subject.kind === 'Group' && groups.has(r.subject.name))),
  );
  return [
    ...covering.filter((r) => r.permission === 'clone-source'),
    ...covering.filter((r) => r.permission !== 'clone-source'),
  ];
};
