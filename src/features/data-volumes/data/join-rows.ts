import type { DataVolume, PersistentVolumeClaim } from '../../../k8s/types';
import { sortFailingFirst, toDataVolumeRow, type DataVolumeRow } from '../logic/dv-rows';

export interface Cached {
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
