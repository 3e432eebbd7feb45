import { Alert, Content, Form, FormGroup, Radio, Stack } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { SubjectKind } from '../logic/types';
import { NameField, type FieldStateOf } from './fields';

export interface SubjectValues {
  kind: SubjectKind;
  saNamespace: string;
  saName: string;
  userName: string;
  groupName: string;
}

export interface SubjectStepProps {
  values: SubjectValues;
  update: (values: Partial<SubjectValues>) => void;
  touch: (field: 'subjectName' | 'subjectNamespace') => void;
  fieldState: FieldStateOf;
  namespaces: string[] | undefined;
  sourceNamespace: string;
}

export const SubjectStep = ({
  values,
  update,
  touch,
  fieldState,
  namespaces,
  sourceNamespace,
}: SubjectStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const kinds: { kind: SubjectKind; label: string; description: string }[] = [
    {
      kind: 'ServiceAccount',
      label: t('Service account'),
      description: t('Usually the default service account of the namespace where the VMs are created.'),
    },
    { kind: 'User', label: t('User'), description: t('A person, by their user name.') },
    {
      kind: 'Group',
      label: t('Group'),
      description: t('Every member of a group, by its name.'),
    },
  ];
  return (
    <Stack hasGutter>
      <Content component="p">
        {t('Who may clone from {{namespace}}.', { namespace: sourceNamespace || t('the source namespace') })}
      </Content>
      <Form onSubmit={(e) => e.preventDefault()}>
        <FormGroup role="radiogroup" label={t('Subject kind')} fieldId="vsp-grant-subject-kind" isStack>
          {kinds.map((k) => (
            <Radio
              key={k.kind}
              id={`vsp-grant-subject-kind-${k.kind}`}
              name="vsp-grant-subject-kind"
              label={k.label}
              description={k.description}
              isChecked={values.kind === k.kind}
              onChange={() => update({ kind: k.kind })}
            />
          ))}
        </FormGroup>
        {values.kind === 'ServiceAccount' && (
          <>
            <NameField
              field="subjectNamespace"
              label={t('Namespace of the service account')}
              value={values.saNamespace}
              state={fieldState('subjectNamespace')}
              onChange={(v) => update({ saNamespace: v })}
              onBlur={() => touch('subjectNamespace')}
              suggestions={namespaces}
              hint={t('The destination namespace: where the VMs and DataVolumes that clone are created.')}
            />
            <NameField
              field="subjectName"
              label={t('Service account name')}
              value={values.saName}
              state={fieldState('subjectName')}
              onChange={(v) => update({ saName: v })}
              onBlur={() => touch('subjectName')}
            />
          </>
        )}
        {values.kind === 'User' && (
          <NameField
            field="subjectName"
            label={t('User name')}
            value={values.userName}
            state={fieldState('subjectName')}
            onChange={(v) => update({ userName: v })}
            onBlur={() => touch('subjectName')}
          />
        )}
        {values.kind === 'Group' && (
          <NameField
            field="subjectName"
            label={t('Group name')}
            value={values.groupName}
            state={fieldState('subjectName')}
            onChange={(v) => update({ groupName: v })}
            onBlur={() => touch('subjectName')}
          />
        )}
      </Form>
      <Alert variant="info" isInline isPlain title={t('Why a service account is the usual choice')}>
        <Content component="p">
          {t(
            "When a VM's dataVolumeTemplates clone a disk, KubeVirt checks the permission as the default service account of the VM's namespace. Granting that service account lets every VM in that namespace clone from the source namespace, whoever creates the VM.",
          )}
        </Content>
        <Content component="p">
          {t(
            'A DataVolume created directly is checked as the user who creates it: grant that user (or their group) when people create clone DataVolumes by hand.',
          )}
        </Content>
      </Alert>
    </Stack>
  );
};
