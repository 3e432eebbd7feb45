import { translatable } from '../k8s/translatable';
import type { FindingId, HealthPage, Impact } from './types';

/**
 * What each rule is, independent of the cluster: the upstream alert it mirrors, its impact, the pages it
 * concerns, and what it reads. Impact follows the alert's `severity` label (CDI v1.65.0
 * pkg/monitoring/rules/alerts/operator.go, HCO v1.18.1 pkg/monitoring/hyperconverged/rules/alerts/
 * operator_alerts.go, HPP operator v0.25.2 pkg/monitoring/rules/alerts/operator.go).
 */

/** The inputs a rule reads (keys of `HealthInputs`); the hook opens a watch only for the inputs it needs. */
export type HealthInputKey =
  | 'storageProfiles'
  | 'storageClasses'
  | 'dataImportCrons'
  | 'dataVolumes'
  | 'cdis'
  | 'hostPathProvisioners'
  | 'hyperConverged'
  | 'hcoEvents'
  | 'volumeSnapshotClasses'
  | 'csiDrivers'
  | 'infrastructures';

/** The name an unchecked rule gives for an input it could not read (English: it is an API kind). */
export const INPUT_NAMES: Record<HealthInputKey, string> = {
  storageProfiles: 'StorageProfiles',
  storageClasses: 'StorageClasses',
  dataImportCrons: 'DataImportCrons',
  dataVolumes: 'DataVolumes',
  cdis: 'CDI',
  hostPathProvisioners: 'HostPathProvisioners',
  hyperConverged: 'HyperConverged',
  hcoEvents: 'Events',
  volumeSnapshotClasses: 'VolumeSnapshotClasses',
  csiDrivers: 'CSIDrivers',
  infrastructures: 'Infrastructure',
};

export interface RuleMeta {
  alert: string;
  impact: Impact;
  /** Pages whose header shows the finding ('overview' shows every finding and is not listed). */
  pages: HealthPage[];
  /** Inputs without which the rule cannot say anything. */
  inputs: HealthInputKey[];
  /**
   * Inputs the rule uses when it can: while one loads the rule waits; when one cannot be read the rule
   * still reports what it can decide without it (else it is unchecked with that input's name).
   */
  optionalInputs?: HealthInputKey[];
}

/** The rules in their display order within one impact (the order of `FindingId` in types.ts). */
export const FINDING_ORDER: readonly FindingId[] = [
  'cdi-not-ready',
  'no-default-class',
  'default-class-degraded',
  'multiple-virt-defaults',
  'profiles-incomplete',
  'boot-sources-failing',
  'boot-sources-outdated',
  'golden-images-unsupported-arch',
  'datavolumes-restarting',
  'hpp-degraded',
  'cdi-modified',
];

export const IMPACT_ORDER: readonly Impact[] = ['critical', 'warning', 'info'];

export const RULES: Record<FindingId, RuleMeta> = {
  'cdi-not-ready': {
    alert: 'CDINotReady',
    impact: 'critical',
    pages: ['overview', 'storage-settings', 'storage-profiles', 'boot-sources', 'data-volumes'],
    inputs: ['cdis'],
  },
  'no-default-class': {
    alert: 'CDINoDefaultStorageClass',
    impact: 'warning',
    pages: ['overview', 'storage-settings', 'boot-sources', 'data-volumes'],
    inputs: ['storageClasses', 'dataVolumes'],
  },
  'default-class-degraded': {
    alert: 'CDIDefaultStorageClassDegraded',
    impact: 'warning',
    pages: ['overview', 'storage-settings', 'storage-profiles'],
    inputs: ['storageClasses', 'storageProfiles'],
    optionalInputs: ['volumeSnapshotClasses', 'csiDrivers', 'infrastructures'],
  },
  'multiple-virt-defaults': {
    alert: 'CDIMultipleDefaultVirtStorageClasses',
    impact: 'warning',
    pages: ['overview', 'storage-settings', 'storage-profiles', 'boot-sources'],
    inputs: ['storageClasses'],
  },
  'profiles-incomplete': {
    alert: 'CDIStorageProfilesIncomplete',
    impact: 'info',
    pages: ['overview', 'storage-profiles'],
    inputs: ['storageProfiles'],
  },
  'boot-sources-failing': {
    // Not an upstream alert: the closest one (and its runbook) is CDIDataImportCronOutdated.
    alert: 'CDIDataImportCronOutdated',
    impact: 'warning',
    pages: ['overview', 'boot-sources', 'data-volumes'],
    inputs: ['dataImportCrons', 'dataVolumes'],
  },
  'boot-sources-outdated': {
    alert: 'CDIDataImportCronOutdated',
    impact: 'warning',
    pages: ['overview', 'boot-sources'],
    inputs: ['dataImportCrons'],
    // Only to leave out the crons boot-sources-failing reports.
    optionalInputs: ['dataVolumes'],
  },
  'golden-images-unsupported-arch': {
    alert: 'HCOGoldenImageWithNoSupportedArchitecture',
    impact: 'warning',
    pages: ['overview', 'boot-sources'],
    inputs: ['hyperConverged'],
  },
  'datavolumes-restarting': {
    alert: 'CDIDataVolumeUnusualRestartCount',
    impact: 'warning',
    pages: ['overview', 'data-volumes'],
    inputs: ['dataVolumes'],
  },
  'hpp-degraded': {
    // HPPNotReady: severity warning (operator_health_impact critical).
    alert: 'HPPNotReady',
    impact: 'warning',
    pages: ['overview', 'hostpath-provisioner'],
    inputs: ['hostPathProvisioners'],
  },
  'cdi-modified': {
    alert: 'KubeVirtCRModified',
    impact: 'warning',
    pages: ['overview', 'storage-settings'],
    inputs: ['hyperConverged', 'hcoEvents'],
  },
};

