import {
  ActionGroup,
  Alert,
  AlertActionCloseButton,
  Button,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Stack,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PatchPreview } from '../../../components/PatchPreview';
import { ReadWarningAlert } from '../../../components/ReadWarningAlert';
import { ResourceFormAlerts } from '../../../components/ResourceFormAlerts';
import { hcoValue, hcoVersionOf, hyperConvergedModelFor } from '../../../k8s/hco-paths';
import type { HyperConverged, ResourceRequirements } from '../../../k8s/types';
import { useResourceForm, type WriteFailure } from '../../../k8s/use-resource-form';
import { isUnreadable } from '../../../k8s/watch-state';
import {
  CDI_DEFAULT_RESOURCES,
  explainApplied,
  RESOURCE_KEYS,
  resourceValues,
  unappliedKeys,
  validateWorkloadValues,
  workloadResourceFields,
  type AppliedExplanation,
  type WorkloadFieldError,
  type WorkloadFieldId,
  type WorkloadValues,
} from '../logic/workload-resources';
import type { SettingsSectionProps } from './section-props';
import { SettingsCard } from './SettingsCard';

const storedWorkloads = (hco: HyperConverged): unknown => hcoValue(hco, 'storageWorkloads');

/**
 * CDI workload resources: the cpu and memory requests and limits of CDI's importer, uploader and cloner pods
 * (v1beta1 `spec.resourceRequirements.storageWorkloads`, v1 `spec.storage.workloadResourceRequirements`), beside what CDI applies
 * (`CDIConfig.status.defaultPodResourceRequirements`). One field per key: a save touches only what changed.
 */
