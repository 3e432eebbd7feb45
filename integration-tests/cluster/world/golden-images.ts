import type { K8sObject } from '../sim-api';
import { ANN_IMMEDIATE_BIND, clone, sha256Hex, type Json } from './util';
import { ANN_DICT_ENABLE } from './hco-admission';

/**
 * HCO's golden-image logic (controllers/handlers/golden-images): the built-in "common" templates and the
 * effective list HCO publishes in `status.dataImportCronTemplates` for SSP.
 */

export const ANN_ARCHITECTURES = 'ssp.kubevirt.io/dict.architectures';

interface CommonImage {
  name: string;
  dataSource: string;
  url: string;
  size: string;
  architectures: string;
}

/** The common images of an OpenShift Virtualization build (the upstream three plus the RHEL guest images). */
const COMMON_IMAGES: CommonImage[] = [
  {
    name: 'centos-stream10-image-cron',
    dataSource: 'centos-stream10',
    url: 'docker://quay.io/containerdisks/centos-stream:10',
    size: '10Gi',
    architectures: 'amd64,arm64,s390x',
  },
  {
    name: 'centos-stream9-image-cron',
    dataSource: 'centos-stream9',
    url: 'docker://quay.io/containerdisks/centos-stream:9',
    size: '10Gi',
    architectures: 'amd64,arm64,s390x',
  },
  {
    name: 'fedora-image-cron',
    dataSource: 'fedora',
    url: 'docker://quay.io/containerdisks/fedora:latest',
    size: '5Gi',
    architectures: 'amd64,arm64,s390x',
  },
  {
    name: 'rhel10-image-cron',
    dataSource: 'rhel10',
    url: 'docker://registry.redhat.io/rhel10/rhel-guest-image:latest',
    size: '10Gi',
    architectures: 'amd64,arm64,s390x',
  },
  {
    name: 'rhel8-image-cron',
    dataSource: 'rhel8',
    url: 'docker://registry.redhat.io/rhel8/rhel-guest-image:latest',
    size: '10Gi',
    architectures: 'amd64',
  },
  {
    name: 'rhel9-image-cron',
    dataSource: 'rhel9',
    url: 'docker://registry.redhat.io/rhel9/rhel-guest-image:latest',
    size: '10Gi',
    architectures: 'amd64,arm64,s390x',
  },
];

export const COMMON_TEMPLATE_NAMES: readonly string[] = COMMON_IMAGES.map((i) => i.name);

/**
 * The DataSources SSP's template bundle names (the boot sources of the common VM templates): SSP keeps one of
 * each in its golden-images namespace, whether or not a cron imports it.
 */
export const BUNDLE_DATA_SOURCES: readonly string[] = COMMON_IMAGES.map((i) => i.dataSource);

export interface TemplateItem {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Json;
  status?: Json;
}

/** A common template as HCO holds it (with its `retentionPolicy`/`importsToKeep` additions). */
export function commonTemplate(name: string): TemplateItem | undefined {
  const image = COMMON_IMAGES.find((i) => i.name === name);
  if (!image) return undefined;
  return {
    metadata: {
      name: image.name,
      annotations: { [ANN_IMMEDIATE_BIND]: 'true', [ANN_ARCHITECTURES]: image.architectures },
    },
    spec: {
      garbageCollect: 'Outdated',
      importsToKeep: 1,
      managedDataSource: image.dataSource,
      retentionPolicy: 'None',
      schedule: '0 */12 * * *',
      template: {
        spec: {
          source: { registry: { url: image.url } },
          storage: { resources: { requests: { storage: image.size } } },
        },
      },
    },
  };
}

/** `"<minute> <hour>/12 * * *"`, chosen once per cluster; derived from the HC uid so it is stable. */
export function dataImportSchedule(seed: string): string {
  const h = parseInt(sha256Hex(seed).slice(0, 8), 16);
  return `${h % 60} ${Math.floor(h / 60) % 12}/12 * * *`;
}

export const isTemplateEnabled = (item: TemplateItem): boolean =>
  (item.metadata.annotations?.[ANN_DICT_ENABLE] ?? 'true').toLowerCase() !== 'false';

