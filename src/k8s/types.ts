import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';

export type AccessMode = 'ReadWriteOnce' | 'ReadWriteMany' | 'ReadOnlyMany' | 'ReadWriteOncePod';
export type VolumeMode = 'Block' | 'Filesystem';
export type CloneStrategy = 'copy' | 'snapshot' | 'csi-clone';
export type DataImportCronSourceFormat = 'pvc' | 'snapshot';

export interface ClaimPropertySet {
  accessModes: AccessMode[];
  volumeMode: VolumeMode;
}

export interface K8sCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
  observedGeneration?: number;
}

export interface StorageProfileSpec {
  claimPropertySets?: ClaimPropertySet[];
  cloneStrategy?: string; // no CRD enum: validate against CloneStrategy in the UI
  dataImportCronSourceFormat?: string;
  snapshotClass?: string;
}

export interface StorageProfile extends K8sResourceCommon {
  spec: StorageProfileSpec;
  status?: StorageProfileSpec & {
    storageClass?: string;
    provisioner?: string;
    conditions?: K8sCondition[];
  };
}

export interface StorageClass extends K8sResourceCommon {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: 'Delete' | 'Retain' | 'Recycle';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
}

export interface VolumeSnapshotClass extends K8sResourceCommon {
  driver: string;
  deletionPolicy: 'Delete' | 'Retain';
  parameters?: Record<string, string>;
}

/** Kubernetes quantity (e.g. "10Gi", "500m"). */
export type Quantity = string;
/** Filesystem overhead fraction as a string: "0", "0.055", "1" (a JSON number fails CRD validation). */
export type Percent = string;

export interface ObjectReference {
  name: string;
  namespace?: string;
}

export interface ResourceRequirements {
  limits?: Record<string, Quantity>;
  requests?: Record<string, Quantity>;
  claims?: { name: string; request?: string }[];
}

export interface FilesystemOverhead {
  global?: Percent;
  storageClass?: Record<string, Percent>;
}

/** CDI StorageSpec: like a PVC spec, but accessModes/volumeMode may be left for the StorageProfile to fill. */
export interface DataVolumeStorageSpec {
  accessModes?: AccessMode[];
  volumeMode?: VolumeMode | 'FromStorageProfile';
  storageClassName?: string;
  resources?: ResourceRequirements;
  selector?: Record<string, unknown>;
  dataSource?: Record<string, unknown>;
  dataSourceRef?: Record<string, unknown>;
}

export interface PersistentVolumeClaimSpec {
  accessModes?: AccessMode[];
  volumeMode?: VolumeMode;
  storageClassName?: string;
  resources?: ResourceRequirements;
  volumeName?: string;
  selector?: Record<string, unknown>;
}

export interface DataVolumeSource {
  http?: { url: string; secretRef?: string; certConfigMap?: string; checksum?: string };
  s3?: { url: string; secretRef?: string; certConfigMap?: string };
  gcs?: { url: string; secretRef?: string };
  registry?: {
    url?: string;
    imageStream?: string;
    pullMethod?: 'pod' | 'node';
    secretRef?: string;
    certConfigMap?: string;
  };
  pvc?: ObjectReference & { namespace: string };
  snapshot?: ObjectReference & { namespace: string };
  upload?: Record<string, never>;
  blank?: Record<string, never>;
  imageio?: Record<string, unknown>;
  vddk?: Record<string, unknown>;
}

export interface DataVolumeSpec {
  source?: DataVolumeSource;
  sourceRef?: { kind: 'DataSource'; name: string; namespace?: string };
  storage?: DataVolumeStorageSpec;
  pvc?: PersistentVolumeClaimSpec;
  contentType?: 'kubevirt' | 'archive';
  preallocation?: boolean;
  priorityClassName?: string;
}

export interface DataVolume extends K8sResourceCommon {
  spec: DataVolumeSpec;
  status?: {
    phase?: string;
    progress?: string;
    restartCount?: number;
    claimName?: string;
    conditions?: K8sCondition[];
  };
}

