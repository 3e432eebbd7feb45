import type { K8sObject } from './sim-api';
import { aggregatedRules } from './cluster-role-aggregation';
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

export interface PolicyRule {
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

/**
 * The user a request runs as, with groups in the order the apiserver's impersonation filter builds them:
 * the requested groups, a service account's groups, then system:authenticated.
 */
export function userInfo(name: string | undefined, extraGroups: string[]): UserInfo {
  if (!name) return { groups: ['system:masters', 'system:authenticated'] };
  const groups = new Set(extraGroups);
  const sa = /^system:serviceaccount:([^:]+):/.exec(name);
  if (sa) {
    groups.add('system:serviceaccounts');
    groups.add(`system:serviceaccounts:${sa[1]}`);
  }
  if (!groups.has('system:unauthenticated')) groups.add('system:authenticated');
  return { name, groups: [...groups] };
}

function subjectMatches(s: Subject, user: UserInfo, bindingNamespace?: string): boolean {
  if (user.name === undefined) return false;
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

/** What every authenticated user may do (system:basic-user): ask what it may do. */
const BASIC_USER_RULES: PolicyRule[] = [
  {
    apiGroups: ['authorization.k8s.io'],
    resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
    verbs: ['create'],
  },
];

/** The rules granted to `user` in `namespace` (cluster-wide only when none), each with why it applies. */
function grantedRules(
  store: Store,
  user: UserInfo,
  namespace?: string,
): { rules: PolicyRule[]; reason: string }[] {
  const rulesOf = (kind: string, name: string, ns?: string): PolicyRule[] =>
    (store.getRaw(kind, name, ns)?.rules as PolicyRule[] | undefined) ?? [];
  const granted = [{ rules: BASIC_USER_RULES, reason: '' }];
  for (const b of store.listRaw('ClusterRoleBinding')) {
    const subject = (b.subjects as Subject[] | undefined)?.find((s) => subjectMatches(s, user));
    if (!subject) continue;
    const ref = b.roleRef as { kind: string; name: string };
    granted.push({
      rules: rulesOf('ClusterRole', ref.name),
      reason: `RBAC: allowed by ClusterRoleBinding "${b.metadata.name}" of ${ref.kind} "${ref.name}" to ${describeSubject(subject, '')}`,
    });
  }
  if (!namespace) return granted;
  for (const b of store.listRaw('RoleBinding', namespace) as K8sObject[]) {
    const subject = (b.subjects as Subject[] | undefined)?.find((s) => subjectMatches(s, user, namespace));
    if (!subject) continue;
    const ref = b.roleRef as { kind: string; name: string };
    granted.push({
      // A RoleBinding grants only resource rules, never non-resource URLs.
      rules: (ref.kind === 'ClusterRole'
        ? rulesOf('ClusterRole', ref.name)
        : rulesOf('Role', ref.name, namespace)
      ).map(({ nonResourceURLs: _, ...r }) => r),
      reason: `RBAC: allowed by RoleBinding "${b.metadata.name}/${namespace}" of ${ref.kind} "${ref.name}" to ${describeSubject(subject, namespace)}`,
    });
  }
  return granted;
}

/** EscalationAllowed: no user (the simulator's own writes, no Impersonate-User) or system:masters. */
export const isAdmin = (user: UserInfo) => user.name === undefined || user.groups.includes('system:masters');

/**
 * RulesFor as pkg/registry/rbac/validation/rule.go resolves it for escalation checks: every rule of every
 * role bound to `user` cluster-wide and, with a namespace, in it (RoleBindings bring their role's rules whole).
 */
export function ownerRules(store: Store, user: UserInfo, namespace?: string): PolicyRule[] {
  const rulesOf = (kind: string, name: string, ns?: string): PolicyRule[] =>
    (store.getRaw(kind, name, ns)?.rules as PolicyRule[] | undefined) ?? [];
  const rules = [...BASIC_USER_RULES];
  for (const b of store.listRaw('ClusterRoleBinding')) {
    if (!(b.subjects as Subject[] | undefined)?.some((s) => subjectMatches(s, user))) continue;
    rules.push(...rulesOf('ClusterRole', (b.roleRef as { name: string }).name));
  }
  if (!namespace) return rules;
  for (const b of store.listRaw('RoleBinding', namespace)) {
    if (!(b.subjects as Subject[] | undefined)?.some((s) => subjectMatches(s, user, namespace))) continue;
    const ref = b.roleRef as { kind: string; name: string };
    rules.push(
      ...(ref.kind === 'ClusterRole'
        ? rulesOf('ClusterRole', ref.name)
        : rulesOf('Role', ref.name, namespace)),
    );
  }
  return rules;
}

/** RBAC from the stored (Cluster)Roles and (Cluster)RoleBindings; returns the reason when allowed. */
export function authorize(
  store: Store,
  user: UserInfo,
  a: ResourceAttributes,
): { allowed: boolean; reason: string } {
  if (isAdmin(user)) return { allowed: true, reason: '' };
  const match = grantedRules(store, user, a.namespace).find((g) => g.rules.some((r) => ruleAllows(r, a)));
  return match ? { allowed: true, reason: match.reason } : { allowed: false, reason: '' };
}

export interface RulesReviewStatus {
  resourceRules: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
  nonResourceRules: { verbs: string[]; nonResourceURLs?: string[] }[];
  incomplete: boolean;
}

/** What a SelfSubjectRulesReview reports: every rule `authorize` would consult in `namespace`. */
export function rulesFor(store: Store, user: UserInfo, namespace?: string): RulesReviewStatus {
  if (isAdmin(user)) {
    return {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    };
  }
  const status: RulesReviewStatus = { resourceRules: [], nonResourceRules: [], incomplete: false };
  for (const { rules } of grantedRules(store, user, namespace)) {
    for (const r of rules) {
      if (r.resources?.length) {
        status.resourceRules.push({
          verbs: r.verbs ?? [],
          apiGroups: r.apiGroups ?? [],
          resources: r.resources,
          ...(r.resourceNames?.length ? { resourceNames: r.resourceNames } : {}),
        });
      }
      if (r.nonResourceURLs?.length)
        status.nonResourceRules.push({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs });
    }
  }
  return status;
}

/**
 * The binding's first subject that matched, as the RBAC authorizer names it in its reason
 * (kubernetes pkg/registry/rbac/validation/rule.go describeSubject, used by clusterRoleBindingDescriber and
 * roleBindingDescriber): `Kind "name"`, a ServiceAccount as `"<name>/<namespace>"` (name first), its namespace
 * defaulting to the binding's ("" for a ClusterRoleBinding).
 */
function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} "${s.name}/${s.namespace || bindingNamespace}"`;
  return `${s.kind} "${s.name}"`;
}

/** The apiserver's 403 message. */
export function forbiddenMessage(user: UserInfo, a: ResourceAttributes): string {
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${subject} is forbidden: User "${user.name}" cannot ${a.verb} resource "${res}" in API group "${a.group}" ${scope}`;
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const rule = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({
  apiGroups,
  resources,
  verbs,
});

const WORKLOADS = ['daemonsets', 'deployments', 'replicasets', 'statefulsets'];

/** CDI v1.65.0 pkg/operator/resources/cluster/rbac.go:38-91 getAdminPolicyRules (getEditPolicyRules :93-97 = the same). */
const CDI_ADMIN_RULES: PolicyRule[] = [
  rule(
    ['cdi.kubevirt.io'],
    [
      'datavolumes',
      'dataimportcrons',
      'datasources',
      'volumeimportsources',
      'volumeuploadsources',
      'volumeclonesources',
    ],
    ['*'],
  ),
  rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create']),
  rule(['upload.cdi.kubevirt.io'], ['uploadtokenrequests'], ['*']),
  rule(['forklift.cdi.kubevirt.io'], ['ovirtvolumepopulators', 'openstackvolumepopulators'], ['*']),
];

/**
 * CDI v1.65.0 rbac.go:99-148 getViewPolicyRules. Its last rule lets whoever may view a namespace clone from it
 * (`create` on `datavolumes/source`); v1.66.0 moves that rule to a non-aggregated `cdi.kubevirt.io:clone-sourcer`.
 */
const CDI_VIEW_RULES: PolicyRule[] = [
  rule(
    ['cdi.kubevirt.io'],
    [
      'cdiconfigs',
      'dataimportcrons',
      'datasources',
      'datavolumes',
      'objecttransfers',
      'storageprofiles',
      'volumeimportsources',
      'volumeuploadsources',
      'volumeclonesources',
    ],
    READ,
  ),
  rule(['forklift.cdi.kubevirt.io'], ['ovirtvolumepopulators', 'openstackvolumepopulators'], READ),
  rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create']),
];

/**
 * CDI's common labels (v1.65.0 pkg/operator/resources/utils/common.go:40-45) plus the one
 * controller-lifecycle-operator-sdk's ResourceBuilder.CreateAggregateClusterRole adds
 * (vendor/kubevirt.io/controller-lifecycle-operator-sdk/pkg/sdk/resources/rbac.go:20-25).
 */
const cdiAggregateLabels = (aggregateTo: string) => ({
  'cdi.kubevirt.io': '',
  'app.kubernetes.io/managed-by': 'cdi-operator',
  'app.kubernetes.io/component': 'storage',
  app: 'containerized-data-importer',
  [`rbac.authorization.k8s.io/aggregate-to-${aggregateTo}`]: 'true',
});

/**
 * `view` as the bootstrap policy defines it (namespaced resources, no secrets, no writes) plus what OLM
 * (`<crd>-view` of operator CRDs) aggregates into it. CDI's part comes from `cdi.kubevirt.io:view` below.
 */
const VIEW_RULES: PolicyRule[] = [
  rule(
    [''],
    [
      'configmaps',
      'endpoints',
      'events',
      'limitranges',
      'namespaces',
      'namespaces/status',
      'persistentvolumeclaims',
      'persistentvolumeclaims/status',
      'pods',
      'pods/log',
      'pods/status',
      'replicationcontrollers',
      'resourcequotas',
      'resourcequotas/status',
      'serviceaccounts',
      'services',
      'services/status',
    ],
    READ,
  ),
  rule(['apps'], [...WORKLOADS, ...WORKLOADS.map((w) => `${w}/status`)], READ),
  rule(['batch'], ['cronjobs', 'jobs', 'cronjobs/status', 'jobs/status'], READ),
  rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
  rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
  rule(['snapshot.storage.k8s.io'], ['volumesnapshots'], READ),
  rule(['hco.kubevirt.io'], ['hyperconvergeds'], READ),
  rule(['hostpathprovisioner.kubevirt.io'], ['hostpathprovisioners'], READ),
];

/** `edit`: view, secrets, and writes on namespaced resources; never a `/status` subresource. */
const EDIT_RULES: PolicyRule[] = [
  ...VIEW_RULES,
  rule([''], ['secrets', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], READ),
  rule(
    [''],
    [
      'configmaps',
      'events',
      'persistentvolumeclaims',
      'pods',
      'pods/attach',
      'pods/eviction',
      'pods/exec',
      'pods/portforward',
      'replicationcontrollers',
      'secrets',
      'serviceaccounts',
      'services',
    ],
    WRITE,
  ),
  rule([''], ['serviceaccounts/token'], ['create']),
  rule(['apps'], [...WORKLOADS, ...WORKLOADS.map((w) => `${w}/scale`)], WRITE),
  rule(['batch'], ['cronjobs', 'jobs'], WRITE),
  rule(['policy'], ['poddisruptionbudgets'], WRITE),
  rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
  rule(['snapshot.storage.k8s.io'], ['volumesnapshots'], WRITE),
];

/** `admin`: edit plus the namespace's own RBAC. */
const ADMIN_RULES: PolicyRule[] = [
  ...EDIT_RULES,
  rule(['rbac.authorization.k8s.io'], ['roles', 'rolebindings'], [...READ, ...WRITE]),
  rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
];

/** OpenShift's `cluster-reader`: view everywhere plus cluster-scoped reads, still no secrets. */
const CLUSTER_READER_RULES: PolicyRule[] = [
  ...VIEW_RULES,
  rule([''], ['nodes', 'nodes/status', 'persistentvolumes', 'persistentvolumes/status'], READ),
  rule(
    ['storage.k8s.io'],
    ['storageclasses', 'csidrivers', 'csinodes', 'volumeattachments', 'volumeattributesclasses'],
    READ,
  ),
  rule(['snapshot.storage.k8s.io'], ['volumesnapshotclasses', 'volumesnapshotcontents'], READ),
  rule(['rbac.authorization.k8s.io'], ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'], READ),
  rule(['apiextensions.k8s.io'], ['customresourcedefinitions'], READ),
  rule(['cdi.kubevirt.io', 'hco.kubevirt.io', 'hostpathprovisioner.kubevirt.io'], ['*'], READ),
];

const AGGREGATE_TO = (role: string) => `rbac.authorization.k8s.io/aggregate-to-${role}`;
const BOOTSTRAP = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const aggregatedBy = (role: string) => ({
  clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO(role)]: 'true' } }],
});
const onlyNew = (rules: PolicyRule[], base: PolicyRule[]) => rules.filter((r) => !base.includes(r));

