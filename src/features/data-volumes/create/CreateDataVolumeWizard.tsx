import {
  Button,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalVariant,
  useWizardContext,
  WizardFooter,
  WizardStep,
} from '@patternfly/react-core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WizardModal } from '../../../components/WizardModal';
import { DataVolumeModel } from '../../../k8s/models';
import type { DataVolume } from '../../../k8s/types';
import { createObject } from '../../../k8s/use-object-writes';
import {
  buildDataVolume,
  cloneSource,
  emptyDataVolumeForm,
  isCloneKind,
  type DataVolumeForm,
} from '../logic/dv-form';
import { hasErrors, validateDataVolumeForm } from '../logic/dv-validation';
import { CreateProgress } from './CreateProgress';
import { stepHasErrors, type DvStep } from './field-messages';
import { OptionsStep } from './OptionsStep';
import { ReviewStep, type DryRunResult } from './ReviewStep';
import { SourceStep } from './SourceStep';
import { StorageStep } from './StorageStep';
import { cloneCheckTitle, useCloneCheck, type CloneCheckTarget } from './use-clone-check';
import { useSourceFacts } from './use-source-facts';
import { useStorageFacts } from './use-storage-facts';
import '../../../components/plugin.css';

export interface CreateDataVolumeWizardProps {
  /** The namespace to create in; undefined when the list shows all namespaces (the wizard asks). */
  namespace: string | undefined;
  onClose: () => void;
}

/**
 * A footer whose Next first checks the step: with errors it shows them at their fields (and focuses the
 * first) instead of moving on. Rendered inside the Wizard, so it can move it.
 */
const GatedFooter = ({
  blocked,
  onBlocked,
  isNextDisabled,
  onClose,
}: {
  blocked: boolean;
  onBlocked: () => void;
  isNextDisabled?: boolean;
  onClose: () => void;
}) => {
  const { activeStep, goToNextStep, goToPrevStep } = useWizardContext();
  return (
    <WizardFooter
      activeStep={activeStep}
      onNext={() => (blocked ? onBlocked() : goToNextStep())}
      onBack={goToPrevStep}
      onClose={onClose}
      isNextDisabled={isNextDisabled}
      isBackDisabled={activeStep.index === 1}
    />
  );
};

/** Moves focus to the first invalid control of the open dialog (after the errors rendered). */
const focusFirstInvalid = () =>
  setTimeout(() => {
    const el = document.querySelector<HTMLElement>('[role="dialog"] [aria-invalid="true"]');
    el?.focus();
  }, 0);

/**
 * "Create DataVolume": Source → Storage → Options → Review, then the new DataVolume's progress. Input is
 * checked at the field before any request; a clone from another namespace asks the apiserver first whether
 * CDI will allow it; the server's refusal of the create is shown verbatim with the form intact.
 */
