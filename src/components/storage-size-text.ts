import type { TFunction } from 'i18next';
import type { StorageSizeError } from '../k8s/quantity';

/**
 * Words for a storage size that `validateStorageSize` refused. `example` is a typical size for the field
 * ("30Gi" for a disk image); `tooSmall` words the minimum when the field has its own reason for one.
 */
export const storageSizeText = (
  t: TFunction,
  e: StorageSizeError,
  example: string,
  tooSmall?: (minimum: string) => string,
): string => {
  switch (e.code) {
    case 'empty':
      return t('Enter a size, e.g. {{example}}.', { example });
    case 'format':
      return t('Not a size Kubernetes understands. Write a number and a unit, e.g. {{example}} or 500M.', {
        example,
      });
    case 'suffix':
      return t(
        'Unknown unit. Use Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024) or k, M, G, T, P, E (powers of 1000).',
      );
    case 'negative':
      return t('The size cannot be negative.');
    case 'zero':
      return t('The size must be greater than zero.');
    case 'too-small':
      return tooSmall
        ? tooSmall(e.minimum)
        : t('The size must be at least {{minimum}}.', { minimum: e.minimum });
    case 'too-large':
      return t('The size is larger than Kubernetes can hold (about 8Ei).');
  }
};
