import {
  ActionGroup,
  Alert,
  Button,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  InputGroupText,
  Label,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PatchPreview } from '../../../components/PatchPreview';
import { ResourceFormAlerts } from '../../../components/ResourceFormAlerts';
import { StatusIcon } from '../../../components/StatusIcon';
import { hcoFieldName, hcoPath, hcoVersionOf, hyperConvergedModelFor } from '../../../k8s/hco-paths';
import { getAtPath } from '../../../k8s/json-patch';
import type { FilesystemOverhead, HyperConverged } from '../../../k8s/types';
import { useResourceForm, type WriteFailure } from '../../../k8s/use-resource-form';
import {
  CDI_DEFAULT_OVERHEAD,
  classFieldId,
  classOfFieldId,
  GLOBAL_FIELD_ID,
  jsonpatchTouchesOverhead,
  overheadFields,
  overheadRows,
  overheadToPercent,
  validatePercentInput,
  type OverheadInputError,
  type OverheadNote,
} from '../logic/filesystem-overhead';
import { OverheadCalculator } from './overhead-calculator';
import type { SettingsSectionProps } from './section-props';
import { SettingsCard } from './SettingsCard';

const useOverheadTexts = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  /** "5.5 % (0.055)": the percentage and the exact stored string. */
  const show = (value: string | undefined): string =>
    value === undefined
      ? t('Not set')
      : overheadToPercent(value) !== undefined
        ? t('{{percent}} % ({{value}})', { percent: overheadToPercent(value), value })
        : value;
  const inputError = (e: OverheadInputError): string => {
    switch (e) {
      case 'format':
        return t('Enter a percentage from 0 to 100, e.g. 5.5.');
      case 'negative':
        return t('The overhead cannot be negative: enter 0 to 100.');
      case 'too-large':
        return t('At most 100 %: enter 0 to 100.');
      case 'too-precise':
        return t(
          'At most one decimal: HCO stores the overhead as a fraction with at most 3 decimals (5.5 % is 0.055).',
        );
    }
  };
  const noteText = (note: OverheadNote, v: { expected: string; applied?: string }): string => {
    switch (note) {
      case 'cdi-default':
        return t(
          "Not set in the HyperConverged: CDI applies its default, {{value}}. (HCO's field description says 0.055; that is outdated.)",
          { value: show(CDI_DEFAULT_OVERHEAD) },
        );
      case 'follows-global':
        return t('No override: the global value applies.');
      case 'not-applied-yet':
        return t(
          'CDI applies {{applied}}, not {{expected}}: HCO has not copied the HyperConverged to the CDI resource yet, or CDI has not reconciled it. This normally takes seconds.',
          { applied: show(v.applied), expected: show(v.expected) },
        );
      case 'jsonpatch':
        return t(
          "CDI applies {{applied}}, not {{expected}}: the HyperConverged's unsupported annotation containerizeddataimporter.kubevirt.io/jsonpatch changes CDI's filesystem overhead.",
          { applied: show(v.applied), expected: show(v.expected) },
        );
      case 'no-such-class':
        return t('No StorageClass has this name: CDI ignores the override until one is created.');
      case 'class-not-in-status':
        return t('CDIConfig has no value for this class yet: CDI adds new classes when it next reconciles.');
      case 'applied-unknown':
        return t('What CDI applies is unknown: CDIConfig is not readable.');
    }
  };
  return { show, inputError, noteText };
};

const NOTE_STATUS: Record<OverheadNote, 'info' | 'in-progress' | 'warning' | 'unknown'> = {
  'cdi-default': 'info',
  'follows-global': 'info',
  'not-applied-yet': 'in-progress',
  jsonpatch: 'warning',
  'no-such-class': 'warning',
  'class-not-in-status': 'in-progress',
  'applied-unknown': 'unknown',
};

/**
 * `filesystemOverhead` of the HyperConverged (`spec.` in v1beta1, `spec.storage.` in v1): the global value and one override per StorageClass, each
 * its own field (clearing one removes just that key), entered as percentages and stored as HCO's exact
 * strings; beside each, what CDI applies (CDIConfig.status) and why it differs. Saved on its own.
 */
