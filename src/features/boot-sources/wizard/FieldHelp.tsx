import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import type { CustomSourceField, CustomSourceValues, FormMessage } from '../logic/custom-source-form';

/** The messages of one field, as the wizard shows them. */
export interface FieldState {
  errors: string[];
  warnings: string[];
  /** PatternFly's `validated` for the control. */
  validated: 'default' | 'error' | 'warning';
  /** The id of the helper text, for `aria-describedby`. */
  helpId: string;
}

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

/** The field's errors and warnings (and a plain hint when there are none), under the control. */
export const FieldHelp = ({ state, hint }: { state: FieldState; hint?: ReactNode }) => {
  if (state.errors.length + state.warnings.length === 0 && !hint) return null;
  return (
    <FormHelperText>
      <HelperText id={state.helpId}>
        {state.errors.map((m) => (
          <HelperTextItem key={m} variant="error">
            {m}
          </HelperTextItem>
        ))}
        {state.warnings.map((m) => (
          <HelperTextItem key={m} variant="warning">
            {m}
          </HelperTextItem>
        ))}
        {hint && <HelperTextItem>{hint}</HelperTextItem>}
      </HelperText>
    </FormHelperText>
  );
};

/** Props that tie a control to its help text and mark it invalid for assistive technology. */
export const describedBy = (state: FieldState, hasHint = false) => ({
  'aria-describedby': state.errors.length + state.warnings.length > 0 || hasHint ? state.helpId : undefined,
  'aria-invalid': state.errors.length > 0 ? true : undefined,
  validated: state.validated,
});

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
