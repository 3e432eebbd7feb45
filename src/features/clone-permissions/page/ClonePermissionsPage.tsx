import {
  Alert,
  Button,
  Content,
  List,
  ListItem,
  Flex,
  Stack,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
  Tooltip,
} from '@patternfly/react-core';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadOnlyNotice } from '../../../components/AccessGate';
import { useNamespaceParam } from '../../../routes';
import { PageShell } from '../../../components/PageShell';
import { ReadWarningAlert } from '../../../components/ReadWarningAlert';
import { LoadingState } from '../../../components/StatusStates';
import { RoleBindingModel, SubjectAccessReviewModel } from '../../../k8s/models';
import { withQueryClient } from '../../../k8s/query-client';
import type { RoleBinding } from '../../../k8s/types';
import { useModelAccess, type Access } from '../../../k8s/use-access';
import { cloneBehaviour } from '../logic/rbac-rules';
import type { CloneAccessRow, CloneSubject, RbacSnapshot } from '../logic/types';
import { AccessTable } from './AccessTable';
import { blindspotText } from '../shared/clone-texts';
import { NamespaceFilter } from '../../../components/NamespaceFilter';
import { useCloneAccessData, type CloneAccessData, type RbacList } from './use-clone-access-data';

const GrantWizard = lazy(() => import('../grant/GrantWizard'));
const CheckAccessModal = lazy(() => import('../check/CheckAccessModal'));
const RevokeModal = lazy(() => import('../revoke/RevokeModal'));

type Dialog =
  | { kind: 'grant'; namespace?: string; subject?: CloneSubject }
  | { kind: 'check'; namespace?: string; subject?: CloneSubject }
  | { kind: 'revoke'; row: CloneAccessRow; binding: RoleBinding };

/** Which CDI rule applies on this cluster, from its ClusterRoles. */
const BehaviourAlert = ({ snapshot }: { snapshot: RbacSnapshot }) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const behaviour = cloneBehaviour(snapshot.clusterRoles);
  if (behaviour === 'view-grants-clone') {
    return (
      <Alert
        variant="info"
        isInline
        title={t('On this cluster, viewing a namespace is enough to clone from it')}
      >
        {t(
          'This cluster’s CDI (1.65 or earlier) puts create on datavolumes/source into its view role, which is aggregated into view, edit and admin: everyone who may view a namespace may clone its PVCs into namespaces where they may create DataVolumes. CDI 1.66 removes this; then an explicit grant is needed.',
        )}
      </Alert>
    );
  }
  if (behaviour === 'explicit-grant-needed') {
    return (
      <Alert variant="info" isInline title={t('On this cluster, cloning needs an explicit grant')}>
        {t(
          'This cluster’s CDI (1.66 or later) no longer lets viewers of a namespace clone from it: grant create on datavolumes/source (e.g. the cdi.kubevirt.io:clone-sourcer ClusterRole) in the source namespace, or admin or edit there.',
        )}
      </Alert>
    );
  }
  return (
    <Alert variant="info" isInline title={t('Which CDI rule applies here is unknown')}>
      {t(
        'CDI up to 1.65 lets everyone who may view a namespace clone from it; from 1.66 an explicit grant is needed. The CDI ClusterRoles that tell the two apart cannot be read.',
      )}
    </Alert>
  );
};

const READ_ERROR_TITLES = (t: (k: string) => string): Record<RbacList, string> => ({
  clusterroles: t('ClusterRoles could not be read: bindings to them cannot be resolved'),
  clusterrolebindings: t('ClusterRoleBindings could not be read: access in every namespace is not shown'),
  roles: t('Roles could not be read: bindings to them cannot be resolved'),
  rolebindings: t('RoleBindings could not be read: access in single namespaces is not shown'),
  namespaces: t('Namespaces could not be read: the namespace lists are empty, type a namespace instead'),
});

