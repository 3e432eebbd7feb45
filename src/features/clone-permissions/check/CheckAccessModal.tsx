import {
  Alert,
  Button,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalVariant,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldHelp, describedBy, type FieldMessages } from '../../../components/FieldHelp';
import { SelfSubjectAccessReviewModel, SubjectAccessReviewModel } from '../../../k8s/models';
import { isDns1123Label, isDns1123Subdomain } from '../../../k8s/names';
import type { AccessReview } from '../../../k8s/types';
import { createObject } from '../../../k8s/use-object-writes';
import {
  cloneReviewRequests,
  interpretReviews,
  selfCloneReviewRequests,
  type CloneCheck,
} from '../logic/access-check';
import type { CloneSubject } from '../logic/types';
import { subjectText } from '../shared/clone-texts';
import { NamespaceField } from '../../../components/NamespaceField';

export interface CheckAccessModalProps {
  initial?: { subject?: CloneSubject; sourceNamespace?: string };
  /** The user may create SubjectAccessReviews: check anyone. Otherwise only themselves. */
  canReviewOthers: boolean;
  namespaces?: string[];
  onClose: () => void;
  /** Offered after a denial, when the user may grant. */
  onGrant?: (prefill: { subject: CloneSubject; sourceNamespace: string }) => void;
}

type Who = 'self' | 'ServiceAccount' | 'User' | 'Group';

interface CheckForm {
  who: Who;
  saNamespace: string;
  saName: string;
  userName: string;
  userGroups: string;
  groupName: string;
  sourceNamespace: string;
  pvcName: string;
}

type Field = 'saNamespace' | 'saName' | 'userName' | 'groupName' | 'sourceNamespace' | 'pvcName';

const ID = 'vsp-check-access';

const initialForm = (initial: CheckAccessModalProps['initial'], canReviewOthers: boolean): CheckForm => {
  const s = canReviewOthers ? initial?.subject : undefined;
  return {
    who: s?.kind ?? (canReviewOthers ? 'ServiceAccount' : 'self'),
    saNamespace: s?.kind === 'ServiceAccount' ? (s.namespace ?? '') : '',
    saName: s?.kind === 'ServiceAccount' ? s.name : 'default',
    userName: s?.kind === 'User' ? s.name : '',
    userGroups: '',
    groupName: s?.kind === 'Group' ? s.name : '',
    sourceNamespace:
      initial?.sourceNamespace && initial.sourceNamespace !== '*' ? initial.sourceNamespace : '',
    pvcName: '',
  };
};

/** The field's problem in words, or undefined: checked before any request is sent. */
const problems = (t: TFunction, form: CheckForm): Partial<Record<Field, string>> => {
  const out: Partial<Record<Field, string>> = {};
  const label = (v: string, field: Field, required: string) => {
    if (!v.trim()) out[field] = required;
    else if (!isDns1123Label(v.trim()))
      out[field] = t(
        'Lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63.',
      );
  };
  label(form.sourceNamespace, 'sourceNamespace', t('Choose the namespace the source PVC is in.'));
  if (form.who === 'ServiceAccount') {
    label(form.saNamespace, 'saNamespace', t("Enter the service account's namespace."));
    if (!form.saName.trim()) out.saName = t("Enter the service account's name.");
    else if (!isDns1123Subdomain(form.saName.trim()))
      out.saName = t('Lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.');
  }
  if (form.who === 'User' && !form.userName.trim()) out.userName = t("Enter the user's name.");
  if (form.who === 'Group' && !form.groupName.trim()) out.groupName = t("Enter the group's name.");
  if (form.pvcName.trim() && !isDns1123Subdomain(form.pvcName.trim()))
    out.pvcName = t('Lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.');
  return out;
};

const subjectOf = (form: CheckForm): CloneSubject | undefined => {
  switch (form.who) {
    case 'ServiceAccount':
      return { kind: 'ServiceAccount', namespace: form.saNamespace.trim(), name: form.saName.trim() };
    case 'User':
      return { kind: 'User', name: form.userName.trim() };
    case 'Group':
      return { kind: 'Group', name: form.groupName.trim() };
    default:
      return undefined;
  }
};

