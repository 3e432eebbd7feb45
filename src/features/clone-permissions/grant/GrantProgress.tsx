import { Alert, Content, List, ListItem } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { StatusIcon, type StatusKind } from '../../../components/StatusIcon';
import { VerbatimError } from '../../../components/VerbatimError';
import { readK8sError } from '../../../k8s/k8s-errors';
import { metadataName } from '../../../k8s/names';
import type { GrantForm } from '../logic/grant-plan';
import type { GrantOutcome, GrantStepState, GrantStepStatus } from './run-grant';

const ICON: Record<GrantStepStatus, StatusKind> = {
  pending: 'unknown',
  running: 'in-progress',
  done: 'success',
  failed: 'danger',
  'not-run': 'unknown',
};

/** The grant's requests, each with its state. */
export const GrantProgress = ({ steps, form }: { steps: GrantStepState[]; form: GrantForm }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const statusText: Record<GrantStepStatus, string> = {
    pending: t('Waiting'),
    running: t('In progress'),
    done: t('Done'),
    failed: t('Failed'),
    'not-run': t('Not run'),
  };
  const label = (s: GrantStepState): string => {
    switch (s.id) {
      case 'dry-run':
        return t('Server check (dry run, nothing is stored)');
      case 'create-cluster-role':
        return t('Create ClusterRole {{name}}', { name: form.role.name });
      case 'create-role-binding':
        return t('Create RoleBinding {{name}} in {{namespace}}', {
          name: form.bindingName,
          namespace: form.sourceNamespace,
        });
      case 'rollback':
        return t('Remove ClusterRole {{name}} again', { name: form.role.name });
    }
  };
  return (
    <List isPlain aria-label={t('Progress')} data-testid="vsp-grant-progress">
      {steps.map((s) => (
        <ListItem key={s.id}>
          <StatusIcon status={ICON[s.status]} srText={statusText[s.status]}>
            {label(s)}
          </StatusIcon>
        </ListItem>
      ))}
    </List>
  );
};

const ESCALATION = /attempting to grant RBAC permissions not currently held/;

/** What failed, the server's words, and what is left on the cluster. */
export const GrantFailure = ({
  outcome,
  form,
}: {
  outcome: Extract<GrantOutcome, { ok: false }>;
  form: GrantForm;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const e = readK8sError(outcome.error);
  const title =
    outcome.failedAt === 'dry-run'
      ? t('The server refused the grant in a dry run, so nothing was created')
      : outcome.failedAt === 'create-cluster-role'
        ? t('The ClusterRole could not be created, so nothing was created')
        : t('The RoleBinding could not be created');
  const roleName = metadataName(outcome.createdClusterRole) || form.role.name;
  return (
    <Alert variant="danger" isInline title={title} data-testid="vsp-grant-failure">
      <VerbatimError error={outcome.error} />
      {ESCALATION.test(e.message) && (
        <Content component="p">
          {t(
            'Kubernetes lets you bind a role only when you hold all its permissions in that namespace yourself (or may "bind" it). A ClusterRole with all verbs (*) on datavolumes/source needs all verbs there; a namespace admin holds only create: use a ClusterRole that grants create only.',
          )}
        </Content>
      )}
      {e.kind === 'forbidden' && !ESCALATION.test(e.message) && (
        <Content component="p">
          {t('You may not create this object. Ask a cluster administrator to grant the access.')}
        </Content>
      )}
      {outcome.failedAt === 'create-role-binding' && !outcome.rollback && (
        <Content component="p">{t('Nothing was created.')}</Content>
      )}
      {outcome.rollback?.ok === true && (
        <Content component="p" data-testid="vsp-grant-rollback">
          {t('The ClusterRole {{name}} created a moment ago was removed again, so nothing was left behind.', {
            name: roleName,
          })}
        </Content>
      )}
      {outcome.rollback?.ok === false && (
        <>
          <Content component="p" data-testid="vsp-grant-rollback">
            {t(
              'The ClusterRole {{name}} created a moment ago could not be removed again and is still there, bound to no one. Removing it failed with:',
              { name: roleName },
            )}
          </Content>
          <VerbatimError error={outcome.rollback.error} />
          <Content component="p">
            {t(
              'Delete it (oc delete clusterrole {{name}}), or try again using it as an existing ClusterRole in the Role step.',
              { name: roleName },
            )}
          </Content>
        </>
      )}
    </Alert>
  );
};
