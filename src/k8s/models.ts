import type { K8sGroupVersionKind, K8sModel } from '@openshift-console/dynamic-plugin-sdk';

const model = (m: Omit<K8sModel, 'abbr' | 'apiVersion'> & { abbr?: string; version: string }): K8sModel => {
  const { version, abbr, ...rest } = m;
  return { ...rest, apiVersion: version, abbr: abbr ?? m.kind.replace(/[a-z]/g, '') };
};

/** The HyperConverged API versions the plugin reads and writes (src/k8s/hco-paths.ts maps their fields). */
export type HcoVersion = 'v1beta1' | 'v1';

const hyperConverged = (version: HcoVersion) =>
  model({
    kind: 'HyperConverged',
    apiGroup: 'hco.kubevirt.io',
    version,
    plural: 'hyperconvergeds',
    label: 'HyperConverged',
    labelPlural: 'HyperConverged',
    namespaced: true,
    crd: true,
    abbr: 'HCO',
  });

const HYPERCONVERGED_MODELS: Record<HcoVersion, K8sModel> = {
  v1beta1: hyperConverged('v1beta1'),
  v1: hyperConverged('v1'),
};

/**
 * The HyperConverged model of one API version. There is no fixed version: HCO 1.18 serves v1beta1 (its
 * storage version) and v1, and converts between them with its own conversion webhook (api/v1beta1/
 * conversion.go; the CRD file has none, HCO's webhook binary sets it on the CRD at runtime:
 * controllers/webhooks/conversion-webhook-controller/controller.go:212-232, registered in
 * cmd/hyperconverged-cluster-webhook/main.go:177-179, v1.18.1). So the plugin reads the group's preferred
 * version as discovery reports it (`useHcoVersion`), and every write uses the version of the object it was
 * built from (`hyperConvergedModelFor(hc)` in hco-paths.ts), so the URL and the patch paths always agree.
 * One object per version (stable as a hook dependency).
 */
export const hyperConvergedModel = (version: HcoVersion): K8sModel => HYPERCONVERGED_MODELS[version];

export const StorageProfileModel = model({
  kind: 'StorageProfile',
  apiGroup: 'cdi.kubevirt.io',
  version: 'v1beta1',
  plural: 'storageprofiles',
  label: 'StorageProfile',
  labelPlural: 'StorageProfiles',
  namespaced: false,
  crd: true,
});

export const DataImportCronModel = model({
  kind: 'DataImportCron',
  apiGroup: 'cdi.kubevirt.io',
  version: 'v1beta1',
  plural: 'dataimportcrons',
  label: 'DataImportCron',
  labelPlural: 'DataImportCrons',
  namespaced: true,
  crd: true,
  shortNames: ['dic', 'dics'],
});

export const DataSourceModel = model({
  kind: 'DataSource',
  apiGroup: 'cdi.kubevirt.io',
  version: 'v1beta1',
  plural: 'datasources',
  label: 'DataSource',
  labelPlural: 'DataSources',
  namespaced: true,
  crd: true,
  shortNames: ['das'],
});

export const DataVolumeModel = model({
  kind: 'DataVolume',
  apiGroup: 'cdi.kubevirt.io',
  version: 'v1beta1',
  plural: 'datavolumes',
  label: 'DataVolume',
  labelPlural: 'DataVolumes',
  namespaced: true,
  crd: true,
  shortNames: ['dv', 'dvs'],
});

export const CDIConfigModel = model({
  kind: 'CDIConfig',
  apiGroup: 'cdi.kubevirt.io',
  version: 'v1beta1',
  plural: 'cdiconfigs',
  label: 'CDIConfig',
  labelPlural: 'CDIConfigs',
  namespaced: false,
  crd: true,
});

export const CDIModel = model({
  kind: 'CDI',
  apiGroup: 'cdi.kubevirt.io',
  version: 'v1beta1',
  plural: 'cdis',
  label: 'CDI',
  labelPlural: 'CDIs',
  namespaced: false,
  crd: true,
});

export const HostPathProvisionerModel = model({
  kind: 'HostPathProvisioner',
  apiGroup: 'hostpathprovisioner.kubevirt.io',
  version: 'v1beta1',
  plural: 'hostpathprovisioners',
  label: 'HostPathProvisioner',
  labelPlural: 'HostPathProvisioners',
  namespaced: false,
  crd: true,
});

export const StorageClassModel = model({
  kind: 'StorageClass',
  apiGroup: 'storage.k8s.io',
  version: 'v1',
  plural: 'storageclasses',
  label: 'StorageClass',
  labelPlural: 'StorageClasses',
  namespaced: false,
  abbr: 'SC',
});

export const VolumeSnapshotClassModel = model({
  kind: 'VolumeSnapshotClass',
  apiGroup: 'snapshot.storage.k8s.io',
  version: 'v1',
  plural: 'volumesnapshotclasses',
  label: 'VolumeSnapshotClass',
  labelPlural: 'VolumeSnapshotClasses',
  namespaced: false,
  crd: true,
});

