import {
  Alert,
  Button,
  Content,
  ExpandableSection,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalVariant,
  Radio,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PatchPreview } from '../../../components/PatchPreview';
import { StatusIcon, type StatusKind } from '../../../components/StatusIcon';
import { isDefaultClass } from '../../../k8s/default-storage-class';
import { StorageClassModel } from '../../../k8s/models';
import type { StorageClass, StorageProfile } from '../../../k8s/types';
import { accessAttributes, useAccess } from '../../../k8s/use-access';
import { listOrEmpty } from '../../../k8s/watch-state';
import { poolOfClass } from '../logic/pool-names';
import {
  buildPoolStorageClass,
  poolStorageClassNotes,
  type BindingMode,
  type ImmutableField,
  type ReclaimPolicy,
  type RecreateStep,
} from '../logic/storage-class-spec';
import type { HppData } from '../shared/use-hpp-data';
import { toYaml } from '../../../k8s/to-yaml';
import { ImmediateBindingWarning } from './ImmediateBindingWarning';
import {
  ProfileWaitTimeout,
  useRecreateClass,
  type RunStepId,
  type RunStepStatus,
} from './use-recreate-class';
import { YamlBlock } from '../../../components/YamlBlock';
import '../../../components/plugin.css';
import { metadataName } from '../../../k8s/names';

export interface RecreateClassModalProps {
  storageClass: StorageClass;
  data: HppData;
  onClose: () => void;
}

const ID = 'vsp-recreate-class';

const STATUS_ICON: Record<RunStepStatus, StatusKind> = {
  pending: 'unknown',
  running: 'in-progress',
  done: 'success',
  failed: 'danger',
  'not-run': 'unknown',
};

/**
 * Re-creating a StorageClass whose immutable fields (parameters, provisioner, reclaimPolicy,
 * volumeBindingMode) change: the plan (`recreatePlan`) with what is deleted, a confirmation, then the steps
 * with progress (`useRecreateClass`). The class and its StorageProfile spec are kept in the dialog and shown
 * as YAML to copy; after a failure the dialog says what state the cluster is in and offers to restore the
 * saved class and re-apply the profile spec.
 */
