import {
  Alert,
  Checkbox,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  List,
  ListItem,
  Stack,
  Title,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { YamlBlock } from '../../../components/YamlBlock';
import { ClusterRoleModel, RoleBindingModel } from '../../../k8s/models';
import { useModelAccess } from '../../../k8s/use-access';
import type { GrantForm } from '../logic/grant-plan';
import type { CloneAccessRow } from '../logic/types';
import { bindingText, ownerText, subjectText, subjectWho } from '../shared/clone-texts';
import { NameField, type FieldStateOf } from './fields';
import { GrantFailure, GrantProgress } from './GrantProgress';
import type { GrantOutcome, GrantStepState } from './run-grant';
import { MessageListAlert } from '../../../components/MessageListAlert';

export interface ReviewStepProps {
  form: GrantForm;
  onBindingNameChange: (value: string) => void;
  touch: () => void;
  fieldState: FieldStateOf;
  /** Rows that already let the subject clone from the source namespace: then nothing is written. */
  covering: CloneAccessRow[];
  /** Bindings could not all be read: an existing equivalent one cannot be ruled out. */
  bindingsUnknown: boolean;
  /** Problems of the earlier steps, in words (Create is blocked while there are errors). */
  errors: string[];
  warnings: string[];
  clusterRoleYaml?: string;
  roleBindingYaml: string;
  dryRun: boolean;
  onDryRunChange: (value: boolean) => void;
  progress?: GrantStepState[];
  failure?: Extract<GrantOutcome, { ok: false }>;
  running: boolean;
}

export const ReviewStep = ({
  form,
  onBindingNameChange,
  touch,
  fieldState,
  covering,
  bindingsUnknown,
  errors,
  warnings,
  clusterRoleYaml,
  roleBindingYaml,
  dryRun,
  onDryRunChange,
  progress,
  failure,
  running,
}: ReviewStepProps) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const bindingAccess = useModelAccess(RoleBindingModel, 'create', undefined, form.sourceNamespace);
  const roleAccess = useModelAccess(ClusterRoleModel, 'create');

  const coveringText = (r: CloneAccessRow): string => {
    const where =
      r.sourceNamespace === '*'
        ? t('from every namespace')
        : t('from {{namespace}}', { namespace: r.sourceNamespace });
    const words = {
      binding: bindingText(r.binding),
      roleKind: r.role.kind,
      role: r.role.name,
      owner: ownerText(t, r.owner),
    };
    const how =
      r.permission === 'clone-source'
        ? t(
            '{{binding}} binds {{roleKind}} {{role}}, which grants create on datavolumes/source. Owner: {{owner}}.',
            words,
          )
        : t(
            '{{binding}} binds {{roleKind}} {{role}}, which grants create on pods: CDI accepts that for cloning too. Owner: {{owner}}.',
            words,
          );
    return t('{{who}} may already clone {{where}}: {{how}}', { who: subjectWho(t, r.subject), where, how });
  };

  const bindingState = fieldState('bindingName');
  const denied = [
    ...(!bindingAccess.loading && !bindingAccess.allowed && bindingAccess.reason
      ? [bindingAccess.reason]
      : []),
    ...(form.role.mode === 'create' && !roleAccess.loading && !roleAccess.allowed && roleAccess.reason
      ? [roleAccess.reason]
      : []),
  ];

  const term = (label: string, value: string) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{label}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  const roleText =
    form.role.mode === 'reuse'
      ? t('{{name}} (existing)', { name: form.role.name })
      : form.role.verbs === 'create'
        ? t('{{name}} (new: create on datavolumes/source)', { name: form.role.name })
        : t('{{name}} (new: all verbs on datavolumes/source)', { name: form.role.name });

  return (
    <Stack hasGutter>
      <DescriptionList isCompact isHorizontal aria-label={t('Summary')}>
        {term(t('Clones from namespace'), form.sourceNamespace)}
        {term(t('Subject'), subjectText(t, form.subject))}
        {term(t('ClusterRole'), roleText)}
      </DescriptionList>
      {covering.length > 0 && (
        <Alert
          variant="info"
          isInline
          title={t('An equivalent binding already exists')}
          data-testid="vsp-grant-covered"
        >
          <List>
            {covering.map((r) => (
              <ListItem key={r.key}>{coveringText(r)}</ListItem>
            ))}
          </List>
          <Content component="p">{t('Nothing needs to be created, so nothing will be written.')}</Content>
        </Alert>
      )}
      {covering.length === 0 && bindingsUnknown && (
        <Alert
          variant="warning"
          isInline
          isPlain
          title={t('Existing access could not be checked completely')}
        >
          {t(
            'Not every role and binding could be read, so an existing binding that already allows this cannot be ruled out.',
          )}
        </Alert>
      )}
      <MessageListAlert variant="danger" title={t('Fix these before creating')} messages={errors} />
      <MessageListAlert variant="warning" title={t('Check these warnings')} messages={warnings} />
      {covering.length === 0 && (
        <MessageListAlert
          variant="warning"
          title={t('The server will probably refuse this')}
          messages={denied}
        />
      )}
      {failure && <GrantFailure outcome={failure} form={form} />}
      {progress && <GrantProgress steps={progress} form={form} />}

      <Form onSubmit={(e) => e.preventDefault()}>
        <NameField
          field="bindingName"
          label={t('RoleBinding name')}
          value={form.bindingName}
          state={bindingState}
          onChange={onBindingNameChange}
          onBlur={touch}
          hint={t('Created in namespace {{namespace}}.', { namespace: form.sourceNamespace })}
        />
        <Checkbox
          id="vsp-grant-dry-run"
          label={t('Check with the server first (dry run)')}
          description={t(
            'The server validates and admits the first object without storing it, so a refusal (missing permission, escalation) comes before anything is created.',
          )}
          isChecked={dryRun}
          isDisabled={running}
          onChange={(_e, v) => onDryRunChange(v)}
        />
      </Form>

      {clusterRoleYaml !== undefined && (
        <>
          <Title headingLevel="h3" size="md">
            {t('ClusterRole that will be created')}
          </Title>
          <YamlBlock yaml={clusterRoleYaml} id="vsp-grant-cluster-role-yaml" label={t('ClusterRole YAML')} />
        </>
      )}
      <Title headingLevel="h3" size="md">
        {t('RoleBinding that will be created')}
      </Title>
      <YamlBlock yaml={roleBindingYaml} id="vsp-grant-role-binding-yaml" label={t('RoleBinding YAML')} />
    </Stack>
  );
};
