import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import { InfoCircleIcon } from '@patternfly/react-icons';
import type { ReactNode } from 'react';

/** What one form field shows under its control: its findings in words, and how the control refers to them. */
export interface FieldMessages {
  errors: string[];
  warnings: string[];
  /** Neutral explanations (e.g. "an empty Block device is formatted as XFS"). */
  notes?: string[];
  /** PatternFly's `validated` for the control. */
  validated: 'default' | 'error' | 'warning';
  /** The id of the helper text, for `aria-describedby`. */
  helpId: string;
}

const hasText = (state: FieldMessages, hint?: ReactNode) =>
  state.errors.length + state.warnings.length + (state.notes?.length ?? 0) > 0 || !!hint;

/** The field's errors, warnings and notes (and a plain hint), under the control. */
export const FieldHelp = ({ state, hint }: { state: FieldMessages; hint?: ReactNode }) => {
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
        {(state.notes ?? []).map((m) => (
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
export const describedBy = (state: FieldMessages, hint?: ReactNode) => ({
  'aria-describedby': hasText(state, hint) ? state.helpId : undefined,
  'aria-invalid': state.errors.length > 0 ? true : undefined,
  validated: state.validated,
});
