import { ClusterRoleModel, RoleBindingModel, apiVersionOf } from '../../../k8s/models';
import { DNS1123_SUBDOMAIN_MAX, isDns1123Label, isDns1123Subdomain } from '../../../k8s/names';
import type { ClusterRole, RbacSubject, RoleBinding } from '../../../k8s/types';
import { PLUGIN_LABELS } from './clone-access';
import { CLONE_SOURCE, grantsOnlyCloning } from './rbac-rules';
import type { CloneSubject } from './types';

/** What the "Grant clone access" form holds: bind a ClusterRole to a subject in the source namespace. */
export interface GrantForm {
  sourceNamespace: string;
  subject: CloneSubject;
  role: { mode: 'reuse'; name: string } | { mode: 'create'; name: string; verbs: 'create' | 'all' };
  bindingName: string;
}

/** The name offered for a ClusterRole the plugin creates (CDI's doc/RBAC.md example calls its own `cdi-cloner`). */
export const DEFAULT_ROLE_NAME = 'datavolume-cloner';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

const sanitize = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * `<subject>-<role>` as a DNS-1123 subdomain: ServiceAccount team-b/default + datavolume-cloner →
 * `team-b-default-datavolume-cloner`; a namespaced role name like `cdi.kubevirt.io:clone-sourcer` keeps
 * only its part after the last ':'.
 */
export const defaultBindingName = (subject: CloneSubject, roleName: string): string => {
  const rolePart = sanitize(roleName.slice(roleName.lastIndexOf(':') + 1)) || sanitize(roleName) || 'clone';
  const who = subject.kind === 'ServiceAccount' ? `${subject.namespace ?? ''}-${subject.name}` : subject.name;
  const subjectPart = sanitize(who);
  const name = subjectPart ? `${subjectPart}-${rolePart}` : rolePart;
  return name.slice(0, DNS1123_SUBDOMAIN_MAX).replace(/-+$/, '');
};

export type GrantField = 'sourceNamespace' | 'subjectName' | 'subjectNamespace' | 'roleName' | 'bindingName';

export interface GrantProblem {
  field: GrantField;
  severity: 'error' | 'warning';
  code:
    | 'required'
    | 'not-dns1123-label'
    | 'not-dns1123-subdomain'
    | 'namespace-not-found'
    | 'role-exists'
    | 'role-not-found'
    | 'role-not-clone-only'
    | 'same-namespace'
    | 'binding-exists'
    | 'user-name-spaces';
}

export interface GrantContext {
  /** Known namespaces; undefined = not known (then existence is not checked). */
  namespaces?: string[];
  clusterRoles?: ClusterRole[];
  /** RoleBinding names in the source namespace. */
  roleBindingNames?: string[];
}

const err = (field: GrantField, code: GrantProblem['code']): GrantProblem => ({
  field,
  severity: 'error',
  code,
});

const namespaceProblems = (field: GrantField, ns: string, known: string[] | undefined): GrantProblem[] => {
  if (ns === '') return [err(field, 'required')];
  if (!isDns1123Label(ns)) return [err(field, 'not-dns1123-label')];
  if (known && !known.includes(ns)) return [err(field, 'namespace-not-found')];
  return [];
};

/** Problems the form shows at each field; errors block the grant, warnings do not. */
export const validateGrant = (form: GrantForm, ctx: GrantContext): GrantProblem[] => {
  const problems: GrantProblem[] = [];
  problems.push(...namespaceProblems('sourceNamespace', form.sourceNamespace, ctx.namespaces));

  const { subject } = form;
  if (subject.kind === 'ServiceAccount') {
    if (subject.name === '') problems.push(err('subjectName', 'required'));
    else if (!isDns1123Subdomain(subject.name)) problems.push(err('subjectName', 'not-dns1123-subdomain'));
    problems.push(...namespaceProblems('subjectNamespace', subject.namespace ?? '', ctx.namespaces));
    // CDI skips the check within one namespace (authorize_utils.go:168-171 CanServiceAccountClonePVC).
    if (subject.namespace && subject.namespace === form.sourceNamespace)
      problems.push({ field: 'subjectNamespace', severity: 'warning', code: 'same-namespace' });
  } else if (subject.name.trim() === '') {
    problems.push(err('subjectName', 'required'));
  } else if (subject.name !== subject.name.trim()) {
    // RBAC compares names exactly: " joe" never matches the user joe.
    problems.push(err('subjectName', 'user-name-spaces'));
  }

  const { role } = form;
  const existing = ctx.clusterRoles?.find((cr) => cr.metadata?.name === role.name);
  if (role.name === '') problems.push(err('roleName', 'required'));
  else if (role.mode === 'create') {
    if (!isDns1123Subdomain(role.name)) problems.push(err('roleName', 'not-dns1123-subdomain'));
    else if (existing) problems.push(err('roleName', 'role-exists'));
  } else if (ctx.clusterRoles) {
    // Existing names need not be DNS-1123 (cdi.kubevirt.io:clone-sourcer is not).
    if (!existing) problems.push(err('roleName', 'role-not-found'));
    else if (!grantsOnlyCloning(existing)) problems.push(err('roleName', 'role-not-clone-only'));
  }

  if (form.bindingName === '') problems.push(err('bindingName', 'required'));
  else if (!isDns1123Subdomain(form.bindingName)) problems.push(err('bindingName', 'not-dns1123-subdomain'));
  else if (ctx.roleBindingNames?.includes(form.bindingName))
    problems.push(err('bindingName', 'binding-exists'));

  return problems;
};

/** The ClusterRole of CDI's doc/RBAC.md clone example, labelled as the plugin's. */
export const clusterRoleManifest = (name: string, verbs: 'create' | 'all'): ClusterRole => ({
  apiVersion: apiVersionOf(ClusterRoleModel),
  kind: ClusterRoleModel.kind,
  metadata: { name, labels: { ...PLUGIN_LABELS } },
  rules: [
    {
      apiGroups: [CLONE_SOURCE.group],
      resources: [`${CLONE_SOURCE.resource}/${CLONE_SOURCE.subresource}`],
      verbs: verbs === 'all' ? ['*'] : [CLONE_SOURCE.verb],
    },
  ],
});

/** ServiceAccount subjects carry no apiGroup, as `kubectl create rolebinding --serviceaccount` writes them. */
const rbacSubject = (s: CloneSubject): RbacSubject =>
  s.kind === 'ServiceAccount'
    ? { kind: 'ServiceAccount', name: s.name, namespace: s.namespace }
    : { kind: s.kind, name: s.name, apiGroup: RBAC_GROUP };

/** A RoleBinding in the source namespace: clones may come from there only. */
export const roleBindingManifest = (form: GrantForm): RoleBinding => ({
  apiVersion: apiVersionOf(RoleBindingModel),
  kind: RoleBindingModel.kind,
  metadata: { name: form.bindingName, namespace: form.sourceNamespace, labels: { ...PLUGIN_LABELS } },
  subjects: [rbacSubject(form.subject)],
  roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: form.role.name },
});

export type GrantStep = 'create-cluster-role' | 'create-role-binding';

/** The writes, in order: the role must exist before a binding refers to it. */
export const grantSteps = (form: GrantForm): GrantStep[] =>
  form.role.mode === 'create' ? ['create-cluster-role', 'create-role-binding'] : ['create-role-binding'];
