import { Form, FormGroup, FormSection, Radio, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { describedBy, FieldHelp, fieldInput } from './FieldHelp';
import type { StepProps } from './SourceStep';

export const DataSourceStep = ({ values, set, touch, fieldState }: StepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const all = values.retentionPolicy === 'All';
  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      <FormSection title={t('DataSource')} titleElement="h2">
        <FormGroup label={t('DataSource name')} isRequired fieldId="vsp-wizard-managedDataSource">
          <TextInput
            {...fieldInput({ values, set, touch }, 'managedDataSource')}
            isRequired
            {...describedBy(fieldState('managedDataSource'), true)}
          />
          <FieldHelp
            state={fieldState('managedDataSource')}
            hint={t(
              'CDI keeps this DataSource pointed at the latest import. VM templates find their boot source by it: the name must match the template\'s sourceRef, e.g. "rhel9" for the RHEL 9 templates.',
            )}
          />
        </FormGroup>
      </FormSection>
      <FormSection title={t('Retention')} titleElement="h2">
        <FormGroup
          role="radiogroup"
          isStack
          fieldId="vsp-wizard-retention"
          label={t('When the boot source is removed')}
        >
          <Radio
            id="vsp-wizard-retention-none"
            name="vsp-wizard-retention"
            label={t('Delete its imports and DataSource (None, HCO default)')}
            description={t('Removing the boot source cleans up everything it imported.')}
            isChecked={!all}
            onChange={() => set('retentionPolicy', 'None')}
          />
          <Radio
            id="vsp-wizard-retention-all"
            name="vsp-wizard-retention"
            label={t('Keep its imports and DataSource (All)')}
            description={t(
              'The last imports and the DataSource stay, so VMs can still be created from them; you delete them by hand.',
            )}
            isChecked={all}
            onChange={() => set('retentionPolicy', 'All')}
          />
        </FormGroup>
        <FormGroup label={t('Imports to keep')} isRequired fieldId="vsp-wizard-importsToKeep">
          <TextInput
            {...fieldInput({ values, set, touch }, 'importsToKeep')}
            inputMode="numeric"
            isRequired
            {...describedBy(fieldState('importsToKeep'), true)}
          />
          <FieldHelp
            state={fieldState('importsToKeep')}
            hint={t(
              'How many imported versions CDI keeps after a newer one arrives (older ones are deleted). 1 keeps only the latest (HCO default); more allows going back, at the cost of storage.',
            )}
          />
        </FormGroup>
      </FormSection>
    </Form>
  );
};
