import type { TFunction } from 'i18next';
import { serviceAccountsGroupNamespace, subjectLabel } from '../logic/clone-access';
import type {
  BindingOwner,
  BindingRef,
  Blindspot,
  CloneAccessRow,
  ClonePermission,
  CloneSubject,
  GrantPath,
  SubjectKind,
} from '../logic/types';

/**
 * Words for clone permissions (the page's cells and warnings, the grant, check and revoke dialogs), said one
 * way everywhere; every string through `t`.
 */

export const subjectKindText = (t: TFunction, kind: SubjectKind): string =>
  kind === 'User' ? t('User') : kind === 'Group' ? t('Group') : t('Service account');

/** What a group everyone (or every service account of a namespace) belongs to means, else undefined. */
export const subjectMeaning = (t: TFunction, subject: CloneSubject): string | undefined => {
  if (subject.kind !== 'Group') return undefined;
  if (subject.name === 'system:authenticated') return t('Every authenticated user');
  if (subject.name === 'system:serviceaccounts') return t('Every service account in the cluster');
  if (subject.name === 'system:unauthenticated') return t('Every anonymous request');
  const ns = serviceAccountsGroupNamespace(subject);
  return ns ? t('Every service account of namespace {{saNamespace}}', { saNamespace: ns }) : undefined;
};

/** "Service account team-b/default", for sentences and accessible names. */
export const subjectText = (t: TFunction, subject: CloneSubject): string =>
  subject.kind === 'ServiceAccount'
    ? t('Service account {{name}}', { name: subjectLabel(subject) })
    : subject.kind === 'User'
      ? t('User {{name}}', { name: subject.name })
      : t('Group {{name}}', { name: subject.name });

/** Who a subject is, in a sentence: what an "everyone" group means, else the subject itself. */
export const subjectWho = (t: TFunction, subject: CloneSubject): string =>
  subjectMeaning(t, subject) ?? subjectText(t, subject);

export const sourceNamespaceText = (t: TFunction, ns: string): string =>
  ns === '*' ? t('All namespaces') : ns;

export const bindingText = (binding: BindingRef): string =>
  binding.namespace
    ? `${binding.kind} ${binding.namespace}/${binding.name}`
    : `${binding.kind} ${binding.name}`;

export const permissionText = (t: TFunction, permission: ClonePermission): string =>
  permission === 'clone-source' ? t('Clone source') : t('Create pods (CDI accepts either)');

export const permissionDetail = (t: TFunction, permission: ClonePermission): string =>
  permission === 'clone-source'
    ? t('create on datavolumes/source (cdi.kubevirt.io)')
    : t('create on pods: CDI accepts it in place of datavolumes/source');

const FIELD_TEXT = (t: TFunction, field: 'verbs' | 'apiGroups' | 'resources') =>
  field === 'verbs' ? t('verbs') : field === 'apiGroups' ? t('API groups') : t('resources');

export const pathText = (t: TFunction, path: GrantPath): string => {
  switch (path.kind) {
    case 'direct':
      return t('Direct rule');
    case 'wildcard':
      return t('Through the wildcard * in {{fields}}', {
        fields: path.fields.map((f) => FIELD_TEXT(t, f)).join(', '),
      });
    case 'aggregated':
      return t('Aggregated from {{roles}}', { roles: path.from.join(', ') });
  }
};

/** Who made (and keeps) a binding: "SSP operator", "This plugin"... */
export const ownerText = (t: TFunction, owner: BindingOwner): string => {
  switch (owner) {
    case 'ssp':
      return t('SSP operator');
    case 'cdi':
      return t('CDI operator');
    case 'bootstrap':
      return t('Kubernetes default');
    case 'plugin':
      return t('This plugin');
    case 'other':
      return t('Someone else (by hand or another tool)');
  }
};

/** The owner's consequence, when there is one: why there is no Revoke. */
export const ownerNote = (t: TFunction, row: CloneAccessRow): string | undefined => {
  if (row.owner === 'ssp' || row.owner === 'cdi') return t('The operator recreates it if deleted');
  if (row.binding.kind === 'ClusterRoleBinding') return t('Applies in every namespace');
  if (!row.revocable) return t('The role grants more than cloning: change it outside this page');
  return undefined;
};

/** Text the subject filter searches: the subject, its kind and what an "everyone" group means. */
export const rowSearchText = (t: TFunction, row: CloneAccessRow): string =>
  [
    subjectLabel(row.subject),
    subjectKindText(t, row.subject.kind),
    subjectMeaning(t, row.subject) ?? '',
  ].join(' ');

/** What a blindspot hides, said as a warning. */
export const blindspotText = (
  t: TFunction,
  b: Blindspot,
  scope: { namespace?: string; namespacedFallback?: string },
): string => {
  if (b.kind === 'role-unknown') {
    return t(
      '{{binding}} refers to {{roleKind}} {{role}}, which cannot be read (it may not exist, or you may not read it): whether its subjects can clone is unknown.',
      { binding: bindingText(b.binding), roleKind: b.role.kind, role: b.role.name },
    );
  }
  const where = scope.namespacedFallback;
  switch (b.resource) {
    case 'clusterroles':
      return t(
        'You may not read ClusterRoles: bindings to them (admin, edit, CDI roles) cannot be resolved, and which CDI behaviour applies is unknown.',
      );
    case 'clusterrolebindings':
      return t(
        'You may not read ClusterRoleBindings: subjects allowed to clone in every namespace are not shown.',
      );
    case 'roles':
      return where
        ? t('You may not read Roles in namespace {{readNamespace}}: bindings to them cannot be resolved.', {
            readNamespace: where,
          })
        : t(
            'You may not read Roles in every namespace: bindings to namespace Roles cannot be resolved. Choose a namespace you administer to read its Roles.',
          );
    case 'rolebindings':
      return where
        ? t(
            'You may not read RoleBindings in namespace {{readNamespace}}: who can clone from it is not shown.',
            {
              readNamespace: where,
            },
          )
        : t(
            'You may not read RoleBindings in every namespace: subjects allowed in single namespaces are not shown. Choose a namespace you administer to read its RoleBindings.',
          );
  }
};
