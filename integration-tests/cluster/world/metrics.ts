import type { K8sObject, SimStore } from '../sim-api';
import { UNSUPPORTED_PROVISIONERS } from './cdi-storage-capabilities';
import { listIfServed, scan } from './util';

/**
 * The metrics a Prometheus scrapes in a cluster with CDI and HCO, computed from the simulated world on every
 * scrape (GET /metrics on the simulator). In a cluster they come from several endpoints: CDI's controller
 * (cdi-deployment) and operator, HCO's operator and kube-state-metrics; the simulator is the whole cluster, so
 * one endpoint serves them all. Upstream keeps gauges in memory and sets them as it reconciles; here every value
 * is derived from the objects the controllers would have reconciled, so nothing is remembered between scrapes.
 *
 * Sources (CDI v1.65.0, HCO v1.18.1):
 * - kubevirt_cdi_storageprofile_info: pkg/controller/storageprofile-controller.go:425-465 computeMetrics
 *   (isIncomplete :626-638, hasRWX :640-649, hasSmartClone :468-494), labels
 *   pkg/monitoring/metrics/cdi-controller/storageprofile.go.
 * - kubevirt_cdi_dataimportcron_outdated: pkg/controller/dataimportcron-conditions.go:56-70.
 * - kubevirt_cdi_datavolume_pending: pkg/controller/datavolume/controller-base.go:425-455.
 * - kubevirt_cdi_cr_ready: pkg/operator/controller/controller.go:248-254 (SetInit -1 at start, :87).
 * - kube_pod_container_status_restarts_total: kube-state-metrics (what CDI's restart recording rules read,
 *   pkg/monitoring/rules/recordingrules/pods.go).
 * - HCO: pkg/monitoring/hyperconverged/metrics/operator_metrics.go and collectors/operator_collectors.go; set in
 *   controllers/hyperconverged/hyperconverged_controller.go:517-524 (cr_exists), :971 (system health), :985-999
 *   (unsafe modifications), controllers/operandhandler/operandHandler.go:224-231 (out-of-band counter),
 *   controllers/handlers/golden-images/golden_images.go:76-97 (DataImportCronTemplate architectures).
 */

export type MetricType = 'gauge' | 'counter';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

const ANN_DEFAULT_SC = 'storageclass.kubernetes.io/is-default-class';
const ANN_DEFAULT_VIRT_SC = 'storageclass.kubevirt.io/is-default-virt-class';
/** cc.AnnAPIGroup + "/storage.import.storageClass" (dataimportcron-controller.go:102). */
const ANN_CRON_STORAGE_CLASS = 'cdi.kubevirt.io/storage.import.storageClass';
/** HCO's JSONPatchAnnotationNames (hyperconverged_controller.go:100-105, controllers/common/consts.go:10-13). */
export const HCO_JSONPATCH_ANNOTATIONS = [
  'kubevirt.kubevirt.io/jsonpatch',
  'containerizeddataimporter.kubevirt.io/jsonpatch',
  'networkaddonsconfigs.kubevirt.io/jsonpatch',
  'ssp.kubevirt.io/jsonpatch',
];

const bool = (b: boolean) => (b ? 'true' : 'false');
const isTrue = (conditions: unknown, type: string) =>
  Array.isArray(conditions) &&
  conditions.some((c: { type?: string; status?: string }) => c?.type === type && c.status === 'True');
const conditionStatus = (conditions: unknown, type: string): string | undefined =>
  Array.isArray(conditions)
    ? (conditions as { type?: string; status?: string }[]).find((c) => c?.type === type)?.status
    : undefined;

interface ClaimPropertySet {
  accessModes?: string[];
  volumeMode?: string;
}

