import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Button,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalVariant,
  WizardStep,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hcoFieldName, hyperConvergedModelFor } from '../../../k8s/hco-paths';
import { gvk, NamespaceModel } from '../../../k8s/models';
import type { DataImportCronTemplate, HyperConverged, Namespace, StorageClass } from '../../../k8s/types';
import { useIntentWrite, type Intent } from '../../../k8s/use-intent-write';
import { watchState } from '../../../k8s/watch-state';
import {
  customiseTemplate,
  emptyCustomSource,
  errorsOf,
  fromTemplate,
  hasErrorIn,
  sourceNames,
  statusTemplates,
  STEP_FIELDS,
  suggestDataSourceName,
  templateSize,
  toTemplate,
  unsupportedSource,
  validateCustomSource,
  type CustomSourceField,
  type CustomSourceValues,
  type TemplateStatusItem,
} from '../logic/custom-source-form';
import { describeSchedule, matchingPreset, schedulePresets } from '../logic/schedule';
import { specTemplates, templateListIntent, upsertTemplate } from '../logic/template-edits';
import { useEditErrorText } from '../shared/use-edit-error-text';
import { DataSourceStep } from './DataSourceStep';
import { fieldStates } from './FieldHelp';
import { ReviewStep } from './ReviewStep';
import { ScheduleStep, type ScheduleChoice } from './ScheduleStep';
import { SourceStep } from './SourceStep';
import { classInEffect, isWffc, StorageStep } from './StorageStep';
import { useWizardMessages } from './use-wizard-messages';
import '../../../components/plugin.css';
import { WizardModal } from '../../../components/WizardModal';

export interface CustomSourceWizardProps {
  hco: HyperConverged; // live object from the page's watch
  mode: { kind: 'add' } | { kind: 'edit'; name: string } | { kind: 'customise'; name: string };
  storageClasses: StorageClass[]; // loaded by the page (the page already watches them)
  onClose: () => void;
  onSaved?: (name: string) => void;
  /** "Now" for the schedule preview; defaults to the current time (tests and screenshots pin it). */
  now?: Date;
}

const ALL_FIELDS = Object.keys(emptyCustomSource()) as CustomSourceField[];

type Mode = CustomSourceWizardProps['mode'];

/** The admin's entry for a name (any, or only one with a spec). */
const entryOf = (hco: HyperConverged, name: string, withSpec = false): DataImportCronTemplate | undefined =>
  specTemplates(hco).find((i) => i.metadata?.name === name && (!withSpec || i.spec !== undefined));

const commonOf = (hco: HyperConverged, name: string): TemplateStatusItem | undefined =>
  statusTemplates(hco).find((i) => i.metadata.name === name && i.status?.commonTemplate);

/** What the wizard starts from, or why it cannot start. */
const startingPoint = (
  hco: HyperConverged,
  mode: Mode,
): { values: CustomSourceValues; missing?: boolean; unsupported?: string } => {
  if (mode.kind === 'add') return { values: emptyCustomSource() };
  if (mode.kind === 'edit') {
    const entry = entryOf(hco, mode.name, true);
    if (!entry) return { values: { ...emptyCustomSource(), name: mode.name }, missing: true };
    return { values: fromTemplate(entry), unsupported: unsupportedSource(entry) };
  }
  const base = entryOf(hco, mode.name, true) ?? commonOf(hco, mode.name);
  if (!base) return { values: { ...emptyCustomSource(), name: mode.name }, missing: true };
  return { values: fromTemplate(base) };
};

/**
 * Adds a custom boot source, edits one, or customises the storage of a system one: a wizard that writes one
 * entry of the HyperConverged's `dataImportCronTemplates` (at the object's version) through a guarded, previewed patch.
 */
