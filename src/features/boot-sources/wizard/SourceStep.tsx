import { Content, Form, FormGroup, FormSection, Radio, TextInput } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { DEFAULT_GOLDEN_IMAGES_NAMESPACE } from '../logic/boot-source-rows';
import type { CustomSourceField, CustomSourceValues } from '../logic/custom-source-form';
import { describedBy, FieldHelp, fieldInput, type FieldStateOf } from './FieldHelp';

export interface StepProps {
  values: CustomSourceValues;
  set: (field: CustomSourceField, value: string) => void;
  touch: (field: CustomSourceField) => void;
  fieldState: FieldStateOf;
}

export const SourceStep = ({
  values,
  set,
  touch,
  fieldState,
  namespaces,
  isEdit,
}: StepProps & {
  /** Names for suggestions; undefined when they cannot be listed. */
  namespaces?: string[];
  isEdit: boolean;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const input = (field: CustomSourceField) => fieldInput({ values, set, touch }, field);
  const node = values.pullMethod === 'node';
  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      <FormSection title={t('Image')} titleElement="h2">
        <FormGroup label={t('Name')} isRequired fieldId="vsp-wizard-name">
          <TextInput {...input('name')} isRequired {...describedBy(fieldState('name'), !isEdit)} />
          <FieldHelp
            state={fieldState('name')}
            hint={
              isEdit
                ? undefined
                : t(
                    'The name of the DataImportCron that keeps the image up to date, e.g. debian12-image-cron.',
                  )
            }
          />
        </FormGroup>
        <FormGroup label={t('Namespace')} fieldId="vsp-wizard-namespace">
          <TextInput
            {...input('namespace')}
            placeholder={DEFAULT_GOLDEN_IMAGES_NAMESPACE}
            list={namespaces ? 'vsp-wizard-namespaces' : undefined}
            {...describedBy(fieldState('namespace'), true)}
          />
          {namespaces && (
            <datalist id="vsp-wizard-namespaces">
              {namespaces.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          )}
          <FieldHelp
            state={fieldState('namespace')}
            hint={t(
              'Where the DataImportCron, its imports and its DataSource live. Leave empty for the golden-images namespace ({{namespace}}), where VM templates look for boot sources.',
              { namespace: DEFAULT_GOLDEN_IMAGES_NAMESPACE },
            )}
          />
        </FormGroup>
        <FormGroup label={t('Registry URL')} isRequired fieldId="vsp-wizard-url">
          <TextInput {...input('url')} isRequired {...describedBy(fieldState('url'), true)} />
          <FieldHelp
            state={fieldState('url')}
            hint={t(
              'A container disk image: docker://registry/repository:tag (e.g. docker://quay.io/containerdisks/fedora:latest), or oci-archive://path. The schedule checks the tag for a new image.',
            )}
          />
        </FormGroup>
        <FormGroup role="radiogroup" isStack fieldId="vsp-wizard-pull" label={t('Pull method')}>
          <Radio
            id="vsp-wizard-pull-pod"
            name="vsp-wizard-pull"
            label={t('Pod (default)')}
            description={t(
              "CDI's importer pod downloads the image. The pod network must reach the registry; private registries need the Secret and CA below.",
            )}
            isChecked={!node}
            onChange={() => set('pullMethod', 'pod')}
          />
          <Radio
            id="vsp-wizard-pull-node"
            name="vsp-wizard-pull"
            label={t('Node')}
            description={t(
              "The node's container runtime pulls the image, with the cluster's pull secret, registry mirrors and image cache. No Secret or CA of its own: only docker:// images.",
            )}
            isChecked={node}
            onChange={() => set('pullMethod', 'node')}
          />
        </FormGroup>
      </FormSection>
      <FormSection title={t('Registry credentials (optional)')} titleElement="h2">
        <Content component="p">
          {node
            ? t('Node pull uses the credentials and certificates configured on the nodes; leave these empty.')
            : t('Both live in the namespace of the boot source.')}
        </Content>
        <FormGroup label={t('Secret')} fieldId="vsp-wizard-secretRef">
          <TextInput {...input('secretRef')} {...describedBy(fieldState('secretRef'), true)} />
          <FieldHelp
            state={fieldState('secretRef')}
            hint={t('A Secret with keys accessKeyId (user name) and secretKey (password or token).')}
          />
        </FormGroup>
        <FormGroup label={t('CA certificate ConfigMap')} fieldId="vsp-wizard-certConfigMap">
          <TextInput {...input('certConfigMap')} {...describedBy(fieldState('certConfigMap'), true)} />
          <FieldHelp
            state={fieldState('certConfigMap')}
            hint={t(
              'A ConfigMap with the CA certificate of a registry whose TLS certificate is not publicly trusted.',
            )}
          />
        </FormGroup>
      </FormSection>
    </Form>
  );
};
