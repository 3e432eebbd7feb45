import type { Patch } from '@openshift-console/dynamic-plugin-sdk';
import { Alert, Content, Stack } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PatchPreview } from '../../../components/PatchPreview';
import { YamlBlock } from '../../../components/YamlBlock';
import type { WriteFailure } from '../../../k8s/use-resource-form';
import { MessageListAlert } from '../../../components/MessageListAlert';

export interface ReviewStepProps {
  /** Create: the object as YAML. */
  yaml?: string;
  /** Edit: the exact patch, or why it cannot be built. */
  patch?: Patch[] | Error;
  /** Every error still open (Save is blocked while there are any). */
  errors: string[];
  /** Every warning, so nothing the user skipped past goes unseen. */
  warnings: string[];
  failure?: WriteFailure;
  reapplied: boolean;
  /** Pools the edit removes or renames, with what depends on them. */
  dependents: string[];
}

export const ReviewStep = ({
  yaml,
  patch,
  errors,
  warnings,
  failure,
  reapplied,
  dependents,
}: ReviewStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return (
    <Stack hasGutter>
      {failure && (
        <ErrorAlert
          error={failure.error}
          title={
            failure.conflict
              ? t('Someone else changed the hostpath provisioner at the same time, so nothing was saved')
              : yaml !== undefined
                ? t('Could not create the hostpath provisioner')
                : t('Could not save the hostpath provisioner')
          }
        />
      )}
      {reapplied && (
        <Alert variant="info" isInline title={t('Saved on top of a newer version')}>
          {t(
            'Someone else changed the hostpath provisioner meanwhile; your changes were applied to their version.',
          )}
        </Alert>
      )}
      <MessageListAlert variant="danger" title={t('Fix these before saving')} messages={errors} />
      <MessageListAlert
        variant="warning"
        title={t('Volumes depend on pools this change removes or renames')}
        messages={dependents}
      />
      <MessageListAlert variant="warning" title={t('Check these warnings')} messages={warnings} />
      {yaml !== undefined ? (
        <>
          <Content component="h2">{t('The HostPathProvisioner that will be created')}</Content>
          <YamlBlock yaml={yaml} id="vsp-hpp-yaml" label={t('YAML that will be created')} />
        </>
      ) : (
        <>
          <Content component="h2">{t('The change to the HostPathProvisioner')}</Content>
          <Content component="p">
            {t(
              'spec.storagePools is sent whole (Kubernetes replaces the list as one value); node selector labels are changed one by one. The "test" operations first check that what you edit is still what you saw; if someone changed it meanwhile, your changes are applied to their version instead.',
            )}
          </Content>
          {patch instanceof Error ? (
            <ErrorAlert error={patch} title={t('The change cannot be made')} />
          ) : (
            patch && <PatchPreview patch={patch} id="vsp-hpp-patch" />
          )}
        </>
      )}
    </Stack>
  );
};