const splitGroups = (text: string): string[] =>
  text
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);

interface CheckRun {
  subject?: CloneSubject;
  sourceNamespace: string;
  pvcName?: string;
  userGroups?: string[];
}

/** Asks the questions CDI asks, in its order, and stops at the first "allowed" as CDI does. */
const runCheck = async (run: CheckRun): Promise<{ run: CheckRun; check: CloneCheck }> => {
  const opts = { pvcName: run.pvcName, userGroups: run.userGroups };
  const requests = run.subject
    ? cloneReviewRequests(run.subject, run.sourceNamespace, opts)
    : selfCloneReviewRequests(run.sourceNamespace, opts);
  const model = run.subject ? SubjectAccessReviewModel : SelfSubjectAccessReviewModel;
  const answers: AccessReview[] = [];
  for (const request of requests) {
    const answer = await createObject<AccessReview>({ model, data: request });
    answers.push(answer);
    if (answer.status?.allowed) break;
  }
  return {
    run,
    check: interpretReviews(run.subject ?? 'self', undefined, run.sourceNamespace, answers),
  };
};

const whoText = (t: TFunction, subject: CloneSubject | undefined): string =>
  subject ? subjectText(t, subject) : t('You');

const CheckResult = ({
  run,
  check,
  onGrant,
}: {
  run: CheckRun;
  check: CloneCheck;
  onGrant?: CheckAccessModalProps['onGrant'];
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const who = whoText(t, run.subject);
  const ns = run.sourceNamespace;
  const what = run.pvcName ? t('{{namespace}} (PVC {{pvc}})', { namespace: ns, pvc: run.pvcName }) : ns;
  if (check.allowed) {
    const b = check.binding;
    return (
      <Alert variant="success" isInline title={t('{{who}} can clone from {{what}}', { who, what })}>
        <DescriptionList isCompact isHorizontal>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Permission')}</DescriptionListTerm>
            <DescriptionListDescription>
              {check.via === 'create-pods'
                ? t('create on pods (CDI accepts it in place of datavolumes/source)')
                : t('create on datavolumes/source (cdi.kubevirt.io)')}
            </DescriptionListDescription>
          </DescriptionListGroup>
          {b && (
            <>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Binding')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {b.namespace
                    ? t('{{kind}} {{name}} in namespace {{namespace}}', {
                        kind: b.kind,
                        name: b.name,
                        namespace: b.namespace,
                      })
                    : `${b.kind} ${b.name}`}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Role')}</DescriptionListTerm>
                <DescriptionListDescription>{`${b.role.kind} ${b.role.name}`}</DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Matched subject')}</DescriptionListTerm>
                <DescriptionListDescription>{`${b.subjectKind} ${b.subject}`}</DescriptionListDescription>
              </DescriptionListGroup>
            </>
          )}
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Reason from the API server')}</DescriptionListTerm>
            <DescriptionListDescription>
              {check.reason ? <code>{check.reason}</code> : t('No reason given')}
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
      </Alert>
    );
  }
  return (
    <Alert variant="danger" isInline title={t('{{who}} cannot clone from {{what}}', { who, what })}>
      {check.refusal ? (
        <>
          <p>{t('A clone would be refused with CDI’s message:')}</p>
          <blockquote>
            <code>{check.refusal}</code>
          </blockquote>
        </>
      ) : run.subject?.kind === 'Group' ? (
        <p>
          {t(
            'CDI checks the user who creates the clone, with all of their groups: this group’s own bindings give its members no clone access here. Check a member to include their other groups.',
          )}
        </p>
      ) : (
        <p>
          {t(
            'Your clone would be refused: CDI answers “User <your user name> has insufficient permissions in clone source namespace {{namespace}}”.',
            { namespace: ns },
          )}
        </p>
      )}
      {check.evaluationError && (
        <p>{t('The API server reported: {{error}}', { error: check.evaluationError })}</p>
      )}
      {onGrant && run.subject && (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onGrant({ subject: run.subject!, sourceNamespace: ns })}
        >
          {t('Grant clone access')}
        </Button>
      )}
    </Alert>
  );
};

