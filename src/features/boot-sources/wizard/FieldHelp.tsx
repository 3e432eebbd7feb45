import type { FieldMessages } from '../../../components/FieldHelp';
import type { CustomSourceField, CustomSourceValues, FormMessage } from '../logic/custom-source-form';

/** The messages of one field, as the wizard shows them. */
export type FieldState = FieldMessages;

export type FieldStateOf = (field: CustomSourceField) => FieldState;

/**
 * Builds `fieldState(field)`: a field's errors are shown once the user touched it, except errors other than
 * "required" (a bad value is reported at once; an empty field only after the user has been there).
 */
export const fieldStates =
  (
    messages: readonly FormMessage[],
    touched: ReadonlySet<CustomSourceField>,
    text: (m: FormMessage) => string,
  ): FieldStateOf =>
  (field) => {
    const own = messages.filter((m) => m.field === field);
    const errors = own
      .filter((m) => m.severity === 'error' && (touched.has(field) || m.code !== 'required'))
      .map(text);
    const warnings = own.filter((m) => m.severity === 'warning').map(text);
    return {
      errors,
      warnings,
      validated: errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'default',
      helpId: `vsp-wizard-${field}-help`,
    };
  };

/**
 * A text control's binding to a field of the form: its id `vsp-wizard-<field>` (the FormGroup's fieldId),
 * value, and change and blur handlers (`<TextInput {...fieldInput(props, 'url')} />`).
 */
export const fieldInput = (
  {
    values,
    set,
    touch,
  }: {
    values: CustomSourceValues;
    set: (field: CustomSourceField, value: string) => void;
    touch: (field: CustomSourceField) => void;
  },
  field: CustomSourceField,
) => ({
  id: `vsp-wizard-${field}`,
  value: values[field],
  onChange: (_e: unknown, v: string) => set(field, v),
  onBlur: () => touch(field),
});

export { describedBy, FieldHelp } from '../../../components/FieldHelp';
