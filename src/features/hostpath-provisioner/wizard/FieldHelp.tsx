import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import { InfoCircleIcon } from '@patternfly/react-icons';
import type { ReactNode } from 'react';
import {
  findingsFor,
  severityOf,
  type ValidationFinding,
  type ValidationResult,
} from '../logic/pool-validation';

/** What one field shows: its findings in words, and the props that tie the control to them. */
export interface FieldState {
  errors: string[];
  warnings: string[];
  notes: string[];
  validated: 'default' | 'error' | 'warning';
  /** The id of the helper text, for `aria-describedby`. */
  helpId: string;
}

export type FieldStateOf = (field: string) => FieldState;

/** An empty field is not reported before the user has been there (a bad value is reported at once). */
const WAITS_FOR_TOUCH: ReadonlySet<ValidationFinding['code']> = new Set([
  'name-required',
  'path-required',
  'size-required',
]);

/** `vsp-hpp-pools-1-path` for `pools[1].path`. */
export const fieldId = (field: string) => `vsp-hpp-${field.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;

export const fieldStates =
  (
    result: ValidationResult,
    isTouched: (field: string) => boolean,
    text: (f: ValidationFinding) => string,
  ): FieldStateOf =>
  (field) => {
    const own = findingsFor(result, field);
    const of = (severity: 'error' | 'warning' | 'note') =>
      own
        .filter((f) => severityOf(f.code) === severity)
        .filter((f) => severity !== 'error' || isTouched(field) || !WAITS_FOR_TOUCH.has(f.code))
        .map(text);
    const errors = of('error');
    const warnings = of('warning');
    return {
      errors,
      warnings,
      notes: of('note'),
      validated: errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'default',
      helpId: `${fieldId(field)}-help`,
    };
  };

const hasText = (state: FieldState, hint?: ReactNode) =>
  state.errors.length + state.warnings.length + state.notes.length > 0 || !!hint;

/** The field's errors, warnings and notes (and a plain hint), under the control. */
export const FieldHelp = ({ state, hint }: { state: FieldState; hint?: ReactNode }) => {
  if (!hasText(state, hint)) return null;
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
        {state.notes.map((m) => (
          <HelperTextItem key={m} icon={<InfoCircleIcon />}>
            {m}
          </HelperTextItem>
        ))}
        {hint && <HelperTextItem>{hint}</HelperTextItem>}
      </HelperText>
    </FormHelperText>
  );
};

/** Props that tie a control to its help text and mark it invalid for assistive technology. */
export const describedBy = (state: FieldState, hint?: ReactNode) => ({
  'aria-describedby': hasText(state, hint) ? state.helpId : undefined,
  'aria-invalid': state.errors.length > 0 ? true : undefined,
});
