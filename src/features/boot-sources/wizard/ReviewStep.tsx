import type { Patch } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Stack,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PatchPreview } from '../../../components/PatchPreview';
import type { WriteFailure } from '../../../k8s/use-resource-form';
import { DEFAULT_GOLDEN_IMAGES_NAMESPACE } from '../logic/boot-source-rows';
import type { CustomSourceValues, WizardModeKind } from '../logic/custom-source-form';
import { MessageListAlert } from '../../../components/MessageListAlert';

export interface ReviewStepProps {
  mode: WizardModeKind;
  values: CustomSourceValues;
  /** The class the source lands on (chosen or default). */
  classInEffect?: string;
  wffc: boolean;
  scheduleWords?: string;
  preview: Patch[] | Error;
  /** Every error still open (Save is blocked while there are any). */
  errors: string[];
  failure?: WriteFailure;
  reapplied: boolean;
  /** The list's field in the HyperConverged's version (`spec.dataImportCronTemplates`, v1 `spec.workloadSources.…`). */
  templatesField: string;
}

export const ReviewStep = ({
  mode,
  values,
  classInEffect,
  wffc,
  scheduleWords,
  preview,
  errors,
  failure,
  reapplied,
  templatesField,
}: ReviewStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const row = (term: string, value: ReactNode) => (
    <DescriptionListGroup key={term}>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  const customise = mode === 'customise';
  const none = t('None');
  return (
    <Stack hasGutter>
      {failure && (
        <ErrorAlert
          error={failure.error}
          title={
            failure.conflict
              ? t('Someone else changed the boot sources at the same time, so nothing was saved')
              : t('Could not save the boot source')
          }
        />
      )}
      {reapplied && (
        <Alert variant="info" isInline title={t('Saved on top of a newer version')}>
          {t('Someone else changed the boot sources meanwhile; your change was applied to their version.')}
        </Alert>
      )}
      <MessageListAlert variant="danger" title={t('Fix these before saving')} messages={errors} />
      <DescriptionList isHorizontal isCompact aria-label={t('Boot source summary')}>
        {row(t('Name'), values.name)}
        {!customise && row(t('Namespace'), values.namespace.trim() || DEFAULT_GOLDEN_IMAGES_NAMESPACE)}
        {!customise && row(t('Registry URL'), values.url.trim())}
        {!customise && row(t('Pull method'), values.pullMethod === 'node' ? t('Node') : t('Pod'))}
        {!customise && values.pullMethod === 'pod' && row(t('Secret'), values.secretRef.trim() || none)}
        {!customise &&
          values.pullMethod === 'pod' &&
          row(t('CA certificate ConfigMap'), values.certConfigMap.trim() || none)}
        {!customise &&
          row(
            t('Schedule'),
            scheduleWords ? `${values.schedule.trim()} (${scheduleWords}, UTC)` : values.schedule.trim(),
          )}
        {row(t('Disk size'), values.size.trim())}
        {row(
          t('StorageClass'),
          values.storageClass.trim() ||
            (classInEffect
              ? t('Cluster default (now {{name}})', { name: classInEffect })
              : t('Cluster default')),
        )}
        {wffc && row(t('Immediate binding'), t('Yes: the class is WaitForFirstConsumer'))}
        {!customise && row(t('DataSource'), values.managedDataSource.trim())}
        {!customise &&
          row(
            t('When removed'),
            values.retentionPolicy === 'All' ? t('Keep imports (All)') : t('Delete imports (None)'),
          )}
        {!customise && row(t('Imports to keep'), values.importsToKeep.trim())}
      </DescriptionList>
      <Content component="h2">{t('The change to the HyperConverged')}</Content>
      <Content component="p">
        {customise
          ? t(
              'The list {{field}} is sent whole (Kubernetes replaces it as one value), with an entry for this system source that carries its whole definition with your storage. The "test" operation first checks that the list is still the one you saw; if someone changed it meanwhile, your entry is applied to their list instead.',
              { field: templatesField },
            )
          : t(
              'The list {{field}} is sent whole (Kubernetes replaces it as one value), with only this entry added or changed. The "test" operation first checks that the list is still the one you saw; if someone changed it meanwhile, your entry is applied to their list instead.',
              { field: templatesField },
            )}
      </Content>
      {preview instanceof Error ? (
        <ErrorAlert error={preview} title={t('The change cannot be made')} />
      ) : (
        <PatchPreview patch={preview} id="vsp-wizard-patch" />
      )}
    </Stack>
  );
};
