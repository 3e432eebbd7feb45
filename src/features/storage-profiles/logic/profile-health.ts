import { lookupCapabilities } from '../../../k8s/storage-capabilities';
import type { CapabilityLookup } from '../../../k8s/storage-capabilities';
import type { CloneStrategy, StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { buildProfileRow, needsAttention, type ProfileRow } from './profile-list-logic';
import { isCloneStrategy } from '../../../k8s/storage-profile-values';
import type { InvalidSpecValue } from './spec-values';

export const CLONE_STRATEGY_ANNOTATION = 'cdi.kubevirt.io/clone-strategy';

/** Where the clone strategy CDI uses for this profile comes from, highest priority first (api-facts 2). */
export type CloneStrategySource = 'cdi-override' | 'admin' | 'storage-class' | 'cdi-table' | 'cdi-default';

export interface ProfileHealthInput {
  profile: StorageProfile;
  storageClass?: StorageClass;
  /** All VolumeSnapshotClasses in the cluster. */
  snapshotClasses: VolumeSnapshotClass[];
  /** `CDI.spec.cloneStrategyOverride`, which beats every per-profile setting. */
  cloneStrategyOverride?: string;
  /** Names of the cluster's CSIDrivers; undefined when they could not be read. */
  csiDriverNames?: string[];
  /** The StorageClass could not be read (not a 404): it is not reported missing. */
  storageClassUnknown?: boolean;
  /** VolumeSnapshotClasses could not be read (not a 404): snapshot advice cannot be given. */
  snapshotClassesUnknown?: boolean;
}

export interface ProfileHealth {
  /** The list's view of the profile: provisioner, Recognized, effective values, problems. */
  row: ProfileRow;
  capabilities: CapabilityLookup;
  unsupported: boolean;
  /** No claim property set: DataVolumes that omit accessModes are not provisioned. */
  incomplete: boolean;
  hasRwx: boolean;
  snapshotClassesForDriver: VolumeSnapshotClass[];
  effectiveCloneStrategy: CloneStrategy;
  cloneStrategySource: CloneStrategySource;
  /**
   * CDI can clone without copying through a pod (snapshot or CSI clone); undefined when it cannot be
   * determined because VolumeSnapshotClasses or CSIDrivers could not be read.
   */
  smartClone?: boolean;
  /**
   * CDI's "degraded for virtualization" label: no RWX (off single-node clusters) or no smart clone;
   * undefined when it cannot be determined.
   */
  degraded?: boolean;
  /** Spec values CDI does not accept (the CRD has no enum for them). */
  invalidSpecValues: InvalidSpecValue[];
  /** Whether the admin set any of the editable spec fields. */
  hasAdminOverrides: boolean;
  needsAttention: boolean;
}

export const snapshotClassesForDriver = (
  snapshotClasses: VolumeSnapshotClass[],
  driver: string | undefined,
): VolumeSnapshotClass[] => (driver ? snapshotClasses.filter((vsc) => vsc.driver === driver) : []);

/** The clone strategy CDI would use and why, following CDI's resolution order. */
export const resolveCloneStrategy = (
  input: ProfileHealthInput,
  capabilities: CapabilityLookup,
  hasSnapshotClass: boolean,
): { strategy: CloneStrategy; source: CloneStrategySource } => {
  const { profile, storageClass, cloneStrategyOverride } = input;
  if (isCloneStrategy(cloneStrategyOverride))
    return { strategy: cloneStrategyOverride, source: 'cdi-override' };
  if (isCloneStrategy(profile.spec?.cloneStrategy))
    return { strategy: profile.spec.cloneStrategy, source: 'admin' };
  const annotated = storageClass?.metadata?.annotations?.[CLONE_STRATEGY_ANNOTATION];
  if (isCloneStrategy(annotated)) return { strategy: annotated, source: 'storage-class' };
  const advised = capabilities.kind === 'known' ? capabilities.capabilities.cloneStrategy : undefined;
  if (advised && !(advised === 'snapshot' && !hasSnapshotClass))
    return { strategy: advised, source: 'cdi-table' };
  return { strategy: hasSnapshotClass ? 'snapshot' : 'copy', source: 'cdi-default' };
};

export function profileHealth(input: ProfileHealthInput): ProfileHealth {
  const { profile, storageClass, snapshotClasses } = input;
  const row = buildProfileRow(profile, storageClass, snapshotClasses, {
    storageClassesUnknown: input.storageClassUnknown,
    snapshotClassesUnknown: input.snapshotClassesUnknown,
  });
  const { provisioner } = row;
  const capabilities: CapabilityLookup = provisioner
    ? lookupCapabilities(provisioner, storageClass?.parameters, storageClass?.mountOptions)
    : { kind: 'unknown' };
  // For the advice below no-provisioner counts as unsupported too (CDI cannot clone local volumes smartly).
  const unsupported = row.problems.includes('unsupported');
  const notForCdiTable = unsupported || row.noProvisioner;
  const incomplete = row.problems.includes('incomplete');
  const hasRwx = row.claimPropertySets.some((s) => s.accessModes?.includes('ReadWriteMany'));
  const matching = snapshotClassesForDriver(snapshotClasses, provisioner);
  const resolved = resolveCloneStrategy(input, capabilities, matching.length > 0);
  // CDI's status is the truth for the profile; only the global override is applied later, at clone time.
  const reported = profile.status?.cloneStrategy;
  const strategy =
    resolved.source !== 'cdi-override' && isCloneStrategy(reported) ? reported : resolved.strategy;
  const source = resolved.source;
  // CDI counts csi-clone as smart only when a CSIDriver named like the provisioner exists.
  let smartClone: boolean | undefined = false;
  if (strategy === 'snapshot') smartClone = input.snapshotClassesUnknown ? undefined : matching.length > 0;
  else if (strategy === 'csi-clone')
    smartClone = input.csiDriverNames
      ? !!provisioner && input.csiDriverNames.includes(provisioner)
      : undefined;
  const spec = profile.spec ?? {};
  const hasAdminOverrides =
    (spec.claimPropertySets?.length ?? 0) > 0 ||
    !!spec.cloneStrategy ||
    !!spec.dataImportCronSourceFormat ||
    !!spec.snapshotClass;
  return {
    row,
    capabilities,
    unsupported,
    incomplete,
    hasRwx,
    snapshotClassesForDriver: matching,
    effectiveCloneStrategy: strategy,
    cloneStrategySource: source,
    smartClone,
    degraded: notForCdiTable ? false : !hasRwx || (smartClone === undefined ? undefined : !smartClone),
    invalidSpecValues: row.invalidSpecValues,
    hasAdminOverrides,
    needsAttention: needsAttention(row),
  };
}
