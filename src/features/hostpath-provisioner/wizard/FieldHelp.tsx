import type { FieldMessages } from '../../../components/FieldHelp';
import {
  findingsFor,
  severityOf,
  type ValidationFinding,
  type ValidationResult,
} from '../logic/pool-validation';

/** What one field shows: its findings in words, and the props that tie the control to them. */
export type FieldState = FieldMessages & { notes: string[] };

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

export { describedBy, FieldHelp } from '../../../components/FieldHelp';
