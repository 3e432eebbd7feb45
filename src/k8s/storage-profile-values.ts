import type { CloneStrategy, DataImportCronSourceFormat } from './types';

/** The values CDI accepts for StorageProfile fields whose CRD has no enum (api-facts 2). */
export const CLONE_STRATEGIES: readonly CloneStrategy[] = ['copy', 'snapshot', 'csi-clone'];
export const SOURCE_FORMATS: readonly DataImportCronSourceFormat[] = ['pvc', 'snapshot'];

export const isCloneStrategy = (v: unknown): v is CloneStrategy =>
  CLONE_STRATEGIES.includes(v as CloneStrategy);

export const isSourceFormat = (v: unknown): v is DataImportCronSourceFormat =>
  SOURCE_FORMATS.includes(v as DataImportCronSourceFormat);
