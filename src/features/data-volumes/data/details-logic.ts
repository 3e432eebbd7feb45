import type { DataVolume, K8sEvent, PersistentVolumeClaim, Pod } from '../../../k8s/types';

/**
 * What belongs to one DataVolume in its namespace (CDI v1.65.0, legacy path): its PVC (status.claimName, else
 * its name), the worker pods importer-<pvc> (import-controller.go:905-907) and cdi-upload-<pvc>
 * (upload-controller.go:750-752) or the names the PVC's annotations give, and the scratch PVC <pvc>-scratch
 * (import-controller.go:612-614).
 */
export interface DataVolumeRelated {
  pvcName: string;
  /** Pod names, same namespace. */
  podNames: string[];
  scratchPvcName: string;
}

const POD_NAME_ANNOTATIONS = [
  'cdi.kubevirt.io/storage.import.importPodName',
  'cdi.kubevirt.io/storage.uploadPodName',
  'cdi.kubevirt.io/storage.sourceClonePodName',
];

export const relatedNames = (dv: DataVolume, pvc?: PersistentVolumeClaim): DataVolumeRelated => {
  const pvcName = dv.status?.claimName || dv.metadata?.name || '';
  const podNames = new Set([`importer-${pvcName}`, `cdi-upload-${pvcName}`]);
  const ann = pvc?.metadata?.annotations ?? {};
  for (const key of POD_NAME_ANNOTATIONS) if (ann[key]) podNames.add(ann[key]);
  return { pvcName, podNames: [...podNames], scratchPvcName: `${pvcName}-scratch` };
};

export const eventTime = (e: K8sEvent): number => {
  const t = e.lastTimestamp || e.eventTime || e.firstTimestamp || e.metadata?.creationTimestamp;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
};

/**
 * The events of the DataVolume, its PVC, its scratch PVC and its worker pods, newest first. Matched by kind and
 * name (and the DataVolume's uid when the event carries one: a re-created DataVolume's old events are not its).
 */
export const relatedEvents = (
  events: readonly K8sEvent[],
  dv: DataVolume,
  related: DataVolumeRelated,
): K8sEvent[] => {
  const name = dv.metadata?.name;
  const uid = dv.metadata?.uid;
  const pods = new Set(related.podNames);
  const pvcs = new Set([related.pvcName, related.scratchPvcName]);
  return events
    .filter(({ involvedObject: o }) => {
      if (!o?.name) return false;
      if (o.kind === 'DataVolume') return o.name === name && (!o.uid || !uid || o.uid === uid);
      if (o.kind === 'PersistentVolumeClaim') return pvcs.has(o.name);
      if (o.kind === 'Pod') return pods.has(o.name);
      return false;
    })
    .sort((a, b) => eventTime(b) - eventTime(a));
};

/** The DataVolume's worker pods among the namespace's pods, by name. */
export const workerPods = (pods: readonly Pod[], related: DataVolumeRelated): Pod[] => {
  const names = new Set(related.podNames);
  return pods.filter((p) => names.has(p.metadata?.name ?? ''));
};

/** Restarts of a pod: the sum over its containers. */
export const podRestarts = (pod: Pod): number =>
  (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);

/** The source's location as a user reads it: URL, image, PVC or DataSource reference. */
export const sourceLocation = (dv: DataVolume): string | undefined => {
  const ref = dv.spec?.sourceRef;
  if (ref) return `${ref.kind} ${ref.namespace ?? dv.metadata?.namespace ?? ''}/${ref.name}`;
  const s = dv.spec?.source;
  if (!s) return undefined;
  if (s.http) return s.http.url;
  if (s.s3) return s.s3.url;
  if (s.gcs) return s.gcs.url;
  if (s.registry)
    return s.registry.url ?? (s.registry.imageStream ? `imageStream ${s.registry.imageStream}` : undefined);
  if (s.pvc) return `PersistentVolumeClaim ${s.pvc.namespace}/${s.pvc.name}`;
  if (s.snapshot) return `VolumeSnapshot ${s.snapshot.namespace}/${s.snapshot.name}`;
  return undefined;
};

/** The PVC's CDI annotations (cdi.kubevirt.io/*) apart from the rest (the user's, propagated from the DV). */
export const splitPvcAnnotations = (
  annotations: Readonly<Record<string, string>> | undefined,
): { cdi: [string, string][]; other: [string, string][] } => {
  const cdi: [string, string][] = [];
  const other: [string, string][] = [];
  for (const [k, v] of Object.entries(annotations ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    (k.startsWith('cdi.kubevirt.io/') ? cdi : other).push([k, v]);
  return { cdi, other };
};
