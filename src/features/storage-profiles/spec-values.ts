import type { CloneStrategy, StorageProfileSpec } from '../../k8s/types';

/** The values CDI accepts; the CRD has no enum for these fields (api-facts 2). */
export const CLONE_STRATEGIES: readonly CloneStrategy[] = ['copy', 'snapshot', 'csi-clone'];
export const SOURCE_FORMATS = ['pvc', 'snapshot'] as const;

export const isCloneStrategy = (v: unknown): v is CloneStrategy =>
  CLONE_STRATEGIES.includes(v as CloneStrategy);

export const isSourceFormat = (v: unknown): v is (typeof SOURCE_FORMATS)[number] =>
  SOURCE_FORMATS.includes(v as (typeof SOURCE_FORMATS)[number]);

export interface InvalidSpecValue {
  field: 'cloneStrategy' | 'dataImportCronSourceFormat';
  value: string;
}

/** Admin-set spec values CDI does not know. Empty strings mean "not set" and are not invalid. */
export const findInvalidSpecValues = (spec: StorageProfileSpec | undefined): InvalidSpecValue[] => {
  const out: InvalidSpecValue[] = [];
  if (spec?.cloneStrategy && !isCloneStrategy(spec.cloneStrategy)) {
    out.push({ field: 'cloneStrategy', value: spec.cloneStrategy });
  }
  if (spec?.dataImportCronSourceFormat && !isSourceFormat(spec.dataImportCronSourceFormat)) {
    out.push({ field: 'dataImportCronSourceFormat', value: spec.dataImportCronSourceFormat });
  }
  return out;
};

/** The first value that is neither missing nor an empty string ("" means "not set" for CDI too). */
export const firstSet = (...values: (string | undefined)[]): string | undefined =>
  values.find((v) => v !== undefined && v !== '');
