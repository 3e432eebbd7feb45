import { lookupCapabilities } from '../../../k8s/storage-capabilities';
import type { CapabilityLookup } from '../../../k8s/storage-capabilities';
import type { CloneStrategy, StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { buildProfileRow, needsAttention, type ProfileRow } from '../profile-list-logic';

export const CLONE_STRATEGIES: readonly CloneStrategy[] = ['copy', 'snapshot', 'csi-clone'];
export const SOURCE_FORMATS = ['pvc', 'snapshot'] as const;
export const CLONE_STRATEGY_ANNOTATION = 'cdi.kubevirt.io/clone-strategy';

export const isCloneStrategy = (v: unknown): v is CloneStrategy =>
  CLONE_STRATEGIES.includes(v as CloneStrategy);

/** Where the clone strategy CDI uses for this profile comes from, highest priority first (api-facts 2). */
export type CloneStrategySource = 'cdi-override' | 'admin' | 'storage-class' | 'cdi-table' | 'cdi-default';

export interface ProfileHealthInput {
  profile: StorageProfile;
  storageClass?: StorageClass;
  /** All VolumeSnapshotClasses in the cluster. */
  snapshotClasses: VolumeSnapshotClass[];
  /** `CDI.spec.cloneStrategyOverride`, which beats every per-profile setting. */
  cloneStrategyOverride?: string;
  /** Names of the cluster's CSIDrivers; undefined when unknown (then csi-clone is given the benefit of the doubt). */
  csiDriverNames?: string[];
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
  /** CDI can clone without copying through a pod (snapshot or CSI clone). */
  smartClone: boolean;
  /** CDI's "degraded for virtualization" label: no RWX (off single-node clusters) or no smart clone. */
  degraded: boolean;
  /** Spec values CDI does not accept (the CRD has no enum for them). */
  invalidSpecValues: { field: 'cloneStrategy' | 'dataImportCronSourceFormat'; value: string }[];
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
  const row = buildProfileRow(profile, storageClass, snapshotClasses);
  const { provisioner } = row;
  const capabilities: CapabilityLookup = provisioner
    ? lookupCapabilities(provisioner, storageClass?.parameters, storageClass?.mountOptions)
    : { kind: 'unknown' };
  const unsupported = row.problems.includes('unsupported');
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
  const csiDriverExists =
    !input.csiDriverNames || (!!provisioner && input.csiDriverNames.includes(provisioner));
  const smartClone =
    strategy === 'snapshot' ? matching.length > 0 : strategy === 'csi-clone' ? csiDriverExists : false;
  const invalidSpecValues: ProfileHealth['invalidSpecValues'] = [];
  const spec = profile.spec ?? {};
  if (spec.cloneStrategy && !isCloneStrategy(spec.cloneStrategy)) {
    invalidSpecValues.push({ field: 'cloneStrategy', value: spec.cloneStrategy });
  }
  const format = spec.dataImportCronSourceFormat;
  if (format && !SOURCE_FORMATS.includes(format as (typeof SOURCE_FORMATS)[number])) {
    invalidSpecValues.push({ field: 'dataImportCronSourceFormat', value: format });
  }
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
    degraded: !unsupported && (!hasRwx || !smartClone),
    invalidSpecValues,
    hasAdminOverrides,
    needsAttention: needsAttention(row) || invalidSpecValues.length > 0,
  };
}
