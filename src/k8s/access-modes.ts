import type { AccessMode, ClaimPropertySet, VolumeMode } from './types';

export const ACCESS_MODE_ABBREVIATIONS: Record<AccessMode, string> = {
  ReadWriteOnce: 'RWO',
  ReadWriteMany: 'RWX',
  ReadOnlyMany: 'ROX',
  ReadWriteOncePod: 'RWOP',
};

/** All access modes in the order the UI lists them (most capable first, as CDI orders its table). */
export const ACCESS_MODES: readonly AccessMode[] = [
  'ReadWriteMany',
  'ReadWriteOnce',
  'ReadOnlyMany',
  'ReadWriteOncePod',
];
export const VOLUME_MODES: readonly VolumeMode[] = ['Block', 'Filesystem'];

export const isAccessMode = (v: unknown): v is AccessMode =>
  typeof v === 'string' && Object.prototype.hasOwnProperty.call(ACCESS_MODE_ABBREVIATIONS, v);

/** "RWX"; an unknown value is returned unchanged so nothing the API says is hidden. */
export const abbreviateAccessMode = (mode: string): string =>
  isAccessMode(mode) ? ACCESS_MODE_ABBREVIATIONS[mode] : mode;

/** "RWX Block", or "RWO/RWX Filesystem" for a set with several modes. Keeps the set's own mode order. */
export const formatClaimPropertySet = (set: ClaimPropertySet): string =>
  `${(set.accessModes ?? []).map(abbreviateAccessMode).join('/')} ${set.volumeMode ?? ''}`.trim();
