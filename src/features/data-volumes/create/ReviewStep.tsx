import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Stack,
  Title,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { YamlBlock } from '../../../components/YamlBlock';
import { formatQuantity } from '../../../k8s/quantity';
import { toYaml } from '../../../k8s/to-yaml';
import { buildDataVolume, formAnnotations, isCloneKind, type DataVolumeForm } from '../logic/dv-form';
import type { DvProblem } from '../logic/dv-validation';
import { ScratchAdvicePanel } from './ScratchAdvicePanel';
import { useSourceKindName } from './SourceStep';
import type { StorageFacts } from './use-storage-facts';
import { useDvProblemText } from './use-problem-text';
import { MessageListAlert } from '../../../components/MessageListAlert';

/** The server's answer to a dry run of the create. */
export type DryRunResult = { ok: true } | { ok: false; error: unknown };

export interface ReviewStepProps {
  form: DataVolumeForm;
  facts: StorageFacts;
  problems: readonly DvProblem[];
  /** A blocking note from the clone permission check, in words (undefined = none). */
  cloneWarning?: string;
  /** The permission check could not be answered (a warning, not a block). */
  cloneUnknown?: string;
  dryRun?: DryRunResult;
  dryRunning: boolean;
  onDryRun: () => void;
  /** The create's refusal, shown verbatim; the form stays as it was. */
  createError?: unknown;
  creating: boolean;
}

export const ReviewStep = ({
  form,
  facts,
  problems,
  cloneWarning,
  cloneUnknown,
  dryRun,
  dryRunning,
  onDryRun,
  createError,
  creating,
}: ReviewStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const text = useDvProblemText();
  const sourceName = useSourceKindName();
  const dv = buildDataVolume(form);
  const errors = [...new Set(problems.filter((p) => p.severity === 'error').map((p) => text(p, form)))];
  const annotations = Object.entries(formAnnotations(form));

  const size = form.size.trim();
  const sizeText =
    size === ''
      ? isCloneKind(form.sourceKind)
        ? t("The source's size")
        : t('Not set')
      : (formatQuantity(size) ?? size);
  const classText = form.storageClassName.trim()
    ? form.storageClassName.trim()
    : facts.targetClass
      ? facts.targetClassFrom === 'virt-default'
        ? t('{{name}} (the virtualization default)', { name: facts.targetClass })
        : t('{{name}} (the cluster default)', { name: facts.targetClass })
      : t("CDI's default");
  const term = (label: string, value: string) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{label}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );

  return (
    <Stack hasGutter>
      <DescriptionList isCompact isHorizontal aria-label={t('Summary')}>
        {term(t('Name'), `${form.namespace}/${form.name.trim()}`)}
        {term(t('Source'), sourceName(form))}
        {term(t('Content type'), form.contentType === 'archive' ? t('Archive') : t('Disk image (kubevirt)'))}
        {term(t('Size'), sizeText)}
        {term(t('Storage class'), classText)}
        {term(
          t('Storage settings'),
          form.storageMode === 'profile'
            ? t('From the storage profile (spec.storage)')
            : t('Explicit: {{modes}}, {{volumeMode}} (spec.pvc)', {
                modes: form.accessModes.join(', '),
                volumeMode: form.volumeMode,
              }),
        )}
        {term(
          t('Preallocation'),
          form.preallocation === undefined
            ? t("CDI's global setting")
            : form.preallocation
              ? t('Yes')
              : t('No'),
        )}
        {term(
          t('Annotations'),
          annotations.length === 0 ? t('None') : annotations.map(([k, v]) => `${k}=${v}`).join(', '),
        )}
      </DescriptionList>

      <MessageListAlert variant="danger" title={t('Fix these before creating')} messages={errors} />
      {cloneWarning && (
        <Alert variant="danger" isInline title={cloneWarning} data-testid="vsp-dv-review-clone-warning" />
      )}

      {cloneUnknown && (
        <Alert variant="warning" isInline title={cloneUnknown}>
          {t('CDI checks it when the DataVolume is created; a refusal will show here.')}
        </Alert>
      )}

      <ScratchAdvicePanel form={form} facts={facts} />

      {createError !== undefined && (
        <div data-testid="vsp-dv-create-error">
          <ErrorAlert error={createError} title={t('The DataVolume was not created')} />
        </div>
      )}

      <div>
        <Button
          variant="secondary"
          onClick={onDryRun}
          isLoading={dryRunning}
          isDisabled={dryRunning || creating || errors.length > 0}
        >
          {t('Dry run')}
        </Button>
      </div>
      {dryRun?.ok && (
        <Alert
          variant="success"
          isInline
          title={t('The server would accept this DataVolume')}
          data-testid="vsp-dv-dry-run"
        >
          {t('Validation and admission (CDI\u2019s webhooks included) passed; nothing was stored.')}
        </Alert>
      )}
      {dryRun && !dryRun.ok && (
        <div data-testid="vsp-dv-dry-run">
          <ErrorAlert error={dryRun.error} title={t('The server would refuse this DataVolume')} />
        </div>
      )}

      <Title headingLevel="h3" size="md">
        {t('DataVolume that will be created')}
      </Title>
      <YamlBlock yaml={toYaml(dv)} id="vsp-dv-yaml" label={t('DataVolume YAML')} />
    </Stack>
  );
};
