import type {
  K8sCondition,
  PersistentVolumeClaim,
  StorageClass,
  StorageProfile,
  VolumeSnapshotClass,
} from '../../../k8s/types';
import {
  HPP_API_VERSION,
  HPP_CSI_PROVISIONER,
  HPP_KIND,
  HPP_POOL_LABEL,
  type HostPathProvisioner,
  type HppSpec,
  type HppStatus,
  type NodeLike,
} from './hpp-types';

/** Objects for the unit tests of this folder (not used by the page). */

export const hpp = (
  spec: HppSpec,
  status?: HppStatus,
  name = 'hostpath-provisioner',
): HostPathProvisioner => ({
  apiVersion: HPP_API_VERSION,
  kind: HPP_KIND,
  metadata: { name, uid: 'u1', resourceVersion: '7' },
  spec,
  ...(status ? { status } : {}),
});

export const sc = (
  name: string,
  provisioner: string = HPP_CSI_PROVISIONER,
  parameters?: Record<string, string>,
  annotations?: Record<string, string>,
  extra: Partial<StorageClass> = {},
): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, ...(annotations ? { annotations } : {}) },
  provisioner,
  ...(parameters ? { parameters } : {}),
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
  ...extra,
});

export const vsc = (
  name: string,
  parameters?: Record<string, string>,
  driver: string = HPP_CSI_PROVISIONER,
  annotations?: Record<string, string>,
): VolumeSnapshotClass => ({
  metadata: { name, ...(annotations ? { annotations } : {}) },
  driver,
  deletionPolicy: 'Delete',
  ...(parameters ? { parameters } : {}),
});

export const profile = (name: string, complete = true): StorageProfile => ({
  metadata: { name },
  spec: {},
  status: {
    claimPropertySets: complete ? [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }] : [],
  },
});

export const pvc = (
  name: string,
  namespace: string,
  storageClassName: string,
  phase?: 'Pending' | 'Bound' | 'Lost',
  labels?: Record<string, string>,
  annotations?: Record<string, string>,
): PersistentVolumeClaim => ({
  metadata: {
    name,
    namespace,
    ...(labels ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
  },
  spec: { storageClassName },
  ...(phase ? { status: { phase } } : {}),
});

export const poolPvc = (
  name: string,
  labelValue: string,
  phase?: 'Pending' | 'Bound' | 'Lost',
  annotations?: Record<string, string>,
) => pvc(name, 'openshift-cnv', 'local-block', phase, { [HPP_POOL_LABEL]: labelValue }, annotations);

export const node = (name: string, labels: Record<string, string> = {}): NodeLike => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
});

export const cond = (type: string, status: K8sCondition['status'], reason?: string, message?: string) => ({
  type,
  status,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});
