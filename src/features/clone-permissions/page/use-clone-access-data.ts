import { useMemo, useState } from 'react';
import {
  ClusterRoleBindingModel,
  ClusterRoleModel,
  gvk,
  NamespaceModel,
  RoleBindingModel,
  RoleModel,
} from '../../../k8s/models';
import type { ClusterRole, ClusterRoleBinding, Namespace, Role, RoleBinding } from '../../../k8s/types';
import { metadataName } from '../../../k8s/names';
import { useWatchList } from '../../../k8s/use-watch';
import type { Watched } from '../../../k8s/watch-state';
import { cloneAccess } from '../logic/clone-access';
import type { CloneAccessResult, RbacSnapshot } from '../logic/types';

/** Which RBAC list a read error belongs to, for the page's warning. */
export type RbacList = 'clusterroles' | 'clusterrolebindings' | 'roles' | 'rolebindings' | 'namespaces';

export interface ReadError {
  list: RbacList;
  error: unknown;
}

export interface CloneAccessData {
  /** What the user could read; a field is undefined while loading or when not readable. */
  snapshot: RbacSnapshot;
  /** Some list has not answered yet: nothing may be shown as "none". */
  loading: boolean;
  /** Failures other than 403 (a 403 is a blindspot of the result, not an error). */
  readErrors: ReadError[];
  /** Every namespace's name, sorted; undefined when namespaces cannot be listed (or are loading). */
  namespaces?: string[];
  /**
   * Set when Roles and RoleBindings could not be listed in every namespace and are read in this one only
   * (the namespace filter): the snapshot then holds that namespace's Roles and RoleBindings.
   */
  namespacedFallback?: string;
  result: CloneAccessResult;
}

/** The list when loaded, undefined otherwise (loading, forbidden, failed): never "none" by mistake. */
const listOf = <T>(w: Watched<T[]>): T[] | undefined => (w.status === 'loaded' ? (w.data ?? []) : undefined);

const failure = (list: RbacList, w: Watched<unknown>): ReadError[] =>
  w.status === 'error' || w.status === 'api-missing' ? [{ list, error: w.error }] : [];

/**
 * The RBAC objects the clone-permissions page computes from: one watch per kind (ClusterRoles,
 * ClusterRoleBindings, Roles, RoleBindings, Namespaces). A user who may not list Roles or RoleBindings in
 * every namespace (an admin of one namespace) gets them from the filtered namespace instead: the same watch
 * moves to that namespace, so there are never more than five.
 */
export const useCloneAccessData = (namespaceFilter?: string): CloneAccessData => {
  // Remembered once seen, so the Roles/RoleBindings watches can move to one namespace and stay there.
  const [clusterWideForbidden, setClusterWideForbidden] = useState({ roles: false, roleBindings: false });

  const clusterRoles = useWatchList<ClusterRole>({ groupVersionKind: gvk(ClusterRoleModel) });
  const clusterRoleBindings = useWatchList<ClusterRoleBinding>({
    groupVersionKind: gvk(ClusterRoleBindingModel),
  });
  const rolesNamespace = clusterWideForbidden.roles ? namespaceFilter : undefined;
  const bindingsNamespace = clusterWideForbidden.roleBindings ? namespaceFilter : undefined;
  const roles = useWatchList<Role>({ groupVersionKind: gvk(RoleModel), namespace: rolesNamespace });
  const roleBindings = useWatchList<RoleBinding>({
    groupVersionKind: gvk(RoleBindingModel),
    namespace: bindingsNamespace,
  });
  const namespaceList = useWatchList<Namespace>({ groupVersionKind: gvk(NamespaceModel) });

  const rolesForbiddenClusterWide = !rolesNamespace && roles.status === 'forbidden';
  const bindingsForbiddenClusterWide = !bindingsNamespace && roleBindings.status === 'forbidden';
  // Adjusted during render (React's pattern for state derived from changing input), not in an effect.
  if (
    (rolesForbiddenClusterWide && !clusterWideForbidden.roles) ||
    (bindingsForbiddenClusterWide && !clusterWideForbidden.roleBindings)
  ) {
    setClusterWideForbidden({
      roles: clusterWideForbidden.roles || rolesForbiddenClusterWide,
      roleBindings: clusterWideForbidden.roleBindings || bindingsForbiddenClusterWide,
    });
  }

  const snapshot = useMemo<RbacSnapshot>(
    () => ({
      clusterRoles: listOf(clusterRoles),
      clusterRoleBindings: listOf(clusterRoleBindings),
      roles: listOf(roles),
      roleBindings: listOf(roleBindings),
    }),
    [clusterRoles, clusterRoleBindings, roles, roleBindings],
  );
  const result = useMemo(() => cloneAccess(snapshot), [snapshot]);
  const namespaces = useMemo(() => {
    const list = listOf(namespaceList);
    return list?.map(metadataName).sort();
  }, [namespaceList]);
  const readErrors = useMemo(
    () => [
      ...failure('clusterroles', clusterRoles),
      ...failure('clusterrolebindings', clusterRoleBindings),
      ...failure('roles', roles),
      ...failure('rolebindings', roleBindings),
      ...failure('namespaces', namespaceList),
    ],
    [clusterRoles, clusterRoleBindings, roles, roleBindings, namespaceList],
  );
  const loading = [clusterRoles, clusterRoleBindings, roles, roleBindings].some(
    (w) => w.status === 'loading',
  );
  const namespacedFallback = rolesNamespace ?? bindingsNamespace;

  return useMemo(
    () => ({ snapshot, loading, readErrors, namespaces, namespacedFallback, result }),
    [snapshot, loading, readErrors, namespaces, namespacedFallback, result],
  );
};
