import type { ClusterRole, RoleBinding } from '../../../k8s/types';
import { accessCovering, hasPluginLabels, subjectsOf } from './clone-access';
import { grantsOnlyCloning } from './rbac-rules';
import type { CloneAccessRow, CloneSubject, RbacSnapshot } from './types';

const isThisBinding = (row: CloneAccessRow, binding: RoleBinding): boolean =>
  row.binding.kind === 'RoleBinding' &&
  row.binding.name === binding.metadata?.name &&
  row.binding.namespace === binding.metadata?.namespace;

/**
 * What deleting a RoleBinding changes, per subject: the other bindings through which the subject still
 * clones from the namespace (its own, its groups', cluster-wide ones). Empty = the subject loses access,
 * as far as the readable bindings tell.
 */
export const revokeImpact = (
  binding: RoleBinding,
  rows: CloneAccessRow[],
): { subject: CloneSubject; keepsAccessVia: CloneAccessRow[] }[] => {
  const others = rows.filter((r) => !isThisBinding(r, binding));
  const namespace = binding.metadata?.namespace ?? '';
  const seen = new Set<string>();
  return subjectsOf(binding)
    .filter((s) => {
      const k = `${s.kind}/${s.namespace ?? ''}/${s.name}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((subject) => ({ subject, keepsAccessVia: accessCovering(others, subject, namespace) }));
};

/**
 * The ClusterRole the plugin created for this binding, when nothing else will use it once the binding is
 * gone, so the page can offer to delete it too. Never offered blind: both binding lists must be readable.
 */
export const roleLeftUnused = (binding: RoleBinding, snapshot: RbacSnapshot): ClusterRole | undefined => {
  if (binding.roleRef?.kind !== 'ClusterRole') return undefined;
  if (!snapshot.clusterRoles || !snapshot.roleBindings || !snapshot.clusterRoleBindings) return undefined;
  const name = binding.roleRef.name;
  const role = snapshot.clusterRoles.find((cr) => cr.metadata?.name === name);
  if (!role || !hasPluginLabels(role) || !grantsOnlyCloning(role)) return undefined;
  const refersToRole = (b: RoleBinding) => b.roleRef?.kind === 'ClusterRole' && b.roleRef.name === name;
  const otherRoleBinding = snapshot.roleBindings.some(
    (b) =>
      refersToRole(b) &&
      !(b.metadata?.name === binding.metadata?.name && b.metadata?.namespace === binding.metadata?.namespace),
  );
  if (otherRoleBinding || snapshot.clusterRoleBindings.some(refersToRole)) return undefined;
  return role;
};
