import {
  Alert,
  Button,
  Card,
  CardBody,
  Checkbox,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Radio,
  Stack,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { PlusCircleIcon, TrashIcon } from '@patternfly/react-icons';
import { useTranslation } from 'react-i18next';
import { ACCESS_MODES } from '../../../k8s/access-modes';
import { defaultClasses, isDefaultClass } from '../../../k8s/default-storage-class';
import { formatQuantity } from '../../../k8s/quantity';
import type { StorageClass } from '../../../k8s/types';
import { newPoolForm, type HppForm, type PoolFormValues } from '../logic/hpp-spec';
import { HPP_CSI_PROVISIONER, HPP_LEGACY_PROVISIONER } from '../logic/hpp-types';
import { describedBy, FieldHelp, fieldId, type FieldStateOf } from './FieldHelp';

export interface PoolsStepProps {
  form: HppForm;
  update: (change: (form: HppForm) => HppForm) => void;
  touch: (field: string) => void;
  fieldState: FieldStateOf;
  /** Undefined when they could not be read: the class is then typed. */
  storageClasses?: StorageClass[];
  /** Replaces the legacy pathConfig with a pool (shown only while the form has one). */
  onMigrate: () => void;
  /** What the migration found, in words (after "Migrate to a storage pool"). */
  migrationFindings?: string[];
}

const isHpp = (sc: StorageClass) =>
  sc.provisioner === HPP_CSI_PROVISIONER || sc.provisioner === HPP_LEGACY_PROVISIONER;

export const PoolsStep = ({
  form,
  update,
  touch,
  fieldState,
  storageClasses,
  onMigrate,
  migrationFindings,
}: PoolsStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const setPool = (i: number, values: Partial<PoolFormValues>) =>
    update((f) => ({ ...f, pools: f.pools.map((p, j) => (j === i ? { ...p, ...values } : p)) }));
  const removePool = (i: number) => update((f) => ({ ...f, pools: f.pools.filter((_, j) => j !== i) }));
  const addPool = () => update((f) => ({ ...f, pools: [...f.pools, newPoolForm('basic')] }));
  const poolsState = fieldState('pools');
  const [k8sDefault] = storageClasses ? defaultClasses(storageClasses, 'k8s') : [];
  const classLabel = (sc: StorageClass) => {
    const marks = [
      isDefaultClass(sc, 'k8s') ? t('default') : undefined,
      isHpp(sc) ? t('hostpath provisioner') : undefined,
    ].filter(Boolean);
    const name = sc.metadata?.name ?? '';
    return marks.length > 0 ? `${name} (${marks.join(', ')})` : name;
  };

  const text = (i: number, key: 'name' | 'path' | 'size', label: string, hint?: string) => {
    const field = `pools[${i}].${key}`;
    const state = fieldState(field);
    return (
      <FormGroup label={label} isRequired fieldId={fieldId(field)}>
        <TextInput
          id={fieldId(field)}
          value={form.pools[i][key]}
          isRequired
          onChange={(_e, v) => setPool(i, { [key]: v })}
          onBlur={() => touch(field)}
          {...describedBy(state, hint)}
        />
        <FieldHelp state={state} hint={hint} />
      </FormGroup>
    );
  };

  const template = (p: PoolFormValues, i: number) => {
    const volumeModeField = `pools[${i}].volumeMode`;
    const classField = `pools[${i}].storageClassName`;
    const modesField = `pools[${i}].accessModes`;
    const volumeModeState = fieldState(volumeModeField);
    const classState = fieldState(classField);
    const modesState = fieldState(modesField);
    const bytes = formatQuantity(p.size.trim());
    const listed = storageClasses?.some((sc) => sc.metadata?.name === p.storageClassName);
    const classHint = p.storageClassName
      ? undefined
      : t('Without a class, the pool PVCs get the cluster default StorageClass.');
    return (
      <>
        {text(
          i,
          'size',
          t('Size per node'),
          fieldState(`pools[${i}].size`).errors.length === 0 && bytes
            ? t('{{bytes}}. Each node gets one volume of this size.', { bytes })
            : t('A Kubernetes quantity, e.g. 100Gi. Each node gets one volume of this size.'),
        )}
        <FormGroup label={t('StorageClass of the pool volumes')} fieldId={fieldId(classField)}>
          {storageClasses ? (
            <FormSelect
              id={fieldId(classField)}
              value={p.storageClassName}
              onChange={(_e, v) => setPool(i, { storageClassName: v })}
              {...describedBy(classState, classHint)}
            >
              <FormSelectOption
                value=""
                label={
                  k8sDefault
                    ? t('Cluster default (now {{name}})', { name: k8sDefault.metadata?.name ?? '' })
                    : t('Cluster default (none is set)')
                }
              />
              {storageClasses.map((sc) => (
                <FormSelectOption key={sc.metadata?.name} value={sc.metadata?.name} label={classLabel(sc)} />
              ))}
              {p.storageClassName && !listed && (
                <FormSelectOption value={p.storageClassName} label={p.storageClassName} />
              )}
            </FormSelect>
          ) : (
            <TextInput
              id={fieldId(classField)}
              value={p.storageClassName}
              onChange={(_e, v) => setPool(i, { storageClassName: v })}
              {...describedBy(classState, classHint)}
            />
          )}
          <FieldHelp
            state={classState}
            hint={
              storageClasses
                ? classHint
                : t('StorageClasses could not be read: type the name, or leave it empty for the default.')
            }
          />
        </FormGroup>
        <FormGroup label={t('Volume mode')} fieldId={fieldId(volumeModeField)}>
          <FormSelect
            id={fieldId(volumeModeField)}
            value={p.volumeMode}
            onChange={(_e, v) => setPool(i, { volumeMode: v })}
            {...describedBy(volumeModeState)}
          >
            <FormSelectOption value="" label={t('Not set (Filesystem)')} />
            <FormSelectOption value="Filesystem" label={t('Filesystem')} />
            <FormSelectOption value="Block" label={t('Block')} />
            {!['', 'Filesystem', 'Block'].includes(p.volumeMode) && (
              <FormSelectOption value={p.volumeMode} label={p.volumeMode} />
            )}
          </FormSelect>
          <FieldHelp state={volumeModeState} />
        </FormGroup>
        <FormGroup
          role="group"
          isStack
          label={t('Access modes')}
          fieldId={fieldId(modesField)}
          aria-describedby={describedBy(modesState)['aria-describedby']}
        >
          {ACCESS_MODES.map((mode) => (
            <Checkbox
              key={mode}
              id={`${fieldId(modesField)}-${mode}`}
              label={mode}
              isChecked={p.accessModes.includes(mode)}
              onChange={(_e, checked) =>
                setPool(i, {
                  accessModes: checked ? [...p.accessModes, mode] : p.accessModes.filter((m) => m !== mode),
                })
              }
            />
          ))}
          <FieldHelp state={modesState} />
        </FormGroup>
      </>
    );
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      <Content component="p">
        {t(
          'A storage pool is a directory on each node where the provisioner creates volumes. A basic pool uses the directory as it is; a PVC template pool first gets a volume of another StorageClass on each node and mounts it there.',
        )}
      </Content>
      {form.pathConfig && (
        <Alert variant="warning" isInline title={t('This provisioner uses the deprecated legacy path')}>
          <Stack hasGutter>
            <Content component="p">
              {t(
                'spec.pathConfig ({{path}}) is deprecated. Migrate it to a storage pool on the same directory: existing CSI volumes keep working in the pool named legacy.',
                { path: form.pathConfig.path ?? '' },
              )}
            </Content>
            <div>
              <Button variant="secondary" onClick={onMigrate}>
                {t('Migrate to a storage pool')}
              </Button>
            </div>
          </Stack>
        </Alert>
      )}
      {migrationFindings && (
        <Alert
          variant={migrationFindings.length > 0 ? 'warning' : 'info'}
          isInline
          title={t('The legacy path became the pool legacy')}
        >
          {migrationFindings.length > 0 ? (
            <ul>
              {migrationFindings.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : (
            t('Nothing else changes: existing volumes stay where they are.')
          )}
        </Alert>
      )}
      {form.pools.map((p, i) => {
        const titleId = `vsp-hpp-pool-${i}-title`;
        const kindName = `vsp-hpp-pool-${i}-kind`;
        const poolState = fieldState(`pools[${i}]`);
        return (
          // Each pool is a labelled region, so its fields are found (and announced) per pool.
          <Card key={i} component="section" aria-labelledby={titleId} isCompact>
            <CardBody>
              <Stack hasGutter>
                <Title headingLevel="h3" size="md" id={titleId}>
                  {t('Storage pool {{n}}', { n: i + 1 })}
                  {p.name.trim() ? `: ${p.name.trim()}` : ''}
                </Title>
                {text(i, 'name', t('Name'))}
                {text(i, 'path', t('Path on the node'))}
                <FormGroup role="radiogroup" isInline label={t('Type')} fieldId={kindName}>
                  <Radio
                    id={`${kindName}-basic`}
                    name={kindName}
                    label={t('Basic: a directory on each node')}
                    isChecked={p.kind === 'basic'}
                    onChange={() => setPool(i, { kind: 'basic' })}
                  />
                  <Radio
                    id={`${kindName}-template`}
                    name={kindName}
                    label={t('PVC template: a volume of another class on each node')}
                    isChecked={p.kind === 'pvcTemplate'}
                    onChange={() => setPool(i, { kind: 'pvcTemplate' })}
                  />
                  <FieldHelp state={poolState} />
                </FormGroup>
                {p.kind === 'pvcTemplate' && template(p, i)}
                <div>
                  <Button
                    variant="link"
                    isInline
                    icon={<TrashIcon />}
                    onClick={() => removePool(i)}
                    aria-label={t('Remove storage pool {{n}}', { n: i + 1 })}
                  >
                    {t('Remove pool')}
                  </Button>
                </div>
              </Stack>
            </CardBody>
          </Card>
        );
      })}
      <FieldHelp state={poolsState} />
      <div>
        <Button variant="link" icon={<PlusCircleIcon />} onClick={addPool}>
          {t('Add storage pool')}
        </Button>
      </div>
    </Form>
  );
};
