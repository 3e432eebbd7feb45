import type { PersistentVolumeClaim, StorageClass } from '../../../k8s/types';
import { HPP_CSI_PROVISIONER, HPP_LEGACY_PROVISIONER, type HostPathProvisioner } from './hpp-types';
import { poolOfClass } from './pool-names';
import { servedPools } from './pool-rows';

/**
 * What stops working when a pool (or the whole provisioner) goes: the classes that provision from it and the
 * claims of those classes. A claim's volume is a directory in the pool on its node; the CSI driver finds it by
 * the pool name the PV was provisioned with (hostpath-provisioner pkg/hostpath/nodeserver.go:139), so without
 * the pool those volumes can no longer be mounted, and Pending claims are never provisioned.
 */

export interface DependentClaim {
  name: string;
  namespace: string;
  storageClass: string;
  phase?: string;
}

export interface Dependents {
  /** Undefined when StorageClasses could not be read. */
  classes?: string[];
  /** Claims of those classes, every phase (Bound ones hold data); undefined when classes or PVCs are unreadable. */
  claims?: DependentClaim[];
}

const sortClaims = (a: DependentClaim, b: DependentClaim) =>
  a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

const claimsOf = (classes: readonly string[], pvcs: readonly PersistentVolumeClaim[]): DependentClaim[] =>
  pvcs
    .filter((p) => classes.includes(p.spec?.storageClassName ?? ''))
    .map((p) => ({
      name: p.metadata?.name ?? '',
      namespace: p.metadata?.namespace ?? '',
      storageClass: p.spec?.storageClassName ?? '',
      ...(p.status?.phase ? { phase: p.status.phase } : {}),
    }))
    .sort(sortClaims);

const dependentsOf = (
  matches: (sc: StorageClass) => boolean,
  storageClasses: readonly StorageClass[] | undefined,
  pvcs: readonly PersistentVolumeClaim[] | undefined,
): Dependents => {
  if (!storageClasses) return {};
  const classes = storageClasses
    .filter(matches)
    .map((sc) => sc.metadata?.name ?? '')
    .sort();
  return { classes, ...(pvcs ? { claims: claimsOf(classes, pvcs) } : {}) };
};

/** Dependents of one pool: CSI classes whose `storagePool` (absent = "legacy") names it, overlay classes included. */
export const dependentsOfPool = (
  pool: string,
  storageClasses: readonly StorageClass[] | undefined,
  pvcs: readonly PersistentVolumeClaim[] | undefined,
): Dependents =>
  dependentsOf(
    (sc) => sc.provisioner === HPP_CSI_PROVISIONER && poolOfClass(sc) === pool,
    storageClasses,
    pvcs,
  );

export interface ProvisionerDependents extends Dependents {
  /** The same, pool by pool (the legacy `pathConfig` as "legacy"). */
  byPool: { pool: string; dependents: Dependents }[];
}

/**
 * Dependents of the whole CR: every class of the CSI driver and of the legacy provisioner (deleting the CR
 * removes both DaemonSets and the CSIDriver, controller.go:387-418), with the breakdown by pool.
 */
export const dependentsOfProvisioner = (
  cr: HostPathProvisioner,
  storageClasses: readonly StorageClass[] | undefined,
  pvcs: readonly PersistentVolumeClaim[] | undefined,
): ProvisionerDependents => ({
  ...dependentsOf(
    (sc) => sc.provisioner === HPP_CSI_PROVISIONER || sc.provisioner === HPP_LEGACY_PROVISIONER,
    storageClasses,
    pvcs,
  ),
  byPool: servedPools(cr).map((pool) => ({
    pool,
    // With pathConfig the legacy provisioner serves the same directory as the CSI pool "legacy".
    dependents: cr.spec?.pathConfig
      ? dependentsOf(
          (sc) =>
            (sc.provisioner === HPP_CSI_PROVISIONER && poolOfClass(sc) === pool) ||
            sc.provisioner === HPP_LEGACY_PROVISIONER,
          storageClasses,
          pvcs,
        )
      : dependentsOfPool(pool, storageClasses, pvcs),
  })),
});
