import { Content, Form, Stack } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { NameField, type FieldStateOf } from './fields';

export interface SourceStepProps {
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  fieldState: FieldStateOf;
  /** Undefined: the namespaces could not be listed. */
  namespaces: string[] | undefined;
}

export const SourceStep = ({ value, onChange, onBlur, fieldState, namespaces }: SourceStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <Stack hasGutter>
      <Content component="p">
        {t(
          'Cloning a DataVolume or PVC from another namespace needs permission to create datavolumes/source (cdi.kubevirt.io) in the namespace the source is in. The grant is a RoleBinding there, so it allows clones from that namespace only.',
        )}
      </Content>
      <Form onSubmit={(e) => e.preventDefault()}>
        <NameField
          field="sourceNamespace"
          label={t('Source namespace')}
          value={value}
          state={fieldState('sourceNamespace')}
          onChange={onChange}
          onBlur={onBlur}
          suggestions={namespaces}
          hint={
            namespaces
              ? t(
                  'The namespace the DataVolumes and PVCs to clone are in, e.g. a namespace of golden images.',
                )
              : t(
                  'The namespace the DataVolumes and PVCs to clone are in. Namespaces could not be listed, so the name is not checked.',
                )
          }
        />
      </Form>
    </Stack>
  );
};