function storageProfileInfo(store: SimStore): Sample[] {
  const classes = new Map(scan(store, 'StorageClass').map((sc) => [sc.metadata.name, sc]));
  const snapshotDrivers = new Set(listIfServed(store, 'VolumeSnapshotClass').map((v) => v.driver as string));
  const csiDrivers = new Set(listIfServed(store, 'CSIDriver').map((d) => d.metadata.name));
  // isSNO: the OpenShift Infrastructure "cluster" with single-replica control plane and infrastructure.
  const infra = listIfServed(store, 'Infrastructure').find((i) => i.metadata.name === 'cluster');
  const isSNO =
    infra?.status?.controlPlaneTopology === 'SingleReplica' &&
    infra?.status?.infrastructureTopology === 'SingleReplica';
  const samples: Sample[] = [];
  for (const profile of scan(store, 'StorageProfile')) {
    const storageClass: string | undefined = profile.status?.storageClass;
    const provisioner: string | undefined = profile.status?.provisioner;
    const sc = storageClass === undefined ? undefined : classes.get(storageClass);
    // No status yet, or the class is gone (deleteStorageProfile deletes the series): no sample.
    if (storageClass === undefined || provisioner === undefined || !sc) continue;
    const sets: ClaimPropertySet[] = profile.status?.claimPropertySets ?? [];
    const incomplete = !sets.length || sets.some((s) => !s.accessModes?.length || !s.volumeMode);
    const isComplete = UNSUPPORTED_PROVISIONERS.has(provisioner) || !incomplete;
    const isRWX = sets.some((s) => s.accessModes?.includes('ReadWriteMany'));
    const strategy: string | undefined = profile.status?.cloneStrategy;
    const isSmartClone =
      strategy === 'copy'
        ? false
        : strategy === 'csi-clone'
          ? csiDrivers.has(provisioner)
          : snapshotDrivers.has(provisioner); // no strategy, or "snapshot"
    samples.push({
      labels: {
        storageclass: storageClass,
        provisioner,
        complete: bool(isComplete),
        default: bool(sc.metadata.annotations?.[ANN_DEFAULT_SC] === 'true'),
        virtdefault: bool(sc.metadata.annotations?.[ANN_DEFAULT_VIRT_SC] === 'true'),
        rwx: bool(isRWX),
        smartclone: bool(isSmartClone),
        degraded: bool((!isSNO && !isRWX) || !isSmartClone),
      },
      value: 1,
    });
  }
  return samples;
}

/** GetStorageClassFromDVSpec(dv) == nil (pkg/controller/common/util.go:520-535). */
const usesDefaultStorageClass = (spec: {
  pvc?: { storageClassName?: string };
  storage?: { storageClassName?: string };
}) => (spec?.pvc ? spec.pvc.storageClassName : spec?.storage?.storageClassName) == null;

function dataImportCronOutdated(store: SimStore): Sample[] {
  const samples: Sample[] = [];
  for (const cron of scan(store, 'DataImportCron')) {
    // Set whenever CDI writes the UpToDate condition; no condition yet, no series.
    const status = conditionStatus(cron.status?.conditions, 'UpToDate');
    if (status === undefined) continue;
    const upToDate = status === 'True';
    const pending =
      !upToDate &&
      cron.metadata.annotations?.[ANN_CRON_STORAGE_CLASS] === undefined &&
      usesDefaultStorageClass(cron.spec?.template?.spec);
    samples.push({
      labels: {
        namespace: cron.metadata.namespace ?? '',
        cron_name: cron.metadata.name ?? '',
        pending: bool(pending),
      },
      value: upToDate ? 0 : 1,
    });
  }
  return samples;
}

/** DataVolumes in phase Pending or unset that use the default StorageClass (getDefaultStorageClassDataVolumeCount). */
function dataVolumesPending(store: SimStore): number {
  let n = 0;
  for (const dv of scan(store, 'DataVolume')) {
    const phase = dv.status?.phase ?? '';
    if ((phase === 'Pending' || phase === '') && usesDefaultStorageClass(dv.spec)) n++;
  }
  return n;
}