const RecreateClassModal = ({ storageClass, data, onClose }: RecreateClassModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const className = metadataName(storageClass);
  const classes = listOrEmpty(data.storageClasses);
  const profiles = listOrEmpty(data.profiles);
  // The class as watched now (its uid and resourceVersion guard the delete); the prop until the list loads.
  const live = classes ? classes.find((sc) => metadataName(sc) === className) : storageClass;
  const profile: StorageProfile | null | undefined = profiles
    ? (profiles.find((p) => metadataName(p) === className) ?? null)
    : undefined;

  const [pool, setPool] = useState(() => poolOfClass(storageClass));
  const [reclaimPolicy, setReclaimPolicy] = useState<ReclaimPolicy>(
    storageClass.reclaimPolicy === 'Retain' ? 'Retain' : 'Delete',
  );
  const [bindingMode, setBindingMode] = useState<BindingMode>(
    storageClass.volumeBindingMode === 'Immediate' ? 'Immediate' : 'WaitForFirstConsumer',
  );
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  const canDelete = useAccess(accessAttributes(StorageClassModel, 'delete', className));
  const canCreate = useAccess(accessAttributes(StorageClassModel, 'create'));
  const allowed = canDelete.allowed && canCreate.allowed;

  const desired = useMemo(
    () => buildPoolStorageClass({ name: className, pool, reclaimPolicy, volumeBindingMode: bindingMode }),
    [className, pool, reclaimPolicy, bindingMode],
  );
  const rc = useRecreateClass({ storageClass: live, profile, desired, profiles });
  const plan = rc.plan;
  const started = rc.progress.length > 0;
  const outcome = rc.outcome;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const pools = useMemo(() => {
    const names = new Set<string>();
    (data.crs.data ?? []).forEach((cr) => cr.spec?.storagePools?.forEach((p) => names.add(p.name)));
    const current = poolOfClass(storageClass);
    if (current) names.add(current);
    return [...names].sort();
  }, [data.crs.data, storageClass]);

  const fieldName: Record<ImmutableField, string> = {
    provisioner: t('provisioner'),
    parameters: t('parameters'),
    reclaimPolicy: t('reclaim policy'),
    volumeBindingMode: t('volume binding mode'),
  };

  const stepText = (id: RunStepId): string => {
    switch (id) {
      case 'save':
        return t('Keep a copy of StorageClass {{name}} and its StorageProfile spec', { name: className });
      case 'delete-class':
        return t('Delete StorageClass {{name}} (CDI deletes its StorageProfile)', { name: className });
      case 'create-class':
        return t('Create StorageClass {{name}} with the new settings', { name: className });
      case 'restore-class':
        return t('Create the saved StorageClass {{name}} again, as it was', { name: className });
      case 'wait-profile':
        return t('Wait for CDI to create the new StorageProfile {{name}}', { name: className });
      case 'reapply-profile-spec':
        return t('Write the saved spec onto StorageProfile {{name}}', { name: className });
    }
  };

  const statusText: Record<RunStepStatus, string> = {
    pending: t('Waiting'),
    running: t('Running'),
    done: t('Done'),
    failed: t('Failed'),
    'not-run': t('Not run'),
  };

  const planStepText = (s: RecreateStep): string => {
    switch (s.id) {
      case 'save':
        return s.savedProfileSpec
          ? t('Keep a copy of the class and of its StorageProfile spec ({{fields}}), shown below.', {
              fields: Object.keys(s.savedProfileSpec).join(', '),
            })
          : t('Keep a copy of the class, shown below. Its StorageProfile has no customised spec.');
      case 'delete-class':
        return s.profileDeleted
          ? t('Delete StorageClass {{name}}. CDI deletes its StorageProfile with it.', { name: s.className })
          : t('Delete StorageClass {{name}}.', { name: s.className });
      case 'create-class':
        return t(
          'Create StorageClass {{name}} with the new {{fields}}; its labels, annotations and other fields stay as they are.',
          { name: s.className, fields: s.changes.map((f) => fieldName[f]).join(', ') },
        );
      case 'reapply-profile-spec':
        return t(
          'Wait for CDI to create the new StorageProfile {{name}}, then write the saved spec ({{fields}}) onto it with a guarded patch.',
          { name: s.profileName, fields: s.fields.join(', ') },
        );
    }
  };

  /** Errors to show: API errors verbatim; the dialog's own timeout in words. */
  const shownError = (error: unknown) =>
    error instanceof ProfileWaitTimeout
      ? new Error(
          t(
            'CDI has not created StorageProfile {{name}} yet. Once the storage profiles list shows it, re-apply the profile spec.',
            { name: error.profileName },
          ),
        )
      : error;

  const notes = poolStorageClassNotes({
    name: className,
    pool,
    reclaimPolicy,
    volumeBindingMode: bindingMode,
  });
  const createStep = plan?.steps.find((s) => s.id === 'create-class');
  const notNeeded = plan?.findings.some((f) => f.code === 'not-needed');
  const profileUnknown = plan?.findings.some((f) => f.code === 'profile-unknown');
  const isDefault = live && (isDefaultClass(live, 'k8s') || isDefaultClass(live, 'virt'));
  const canRun = !!plan && !!live && !notNeeded && allowed && !started;
  const savedYaml = rc.saved ? toYaml(rc.saved.storageClass) : undefined;
  const profileYaml = rc.saved?.profileSpec ? toYaml({ spec: rc.saved.profileSpec }) : undefined;
  const offers = outcome?.kind === 'failed' ? outcome.state : undefined;

  const savedView = (yaml: string) => (
    <Stack hasGutter>
      <Content component="p">
        {t(
          'The dialog keeps these in memory only. Copy them if anything fails and you need to close the browser: "oc apply -f" creates the class again, and the spec goes back into the StorageProfile of the same name.',
        )}
      </Content>
      <div>
        <Content component="p">{t('StorageClass {{name}}:', { name: className })}</Content>
        <YamlBlock
          yaml={yaml}
          id={`${ID}-saved-class`}
          label={t('Saved StorageClass {{name}}', { name: className })}
        />
      </div>
      {profileYaml && (
        <div>
          <Content component="p">{t('Spec of StorageProfile {{name}}:', { name: className })}</Content>
          <YamlBlock
            yaml={profileYaml}
            id={`${ID}-saved-profile`}
            label={t('Saved StorageProfile spec of {{name}}', { name: className })}
          />
        </div>
      )}
    </Stack>
  );

  const outcomeView = () => {
    if (!outcome) return null;
    if (outcome.kind === 'done') {
      const title =
        outcome.run === 'recreate'
          ? t('StorageClass {{name}} was re-created', { name: className })
          : outcome.run === 'restore'
            ? t('StorageClass {{name}} was restored as it was before', { name: className })
            : t('The saved spec is back on StorageProfile {{name}}', { name: className });
      return (
        <Alert variant="success" isInline title={title}>
          {rc.saved?.profileSpec && outcome.run !== 'reapply'
            ? t('Its StorageProfile has the saved spec again ({{fields}}).', {
                fields: Object.keys(rc.saved.profileSpec).join(', '),
              })
            : null}
        </Alert>
      );
    }
    const error = shownError(outcome.error);
    switch (outcome.state.code) {
      case 'nothing-changed':
        return (
          <ErrorAlert
            error={error}
            title={t('Could not delete StorageClass {{name}}; nothing was changed', { name: className })}
          />
        );
      case 'class-deleted-not-recreated':
        return (
          <Stack hasGutter>
            <ErrorAlert
              error={error}
              title={t('StorageClass {{name}} is deleted and was not re-created', { name: className })}
            />
            <Alert variant="danger" isInline isPlain title={t('What the cluster looks like now')}>
              <Content component="p">
                {outcome.deletedAnyway
                  ? t(
                      'The delete reported an error, but reading the class again shows it is gone: StorageClass {{name}} does not exist now, and CDI deletes its StorageProfile.',
                      { name: className },
                    )
                  : t(
                      'StorageClass {{name}} does not exist now, and CDI deletes its StorageProfile. New PVCs that name it stay Pending; existing PVCs and volumes are not affected.',
                      { name: className },
                    )}
              </Content>
              <Content component="p">
                {rc.saved?.profileSpec
                  ? t(
                      '"Restore the saved StorageClass" creates it again as it was (old settings), then writes the saved spec onto its new StorageProfile.',
                    )
                  : t('"Restore the saved StorageClass" creates it again as it was (old settings).')}
              </Content>
            </Alert>
          </Stack>
        );
      case 'profile-spec-not-restored':
        return (
          <Stack hasGutter>
            <ErrorAlert
              error={error}
              title={
                outcome.run === 'restore'
                  ? t('StorageClass {{name}} is back, but its StorageProfile spec is not', {
                      name: className,
                    })
                  : outcome.run === 'reapply'
                    ? t('Could not write the saved spec onto StorageProfile {{name}}', { name: className })
                    : t('StorageClass {{name}} was re-created, but its StorageProfile spec is not back', {
                        name: className,
                      })
              }
            />
            <Content component="p">
              {t(
                'The class exists; its StorageProfile has CDI\'s defaults instead of the saved spec below. "Re-apply the profile spec" writes it again.',
              )}
            </Content>
          </Stack>
        );
    }
  };

  return (
    <Modal
      variant={ModalVariant.medium}
      isOpen
      onClose={rc.isRunning ? undefined : onClose}
      aria-labelledby={`${ID}-title`}
      aria-describedby={`${ID}-intro`}
    >
      <ModalHeader
        title={t('Re-create StorageClass {{name}}', { name: className })}
        labelId={`${ID}-title`}
        titleIconVariant={confirming && !started ? 'warning' : undefined}
      />
      <ModalBody>
        <Stack hasGutter>
          <StackItem>
            <Content component="p" id={`${ID}-intro`}>
              {t(
                'The parameters, provisioner, reclaim policy and volume binding mode of a StorageClass cannot be changed. To change them, the class is deleted and created again with the same name; the dialog keeps its StorageProfile customisations and writes them back.',
              )}
            </Content>
          </StackItem>

          {!live && !started && (
            <StackItem>
              <Alert
                variant="warning"
                isInline
                title={t('StorageClass {{name}} no longer exists', { name: className })}
              />
            </StackItem>
          )}
          {!canDelete.loading && !canCreate.loading && !allowed && (
            <StackItem>
              <Alert variant="info" isInline isPlain title={t('Read-only')}>
                {canDelete.reason ?? canCreate.reason}
              </Alert>
            </StackItem>
          )}

          {started && (
            <StackItem>
              <Title headingLevel="h3" size="md" id={`${ID}-progress`}>
                {rc.runKind === 'restore'
                  ? t('Restoring')
                  : rc.runKind === 'reapply'
                    ? t('Re-applying the profile spec')
                    : t('Progress')}
              </Title>
              <ol className="vsp-plain-list" aria-labelledby={`${ID}-progress`} aria-live="polite">
                {rc.progress.map((s, i) => (
                  <li key={s.id} data-testid={`recreate-step-${s.id}`}>
                    <StatusIcon status={STATUS_ICON[s.status]} srText="">
                      {t('Step {{n}}: {{step}}: {{status}}', {
                        n: i + 1,
                        step: stepText(s.id),
                        status: statusText[s.status],
                      })}
                    </StatusIcon>
                  </li>
                ))}
              </ol>
            </StackItem>
          )}
          {outcome && <StackItem>{outcomeView()}</StackItem>}
          {rc.profilePatch && rc.profilePatch.length > 0 && (
            <StackItem>
              <Content component="p">{t('The patch written onto the StorageProfile:')}</Content>
              <PatchPreview patch={rc.profilePatch} id={`${ID}-profile-patch`} />
            </StackItem>
          )}

          {rc.saved && savedYaml && (
            <StackItem>
              {outcome?.kind === 'done' ? (
                <ExpandableSection toggleText={t('Show the saved copy')}>
                  {savedView(savedYaml)}
                </ExpandableSection>
              ) : (
                <>
                  <Title headingLevel="h3" size="md">
                    {t('Saved copy')}
                  </Title>
                  {savedView(savedYaml)}
                </>
              )}
            </StackItem>
          )}

          {confirming && !started && (
            <StackItem>
              <div ref={confirmRef} tabIndex={-1}>
                <Alert
                  variant="danger"
                  isInline
                  title={t('Delete StorageClass {{name}} and create it again?', { name: className })}
                >
                  <List>
                    <ListItem>
                      {t(
                        'StorageClass {{name}} is deleted, and CDI deletes StorageProfile {{name}} with it.',
                        { name: className },
                      )}
                    </ListItem>
                    <ListItem>
                      {t(
                        'Until it is created again (normally a second), new PVCs that name it stay Pending.',
                      )}
                    </ListItem>
                    <ListItem>
                      {t('PersistentVolumeClaims and PersistentVolumes of the class are not deleted.')}
                    </ListItem>
                  </List>
                </Alert>
              </div>
            </StackItem>
          )}

          {!started && (
            <StackItem>
              <Form onSubmit={(e) => e.preventDefault()}>
                <FormGroup label={t('Storage pool')} fieldId={`${ID}-pool`}>
                  <FormSelect
                    id={`${ID}-pool`}
                    value={pool}
                    isDisabled={confirming}
                    onChange={(_e, v) => setPool(v)}
                  >
                    {pools.map((p) => (
                      <FormSelectOption key={p} value={p} label={p} />
                    ))}
                  </FormSelect>
                </FormGroup>
                <FormGroup role="radiogroup" isInline fieldId={`${ID}-reclaim`} label={t('Reclaim policy')}>
                  {(['Delete', 'Retain'] as const).map((p) => (
                    <Radio
                      key={p}
                      id={`${ID}-reclaim-${p}`}
                      name={`${ID}-reclaim`}
                      label={p === 'Delete' ? t('Delete') : t('Retain')}
                      isChecked={reclaimPolicy === p}
                      isDisabled={confirming}
                      onChange={() => setReclaimPolicy(p)}
                    />
                  ))}
                </FormGroup>
                <FormGroup
                  role="radiogroup"
                  isInline
                  fieldId={`${ID}-binding`}
                  label={t('Volume binding mode')}
                >
                  <Radio
                    id={`${ID}-binding-wffc`}
                    name={`${ID}-binding`}
                    label={t('WaitForFirstConsumer (recommended)')}
                    isChecked={bindingMode === 'WaitForFirstConsumer'}
                    isDisabled={confirming}
                    onChange={() => setBindingMode('WaitForFirstConsumer')}
                  />
                  <Radio
                    id={`${ID}-binding-immediate`}
                    name={`${ID}-binding`}
                    label={t('Immediate')}
                    isChecked={bindingMode === 'Immediate'}
                    isDisabled={confirming}
                    onChange={() => setBindingMode('Immediate')}
                  />
                </FormGroup>
                {notes.some((n) => n.code === 'immediate-binding') && <ImmediateBindingWarning />}
              </Form>
            </StackItem>
          )}

          {!started && plan && (
            <StackItem>
              <Title headingLevel="h3" size="md">
                {t('What happens')}
              </Title>
              {notNeeded ? (
                <Content component="p">
                  {t(
                    'Nothing that needs a re-creation changes: pick another pool, reclaim policy or binding mode.',
                  )}
                </Content>
              ) : (
                <>
                  <ol className="vsp-compact-numbered-list">
                    {plan.steps.map((s) => (
                      <li key={s.id}>{planStepText(s)}</li>
                    ))}
                  </ol>
                  <Content component="p">
                    {t(
                      'Existing PVCs and their volumes keep the pool and reclaim policy they were provisioned with; only new PVCs get the new settings.',
                    )}
                  </Content>
                  {isDefault && (
                    <Content component="p">
                      {t(
                        'The class is a default class: the new one carries the same annotations, so it is the default again once created.',
                      )}
                    </Content>
                  )}
                </>
              )}
              {profileUnknown && (
                <Alert variant="warning" isInline title={t('The StorageProfile could not be read')}>
                  {t(
                    "Its customisations cannot be carried over: after the re-creation it has CDI's defaults.",
                  )}
                </Alert>
              )}
              {!notNeeded && createStep?.id === 'create-class' && (
                <Content component="p">{t('The StorageClass that will be created:')}</Content>
              )}
              {!notNeeded && createStep?.id === 'create-class' && (
                <YamlBlock
                  yaml={toYaml(createStep.object)}
                  id={`${ID}-new-class`}
                  label={t('YAML of the StorageClass that will be created')}
                />
              )}
            </StackItem>
          )}
        </Stack>
      </ModalBody>
      <ModalFooter>
        {!started && !confirming && (
          <Button variant="primary" onClick={() => setConfirming(true)} isDisabled={!canRun}>
            {t('Re-create…')}
          </Button>
        )}
        {!started && confirming && (
          <>
            <Button variant="danger" onClick={rc.run} isDisabled={!canRun}>
              {t('Delete and re-create')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('Back')}
            </Button>
          </>
        )}
        {offers && offers.code === 'class-deleted-not-recreated' && (
          <Button variant="primary" onClick={rc.restore} isDisabled={rc.isRunning}>
            {t('Restore the saved StorageClass')}
          </Button>
        )}
        {offers && offers.code === 'profile-spec-not-restored' && (
          <Button variant="primary" onClick={rc.reapplyProfileSpec} isDisabled={rc.isRunning}>
            {t('Re-apply the profile spec')}
          </Button>
        )}
        <Button
          variant={outcome?.kind === 'done' ? 'primary' : 'link'}
          onClick={onClose}
          isDisabled={rc.isRunning}
        >
          {started ? t('Close') : t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};

export default RecreateClassModal;
