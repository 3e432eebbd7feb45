import { useMemo, useState } from 'react';
import { DataVolumeModel, gvk, NamespaceModel, PersistentVolumeClaimModel } from '../../../k8s/models';
import type { DataVolume, Namespace, PersistentVolumeClaim } from '../../../k8s/types';
import { useWatchList } from '../../../k8s/use-watch';
import { listOrEmpty, type Watched } from '../../../k8s/watch-state';
import type { DataVolumeRow } from '../logic/dv-rows';
import { joinDataVolumeRows, type Cached } from './join-rows';

export interface DataVolumeListData {
  dataVolumes: Watched<DataVolume[]>;
  pvcs: Watched<PersistentVolumeClaim[]>;
  /** Failing first (see sortFailingFirst); empty until the DataVolumes loaded. */
  rows: DataVolumeRow[];
  /** The DataVolume of each row, by row key (namespace/name): the delete needs its uid. */
  byKey: ReadonlyMap<string, DataVolume>;
}

/**
 * The list's two watches: DataVolumes and PVCs, in one namespace or cluster-wide (namespace undefined).
 * Rows are built once the DataVolumes loaded; PVCs that cannot be read leave actual size and the applied
 * preallocation unknown (the page says so).
 */
export const useDataVolumeRows = (namespace: string | undefined): DataVolumeListData => {
  const dataVolumes = useWatchList<DataVolume>({ groupVersionKind: gvk(DataVolumeModel), namespace });
  const pvcs = useWatchList<PersistentVolumeClaim>({
    groupVersionKind: gvk(PersistentVolumeClaimModel),
    namespace,
  });
  // A per-page memo of rows (not state that renders): mutated by the join only.
  const [cache] = useState(() => new Map<string, Cached>());
  // Rows wait for the PVCs too (loaded, absent or unreadable): classes and sizes never show as the spec's
  // while the PVCs are still on their way.
  const dvData = dataVolumes.status === 'loaded' && pvcs.loaded ? dataVolumes.data : undefined;
  const pvcData = listOrEmpty(pvcs);
  const joined = useMemo(
    () => (dvData ? joinDataVolumeRows(dvData, pvcData, cache) : { rows: [], byKey: new Map() }),
    [dvData, pvcData, cache],
  );
  return useMemo(
    () => ({ dataVolumes, pvcs, rows: joined.rows, byKey: joined.byKey }),
    [dataVolumes, pvcs, joined],
  );
};

/** Namespace names for the filter; undefined while loading or when they may not be listed (text fallback). */
export const useNamespaceNames = (): string[] | undefined => {
  const list = useWatchList<Namespace>({ groupVersionKind: gvk(NamespaceModel) });
  return useMemo(
    () =>
      list.status === 'loaded'
        ? (list.data ?? [])
            .map((n) => n.metadata?.name ?? '')
            .filter(Boolean)
            .sort()
        : undefined,
    [list],
  );
};