/** 1 Available; 0 neither Available nor Progressing; else -1, the value SetInit gives before CDI is ready. */
function cdiReady(store: SimStore): number {
  const cdi = listIfServed(store, 'CDI')[0];
  if (!cdi) return -1;
  if (isTrue(cdi.status?.conditions, 'Available')) return 1;
  if (!isTrue(cdi.status?.conditions, 'Progressing')) return 0;
  return -1;
}

/** kube-state-metrics' restart counter for every container of every pod. */
function containerRestarts(store: SimStore): Sample[] {
  const samples: Sample[] = [];
  for (const pod of scan(store, 'Pod')) {
    for (const cs of (pod.status?.containerStatuses ?? []) as { name: string; restartCount?: number }[]) {
      samples.push({
        labels: {
          namespace: pod.metadata.namespace ?? '',
          pod: pod.metadata.name ?? '',
          uid: pod.metadata.uid ?? '',
          container: cs.name,
        },
        value: cs.restartCount ?? 0,
      });
    }
  }
  return samples;
}

const jsonPatchOps = (text: string): number => {
  try {
    const ops = JSON.parse(text);
    return Array.isArray(ops) ? ops.length : 0;
  } catch {
    return 0;
  }
};

const HEALTH: Record<string, number> = { healthy: 0, warning: 1, error: 2 };

function hcoFamilies(store: SimStore): MetricFamily[] {
  const hc: K8sObject | undefined = listIfServed(store, 'HyperConverged')[0];
  // Out-of-band modifications: HCO counts each "Overwritten <Kind> <name>" it emits (its Warning event on the
  // HyperConverged); the simulated HCO emits the same events, whose `count` sums repeats.
  const overwritten = new Map<string, number>();
  if (hc) {
    for (const e of scan(store, 'Event', hc.metadata.namespace)) {
      const involved = e.involvedObject as { kind?: string; name?: string } | undefined;
      if (e.reason !== 'Overwritten' || involved?.kind !== 'HyperConverged') continue;
      const m = /^Overwritten (\S+) (\S+)$/.exec((e.message as string) ?? '');
      if (!m) continue;
      const component = `${m[1]}/${m[2]}`.toLowerCase(); // getLabelsForObj
      overwritten.set(component, (overwritten.get(component) ?? 0) + ((e.count as number) ?? 1));
    }
  }
  const families: MetricFamily[] = [
    {
      name: 'kubevirt_hco_hyperconverged_cr_exists',
      help: 'Indicates whether the HyperConverged custom resource exists (1) or not (0)',
      type: 'gauge',
      samples: [{ labels: {}, value: hc ? 1 : 0 }],
    },
    {
      name: 'kubevirt_hco_out_of_band_modifications_total',
      help: 'Count of out-of-band modifications overwritten by HCO',
      type: 'counter',
      samples: [...overwritten].map(([component_name, value]) => ({ labels: { component_name }, value })),
    },
  ];
  if (!hc) return families;
  families.push(
    {
      name: 'kubevirt_hco_unsafe_modifications',
      help: 'Count of unsafe modifications in the HyperConverged annotations',
      type: 'gauge',
      samples: HCO_JSONPATCH_ANNOTATIONS.map((a) => ({
        labels: { annotation_name: a },
        value: jsonPatchOps(hc.metadata.annotations?.[a] ?? ''),
      })),
    },
    {
      name: 'kubevirt_hco_system_health_status',
      help: 'Indicates whether the system health status is healthy (0), warning (1), or error (2), by aggregating the conditions of HCO and its secondary resources',
      type: 'gauge',
      samples: [{ labels: {}, value: HEALTH[hc.status?.systemHealthStatus as string] ?? 0 }],
    },
  );
  // Only with the enableMultiArchBootImageImport feature gate (CheckDataImportCronTemplates).
  if (hc.spec?.featureGates?.enableMultiArchBootImageImport === true) {
    const dicts = (hc.status?.dataImportCronTemplates ?? []) as {
      metadata?: { name?: string };
      spec?: { managedDataSource?: string };
      status?: { originalSupportedArchitectures?: string; conditions?: unknown };
    }[];
    const labels = (d: (typeof dicts)[number]) => ({
      data_import_cron_name: (d.metadata?.name ?? '').toLowerCase(),
      managed_data_source_name: (d.spec?.managedDataSource ?? '').toLowerCase(),
    });
    const annotated = dicts.filter((d) => !!d.status?.originalSupportedArchitectures);
    families.push(
      {
        name: 'kubevirt_hco_dataimportcrontemplate_with_architecture_annotation',
        help: 'Indicates whether the DataImportCronTemplate has the ssp.kubevirt.io/dict.architectures annotation (1) or not (0)',
        type: 'gauge',
        samples: dicts.map((d) => ({
          labels: labels(d),
          value: d.status?.originalSupportedArchitectures ? 1 : 0,
        })),
      },
      {
        name: 'kubevirt_hco_dataimportcrontemplate_with_supported_architectures',
        help: 'Indicates whether the DataImportCronTemplate has supported architectures (1) or not (0)',
        type: 'gauge',
        samples: annotated.map((d) => ({
          labels: labels(d),
          value: conditionStatus(d.status?.conditions, 'Deployed') === 'False' ? 0 : 1,
        })),
      },
    );
  }
  // kubevirt_hco_multi_arch_boot_images_enabled: only on a cluster whose nodes run more than one architecture
  // (operator_collectors.go:41-45) and with DataImportCronTemplates in the status.
  const archs = new Set(
    scan(store, 'Node').map(
      (n) => n.metadata.labels?.['kubernetes.io/arch'] ?? n.status?.nodeInfo?.architecture,
    ),
  );
  archs.delete(undefined);
  if (archs.size > 1 && (hc.status?.dataImportCronTemplates ?? []).length > 0) {
    families.push({
      name: 'kubevirt_hco_multi_arch_boot_images_enabled',
      help: 'indicates if the Multi-Arch Boot Images feature is enabled (1) or not (0)',
      type: 'gauge',
      samples: [
        { labels: {}, value: hc.spec?.featureGates?.enableMultiArchBootImageImport === true ? 1 : 0 },
      ],
    });
  }
  return families;
}

