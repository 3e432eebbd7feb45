import { useMemo } from 'react';
import { DataVolumeModel, EventModel, gvk, PersistentVolumeClaimModel, PodModel } from '../../../k8s/models';
import type { DataVolume, K8sEvent, PersistentVolumeClaim, Pod } from '../../../k8s/types';
import { useWatchList, useWatchObject } from '../../../k8s/use-watch';
import type { Watched } from '../../../k8s/watch-state';
import { relatedEvents, relatedNames, workerPods, type DataVolumeRelated } from './details-logic';

export interface DataVolumeDetails {
  dataVolume: Watched<DataVolume>;
  pvc: Watched<PersistentVolumeClaim>;
  events: Watched<K8sEvent[]>;
  pods: Watched<Pod[]>;
  related: DataVolumeRelated | undefined;
  /** Newest first; undefined while the events (or the DataVolume) are not loaded. */
  relatedEvents: K8sEvent[] | undefined;
  workerPods: Pod[] | undefined;
}

// CDI's worker pods carry `app: containerized-data-importer` (pkg/common/common.go:16-50).
const CDI_POD_SELECTOR = { matchLabels: { app: 'containerized-data-importer' } };

/**
 * Four watches: the DataVolume, its PVC, the namespace's events (the SDK's watches take label selectors only,
 * so events are filtered here) and the namespace's CDI pods.
 */
export const useDataVolumeDetails = (namespace: string, name: string): DataVolumeDetails => {
  const dataVolume = useWatchObject<DataVolume>({ groupVersionKind: gvk(DataVolumeModel), namespace, name });
  const dv = dataVolume.status === 'loaded' ? dataVolume.data : undefined;
  const pvcName = dv?.status?.claimName || name;
  const pvc = useWatchObject<PersistentVolumeClaim>({
    groupVersionKind: gvk(PersistentVolumeClaimModel),
    namespace,
    name: pvcName,
  });
  const events = useWatchList<K8sEvent>({ groupVersionKind: gvk(EventModel), namespace });
  const pods = useWatchList<Pod>({ groupVersionKind: gvk(PodModel), namespace, selector: CDI_POD_SELECTOR });
  const pvcData = pvc.status === 'loaded' ? pvc.data : undefined;
  const related = useMemo(() => (dv ? relatedNames(dv, pvcData) : undefined), [dv, pvcData]);
  const eventData = events.status === 'loaded' ? events.data : undefined;
  const podData = pods.status === 'loaded' ? pods.data : undefined;
  const evs = useMemo(
    () => (dv && related && eventData ? relatedEvents(eventData, dv, related) : undefined),
    [dv, related, eventData],
  );
  const wp = useMemo(
    () => (related && podData ? workerPods(podData, related) : undefined),
    [related, podData],
  );
  return { dataVolume, pvc, events, pods, related, relatedEvents: evs, workerPods: wp };
};
