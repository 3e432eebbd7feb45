import { deepEqual, type FieldChange } from '../../../k8s/json-patch';
import type {
  PersistentVolumeClaim,
  StorageClass,
  StorageProfile,
  StorageProfileSpec,
} from '../../../k8s/types';
import { HPP_CSI_PROVISIONER, STORAGE_POOL_PARAMETER } from './hpp-types';
import { DNS1123_SUBDOMAIN_MAX, isDns1123Subdomain } from '../../../k8s/names';

/**
 * StorageClasses for HPP pools, and the guided re-creation of a class (its parameters, provisioner,
 * reclaimPolicy and volumeBindingMode are immutable: Kubernetes `ValidateStorageClassUpdate`, "updates to
 * parameters are forbidden." etc.) that keeps the admin's StorageProfile customisations: CDI deletes the
 * profile with its class and creates an empty one (`spec: {}`) for the new class (api-facts 2).
 */

export type ReclaimPolicy = 'Delete' | 'Retain';
export type BindingMode = 'WaitForFirstConsumer' | 'Immediate';

export interface PoolStorageClassInput {
  name: string;
  pool: string;
  reclaimPolicy: ReclaimPolicy;
  /** Default WaitForFirstConsumer, as every upstream example (deploy/storageclass-wffc-csi.yaml). */
  volumeBindingMode?: BindingMode;
  allowVolumeExpansion?: boolean;
}

/** The CSI class of a pool (hostpath-provisioner-operator README, deploy/storageclass-wffc-csi.yaml). */
export const buildPoolStorageClass = ({
  name,
  pool,
  reclaimPolicy,
  volumeBindingMode = 'WaitForFirstConsumer',
  allowVolumeExpansion,
}: PoolStorageClassInput): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner: HPP_CSI_PROVISIONER,
  parameters: { [STORAGE_POOL_PARAMETER]: pool },
  reclaimPolicy,
  volumeBindingMode,
  ...(allowVolumeExpansion !== undefined ? { allowVolumeExpansion } : {}),
});

export type PoolStorageClassNote =
  /**
   * Immediate binding places the volume on whichever node the provisioner answers from, before the VM is
   * scheduled; the operator README calls it deprecated for HPP.
   */
  | { code: 'immediate-binding' }
  /** The CSI driver has no EXPAND_VOLUME capability (hostpath-provisioner controllerserver.go:596-604). */
  | { code: 'expansion-not-supported' };

export const poolStorageClassNotes = (input: PoolStorageClassInput): PoolStorageClassNote[] => [
  ...(input.volumeBindingMode === 'Immediate' ? [{ code: 'immediate-binding' } as const] : []),
  ...(input.allowVolumeExpansion ? [{ code: 'expansion-not-supported' } as const] : []),
];

export type ClassNameError =
  | { code: 'required' }
  | { code: 'too-long'; max: number }
  | { code: 'not-dns1123-subdomain' }
  | { code: 'taken' };

/**
 * Why `name` cannot be a new StorageClass (object names are DNS-1123 subdomains, apimachinery
 * validation.go:205-228). "taken" is only said when the classes are known (`existing` undefined: unreadable).
 */
export const validateStorageClassName = (
  name: string,
  existing: readonly StorageClass[] | undefined,
): ClassNameError | undefined => {
  if (name === '') return { code: 'required' };
  if (name.length > DNS1123_SUBDOMAIN_MAX) return { code: 'too-long', max: DNS1123_SUBDOMAIN_MAX };
  if (!isDns1123Subdomain(name)) return { code: 'not-dns1123-subdomain' };
  if (existing?.some((sc) => sc.metadata?.name === name)) return { code: 'taken' };
  return undefined;
};

// ---------------------------------------------------------------------------------------------------------
// Re-creating a class

const SERVER_SET = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

/** `saved` as it can be created again: the metadata the server sets is removed, everything else kept. */
export const restorableClass = (saved: StorageClass): StorageClass => {
  const copy = structuredClone(saved) as StorageClass;
  const metadata = { ...(copy.metadata ?? {}) } as Record<string, unknown>;
  SERVER_SET.forEach((k) => delete metadata[k]);
  return {
    ...copy,
    apiVersion: copy.apiVersion ?? 'storage.k8s.io/v1',
    kind: copy.kind ?? 'StorageClass',
    metadata: metadata as StorageClass['metadata'],
  };
};

export type ImmutableField = 'provisioner' | 'parameters' | 'reclaimPolicy' | 'volumeBindingMode';
const IMMUTABLE: readonly ImmutableField[] = [
  'provisioner',
  'parameters',
  'reclaimPolicy',
  'volumeBindingMode',
];
/** Kubernetes' defaults when a field is left out of a class. */
const effective = (sc: StorageClass, field: ImmutableField): unknown =>
  field === 'parameters'
    ? (sc.parameters ?? {})
    : field === 'reclaimPolicy'
      ? (sc.reclaimPolicy ?? 'Delete')
      : field === 'volumeBindingMode'
        ? (sc.volumeBindingMode ?? 'Immediate')
        : sc.provisioner;

export type RecreateStepId = 'save' | 'delete-class' | 'create-class' | 'reapply-profile-spec';

export type RecreateStep =
  /** Nothing on the cluster: the page keeps the class and the profile spec to restore them. */
  | { id: 'save'; savedClass: StorageClass; savedProfileSpec?: StorageProfileSpec }
  /** The class goes; CDI then deletes its StorageProfile. Existing PVs and PVCs are not touched. */
  | { id: 'delete-class'; className: string; profileDeleted: boolean }
  /** The class comes back with the new immutable fields (labels, annotations, defaults kept). */
  | { id: 'create-class'; className: string; object: StorageClass; changes: ImmutableField[] }
  /** The saved profile spec onto the profile CDI creates for the new class. */
  | { id: 'reapply-profile-spec'; profileName: string; changes: FieldChange[]; fields: string[] };

