import {
  Alert,
  Button,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalVariant,
  WizardStep,
} from '@patternfly/react-core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMessages } from '../../../components/FieldHelp';
import { metadataName } from '../../../k8s/names';
import { toYaml } from '../../../k8s/to-yaml';
import { accessCovering } from '../logic/clone-access';
import {
  clusterRoleManifest,
  DEFAULT_ROLE_NAME,
  defaultBindingName,
  roleBindingManifest,
  validateGrant,
  type GrantField,
  type GrantForm,
  type GrantProblem,
} from '../logic/grant-plan';
import { CDI_CLONE_SOURCER_ROLE, cloneBehaviour, reusableCloneRoles } from '../logic/rbac-rules';
import type { CloneAccessRow, CloneSubject, RbacSnapshot } from '../logic/types';
import { fieldId } from './fields';
import { ReviewStep } from './ReviewStep';
import { RoleStep, type RoleValues } from './RoleStep';
import { runGrant, type GrantOutcome, type GrantStepState } from './run-grant';
import { SourceStep } from './SourceStep';
import { subjectText } from '../shared/clone-texts';
import { SubjectStep, type SubjectValues } from './SubjectStep';
import { useGrantMessages } from './use-grant-messages';
import '../../../components/plugin.css';
import { WizardModal } from '../../../components/WizardModal';

export interface GrantWizardProps {
  snapshot: RbacSnapshot;
  rows: CloneAccessRow[];
  /** Known namespaces; undefined = not known (then a text field, existence not checked). */
  namespaces: string[] | undefined;
  initialNamespace?: string;
  initialSubject?: CloneSubject;
  onClose: () => void;
  /** "Check access now" on the result step: proof of the grant (the page replaces the wizard with the check). */
  onCheckAccess: (subject: CloneSubject, sourceNamespace: string) => void;
}

/** `base`, or `base-2`, `base-3`, ... when taken. */
const freeName = (base: string, taken: ReadonlySet<string>): string => {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const name = `${base}-${i}`;
    if (!taken.has(name)) return name;
  }
};

const subjectOf = (s: SubjectValues): CloneSubject => {
  switch (s.kind) {
    case 'ServiceAccount':
      return { kind: 'ServiceAccount', name: s.saName, namespace: s.saNamespace };
    case 'User':
      return { kind: 'User', name: s.userName };
    case 'Group':
      return { kind: 'Group', name: s.groupName };
  }
};

/** An empty field is reported once the user has been there; a bad value at once. */
const waitsForTouch = (p: GrantProblem) => p.code === 'required';

const STEP_FIELDS: Record<'source' | 'subject' | 'role' | 'review', GrantField[]> = {
  source: ['sourceNamespace'],
  subject: ['subjectName', 'subjectNamespace'],
  role: ['roleName'],
  review: ['bindingName'],
};

/**
 * "Grant clone access": binds a ClusterRole that grants `create` on `datavolumes/source` (an existing one,
 * or one it creates) to a user, group or service account in the source namespace. Writes nothing when the
 * subject may already clone there; undoes its own ClusterRole when the RoleBinding then fails.
 */
