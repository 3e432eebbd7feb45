import type { ClusterRole, PolicyRule, RbacSubject, RoleBinding } from '../../../k8s/types';

/**
 * Builders for the clone-permissions unit tests, and the RBAC objects as CDI and Kubernetes write them
 * (CDI v1.65.0/v1.66.0 pkg/operator/resources/cluster/rbac.go; k8s bootstrap policy for admin/edit/view).
 */

export const clusterRole = (
  name: string,
  rules: PolicyRule[],
  extra: { labels?: Record<string, string>; aggregateFrom?: string; namespace?: string } = {},
): ClusterRole => ({
  metadata: {
    name,
    ...(extra.namespace ? { namespace: extra.namespace } : {}),
    ...(extra.labels ? { labels: extra.labels } : {}),
  },
  rules,
  ...(extra.aggregateFrom
    ? {
        aggregationRule: {
          clusterRoleSelectors: [
            { matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${extra.aggregateFrom}`]: 'true' } },
          ],
        },
      }
    : {}),
});

export const role = (namespace: string, name: string, rules: PolicyRule[]): ClusterRole =>
  clusterRole(name, rules, { namespace });

export const user = (name: string): RbacSubject => ({
  kind: 'User',
  name,
  apiGroup: 'rbac.authorization.k8s.io',
});
export const group = (name: string): RbacSubject => ({
  kind: 'Group',
  name,
  apiGroup: 'rbac.authorization.k8s.io',
});
export const sa = (namespace: string | undefined, name: string): RbacSubject => ({
  kind: 'ServiceAccount',
  name,
  ...(namespace ? { namespace } : {}),
});

export const roleBinding = (
  namespace: string,
  name: string,
  roleRef: { kind: 'ClusterRole' | 'Role'; name: string },
  subjects: RbacSubject[],
  labels?: Record<string, string>,
): RoleBinding => ({
  metadata: { name, namespace, ...(labels ? { labels } : {}) },
  subjects,
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
});

export const clusterRoleBinding = (
  name: string,
  roleName: string,
  subjects: RbacSubject[],
  labels?: Record<string, string>,
): RoleBinding => ({
  metadata: { name, ...(labels ? { labels } : {}) },
  subjects,
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
});

const CDI_LABELS = { 'cdi.kubevirt.io': '', 'app.kubernetes.io/managed-by': 'cdi-operator' };
const aggregateTo = (to: string) => ({
  ...CDI_LABELS,
  [`rbac.authorization.k8s.io/aggregate-to-${to}`]: 'true',
});

const cdiAdminRules: PolicyRule[] = [
  {
    apiGroups: ['cdi.kubevirt.io'],
    resources: [
      'datavolumes',
      'dataimportcrons',
      'datasources',
      'volumeimportsources',
      'volumeuploadsources',
      'volumeclonesources',
    ],
    verbs: ['*'],
  },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] },
  { apiGroups: ['upload.cdi.kubevirt.io'], resources: ['uploadtokenrequests'], verbs: ['*'] },
];
const cdiViewReadRule: PolicyRule = {
  apiGroups: ['cdi.kubevirt.io'],
  resources: ['cdiconfigs', 'dataimportcrons', 'datasources', 'datavolumes', 'storageprofiles'],
  verbs: ['get', 'list', 'watch'],
};
const cloneSourceRule: PolicyRule = {
  apiGroups: ['cdi.kubevirt.io'],
  resources: ['datavolumes/source'],
  verbs: ['create'],
};
const podsRule: PolicyRule = {
  apiGroups: [''],
  resources: ['pods', 'pods/exec'],
  verbs: ['create', 'delete', 'get'],
};

/**
 * The ClusterRoles of a cluster with CDI `version`: CDI's aggregated-in roles and k8s's aggregated
 * admin ← edit ← view, whose rules the aggregation controller fills from the roles they select.
 */
export const cdiClusterRoles = (version: 'v1.65' | 'v1.66'): ClusterRole[] => {
  const cdiView = clusterRole(
    'cdi.kubevirt.io:view',
    version === 'v1.65' ? [cdiViewReadRule, cloneSourceRule] : [cdiViewReadRule],
    { labels: aggregateTo('view') },
  );
  const cdiEdit = clusterRole('cdi.kubevirt.io:edit', cdiAdminRules, { labels: aggregateTo('edit') });
  const cdiAdmin = clusterRole('cdi.kubevirt.io:admin', cdiAdminRules, { labels: aggregateTo('admin') });
  const bootstrap = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
  const view = clusterRole('view', [...(cdiView.rules ?? [])], {
    aggregateFrom: 'view',
    labels: { ...bootstrap, 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
  });
  const editOwn = clusterRole('system:aggregate-to-edit', [podsRule], {
    labels: { ...bootstrap, 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
  });
  const edit = clusterRole('edit', [podsRule, ...cdiAdminRules, ...(cdiView.rules ?? [])], {
    aggregateFrom: 'edit',
    labels: { ...bootstrap, 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
  });
  const admin = clusterRole('admin', [...(edit.rules ?? [])], { aggregateFrom: 'admin', labels: bootstrap });
  const configReader = clusterRole(
    'cdi.kubevirt.io:config-reader',
    [
      {
        apiGroups: ['cdi.kubevirt.io'],
        resources: ['cdiconfigs', 'storageprofiles'],
        verbs: ['get', 'list', 'watch'],
      },
    ],
    { labels: CDI_LABELS },
  );
  const roles = [cdiView, cdiEdit, cdiAdmin, view, editOwn, edit, admin, configReader];
  if (version === 'v1.66')
    roles.push(clusterRole('cdi.kubevirt.io:clone-sourcer', [cloneSourceRule], { labels: CDI_LABELS }));
  return roles;
};

export const byName = (roles: ClusterRole[], name: string): ClusterRole => {
  const r = roles.find((x) => x.metadata?.name === name);
  if (!r) throw new Error(`no ClusterRole ${name}`);
  return r;
};