/** Every metric family the simulated cluster exposes, from the store as it is now. */
export function computeMetrics(store: SimStore): MetricFamily[] {
  return [
    {
      name: 'kubevirt_cdi_storageprofile_info',
      help:
        '`StorageProfiles` info labels: `storageclass`, `provisioner`, `complete` indicates if all storage ' +
        "profiles recommended PVC settings are complete, `default` indicates if it's the Kubernetes default " +
        "storage class, `virtdefault` indicates if it's the default virtualization storage class, `rwx` " +
        'indicates if the storage class supports `ReadWriteMany`, `smartclone` indicates if it supports ' +
        'snapshot or CSI based clone, `degraded` indicates it is not optimal for virtualization',
      type: 'gauge',
      samples: storageProfileInfo(store),
    },
    {
      name: 'kubevirt_cdi_dataimportcron_outdated',
      help: 'DataImportCron has an outdated import',
      type: 'gauge',
      samples: dataImportCronOutdated(store),
    },
    {
      name: 'kubevirt_cdi_datavolume_pending',
      help: 'Number of DataVolumes pending for default storage class to be configured',
      type: 'gauge',
      samples: [{ labels: {}, value: dataVolumesPending(store) }],
    },
    {
      name: 'kubevirt_cdi_cr_ready',
      help: 'CDI install ready',
      type: 'gauge',
      samples: [{ labels: {}, value: cdiReady(store) }],
    },
    {
      name: 'kube_pod_container_status_restarts_total',
      help: 'The number of container restarts per container.',
      type: 'counter',
      samples: containerRestarts(store),
    },
    ...hcoFamilies(store),
  ];
}

const escapeHelp = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const formatValue = (v: number) =>
  Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);

/** Prometheus text exposition format 0.0.4. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function formatMetrics(families: MetricFamily[]): string {
  const out: string[] = [];
  for (const f of families) {
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      out.push(`${f.name}${labels ? `{${labels}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
