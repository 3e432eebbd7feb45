import type { K8sObject } from './sim-api';
import type { FieldError } from './validation/field-errors';
import { clone, deepEqual } from './util';

/**
 * The apiserver's create/update strategy for the built-in kinds our plugin writes (StorageClass, PVC):
 * defaults, required fields and immutability, worded as pkg/apis/{storage,core}/validation words them.
 */

const BINDING_MODES: unknown[] = ['Immediate', 'WaitForFirstConsumer'];
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RECLAIM_POLICIES: unknown[] = ['Delete', 'Recycle', 'Retain'];

/** Defaults applied on decode (SetDefaults_StorageClass, SetDefaults_PersistentVolumeClaim). */
export function defaultBuiltin(kind: string, obj: K8sObject, op: 'CREATE' | 'UPDATE' | 'SEED'): void {
  if (kind === 'StorageClass') {
    obj.reclaimPolicy ??= 'Delete';
    obj.volumeBindingMode ??= 'Immediate';
  } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    // SetDefaults_RoleBinding / SetDefaults_Subject (pkg/apis/rbac/v1/defaults.go).
    if (obj.roleRef && typeof obj.roleRef === 'object') {
      const ref = obj.roleRef as Record<string, unknown>;
      if (!ref.apiGroup) obj.roleRef = { ...ref, apiGroup: RBAC_GROUP };
    }
    if (Array.isArray(obj.subjects)) {
      obj.subjects = obj.subjects.map((s: Record<string, unknown>) =>
        s && !s.apiGroup && (s.kind === 'User' || s.kind === 'Group') ? { ...s, apiGroup: RBAC_GROUP } : s,
      );
    }
  } else if (kind === 'PersistentVolumeClaim') {
    if (obj.spec && typeof obj.spec === 'object') obj.spec.volumeMode ??= 'Filesystem';
    // PrepareForCreate: a new claim starts Pending (status cannot be set on create).
    if (op === 'CREATE') obj.status = { phase: 'Pending' };
  }
}

function validateStorageClass(sc: K8sObject, old: K8sObject | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!sc.provisioner) errors.push({ type: 'Required', field: 'provisioner' });
  if (!RECLAIM_POLICIES.includes(sc.reclaimPolicy)) {
    errors.push({
      type: 'NotSupported',
      field: 'reclaimPolicy',
      value: sc.reclaimPolicy,
      supported: RECLAIM_POLICIES,
    });
  }
  if (!BINDING_MODES.includes(sc.volumeBindingMode)) {
    errors.push({
      type: 'NotSupported',
      field: 'volumeBindingMode',
      value: sc.volumeBindingMode,
      supported: BINDING_MODES,
    });
  }
  if (!old) return errors;
  const forbidden = (field: string) =>
    errors.push({ type: 'Forbidden', field, detail: `updates to ${field} are forbidden.` });
  if (!deepEqual(sc.parameters ?? {}, old.parameters ?? {})) forbidden('parameters');
  if (sc.provisioner !== old.provisioner) forbidden('provisioner');
  if (sc.reclaimPolicy !== old.reclaimPolicy) forbidden('reclaimPolicy');
  if (sc.volumeBindingMode !== old.volumeBindingMode) {
    errors.push({
      type: 'Invalid',
      field: 'volumeBindingMode',
      value: sc.volumeBindingMode,
      detail: 'field is immutable',
    });
  }
  return errors;
}

function validateClaim(pvc: K8sObject, old: K8sObject | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!pvc.spec?.accessModes?.length) {
    errors.push({
      type: 'Required',
      field: 'spec.accessModes',
      detail: 'at least 1 access mode is required',
    });
  }
  if (!old) return errors;
  // What may change: volumeName once, requests of a bound claim, the volume attributes class.
  const next = clone(pvc.spec ?? {});
  const prev = clone(old.spec ?? {});
  if (!prev.volumeName) delete next.volumeName;
  delete prev.volumeAttributesClassName;
  delete next.volumeAttributesClassName;
  if (old.status?.phase === 'Bound') {
    if (prev.resources) delete prev.resources.requests;
    if (next.resources) delete next.resources.requests;
  }
  if (!deepEqual(next, prev)) {
    errors.push({
      type: 'Forbidden',
      field: 'spec',
      detail:
        'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    });
  }
  return errors;
}

/** Go's %#v of the internal rbac.RoleRef, as field.Invalid prints it. */
const goRoleRef = (ref: Record<string, unknown> | undefined) =>
  `rbac.RoleRef{APIGroup:${JSON.stringify(ref?.apiGroup ?? '')}, Kind:${JSON.stringify(ref?.kind ?? '')}, Name:${JSON.stringify(ref?.name ?? '')}}`;

/** ValidateRoleBindingUpdate / ValidateClusterRoleBindingUpdate (pkg/apis/rbac/validation): roleRef is immutable. */
function validateBinding(binding: K8sObject, old: K8sObject | undefined): FieldError[] {
  if (!old) return [];
  const ref = binding.roleRef as Record<string, unknown> | undefined;
  const was = old.roleRef as Record<string, unknown> | undefined;
  if (ref?.apiGroup === was?.apiGroup && ref?.kind === was?.kind && ref?.name === was?.name) return [];
  return [{ type: 'Invalid', field: 'roleRef', goValue: goRoleRef(ref), detail: 'cannot change roleRef' }];
}

/** Strategy validation of a built-in kind; `old` on update (main resource only). */
export function validateBuiltin(kind: string, obj: K8sObject, old: K8sObject | undefined): FieldError[] {
  if (kind === 'StorageClass') return validateStorageClass(obj, old);
  if (kind === 'PersistentVolumeClaim') return validateClaim(obj, old);
  if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') return validateBinding(obj, old);
  return [];
}
