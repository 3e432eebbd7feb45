import {
  Alert,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  TextInput,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { effectiveBootSourceClass, isDefaultClass } from '../../../k8s/default-storage-class';
import { formatQuantity } from '../../../k8s/quantity';
import type { StorageClass } from '../../../k8s/types';
import { describedBy, FieldHelp, fieldInput } from './FieldHelp';
import type { StepProps } from './SourceStep';

export const isWffc = (classes: readonly StorageClass[], name: string | undefined): boolean =>
  !!name && classes.find((c) => c.metadata?.name === name)?.volumeBindingMode === 'WaitForFirstConsumer';

/** The class a source with `chosen` ('' = default) lands on, as CDI picks it. */
export const classInEffect = (classes: readonly StorageClass[], chosen: string): string | undefined => {
  const effective = effectiveBootSourceClass(classes, { explicitName: chosen.trim() || undefined });
  return effective.source === 'none' ? undefined : effective.className;
};

export const StorageStep = ({
  values,
  set,
  touch,
  fieldState,
  storageClasses,
  isCustomise,
}: StepProps & { storageClasses: StorageClass[]; isCustomise: boolean }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const classLabel = (sc: StorageClass) => {
    const name = sc.metadata?.name ?? '';
    const marks = [
      isDefaultClass(sc, 'virt') ? t('virtualization default') : undefined,
      isDefaultClass(sc, 'k8s') ? t('default') : undefined,
      sc.volumeBindingMode === 'WaitForFirstConsumer' ? t('WaitForFirstConsumer') : undefined,
    ].filter(Boolean);
    return marks.length > 0 ? `${name} (${marks.join(', ')})` : name;
  };
  const defaultClass = classInEffect(storageClasses, '');
  const inEffect = classInEffect(storageClasses, values.storageClass);
  const wffc = isWffc(storageClasses, inEffect);
  const chosenListed = storageClasses.some((sc) => sc.metadata?.name === values.storageClass);
  const bytes = formatQuantity(values.size.trim());
  const sizeState = fieldState('size');
  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      {isCustomise && (
        <Alert
          variant="warning"
          isInline
          title={t('HCO replaces the whole spec of this system source with yours')}
        >
          {t(
            "Later changes to the built-in definition (a new image location, schedule or retention) won't reach it until you remove the customisation. Only the storage size and class can be changed here, as HCO supports.",
          )}
        </Alert>
      )}
      <Content component="p">
        {t(
          'Each import is a disk of this size on this StorageClass. Virtual machines clone their disks from the latest import, so a class that clones fast (CSI clone or snapshots) makes VM creation fast.',
        )}
      </Content>
      <FormGroup label={t('Disk size')} isRequired fieldId="vsp-wizard-size">
        <TextInput
          {...fieldInput({ values, set, touch }, 'size')}
          isRequired
          {...describedBy(sizeState, true)}
        />
        <FieldHelp
          state={sizeState}
          hint={
            sizeState.errors.length === 0 && bytes
              ? t('{{bytes}}. Must hold the unpacked image (e.g. 30Gi for most Linux cloud images).', {
                  bytes,
                })
              : t('A Kubernetes quantity, e.g. 30Gi. Must hold the unpacked image.')
          }
        />
      </FormGroup>
      <FormGroup label={t('StorageClass')} fieldId="vsp-wizard-storageClass">
        <FormSelect
          id="vsp-wizard-storageClass"
          value={values.storageClass}
          onChange={(_e, v) => set('storageClass', v)}
          {...describedBy(fieldState('storageClass'), true)}
        >
          <FormSelectOption
            value=""
            label={
              defaultClass
                ? t('Cluster default (now {{name}})', { name: defaultClass })
                : t('Cluster default (none is set)')
            }
          />
          {storageClasses.map((sc) => (
            <FormSelectOption key={sc.metadata?.name} value={sc.metadata?.name} label={classLabel(sc)} />
          ))}
          {values.storageClass && !chosenListed && (
            <FormSelectOption value={values.storageClass} label={values.storageClass} />
          )}
        </FormSelect>
        <FieldHelp
          state={fieldState('storageClass')}
          hint={
            wffc
              ? t(
                  '{{name}} binds volumes only when a pod uses them (WaitForFirstConsumer). The boot source is written with the annotation cdi.kubevirt.io/storage.bind.immediate.requested: "true", so CDI imports right away instead of waiting for a virtual machine.',
                  { name: inEffect },
                )
              : values.storageClass
                ? undefined
                : t(
                    'With the cluster default, CDI uses the virtualization default class (storageclass.kubevirt.io/is-default-virt-class), else the Kubernetes default, at each import.',
                  )
          }
        />
      </FormGroup>
    </Form>
  );
};
