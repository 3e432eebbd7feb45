import { Alert, WizardStep } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HostPathProvisionerModel } from '../../../k8s/models';
import { useIntentWrite, type Intent } from '../../../k8s/use-intent-write';
import { useCreateObject } from '../../../k8s/use-object-writes';
import type { WriteFailure } from '../../../k8s/use-resource-form';
import {
  crEdits,
  formFromCr,
  migrateLegacyPathConfig,
  newHostPathProvisioner,
  removedPools,
  renamedPools,
  type HppForm,
} from '../logic/hpp-spec';
import { LEGACY_POOL_NAME, type HostPathProvisioner } from '../logic/hpp-types';
import { dependentsOfPool } from '../logic/pool-dependents';
import { hasErrorUnder, validateHppForm, type ValidationFinding } from '../logic/pool-validation';
import { hppLists, type HppData } from '../shared/use-hpp-data';
import { fieldStates } from './FieldHelp';
import { NodesStep } from './NodesStep';
import { PoolsStep } from './PoolsStep';
import { ReviewStep } from './ReviewStep';
import { toYaml } from '../../../k8s/to-yaml';
import { useHppMessages } from './use-hpp-messages';
import '../../../components/plugin.css';
import { metadataName } from '../../../k8s/names';
import { WizardModal } from '../../../components/WizardModal';

export interface HppWizardModalProps {
  /** The CR to edit (live, from the page's watch); undefined to create one. */
  cr?: HostPathProvisioner;
  data: HppData;
  onClose: () => void;
}

/** Fields the steps have no control for: their findings are listed at the end of the pools step. */
const UNSHOWN_FIELD = /^pathConfig\.|\.(overlayClassName|snapshotProvider)$/;

/**
 * Creates the HostPathProvisioner CR, or edits its pools, node selector and image pull policy: a wizard whose
 * create is the whole object (shown as YAML) and whose edit is a guarded JSON patch of only the user's changes
 * (`crEdits`), re-applied on the fresh CR after a conflict so that everyone else's changes survive.
 */