const CreateDataVolumeWizard = ({ namespace, onClose }: CreateDataVolumeWizardProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [form, setFormState] = useState<DataVolumeForm>(() => emptyDataVolumeForm(namespace ?? ''));
  const [shown, setShown] = useState<ReadonlySet<DvStep>>(new Set());
  const [dryRun, setDryRun] = useState<DryRunResult>();
  const [dryRunning, setDryRunning] = useState(false);
  const [createError, setCreateError] = useState<unknown>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ namespace: string; name: string }>();
  const busy = useRef(false);

  const facts = useStorageFacts(form);
  const sourceFacts = useSourceFacts(form);
  const problems = useMemo(() => validateDataVolumeForm(form, sourceFacts.ctx), [form, sourceFacts.ctx]);

  // Any change makes an earlier server answer stale.
  const setForm = (update: (f: DataVolumeForm) => DataVolumeForm) => {
    if (busy.current) return;
    setFormState(update);
    setDryRun(undefined);
    setCreateError(undefined);
  };

  // The permission check: a clone whose source (a DataSource resolved to its PVC or snapshot) is elsewhere.
  const checkTarget = useMemo((): CloneCheckTarget | undefined => {
    if (!isCloneKind(form.sourceKind) || !form.namespace) return undefined;
    const src = cloneSource(form);
    if (!src?.name) return undefined;
    const resolved = sourceFacts.resolved;
    // A DataSource that cannot be read: its own namespace is the best guess of where its PVC lives.
    const target = resolved ?? { namespace: src.namespace, name: undefined };
    if (target.namespace === form.namespace) return undefined;
    return { namespace: target.namespace, name: target.name };
  }, [form, sourceFacts.resolved]);
  const { check, recheck } = useCloneCheck(checkTarget);
  const cloneDenied = checkTarget !== undefined && check.state === 'denied';
  const cloneWarning = cloneDenied ? cloneCheckTitle(t, 'denied', checkTarget.namespace) : undefined;
  // An unknown answer does not block: CDI decides when the DataVolume is created.
  const cloneUnknown =
    checkTarget !== undefined && check.state === 'error'
      ? cloneCheckTitle(t, 'error', checkTarget.namespace)
      : undefined;

  const show = (step: DvStep) => {
    setShown((s) => (s.has(step) ? s : new Set(s).add(step)));
    focusFirstInvalid();
  };
  const close = () => {
    if (!busy.current) onClose();
  };

  const anyErrors = hasErrors(problems);
  const canCreate = !anyErrors && !cloneDenied && !creating && facts.blockers.length === 0;

  const create = () => {
    if (!canCreate || busy.current) return;
    busy.current = true;
    setCreating(true);
    setCreateError(undefined);
    const dv = buildDataVolume(form);
    createObject<DataVolume>({ model: DataVolumeModel, data: dv }).then(
      (saved) => {
        busy.current = false;
        setCreating(false);
        setCreated({
          namespace: saved.metadata?.namespace ?? dv.metadata!.namespace!,
          name: saved.metadata?.name ?? dv.metadata!.name!,
        });
      },
      (error: unknown) => {
        busy.current = false;
        setCreating(false);
        setCreateError(error);
      },
    );
  };
  const runDryRun = () => {
    if (anyErrors || busy.current) return;
    setDryRunning(true);
    setDryRun(undefined);
    createObject<DataVolume>({ model: DataVolumeModel, data: buildDataVolume(form), dryRun: true }).then(
      () => {
        setDryRunning(false);
        setDryRun({ ok: true });
      },
      (error: unknown) => {
        setDryRunning(false);
        setDryRun({ ok: false, error });
      },
    );
  };

  if (created) {
    return (
      <Modal
        variant={ModalVariant.large}
        isOpen
        onClose={onClose}
        aria-labelledby="vsp-dv-progress-title"
        data-testid="vsp-dv-create-progress"
      >
        <ModalHeader
          title={t('DataVolume {{name}}', { name: created.name })}
          labelId="vsp-dv-progress-title"
        />
        <ModalBody>
          <CreateProgress namespace={created.namespace} name={created.name} />
        </ModalBody>
        <ModalFooter>
          <Button variant="primary" onClick={onClose}>
            {t('Close')}
          </Button>
        </ModalFooter>
      </Modal>
    );
  }

  const sourceBlocked = stepHasErrors(problems, 'source') || cloneDenied;
  const storageBlocked = stepHasErrors(problems, 'storage') || facts.blockers.length > 0;
  const optionsBlocked = stepHasErrors(problems, 'options');
  const stepProps = { form, setForm, problems };

  return (
    <WizardModal
      titleId="vsp-dv-wizard-title"
      title={t('Create DataVolume')}
      onClose={close}
      onSave={create}
      isVisitRequired
      isCloseHidden={creating}
      navAriaLabel={t('Create DataVolume steps')}
      description={t(
        'A DataVolume imports, uploads or clones a disk into a new PVC; CDI runs the work and reports its progress.',
      )}
    >
      <WizardStep
        name={t('Source')}
        id="vsp-dv-step-source"
        status={shown.has('source') && sourceBlocked ? 'error' : 'default'}
        footer={<GatedFooter blocked={sourceBlocked} onBlocked={() => show('source')} onClose={close} />}
      >
        <SourceStep
          {...stepProps}
          showErrors={shown.has('source')}
          facts={sourceFacts}
          askNamespace={namespace === undefined}
          cloneCheck={check}
          checkNamespace={checkTarget?.namespace}
          onRecheck={recheck}
        />
      </WizardStep>
      <WizardStep name={t('Storage')} id="vsp-dv-step-storage" footer={{ isNextDisabled: storageBlocked }}>
        {/* Its Next is disabled while the storage fields have errors, so they show at once to explain why. */}
        <StorageStep {...stepProps} showErrors facts={facts} />
      </WizardStep>
      <WizardStep
        name={t('Options')}
        id="vsp-dv-step-options"
        status={shown.has('options') && optionsBlocked ? 'error' : 'default'}
        footer={<GatedFooter blocked={optionsBlocked} onBlocked={() => show('options')} onClose={close} />}
      >
        <OptionsStep {...stepProps} showErrors={shown.has('options')} facts={facts} />
      </WizardStep>
      <WizardStep
        name={t('Review')}
        id="vsp-dv-step-review"
        footer={{
          nextButtonText: t('Create'),
          isNextDisabled: !canCreate,
          nextButtonProps: { isLoading: creating },
          cancelButtonProps: { isDisabled: creating },
          isBackDisabled: creating,
        }}
      >
        <ReviewStep
          form={form}
          facts={facts}
          problems={problems}
          cloneWarning={cloneWarning}
          cloneUnknown={cloneUnknown}
          dryRun={dryRun}
          dryRunning={dryRunning}
          onDryRun={runDryRun}
          createError={createError}
          creating={creating}
        />
      </WizardStep>
    </WizardModal>
  );
};

export default CreateDataVolumeWizard;