/**
 * The effective list for `status.dataImportCronTemplates`, sorted by name: enabled common templates (unless
 * `enableCommonBootImageImport` is false), customised commons with `modified`, then custom images.
 * With multi-arch on, the architecture list is cut to the workload nodes' architectures.
 */
export function effectiveTemplates(
  hc: K8sObject,
  schedule: string,
  workloadArchs: string[],
  now: string,
): TemplateItem[] {
  const spec = hc.spec ?? {};
  const userItems = (spec.dataImportCronTemplates ?? []) as TemplateItem[];
  const commonEnabled = spec.enableCommonBootImageImport !== false;
  const multiArch = spec.featureGates?.enableMultiArchBootImageImport === true;
  const out: TemplateItem[] = [];

  if (commonEnabled) {
    for (const name of COMMON_TEMPLATE_NAMES) {
      const common = commonTemplate(name)!;
      const user = userItems.find((i) => i.metadata?.name === name);
      if (user && !isTemplateEnabled(user)) continue;
      if (user?.spec) {
        const customised: TemplateItem = {
          metadata: {
            ...clone(user.metadata),
            annotations: { ...common.metadata.annotations, ...user.metadata.annotations },
          },
          spec: clone(user.spec),
          status: { commonTemplate: true, modified: true },
        };
        // customizeCommonDICT copies the common template's schedule, which ApplyDataImportSchedule has already
        // replaced by status.dataImportSchedule (golden_images.go:104-108, :218-220, :316-321, HCO v1.18.1).
        customised.spec!.schedule ||= schedule;
        out.push(customised);
      } else {
        common.spec!.schedule = schedule;
        if (spec.commonBootImageNamespace) common.metadata.namespace = spec.commonBootImageNamespace;
        common.status = { commonTemplate: true };
        out.push(common);
      }
    }
  }
  for (const user of userItems) {
    const name = user.metadata?.name;
    if (!name || COMMON_TEMPLATE_NAMES.includes(name) || !isTemplateEnabled(user) || !user.spec) continue;
    out.push({ metadata: clone(user.metadata), spec: clone(user.spec), status: {} });
  }
  if (multiArch) {
    const previous = (hc.status?.dataImportCronTemplates ?? []) as TemplateItem[];
    for (const item of out) {
      const before = previous.find((p) => p.metadata?.name === item.metadata.name)?.status?.conditions;
      applyArchitectures(item, workloadArchs, before, now);
    }
  }
  return out.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/**
 * setDataImportCronTemplateStatusMultiArch (golden_images.go:331-353): the annotation cut to the workload
 * architectures (empty when none is left, with condition Deployed=False). meta.SetStatusCondition stamps
 * lastTransitionTime; the previous status's time is kept so an unchanged list is not rewritten.
 */
function applyArchitectures(
  item: TemplateItem,
  workloadArchs: string[],
  before: { type: string; status: string; lastTransitionTime?: string }[] | undefined,
  now: string,
): void {
  const original = item.metadata.annotations?.[ANN_ARCHITECTURES];
  if (original === undefined) return;
  const supported = original.split(',').filter((a) => workloadArchs.includes(a.trim()));
  item.status = { ...item.status, originalSupportedArchitectures: original };
  item.metadata.annotations = { ...item.metadata.annotations, [ANN_ARCHITECTURES]: supported.join(',') };
  if (supported.length === 0) {
    const old = before?.find((c) => c.type === 'Deployed' && c.status === 'False');
    item.status.conditions = [
      {
        type: 'Deployed',
        status: 'False',
        reason: 'UnsupportedArchitectures',
        message: 'DataImportCronTemplate has no supported architectures for the current cluster',
        lastTransitionTime: old?.lastTransitionTime ?? now,
      },
    ];
  }
}

/** Items SSP deploys: everything in the effective list except those HCO marked as not deployable. */
export const deployableTemplates = (items: TemplateItem[]): TemplateItem[] =>
  items.filter(
    (i) =>
      !(i.status?.conditions ?? []).some(
        (c: { type: string; status: string }) => c.type === 'Deployed' && c.status === 'False',
      ),
  );
