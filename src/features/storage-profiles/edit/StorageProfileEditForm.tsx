import {
  ActionGroup,
  Alert,
  Button,
  Content,
  Flex,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Radio,
  Stack,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PatchPreview } from '../../../components/PatchPreview';
import { ResourceFormAlerts } from '../../../components/ResourceFormAlerts';
import { StorageProfileModel } from '../../../k8s/models';
import type { CapabilityLookup } from '../../../k8s/storage-capabilities';
import { CLONE_STRATEGIES, SOURCE_FORMATS } from '../../../k8s/storage-profile-values';
import type { ClaimPropertySet, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { useResourceForm, type WriteFailure } from '../../../k8s/use-resource-form';
import { snapshotClassesForDriver } from '../logic/profile-health';
import {
  recommendValues,
  specFormWarnings,
  validateSpecForm,
  type SpecFormState,
} from '../logic/spec-form-logic';
import {
  CLEARED_VALUES,
  STORAGE_PROFILE_FIELDS,
  type EditableSpecField,
} from '../logic/storage-profile-fields';
import { ClaimPropertySetList } from '../shared/ClaimPropertySetList';
import { useProfileTexts } from '../shared/use-profile-texts';
import { ClaimPropertySetsEditor } from './ClaimPropertySetsEditor';
import { useSpecFormMessages } from './use-spec-form-messages';

export interface StorageProfileEditFormProps {
  /** The live profile (the watch keeps it current). */
  profile: StorageProfile;
  provisioner?: string;
  snapshotClasses: VolumeSnapshotClass[];
  /** False when VolumeSnapshotClasses could not be read: snapshot advice is then withheld. */
  snapshotClassesKnown: boolean;
  cloneStrategyOverride?: string;
  csiDriverNames?: string[];
  capabilities: CapabilityLookup;
  canWrite: boolean;
  onSaved: (message: string) => void;
  onCancel: () => void;
}

export const StorageProfileEditForm = ({
  profile,
  provisioner,
  snapshotClasses,
  snapshotClassesKnown,
  cloneStrategyOverride,
  csiDriverNames,
  capabilities,
  canWrite,
  onSaved,
  onCancel,
}: StorageProfileEditFormProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { cloneStrategies, sourceFormats } = useProfileTexts();
  const { errorText, warningText } = useSpecFormMessages();
  const { fieldLabel, formatValue, recommendationText } = useEditTexts();
  const [confirmReset, setConfirmReset] = useState(false);
  const name = profile.metadata?.name;
  const form = useResourceForm<StorageProfile>({
    model: StorageProfileModel,
    object: profile,
    fields: STORAGE_PROFILE_FIELDS,
    onSaved: (_saved, action) =>
      onSaved(
        action === 'reset'
          ? t('Administrator values removed from {{name}}. CDI applies its own values again.', { name })
          : t('Storage profile {{name}} saved. CDI applies the new values shortly.', { name }),
      ),
  });
  const state: SpecFormState = {
    claimPropertySets: form.value<ClaimPropertySet[]>('claimPropertySets'),
    cloneStrategy: form.value<string>('cloneStrategy'),
    dataImportCronSourceFormat: form.value<string>('dataImportCronSourceFormat'),
    snapshotClass: form.value<string>('snapshotClass'),
  };
  const setField = (id: EditableSpecField, value: unknown) => form.set(id, value);

  const errors = validateSpecForm(state);
  const warnings = specFormWarnings(state, {
    provisioner,
    snapshotClasses,
    cloneStrategyOverride,
    csiDriverNames,
  });
  const patchOps = Array.isArray(form.patch) ? form.patch : [];
  const resetPatch = form.patchWith(CLEARED_VALUES);
  const resetOps = Array.isArray(resetPatch) ? resetPatch : [];
  const recommendation = recommendValues(capabilities, state, {
    status: profile.status,
    provisioner,
    snapshotClasses: snapshotClassesKnown ? snapshotClasses : undefined,
    csiDriverNames,
  });
  const recommendedFields = Object.keys(recommendation?.values ?? {});
  const matchingSnapshotClasses = snapshotClassesForDriver(snapshotClasses, provisioner);
  const disabled = !canWrite || form.isPending;
  const failureTitle = (f: WriteFailure) => {
    if (f.action === 'reset') {
      return f.conflict
        ? t('Someone else changed this profile, so nothing was reset')
        : t('Could not reset the storage profile');
    }
    return f.conflict
      ? t('Someone else changed this profile, so nothing was saved')
      : t('Could not save the storage profile');
  };

  const setErrors: Record<number, string[]> = {};
  errors.forEach((e) => {
    if (e.code === 'no-access-mode' || e.code === 'no-volume-mode')
      (setErrors[e.index] ??= []).push(errorText(e));
  });
  const setWarnings: Record<number, string[]> = {};
  warnings.forEach((w) => {
    if (w.code === 'duplicate-set') (setWarnings[w.index] ??= []).push(warningText(w, provisioner));
  });
  const fieldErrors = (codes: string[]) => errors.filter((e) => codes.includes(e.code)).map(errorText);
  const fieldWarnings = (codes: string[]) =>
    warnings.filter((w) => codes.includes(w.code)).map((w) => warningText(w, provisioner));

  const helper = (errs: string[], warns: string[], id: string) =>
    errs.length + warns.length > 0 ? (
      <FormHelperText>
        <HelperText id={id}>
          {errs.map((m) => (
            <HelperTextItem key={m} variant="error">
              {m}
            </HelperTextItem>
          ))}
          {warns.map((m) => (
            <HelperTextItem key={m} variant="warning">
              {m}
            </HelperTextItem>
          ))}
        </HelperText>
      </FormHelperText>
    ) : null;

  const snapshotClassOptions = [
    ...matchingSnapshotClasses.map((v) => v.metadata?.name ?? ''),
    ...(state.snapshotClass && !matchingSnapshotClasses.some((v) => v.metadata?.name === state.snapshotClass)
      ? [state.snapshotClass]
      : []),
  ];

  return (
    <Stack hasGutter>
      <ResourceFormAlerts
        form={form}
        fieldLabel={fieldLabel}
        formatValue={formatValue}
        failureTitle={failureTitle}
      />
      <Flex>
        <Button
          variant="secondary"
          isDisabled={disabled || recommendedFields.length === 0}
          onClick={() =>
            Object.entries(recommendation?.values ?? {}).forEach(([id, v]) =>
              setField(id as EditableSpecField, v),
            )
          }
        >
          {t('Use recommended values')}
        </Button>
        <Button
          variant="secondary"
          isDanger
          isDisabled={disabled || resetOps.length === 0}
          onClick={() => {
            form.dismissFailure();
            setConfirmReset(true);
          }}
        >
          {t('Reset to CDI defaults')}
        </Button>
      </Flex>
      <HelperText aria-label={t('About the recommended values')}>
        <HelperTextItem>
          {recommendation
            ? t(
                '"Use recommended values" fills in CDI\'s built-in values for this provisioner where the cluster can serve them; nothing is saved until you press Save.',
              )
            : t(
                'CDI has no built-in values for this provisioner, so there is nothing to recommend: set the values your storage supports.',
              )}
        </HelperTextItem>
        {recommendation?.notes.map((note) => (
          <HelperTextItem key={`${note.code}-${'field' in note ? note.field : ''}`} variant="indeterminate">
            {recommendationText(note, provisioner)}
          </HelperTextItem>
        ))}
      </HelperText>

      <Form
        onSubmit={(e) => {
          e.preventDefault();
          if (errors.length === 0 && form.canSave && canWrite) form.save();
        }}
      >
        <FormSection title={t('Access and volume modes')} titleElement="h2">
          <Content component="p">
            {t(
              'Used, in this order, for DataVolumes and PVCs that leave access mode or volume mode out. CDI picks the first set whose volume mode fits the request.',
            )}
          </Content>
          <ClaimPropertySetsEditor
            sets={state.claimPropertySets}
            onChange={(sets) => setField('claimPropertySets', sets)}
            isDisabled={disabled}
            errors={setErrors}
            warnings={setWarnings}
          />
          {helper(fieldErrors(['too-many-sets']), fieldWarnings(['no-rwx']), 'vsp-cps-help')}
        </FormSection>

        <FormSection title={t('Cloning')} titleElement="h2">
          <FormGroup role="radiogroup" isStack fieldId="vsp-clone-strategy" label={t('Clone strategy')}>
            <Radio
              id="vsp-clone-strategy-unset"
              name="vsp-clone-strategy"
              label={t('Let CDI decide')}
              description={t(
                'CDI uses the StorageClass annotation, its built-in advice, or snapshot when possible, else copy.',
              )}
              isChecked={state.cloneStrategy === ''}
              isDisabled={disabled}
              onChange={() => setField('cloneStrategy', '')}
            />
            {CLONE_STRATEGIES.map((s) => (
              <Radio
                key={s}
                id={`vsp-clone-strategy-${s}`}
                name="vsp-clone-strategy"
                label={cloneStrategies[s].label}
                description={cloneStrategies[s].description}
                isChecked={state.cloneStrategy === s}
                isDisabled={disabled}
                onChange={() => setField('cloneStrategy', s)}
              />
            ))}
            {helper(
              fieldErrors(['invalid-clone-strategy']),
              fieldWarnings([
                'snapshot-clone-without-snapshot-class',
                'csi-clone-without-csi-driver',
                'clone-strategy-overridden',
              ]),
              'vsp-clone-strategy-help',
            )}
          </FormGroup>
          <FormGroup fieldId="vsp-snapshot-class" label={t('VolumeSnapshotClass for snapshot clones')}>
            <FormSelect
              id="vsp-snapshot-class"
              value={state.snapshotClass}
              isDisabled={disabled}
              onChange={(_e, value) => setField('snapshotClass', value)}
            >
              <FormSelectOption
                value=""
                label={t('Let CDI pick one with driver {{provisioner}}', { provisioner })}
              />
              {snapshotClassOptions.map((name) => (
                <FormSelectOption key={name} value={name} label={name} />
              ))}
            </FormSelect>
            {helper(
              [],
              fieldWarnings(['snapshot-class-not-found', 'snapshot-class-other-driver']),
              'vsp-snapshot-class-help',
            )}
            {matchingSnapshotClasses.length === 0 && (
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>
                    {t('No VolumeSnapshotClass has driver {{provisioner}}.', { provisioner })}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>
        </FormSection>

        <FormSection title={t('Boot sources')} titleElement="h2">
          <FormGroup role="radiogroup" isStack fieldId="vsp-source-format" label={t('Boot source format')}>
            <Radio
              id="vsp-source-format-unset"
              name="vsp-source-format"
              label={t('Let CDI decide')}
              description={t('CDI uses its built-in advice for the provisioner, else pvc.')}
              isChecked={state.dataImportCronSourceFormat === ''}
              isDisabled={disabled}
              onChange={() => setField('dataImportCronSourceFormat', '')}
            />
            {SOURCE_FORMATS.map((f) => (
              <Radio
                key={f}
                id={`vsp-source-format-${f}`}
                name="vsp-source-format"
                label={sourceFormats[f].label}
                description={sourceFormats[f].description}
                isChecked={state.dataImportCronSourceFormat === f}
                isDisabled={disabled}
                onChange={() => setField('dataImportCronSourceFormat', f)}
              />
            ))}
            {helper(
              fieldErrors(['invalid-source-format']),
              fieldWarnings(['snapshot-format-without-snapshot-class']),
              'vsp-source-format-help',
            )}
          </FormGroup>
        </FormSection>

        <FormSection title={t('Review the change')} titleElement="h2">
          <Content component="p">
            {t(
              'Only the fields you changed are sent. The "test" operations check that each of those fields still has the value you started from (null: still not set); if someone changed one of them meanwhile, nothing is saved. Changes to other fields are kept.',
            )}
          </Content>
          {form.patch instanceof Error ? (
            <ErrorAlert error={form.patch} title={t('The change cannot be expressed safely')} />
          ) : (
            <PatchPreview patch={patchOps} id="vsp-patch-preview" />
          )}
          {errors.length > 0 && (
            <Alert variant="danger" isInline title={t('Fix these before saving')}>
              <ul>
                {errors.map((e) => (
                  <li key={errorText(e)}>{errorText(e)}</li>
                ))}
              </ul>
            </Alert>
          )}
        </FormSection>

        <ActionGroup>
          <Button
            type="submit"
            variant="primary"
            isLoading={form.pendingAction === 'save'}
            isDisabled={disabled || errors.length > 0 || !form.canSave}
          >
            {t('Save')}
          </Button>
          <Button variant="link" onClick={onCancel} isDisabled={form.isPending}>
            {t('Cancel')}
          </Button>
        </ActionGroup>
      </Form>

      <ConfirmModal
        isOpen={confirmReset}
        title={t('Reset to CDI defaults?')}
        confirmLabel={t('Remove administrator values')}
        isDanger
        isInProgress={form.pendingAction === 'reset'}
        error={form.failure?.action === 'reset' ? form.failure.error : undefined}
        onCancel={() => setConfirmReset(false)}
        onConfirm={() => form.saveWith('reset', CLEARED_VALUES)}
      >
        <Stack hasGutter>
          <Content component="p">
            {t(
              'This removes every value an administrator set on this profile. CDI then applies its own values, which for a provisioner it does not know means no access modes at all.',
            )}
          </Content>
          <PatchPreview patch={resetOps} id="vsp-reset-patch-preview" />
        </Stack>
      </ConfirmModal>
    </Stack>
  );
};

/** Words for the engine's alerts and the recommendation notes. */
const useEditTexts = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const labels: Record<string, string> = {
    claimPropertySets: t('Access and volume modes'),
    cloneStrategy: t('Clone strategy'),
    dataImportCronSourceFormat: t('Boot source format'),
    snapshotClass: t('VolumeSnapshotClass'),
  };
  const fieldLabel = (id: string) => labels[id] ?? id;
  const formatValue = (id: string, value: unknown) =>
    id === 'claimPropertySets' ? (
      <ClaimPropertySetList sets={value as ClaimPropertySet[]} empty={t('Not set')} />
    ) : (
      (value as string) || t('Not set')
    );
  const recommendationText = (
    note: NonNullable<ReturnType<typeof recommendValues>>['notes'][number],
    provisioner?: string,
  ): string => {
    switch (note.code) {
      case 'cdi-already-applies':
        return note.field === 'claimPropertySets'
          ? t('{{field}}: CDI already applies its built-in value by itself, so it is not pinned.', {
              field: fieldLabel(note.field),
            })
          : t('{{field}}: CDI already applies {{value}} by itself, so it is not pinned.', {
              field: fieldLabel(note.field),
              value: note.value,
            });
      case 'snapshot-not-served':
        return t(
          "{{field}}: CDI's table says snapshot, but no VolumeSnapshotClass has driver {{provisioner}}. CDI uses a value in spec as it is, so snapshot would fail; it is left to CDI.",
          { field: fieldLabel(note.field), provisioner },
        );
      case 'snapshot-unknown':
        return t(
          "{{field}}: CDI's table says snapshot, but the VolumeSnapshotClasses could not be read, so whether snapshots can work is unknown; it is left to CDI.",
          { field: fieldLabel(note.field) },
        );
      case 'csi-clone-not-served':
        return t(
          "Clone strategy: CDI's table says csi-clone, but no CSIDriver named {{provisioner}} exists; it is left to CDI.",
          { provisioner },
        );
    }
  };
  return { fieldLabel, formatValue, recommendationText };
};
