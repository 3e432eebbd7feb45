import type { K8sObject } from './sim-api';
import type { Store } from './store';

/**
 * The kube-apiserver's own (in-tree) mutating admission plugins that change what the simulator stores. They
 * run before the world's admission webhooks, as the apiserver orders in-tree plugins before MutatingAdmissionWebhook.
 */

const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const ANN_DEFAULT_CLASS_BETA = 'storageclass.beta.kubernetes.io/is-default-class';
const ANN_CLASS_BETA = 'volume.beta.kubernetes.io/storage-class';

const isDefaultClass = (sc: K8sObject) =>
  sc.metadata.annotations?.[ANN_DEFAULT_CLASS] === 'true' ||
  sc.metadata.annotations?.[ANN_DEFAULT_CLASS_BETA] === 'true';

/**
 * The default StorageClass as pkg/volume/util GetDefaultClass picks it: among the classes annotated default,
 * the newest by creationTimestamp, then the first by name.
 */
export function defaultStorageClassName(store: Store): string | undefined {
  const defaults = store.listRaw('StorageClass').filter(isDefaultClass);
  defaults.sort((a, b) => {
    const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
    const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
    return tb - ta || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);
  });
  return defaults[0]?.metadata.name;
}

/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a claim created without a class
 * (no spec.storageClassName, not even "", and no beta class annotation) gets the default class, if any.
 */
function defaultStorageClass(store: Store, pvc: K8sObject): void {
  if (pvc.spec?.storageClassName !== undefined && pvc.spec?.storageClassName !== null) return;
  if (pvc.metadata.annotations?.[ANN_CLASS_BETA] !== undefined) return;
  const name = defaultStorageClassName(store);
  if (name === undefined) return;
  pvc.spec = { ...(pvc.spec ?? {}), storageClassName: name };
}

/** Runs the in-tree mutating admission of a write on `obj` (changed in place). */
export function admitBuiltin(
  store: Store,
  op: 'CREATE' | 'UPDATE',
  kind: string,
  subresource: string | undefined,
  obj: K8sObject,
): void {
  if (kind === 'PersistentVolumeClaim' && op === 'CREATE' && !subresource) defaultStorageClass(store, obj);
}