export const WorkloadResourcesSection = ({ hco, cdiConfig, canWrite }: SettingsSectionProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [saved, setSaved] = useState(false);
  const version = hcoVersionOf(hco);
  const fields = useMemo(() => workloadResourceFields(version), [version]);
  const form = useResourceForm<HyperConverged>({
    model: hyperConvergedModelFor(version),
    object: hco,
    fields,
    onSaved: () => setSaved(true),
  });
  const values = Object.fromEntries(
    RESOURCE_KEYS.map(({ id }) => [id, form.value<string>(id)]),
  ) as WorkloadValues;
  const errors = validateWorkloadValues(values);
  const hasErrors = Object.keys(errors).length > 0;
  const configured = resourceValues(storedWorkloads(hco) as ResourceRequirements | undefined);
  const ignored = unappliedKeys(storedWorkloads(hco));
  const config = cdiConfig.status === 'loaded' ? cdiConfig.data : undefined;
  const appliedRR = config?.status?.defaultPodResourceRequirements;
  const applied = appliedRR ? resourceValues(appliedRR) : undefined;
  const patchOps = Array.isArray(form.patch) ? form.patch : [];
  const disabled = !canWrite || form.isPending;

  const labels: Record<WorkloadFieldId, string> = {
    'limits.cpu': t('CPU limit'),
    'limits.memory': t('Memory limit'),
    'requests.cpu': t('CPU request'),
    'requests.memory': t('Memory request'),
  };

  const errorText = (id: WorkloadFieldId, e: WorkloadFieldError): string => {
    switch (e.code) {
      case 'empty':
        return '';
      case 'format':
        return t('Not a quantity: use a number with an optional unit, such as 500m, 2 or 1.5Gi.');
      case 'suffix':
        return id.endsWith('.cpu')
          ? t('Unknown unit. CPU is in cores, such as 2, 0.5 or 500m (millicores).')
          : t('Unknown unit. Use Ki, Mi, Gi, Ti (binary) or k, M, G, T (decimal); units are case-sensitive.');
      case 'negative':
        return t('Must not be negative.');
      case 'zero-limit':
        return t("A limit of 0 leaves CDI's pods nothing to run with. Clear the field to use CDI's default.");
      case 'too-large':
        return t('Too large: Kubernetes quantities stop at 2^63-1.');
      case 'memory-millis':
        return t(
          'The m unit means thousandths: {{value}} of memory is a fraction of one byte. Did you mean M (megabytes) or Mi (mebibytes)?',
          { value: values[id] },
        );
      case 'request-above-limit':
        return id.startsWith('requests.')
          ? e.limitIsDefault
            ? t(
                "Above the limit the pods get ({{limit}}, CDI's default, because no limit is set). Kubernetes refuses a pod whose request is above its limit: lower the request or set a higher limit.",
                { limit: e.limit },
              )
            : t('Above the limit ({{limit}}). Kubernetes refuses a pod whose request is above its limit.', {
                limit: e.limit,
              })
          : t(
              "Below the request the pods get ({{request}}, CDI's default, because no request is set). Kubernetes refuses a pod whose request is above its limit: raise the limit or set a lower request.",
              { request: CDI_DEFAULT_RESOURCES[id.replace('limits.', 'requests.') as WorkloadFieldId] },
            );
    }
  };

  const explain = (id: WorkloadFieldId, e: AppliedExplanation): string => {
    switch (e.code) {
      case 'applied-unknown':
        return cdiConfig.loaded
          ? t('Unknown: CDIConfig "config" could not be read or has no status yet.')
          : t('Reading what CDI applies…');
      case 'default':
        return t('Not set: CDI applies its default, {{value}}.', { value: CDI_DEFAULT_RESOURCES[id] });
      case 'applied':
        return t('CDI applies the configured value.');
      case 'not-yet-applied':
        return e.configured
          ? t(
              'CDI still applies {{applied}}: HCO copies the setting to the CDI resource and CDI then updates CDIConfig, usually within seconds. If it stays like this, check the HyperConverged and CDI conditions.',
              { applied: e.applied },
            )
          : t(
              'Not set here, yet CDI applies {{applied}}, not its default {{value}}: HCO has not passed the removal on yet, or the CDI resource is changed another way (e.g. the jsonpatch annotation on the HyperConverged).',
              { applied: e.applied, value: CDI_DEFAULT_RESOURCES[id] },
            );
    }
  };

  const failureTitle = (f: WriteFailure) =>
    f.conflict
      ? t('Someone else changed these resource values, so nothing was saved')
      : t('Could not save the CDI workload resources');

  const input = (id: WorkloadFieldId) => {
    const error = errors[id];
    const message = error ? errorText(id, error) : '';
    const helpId = `vsp-resources-${id.replace('.', '-')}-help`;
    return (
      <FormGroup fieldId={`vsp-resources-${id.replace('.', '-')}`} label={labels[id]}>
        <TextInput
          id={`vsp-resources-${id.replace('.', '-')}`}
          value={values[id]}
          placeholder={t('CDI default: {{value}}', { value: CDI_DEFAULT_RESOURCES[id] })}
          validated={error ? 'error' : 'default'}
          aria-invalid={error ? true : undefined}
          aria-describedby={helpId}
          isDisabled={disabled}
          onChange={(_e, v) => {
            setSaved(false);
            form.set(id, v);
          }}
        />
        <FormHelperText>
          <HelperText id={helpId}>
            {error ? (
              <HelperTextItem variant="error">{message}</HelperTextItem>
            ) : (
              <HelperTextItem>
                {values[id] === ''
                  ? t('Empty: CDI applies its default, {{value}}.', { value: CDI_DEFAULT_RESOURCES[id] })
                  : id.endsWith('.cpu')
                    ? t('Cores: 1, 0.5 or 500m.')
                    : t('Bytes: 600M, 1Gi.')}
              </HelperTextItem>
            )}
          </HelperText>
        </FormHelperText>
      </FormGroup>
    );
  };

  return (
    <SettingsCard
      titleId="vsp-resources-title"
      id="vsp-workload-resources"
      title={t('CDI workload resources')}
    >
      <Content component="p">
        {t(
          "CPU and memory requests and limits of the pods CDI starts to import, upload and clone disks. They matter most in namespaces with a ResourceQuota on cpu or memory: there every pod must state requests and limits, and all pods together must fit the quota. CDI's pods always state these values; if they do not fit what is left of the quota, the pod is not created and the DataVolume waits. Lower values let imports run in tight namespaces; higher ones let conversion run faster.",
        )}
      </Content>
      {isUnreadable(cdiConfig) && (
        <ReadWarningAlert
          title={t('Could not read CDIConfig: the values CDI applies are unknown')}
          error={cdiConfig.error}
        />
      )}
      <Table role="table" aria-label={t('CDI workload resources: configured and applied')} variant="compact">
        <Thead>
          <Tr>
            <Th>{t('Setting')}</Th>
            <Th>{t('Configured (HyperConverged)')}</Th>
            <Th>{t('Applied by CDI (CDIConfig)')}</Th>
            <Th>{t('Why')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {RESOURCE_KEYS.map(({ id }) => (
            <Tr key={id}>
              <Th dataLabel={t('Setting')}>{labels[id]}</Th>
              <Td dataLabel={t('Configured (HyperConverged)')}>{configured[id] || t('Not set')}</Td>
              <Td dataLabel={t('Applied by CDI (CDIConfig)')}>
                {applied ? applied[id] || t('None') : t('Unknown')}
              </Td>
              <Td dataLabel={t('Why')}>{explain(id, explainApplied(id, configured[id], applied?.[id]))}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {ignored.length > 0 && (
        <Alert variant="info" isInline title={t("Configured but not applied to CDI's pods")}>
          {t(
            'HCO copies {{keys}} to the CDI resource, but CDI gives its pods only cpu and memory, so these have no effect.',
            { keys: ignored.join(', ') },
          )}
        </Alert>
      )}

      {saved && (
        <Alert
          variant="success"
          isInline
          title={t('CDI workload resources saved. HCO passes them on to CDI shortly.')}
          actionClose={<AlertActionCloseButton onClose={() => setSaved(false)} />}
        />
      )}
      <ResourceFormAlerts
        form={form}
        fieldLabel={(id) => labels[id as WorkloadFieldId] ?? id}
        formatValue={(_id, v) => (typeof v === 'string' && v ? v : t('Not set'))}
        failureTitle={failureTitle}
      />
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          if (canWrite && !hasErrors && form.canSave) form.save();
        }}
      >
        <Grid hasGutter md={6}>
          <GridItem>
            <Title headingLevel="h3">{t('Limits')}</Title>
            <Stack hasGutter>
              {input('limits.cpu')}
              {input('limits.memory')}
            </Stack>
          </GridItem>
          <GridItem>
            <Title headingLevel="h3">{t('Requests')}</Title>
            <Stack hasGutter>
              {input('requests.cpu')}
              {input('requests.memory')}
            </Stack>
          </GridItem>
        </Grid>
        {form.patch instanceof Error ? (
          <ErrorAlert error={form.patch} title={t('The change cannot be expressed safely')} />
        ) : hasErrors ? (
          <Alert
            variant="danger"
            isInline
            title={t('Fix the values marked above: nothing is sent until then')}
          />
        ) : (
          <PatchPreview patch={patchOps} id="vsp-resources-patch-preview" />
        )}
        <ActionGroup>
          <Button
            type="submit"
            variant="primary"
            isLoading={form.pendingAction === 'save'}
            isDisabled={disabled || hasErrors || !form.canSave}
          >
            {t('Save workload resources')}
          </Button>
          <Button variant="link" onClick={form.discard} isDisabled={form.isPending || !form.hasEdits}>
            {t('Discard changes')}
          </Button>
        </ActionGroup>
      </Form>
    </SettingsCard>
  );
};
