import type { HyperConvergedLookup } from '../k8s/hyperconverged';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import type {
  CDI,
  DataImportCron,
  DataVolume,
  HostPathProvisioner,
  K8sEvent,
  StorageClass,
  StorageProfile,
  VolumeSnapshotClass,
} from '../k8s/types';
import type { Watched } from '../k8s/watch-state';

/**
 * Storage health findings: the conditions behind CDI's and HCO's alerts (api-facts 9), computed live from
 * the API. Pure data; `src/health/findings.ts` computes them, the overview page and the other pages'
 * summary cards render them.
 */

/** One finding per rule; the id is stable (tests, anchors, summary cards). */
export type FindingId =
  | 'cdi-not-ready'
  | 'no-default-class'
  | 'default-class-degraded'
  | 'multiple-virt-defaults'
  | 'profiles-incomplete'
  | 'boot-sources-failing'
  | 'boot-sources-outdated'
  | 'golden-images-unsupported-arch'
  | 'datavolumes-restarting'
  | 'hpp-degraded'
  | 'cdi-modified';

/** Impact order: critical before warning before info (the overview sorts by it, then by rule order). */
export type Impact = 'critical' | 'warning' | 'info';

/** The plugin pages a finding concerns (their headers show a summary card for it). */
export type HealthPage =
  | 'overview'
  | 'storage-profiles'
  | 'boot-sources'
  | 'storage-settings'
  | 'hostpath-provisioner'
  | 'data-volumes';

/** Where the fix is: a route of the plugin (built with src/routes.ts builders) and what the link says. */
export interface FixLink {
  /** Translated by the renderer (`t(label)`); write it with `translatable('…')`. */
  label: string;
  href: string;
  /**
   * The write the fix needs: the renderer hides the fix from a user RBAC refuses (a viewer sees the
   * finding, no fix button).
   */
  requires?: {
    group: string;
    resource: string;
    verb: 'patch' | 'create' | 'delete';
    name?: string;
    namespace?: string;
  };
}

/** One object a finding is about, with the one-click fix for that object when there is one. */
export interface FindingObject {
  kind: string;
  name: string;
  namespace?: string;
  /** Why this object is in the finding, in English from the API (a condition message) or built here. */
  detail?: string;
  /**
   * Added: true when `detail` was built here with `translatable('…')` (render `t(detail, detailParams)`);
   * absent when it is a message from the API, shown verbatim (it may contain `:` or `{{`).
   */
  detailTranslatable?: boolean;
  /** Interpolation values of a translatable `detail`. */
  detailParams?: Record<string, string | number>;
  fix?: FixLink;
}

export interface Finding {
  id: FindingId;
  /** The upstream alert this finding mirrors, e.g. `CDIStorageProfilesIncomplete`. */
  alert: string;
  impact: Impact;
  objects: FindingObject[];
  /** The fix for the finding as a whole (e.g. the default-class switch); objects may carry their own. */
  fix?: FixLink;
  /** `https://kubevirt.io/monitoring/runbooks/<alert>` */
  runbookUrl: string;
  pages: HealthPage[];
}

/**
 * A rule that could not be evaluated because an input is loading, forbidden or failed: never shown as
 * "healthy". `inputs` names what could not be read (e.g. ['StorageProfiles']).
 */
export interface UncheckedRule {
  id: FindingId;
  alert: string;
  reason: 'loading' | 'forbidden' | 'error';
  inputs: string[];
}

export interface HealthReport {
  findings: Finding[];
  unchecked: UncheckedRule[];
  /** Rules evaluated and clean (for "N checks passed"). */
  passed: FindingId[];
}

/** What the rules read. Every list is a `Watched` so that unreadable stays distinguishable from empty. */
export interface HealthInputs {
  storageProfiles: Watched<StorageProfile[]>;
  storageClasses: Watched<StorageClass[]>;
  dataImportCrons: Watched<DataImportCron[]>;
  dataVolumes: Watched<DataVolume[]>;
  cdis: Watched<CDI[]>;
  hostPathProvisioners: Watched<HostPathProvisioner[]>;
  hyperConverged: HyperConvergedLookup;
  /** Events of the HyperConverged's namespace (HCO's `Overwritten` events for KubeVirtCRModified). */
  hcoEvents: Watched<K8sEvent[]>;
  /** Now, in ms since the epoch (time windows such as KubeVirtCRModified's 10 minutes). */
  now: number;
  /**
   * Added for default-class-degraded (CDI's `smartclone` label needs them, storageprofile-controller.go
   * hasSmartClone). Optional: when left out, a rule that needs one is unchecked ('loading').
   */
  volumeSnapshotClasses?: Watched<VolumeSnapshotClass[]>;
  /** storage.k8s.io/v1 CSIDrivers (only their names are read): csi-clone counts as smart clone only with one. */
  csiDrivers?: Watched<K8sResourceCommon[]>;
  /**
   * config.openshift.io/v1 Infrastructure (`cluster`): CDI does not require RWX on a single-node cluster
   * (both topologies `SingleReplica`). Not served (not OpenShift) = not single-node, as CDI does.
   */
  infrastructures?: Watched<ClusterInfrastructure[]>;
}

/** The fields of config.openshift.io/v1 Infrastructure the rules read. */
export interface ClusterInfrastructure extends K8sResourceCommon {
  status?: { controlPlaneTopology?: string; infrastructureTopology?: string };
}