export const CustomSourceWizard = ({
  hco,
  mode,
  storageClasses,
  onClose,
  onSaved,
  now,
}: CustomSourceWizardProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { messageText } = useWizardMessages();
  const [start] = useState(() => startingPoint(hco, mode));
  const [values, setValues] = useState<CustomSourceValues>(start.values);
  const [touched, setTouched] = useState<ReadonlySet<CustomSourceField>>(
    () => new Set(mode.kind === 'add' ? [] : ALL_FIELDS),
  );
  // The DataSource name follows the source name until the user types one.
  const [dataSourceTyped, setDataSourceTyped] = useState(mode.kind !== 'add');
  const [scheduleNow] = useState(() => now ?? new Date());
  const customise = mode.kind === 'customise';

  // Namespaces, for suggestions and the "does not exist" warning (not needed to customise).
  const [nsData, nsLoaded, nsError] = useK8sWatchResource<Namespace[]>(
    customise ? null : { groupVersionKind: gvk(NamespaceModel), isList: true },
  );
  const namespaces = useMemo(() => {
    const w = watchState(nsData, nsLoaded, nsError, true);
    return w.status === 'loaded' ? (w.data ?? []).map((n) => n.metadata?.name ?? '') : undefined;
  }, [nsData, nsLoaded, nsError]);

  // Schedule: a preset (at times derived from the name) or the user's own.
  const seed = values.name.trim() || 'boot-source';
  const presets = useMemo(() => schedulePresets(seed), [seed]);
  const [choice, setChoice] = useState<ScheduleChoice>(() =>
    mode.kind === 'add'
      ? 'every-12h'
      : (matchingPreset(start.values.schedule, schedulePresets(start.values.name)) ?? 'custom'),
  );
  const schedule = choice === 'custom' ? values.schedule : presets.find((p) => p.id === choice)!.cron;

  const effective: CustomSourceValues = {
    ...values,
    schedule: customise ? values.schedule : schedule,
    managedDataSource: dataSourceTyped ? values.managedDataSource : suggestDataSourceName(values.name),
  };

  const common = customise ? commonOf(hco, mode.name) : undefined;
  const names = useMemo(() => sourceNames(hco), [hco]);
  const messages = validateCustomSource(effective, {
    mode: mode.kind,
    editing: mode.kind === 'add' ? undefined : mode.name,
    names,
    namespaces,
    storageClassNames: storageClasses.map((sc) => sc.metadata?.name ?? ''),
    effective: statusTemplates(hco),
    builtInSize: common && !common.status?.modified ? templateSize(common) : undefined,
  });
  const fieldState = fieldStates(messages, touched, messageText);
  const errors = errorsOf(messages);

  const inEffect = classInEffect(storageClasses, effective.storageClass);
  const wffc = isWffc(storageClasses, inEffect);

  const write = useIntentWrite<HyperConverged>({ model: hyperConvergedModelFor(hco), object: hco });
  const { localise, localiseFailure } = useEditErrorText();
  const gone = (name: string) =>
    new Error(t('The boot source {{name}} is no longer in the HyperConverged.', { name }));
  /** Applied to whichever HyperConverged the write runs on, so a retry merges onto the latest entry. */
  const intent: Intent<HyperConverged> = (current) => {
    if (mode.kind === 'add') {
      return templateListIntent(upsertTemplate(toTemplate(effective, { wffcClass: wffc })))(current);
    }
    if (mode.kind === 'edit') {
      const original = entryOf(current, mode.name, true);
      if (!original) throw gone(mode.name);
      const item = toTemplate(effective, { wffcClass: wffc, original });
      return templateListIntent(upsertTemplate(item, mode.name))(current);
    }
    const entry = entryOf(current, mode.name, true);
    const base = entry ?? commonOf(current, mode.name);
    if (!base) throw gone(mode.name);
    const item = customiseTemplate(base, effective, { wffcClass: wffc, existingEntry: !!entry });
    return templateListIntent(upsertTemplate(item, entry ? mode.name : undefined))(current);
  };

  const set = (field: CustomSourceField, value: string) => {
    if (field === 'managedDataSource' && !dataSourceTyped) setDataSourceTyped(true);
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((s) => new Set(s).add(field));
  };
  const touch = (field: CustomSourceField) => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  const chooseSchedule = (next: ScheduleChoice) => {
    if (next === 'custom' && choice !== 'custom') setValues((v) => ({ ...v, schedule }));
    setChoice(next);
  };

  const blocked = !!start.missing || !!start.unsupported;
  const canSave = !blocked && errors.length === 0 && !write.isPending;
  const save = () => {
    if (!canSave) return;
    write.run(mode.kind, intent, {
      onSuccess: () => {
        onSaved?.(effective.name.trim());
        onClose();
      },
    });
  };

  const title =
    mode.kind === 'add'
      ? t('Add boot source')
      : mode.kind === 'edit'
        ? t('Edit boot source {{name}}', { name: mode.name })
        : t('Customise storage of {{name}}', { name: mode.name });

  if (blocked) {
    return (
      <Modal variant={ModalVariant.small} isOpen onClose={onClose} aria-labelledby="vsp-wizard-title">
        <ModalHeader title={title} labelId="vsp-wizard-title" />
        <ModalBody>
          {start.missing ? (
            <Alert variant="danger" isInline title={t('This boot source is gone')}>
              {t('The boot source {{name}} is no longer in the HyperConverged.', { name: values.name })}
            </Alert>
          ) : (
            <Alert variant="warning" isInline title={t('This wizard cannot edit this boot source')}>
              {start.unsupported === 'pvc'
                ? t('It imports from a PVC, not from a registry. Edit the HyperConverged YAML instead.')
                : start.unsupported === 'image-stream'
                  ? t(
                      'It imports from an ImageStream, not from a registry URL. Edit the HyperConverged YAML instead.',
                    )
                  : t('Its source is not a registry URL. Edit the HyperConverged YAML instead.')}
            </Alert>
          )}
        </ModalBody>
        <ModalFooter>
          <Button variant="primary" onClick={onClose}>
            {t('Close')}
          </Button>
        </ModalFooter>
      </Modal>
    );
  }

  const stepFooter = (fields: readonly CustomSourceField[]) => ({
    isNextDisabled: hasErrorIn(messages, fields),
  });
  const close = () => {
    if (!write.isPending) onClose();
  };
  const preview = localise(write.preview(intent));
  const stepProps = { values: effective, set, touch, fieldState };

  return (
    <WizardModal
      titleId="vsp-wizard-title"
      title={title}
      height="min(48rem, 85vh)"
      onClose={close}
      onSave={save}
      isVisitRequired
      navAriaLabel={t('Boot source steps')}
      description={
        customise
          ? t('Change the disk size or StorageClass of a system boot source.')
          : t(
              'A boot source imports a disk image from a registry on a schedule and keeps a DataSource pointed at the latest import, for VM templates to clone.',
            )
      }
    >
      {!customise && (
        <WizardStep name={t('Source')} id="vsp-wizard-step-source" footer={stepFooter(STEP_FIELDS.source)}>
          <SourceStep {...stepProps} namespaces={namespaces} isEdit={mode.kind === 'edit'} />
        </WizardStep>
      )}
      {!customise && (
        <WizardStep
          name={t('Schedule')}
          id="vsp-wizard-step-schedule"
          footer={stepFooter(STEP_FIELDS.schedule)}
        >
          <ScheduleStep
            presets={presets}
            choice={choice}
            onChoose={chooseSchedule}
            schedule={effective.schedule}
            onCustomChange={(v) => set('schedule', v)}
            onCustomBlur={() => touch('schedule')}
            state={fieldState('schedule')}
            now={scheduleNow}
          />
        </WizardStep>
      )}
      <WizardStep name={t('Storage')} id="vsp-wizard-step-storage" footer={stepFooter(STEP_FIELDS.storage)}>
        <StorageStep {...stepProps} storageClasses={storageClasses} isCustomise={customise} />
      </WizardStep>
      {!customise && (
        <WizardStep
          name={t('DataSource and retention')}
          id="vsp-wizard-step-datasource"
          footer={stepFooter(STEP_FIELDS.dataSource)}
        >
          <DataSourceStep {...stepProps} />
        </WizardStep>
      )}
      <WizardStep
        name={t('Review')}
        id="vsp-wizard-step-review"
        footer={{
          nextButtonText: t('Save'),
          isNextDisabled: !canSave || preview instanceof Error,
          nextButtonProps: { isLoading: write.isPending },
          cancelButtonProps: { isDisabled: write.isPending },
          isBackDisabled: write.isPending,
        }}
      >
        <ReviewStep
          mode={mode.kind}
          values={effective}
          classInEffect={inEffect}
          wffc={wffc}
          scheduleWords={customise ? undefined : describeSchedule(effective.schedule)}
          preview={preview}
          errors={errors.map(messageText)}
          failure={localiseFailure(write.failure)}
          reapplied={!!write.reappliedOnNewer}
          templatesField={hcoFieldName('dataImportCronTemplates', hco)}
        />
      </WizardStep>
    </WizardModal>
  );
};
