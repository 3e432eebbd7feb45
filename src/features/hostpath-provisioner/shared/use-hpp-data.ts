import { useMemo } from 'react';
import {
  gvk,
  HostPathProvisionerModel,
  NodeModel,
  PersistentVolumeClaimModel,
  StorageClassModel,
  StorageProfileModel,
  VolumeSnapshotClassModel,
} from '../../../k8s/models';
import type {
  PersistentVolumeClaim,
  StorageClass,
  StorageProfile,
  VolumeSnapshotClass,
} from '../../../k8s/types';
import { useWatchList } from '../../../k8s/use-watch';
import { listOrEmpty, type Watched } from '../../../k8s/watch-state';
import type { HostPathProvisioner, NodeLike } from '../logic/hpp-types';
import { HPP_POOL_LABEL } from '../logic/hpp-types';

/** Everything the hostpath provisioner page and its dialogs read: one watch per kind for the whole page. */
const POOL_CLAIMS = { matchExpressions: [{ key: HPP_POOL_LABEL, operator: 'Exists' as const }] };

export interface HppData {
  /** The HostPathProvisioner CRs (`api-missing` when the HPP operator is not installed). */
  crs: Watched<HostPathProvisioner[]>;
  storageClasses: Watched<StorageClass[]>;
  snapshotClasses: Watched<VolumeSnapshotClass[]>;
  profiles: Watched<StorageProfile[]>;
  /** The pools' per-node PVCs (labelled by the operator), in every namespace. */
  poolClaims: Watched<PersistentVolumeClaim[]>;
  nodes: Watched<NodeLike[]>;
}

/** The lists as the pure logic takes them: undefined when unknown (loading or unreadable), never "none". */
export interface HppLists {
  storageClasses?: StorageClass[];
  snapshotClasses?: VolumeSnapshotClass[];
  profiles?: StorageProfile[];
  pvcs?: PersistentVolumeClaim[];
  nodes?: NodeLike[];
}

export const useHppData = (): HppData => {
  const crs = useWatchList<HostPathProvisioner>({
    groupVersionKind: gvk(HostPathProvisionerModel),
    optional: true,
  });
  const storageClasses = useWatchList<StorageClass>({ groupVersionKind: gvk(StorageClassModel) });
  const snapshotClasses = useWatchList<VolumeSnapshotClass>({
    groupVersionKind: gvk(VolumeSnapshotClassModel),
    optional: true,
  });
  const profiles = useWatchList<StorageProfile>({ groupVersionKind: gvk(StorageProfileModel) });
  const poolClaims = useWatchList<PersistentVolumeClaim>({
    groupVersionKind: gvk(PersistentVolumeClaimModel),
    selector: POOL_CLAIMS,
  });
  const nodes = useWatchList<NodeLike>({ groupVersionKind: gvk(NodeModel) });
  // Stable while nothing changes, so the page and its dialogs can memoise on it.
  return useMemo(
    () => ({ crs, storageClasses, snapshotClasses, profiles, poolClaims, nodes }),
    [crs, storageClasses, snapshotClasses, profiles, poolClaims, nodes],
  );
};

export const hppLists = (data: HppData): HppLists => ({
  storageClasses: listOrEmpty(data.storageClasses),
  snapshotClasses: listOrEmpty(data.snapshotClasses),
  profiles: listOrEmpty(data.profiles),
  pvcs: listOrEmpty(data.poolClaims),
  nodes: listOrEmpty(data.nodes),
});
