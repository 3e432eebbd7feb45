import type { TFunction } from 'i18next';
import type { FieldMessages } from '../../../components/FieldHelp';
import { storageSizeText } from '../../../components/storage-size-text';
import { formatBytes } from '../../../k8s/quantity';
import { IMMEDIATE_BIND_ANNOTATION } from '../logic/dv-form';
import type { DvProblem } from '../logic/dv-validation';

/** The fields of the Storage and Options steps. */
export type StorageField = 'size' | 'storageClassName' | 'accessModes' | 'volumeMode' | 'preallocation';

type OwnProblem = Extract<DvProblem, { field: StorageField | 'annotations' }>;

/** Words for a problem of the Storage or Options step. */
export const storageProblemText = (t: TFunction, p: OwnProblem): string => {
  switch (p.field) {
    case 'size':
      switch (p.code) {
        case 'required':
          return t('Enter a size, e.g. 30Gi.');
        case 'size':
          return storageSizeText(t, p.error, '30Gi', (minimum) =>
            t('CDI refuses DataVolumes smaller than {{minimum}}.', { minimum }),
          );
        case 'smaller-than-source':
          return t(
            'The clone source is {{size}}: a clone must be at least as large as its source. Enter at least {{size}}, or leave the size empty (storage profile mode) to take the source size.',
            { size: formatBytes(p.sourceBytes) },
          );
      }
      break;
    case 'storageClassName':
      return p.code === 'required'
        ? t('Choose a StorageClass: with explicit settings the claim is written as is.')
        : t('A StorageClass name has at most {{max}} characters.', { max: p.max });
    case 'accessModes':
      return p.code === 'required'
        ? t('Choose an access mode.')
        : t('CDI accepts exactly one access mode in spec.pvc.');
    case 'volumeMode':
      return t('Choose a volume mode.');
    case 'preallocation':
      return t(
        'Clones ignore this unless CDI copies through a pod (host-assisted clone): CSI and snapshot clones are made by the storage and preallocate nothing.',
      );
    case 'annotations':
      switch (p.code) {
        case 'key-required':
          return t('Enter a key for this value, or remove the row.');
        case 'qualified-name':
          return t(
            'Not a valid annotation key: an optional DNS subdomain prefix and "/", then a name of at most 63 characters (letters, digits, "-", "_", "."), starting and ending with a letter or digit.',
          );
        case 'duplicate':
          return t('This key is already used in another row.');
        case 'use-immediate-bind':
          return t('Use the "Bind immediately" option below instead of writing {{key}} by hand.', {
            key: IMMEDIATE_BIND_ANNOTATION,
          });
      }
  }
  return '';
};

/**
 * The messages of one field: errors once `showErrors` (or, for errors other than "required", once the
 * user left the field), warnings and notes always.
 */
export const fieldMessages = (
  t: TFunction,
  problems: readonly DvProblem[],
  field: StorageField,
  opts: { showErrors: boolean; touched: boolean },
): FieldMessages => {
  const own = problems.filter((p): p is OwnProblem => p.field === field);
  const errors = own
    .filter((p) => p.severity === 'error' && (opts.showErrors || (opts.touched && p.code !== 'required')))
    .map((p) => storageProblemText(t, p));
  const warnings = own.filter((p) => p.severity === 'warning').map((p) => storageProblemText(t, p));
  const notes = own.filter((p) => p.severity === 'note').map((p) => storageProblemText(t, p));
  return {
    errors,
    warnings,
    notes,
    validated: errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'default',
    helpId: `vsp-dv-${field}-help`,
  };
};

/** The messages of annotation row `index` (errors when `showErrors` or the row was left). */
export const annotationRowMessages = (
  t: TFunction,
  problems: readonly DvProblem[],
  index: number,
  opts: { showErrors: boolean; touched: boolean },
): FieldMessages => {
  const own = problems.filter(
    (p): p is Extract<DvProblem, { field: 'annotations' }> => p.field === 'annotations' && p.index === index,
  );
  const errors = own
    .filter((p) => p.severity === 'error' && (opts.showErrors || opts.touched))
    .map((p) => storageProblemText(t, p));
  const warnings = own.filter((p) => p.severity === 'warning').map((p) => storageProblemText(t, p));
  return {
    errors,
    warnings,
    validated: errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'default',
    helpId: `vsp-dv-annotation-${index}-help`,
  };
};
