import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import type {
  CDI,
  DataImportCron,
  DataVolume,
  HostPathProvisioner,
  HyperConverged,
  K8sCondition,
  K8sEvent,
  StorageClass,
  StorageProfile,
  VolumeSnapshotClass,
} from '../../k8s/types';
import type { HealthInputKey } from '../catalog';
import type { ClusterInfrastructure, FindingObject, FixLink } from '../types';

/**
 * What a rule sees: every input it declared, read. A required input is always a list (an API that is not
 * served is empty); an optional input is undefined when it could not be read (forbidden or error).
 */
export interface RuleData {
  storageProfiles: StorageProfile[];
  storageClasses: StorageClass[];
  dataImportCrons: DataImportCron[];
  dataVolumes: DataVolume[];
  cdis: CDI[];
  hostPathProvisioners: HostPathProvisioner[];
  /** The HyperConverged the operator reconciles; [] when OpenShift Virtualization is not installed. */
  hyperConverged: HyperConverged[];
  hcoEvents: K8sEvent[];
  volumeSnapshotClasses?: VolumeSnapshotClass[];
  csiDrivers?: K8sResourceCommon[];
  infrastructures?: ClusterInfrastructure[];
  now: number;
}

/**
 * A rule's answer: null when clean; the objects (and the finding's own fix) when it fires; `undetermined`
 * when only an optional input that could not be read would decide (the rule is then unchecked).
 */
export type RuleOutcome =
  null | { objects: FindingObject[]; fix?: FixLink } | { undetermined: HealthInputKey[] };

export type Rule = (data: RuleData) => RuleOutcome;

export const condition = (
  conditions: readonly K8sCondition[] | undefined,
  type: string,
): K8sCondition | undefined => conditions?.find((c) => c.type === type);

export const isConditionTrue = (conditions: readonly K8sCondition[] | undefined, type: string): boolean =>
  condition(conditions, type)?.status === 'True';

export const nameOf = (o: K8sResourceCommon): string => o.metadata?.name ?? '';
export const namespaceOf = (o: K8sResourceCommon): string | undefined => o.metadata?.namespace;

/** Objects sorted by name, then namespace (the UI paginates; nothing is dropped). */
export const sortObjects = (objects: FindingObject[]): FindingObject[] =>
  [...objects].sort(
    (a, b) =>
      a.name.localeCompare(b.name) ||
      (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
      a.kind.localeCompare(b.kind),
  );

/** `Date.parse`, undefined for a missing or malformed timestamp. */
export const parseTime = (t: string | undefined): number | undefined => {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
};
