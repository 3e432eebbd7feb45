import { hcoFeatureGate, hcoFieldName } from '../../../k8s/hco-paths';
import type { HyperConverged, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import type { BootSourceRow } from './boot-source-rows';
import { commonImportEnabled } from './template-edits';

/**
 * Cluster-level facts that decide whether any golden image can import, stated above the table: the
 * default classes boot sources fall back to, the profiles of the classes they import to, templates HCO
 * did not deploy, and the deprecated switch that does nothing.
 */

export type ClusterProblem =
  /** No virt default and no k8s default, and some source names no class: it cannot import. */
  | { id: 'no-default-class'; severity: 'danger'; sources: string[] }
  | { id: 'several-virt-defaults'; severity: 'warning'; classes: string[] }
  | { id: 'several-k8s-defaults'; severity: 'warning'; classes: string[] }
  /** A class boot sources import to has a profile without claim property sets. */
  | { id: 'incomplete-profile'; severity: 'danger'; className: string; sources: string[] }
  | { id: 'profile-missing'; severity: 'warning'; className: string; sources: string[] }
  | { id: 'not-deployed'; severity: 'info'; sources: string[] }
  /** `field`: where the switch that counts lives in the object's version (`spec.enableCommonBootImageImport`). */
  | { id: 'deprecated-gate'; severity: 'warning'; value: boolean; effective: boolean; field: string }
  | { id: 'common-off'; severity: 'info'; field: string }
  /** A class boot sources import to could keep them as snapshots: a VolumeSnapshotClass serves its driver. */
  | { id: 'snapshots-possible'; severity: 'info'; className: string; sources: string[] };

export interface ProblemInputs {
  hco: HyperConverged;
  rows: readonly BootSourceRow[];
  /** Undefined when StorageClasses could not be read: nothing is said about defaults then. */
  defaults?: { virt: string[]; k8s: string[] };
  /** Undefined when unreadable. */
  profiles?: readonly StorageProfile[];
  /** Undefined when unreadable. */
  snapshotClasses?: readonly VolumeSnapshotClass[];
}

const groupByClass = (rows: readonly BootSourceRow[]): Map<string, string[]> => {
  const byClass = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.enabled || row.health === 'not-deployed' || !row.storageClass) continue;
    byClass.set(row.storageClass, [...(byClass.get(row.storageClass) ?? []), row.name]);
  }
  return byClass;
};

export const findClusterProblems = ({
  hco,
  rows,
  defaults,
  profiles,
  snapshotClasses,
}: ProblemInputs): ClusterProblem[] => {
  const problems: ClusterProblem[] = [];
  const active = rows.filter((r) => r.enabled && r.health !== 'not-deployed');
  if (defaults) {
    const classless = active.filter((r) => !r.storageClassFromTemplate).map((r) => r.name);
    if (defaults.virt.length === 0 && defaults.k8s.length === 0 && classless.length > 0) {
      problems.push({ id: 'no-default-class', severity: 'danger', sources: classless });
    }
    if (defaults.virt.length > 1) {
      problems.push({ id: 'several-virt-defaults', severity: 'warning', classes: defaults.virt });
    }
    if (defaults.k8s.length > 1) {
      problems.push({ id: 'several-k8s-defaults', severity: 'warning', classes: defaults.k8s });
    }
  }
  if (profiles) {
    const profileByName = new Map(profiles.map((p) => [p.metadata?.name, p]));
    for (const [className, sources] of groupByClass(rows)) {
      const profile = profileByName.get(className);
      if (!profile) {
        problems.push({ id: 'profile-missing', severity: 'warning', className, sources });
        continue;
      }
      if ((profile.status?.claimPropertySets ?? []).length === 0) {
        problems.push({ id: 'incomplete-profile', severity: 'danger', className, sources });
        continue;
      }
      const format = profile.spec?.dataImportCronSourceFormat ?? profile.status?.dataImportCronSourceFormat;
      const driver = profile.status?.provisioner;
      if (format !== 'snapshot' && driver && snapshotClasses?.some((vsc) => vsc.driver === driver)) {
        problems.push({ id: 'snapshots-possible', severity: 'info', className, sources });
      }
    }
  }
  const notDeployed = rows.filter((r) => r.health === 'not-deployed').map((r) => r.name);
  if (notDeployed.length > 0) problems.push({ id: 'not-deployed', severity: 'info', sources: notDeployed });
  // v1 has no form of this deprecated gate (HCO converts supported gates only), so it shows in v1beta1 only.
  const gate = hcoFeatureGate(hco, 'enableCommonBootImageImport');
  const effective = commonImportEnabled(hco);
  const field = hcoFieldName('enableCommonBootImageImport', hco);
  if (typeof gate === 'boolean') {
    problems.push({ id: 'deprecated-gate', severity: 'warning', value: gate, effective, field });
  }
  if (!effective) problems.push({ id: 'common-off', severity: 'info', field });
  return problems;
};
