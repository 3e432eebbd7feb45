import type { StorageClass } from '../../../k8s/types';
import { LEGACY_POOL_NAME, STORAGE_POOL_PARAMETER } from './hpp-types';

/**
 * Names the operator and the CSI driver derive from a pool name, computed exactly as upstream does, so the UI
 * can find a pool's PVCs and tell the admin which names a pool name leads to.
 * hostpath-provisioner-operator v0.25.2 (19e72bf8): pkg/controller/hostpathprovisioner/util.go:137-169
 * (`getResourceNameWithMaxLength`, FNV-1a `hash`), storagepool.go:418-440, 601-607 (PVC names and label),
 * daemonset.go:420-425 (the DaemonSet volume of each pool).
 */

const MAX_NAME_LENGTH = 63;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** FNV-1a, 32 bits, as 8 lowercase hex digits (Go `hash/fnv` New32a + `%08x`). */
export const fnv32a = (text: string): string => {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
};

// Go slices strings by bytes; pool names are ASCII in practice, but keep byte semantics for lengths.
const byteLength = (s: string) => encoder.encode(s).length;
const byteSlice = (s: string, end: number) => decoder.decode(encoder.encode(s).slice(0, end));

/** `getResourceNameWithMaxLength(base, suffix, 63)`. */
export const resourceNameWithMaxLength = (
  base: string,
  suffix: string,
  maxLength = MAX_NAME_LENGTH,
): string => {
  if (maxLength <= 0) return '';
  const name = `${base}-${suffix}`;
  if (byteLength(name) <= maxLength) return name;
  const baseLength = maxLength - 10 - byteLength(suffix);
  if (baseLength < 0) {
    const prefix = byteSlice(base, Math.min(byteLength(base), Math.max(0, maxLength - 9)));
    return byteSlice(`${prefix}-${fnv32a(name)}`, maxLength);
  }
  return `${byteSlice(base, baseLength)}-${fnv32a(base)}-${suffix}`;
};

/** The per-node PVC (and Deployment) of a PVC-template pool: `hpp-pool-<pool>-<node>`, hashed when long. */
export const poolPvcName = (pool: string, node: string): string =>
  resourceNameWithMaxLength('hpp-pool', `${pool}-${node}`);

/** The one PVC of a shared (ReadWriteMany) pool. */
export const sharedPoolPvcName = (pool: string): string =>
  resourceNameWithMaxLength('hpp-pool', `${pool}-shared`);

/** The value of `HPP_POOL_LABEL` on a pool's PVCs: `<pool>-hpp`, not the pool name itself. */
export const poolLabelValue = (pool: string): string => resourceNameWithMaxLength(pool, 'hpp');

/** The CSI DaemonSet's volume for a pool (a pod volume name, so it must be a DNS-1123 label). */
export const poolMountName = (pool: string): string =>
  resourceNameWithMaxLength(pool === '' ? 'csi' : pool, 'data-dir');

/**
 * The pool a CSI StorageClass (or VolumeSnapshotClass, or a PV's volume attributes) provisions from: the
 * `storagePool` parameter when the key is present (even if empty), else the legacy pool
 * (hostpath-provisioner v0.25.2 pkg/hostpath/utils.go:150-155 `getStoragePoolNameFromMap`).
 */
export const poolOfParameters = (parameters: Readonly<Record<string, string>> | undefined): string =>
  parameters && Object.prototype.hasOwnProperty.call(parameters, STORAGE_POOL_PARAMETER)
    ? parameters[STORAGE_POOL_PARAMETER]
    : LEGACY_POOL_NAME;

export const poolOfClass = (sc: StorageClass): string => poolOfParameters(sc.parameters);
