import type { Controller, K8sObject, SimContext } from '../sim-api';
import { SSP_LABELS } from './boot-source-controller';
import { GOLDEN_IMAGES_NAMESPACE, clone, eventDriven, jsonEqual, mutateObject } from './util';

/**
 * SSP's golden-images access (ssp-operator v0.26.0 internal/operands/data-sources/reconcile.go:109-115 and
 * :188-214, objects from resource.go:61-171): while the SSP CR exists (HCO creates it with the HyperConverged),
 * the golden-images namespace holds Role and RoleBinding `os-images.kubevirt.io:view` (every authenticated user
 * and every service account may read, and clone from, the golden images), and the unbound ClusterRole
 * `os-images.kubevirt.io:edit` exists. CreateOrUpdate (internal/common/resource.go:154-190, defaultUpdateFunc
 * :442-478) re-creates them when deleted and puts back the rules, subjects and roleRef and its app labels (merged
 * into the others) when edited. A changed `roleRef` cannot be written back (the apiserver refuses it; upstream's
 * reconcile then fails on every pass), so that binding is left as it is. The namespace itself is created when
 * missing, without SSP's labels (as ./boot-source-controller.ts does).
 */

export const SSP_VIEW_ROLE = 'os-images.kubevirt.io:view';
export const SSP_EDIT_CLUSTER_ROLE = 'os-images.kubevirt.io:edit';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const RBAC = 'rbac.authorization.k8s.io';

/** newViewRole (resource.go:61-105). */
const viewRules = () => [
  { apiGroups: [''], resources: ['persistentvolumeclaims', 'persistentvolumeclaims/status'], verbs: READ },
  {
    apiGroups: ['snapshot.storage.k8s.io'],
    resources: ['volumesnapshots', 'volumesnapshots/status'],
    verbs: READ,
  },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes'], verbs: READ },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datasources'], verbs: READ },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['dataimportcrons'], verbs: READ },
  { apiGroups: [''], resources: ['namespaces'], verbs: READ },
];

/** newEditRole (resource.go:133-171). */
const editRules = () => [
  { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: WRITE },
  { apiGroups: [''], resources: ['persistentvolumeclaims/status'], verbs: READ },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes'], verbs: WRITE },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datasources'], verbs: WRITE },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['dataimportcrons'], verbs: WRITE },
];

/** newViewRoleBinding (resource.go:107-131). */
const viewBinding = () => ({
  subjects: [
    { kind: 'Group', name: 'system:authenticated', apiGroup: RBAC },
    { kind: 'Group', name: 'system:serviceaccounts', apiGroup: RBAC },
  ],
  roleRef: { kind: 'Role', name: SSP_VIEW_ROLE, apiGroup: RBAC },
});

/** The objects SSP keeps, each with the fields its update function writes back. */
export function sspAccessObjects(namespace = GOLDEN_IMAGES_NAMESPACE): K8sObject[] {
  const meta = (name: string, ns?: string) => ({
    name,
    ...(ns ? { namespace: ns } : {}),
    labels: { ...SSP_LABELS },
  });
  return [
    { apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: meta(SSP_VIEW_ROLE, namespace), rules: viewRules() },
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: meta(SSP_VIEW_ROLE, namespace),
      ...viewBinding(),
    },
    {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRole',
      metadata: meta(SSP_EDIT_CLUSTER_ROLE),
      rules: editRules(),
    },
  ];
}

const OWNED_FIELDS: Record<string, string[]> = {
  Role: ['rules'],
  ClusterRole: ['rules'],
  RoleBinding: ['subjects', 'roleRef'],
};

function reconcileObject(ctx: SimContext, desired: K8sObject): void {
  const { kind, metadata } = desired;
  const found = ctx.store.get(kind, metadata.name!, metadata.namespace);
  if (!found) {
    ctx.store.create(clone(desired));
    return;
  }
  if (found.metadata.deletionTimestamp) return;
  if (kind === 'RoleBinding' && !jsonEqual(found.roleRef, desired.roleRef)) return; // roleRef is immutable
  const labelsOk = Object.entries(SSP_LABELS).every(([k, v]) => found.metadata.labels?.[k] === v);
  const fieldsOk = OWNED_FIELDS[kind].every((f) => jsonEqual(found[f], desired[f]));
  if (labelsOk && fieldsOk) return;
  mutateObject(ctx.store, found, (obj) => {
    obj.metadata.labels = { ...obj.metadata.labels, ...SSP_LABELS };
    for (const f of OWNED_FIELDS[kind]) obj[f] = clone(desired[f]);
  });
}

function reconcile(ctx: SimContext): void {
  if (!ctx.store.list('HyperConverged').length) return;
  if (!ctx.store.get('Namespace', GOLDEN_IMAGES_NAMESPACE)) {
    ctx.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: GOLDEN_IMAGES_NAMESPACE } });
  }
  for (const obj of sspAccessObjects()) reconcileObject(ctx, obj);
}

export const createSspController = (): Controller =>
  eventDriven(
    'ssp-data-sources-rbac',
    ['HyperConverged', 'Namespace', 'Role', 'RoleBinding', 'ClusterRole'],
    reconcile,
  );
