import {
  ActionGroup,
  Alert,
  AlertActionCloseButton,
  Button,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Title,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PatchPreview } from '../../../components/PatchPreview';
import { ReadWarningAlert } from '../../../components/ReadWarningAlert';
import { ResourceFormAlerts } from '../../../components/ResourceFormAlerts';
import { hcoVersionOf, hyperConvergedModelFor } from '../../../k8s/hco-paths';
import type { HyperConverged } from '../../../k8s/types';
import { useResourceForm, type WriteFailure } from '../../../k8s/use-resource-form';
import { isUnreadable, listOrEmpty } from '../../../k8s/watch-state';
import {
  blockOnlyClasses,
  configuredScratchClass,
  explainScratch,
  isScratchWarning,
  SCRATCH_FIELD_ID,
  scratchFields,
  scratchClassOptions,
  scratchFindings,
  type ScratchExplanation,
  type ScratchFinding,
} from '../logic/scratch-space';
import { ScratchOperationsMatrix } from './scratch-matrix';
import type { SettingsSectionProps } from './section-props';
import { SettingsCard } from './SettingsCard';

/**
 * Scratch space: the class CDI uses for the temporary PVC of imports and uploads that convert or unpack
 * (`scratchSpaceStorageClass`: `spec.` in v1beta1, `spec.storage.` in v1), beside what CDI applies (`CDIConfig.status.scratchSpaceStorageClass`).
 */
