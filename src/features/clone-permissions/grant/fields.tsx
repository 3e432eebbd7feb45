import { FormGroup, TextInput } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { describedBy, FieldHelp, type FieldMessages } from '../../../components/FieldHelp';
import type { GrantField } from '../logic/grant-plan';

export type FieldStateOf = (field: GrantField) => FieldMessages;

export const fieldId = (field: GrantField) => `vsp-grant-${field}`;

export interface NameFieldProps {
  field: GrantField;
  label: string;
  value: string;
  state: FieldMessages;
  onChange: (value: string) => void;
  onBlur: () => void;
  hint?: ReactNode;
  /** Suggestions (e.g. the namespaces) offered as the user types. */
  suggestions?: string[];
  isRequired?: boolean;
}

/** A text field with its problems under it, tied to it through aria-describedby; optional suggestions. */
export const NameField = ({
  field,
  label,
  value,
  state,
  onChange,
  onBlur,
  hint,
  suggestions,
  isRequired = true,
}: NameFieldProps) => {
  const listId = suggestions ? `${fieldId(field)}-suggestions` : undefined;
  return (
    <FormGroup label={label} isRequired={isRequired} fieldId={fieldId(field)}>
      <TextInput
        id={fieldId(field)}
        value={value}
        isRequired={isRequired}
        onChange={(_e, v) => onChange(v)}
        onBlur={onBlur}
        list={listId}
        autoComplete="off"
        spellCheck={false}
        {...describedBy(state, hint)}
      />
      {listId && (
        <datalist id={listId}>
          {(suggestions ?? []).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      <FieldHelp state={state} hint={hint} />
    </FormGroup>
  );
};