export const FilesystemOverheadSection = ({
  hco,
  cdiConfig,
  storageClasses,
  canWrite,
}: SettingsSectionProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { show, inputError, noteText } = useOverheadTexts();
  const [saved, setSaved] = useState(false);

  // Every class name seen so far (classes and overrides): a field never disappears under an edit. Grown
  // during render (React's "state from previous renders" pattern), never shrunk.
  const [seen, setSeen] = useState<readonly string[]>([]);
  // Per object: the paths of the HyperConverged's version (v1beta1 spec.filesystemOverhead, v1 spec.storage.…).
  const version = hcoVersionOf(hco);
  const basePath = useMemo(() => hcoPath('filesystemOverhead', version), [version]);
  const liveOverrides = (getAtPath(hco, [...basePath, 'storageClass']).value ?? {}) as Record<string, string>;
  const current = [
    ...(storageClasses.data ?? []).map((sc) => sc.metadata?.name ?? ''),
    ...Object.keys(liveOverrides),
  ].filter(Boolean);
  const missing = current.filter((n) => !seen.includes(n));
  const known = missing.length > 0 ? [...new Set([...seen, ...missing])].sort() : seen;
  if (missing.length > 0) setSeen(known);
  const fields = useMemo(() => overheadFields(basePath, known), [basePath, known]);

  const form = useResourceForm<HyperConverged>({
    model: hyperConvergedModelFor(version),
    object: hco,
    fields,
    onSaved: () => setSaved(true),
  });

  const baseSpec = getAtPath(form.session.base, basePath).value as FilesystemOverhead | undefined;
  const classesKnown = storageClasses.status === 'loaded';
  const classNames = (storageClasses.data ?? []).map((sc) => sc.metadata?.name ?? '').filter(Boolean);
  const applied =
    cdiConfig.status === 'loaded' ? (cdiConfig.data?.status?.filesystemOverhead ?? {}) : undefined;
  const { global, rows } = overheadRows(
    baseSpec,
    applied,
    classesKnown ? classNames : Object.keys(baseSpec?.storageClass ?? {}),
    jsonpatchTouchesOverhead(form.session.base),
  );
  // Without the class list, every override would read as "no such class": say nothing instead.
  const rowNotes = (notes: OverheadNote[]) =>
    classesKnown ? notes : notes.filter((n) => n !== 'no-such-class');

  const errors = fields
    .map((f) => ({ id: f.id, error: validatePercentInput(form.value<string>(f.id)) }))
    .filter((e): e is { id: string; error: OverheadInputError } => e.error !== undefined);
  const errorOf = (id: string) => errors.find((e) => e.id === id)?.error;
  const disabled = !canWrite || form.isPending;
  const patch = Array.isArray(form.patch) ? form.patch : [];

  const set = (id: string, value: string) => {
    setSaved(false);
    form.set(id, value);
  };

  const fieldLabel = (id: string) => {
    const cls = classOfFieldId(id);
    return cls === undefined ? t('Global overhead') : t('Override for {{class}}', { class: cls });
  };
  const formatValue = (_id: string, value: unknown): ReactNode =>
    typeof value === 'string' && value !== '' ? t('{{percent}} %', { percent: value }) : t('Not set');
  const failureTitle = (f: WriteFailure) =>
    f.conflict
      ? t('Someone else changed the filesystem overhead, so nothing was saved')
      : t('Could not save the filesystem overhead');

  const appliedCell = (value: string | undefined): string => {
    if (cdiConfig.status === 'loading') return t('Loading…');
    if (applied === undefined)
      return cdiConfig.status === 'forbidden'
        ? t('Unknown: you may not read CDIConfig.')
        : t('Unknown: CDIConfig could not be read.');
    return value === undefined ? t('None') : show(value);
  };

  const notesList = (notes: OverheadNote[], v: { expected: string; applied?: string }, testId: string) =>
    notes.length > 0 ? (
      <Stack data-testid={testId}>
        {notes.map((n) => (
          <StackItem key={n}>
            <StatusIcon status={NOTE_STATUS[n]}>{noteText(n, v)}</StatusIcon>
          </StackItem>
        ))}
      </Stack>
    ) : null;

  const percentInput = (id: string, label: string, placeholder: string) => {
    const error = errorOf(id);
    const inputId = `vsp-overhead-${id.replace(/[^a-zA-Z0-9-]/g, '-')}`;
    return (
      <>
        <InputGroup>
          <InputGroupItem isFill>
            <TextInput
              id={inputId}
              aria-label={label}
              value={form.value<string>(id)}
              placeholder={placeholder}
              isDisabled={disabled}
              validated={error ? 'error' : 'default'}
              aria-invalid={error !== undefined}
              aria-describedby={error ? `${inputId}-error` : undefined}
              inputMode="decimal"
              onChange={(_e, v) => set(id, v)}
            />
          </InputGroupItem>
          <InputGroupItem isPlain>
            <InputGroupText isPlain isDisabled={disabled}>
              %
            </InputGroupText>
          </InputGroupItem>
        </InputGroup>
        {error && (
          <FormHelperText>
            <HelperText id={`${inputId}-error`}>
              <HelperTextItem variant="error">{inputError(error)}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        )}
      </>
    );
  };

  const globalValue = form.value<string>(GLOBAL_FIELD_ID);
  const globalPercent = overheadToPercent(global.expected) ?? global.expected;

  return (
    <SettingsCard titleId="vsp-overhead-title" testId="vsp-overhead-section" title={t('Filesystem overhead')}>
      <StackItem>
        <Content component="p">
          {t(
            'The share of a Filesystem-mode PVC that CDI keeps free for the file system when it writes a VM disk image into it. Set a global value and, where a storage class needs it, an override. Stored in the HyperConverged ({{field}}) as a fraction with at most 3 decimals and copied by HCO to CDI; CDIConfig shows what CDI applies.',
            { field: hcoFieldName('filesystemOverhead', version) },
          )}
        </Content>
      </StackItem>
      <StackItem>
        <ResourceFormAlerts
          form={form}
          fieldLabel={fieldLabel}
          formatValue={formatValue}
          failureTitle={failureTitle}
        />
      </StackItem>
      {saved && !form.hasEdits && (
        <StackItem>
          <Alert
            variant="success"
            isInline
            title={t('Filesystem overhead saved. HCO copies it to CDI shortly.')}
          />
        </StackItem>
      )}
      <StackItem>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            if (errors.length === 0 && form.canSave && canWrite) form.save();
          }}
        >
          <Title headingLevel="h3" size="md">
            {t('Global')}
          </Title>
          <DescriptionList isCompact isHorizontal horizontalTermWidthModifier={{ default: '24ch' }}>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('Configured (HyperConverged)')}</DescriptionListTerm>
              <DescriptionListDescription data-testid="vsp-overhead-global-configured">
                {show(global.configured)}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('Applied by CDI (CDIConfig)')}</DescriptionListTerm>
              <DescriptionListDescription data-testid="vsp-overhead-global-applied">
                {appliedCell(global.applied)}
                {notesList(global.notes, global, 'vsp-overhead-global-notes')}
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>
          <FormGroup label={t('Global overhead')} fieldId={`vsp-overhead-${GLOBAL_FIELD_ID}`}>
            <Flex alignItems={{ default: 'alignItemsFlexStart' }}>
              <FlexItem>{percentInput(GLOBAL_FIELD_ID, t('Global overhead'), t('6 (CDI default)'))}</FlexItem>
              {globalValue !== '' && (
                <FlexItem>
                  <Button variant="link" isDisabled={disabled} onClick={() => set(GLOBAL_FIELD_ID, '')}>
                    {t('Use the CDI default')}
                  </Button>
                </FlexItem>
              )}
            </Flex>
            {!errorOf(GLOBAL_FIELD_ID) && (
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>
                    {t(
                      "A percentage from 0 to 100 with at most one decimal; empty means CDI's default, 6 %.",
                    )}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>

          <Title headingLevel="h3" size="md" id="vsp-overhead-classes-title">
            {t('Per storage class')}
          </Title>
          {!classesKnown && (
            <Alert
              variant="warning"
              isInline
              isPlain
              title={
                storageClasses.status === 'loading'
                  ? t('Loading storage classes…')
                  : t('Storage classes could not be read: only classes with an override are listed.')
              }
            />
          )}
          <Table aria-labelledby="vsp-overhead-classes-title" variant="compact">
            <Thead>
              <Tr>
                <Th modifier="wrap" width={20}>
                  {t('Storage class')}
                </Th>
                <Th modifier="wrap" width={30}>
                  {t('Override (HyperConverged)')}
                </Th>
                <Th modifier="wrap" width={15}>
                  {t('Applied by CDI (CDIConfig)')}
                </Th>
                <Th modifier="wrap" width={35}>
                  {t('Notes')}
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((r) => {
                const id = classFieldId(r.className);
                const value = form.value<string>(id);
                return (
                  <Tr key={r.className} data-testid={`vsp-overhead-row-${r.className}`}>
                    <Td dataLabel={t('Storage class')}>
                      {r.className}{' '}
                      {form.isEdited(id) && (
                        <Label color="blue" isCompact>
                          {value === '' ? t('Override to be removed') : t('Changed')}
                        </Label>
                      )}
                    </Td>
                    <Td dataLabel={t('Override (HyperConverged)')}>
                      <Flex alignItems={{ default: 'alignItemsFlexStart' }} flexWrap={{ default: 'nowrap' }}>
                        <FlexItem>
                          {percentInput(
                            id,
                            t('Override for {{class}}', { class: r.className }),
                            t('{{percent}} (global)', { percent: globalPercent }),
                          )}
                        </FlexItem>
                        {value !== '' && (
                          <FlexItem>
                            <Button
                              variant="link"
                              isDisabled={disabled}
                              aria-label={t('Remove the override for {{class}}', { class: r.className })}
                              onClick={() => set(id, '')}
                            >
                              {t('Remove')}
                            </Button>
                          </FlexItem>
                        )}
                      </Flex>
                      <div data-testid={`vsp-overhead-configured-${r.className}`}>
                        {r.configured === undefined
                          ? t('No override')
                          : t('Saved: {{value}}', { value: show(r.configured) })}
                      </div>
                    </Td>
                    <Td dataLabel={t('Applied by CDI (CDIConfig)')}>
                      <span data-testid={`vsp-overhead-applied-${r.className}`}>
                        {r.exists ? appliedCell(r.applied) : t('Not applied')}
                      </span>
                    </Td>
                    <Td dataLabel={t('Notes')}>
                      {notesList(rowNotes(r.notes), r, `vsp-overhead-notes-${r.className}`)}
                    </Td>
                  </Tr>
                );
              })}
              {rows.length === 0 && (
                <Tr>
                  <Td colSpan={4}>{t('No storage classes.')}</Td>
                </Tr>
              )}
            </Tbody>
          </Table>

          {form.hasEdits && (
            <>
              <Content component="p">{t('This JSON patch is sent to the HyperConverged resource:')}</Content>
              {errors.length > 0 ? (
                <Alert
                  variant="danger"
                  isInline
                  title={t('Fix the values marked above: nothing can be sent with them.')}
                />
              ) : (
                <PatchPreview patch={patch} id="vsp-overhead-patch" />
              )}
            </>
          )}
          <ActionGroup>
            <Button
              type="submit"
              variant="primary"
              isDisabled={!canWrite || errors.length > 0 || !form.canSave}
              isLoading={form.isPending}
            >
              {t('Save')}
            </Button>
            <Button variant="link" isDisabled={!form.hasEdits || form.isPending} onClick={form.discard}>
              {t('Discard changes')}
            </Button>
          </ActionGroup>
        </Form>
      </StackItem>
      <StackItem>
        <OverheadCalculator rows={rows} globalOverhead={global.applied ?? global.expected} />
      </StackItem>
    </SettingsCard>
  );
};