/**
 * The default ClusterRoles every (OpenShift) cluster has, added when the seed does not define them. As in the
 * bootstrap policy, admin, edit and view are aggregated (view into edit into admin, plus every ClusterRole
 * labelled `rbac.authorization.k8s.io/aggregate-to-<role>: "true"`); their rules start out aggregated.
 */
export const DEFAULT_CLUSTER_ROLES: K8sObject[] = (() => {
  const role = (name: string, rules: PolicyRule[], extra: Partial<K8sObject> = {}): K8sObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    ...extra,
    metadata: { name, labels: { ...BOOTSTRAP }, ...(extra.metadata ?? {}) },
    rules,
  });
  const roles = [
    role('cluster-admin', [rule(['*'], ['*'], ['*']), { verbs: ['*'], nonResourceURLs: ['*'] }]),
    role('admin', [], { aggregationRule: aggregatedBy('admin') }),
    role('edit', [], {
      aggregationRule: aggregatedBy('edit'),
      metadata: { name: 'edit', labels: { ...BOOTSTRAP, [AGGREGATE_TO('admin')]: 'true' } },
    }),
    role('view', [], {
      aggregationRule: aggregatedBy('view'),
      metadata: { name: 'view', labels: { ...BOOTSTRAP, [AGGREGATE_TO('edit')]: 'true' } },
    }),
    role('system:aggregate-to-admin', onlyNew(ADMIN_RULES, EDIT_RULES), {
      metadata: {
        name: 'system:aggregate-to-admin',
        labels: { ...BOOTSTRAP, [AGGREGATE_TO('admin')]: 'true' },
      },
    }),
    role('system:aggregate-to-edit', onlyNew(EDIT_RULES, VIEW_RULES), {
      metadata: {
        name: 'system:aggregate-to-edit',
        labels: { ...BOOTSTRAP, [AGGREGATE_TO('edit')]: 'true' },
      },
    }),
    role('system:aggregate-to-view', VIEW_RULES, {
      metadata: {
        name: 'system:aggregate-to-view',
        labels: { ...BOOTSTRAP, [AGGREGATE_TO('view')]: 'true' },
      },
    }),
    role('cluster-reader', CLUSTER_READER_RULES),
    // CDI's aggregated roles (v1.65.0 rbac.go:28-36 createAggregateClusterRoles). The CDI operator creates them
    // with its CR; the simulator always serves CDI's API, so they are default roles here (not re-created when
    // deleted, as the operator would).
    ...(['admin', 'edit', 'view'] as const).map((to) =>
      role(`cdi.kubevirt.io:${to}`, to === 'view' ? CDI_VIEW_RULES : CDI_ADMIN_RULES, {
        metadata: { name: `cdi.kubevirt.io:${to}`, labels: cdiAggregateLabels(to) },
      }),
    ),
  ];
  // What the aggregation controller would write: view first, then edit (holds view), then admin (holds edit).
  for (const name of ['view', 'edit', 'admin']) {
    const r = roles.find((x) => x.metadata.name === name)!;
    r.rules = aggregatedRules(r, roles);
  }
  return roles;
})();
