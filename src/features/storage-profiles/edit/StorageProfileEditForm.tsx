import { k8sGet } from '@openshift-console/dynamic-plugin-sdk';
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
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { deepEqual } from '../../../k8s/json-patch';
import { readK8sError } from '../../../k8s/k8s-errors';
import { StorageProfileModel } from '../../../k8s/models';
import type { CapabilityLookup } from '../../../k8s/storage-capabilities';
import type { StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { useK8sPatchMutation } from '../../../k8s/use-k8s-patch-mutation';
import { ClaimPropertySetList } from '../details/ProfileDetailsSections';
import { CLONE_STRATEGIES, SOURCE_FORMATS } from '../../../k8s/storage-profile-values';
import { snapshotClassesForDriver } from '../details/profile-health';
import { useProfileTexts } from '../details/use-profile-texts';
import { ClaimPropertySetsEditor } from './ClaimPropertySetsEditor';
import { PatchPreview } from './PatchPreview';
import {
  formStateFromSpec,
  recommendedFormState,
  specFormWarnings,
  specFromFormState,
  validateSpecForm,
  type SpecFormState,
} from './spec-form-logic';
import { adminValues, buildStorageProfileSpecPatch } from './storage-profile-spec-patch';
import { useSpecFormMessages } from './use-spec-form-messages';

export interface StorageProfileEditFormProps {
  /** The live profile (the watch keeps it current). */
  profile: StorageProfile;
  provisioner?: string;
  snapshotClasses: VolumeSnapshotClass[];
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
  // The profile as the user saw it when they started editing: the patch is computed and guarded against it.
  const [base, setBase] = useState<StorageProfile>(profile);
  const [state, setState] = useState<SpecFormState>(() => formStateFromSpec(profile.spec));
  const [confirmReset, setConfirmReset] = useState(false);
  const latest = useRef(profile);
  useEffect(() => {
    latest.current = profile;
  }, [profile]);

  // The watch may lag behind the server; these are watch versions known to be older than `base`.
  const [staleVersion, setStaleVersion] = useState<string>();
  const [refreshError, setRefreshError] = useState<unknown>();
  /** Set when a failed write turned out to be a conflict: the spec on the cluster is not the one tested. */
  const [conflict, setConflict] = useState(false);
  /**
   * After a failed write, read the profile again. The apiserver answers a failed `test` with a generic
   * 422, so the only reliable sign of a conflict is that the spec is no longer the one the patch tested.
   * On a conflict, rebase on the current object so the preview and the next save are against it.
   */
  const checkForConflict = (error: unknown) => {
    const kind = readK8sError(error).kind;
    if (kind !== 'conflict' && kind !== 'invalid') return;
    const watched = latest.current.metadata?.resourceVersion;
    const tested = base;
    k8sGet<StorageProfile>({ model: StorageProfileModel, name: profile.metadata?.name })
      .then((fresh) => {
        setRefreshError(undefined);
        if (kind !== 'conflict' && deepEqual(fresh.spec, tested.spec)) return;
        setConflict(true);
        setBase(fresh);
        setStaleVersion(fresh.metadata?.resourceVersion !== watched ? watched : undefined);
      })
      .catch((e: unknown) => setRefreshError(e));
  };
  const save = useK8sPatchMutation<StorageProfile>({
    onMutate: () => setConflict(false),
    onSuccess: () =>
      onSaved(
        t('Storage profile {{name}} saved. CDI applies the new values shortly.', {
          name: profile.metadata?.name,
        }),
      ),
    onError: checkForConflict,
  });
  const reset = useK8sPatchMutation<StorageProfile>({
    onSuccess: () => {
      setConfirmReset(false);
      onSaved(
        t('Administrator values removed from {{name}}. CDI applies its own values again.', {
          name: profile.metadata?.name,
        }),
      );
    },
    onError: checkForConflict,
  });

  const changedMeanwhile =
    profile.metadata?.resourceVersion !== staleVersion &&
    !deepEqual(adminValues(base.spec), adminValues(profile.spec));
  const errors = validateSpecForm(state);
  const warnings = specFormWarnings(state, {
    provisioner,
    snapshotClasses,
    cloneStrategyOverride,
    csiDriverNames,
  });
  const patch = useMemo(() => {
    try {
      return buildStorageProfileSpecPatch(base, specFromFormState(state));
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }, [base, state]);
  const patchOps = Array.isArray(patch) ? patch : [];
  const resetPatch = useMemo(() => buildStorageProfileSpecPatch(base, {}), [base]);
  const recommended = recommendedFormState(capabilities, state);
  const matchingSnapshotClasses = snapshotClassesForDriver(snapshotClasses, provisioner);
  const disabled = !canWrite || save.isPending;

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
      {changedMeanwhile && (
        <Alert
          variant="warning"
          isInline
          title={t('Someone else changed this profile while you were editing')}
        >
          <p>
            {t(
              'Saving now fails, because the patch is checked against the values you started from. Current values on the cluster:',
            )}
          </p>
          <CurrentValues profile={profile} />
          <Button
            variant="link"
            isInline
            onClick={() => {
              setBase(profile);
              setState(formStateFromSpec(profile.spec));
              setConflict(false);
              save.reset();
            }}
          >
            {t('Discard my changes and edit the current values')}
          </Button>
        </Alert>
      )}
      {refreshError != null && (
        <ErrorAlert
          error={refreshError}
          context="read"
          title={t('Could not read the current values of the storage profile')}
        />
      )}
      {save.error != null && (
        <ErrorAlert
          error={save.error}
          title={
            conflict
              ? t('Someone else changed this profile, so nothing was saved')
              : t('Could not save the storage profile')
          }
        />
      )}
      {conflict && !changedMeanwhile && (
        <Alert variant="info" isInline title={t('Current values on the cluster')}>
          <CurrentValues profile={base} />
          <p>
            {t(
              'The preview below now shows the patch against these values. Save again to apply your values.',
            )}
          </p>
        </Alert>
      )}
      <Flex>
        <Button
          variant="secondary"
          isDisabled={disabled || !recommended}
          onClick={() => recommended && setState(recommended)}
        >
          {t('Use recommended values')}
        </Button>
        <Button
          variant="secondary"
          isDanger
          isDisabled={disabled || resetPatch.length === 0}
          onClick={() => {
            reset.reset();
            setConfirmReset(true);
          }}
        >
          {t('Reset to CDI defaults')}
        </Button>
      </Flex>
      <HelperText>
        <HelperTextItem>
          {recommended
            ? t(
                '"Use recommended values" fills the form with CDI\'s built-in values for this provisioner; nothing is saved until you press Save.',
              )
            : t(
                'CDI has no built-in values for this provisioner, so there is nothing to recommend: set the values your storage supports.',
              )}
        </HelperTextItem>
      </HelperText>

      <Form
        onSubmit={(e) => {
          e.preventDefault();
          if (errors.length === 0 && patchOps.length > 0) {
            save.mutate({ model: StorageProfileModel, resource: base, patch: patchOps });
          }
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
            onChange={(claimPropertySets) => setState({ ...state, claimPropertySets })}
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
              onChange={() => setState({ ...state, cloneStrategy: '' })}
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
                onChange={() => setState({ ...state, cloneStrategy: s })}
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
              onChange={(_e, value) => setState({ ...state, snapshotClass: value })}
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
              onChange={() => setState({ ...state, dataImportCronSourceFormat: '' })}
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
                onChange={() => setState({ ...state, dataImportCronSourceFormat: f })}
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
              'Only the fields you changed are sent. The first operation checks that the profile still has the values you started from; if someone changed it meanwhile, nothing is saved.',
            )}
          </Content>
          {patch instanceof Error ? (
            <ErrorAlert error={patch} title={t('The change cannot be expressed safely')} />
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
            isLoading={save.isPending}
            isDisabled={disabled || errors.length > 0 || patchOps.length === 0}
          >
            {t('Save')}
          </Button>
          <Button variant="link" onClick={onCancel} isDisabled={save.isPending}>
            {t('Cancel')}
          </Button>
        </ActionGroup>
      </Form>

      <ConfirmModal
        isOpen={confirmReset}
        title={t('Reset to CDI defaults?')}
        confirmLabel={t('Remove administrator values')}
        isDanger
        isInProgress={reset.isPending}
        error={reset.error ?? undefined}
        onCancel={() => setConfirmReset(false)}
        onConfirm={() => reset.mutate({ model: StorageProfileModel, resource: base, patch: resetPatch })}
      >
        <Stack hasGutter>
          <Content component="p">
            {t(
              'This removes every value an administrator set on this profile. CDI then applies its own values, which for a provisioner it does not know means no access modes at all.',
            )}
          </Content>
          <PatchPreview patch={resetPatch} id="vsp-reset-patch-preview" />
        </Stack>
      </ConfirmModal>
    </Stack>
  );
};

const CurrentValues = ({ profile }: { profile: StorageProfile }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const spec = adminValues(profile.spec);
  return (
    <ul>
      <li>
        {t('Access and volume modes')}:{' '}
        <ClaimPropertySetList sets={spec.claimPropertySets} empty={t('Not set')} />
      </li>
      <li>
        {t('Clone strategy')}: {spec.cloneStrategy ?? t('Not set')}
      </li>
      <li>
        {t('Boot source format')}: {spec.dataImportCronSourceFormat ?? t('Not set')}
      </li>
      <li>
        {t('VolumeSnapshotClass')}: {spec.snapshotClass ?? t('Not set')}
      </li>
    </ul>
  );
};
