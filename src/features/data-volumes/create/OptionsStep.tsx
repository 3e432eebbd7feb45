import {
  Button,
  Checkbox,
  Content,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormSection,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, FieldHelp } from '../../../components/FieldHelp';
import { IMMEDIATE_BIND_ANNOTATION, isCloneKind } from '../logic/dv-form';
import { annotationInfo, isPropagated, type DvAnnotationInfo } from '../logic/propagated-annotations';
import { annotationRowMessages, fieldMessages } from './storage-messages';
import '../../../components/plugin.css';
import './storage-steps.css';
import { offeredToAdd } from './options-annotations';
import type { StepProps } from './step-props';
import type { StorageFacts } from './use-storage-facts';

/** Preallocation, annotations (with what CDI does with them) and immediate bind. */
export const OptionsStep = ({
  form,
  setForm,
  problems,
  showErrors,
  facts,
}: StepProps & { facts: StorageFacts }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [touchedRows, setTouchedRows] = useState<ReadonlySet<number>>(new Set());
  // After adding a row, focus moves to it (its value when the key is given, else its key).
  const pendingFocus = useRef<string>();
  useEffect(() => {
    if (pendingFocus.current !== undefined) {
      document.getElementById(pendingFocus.current)?.focus();
      pendingFocus.current = undefined;
    }
  });

  const clone = isCloneKind(form.sourceKind);
  const globalDefault = facts.preallocationDefault;
  const preallocState = fieldMessages(t, problems, 'preallocation', { showErrors, touched: false });

  const explain = (info: DvAnnotationInfo): string => {
    const parts = [t(info.explanation)];
    if (isPropagated(info.key))
      parts.push(
        info.podDefault !== undefined
          ? t('CDI copies it to its importer, uploader and cloner pods (without it they get "{{value}}").', {
              value: info.podDefault,
            })
          : t('CDI copies it to its importer, uploader and cloner pods.'),
      );
    else parts.push(t("CDI reads it on the DataVolume's PVC; it is not copied to the pods."));
    return parts.join(' ');
  };

  const rows = form.annotations;
  const setRow = (index: number, patch: Partial<{ key: string; value: string }>) =>
    setForm((f) => ({
      ...f,
      annotations: f.annotations.map((r, i) => (i === index ? { ...r, ...patch } : r)),
    }));
  const removeRow = (index: number) =>
    setForm((f) => ({ ...f, annotations: f.annotations.filter((_, i) => i !== index) }));
  const addRow = (key = '') => {
    const index = rows.length;
    setForm((f) => ({ ...f, annotations: [...f.annotations, { key, value: '' }] }));
    pendingFocus.current = key ? `vsp-dv-annotation-value-${index}` : `vsp-dv-annotation-key-${index}`;
  };
  const offers = offeredToAdd(rows);

  // Immediate bind: only meaningful on WaitForFirstConsumer classes.
  const sc = facts.targetStorageClass;
  const wffc = sc?.volumeBindingMode === 'WaitForFirstConsumer';
  const bindKnown = sc !== undefined;
  const bindReason = (() => {
    if (wffc)
      return t(
        '{{name}} binds volumes only when a pod uses them (WaitForFirstConsumer). Without this, the DataVolume waits (phase WaitForFirstConsumer) until a virtual machine using it is scheduled; with it, CDI binds the PVC and imports right away. Writes {{key}}: "true".',
        { name: facts.targetClass, key: IMMEDIATE_BIND_ANNOTATION },
      );
    if (bindKnown)
      return t('{{name}} binds volumes immediately ({{mode}}): nothing to force.', {
        name: facts.targetClass,
        mode: sc?.volumeBindingMode ?? 'Immediate',
      });
    return facts.targetClass
      ? t('Whether {{name}} waits for the first consumer is unknown: the StorageClass could not be read.', {
          name: facts.targetClass,
        })
      : t(
          'Which StorageClass the DataVolume gets is unknown, so whether it waits for the first consumer is too.',
        );
  })();

  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      <FormSection title={t('Preallocation')} titleElement="h3">
        <Content component="p">
          {t(
            'Preallocation reserves the whole disk on the storage up front, which improves write performance. CDI uses the best method available: qemu-img preallocation with fallocate where the filesystem supports it, else "full" (writing zeros); a blank Block volume is filled with zeros, and a host-assisted clone is copied in full, without skipping sparse areas.',
          )}
        </Content>
        <FormGroup role="radiogroup" label={t('Preallocate the disk')} fieldId="vsp-dv-preallocation" isStack>
          <Radio
            id="vsp-dv-preallocation-global"
            name="vsp-dv-preallocation"
            label={
              globalDefault === undefined
                ? t("CDI's global setting (unknown: CDIConfig could not be read)")
                : globalDefault
                  ? t("CDI's global setting (now: preallocate)")
                  : t("CDI's global setting (now: do not preallocate)")
            }
            description={t(
              'Omits spec.preallocation; CDIConfig.status.preallocation applies when CDI creates the volume.',
            )}
            isChecked={form.preallocation === undefined}
            onChange={() => setForm((f) => ({ ...f, preallocation: undefined }))}
          />
          <Radio
            id="vsp-dv-preallocation-on"
            name="vsp-dv-preallocation"
            label={t('Preallocate')}
            description={t('Writes spec.preallocation = true.')}
            isChecked={form.preallocation === true}
            onChange={() => setForm((f) => ({ ...f, preallocation: true }))}
            {...(preallocState.notes?.length ? { 'aria-describedby': preallocState.helpId } : {})}
          />
          <Radio
            id="vsp-dv-preallocation-off"
            name="vsp-dv-preallocation"
            label={t('Do not preallocate')}
            description={t('Writes spec.preallocation = false (overrides a global "preallocate").')}
            isChecked={form.preallocation === false}
            onChange={() => setForm((f) => ({ ...f, preallocation: false }))}
          />
          <FieldHelp
            state={preallocState}
            hint={
              clone && preallocState.notes?.length === 0 && form.preallocation !== false
                ? t('For clones, only host-assisted copies preallocate.')
                : undefined
            }
          />
        </FormGroup>
      </FormSection>

      <FormSection title={t('Annotations')} titleElement="h3">
        <Content component="p">
          {t(
            'CDI copies every DataVolume annotation to its PVC, and a few of them on to the pods that import, upload or clone the data (for example to attach the importer to a storage network).',
          )}
        </Content>
        {rows.map((row, index) => {
          const state = annotationRowMessages(t, problems, index, {
            showErrors,
            touched: touchedRows.has(index),
          });
          const info = annotationInfo(row.key);
          const hint = info ? explain(info) : undefined;
          return (
            <Flex
              key={index}
              alignItems={{ default: 'alignItemsFlexStart' }}
              data-testid="vsp-dv-annotation-row"
            >
              <FlexItem flex={{ default: 'flex_1' }}>
                <FormGroup label={t('Key')} fieldId={`vsp-dv-annotation-key-${index}`}>
                  <TextInput
                    id={`vsp-dv-annotation-key-${index}`}
                    value={row.key}
                    onChange={(_e, v) => setRow(index, { key: v })}
                    onBlur={() => setTouchedRows((s) => new Set(s).add(index))}
                    {...describedBy(state, hint)}
                  />
                  <FieldHelp state={state} hint={hint} />
                </FormGroup>
              </FlexItem>
              <FlexItem flex={{ default: 'flex_1' }}>
                <FormGroup label={t('Value')} fieldId={`vsp-dv-annotation-value-${index}`}>
                  <TextInput
                    id={`vsp-dv-annotation-value-${index}`}
                    value={row.value}
                    placeholder={info?.example}
                    onChange={(_e, v) => setRow(index, { value: v })}
                  />
                </FormGroup>
              </FlexItem>
              <FlexItem className="vsp-dv-annotation-remove">
                <Button
                  variant="plain"
                  icon={<MinusCircleIcon />}
                  aria-label={t('Remove annotation {{key}}', { key: row.key || index + 1 })}
                  onClick={() => removeRow(index)}
                />
              </FlexItem>
            </Flex>
          );
        })}
        <div>
          <Button variant="link" icon={<PlusCircleIcon />} onClick={() => addRow()}>
            {t('Add annotation')}
          </Button>
        </div>
        {offers.length > 0 && (
          <FormGroup label={t('Annotations CDI understands')} fieldId="vsp-dv-offered" role="group">
            <ul className="vsp-plain-list" aria-label={t('Annotations CDI understands')}>
              {offers.map((info) => (
                <li key={info.key}>
                  <Flex alignItems={{ default: 'alignItemsFlexStart' }} flexWrap={{ default: 'nowrap' }}>
                    <FlexItem>
                      <Button
                        variant="secondary"
                        size="sm"
                        onClick={() => addRow(info.key)}
                        aria-label={t('Add {{key}}', { key: info.key })}
                      >
                        {t('Add')}
                      </Button>
                    </FlexItem>
                    <FlexItem>
                      <Content component="p">
                        <code>{info.key}</code>
                        {': '}
                        {explain(info)}
                      </Content>
                    </FlexItem>
                  </Flex>
                </li>
              ))}
            </ul>
          </FormGroup>
        )}
      </FormSection>

      <FormSection title={t('Binding')} titleElement="h3">
        <FormGroup fieldId="vsp-dv-immediate-bind">
          <Checkbox
            id="vsp-dv-immediate-bind"
            label={t('Bind immediately')}
            isChecked={form.immediateBind}
            isDisabled={!wffc && !form.immediateBind}
            onChange={(_e, checked) => setForm((f) => ({ ...f, immediateBind: checked }))}
            description={bindReason}
          />
        </FormGroup>
      </FormSection>
    </Form>
  );
};