/** Answers "can this subject clone from that namespace?" as CDI would, with the binding that allows it. */
const CheckAccessModal = ({
  initial,
  canReviewOthers,
  namespaces,
  onClose,
  onGrant,
}: CheckAccessModalProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [form, setForm] = useState<CheckForm>(() => initialForm(initial, canReviewOthers));
  const [submitted, setSubmitted] = useState(false);
  const check = useMutation({ mutationFn: runCheck });
  const scrollIntoView = useCallback(
    (el: HTMLDivElement | null) => el?.scrollIntoView?.({ block: 'nearest' }),
    [],
  );

  const found = problems(t, form);
  const field = (name: Field): FieldMessages => {
    // A wrong format shows as soon as something is typed; a missing value after the first "Check".
    const error = found[name];
    const shown = error && (submitted || form[name].trim() !== '') ? [error] : [];
    return {
      errors: shown,
      warnings: [],
      validated: shown.length ? 'error' : 'default',
      helpId: `${ID}-${name}-help`,
    };
  };
  const update = (patch: Partial<CheckForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    check.reset();
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    setSubmitted(true);
    if (Object.keys(found).length > 0) return;
    check.mutate({
      subject: subjectOf(form),
      sourceNamespace: form.sourceNamespace.trim(),
      pvcName: form.pvcName.trim() || undefined,
      userGroups: form.who === 'User' ? splitGroups(form.userGroups) : undefined,
    });
  };

  const whoOptions: { value: Who; label: string }[] = [
    { value: 'self', label: t('Myself') },
    ...(canReviewOthers
      ? ([
          { value: 'ServiceAccount', label: t('A service account') },
          { value: 'User', label: t('A user') },
          { value: 'Group', label: t('A group') },
        ] as const)
      : []),
  ];

  const saNs = field('saNamespace');
  const saName = field('saName');
  const userName = field('userName');
  const groupName = field('groupName');
  const sourceNs = field('sourceNamespace');
  const pvc = field('pvcName');

  return (
    <Modal
      variant={ModalVariant.medium}
      isOpen
      onClose={onClose}
      aria-labelledby={`${ID}-title`}
      aria-describedby={`${ID}-intro`}
    >
      <ModalHeader title={t('Check clone access')} labelId={`${ID}-title`} />
      <ModalBody>
        <Content component="p" id={`${ID}-intro`}>
          {t(
            'Asks the API server what CDI asks when a DataVolume clones across namespaces: create on datavolumes/source in the source namespace, else create on pods there. A virtual machine’s dataVolumeTemplates are checked as the service account “default” of the virtual machine’s namespace.',
          )}
        </Content>
        <Form id={`${ID}-form`} onSubmit={submit} noValidate>
          <FormGroup role="radiogroup" isInline fieldId={`${ID}-who`} label={t('Who')} isStack>
            {whoOptions.map((o) => (
              <Radio
                key={o.value}
                id={`${ID}-who-${o.value}`}
                name={`${ID}-who`}
                label={o.label}
                isChecked={form.who === o.value}
                onChange={() => update({ who: o.value })}
              />
            ))}
          </FormGroup>
          {!canReviewOthers && (
            <Alert variant="info" isInline isPlain title={t('You can check only your own access')}>
              {t(
                'Checking another user, group or service account needs permission to create SubjectAccessReviews.',
              )}
            </Alert>
          )}
          {form.who === 'ServiceAccount' && (
            <>
              <FormGroup label={t('Service account namespace')} isRequired fieldId={`${ID}-sa-namespace`}>
                <NamespaceField
                  id={`${ID}-sa-namespace`}
                  value={form.saNamespace}
                  namespaces={namespaces}
                  onChange={(v) => update({ saNamespace: v })}
                  validated={saNs.validated === 'error' ? 'error' : 'default'}
                  describedBy={saNs.helpId}
                />
                <FieldHelp
                  state={saNs}
                  hint={t('For a virtual machine: the namespace the virtual machine is created in.')}
                />
              </FormGroup>
              <FormGroup label={t('Service account name')} isRequired fieldId={`${ID}-sa-name`}>
                <TextInput
                  id={`${ID}-sa-name`}
                  value={form.saName}
                  onChange={(_e, v) => update({ saName: v })}
                  autoComplete="off"
                  {...describedBy(saName)}
                />
                <FieldHelp state={saName} />
              </FormGroup>
            </>
          )}
          {form.who === 'User' && (
            <>
              <FormGroup label={t('User name')} isRequired fieldId={`${ID}-user`}>
                <TextInput
                  id={`${ID}-user`}
                  value={form.userName}
                  onChange={(_e, v) => update({ userName: v })}
                  autoComplete="off"
                  {...describedBy(userName)}
                />
                <FieldHelp state={userName} />
              </FormGroup>
              <FormGroup label={t('Groups of the user (optional)')} fieldId={`${ID}-user-groups`}>
                <TextInput
                  id={`${ID}-user-groups`}
                  value={form.userGroups}
                  onChange={(_e, v) => update({ userGroups: v })}
                  autoComplete="off"
                  aria-describedby={`${ID}-user-groups-help`}
                />
                <FieldHelp
                  state={{ errors: [], warnings: [], validated: 'default', helpId: `${ID}-user-groups-help` }}
                  hint={t(
                    'Comma-separated. The API server does not know a user’s groups from their name: list them to include access through groups.',
                  )}
                />
              </FormGroup>
            </>
          )}
          {form.who === 'Group' && (
            <FormGroup label={t('Group name')} isRequired fieldId={`${ID}-group`}>
              <TextInput
                id={`${ID}-group`}
                value={form.groupName}
                onChange={(_e, v) => update({ groupName: v })}
                autoComplete="off"
                {...describedBy(groupName)}
              />
              <FieldHelp state={groupName} />
            </FormGroup>
          )}
          <FormGroup label={t('Source namespace')} isRequired fieldId={`${ID}-source-namespace`}>
            <NamespaceField
              id={`${ID}-source-namespace`}
              value={form.sourceNamespace}
              namespaces={namespaces}
              onChange={(v) => update({ sourceNamespace: v })}
              validated={sourceNs.validated === 'error' ? 'error' : 'default'}
              describedBy={sourceNs.errors.length ? sourceNs.helpId : undefined}
            />
            <FieldHelp state={sourceNs} />
          </FormGroup>
          <FormGroup label={t('Source PVC name (optional)')} fieldId={`${ID}-pvc`}>
            <TextInput
              id={`${ID}-pvc`}
              value={form.pvcName}
              onChange={(_e, v) => update({ pvcName: v })}
              autoComplete="off"
              {...describedBy(pvc, true)}
            />
            <FieldHelp
              state={pvc}
              hint={t(
                'Roles may allow cloning only some PVCs by name (resourceNames): name one to include them.',
              )}
            />
          </FormGroup>
        </Form>
        <div aria-live="polite" className="vsp-confirm-modal__error" data-testid="check-access-result">
          {check.isSuccess && (
            // Brought into view when it arrives: the form above may fill the dialog's scrolling body.
            <div ref={scrollIntoView}>
              <CheckResult run={check.data.run} check={check.data.check} onGrant={onGrant} />
            </div>
          )}
          {check.isError && (
            <ErrorAlert error={check.error} context="read" title={t('The access review failed')} />
          )}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          type="submit"
          form={`${ID}-form`}
          isLoading={check.isPending}
          isDisabled={check.isPending}
        >
          {t('Check')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('Close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};

export default CheckAccessModal;
