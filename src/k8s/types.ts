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
