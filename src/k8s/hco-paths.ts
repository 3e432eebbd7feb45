import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { getAtPath, type FieldChange, type FieldPath } from './json-patch';
import { hyperConvergedModel, type HcoVersion } from './models';
import type {
  DataImportCronTemplate,
  FilesystemOverhead,
  HcoFeatureGate,
  ResourceRequirements,
} from './types';

export type { HcoVersion };

/** The API group of the HyperConverged. */
export const HCO_GROUP = 'hco.kubevirt.io';

/** The HyperConverged storage settings the plugin reads and writes, independent of the API version. */
export type HcoField =
  | 'enableCommonBootImageImport'
  | 'commonBootImageNamespace'
  | 'dataImportCronTemplates'
  | 'filesystemOverhead'
  | 'scratchSpaceStorageClass'
  | 'storageWorkloads'
  | 'insecureRegistries'
  | 'vmStateStorageClass';

/** What each field holds, as the CRD types it (the stored value is not checked: callers check what they use). */
export interface HcoFieldTypes {
  enableCommonBootImageImport: boolean;
  commonBootImageNamespace: string;
  dataImportCronTemplates: DataImportCronTemplate[];
  filesystemOverhead: FilesystemOverhead;
  scratchSpaceStorageClass: string;
  storageWorkloads: ResourceRequirements;
  insecureRegistries: string[];
  vmStateStorageClass: string;
}

/**
 * Where each field lives per served version. v1 moves the storage fields under `spec.storage` and the
 * golden-image fields under `spec.workloadSources` (api-facts 1.1); every v1 path is checked against the v1
 * schema of the CRD (HCO v1.18.1 deploy/crds/hco00.crd.yaml: `spec.storage` {filesystemOverhead,
 * scratchSpaceStorageClass, storageImport.insecureRegistries, vmStateStorageClass,
 * workloadResourceRequirements}, `spec.workloadSources` {commonBootImageNamespace, dataImportCronTemplates,
 * enableCommonBootImageImport}) and HCO's conversion (api/v1beta1/conversion.go:287-334, 396-430).
 */
export const HCO_FIELD_PATHS: Record<HcoVersion, Record<HcoField, FieldPath>> = {
  v1beta1: {
    enableCommonBootImageImport: ['spec', 'enableCommonBootImageImport'],
    commonBootImageNamespace: ['spec', 'commonBootImageNamespace'],
    dataImportCronTemplates: ['spec', 'dataImportCronTemplates'],
    filesystemOverhead: ['spec', 'filesystemOverhead'],
    scratchSpaceStorageClass: ['spec', 'scratchSpaceStorageClass'],
    storageWorkloads: ['spec', 'resourceRequirements', 'storageWorkloads'],
    insecureRegistries: ['spec', 'storageImport', 'insecureRegistries'],
    vmStateStorageClass: ['spec', 'vmStateStorageClass'],
  },
  v1: {
    enableCommonBootImageImport: ['spec', 'workloadSources', 'enableCommonBootImageImport'],
    commonBootImageNamespace: ['spec', 'workloadSources', 'commonBootImageNamespace'],
    dataImportCronTemplates: ['spec', 'workloadSources', 'dataImportCronTemplates'],
    filesystemOverhead: ['spec', 'storage', 'filesystemOverhead'],
    scratchSpaceStorageClass: ['spec', 'storage', 'scratchSpaceStorageClass'],
    storageWorkloads: ['spec', 'storage', 'workloadResourceRequirements'],
    insecureRegistries: ['spec', 'storage', 'storageImport', 'insecureRegistries'],
    vmStateStorageClass: ['spec', 'storage', 'vmStateStorageClass'],
  },
};

export const isHcoVersion = (v: unknown): v is HcoVersion => v === 'v1beta1' || v === 'v1';

/** A HyperConverged (or anything carrying its `apiVersion`), or the version itself. */
export type HcoVersioned = { apiVersion?: string } | HcoVersion;

/**
 * The API version of a HyperConverged, from its `apiVersion` (`hco.kubevirt.io/v1` or `/v1beta1`). Anything
 * else throws: a guess would read the wrong fields and write to the wrong paths. `useHyperConverged` always
 * hands out objects with their `apiVersion`.
 */
