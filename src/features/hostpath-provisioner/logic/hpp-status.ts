import type { K8sCondition } from '../../../k8s/types';
import type { HostPathProvisioner } from './hpp-types';

/**
 * Which HostPathProvisioner the page shows and how healthy the operator says it is.
 *
 * The operator reconciles nothing while more than one CR exists ("there should be a single hostpath
 * provisioner", hostpath-provisioner-operator v0.25.2 pkg/controller/hostpathprovisioner/controller.go:347-351).
 * Its conditions come in the combinations of cr.go:34-153 (openshift custom-resource-status types):
 *   healthy   Available=True  Progressing=False Degraded=False  (reason Complete, "Application Available")
 *   deploying Available=False Progressing=True  Degraded=False  (DeployStarted)
 *   upgrading Available=True  Progressing=True  Degraded=True   (UpgradeStarted)
 *   healing   Available=False Progressing=True  Degraded=True   (e.g. StoragePoolNotReady: a pool PVC not Bound)
 *   failed    Available=False Progressing=False Degraded=True   (Degraded: "CR is deployed but DaemonSets are not ready")
 * Other combinations are not written by v0.25.2 but are classified rather than hidden.
 */

export type HealthState =
  /** No conditions yet: the operator has not reconciled the CR (or is not running). */
  | 'unknown'
  | 'healthy'
  | 'deploying'
  /** Available and still progressing, not degraded. */
  | 'progressing'
  | 'upgrading'
  | 'healing'
  /** Available but degraded, not progressing. */
  | 'degraded'
  | 'failed'
  /** Not available, neither progressing nor degraded. */
  | 'unavailable';

export interface ProvisionerHealth {
  state: HealthState;
  /** The condition that explains the state (Degraded when true, else Progressing when true, else Available). */
  reason?: string;
  message?: string;
  available?: K8sCondition;
  progressing?: K8sCondition;
  degraded?: K8sCondition;
  /** status.observedVersion / targetVersion / operatorVersion, as reported. */
  versions: { observed?: string; target?: string; operator?: string };
}

export type ProvisionerSummary =
  /** The list could not be read: never "not installed". */
  | { state: 'unknown' }
  | { state: 'none' }
  | { state: 'one'; cr: HostPathProvisioner; health: ProvisionerHealth }
  /** The operator stops reconciling: the admin must delete all but one. */
  | { state: 'several'; names: string[] };

const find = (conditions: readonly K8sCondition[], type: string) => conditions.find((c) => c.type === type);
const isTrue = (c: K8sCondition | undefined) => c?.status === 'True';

const stateOf = (available: boolean, progressing: boolean, degraded: boolean): HealthState => {
  if (degraded) {
    if (progressing) return available ? 'upgrading' : 'healing';
    return available ? 'degraded' : 'failed';
  }
  if (available) return progressing ? 'progressing' : 'healthy';
  return progressing ? 'deploying' : 'unavailable';
};

export const provisionerHealth = (cr: HostPathProvisioner): ProvisionerHealth => {
  const conditions = cr.status?.conditions ?? [];
  const versions = {
    observed: cr.status?.observedVersion || undefined,
    target: cr.status?.targetVersion || undefined,
    operator: cr.status?.operatorVersion || undefined,
  };
  if (conditions.length === 0) return { state: 'unknown', versions };
  const available = find(conditions, 'Available');
  const progressing = find(conditions, 'Progressing');
  const degraded = find(conditions, 'Degraded');
  const state = stateOf(isTrue(available), isTrue(progressing), isTrue(degraded));
  // The operator puts reason and message on the condition that changed (cr.go): show that one.
  const explaining = isTrue(degraded) ? degraded : isTrue(progressing) ? progressing : available;
  return {
    state,
    ...(explaining?.reason ? { reason: explaining.reason } : {}),
    ...(explaining?.message ? { message: explaining.message } : {}),
    available,
    progressing,
    degraded,
    versions,
  };
};

/** `crs` is the listed HostPathProvisioners, or undefined when the list could not be read. */
export const summarizeProvisioner = (crs: readonly HostPathProvisioner[] | undefined): ProvisionerSummary => {
  if (crs === undefined) return { state: 'unknown' };
  if (crs.length === 0) return { state: 'none' };
  if (crs.length > 1) {
    return { state: 'several', names: crs.map((cr) => cr.metadata?.name ?? '').sort() };
  }
  return { state: 'one', cr: crs[0], health: provisionerHealth(crs[0]) };
};