export interface DataImportCronSpec {
  template: { metadata?: K8sResourceCommon['metadata']; spec: DataVolumeSpec };
  schedule: string;
  managedDataSource: string;
  garbageCollect?: 'Outdated' | 'Never';
  importsToKeep?: number;
  retentionPolicy?: 'All' | 'None';
  serviceAccountName?: string;
}

export interface DataImportCron extends K8sResourceCommon {
  spec: DataImportCronSpec;
  status?: {
    conditions?: K8sCondition[];
    /** Capitalised keys, as CDI writes them. */
    currentImports?: { DataVolumeName: string; Digest?: string }[];
    lastImportedPVC?: ObjectReference;
    lastExecutionTimestamp?: string;
    lastImportTimestamp?: string;
    sourceFormat?: DataImportCronSourceFormat;
  };
}

export interface DataSourceSource {
  pvc?: ObjectReference;
  snapshot?: ObjectReference;
  dataSource?: ObjectReference;
}

export interface DataSource extends K8sResourceCommon {
  spec: { source: DataSourceSource };
  status?: { source?: DataSourceSource; conditions?: K8sCondition[] };
}

/** A dataImportCronTemplates item on the HyperConverged CR (list is atomic: always send it whole). */
export interface DataImportCronTemplate {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: DataImportCronSpec;
}

/** A v1 feature gate; `state` absent means Enabled (HCO v1.18.1 api/v1/featuregates/feature_gates.go:28-58). */
export interface HcoFeatureGate {
  name: string;
  state?: 'Enabled' | 'Disabled';
}

/** HyperConverged `hco.kubevirt.io/v1beta1` spec: only the storage-related fields the plugin reads or writes. */
export interface HyperConvergedSpecV1beta1 {
  enableCommonBootImageImport?: boolean;
  commonBootImageNamespace?: string;
  dataImportCronTemplates?: DataImportCronTemplate[];
  filesystemOverhead?: FilesystemOverhead;
  scratchSpaceStorageClass?: string;
  resourceRequirements?: { storageWorkloads?: ResourceRequirements; vmiCPUAllocationRatio?: number };
  storageImport?: { insecureRegistries?: string[] };
  vmStateStorageClass?: string;
  /** An object of booleans in v1beta1. */
  featureGates?: Record<string, boolean | undefined>;
  [key: string]: unknown;
}

/**
 * HyperConverged `hco.kubevirt.io/v1` spec (CRD v1 schema): the storage fields live under `storage`, the
 * golden-image fields under `workloadSources`, and `featureGates` is a list.
 */
export interface HyperConvergedSpecV1 {
  storage?: {
    filesystemOverhead?: FilesystemOverhead;
    scratchSpaceStorageClass?: string;
    storageImport?: { insecureRegistries?: string[] };
    vmStateStorageClass?: string;
    workloadResourceRequirements?: ResourceRequirements;
  };
  workloadSources?: {
    enableCommonBootImageImport?: boolean;
    commonBootImageNamespace?: string;
    dataImportCronTemplates?: DataImportCronTemplate[];
    [key: string]: unknown;
  };
  featureGates?: HcoFeatureGate[];
  [key: string]: unknown;
}

/**
 * The spec in either version; which one the object's `apiVersion` says. A field that exists in only one
 * layout reads as `unknown` here on purpose: read and write through src/k8s/hco-paths.ts (`hcoValue`,
 * `hcoPath`, `hcoFeatureGate`), which follow the object's version.
 */
export type HyperConvergedSpec = HyperConvergedSpecV1beta1 | HyperConvergedSpecV1;

export interface HyperConverged extends K8sResourceCommon {
  spec: HyperConvergedSpec;
  status?: {
    conditions?: K8sCondition[];
    dataImportSchedule?: string;
    dataImportCronTemplates?: (DataImportCronTemplate & {
      status?: { commonTemplate?: boolean; modified?: boolean; conditions?: K8sCondition[] };
    })[];
    [key: string]: unknown;
  };
}

export interface CDIConfigSpec {
  scratchSpaceStorageClass?: string;
  podResourceRequirements?: ResourceRequirements;
  filesystemOverhead?: FilesystemOverhead;
  preallocation?: boolean;
  insecureRegistries?: string[];
  featureGates?: string[];
  [key: string]: unknown;
}