export const ScratchSpaceSection = ({
  hco,
  cdiConfig,
  storageClasses,
  storageProfiles,
  canWrite,
}: SettingsSectionProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [saved, setSaved] = useState<string>();
  const version = hcoVersionOf(hco);
  const fields = useMemo(() => scratchFields(version), [version]);
  const form = useResourceForm<HyperConverged>({
    model: hyperConvergedModelFor(version),
    object: hco,
    fields,
    onSaved: (obj) => {
      const name = configuredScratchClass(obj);
      setSaved(
        name
          ? t('Scratch space class set to {{name}}. HCO passes it on to CDI shortly.', { name })
          : t('Scratch space class removed. HCO passes this on to CDI shortly.'),
      );
    },
  });
  const chosen = form.value<string>(SCRATCH_FIELD_ID);
  const configured = configuredScratchClass(hco);
  const classes = storageClasses.status === 'loaded' ? (storageClasses.data ?? []) : undefined;
  const profiles = listOrEmpty(storageProfiles);
  const config = cdiConfig.status === 'loaded' ? cdiConfig.data : undefined;
  const applied = config?.status ? (config.status.scratchSpaceStorageClass ?? '') : undefined;
  const explanation = explainScratch(
    configured,
    applied,
    classes?.map((c) => c.metadata?.name ?? ''),
  );
  const findings = scratchFindings(chosen, classes, profiles);
  const blockOnly = blockOnlyClasses(classes, profiles);
  const options = scratchClassOptions(classes, profiles, [configured, chosen]);
  const patchOps = Array.isArray(form.patch) ? form.patch : [];
  const disabled = !canWrite || form.isPending;

  const explain = (e: ScratchExplanation): string => {
    switch (e.code) {
      case 'applied-unknown':
        return cdiConfig.loaded
          ? t('What CDI applies is unknown: CDIConfig "config" could not be read or has no status yet.')
          : t('Reading what CDI applies…');
      case 'unset':
        return t(
          'No scratch space class is set, so CDI applies none (""): each import or upload creates its scratch PVC in the storage class of the PVC it fills. CDI does not fall back to the default storage class here.',
        );
      case 'applied':
        return t('CDI applies the configured class: every scratch PVC is created in {{name}}.', {
          name: e.name,
        });
      case 'class-missing':
        return t(
          'No StorageClass named {{name}} exists, so CDI ignores the setting and applies none (""): each import or upload creates its scratch PVC in the storage class of the PVC it fills. CDI applies {{name}} as soon as such a class exists.',
          { name: e.name },
        );
      case 'not-yet-applied':
        return t(
          'CDI still applies {{applied}}, not {{configured}}: HCO copies the setting to the CDI resource and CDI then updates CDIConfig, which usually takes a few seconds. If it stays like this, check the HyperConverged and CDI conditions.',
          { applied: e.applied || t('none ("")'), configured: e.configured || t('nothing set') },
        );
    }
  };

  const findingText = (f: ScratchFinding): string => {
    switch (f.code) {
      case 'class-missing':
        return t(
          'No StorageClass named {{name}} exists. CDI ignores it: each import uses the class of the PVC it fills.',
          { name: f.name },
        );
      case 'block-only':
        return t(
          'The StorageProfile of {{name}} offers only Block volumes, but CDI always requests scratch space as a Filesystem volume: imports that need scratch space would stay Pending. Pick a class that offers Filesystem volumes.',
          { name: f.name },
        );
      case 'no-provisioner':
        return t(
          '{{name}} has no dynamic provisioner: every scratch PVC needs a free PersistentVolume at least as large as the target, created beforehand, or the import stays Pending.',
          { name: f.name },
        );
      case 'wait-for-first-consumer':
        return t(
          "{{name}} binds volumes WaitForFirstConsumer: a scratch PVC is provisioned only when the importer pod is scheduled, on that pod's node. That node must be able to provide {{name}} storage as well as reach the target volume; with node-local storage for both, that is the node the target lives on.",
          { name: f.name },
        );
      case 'volume-modes-unknown':
        return t(
          'The StorageProfile of {{name}} lists no volume modes, so whether it can provide the Filesystem volume scratch space needs is unknown.',
          { name: f.name },
        );
    }
  };

  const optionLabel = (o: (typeof options)[number]) => {
    if (!o.exists) return t('{{name}} (does not exist)', { name: o.name });
    if (o.blockOnly) return t('{{name}} (Block only: unsuitable)', { name: o.name });
    if (o.waitForFirstConsumer) return t('{{name}} (WaitForFirstConsumer)', { name: o.name });
    return o.name;
  };

  const failureTitle = (f: WriteFailure) =>
    f.conflict
      ? t('Someone else changed the scratch space class, so nothing was saved')
      : t('Could not save the scratch space class');

  return (
    <SettingsCard titleId="vsp-scratch-title" id="vsp-scratch-space" title={t('Scratch space')}>
      <Content component="p">
        {t(
          'Some imports and uploads first write the image to a temporary scratch PVC, as large as the target, to convert or unpack it; CDI deletes it when the operation ends. Scratch PVCs are always Filesystem volumes.',
        )}
      </Content>
      {isUnreadable(cdiConfig) && (
        <ReadWarningAlert
          title={t('Could not read CDIConfig: the class CDI applies is unknown')}
          error={cdiConfig.error}
        />
      )}
      {isUnreadable(storageClasses) && (
        <ReadWarningAlert
          title={t('Could not read StorageClasses: whether the class exists is unknown')}
          error={storageClasses.error}
        />
      )}
      <DescriptionList isHorizontal aria-label={t('Scratch space class: configured and applied')}>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Configured (HyperConverged)')}</DescriptionListTerm>
          <DescriptionListDescription data-testid="vsp-scratch-configured">
            {configured || t('Not set')}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Applied by CDI (CDIConfig)')}</DescriptionListTerm>
          <DescriptionListDescription data-testid="vsp-scratch-applied">
            {applied === undefined ? t('Unknown') : applied || t('None ("")')}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Why')}</DescriptionListTerm>
          <DescriptionListDescription data-testid="vsp-scratch-why">
            {explain(explanation)}
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>

      {saved && (
        <Alert
          variant="success"
          isInline
          title={saved}
          actionClose={<AlertActionCloseButton onClose={() => setSaved(undefined)} />}
        />
      )}
      <ResourceFormAlerts
        form={form}
        fieldLabel={() => t('Scratch space class')}
        formatValue={(_id, v) => (typeof v === 'string' && v ? v : t('Not set'))}
        failureTitle={failureTitle}
      />
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          if (canWrite && form.canSave) form.save();
        }}
      >
        <FormGroup fieldId="vsp-scratch-class" label={t('Storage class for scratch space')}>
          <FormSelect
            id="vsp-scratch-class"
            value={chosen}
            isDisabled={disabled}
            aria-describedby="vsp-scratch-class-help"
            onChange={(_e, value) => {
              setSaved(undefined);
              form.set(SCRATCH_FIELD_ID, value);
            }}
          >
            <FormSelectOption value="" label={t("Not set: each import uses its target's class")} />
            {options.map((o) => (
              <FormSelectOption key={o.name} value={o.name} label={optionLabel(o)} />
            ))}
          </FormSelect>
          <FormHelperText>
            <HelperText id="vsp-scratch-class-help">
              {findings.map((f) => (
                <HelperTextItem key={f.code} variant={isScratchWarning(f) ? 'warning' : 'indeterminate'}>
                  {findingText(f)}
                </HelperTextItem>
              ))}
              {chosen === '' && blockOnly.length > 0 && (
                <HelperTextItem variant="warning">
                  {t(
                    'These classes offer only Block volumes: an import into one of them that needs scratch space asks that class for a Filesystem scratch PVC and stays Pending, unless a scratch space class is set: {{classes}}.',
                    { classes: blockOnly.join(', ') },
                  )}
                </HelperTextItem>
              )}
            </HelperText>
          </FormHelperText>
        </FormGroup>
        {form.patch instanceof Error ? (
          <ErrorAlert error={form.patch} title={t('The change cannot be expressed safely')} />
        ) : (
          <PatchPreview patch={patchOps} id="vsp-scratch-patch-preview" />
        )}
        <ActionGroup>
          <Button
            type="submit"
            variant="primary"
            isLoading={form.pendingAction === 'save'}
            isDisabled={disabled || !form.canSave}
          >
            {t('Save scratch space class')}
          </Button>
          <Button variant="link" onClick={form.discard} isDisabled={form.isPending || !form.hasEdits}>
            {t('Discard changes')}
          </Button>
        </ActionGroup>
      </Form>

      <Title headingLevel="h3">{t('Which imports need scratch space')}</Title>
      <ScratchOperationsMatrix />
    </SettingsCard>
  );
};