/** The warnings, toolbar and table; dialogs are rendered beside it, at one stable position. */
const ClonePermissionsBody = ({
  data,
  canGrant,
  namespace,
  setNamespace,
  openDialog,
}: {
  data: CloneAccessData;
  canGrant: Access;
  namespace: string | undefined;
  setNamespace: (ns: string | undefined) => void;
  openDialog: (d: Dialog) => void;
}) => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const { snapshot, result, loading, readErrors, namespaces, namespacedFallback } = data;

  const namespaceFilter = (
    <NamespaceFilter
      id="vsp-clone-namespace-filter"
      label={t('Source namespace')}
      value={namespace}
      namespaces={namespaces}
      onChange={setNamespace}
    />
  );
  const clearNamespace = useCallback(() => setNamespace(undefined), [setNamespace]);
  const blindspots = useMemo(
    () =>
      result.blindspots.filter(
        (b) =>
          b.kind === 'unreadable' ||
          !namespace ||
          b.binding.kind === 'ClusterRoleBinding' ||
          b.binding.namespace === namespace,
      ),
    [result.blindspots, namespace],
  );
  const unreadable = blindspots.filter((b) => b.kind === 'unreadable');
  const roleUnknown = blindspots.filter((b) => b.kind === 'role-unknown');
  const readErrorTitles = READ_ERROR_TITLES(t);

  const onCheck = useCallback(
    (row: CloneAccessRow) =>
      openDialog({
        kind: 'check',
        subject: row.subject,
        namespace: row.sourceNamespace === '*' ? namespace : row.sourceNamespace,
      }),
    [openDialog, namespace],
  );
  const onRevoke = useCallback(
    (row: CloneAccessRow) => {
      const binding = snapshot.roleBindings?.find(
        (b) => b.metadata?.name === row.binding.name && b.metadata?.namespace === row.binding.namespace,
      );
      if (binding) openDialog({ kind: 'revoke', row, binding });
    },
    [openDialog, snapshot.roleBindings],
  );
  const actions = useMemo(() => ({ onCheck, onRevoke }), [onCheck, onRevoke]);

  const complete = unreadable.length === 0 && roleUnknown.length === 0 && readErrors.length === 0;
  const emptyState = complete
    ? {
        title: t('Nobody can clone across namespaces'),
        body: t(
          'No RoleBinding or ClusterRoleBinding grants create on datavolumes/source or on pods. Grant clone access to let a user, group or service account clone from a namespace.',
        ),
      }
    : {
        title: t('No clone access found in what you can read'),
        body: t(
          'The warnings above name what you may not read: subjects that can clone through those objects are not listed.',
        ),
      };

  return (
    <Stack hasGutter>
      <ReadOnlyNotice access={canGrant} />
      <BehaviourAlert snapshot={snapshot} />
      {readErrors.map((e) => (
        <ReadWarningAlert key={e.list} title={readErrorTitles[e.list]} error={e.error} />
      ))}
      {unreadable.length > 0 && (
        <Alert
          variant="warning"
          isInline
          title={t('Some RBAC objects cannot be read: the list below is incomplete')}
          data-testid="clone-blindspots"
        >
          <List>
            {unreadable.map((b) => (
              <ListItem key={b.kind === 'unreadable' ? b.resource : ''}>
                {blindspotText(t, b, { namespace, namespacedFallback })}
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
      {namespacedFallback && (
        <Alert
          variant="info"
          isInline
          isPlain
          title={t(
            'You may not list Roles and RoleBindings in every namespace: showing those of namespace {{namespace}}.',
            { namespace: namespacedFallback },
          )}
        />
      )}
      {roleUnknown.length > 0 && (
        <Alert
          variant="warning"
          isInline
          title={t('Bindings whose role cannot be read: {{count}}', { count: roleUnknown.length })}
          data-testid="clone-role-unknown"
        >
          <List>
            {roleUnknown
              .slice(0, 20)
              .map((b) =>
                b.kind === 'role-unknown' ? (
                  <ListItem key={`${b.binding.kind}/${b.binding.namespace ?? ''}/${b.binding.name}`}>
                    {blindspotText(t, b, { namespace, namespacedFallback })}
                  </ListItem>
                ) : null,
              )}
          </List>
          <Content component="p">
            {t('Check access asks the API server directly whether a subject can clone from a namespace.')}
          </Content>
          {roleUnknown.length > 20 && (
            <Content component="p">{t('… and {{count}} more.', { count: roleUnknown.length - 20 })}</Content>
          )}
        </Alert>
      )}
      {loading ? (
        <LoadingState label={t('Loading RBAC objects')} />
      ) : (
        <>
          {result.rows.length === 0 && (
            // The table shows its empty state without a toolbar: the namespace filter stays reachable.
            <Toolbar>
              <ToolbarContent>
                <ToolbarItem>{namespaceFilter}</ToolbarItem>
              </ToolbarContent>
            </Toolbar>
          )}
          <AccessTable
            rows={result.rows}
            actions={actions}
            emptyState={emptyState}
            namespace={namespace}
            namespaceFilter={namespaceFilter}
            onClearNamespace={clearNamespace}
          />
        </>
      )}
    </Stack>
  );
};

const ClonePermissionsContent = () => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [namespace, setNamespace] = useNamespaceParam();
  const data = useCloneAccessData(namespace);
  const canGrant = useModelAccess(RoleBindingModel, 'create', undefined, namespace);
  const canReviewOthers = useModelAccess(SubjectAccessReviewModel, 'create');
  const [dialog, setDialog] = useState<Dialog>();
  const close = useCallback(() => setDialog(undefined), []);
  const grantAllowed = canGrant.allowed && !canGrant.loading;

  // Lists that hold every namespace's objects only: a one-namespace fallback must not look complete (revoking
  // would otherwise offer to delete a ClusterRole that other namespaces' bindings still use).
  const completeSnapshot = useMemo<RbacSnapshot>(
    () =>
      data.namespacedFallback
        ? { ...data.snapshot, roles: undefined, roleBindings: undefined }
        : data.snapshot,
    [data.snapshot, data.namespacedFallback],
  );

  const grantButton = (
    <Button
      variant="primary"
      onClick={() => setDialog({ kind: 'grant', namespace })}
      isAriaDisabled={!grantAllowed}
    >
      {t('Grant clone access')}
    </Button>
  );

  return (
    <PageShell
      title={t('Clone permissions')}
      description={t(
        'Cloning a PVC from another namespace needs create on datavolumes/source (cdi.kubevirt.io) in the source namespace. CDI checks the user who creates the DataVolume; the dataVolumeTemplates of a virtual machine are checked as the service account “default” of the virtual machine’s namespace. Here: who can clone from where, and grant, check or revoke that access.',
      )}
      actions={
        <Flex gap={{ default: 'gapSm' }}>
          {grantAllowed || !canGrant.reason ? (
            grantButton
          ) : (
            <Tooltip content={canGrant.reason}>{grantButton}</Tooltip>
          )}
          <Button variant="secondary" onClick={() => setDialog({ kind: 'check', namespace })}>
            {t('Check access')}
          </Button>
        </Flex>
      }
    >
      <ClonePermissionsBody
        data={data}
        canGrant={canGrant}
        namespace={namespace}
        setNamespace={setNamespace}
        openDialog={setDialog}
      />
      {dialog && (
        <Suspense fallback={null}>
          {dialog.kind === 'grant' && (
            <GrantWizard
              snapshot={data.snapshot}
              rows={data.result.rows}
              namespaces={data.namespaces}
              initialNamespace={dialog.namespace}
              initialSubject={dialog.subject}
              onClose={close}
              onCheckAccess={(subject, sourceNamespace) =>
                setDialog({ kind: 'check', subject, namespace: sourceNamespace })
              }
            />
          )}
          {dialog.kind === 'check' && (
            <CheckAccessModal
              initial={{ subject: dialog.subject, sourceNamespace: dialog.namespace }}
              canReviewOthers={canReviewOthers.allowed && !canReviewOthers.loading}
              namespaces={data.namespaces}
              onClose={close}
              onGrant={
                grantAllowed
                  ? ({ subject, sourceNamespace }) =>
                      setDialog({ kind: 'grant', subject, namespace: sourceNamespace })
                  : undefined
              }
            />
          )}
          {dialog.kind === 'revoke' && (
            <RevokeModal
              row={dialog.row}
              binding={dialog.binding}
              rows={data.result.rows}
              snapshot={completeSnapshot}
              onClose={close}
            />
          )}
        </Suspense>
      )}
    </PageShell>
  );
};

const ClonePermissionsPage = () => <ClonePermissionsContent />;

export default withQueryClient(ClonePermissionsPage);