export const PersistentVolumeClaimModel = model({
  kind: 'PersistentVolumeClaim',
  version: 'v1',
  plural: 'persistentvolumeclaims',
  label: 'PersistentVolumeClaim',
  labelPlural: 'PersistentVolumeClaims',
  namespaced: true,
  shortNames: ['pvc'],
});

export const VolumeSnapshotModel = model({
  kind: 'VolumeSnapshot',
  apiGroup: 'snapshot.storage.k8s.io',
  version: 'v1',
  plural: 'volumesnapshots',
  label: 'VolumeSnapshot',
  labelPlural: 'VolumeSnapshots',
  namespaced: true,
  crd: true,
  abbr: 'VS',
});

export const PodModel = model({
  kind: 'Pod',
  version: 'v1',
  plural: 'pods',
  label: 'Pod',
  labelPlural: 'Pods',
  namespaced: true,
});

export const EventModel = model({
  kind: 'Event',
  version: 'v1',
  plural: 'events',
  label: 'Event',
  labelPlural: 'Events',
  namespaced: true,
});

export const NodeModel = model({
  kind: 'Node',
  version: 'v1',
  plural: 'nodes',
  label: 'Node',
  labelPlural: 'Nodes',
  namespaced: false,
});

export const ClusterRoleModel = model({
  kind: 'ClusterRole',
  apiGroup: 'rbac.authorization.k8s.io',
  version: 'v1',
  plural: 'clusterroles',
  label: 'ClusterRole',
  labelPlural: 'ClusterRoles',
  namespaced: false,
});

export const RoleBindingModel = model({
  kind: 'RoleBinding',
  apiGroup: 'rbac.authorization.k8s.io',
  version: 'v1',
  plural: 'rolebindings',
  label: 'RoleBinding',
  labelPlural: 'RoleBindings',
  namespaced: true,
});

export const ClusterRoleBindingModel = model({
  kind: 'ClusterRoleBinding',
  apiGroup: 'rbac.authorization.k8s.io',
  version: 'v1',
  plural: 'clusterrolebindings',
  label: 'ClusterRoleBinding',
  labelPlural: 'ClusterRoleBindings',
  namespaced: false,
});

export const RoleModel = model({
  kind: 'Role',
  apiGroup: 'rbac.authorization.k8s.io',
  version: 'v1',
  plural: 'roles',
  label: 'Role',
  labelPlural: 'Roles',
  namespaced: true,
});

export const ServiceAccountModel = model({
  kind: 'ServiceAccount',
  version: 'v1',
  plural: 'serviceaccounts',
  label: 'ServiceAccount',
  labelPlural: 'ServiceAccounts',
  namespaced: true,
  abbr: 'SA',
});

export const SubjectAccessReviewModel = model({
  kind: 'SubjectAccessReview',
  apiGroup: 'authorization.k8s.io',
  version: 'v1',
  plural: 'subjectaccessreviews',
  label: 'SubjectAccessReview',
  labelPlural: 'SubjectAccessReviews',
  namespaced: false,
});

export const SelfSubjectAccessReviewModel = model({
  kind: 'SelfSubjectAccessReview',
  apiGroup: 'authorization.k8s.io',
  version: 'v1',
  plural: 'selfsubjectaccessreviews',
  label: 'SelfSubjectAccessReview',
  labelPlural: 'SelfSubjectAccessReviews',
  namespaced: false,
});

export const NamespaceModel = model({
  kind: 'Namespace',
  version: 'v1',
  plural: 'namespaces',
  label: 'Namespace',
  labelPlural: 'Namespaces',
  namespaced: false,
  abbr: 'NS',
});

/** The `groupVersionKind` a watch needs (`useK8sWatchResource({ groupVersionKind: gvk(Model) })`). */
export const gvk = (m: K8sModel): K8sGroupVersionKind => ({
  group: m.apiGroup,
  version: m.apiVersion,
  kind: m.kind,
});

/** `apiVersion` as written in an object (`group/version`, or `version` for the core group). */
export const apiVersionOf = (m: K8sModel): string =>
  m.apiGroup ? `${m.apiGroup}/${m.apiVersion}` : m.apiVersion;

/** storage.k8s.io/v1 CSIDriver (only names are read): CDI counts csi-clone as a smart clone only with one. */
export const CSIDriverModel = model({
  kind: 'CSIDriver',
  apiGroup: 'storage.k8s.io',
  version: 'v1',
  plural: 'csidrivers',
  label: 'CSIDriver',
  labelPlural: 'CSIDrivers',
  abbr: 'CSID',
  namespaced: false,
});

/** config.openshift.io/v1 Infrastructure: the cluster's topology (single-node); not served off OpenShift. */
export const InfrastructureModel = model({
  kind: 'Infrastructure',
  apiGroup: 'config.openshift.io',
  version: 'v1',
  plural: 'infrastructures',
  label: 'Infrastructure',
  labelPlural: 'Infrastructures',
  namespaced: false,
  crd: true,
});
