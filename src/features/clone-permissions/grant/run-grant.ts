import { ClusterRoleModel, RoleBindingModel } from '../../../k8s/models';
import type { ClusterRole, RoleBinding } from '../../../k8s/types';
import { createObject, deleteObject } from '../../../k8s/use-object-writes';
import { clusterRoleManifest, roleBindingManifest, type GrantForm } from '../logic/grant-plan';

/**
 * The grant's writes in order, with a server dry run first, and the undo of a half-done grant: when the
 * RoleBinding cannot be created after this grant created the ClusterRole, that ClusterRole is deleted again
 * (guarded by the uid and resourceVersion the create returned, so nothing anyone changed since is removed).
 */

export type GrantStepId = 'dry-run' | 'create-cluster-role' | 'create-role-binding' | 'rollback';
export type GrantStepStatus = 'pending' | 'running' | 'done' | 'failed' | 'not-run';

export interface GrantStepState {
  id: GrantStepId;
  status: GrantStepStatus;
}

export type GrantOutcome =
  | { ok: true; clusterRole?: ClusterRole; roleBinding: RoleBinding }
  | {
      ok: false;
      /** Which request the server refused. */
      failedAt: 'dry-run' | 'create-cluster-role' | 'create-role-binding';
      error: unknown;
      /** Set when this grant had created the ClusterRole and tried to remove it again. */
      rollback?: { ok: true } | { ok: false; error: unknown };
      /** The ClusterRole this grant created (before it was removed, or left behind when removal failed). */
      createdClusterRole?: ClusterRole;
    };

/** The steps shown before anything runs. */
export const plannedSteps = (form: GrantForm, dryRun: boolean): GrantStepState[] => [
  ...(dryRun ? [{ id: 'dry-run' as const, status: 'pending' as const }] : []),
  ...(form.role.mode === 'create'
    ? [{ id: 'create-cluster-role' as const, status: 'pending' as const }]
    : []),
  { id: 'create-role-binding', status: 'pending' },
];

/**
 * Runs the grant. The dry run asks the server to admit what comes first (the ClusterRole when one is
 * created, else the RoleBinding; a RoleBinding to a ClusterRole that does not exist yet cannot be checked),
 * so RBAC, escalation and admission refusals arrive before anything is stored.
 */
export const runGrant = async (
  form: GrantForm,
  { dryRun, onProgress }: { dryRun: boolean; onProgress: (steps: GrantStepState[]) => void },
): Promise<GrantOutcome> => {
  let steps = plannedSteps(form, dryRun);
  const set = (id: GrantStepId, status: GrantStepStatus) => {
    steps = steps.some((s) => s.id === id)
      ? steps.map((s) => (s.id === id ? { ...s, status } : s))
      : [...steps, { id, status }];
    onProgress(steps);
  };
  const skipRest = () => {
    steps = steps.map((s) => (s.status === 'pending' ? { ...s, status: 'not-run' } : s));
    onProgress(steps);
  };
  const role = form.role.mode === 'create' ? clusterRoleManifest(form.role.name, form.role.verbs) : undefined;
  const binding = roleBindingManifest(form);

  if (dryRun) {
    set('dry-run', 'running');
    try {
      if (role) await createObject({ model: ClusterRoleModel, data: role, dryRun: true });
      else await createObject({ model: RoleBindingModel, data: binding, dryRun: true });
    } catch (error) {
      set('dry-run', 'failed');
      skipRest();
      return { ok: false, failedAt: 'dry-run', error };
    }
    set('dry-run', 'done');
  }

  let created: ClusterRole | undefined;
  if (role) {
    set('create-cluster-role', 'running');
    try {
      created = await createObject<ClusterRole>({ model: ClusterRoleModel, data: role });
    } catch (error) {
      set('create-cluster-role', 'failed');
      skipRest();
      return { ok: false, failedAt: 'create-cluster-role', error };
    }
    set('create-cluster-role', 'done');
  }

  set('create-role-binding', 'running');
  try {
    const roleBinding = await createObject<RoleBinding>({ model: RoleBindingModel, data: binding });
    set('create-role-binding', 'done');
    return { ok: true, clusterRole: created, roleBinding };
  } catch (error) {
    set('create-role-binding', 'failed');
    if (!created) return { ok: false, failedAt: 'create-role-binding', error };
    set('rollback', 'running');
    try {
      await deleteObject({ model: ClusterRoleModel, resource: created });
      set('rollback', 'done');
      return {
        ok: false,
        failedAt: 'create-role-binding',
        error,
        rollback: { ok: true },
        createdClusterRole: created,
      };
    } catch (rollbackError) {
      set('rollback', 'failed');
      return {
        ok: false,
        failedAt: 'create-role-binding',
        error,
        rollback: { ok: false, error: rollbackError },
        createdClusterRole: created,
      };
    }
  }
};