export interface CDIConfig extends K8sResourceCommon {
  spec?: CDIConfigSpec;
  status?: {
    filesystemOverhead?: FilesystemOverhead;
    scratchSpaceStorageClass?: string;
    defaultPodResourceRequirements?: ResourceRequirements;
    preallocation?: boolean;
    uploadProxyURL?: string;
    [key: string]: unknown;
  };
}

export interface CDI extends K8sResourceCommon {
  spec?: {
    cloneStrategyOverride?: CloneStrategy;
    config?: CDIConfigSpec;
    uninstallStrategy?: string;
    [key: string]: unknown;
  };
  status?: { phase?: string; conditions?: K8sCondition[]; [key: string]: unknown };
}

export interface HostPathProvisionerStoragePool {
  name: string;
  path: string;
  pvcTemplate?: PersistentVolumeClaimSpec;
  snapshotProvider?: string;
  overlayClassName?: string;
}

export interface HostPathProvisioner extends K8sResourceCommon {
  spec: {
    imagePullPolicy?: string;
    pathConfig?: { path: string; useNamingPrefix?: boolean };
    storagePools?: HostPathProvisionerStoragePool[];
    workload?: Record<string, unknown>;
    featureGates?: string[];
  };
  status?: {
    conditions?: K8sCondition[];
    storagePoolStatuses?: {
      name: string;
      phase?: 'Preparing' | 'Mounting' | 'Ready' | string;
      desiredReady?: number;
      currentReady?: number;
      claimStatuses?: { name: string; status?: Record<string, unknown> }[];
    }[];
    [key: string]: unknown;
  };
}

export interface PersistentVolumeClaim extends K8sResourceCommon {
  spec: PersistentVolumeClaimSpec;
  status?: {
    phase?: 'Pending' | 'Bound' | 'Lost';
    capacity?: Record<string, Quantity>;
    accessModes?: AccessMode[];
  };
}

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface ClusterRole extends K8sResourceCommon {
  rules?: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors?: Record<string, unknown>[] };
}

export interface RbacSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleBinding extends K8sResourceCommon {
  subjects?: RbacSubject[];
  roleRef: { apiGroup: string; kind: 'ClusterRole' | 'Role'; name: string };
}

export type Role = ClusterRole;

export type ClusterRoleBinding = RoleBinding;

export interface ServiceAccount extends K8sResourceCommon {
  secrets?: { name: string }[];
}

/** `authorization.k8s.io/v1` resource attributes of an access review. */
export interface ReviewResourceAttributes {
  namespace?: string;
  verb: string;
  group?: string;
  resource: string;
  subresource?: string;
  name?: string;
}

/** A SubjectAccessReview (spec.user/groups) or SelfSubjectAccessReview (no user: the requester). */
export interface AccessReview extends K8sResourceCommon {
  spec: {
    resourceAttributes: ReviewResourceAttributes;
    user?: string;
    groups?: string[];
  };
  status?: { allowed: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

export interface Namespace extends K8sResourceCommon {
  status?: { phase?: 'Active' | 'Terminating' };
}

/** The body of a Kubernetes API error response. */
export interface K8sStatus {
  kind: 'Status';
  apiVersion?: string;
  status?: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
  };
}

export interface VolumeSnapshot extends K8sResourceCommon {
  spec?: {
    source?: { persistentVolumeClaimName?: string; volumeSnapshotContentName?: string };
    volumeSnapshotClassName?: string;
  };
  status?: { readyToUse?: boolean; restoreSize?: Quantity; error?: { message?: string } };
}

export interface Pod extends K8sResourceCommon {
  spec?: { nodeName?: string; containers?: { name: string }[] };
  status?: {
    phase?: string;
    containerStatuses?: {
      name: string;
      restartCount?: number;
      state?: Record<string, { reason?: string }>;
    }[];
  };
}

/** A core/v1 Event, as kubectl and the console read it. */
export interface K8sEvent extends K8sResourceCommon {
  involvedObject: { kind?: string; name?: string; namespace?: string; uid?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: 'Normal' | 'Warning' | string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}
