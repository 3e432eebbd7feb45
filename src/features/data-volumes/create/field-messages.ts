import type { FieldMessages } from '../../../components/FieldHelp';
import type { DataVolumeForm } from '../logic/dv-form';
import type { DvProblem } from '../logic/dv-validation';

export type DvField = DvProblem['field'];

/** The wizard step each field is on; Review shows them all. */
export type DvStep = 'source' | 'storage' | 'options';

export const STEP_OF_FIELD: Record<DvField, DvStep> = {
  name: 'source',
  namespace: 'source',
  'source.namespace': 'source',
  'source.name': 'source',
  'http.url': 'source',
  'registry.url': 'source',
  contentType: 'source',
  size: 'storage',
  storageClassName: 'storage',
  accessModes: 'storage',
  volumeMode: 'storage',
  preallocation: 'options',
  annotations: 'options',
};

export const stepHasErrors = (problems: readonly DvProblem[], step: DvStep): boolean =>
  problems.some((p) => p.severity === 'error' && STEP_OF_FIELD[p.field] === step);

/** The id of a field's control on the Source step; its help text is `<id>-help`. */
export const fieldId = (field: DvField): string => `vsp-dv-${field.replace('.', '-')}`;

/**
 * A field's messages: errors once `showErrors` (the user tried to leave the step, or left the field);
 * warnings and notes at once.
 */
export const fieldMessages = (
  problems: readonly DvProblem[],
  field: DvField,
  showErrors: boolean,
  text: (p: DvProblem, form: DataVolumeForm) => string,
  form: DataVolumeForm,
): FieldMessages => {
  const own = problems.filter((p) => p.field === field);
  const errors = showErrors ? own.filter((p) => p.severity === 'error').map((p) => text(p, form)) : [];
  const warnings = own.filter((p) => p.severity === 'warning').map((p) => text(p, form));
  const notes = own.filter((p) => p.severity === 'note').map((p) => text(p, form));
  return {
    errors,
    warnings,
    notes,
    validated: errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'default',
    helpId: `${fieldId(field)}-help`,
  };
};
