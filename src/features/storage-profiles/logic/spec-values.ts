import { isCloneStrategy, isSourceFormat } from '../../../k8s/storage-profile-values';
import type { StorageProfileSpec } from '../../../k8s/types';

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
