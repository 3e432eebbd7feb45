import type { FieldPath } from './json-patch';
import { HCO_API_VERSION } from './models';

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

/**
 * Where each field lives per served version. v1 moves the storage fields under `spec.storage` and the
 * golden-image fields under `spec.workloadSources` (api-facts 1.1). Only `HCO_API_VERSION` is used.
 */
export const HCO_FIELD_PATHS: Record<'v1beta1' | 'v1', Record<HcoField, FieldPath>> = {
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

/** The path of `field` in the HyperConverged version the plugin uses; pass it to `buildGuardedPatch`. */
export const hcoPath = (field: HcoField): FieldPath => HCO_FIELD_PATHS[HCO_API_VERSION as 'v1beta1'][field];
