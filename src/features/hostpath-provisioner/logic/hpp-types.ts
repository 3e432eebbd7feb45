import type { AccessMode, K8sCondition, Quantity, StorageClass, VolumeMode } from '../../../k8s/types';

/**
 * The HostPathProvisioner CR (hostpathprovisioner.kubevirt.io/v1beta1, cluster-scoped, no status subresource)
 * as hostpath-provisioner-operator v0.25.2 defines it (pkg/apis/hostpathprovisioner/v1beta1/types.go:25-170,
 * commit 19e72bf8; the CRD in ../shared/crds), plus the names the operator and its CSI driver derive from it.
 * Types only describe what the plugin reads or writes; unknown fields pass through untouched.
 */

export const HPP_API_GROUP = 'hostpathprovisioner.kubevirt.io';
export const HPP_API_VERSION = `${HPP_API_GROUP}/v1beta1`;
export const HPP_KIND = 'HostPathProvisioner';
/** By convention the only CR is named so; the operator accepts any name but refuses to reconcile two. */
export const HPP_CR_NAME = 'hostpath-provisioner';

/** The CSI driver (StorageClass `provisioner`, VolumeSnapshotClass `driver`). */
export const HPP_CSI_PROVISIONER = 'kubevirt.io.hostpath-provisioner';
/** The deprecated non-CSI provisioner, deployed only while the CR has `pathConfig`. */
export const HPP_LEGACY_PROVISIONER = 'kubevirt.io/hostpath-provisioner';
/** Label the operator puts on per-node pool PVCs and Deployments (storagepool.go:48); its value is `poolLabelValue`. */
export const HPP_POOL_LABEL = 'kubevirt.io.hostpath-provisioner/storagePool';
/** StorageClass / VolumeSnapshotClass parameter naming the pool (hostpath-provisioner pkg/hostpath/utils.go:40). */
export const STORAGE_POOL_PARAMETER = 'storagePool';
/** Marks the backend class of a shared (RWX) pool; only CDI reads it (maps it to RWX Filesystem). */
export const OVERLAY_CSI_PARAMETER = 'overlayCSI';
/** Pool the CSI driver serves for `pathConfig`, and uses for classes without `storagePool` (utils.go:150-155). */
export const LEGACY_POOL_NAME = 'legacy';
/** Name of the backend class of a shared pool without `overlayClassName` (storagepool.go:55). */
export const DEFAULT_OVERLAY_CLASS_NAME = 'hpp-overlay';
/** Feature gate that adds the csi-snapshotter sidecar (controller.go:72, daemonset.go:805). */
export const SNAPSHOT_FEATURE_GATE = 'Snapshotting';
/** The only snapshot provider the CSI driver implements (types.go:67, pkg/hostpath/utils.go:55). */
export const SNAPSHOT_PROVIDERS = ['reflink'] as const;
/** The webhook's limits (hostpathprovisioner_webhook.go:28-29). */
export const MAX_POOL_NAME_LENGTH = 50;
export const MAX_POOL_PATH_LENGTH = 255;

type ObjectMeta = NonNullable<StorageClass['metadata']>;

/** PersistentVolumeClaimSpec as a pool template (the fields the plugin shows; the rest pass through). */
export interface PoolPvcTemplate {
  accessModes?: AccessMode[];
  resources?: { requests?: Record<string, Quantity>; limits?: Record<string, Quantity> };
  storageClassName?: string;
  volumeMode?: VolumeMode;
  selector?: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  [key: string]: unknown;
}

export interface StoragePool {
  name: string;
  path: string;
  pvcTemplate?: PoolPvcTemplate;
  /** Only "reflink". */
  snapshotProvider?: string;
  overlayClassName?: string;
  [key: string]: unknown;
}

export interface PathConfig {
  path?: string;
  useNamingPrefix?: boolean;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface HppWorkload {
  nodeSelector?: Record<string, string>;
  /** corev1.Affinity, kept as read: the plugin does not edit it. */
  affinity?: Record<string, unknown>;
  tolerations?: Toleration[];
}

export interface HppSpec {
  imagePullPolicy?: string;
  /** Deprecated single directory (legacy provisioner + the CSI pool "legacy"). */
  pathConfig?: PathConfig;
  /** listType=atomic: always written whole. */
  storagePools?: StoragePool[];
  workload?: HppWorkload;
  /** listType=set. */
  featureGates?: string[];
  [key: string]: unknown;
}

/** `corev1.PersistentVolumeClaimStatus` as the operator copies it into `claimStatuses`. */
export interface ClaimStatusBody {
  phase?: 'Pending' | 'Bound' | 'Lost' | string;
  capacity?: Record<string, Quantity>;
  accessModes?: string[];
  [key: string]: unknown;
}

export interface StoragePoolStatus {
  name: string;
  /** Preparing | Mounting | Ready (types.go:99-106); v0.25.2 only ever writes Ready. */
  phase: string;
  desiredReady?: number;
  currentReady?: number;
  claimStatuses?: { name: string; status: ClaimStatusBody }[];
}

export interface HppStatus {
  conditions?: K8sCondition[];
  operatorVersion?: string;
  targetVersion?: string;
  observedVersion?: string;
  storagePoolStatuses?: StoragePoolStatus[];
  [key: string]: unknown;
}

export interface HostPathProvisioner {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: HppSpec;
  status?: HppStatus;
}

/** The part of a Node the logic reads. */
export interface NodeLike {
  metadata?: { name?: string; labels?: Record<string, string> };
}
