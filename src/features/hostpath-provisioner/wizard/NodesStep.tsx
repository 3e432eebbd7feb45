import {
  Button,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Flex,
  FlexItem,
  TextInput,
} from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import { useTranslation } from 'react-i18next';
import type { HppForm, NodeSelectorRow } from '../logic/hpp-spec';
import type { NodeLike } from '../logic/hpp-types';
import { countMatchingNodes, PULL_POLICIES } from '../logic/pool-validation';
import { describedBy, FieldHelp, fieldId, type FieldStateOf } from './FieldHelp';

export interface NodesStepProps {
  form: HppForm;
  update: (change: (form: HppForm) => HppForm) => void;
  touch: (field: string) => void;
  fieldState: FieldStateOf;
  /** Undefined when the nodes could not be read: the match count is unknown. */
  nodes?: NodeLike[];
}

export const NodesStep = ({ form, update, touch, fieldState, nodes }: NodesStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const setRow = (j: number, values: Partial<NodeSelectorRow>) =>
    update((f) => ({
      ...f,
      nodeSelector: f.nodeSelector.map((r, k) => (k === j ? { ...r, ...values } : r)),
    }));
  const removeRow = (j: number) =>
    update((f) => ({ ...f, nodeSelector: f.nodeSelector.filter((_, k) => k !== j) }));
  const addRow = () => update((f) => ({ ...f, nodeSelector: [...f.nodeSelector, { key: '', value: '' }] }));
  const matching = countMatchingNodes(form.nodeSelector, nodes);
  const selectorState = fieldState('workload.nodeSelector');
  const policyState = fieldState('imagePullPolicy');
  const policy = form.imagePullPolicy;
  const matchText =
    matching === undefined
      ? t('Matching nodes: unknown (nodes cannot be read).')
      : t('{{count}} nodes match', { count: matching });

  const cell = (j: number, key: 'key' | 'value', label: string) => {
    const field = `workload.nodeSelector[${j}].${key}`;
    const state = fieldState(field);
    return (
      <FormGroup label={label} fieldId={fieldId(field)}>
        <TextInput
          id={fieldId(field)}
          value={form.nodeSelector[j][key]}
          onChange={(_e, v) => setRow(j, { [key]: v })}
          onBlur={() => touch(field)}
          {...describedBy(state)}
        />
        <FieldHelp state={state} />
      </FormGroup>
    );
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      <Content component="p">
        {t(
          'The provisioner runs on the nodes that carry every label below, and each of them gets every storage pool. Without labels it runs on every node it tolerates.',
        )}
      </Content>
      <FormGroup role="group" label={t('Node selector')} fieldId="vsp-hpp-workload-nodeSelector">
        {form.nodeSelector.map((_, j) => (
          // Rows have no identity of their own; the controls are controlled, so the index is enough.
          <Flex key={j} alignItems={{ default: 'alignItemsFlexEnd' }} flexWrap={{ default: 'nowrap' }}>
            <FlexItem grow={{ default: 'grow' }}>
              {cell(j, 'key', t('Label key {{n}}', { n: j + 1 }))}
            </FlexItem>
            <FlexItem grow={{ default: 'grow' }}>
              {cell(j, 'value', t('Label value {{n}}', { n: j + 1 }))}
            </FlexItem>
            <FlexItem>
              <Button
                variant="plain"
                icon={<MinusCircleIcon />}
                aria-label={t('Remove label {{n}}', { n: j + 1 })}
                onClick={() => removeRow(j)}
              />
            </FlexItem>
          </Flex>
        ))}
        <div>
          <Button variant="link" isInline icon={<PlusCircleIcon />} onClick={addRow}>
            {t('Add label')}
          </Button>
        </div>
        <FieldHelp
          state={selectorState}
          hint={<span data-testid="vsp-hpp-matching-nodes">{matchText}</span>}
        />
      </FormGroup>
      <FormGroup label={t('Image pull policy')} fieldId={fieldId('imagePullPolicy')}>
        <FormSelect
          id={fieldId('imagePullPolicy')}
          value={policy}
          onChange={(_e, v) => update((f) => ({ ...f, imagePullPolicy: v }))}
          {...describedBy(policyState)}
        >
          <FormSelectOption value="" label={t('Not set (the operator decides)')} />
          {PULL_POLICIES.map((p) => (
            <FormSelectOption key={p} value={p} label={p} />
          ))}
          {policy !== '' && !(PULL_POLICIES as readonly string[]).includes(policy) && (
            <FormSelectOption value={policy} label={policy} />
          )}
        </FormSelect>
        <FieldHelp state={policyState} />
      </FormGroup>
    </Form>
  );
};