export type RecreateFinding =
  /** Nothing immutable differs: a patch is enough, no re-creation needed. */
  | { code: 'not-needed' }
  /** The desired class has another name: that is a new class, not a re-creation. */
  | { code: 'name-differs'; current: string; desired: string }
  /** The profile could not be read: its customisations cannot be carried over. */
  | { code: 'profile-unknown' }
  /**
   * PVs keep the parameters they were provisioned with (CSI volume attributes): the claims of this class stay
   * where they are (e.g. in the old pool); only new claims use the new parameters.
   */
  | { code: 'claims-keep-old-parameters'; claims: number };

export interface RecreatePlan {
  className: string;
  immutableChanges: ImmutableField[];
  steps: RecreateStep[];
  findings: RecreateFinding[];
}

/** The profile spec fields an admin set, as changes onto a fresh profile (guarded "still absent" there). */
export const profileSpecChanges = (spec: StorageProfileSpec | undefined): FieldChange[] =>
  Object.entries(spec ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([key, value]) => ({ path: ['spec', key], value }));

/**
 * The ordered steps that replace `current` by `desired` (same name). `profile`: the class's StorageProfile,
 * `null` when it has none, undefined when it could not be read. `pvcs` (optional) counts the claims that keep
 * the old parameters.
 */
export const recreatePlan = (
  current: StorageClass,
  profile: StorageProfile | null | undefined,
  desired: StorageClass,
  pvcs?: readonly PersistentVolumeClaim[],
): RecreatePlan => {
  const className = current.metadata?.name ?? '';
  const findings: RecreateFinding[] = [];
  const desiredName = desired.metadata?.name ?? className;
  if (desiredName !== className)
    findings.push({ code: 'name-differs', current: className, desired: desiredName });
  const immutableChanges = IMMUTABLE.filter((f) => !deepEqual(effective(current, f), effective(desired, f)));
  if (immutableChanges.length === 0) findings.push({ code: 'not-needed' });
  if (profile === undefined) findings.push({ code: 'profile-unknown' });
  const claims = pvcs?.filter((p) => p.spec?.storageClassName === className).length ?? 0;
  if (claims > 0) findings.push({ code: 'claims-keep-old-parameters', claims });

  const savedClass = restorableClass(current);
  const savedSpec = profile?.spec && Object.keys(profile.spec).length > 0 ? profile.spec : undefined;
  const object: StorageClass = {
    ...savedClass,
    metadata: {
      ...savedClass.metadata,
      name: className,
      labels: { ...savedClass.metadata?.labels, ...desired.metadata?.labels },
      annotations: { ...savedClass.metadata?.annotations, ...desired.metadata?.annotations },
    },
    provisioner: desired.provisioner,
    parameters: desired.parameters,
    reclaimPolicy: desired.reclaimPolicy,
    volumeBindingMode: desired.volumeBindingMode,
    ...(desired.allowVolumeExpansion !== undefined
      ? { allowVolumeExpansion: desired.allowVolumeExpansion }
      : {}),
  };
  const metadata = object.metadata ?? {};
  if (Object.keys(metadata.labels ?? {}).length === 0) delete metadata.labels;
  if (Object.keys(metadata.annotations ?? {}).length === 0) delete metadata.annotations;
  if (object.parameters === undefined) delete object.parameters;

  const changes = profileSpecChanges(savedSpec);
  const steps: RecreateStep[] = [
    { id: 'save', savedClass, ...(savedSpec ? { savedProfileSpec: savedSpec } : {}) },
    { id: 'delete-class', className, profileDeleted: profile !== null },
    { id: 'create-class', className, object, changes: immutableChanges },
    ...(changes.length > 0
      ? [
          {
            id: 'reapply-profile-spec' as const,
            profileName: className,
            changes,
            fields: changes.map((c) => String(c.path[1])),
          },
        ]
      : []),
  ];
  return { className, immutableChanges, steps, findings };
};

export type ClusterStateAfterFailure =
  /** Nothing was changed on the cluster (re-read to be sure: a lost response can hide a done delete). */
  | { code: 'nothing-changed' }
  /** The class is gone and its profile with it: offer to create the saved class again, then its profile spec. */
  | { code: 'class-deleted-not-recreated'; offers: ('restore-class' | 'reapply-profile-spec')[] }
  /** The new class exists with an empty profile: offer to write the saved profile spec again. */
  | { code: 'profile-spec-not-restored'; offers: ['reapply-profile-spec'] };

/** What state the cluster is in when `stepFailed` failed (the earlier steps of `plan` having succeeded). */
export const clusterStateAfterFailure = (
  stepFailed: RecreateStepId,
  plan?: RecreatePlan,
): ClusterStateAfterFailure => {
  const reapply = plan === undefined || plan.steps.some((s) => s.id === 'reapply-profile-spec');
  switch (stepFailed) {
    case 'save':
    case 'delete-class':
      return { code: 'nothing-changed' };
    case 'create-class':
      return {
        code: 'class-deleted-not-recreated',
        offers: reapply ? ['restore-class', 'reapply-profile-spec'] : ['restore-class'],
      };
    case 'reapply-profile-spec':
      return { code: 'profile-spec-not-restored', offers: ['reapply-profile-spec'] };
  }
};