export const hcoVersionOf = (hc: HcoVersioned): HcoVersion => {
  if (typeof hc === 'string') return hc;
  const [group, version] = (hc.apiVersion ?? '').split('/');
  if (group === HCO_GROUP && isHcoVersion(version)) return version;
  throw new Error(
    `Unsupported HyperConverged apiVersion "${hc.apiVersion ?? ''}": expected ${HCO_GROUP}/v1 or ${HCO_GROUP}/v1beta1.`,
  );
};

/** The path of `field` in the version of `hc` (the object the change is built from); for `buildGuardedPatch`. */
export const hcoPath = (field: HcoField, hc: HcoVersioned): FieldPath =>
  HCO_FIELD_PATHS[hcoVersionOf(hc)][field];

/** The stored value of `field` in `hc`, wherever its version keeps it (undefined when unset). */
export const hcoValue = <F extends HcoField>(
  hc: { apiVersion?: string },
  field: F,
): HcoFieldTypes[F] | undefined => getAtPath(hc, hcoPath(field, hc)).value as HcoFieldTypes[F] | undefined;

/** A change of `field` in the version of `hc` (undefined removes it). */
export const hcoChange = <F extends HcoField>(
  hc: HcoVersioned,
  field: F,
  value: HcoFieldTypes[F] | undefined,
): FieldChange => ({ path: hcoPath(field, hc), value });

/** The HyperConverged model of the version of `hc`: write with the version the change was built for. */
export const hyperConvergedModelFor = (hc: HcoVersioned): K8sModel => hyperConvergedModel(hcoVersionOf(hc));

// ---------------------------------------------------------------------------------------------------------
// Feature gates: an object of booleans in v1beta1, a list of {name, state} in v1 (state absent = Enabled,
// HCO v1.18.1 api/v1/featuregates/feature_gates.go:28-58). HCO converts only the gates it still supports
// (api/v1beta1/zz_generated.featuregates_conversion.go:14-76): a deprecated v1beta1 gate has no v1 form.

const gateList = (hc: { spec?: unknown }): HcoFeatureGate[] | undefined => {
  const { value } = getAtPath(hc, ['spec', 'featureGates']);
  return Array.isArray(value) ? (value as HcoFeatureGate[]) : undefined;
};

/** What the spec says about gate `name`: true/false, or undefined when the spec does not mention it. */
export const hcoFeatureGate = (
  hc: { apiVersion?: string; spec?: unknown },
  name: string,
): boolean | undefined => {
  if (hcoVersionOf(hc) === 'v1beta1') {
    const { value } = getAtPath(hc, ['spec', 'featureGates', name]);
    return typeof value === 'boolean' ? value : undefined;
  }
  const gate = gateList(hc)?.find((g) => g?.name === name);
  return gate ? gate.state !== 'Disabled' : undefined;
};

/**
 * Sets gate `name` (undefined: no longer mentioned, so HCO's default applies). v1beta1 changes the one key;
 * v1 sends the whole list (the CRD declares no list type, so it is atomic) with only that entry changed.
 */
export const hcoFeatureGateChange = (
  hc: { apiVersion?: string; spec?: unknown },
  name: string,
  enabled: boolean | undefined,
): FieldChange => {
  if (hcoVersionOf(hc) === 'v1beta1') return { path: ['spec', 'featureGates', name], value: enabled };
  const list = gateList(hc) ?? [];
  const others = list.filter((g) => g?.name !== name);
  const entry: HcoFeatureGate | undefined =
    enabled === undefined ? undefined : enabled ? { name } : { name, state: 'Disabled' };
  const i = list.findIndex((g) => g?.name === name);
  const next =
    entry === undefined ? others : i < 0 ? [...list, entry] : list.map((g, j) => (j === i ? entry : g));
  return { path: ['spec', 'featureGates'], value: next.length > 0 ? next : undefined };
};

/** The field as people write it for the version of `hc` (`spec.storage.filesystemOverhead`), for texts. */
export const hcoFieldName = (field: HcoField, hc: HcoVersioned): string => hcoPath(field, hc).join('.');
