import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from '../../../k8s/types';

/**
 * The shapes the clone-permissions page works with. CDI lets a requester clone from a namespace when a
 * SubjectAccessReview allows `create` on `cdi.kubevirt.io` `datavolumes/source` there (with the source PVC's
 * name), or else `create` on `pods` there (CDI v1.65.0 authorize_utils.go getResourceAttributesPvc).
 */

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export interface CloneSubject {
  kind: SubjectKind;
  name: string;
  /** ServiceAccount only: its namespace (for a RoleBinding subject without one, the binding's namespace). */
  namespace?: string;
}

/** Which of CDI's two checks a rule satisfies. */
export type ClonePermission = 'clone-source' | 'create-pods';

/** How a role comes to hold the permission. */
export type GrantPath =
  /** A rule that names the group, resource and verb. */
  | { kind: 'direct' }
  /** A rule that matches through `*` in these fields (`*` verbs, `*` groups, `*` or `*\/source` resources). */
  | { kind: 'wildcard'; fields: ('verbs' | 'apiGroups' | 'resources')[] }
  /** An aggregated ClusterRole (admin, edit, ...): the rule comes from these aggregated-in ClusterRoles. */
  | { kind: 'aggregated'; from: string[] };

export interface BindingRef {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  /** RoleBinding only. */
  namespace?: string;
}

export interface RoleRef {
  kind: 'Role' | 'ClusterRole';
  name: string;
}

/** Who owns a binding, so the page never offers to revoke what an operator would recreate. */
export type BindingOwner = 'ssp' | 'cdi' | 'bootstrap' | 'plugin' | 'other';

/** One subject that may clone from one source namespace (or every namespace) through one binding. */
export interface CloneAccessRow {
  /** Stable and unique: binding kind/namespace/name + subject + permission. */
  key: string;
  /** The namespace clones may come from; '*' for a ClusterRoleBinding (every namespace). */
  sourceNamespace: string;
  subject: CloneSubject;
  binding: BindingRef;
  role: RoleRef;
  permission: ClonePermission;
  path: GrantPath;
  /** Set when every granting rule is limited by `resourceNames`: only PVCs with these names. */
  resourceNames?: string[];
  /** The subject is a group every user or every service account belongs to. */
  everyone: boolean;
  owner: BindingOwner;
  /**
   * Revoking (deleting the RoleBinding) is offered: a RoleBinding, not operator-owned, whose role grants
   * nothing but cloning. Never a ClusterRoleBinding or a binding of admin/edit/view.
   */
  revocable: boolean;
}

/** The RBAC objects the user could read; `undefined` = the user may not list that kind (not "none"). */
export interface RbacSnapshot {
  clusterRoles?: ClusterRole[];
  clusterRoleBindings?: ClusterRoleBinding[];
  roles?: Role[];
  roleBindings?: RoleBinding[];
}

/** What the computation could not see, so the page can say so instead of showing a short list as complete. */
export type Blindspot =
  | { kind: 'unreadable'; resource: 'clusterroles' | 'clusterrolebindings' | 'roles' | 'rolebindings' }
  /** A binding whose role does not exist or could not be read: its subjects may or may not clone. */
  | { kind: 'role-unknown'; binding: BindingRef; role: RoleRef };

export interface CloneAccessResult {
  rows: CloneAccessRow[];
  blindspots: Blindspot[];
}
