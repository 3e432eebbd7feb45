import {
  Button,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  TextInput,
} from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isDns1123Label } from '../k8s/names';
import { namespaceOptions } from './NamespaceField';

const ALL = '';

/**
 * A namespace filter: a select of every namespace (plus "All namespaces") when namespaces can be listed;
 * otherwise a text field (a namespace admin types the namespace they administer).
 */
export const NamespaceFilter = ({
  id,
  label,
  value,
  namespaces,
  onChange,
}: {
  id: string;
  /** The visible label, e.g. "Source namespace". */
  label: string;
  /** The filtered namespace; undefined = all namespaces. */
  value: string | undefined;
  /** Known namespaces; undefined when they cannot be listed. */
  namespaces: readonly string[] | undefined;
  onChange: (namespace: string | undefined) => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [text, setText] = useState(value ?? '');
  const [touched, setTouched] = useState(false);
  // The URL may change the filter (back, a link): the text follows it.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setText(value ?? '');
  }

  if (namespaces) {
    // The filtered namespace stays selectable even when it is not (or no longer) in the list.
    const options = namespaceOptions(value, namespaces);
    return (
      <FormGroup label={label} fieldId={id}>
        <FormSelect
          id={id}
          value={value ?? ALL}
          onChange={(_e, v) => onChange(v === ALL ? undefined : v)}
          aria-label={label}
        >
          <FormSelectOption value={ALL} label={t('All namespaces')} />
          {options.map((ns) => (
            <FormSelectOption key={ns} value={ns} label={ns} />
          ))}
        </FormSelect>
      </FormGroup>
    );
  }

  const trimmed = text.trim();
  const invalid = trimmed !== '' && !isDns1123Label(trimmed);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (invalid) return;
    onChange(trimmed || undefined);
  };
  const helpId = `${id}-help`;
  return (
    <form onSubmit={apply} noValidate>
      <FormGroup label={label} fieldId={id}>
        <InputGroup>
          <InputGroupItem isFill>
            <TextInput
              id={id}
              value={text}
              onChange={(_e, v) => setText(v)}
              placeholder={t('All namespaces')}
              validated={touched && invalid ? 'error' : 'default'}
              aria-invalid={touched && invalid ? true : undefined}
              aria-describedby={helpId}
            />
          </InputGroupItem>
          <InputGroupItem>
            <Button variant="control" type="submit">
              {t('Apply')}
            </Button>
          </InputGroupItem>
        </InputGroup>
        <FormHelperText>
          <HelperText id={helpId}>
            {touched && invalid ? (
              <HelperTextItem variant="error">
                {t('A namespace name is lowercase letters, digits and "-", at most 63 characters.')}
              </HelperTextItem>
            ) : (
              <HelperTextItem>
                {t('You may not list namespaces: type one, e.g. a namespace you administer.')}
              </HelperTextItem>
            )}
          </HelperText>
        </FormHelperText>
      </FormGroup>
    </form>
  );
};
