import { FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

/** The known namespaces, with `value` first when it is not among them (prefilled, or since deleted). */
export const namespaceOptions = (
  value: string | undefined,
  namespaces: readonly string[],
): readonly string[] => (value && !namespaces.includes(value) ? [value, ...namespaces] : namespaces);

/**
 * A namespace control: a select of the known namespaces, or a text field when they cannot be listed. A value
 * that is not in the list (e.g. prefilled) stays selectable.
 */
export const NamespaceField = ({
  id,
  value,
  namespaces,
  onChange,
  validated,
  describedBy,
  placeholder,
}: {
  id: string;
  value: string;
  namespaces: readonly string[] | undefined;
  onChange: (value: string) => void;
  validated: 'default' | 'error';
  describedBy?: string;
  placeholder?: string;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': validated === 'error' ? true : undefined,
    validated,
  };
  if (!namespaces) {
    return (
      <TextInput
        {...common}
        value={value}
        onChange={(_e, v) => onChange(v)}
        placeholder={placeholder}
        autoComplete="off"
      />
    );
  }
  const options = namespaceOptions(value, namespaces);
  return (
    <FormSelect {...common} value={value} onChange={(_e, v) => onChange(v)}>
      <FormSelectOption value="" label={t('Choose a namespace')} isPlaceholder />
      {options.map((ns) => (
        <FormSelectOption key={ns} value={ns} label={ns} />
      ))}
    </FormSelect>
  );
};