export const runbookUrl = (alert: string): string => `https://kubevirt.io/monitoring/runbooks/${alert}`;

/** The rules a page shows (every rule for the overview). */
export const rulesForPage = (page: HealthPage = 'overview'): FindingId[] =>
  FINDING_ORDER.filter((id) => page === 'overview' || RULES[id].pages.includes(page));

/** The inputs a set of rules reads (the hook watches only these). */
export const inputsForRules = (ids: readonly FindingId[]): Set<HealthInputKey> =>
  new Set(ids.flatMap((id) => [...RULES[id].inputs, ...(RULES[id].optionalInputs ?? [])]));

/**
 * Title and "why it matters for VMs", per rule; the renderer translates them with `t(text)`.
 */
export const FINDING_TEXT: Record<FindingId, { title: string; explanation: string }> = {
  'cdi-not-ready': {
    title: translatable('CDI is not ready'),
    explanation: translatable(
      'CDI imports, clones and uploads every VM disk; while it is not available, new VM disks and boot sources are not created.',
    ),
  },
  'no-default-class': {
    title: translatable('No default storage class, and DataVolumes are waiting for one'),
    explanation: translatable(
      'DataVolumes and VM disks that name no storage class stay Pending until a default or virtualization default storage class exists.',
    ),
  },
  'default-class-degraded': {
    title: translatable('The default storage classes are degraded for virtualization'),
    explanation: translatable(
      'Without ReadWriteMany, VMs on the default class cannot live migrate; without smart clone, every VM created from a boot source is copied through a pod, which is slow.',
    ),
  },
  'multiple-virt-defaults': {
    title: translatable('More than one default storage class for virtualization'),
    explanation: translatable(
      'CDI uses only the newest of them, so VM disks and boot sources may land on a class other than the one you expect.',
    ),
  },
  'profiles-incomplete': {
    title: translatable('Storage profiles are incomplete'),
    explanation: translatable(
      'CDI cannot tell the access and volume modes of these classes, so DataVolumes and VM disks on them fail unless each one sets the modes itself.',
    ),
  },
  'boot-sources-failing': {
    title: translatable('Boot sources failing to import'),
    explanation: translatable(
      'These boot sources have never imported successfully, so VMs cannot be created from their templates.',
    ),
  },
  'boot-sources-outdated': {
    title: translatable('Boot sources are outdated'),
    explanation: translatable(
      'For at least 15 minutes these boot sources have not matched their source (a newer image was not imported, or the source cannot be read), so new VMs may boot from an old image.',
    ),
  },
  'golden-images-unsupported-arch': {
    title: translatable('Golden images not deployed for this cluster’s architectures'),
    explanation: translatable(
      'None of the architectures these golden images are built for match the cluster’s workload nodes, so they are not imported and their templates have no boot source.',
    ),
  },
  'datavolumes-restarting': {
    title: translatable('DataVolumes restarting'),
    explanation: translatable(
      'The import, upload or clone pod of these DataVolumes restarted more than 3 times: it is probably failing and the VM disk will not become ready.',
    ),
  },
  'hpp-degraded': {
    title: translatable('The hostpath provisioner is not ready'),
    explanation: translatable(
      'VM disks on hostpath provisioner storage classes cannot be provisioned or attached while it is not available.',
    ),
  },
  'cdi-modified': {
    title: translatable('Changes to the CDI resource were reverted'),
    explanation: translatable(
      'The HyperConverged operator owns the CDI resource and puts back any direct edit; make storage changes through the HyperConverged resource (the storage settings page) instead.',
    ),
  },
};
