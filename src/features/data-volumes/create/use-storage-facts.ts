// Placeholder during development: replaced by the storage facts hook.
import type { DataVolumeForm } from '../logic/dv-form';

export interface StorageFacts {
  /** The class the DataVolume's PVC will get; undefined while unknown or when none applies. */
  targetClass: string | undefined;
  targetClassFrom: 'chosen' | 'virt-default' | 'default' | 'none' | 'unknown';
  /** Why the Storage step may not be left (e.g. the profile is incomplete); empty = may continue. */
  blockers: string[];
  /** CDIConfig.status.scratchSpaceStorageClass ('' = none); undefined while unknown. */
  scratchSpaceStorageClass: string | undefined;
}

export const useStorageFacts = (_form: DataVolumeForm): StorageFacts => ({
  targetClass: undefined,
  targetClassFrom: 'unknown',
  blockers: [],
  scratchSpaceStorageClass: undefined,
});