const HppWizardModal = ({ cr, data, onClose }: HppWizardModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { findingText, migrationText, localise } = useHppMessages();
  const lists = hppLists(data);
  // What the user started from: their edits are the difference between it and the form.
  const [base] = useState(cr);
  const [form, setForm] = useState<HppForm>(() => formFromCr(cr));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [migration, setMigration] = useState<string[]>();
  const isEdit = !!base;

  const live = base
    ? (data.crs.data?.find((c) => metadataName(c) === metadataName(base)) ?? base)
    : undefined;
  const write = useIntentWrite<HostPathProvisioner>({ model: HostPathProvisionerModel, object: live });
  const create = useCreateObject<HostPathProvisioner>();
  const intent: Intent<HostPathProvisioner> = (latest) => crEdits(base as HostPathProvisioner, form, latest);

  const result = useMemo(
    () => validateHppForm(form, { storageClasses: lists.storageClasses, nodes: lists.nodes, base }),
    [form, lists.storageClasses, lists.nodes, base],
  );
  // Existing values are checked at once; new ones once the user has been in the field.
  const fieldState = fieldStates(result, (f) => isEdit || touched.has(f), findingText);
  const update = (change: (f: HppForm) => HppForm) => setForm(change);
  const touch = (field: string) => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));

  const migrate = () => {
    if (!form.pathConfig) return;
    const r = migrateLegacyPathConfig(
      { ...(base ?? {}), spec: { ...(base?.spec ?? {}), pathConfig: form.pathConfig } },
      LEGACY_POOL_NAME,
      lists.storageClasses,
    );
    if (!r.ok) return;
    const pool = r.form.pools[r.form.pools.length - 1];
    setForm(({ pathConfig: _dropped, ...rest }) => ({ ...rest, pools: [...rest.pools, pool] }));
    setMigration(r.findings.map(migrationText));
  };

  const texts = (fs: ValidationFinding[]) => [...new Set(fs.map(findingText))];
  const unshown = [...result.errors, ...result.warnings].filter((f) => UNSHOWN_FIELD.test(f.field));

  const otherCr = !isEdit ? (data.crs.data ?? [])[0] : undefined;
  const dependents = isEdit
    ? [...removedPools(base, form), ...renamedPools(base, form).map((r) => r.from)].flatMap((pool) => {
        const d = dependentsOfPool(pool, lists.storageClasses, lists.pvcs);
        if (!d.classes)
          return [
            t('Pool {{pool}}: StorageClasses could not be read, so what uses it is unknown.', { pool }),
          ];
        if (d.classes.length === 0) return [];
        return [
          d.claims
            ? t(
                'Pool {{pool}} is used by StorageClasses {{classes}} with {{count}} claims: their volumes can no longer be mounted.',
                {
                  pool,
                  classes: d.classes.join(', '),
                  count: d.claims.length,
                },
              )
            : t(
                'Pool {{pool}} is used by StorageClasses {{classes}}: their volumes can no longer be mounted.',
                {
                  pool,
                  classes: d.classes.join(', '),
                },
              ),
        ];
      })
    : [];

  const patch = isEdit ? localise(write.preview(intent)) : undefined;
  const yaml = isEdit ? undefined : toYaml(newHostPathProvisioner(form));
  const pending = write.isPending || create.isPending;
  const failure: WriteFailure | undefined = isEdit
    ? write.failure && { ...write.failure, error: localise(write.failure.error) }
    : create.error
      ? { action: 'create', error: create.error, conflict: false }
      : undefined;
  const nothingToSave = isEdit && (patch instanceof Error || (patch?.length ?? 0) === 0);
  const canSave = result.errors.length === 0 && !pending && !nothingToSave && !otherCr;

  const save = () => {
    if (!canSave) return;
    if (isEdit) {
      write.run('save', intent, { onSuccess: () => onClose() });
    } else {
      // Through the promise, not mutate's callbacks: the page may remount the wizard when the watch brings
      // the new CR before the response, and callbacks of an unmounted mutation never run.
      create
        .mutateAsync({ model: HostPathProvisionerModel, data: newHostPathProvisioner(form) })
        .then(onClose, () => undefined); // the error is shown from create.error
    }
  };
  const close = () => {
    if (!pending) onClose();
  };

  const title = isEdit ? t('Edit hostpath provisioner') : t('Create hostpath provisioner');
  const poolsBlocked = hasErrorUnder(result, 'pools') || hasErrorUnder(result, 'pathConfig');
  const nodesBlocked = hasErrorUnder(result, 'workload') || hasErrorUnder(result, 'imagePullPolicy');

  return (
    <WizardModal
      titleId="vsp-hpp-wizard-title"
      title={title}
      height="min(52rem, 88vh)"
      onClose={close}
      onSave={save}
      isVisitRequired={!isEdit}
      navAriaLabel={t('Hostpath provisioner steps')}
      description={t(
        'The hostpath provisioner creates volumes in directories on the nodes (storage pools). The operator runs it on the selected nodes; each pool then needs a StorageClass.',
      )}
    >
      <WizardStep name={t('Storage pools')} id="vsp-hpp-step-pools" footer={{ isNextDisabled: poolsBlocked }}>
        {otherCr && (
          <Alert variant="danger" isInline title={t('A hostpath provisioner already exists')}>
            {t(
              'HostPathProvisioner {{name}} exists. The operator serves only one: edit it instead of creating another.',
              { name: metadataName(otherCr) },
            )}
          </Alert>
        )}
        <PoolsStep
          form={form}
          update={update}
          touch={touch}
          fieldState={fieldState}
          storageClasses={lists.storageClasses}
          onMigrate={migrate}
          migrationFindings={migration}
        />
        {unshown.length > 0 && (
          <Alert
            variant={unshown.some((f) => result.errors.includes(f)) ? 'danger' : 'warning'}
            isInline
            title={t('Other settings of the pools')}
          >
            <ul>
              {texts(unshown).map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </Alert>
        )}
      </WizardStep>
      <WizardStep name={t('Nodes')} id="vsp-hpp-step-nodes" footer={{ isNextDisabled: nodesBlocked }}>
        <NodesStep form={form} update={update} touch={touch} fieldState={fieldState} nodes={lists.nodes} />
      </WizardStep>
      <WizardStep
        name={t('Review')}
        id="vsp-hpp-step-review"
        footer={{
          nextButtonText: isEdit ? t('Save') : t('Create'),
          isNextDisabled: !canSave,
          nextButtonProps: { isLoading: pending },
          cancelButtonProps: { isDisabled: pending },
          isBackDisabled: pending,
        }}
      >
        <ReviewStep
          yaml={yaml}
          patch={patch}
          errors={texts(result.errors)}
          warnings={texts(result.warnings)}
          failure={failure}
          reapplied={!!write.reappliedOnNewer}
          dependents={dependents}
        />
      </WizardStep>
    </WizardModal>
  );
};

export default HppWizardModal;