const GrantWizard = ({
  snapshot,
  rows,
  namespaces,
  initialNamespace,
  initialSubject,
  onClose,
  onCheckAccess,
}: GrantWizardProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { problemText } = useGrantMessages();

  const reusable = useMemo(
    () => (snapshot.clusterRoles ? reusableCloneRoles(snapshot.clusterRoles) : undefined),
    [snapshot.clusterRoles],
  );
  const behaviour = cloneBehaviour(snapshot.clusterRoles);

  const [sourceNamespace, setSourceNamespace] = useState(initialNamespace ?? '');
  const [subject, setSubject] = useState<SubjectValues>(() => ({
    kind: initialSubject?.kind ?? 'ServiceAccount',
    saNamespace: initialSubject?.kind === 'ServiceAccount' ? (initialSubject.namespace ?? '') : '',
    saName: initialSubject?.kind === 'ServiceAccount' ? initialSubject.name : 'default',
    userName: initialSubject?.kind === 'User' ? initialSubject.name : '',
    groupName: initialSubject?.kind === 'Group' ? initialSubject.name : '',
  }));
  // CDI's own clone-sourcer when the cluster has it (CDI >= 1.66); else a least-privilege role of our own.
  const [role, setRole] = useState<RoleValues>(() => {
    const taken = new Set((snapshot.clusterRoles ?? []).map((cr) => metadataName(cr)));
    const sourcer = reusable?.find((r) => r.name === CDI_CLONE_SOURCER_ROLE);
    return {
      mode: sourcer ? 'reuse' : 'create',
      reuseName: sourcer?.name ?? reusable?.find((r) => r.recommended)?.name ?? '',
      createName: freeName(DEFAULT_ROLE_NAME, taken),
      verbs: 'create',
    };
  });
  /** The binding name the user typed; undefined while the suggested one is used. */
  const [typedBindingName, setTypedBindingName] = useState<string>();
  const [touched, setTouched] = useState<ReadonlySet<GrantField>>(new Set());
  const [dryRun, setDryRun] = useState(true);
  const [progress, setProgress] = useState<GrantStepState[]>();
  const [outcome, setOutcome] = useState<GrantOutcome>();
  const [running, setRunning] = useState(false);
  const runningRef = useRef(false);

  const cloneSubject = subjectOf(subject);
  const roleName = role.mode === 'reuse' ? role.reuseName : role.createName;
  const bindingNames = useMemo(
    () =>
      snapshot.roleBindings
        ?.filter((rb) => rb.metadata?.namespace === sourceNamespace)
        .map((rb) => metadataName(rb)),
    [snapshot.roleBindings, sourceNamespace],
  );
  const suggestedBindingName = freeName(
    defaultBindingName(cloneSubject, roleName),
    new Set(bindingNames ?? []),
  );
  const form: GrantForm = {
    sourceNamespace,
    subject: cloneSubject,
    role:
      role.mode === 'reuse'
        ? { mode: 'reuse', name: role.reuseName }
        : { mode: 'create', name: role.createName, verbs: role.verbs },
    bindingName: typedBindingName ?? suggestedBindingName,
  };

  const problems = validateGrant(form, {
    namespaces,
    clusterRoles: snapshot.clusterRoles,
    roleBindingNames: bindingNames,
  });
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const touch = (field: GrantField) => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  const fieldState = (field: GrantField): FieldMessages => {
    const own = problems.filter((p) => p.field === field && (!waitsForTouch(p) || touched.has(field)));
    const errs = own.filter((p) => p.severity === 'error').map((p) => problemText(p, form));
    const warns = own.filter((p) => p.severity === 'warning').map((p) => problemText(p, form));
    return {
      errors: errs,
      warnings: warns,
      validated: errs.length > 0 ? 'error' : warns.length > 0 ? 'warning' : 'default',
      helpId: `${fieldId(field)}-help`,
    };
  };
  const blocked = (step: keyof typeof STEP_FIELDS) => errors.some((p) => STEP_FIELDS[step].includes(p.field));

  const covering =
    !blocked('source') && !blocked('subject') ? accessCovering(rows, cloneSubject, sourceNamespace) : [];
  const bindingsUnknown =
    !snapshot.roleBindings || !snapshot.clusterRoleBindings || !snapshot.roles || !snapshot.clusterRoles;
  const texts = (ps: GrantProblem[]) => [...new Set(ps.map((p) => problemText(p, form)))];

  const failure = outcome && !outcome.ok ? outcome : undefined;
  const canCreate = errors.length === 0 && covering.length === 0 && !running;

  // A change after a failure starts over: the old outcome no longer describes the form.
  const edited = () => {
    if (!running && outcome) {
      setOutcome(undefined);
      setProgress(undefined);
    }
  };

  const create = () => {
    if (!canCreate || runningRef.current) return;
    runningRef.current = true;
    setRunning(true);
    setOutcome(undefined);
    const submitted = form;
    // Through the promise: the result must land even if the page re-renders us meanwhile.
    void runGrant(submitted, { dryRun, onProgress: setProgress }).then((result) => {
      runningRef.current = false;
      setRunning(false);
      setOutcome(result);
    });
  };
  const close = () => {
    if (!running) onClose();
  };

  if (outcome?.ok) {
    const granted = roleBindingManifest(form);
    const bindingName = metadataName(outcome.roleBinding) || granted.metadata?.name;
    const boundRole = outcome.roleBinding.roleRef?.name ?? form.role.name;
    return (
      <Modal
        variant={ModalVariant.medium}
        isOpen
        onClose={onClose}
        aria-labelledby="vsp-grant-result-title"
        data-testid="vsp-grant-result"
      >
        <ModalHeader title={t('Clone access granted')} labelId="vsp-grant-result-title" />
        <ModalBody>
          <Alert variant="success" isInline title={t('Clone access granted')}>
            {t('{{subject}} may now clone DataVolumes and PVCs from namespace {{namespace}}.', {
              subject: subjectText(t, cloneSubject),
              namespace: sourceNamespace,
            })}
          </Alert>
          <DescriptionList isHorizontal className="pf-v6-u-mt-md">
            <DescriptionListGroup>
              <DescriptionListTerm>{t('ClusterRole')}</DescriptionListTerm>
              <DescriptionListDescription>
                {outcome.clusterRole
                  ? t('{{name}} (created)', { name: metadataName(outcome.clusterRole) })
                  : t('{{name}} (existing)', { name: boundRole })}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('RoleBinding')}</DescriptionListTerm>
              <DescriptionListDescription>
                {t('{{name}} in namespace {{namespace}} (created)', {
                  name: bindingName,
                  namespace: sourceNamespace,
                })}
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>
          <Content component="p" className="pf-v6-u-mt-md">
            {t(
              'Check access asks the API server whether the subject may now clone from the namespace, and which binding allows it.',
            )}
          </Content>
        </ModalBody>
        <ModalFooter>
          <Button variant="primary" onClick={() => onCheckAccess(cloneSubject, sourceNamespace)}>
            {t('Check access now')}
          </Button>
          <Button variant="link" onClick={onClose}>
            {t('Close')}
          </Button>
        </ModalFooter>
      </Modal>
    );
  }

  return (
    <WizardModal
      titleId="vsp-grant-wizard-title"
      title={t('Grant clone access')}
      height="min(52rem, 88vh)"
      onClose={close}
      onSave={create}
      isVisitRequired
      navAriaLabel={t('Grant clone access steps')}
      isCloseHidden={running}
      description={t(
        'Let a user, group or service account clone DataVolumes and PVCs from a source namespace into its own: a RoleBinding in the source namespace of a ClusterRole that grants create on datavolumes/source.',
      )}
    >
      <WizardStep
        name={t('Source namespace')}
        id="vsp-grant-step-source"
        footer={{ isNextDisabled: blocked('source') }}
      >
        <SourceStep
          value={sourceNamespace}
          onChange={(v) => {
            setSourceNamespace(v);
            edited();
          }}
          onBlur={() => touch('sourceNamespace')}
          fieldState={fieldState}
          namespaces={namespaces}
        />
      </WizardStep>
      <WizardStep
        name={t('Subject')}
        id="vsp-grant-step-subject"
        footer={{ isNextDisabled: blocked('subject') }}
      >
        <SubjectStep
          values={subject}
          update={(v) => {
            setSubject((s) => ({ ...s, ...v }));
            edited();
          }}
          touch={touch}
          fieldState={fieldState}
          namespaces={namespaces}
          sourceNamespace={sourceNamespace}
        />
      </WizardStep>
      <WizardStep name={t('Role')} id="vsp-grant-step-role" footer={{ isNextDisabled: blocked('role') }}>
        <RoleStep
          values={role}
          update={(v) => {
            setRole((r) => ({ ...r, ...v }));
            edited();
          }}
          touch={() => touch('roleName')}
          fieldState={fieldState}
          reusable={reusable}
          behaviour={behaviour}
        />
      </WizardStep>
      <WizardStep
        name={t('Review')}
        id="vsp-grant-step-review"
        footer={{
          nextButtonText: t('Create'),
          isNextDisabled: !canCreate,
          nextButtonProps: { isLoading: running },
          cancelButtonProps: { isDisabled: running },
          isBackDisabled: running,
        }}
      >
        <ReviewStep
          form={form}
          onBindingNameChange={(v) => {
            setTypedBindingName(v);
            edited();
          }}
          touch={() => touch('bindingName')}
          fieldState={fieldState}
          covering={covering}
          bindingsUnknown={bindingsUnknown}
          errors={texts(errors.filter((p) => p.field !== 'bindingName'))}
          warnings={texts(warnings)}
          clusterRoleYaml={
            form.role.mode === 'create'
              ? toYaml(clusterRoleManifest(form.role.name, form.role.verbs))
              : undefined
          }
          roleBindingYaml={toYaml(roleBindingManifest(form))}
          dryRun={dryRun}
          onDryRunChange={setDryRun}
          progress={progress}
          failure={failure}
          running={running}
        />
      </WizardStep>
    </WizardModal>
  );
};

export default GrantWizard;
