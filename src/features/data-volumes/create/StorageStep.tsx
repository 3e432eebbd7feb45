import {
  Alert,
  Button,
  Content,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describedBy, FieldHelp } from '../../../components/FieldHelp';
import { ReadWarningAlert } from '../../../components/ReadWarningAlert';
import { ACCESS_MODES, formatClaimPropertySet, VOLUME_MODES } from '../../../k8s/access-modes';
import { isDefaultClass } from '../../../k8s/default-storage-class';
import { formatQuantity } from '../../../k8s/quantity';
import type { AccessMode, ClaimPropertySet, StorageClass } from '../../../k8s/types';
import { storageProfileDetailsPath } from '../../../routes';
import { isCloneKind } from '../logic/dv-form';
import { fieldMessages, type StorageField } from './storage-messages';
import type { StorageBlocker } from './storage-facts';
import type { StepProps } from './step-props';
import type { StorageFacts } from './use-storage-facts';

const percent = (fraction: string | undefined): string | undefined => {
  const n = fraction === undefined ? NaN : Number(fraction);
  return Number.isFinite(n) ? `${Math.round(n * 1000) / 10}%` : undefined;
};

/** Size, storage mode (profile or explicit), access and volume mode, and class of the DataVolume. */
export const StorageStep = ({
  form,
  setForm,
  problems,
  showErrors,
  facts,
}: StepProps & { facts: StorageFacts }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [touched, setTouched] = useState<ReadonlySet<StorageField>>(new Set());
  const touch = (f: StorageField) => setTouched((s) => new Set(s).add(f));
  const messages = (f: StorageField) =>
    fieldMessages(t, problems, f, { showErrors, touched: touched.has(f) });
  const clone = isCloneKind(form.sourceKind);
  const profileMode = form.storageMode === 'profile';
  const classes = facts.classes;
  const classUnknown = facts.unknowns.find((u) => u.code === 'classes');
  const profilesUnknown = facts.unknowns.find((u) => u.code === 'profiles');

  // ---- size
  const sizeState = messages('size');
  const size = form.size.trim();
  const bytes = size === '' ? undefined : formatQuantity(size);
  const pick = facts.profilePick;
  const overhead = percent(facts.overheadFor(facts.targetClass));
  const sizeHint = (() => {
    if (size === '' && clone && profileMode)
      return t('Empty: CDI gives the DataVolume the size of the clone source.');
    if (sizeState.errors.length > 0) return undefined;
    const parts: string[] = [];
    parts.push(
      bytes ? t('{{bytes}}.', { bytes }) : t('A Kubernetes quantity, e.g. 30Gi (Gi = 1024³ bytes).'),
    );
    if (clone && profileMode) parts.push(t('Leave empty to take the size of the clone source.'));
    if (profileMode && pick?.volumeMode === 'Filesystem' && overhead)
      parts.push(
        t(
          'CDI requests this size plus the filesystem overhead of {{class}} ({{overhead}}) for a Filesystem volume, so the disk image gets the full size.',
          { class: facts.targetClass, overhead },
        ),
      );
    return parts.join(' ');
  })();

  // ---- class
  const classState = messages('storageClassName');
  const mark = (sc: StorageClass): string => {
    const name = sc.metadata?.name ?? '';
    const marks = [
      isDefaultClass(sc, 'virt') ? t('virtualization default') : undefined,
      isDefaultClass(sc, 'k8s') ? t('default') : undefined,
      sc.volumeBindingMode === 'WaitForFirstConsumer' ? t('WaitForFirstConsumer') : undefined,
    ].filter(Boolean);
    return marks.length > 0 ? `${name} (${marks.join(', ')})` : name;
  };
  const defaultResolution = (() => {
    // What '' resolves to, in this mode, whatever the user chose.
    if (!classes) return undefined;
    const virt = classes.filter((sc) => isDefaultClass(sc, 'virt'));
    const k8s = classes.filter((sc) => isDefaultClass(sc, 'k8s'));
    return { virt: virt.length > 0, k8s: k8s.length > 0 };
  })();
  const defaultLabel = (() => {
    if (!profileMode) return t('Select a StorageClass');
    if (!classes) return t('Default (unknown: StorageClasses could not be read)');
    if (form.storageClassName.trim() !== '')
      return defaultResolution?.virt || defaultResolution?.k8s ? t('Default') : t('Default (none is set)');
    switch (facts.targetClassFrom) {
      case 'virt-default':
        return t('Default: {{name}} (virtualization default)', { name: facts.targetClass });
      case 'default':
        return t('Default: {{name}} (Kubernetes default)', { name: facts.targetClass });
      default:
        return t('Default (none is set)');
    }
  })();
  const chosen = form.storageClassName.trim();
  const chosenListed = !chosen || (classes ?? []).some((sc) => sc.metadata?.name === chosen);
  const classHint = (() => {
    if (!profileMode)
      return t(
        'spec.pvc is passed on as written: without a class the Kubernetes default would apply (never the virtualization default), so choose one here.',
      );
    if (chosen) return undefined;
    if (facts.otherDefaults.length > 0)
      return t('Several classes are marked default ({{name}}, {{others}}): CDI takes the newest, {{name}}.', {
        name: facts.targetClass,
        others: facts.otherDefaults.join(', '),
      });
    if (form.contentType === 'archive')
      return t(
        'For an archive, CDI skips the virtualization default and uses the Kubernetes default class (storageclass.kubernetes.io/is-default-class).',
      );
    return t(
      'Default: CDI uses the virtualization default class (storageclass.kubevirt.io/is-default-virt-class), else the Kubernetes default class.',
    );
  })();

  // ---- what CDI picks from the profile
  const pickText = (set: ClaimPropertySet) => formatClaimPropertySet(set);
  const profileSummary = (() => {
    if (!profileMode) return undefined;
    if (!facts.targetClass) {
      return facts.targetClassFrom === 'unknown'
        ? t('Which class and profile apply is unknown until the StorageClasses can be read.')
        : undefined;
    }
    if (facts.profileState === 'unknown')
      return t(
        'What CDI picks from the profile of {{class}} is unknown: StorageProfiles could not be read.',
        { class: facts.targetClass },
      );
    if (!pick) return undefined;
    return form.contentType === 'archive'
      ? t(
          'CDI picks access and volume mode from the profile {{class}}: {{modes}} (an archive is always unpacked onto a Filesystem volume: the first Filesystem set).',
          { class: facts.targetClass, modes: pickText(pick) },
        )
      : t(
          'CDI picks access and volume mode from the profile {{class}}: {{modes}} (its first claim property set).',
          {
            class: facts.targetClass,
            modes: pickText(pick),
          },
        );
  })();
  const cloneStrategy = facts.profile?.status?.cloneStrategy;

  // ---- explicit modes
  const accessState = messages('accessModes');
  const volumeState = messages('volumeMode');
  const profileSets = facts.profile?.status?.claimPropertySets ?? [];
  const applySet = (set: ClaimPropertySet) =>
    setForm((f) => ({
      ...f,
      accessModes: [...(set.accessModes ?? []).slice(0, 1)],
      volumeMode: set.volumeMode,
    }));

  const blockerAlert = (b: StorageBlocker, text: string) => {
    const toExplicit = (
      <Button variant="link" isInline onClick={() => setForm((f) => ({ ...f, storageMode: 'explicit' }))}>
        {t('Set access and volume mode explicitly')}
      </Button>
    );
    return (
      <Alert
        key={b.code}
        variant="danger"
        isInline
        title={
          b.code === 'profile-incomplete'
            ? t('StorageProfile {{name}} is incomplete', { name: b.className })
            : t('CDI cannot pick the access and volume mode')
        }
        data-testid="vsp-dv-storage-blocker"
        actionLinks={
          <Flex>
            {(b.code === 'profile-incomplete' || b.code === 'profile-missing') && (
              <FlexItem>
                <Link to={storageProfileDetailsPath(b.className)} target="_blank" rel="noopener noreferrer">
                  {t('Complete the profile')}
                  <span className="pf-v6-screen-reader"> {t('(opens in a new tab)')}</span>
                </Link>
              </FlexItem>
            )}
            <FlexItem>{toExplicit}</FlexItem>
          </Flex>
        }
      >
        {text}
      </Alert>
    );
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()}>
      {classUnknown && classUnknown.status !== 'loading' && (
        <ReadWarningAlert
          title={t('Could not read StorageClasses: which class is the default is unknown')}
          error={classUnknown.error}
        />
      )}
      {profilesUnknown && profilesUnknown.status !== 'loading' && (
        <ReadWarningAlert
          title={t('Could not read StorageProfiles: what CDI picks from a profile is unknown')}
          error={profilesUnknown.error}
        />
      )}

      <FormGroup label={t('Size')} isRequired={!(clone && profileMode)} fieldId="vsp-dv-size">
        <TextInput
          id="vsp-dv-size"
          value={form.size}
          placeholder={clone && profileMode ? t('Size of the source') : '30Gi'}
          onChange={(_e, v) => setForm((f) => ({ ...f, size: v }))}
          onBlur={() => touch('size')}
          isRequired={!(clone && profileMode)}
          {...describedBy(sizeState, sizeHint)}
        />
        <FieldHelp state={sizeState} hint={sizeHint} />
      </FormGroup>

      <FormGroup
        role="radiogroup"
        isInline={false}
        label={t('Access and volume mode')}
        fieldId="vsp-dv-storage-mode"
        isStack
      >
        <Radio
          id="vsp-dv-storage-mode-profile"
          name="vsp-dv-storage-mode"
          label={t('From the storage profile (spec.storage)')}
          description={t('CDI fills in access and volume mode from the StorageProfile of the class.')}
          isChecked={profileMode}
          onChange={() => setForm((f) => ({ ...f, storageMode: 'profile' }))}
        />
        <Radio
          id="vsp-dv-storage-mode-explicit"
          name="vsp-dv-storage-mode"
          label={t('Explicit (spec.pvc)')}
          description={t('You choose access and volume mode; CDI writes the claim as given.')}
          isChecked={!profileMode}
          onChange={() => setForm((f) => ({ ...f, storageMode: 'explicit' }))}
        />
      </FormGroup>

      <FormGroup label={t('StorageClass')} isRequired={!profileMode} fieldId="vsp-dv-storageClassName">
        {classes ? (
          <FormSelect
            id="vsp-dv-storageClassName"
            value={form.storageClassName}
            onChange={(_e, v) => setForm((f) => ({ ...f, storageClassName: v }))}
            onBlur={() => touch('storageClassName')}
            {...describedBy(classState, classHint)}
          >
            <FormSelectOption value="" label={defaultLabel} isPlaceholder={!profileMode} />
            {classes.map((sc) => (
              <FormSelectOption key={sc.metadata?.name} value={sc.metadata?.name} label={mark(sc)} />
            ))}
            {!chosenListed && (
              <FormSelectOption value={chosen} label={t('{{name}} (does not exist)', { name: chosen })} />
            )}
          </FormSelect>
        ) : classUnknown?.status === 'loading' ? (
          <FormSelect id="vsp-dv-storageClassName" value="" isDisabled aria-busy>
            <FormSelectOption value="" label={t('Loading StorageClasses…')} />
          </FormSelect>
        ) : (
          <TextInput
            id="vsp-dv-storageClassName"
            value={form.storageClassName}
            placeholder={t('StorageClass name')}
            onChange={(_e, v) => setForm((f) => ({ ...f, storageClassName: v }))}
            onBlur={() => touch('storageClassName')}
            {...describedBy(classState, classHint)}
          />
        )}
        <FieldHelp state={classState} hint={classHint} />
      </FormGroup>

      {profileMode && profileSummary && (
        <Content component="p" data-testid="vsp-dv-profile-pick">
          {profileSummary}
          {clone && cloneStrategy && (
            <>
              {' '}
              {t('Clones on this class use the clone strategy {{strategy}} (unless CDI overrides it).', {
                strategy: cloneStrategy,
              })}
            </>
          )}
        </Content>
      )}
      {profileMode && facts.blockerDetails.map((b, i) => blockerAlert(b, facts.blockers[i] ?? ''))}

      {!profileMode && (
        <>
          {profileSets.length > 0 && (
            <Content component="p" data-testid="vsp-dv-profile-sets">
              {t('The profile {{class}} suggests, in order:', { class: facts.targetClass })}{' '}
              {profileSets.map((set, i) => (
                <Button
                  key={`${pickText(set)}-${i}`}
                  variant="link"
                  isInline
                  onClick={() => applySet(set)}
                  aria-label={t('Use {{modes}}', { modes: pickText(set) })}
                >
                  {pickText(set)}
                  {i < profileSets.length - 1 ? ',' : ''}
                </Button>
              ))}
            </Content>
          )}
          <FormGroup
            role="radiogroup"
            label={t('Access mode')}
            isRequired
            fieldId="vsp-dv-accessModes"
            isStack
          >
            {ACCESS_MODES.map((mode: AccessMode) => (
              <Radio
                key={mode}
                id={`vsp-dv-access-${mode}`}
                name="vsp-dv-accessModes"
                label={mode}
                isChecked={form.accessModes.length === 1 && form.accessModes[0] === mode}
                onChange={() => {
                  touch('accessModes');
                  setForm((f) => ({ ...f, accessModes: [mode] }));
                }}
                {...(accessState.errors.length + accessState.warnings.length > 0
                  ? { 'aria-describedby': accessState.helpId }
                  : {})}
              />
            ))}
            <FieldHelp state={accessState} />
          </FormGroup>
          <FormGroup
            role="radiogroup"
            label={t('Volume mode')}
            isRequired
            fieldId="vsp-dv-volumeMode"
            isStack
          >
            {VOLUME_MODES.map((mode) => (
              <Radio
                key={mode}
                id={`vsp-dv-volume-${mode}`}
                name="vsp-dv-volumeMode"
                label={mode}
                isChecked={form.volumeMode === mode}
                onChange={() => {
                  touch('volumeMode');
                  setForm((f) => ({ ...f, volumeMode: mode }));
                }}
                {...(volumeState.errors.length + volumeState.warnings.length > 0
                  ? { 'aria-describedby': volumeState.helpId }
                  : {})}
              />
            ))}
            <FieldHelp
              state={volumeState}
              hint={
                form.contentType === 'archive' && form.volumeMode === 'Block'
                  ? t(
                      'Archive content is unpacked into files: CDI supports it only on Filesystem volumes (with spec.storage it refuses Block: "ContentType Archive cannot have block volumeMode").',
                    )
                  : undefined
              }
            />
          </FormGroup>
        </>
      )}
    </Form>
  );
};
