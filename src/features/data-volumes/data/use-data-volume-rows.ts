import { useMemo, useState } from 'react';
import { DataVolumeModel, gvk, NamespaceModel, PersistentVolumeClaimModel } from '../../../k8s/models';
import type { DataVolume, Namespace, PersistentVolumeClaim } from '../../../k8s/types';
import { useWatchList } from '../../../k8s/use-watch';
import { listOrEmpty, type Watched } from '../../../k8s/watch-state';
import { sortFailingFirst, toDataVolumeRow, type DataVolumeRow } from '../logic/dv-rows';

export interface DataVolumeListData {
  dataVolumes: Watched<DataVolume[]>;
  pvcs: Watched<PersistentVolumeClaim[]>;
  /** Failing first (see sortFailingFirst); empty until the DataVolumes loaded. */
  rows: DataVolumeRow[];
  /** The DataVolume of each row, by row key (namespace/name): the delete needs its uid. */
  byKey: ReadonlyMap<string, DataVolume>;
}

interface Cached {
  dv: DataVolume;
  pvc: PersistentVolumeClaim | undefined;
  row: DataVolumeRow;
}

/**
 * Rows from DataVolumes joined with their PVCs in one pass. A row object is reused while its DataVolume and PVC
 * objects are the same ones (the SDK keeps unchanged objects identical across watch flushes), so a running
 * import re-renders its own row, not the page.
 */
export const joinDataVolumeRows = (
  dvs: readonly DataVolume[],
  pvcs: readonly PersistentVolumeClaim[] | undefined,
  cache: Map<string, Cached>,
): { rows: DataVolumeRow[]; byKey: Map<string, DataVolume> } => {
  const pvcIndex = new Map<string, PersistentVolumeClaim>();
  for (const pvc of pvcs ?? [])
    pvcIndex.set(`${pvc.metadata?.namespace ?? ''}/${pvc.metadata?.name ?? ''}`, pvc);
  const byKey = new Map<string, DataVolume>();
  const seen = new Set<string>();
  const rows: DataVolumeRow[] = [];
  for (const dv of dvs) {
    const ns = dv.metadata?.namespace ?? '';
    const key = `${ns}/${dv.metadata?.name ?? ''}`;
    const pvc = pvcIndex.get(`${ns}/${dv.status?.claimName || dv.metadata?.name || ''}`);
    const hit = cache.get(key);
    let row: DataVolumeRow;
    if (hit && hit.dv === dv && hit.pvc === pvc) row = hit.row;
    else {
      row = toDataVolumeRow(dv, pvc);
      cache.set(key, { dv, pvc, row });
    }
    seen.add(key);
    byKey.set(key, dv);
    rows.push(row);
  }
  if (cache.size > seen.size) for (const key of cache.keys()) if (!seen.has(key)) cache.delete(key);
  return { rows: sortFailingFirst(rows), byKey };
};

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
  const dvData = dataVolumes.status === 'loaded' ? dataVolumes.data : undefined;
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
