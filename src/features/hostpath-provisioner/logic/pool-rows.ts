import { isDefaultClass } from '../../../k8s/default-storage-class';
import type {
  PersistentVolumeClaim,
  StorageClass,
  StorageProfile,
  VolumeSnapshotClass,
} from '../../../k8s/types';
import {
  DEFAULT_OVERLAY_CLASS_NAME,
  HPP_CSI_PROVISIONER,
  HPP_LEGACY_PROVISIONER,
  HPP_POOL_LABEL,
  LEGACY_POOL_NAME,
  OVERLAY_CSI_PARAMETER,
  SNAPSHOT_FEATURE_GATE,
  type HostPathProvisioner,
  type NodeLike,
  type StoragePool,
  type StoragePoolStatus,
} from './hpp-types';
import { poolLabelValue, poolOfClass, poolOfParameters, poolPvcName, sharedPoolPvcName } from './pool-names';

/**
 * One row per pool of the HostPathProvisioner (and one for a legacy `pathConfig`, which the CSI driver serves
 * as the pool "legacy"), joined with what uses it. Facts (hostpath-provisioner-operator v0.25.2, 19e72bf8):
 * - a pool with a pvcTemplate gets one PVC per node running the CSI DaemonSet, or one shared PVC when the
 *   template asks for ReadWriteMany, labelled `HPP_POOL_LABEL: <pool>-hpp` (storagepool.go:77-110, 418-440);
 * - a shared pool also gets the backend class `overlayClassName` (default hpp-overlay) with
 *   `{storagePool, overlayCSI: "true"}` (storagepool.go:399-416);
 * - pool status: `Ready` with counts and claim statuses, written only when every pool PVC is Bound; while one
 *   is not, the whole status write fails (Degraded reason StoragePoolNotReady) and the statuses go stale
 *   (storagepool.go:669-721, controller.go:527-529) — so live PVCs are read too when given;
 * - a CSI class without `storagePool` provisions from "legacy" (hostpath-provisioner utils.go:150-155);
 * - snapshots need the pool's `snapshotProvider` and the `Snapshotting` gate (daemonset.go:435-438, 805;
 *   hostpath-provisioner controllerserver.go:442-451).
 * Inputs that could not be read are `undefined`; what depends on them is then `undefined`, never empty.
 */

export type PoolKind = 'basic' | 'pvcTemplate' | 'legacy';
export type ProfileState = 'complete' | 'incomplete' | 'missing';

export interface PoolClass {
  name: string;
  provisioner: string;
  /** The class uses the deprecated non-CSI provisioner (legacy row only). */
  legacyProvisioner: boolean;
  /** The backend class of a shared pool (`overlayCSI: "true"`). */
  overlay: boolean;
  isDefault: boolean;
  isVirtDefault: boolean;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  /** Its StorageProfile: complete (has claimPropertySets), incomplete, or missing; undefined if unreadable. */
  profile?: ProfileState;
}

export interface PoolSnapshotClass {
  name: string;
  isDefault: boolean;
  deletionPolicy?: string;
}

export interface PoolClaim {
  name: string;
  /** From the live PVC (the operator's namespace). */
  namespace?: string;
  /** The node it serves; undefined for the shared claim or when it cannot be told. */
  node?: string;
  /** The one claim of a ReadWriteMany pool. */
  shared: boolean;
  /** The phase the operator last reported in `claimStatuses`. */
  reportedPhase?: string;
  /** The phase of the live PVC; undefined when PVCs were not given or it is not in the list. */
  livePhase?: string;
  /** livePhase when known, else reportedPhase. */
  phase?: string;
  inStatus: boolean;
  /** Found in the live PVC list; undefined when PVCs could not be read. */
  live?: boolean;
}

export type PoolFinding =
  /** Nothing can provision from the pool yet: no StorageClass names it. */
  | { code: 'no-storage-class' }
  | { code: 'not-ready'; phase: string; currentReady?: number; desiredReady?: number }
  /** Pool PVCs that are not Bound (the operator then cannot update any pool status). */
  | { code: 'claims-pending'; claims: string[] }
  /** The pool is in spec but the operator has not reported it (not reconciled yet, or failing). */
  | { code: 'status-missing' }
  /** VolumeSnapshotClasses point at the pool, but snapshots of it cannot work. */
  | {
      code: 'snapshots-unavailable';
      snapshotClasses: string[];
      missing: ('snapshot-provider' | 'feature-gate')[];
    };

export interface PoolRow {
  name: string;
  kind: PoolKind;
  path?: string;
  /** The spec entry (undefined for the legacy row). */
  pool?: StoragePool;
  /** The legacy row's `useNamingPrefix`. */
  useNamingPrefix?: boolean;
  /** ReadWriteMany template: one PVC for all nodes and a backend overlay class. */
  shared: boolean;
  /** The backend class the operator creates for a shared pool. */
  overlayClassName?: string;
  phase?: string;
  currentReady?: number;
  desiredReady?: number;
  /** undefined when neither the status nor the PVC list can tell. */
  claims?: PoolClaim[];
  /** Classes that provision from the pool (overlay classes apart). */
  storageClasses?: PoolClass[];
  overlayClasses?: PoolClass[];
  snapshotClasses?: PoolSnapshotClass[];
  findings: PoolFinding[];
}

export interface PoolRowInputs {
  cr: HostPathProvisioner;
  storageClasses?: readonly StorageClass[];
  snapshotClasses?: readonly VolumeSnapshotClass[];
  profiles?: readonly StorageProfile[];
  /** PVCs of the operator's namespace (or all): the live state of pool PVCs. */
  pvcs?: readonly PersistentVolumeClaim[];
  /** Nodes, to tell which node a (possibly hashed) pool PVC name stands for. */
  nodes?: readonly NodeLike[];
}

const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
const VSC_DEFAULT_ANNOTATION = 'snapshot.storage.kubernetes.io/is-default-class';

export const isSharedTemplate = (pool: StoragePool | undefined): boolean =>
  (pool?.pvcTemplate?.accessModes ?? []).includes('ReadWriteMany');

export const isOverlayClass = (sc: StorageClass): boolean =>
  sc.parameters?.[OVERLAY_CSI_PARAMETER] === 'true';

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const profileState = (
  name: string,
  profiles: readonly StorageProfile[] | undefined,
): ProfileState | undefined => {
  if (!profiles) return undefined;
  const profile = profiles.find((p) => p.metadata?.name === name);
  if (!profile) return 'missing';
  return (profile.status?.claimPropertySets ?? []).length > 0 ? 'complete' : 'incomplete';
};

const toPoolClass = (sc: StorageClass, profiles: readonly StorageProfile[] | undefined): PoolClass => {
  const name = sc.metadata?.name ?? '';
  const profile = profileState(name, profiles);
  return {
    name,
    provisioner: sc.provisioner,
    legacyProvisioner: sc.provisioner === HPP_LEGACY_PROVISIONER,
    overlay: isOverlayClass(sc),
    isDefault: isDefaultClass(sc, 'k8s'),
    isVirtDefault: isDefaultClass(sc, 'virt'),
    ...(sc.reclaimPolicy ? { reclaimPolicy: sc.reclaimPolicy } : {}),
    ...(sc.volumeBindingMode ? { volumeBindingMode: sc.volumeBindingMode } : {}),
    ...(profile ? { profile } : {}),
  };
};

/** CSI classes that provision from `pool`; for the legacy row also the legacy provisioner's classes. */
export const classesOfPool = (
  pool: string,
  classes: readonly StorageClass[],
  includeLegacyProvisioner = false,
): StorageClass[] =>
  classes.filter(
    (sc) =>
      (sc.provisioner === HPP_CSI_PROVISIONER && poolOfClass(sc) === pool) ||
      (includeLegacyProvisioner && sc.provisioner === HPP_LEGACY_PROVISIONER),
  );

const snapshotClassesOf = (pool: string, vscs: readonly VolumeSnapshotClass[]): PoolSnapshotClass[] =>
  vscs
    .filter((v) => v.driver === HPP_CSI_PROVISIONER && poolOfParameters(v.parameters) === pool)
    .map((v) => ({
      name: v.metadata?.name ?? '',
      isDefault: v.metadata?.annotations?.[VSC_DEFAULT_ANNOTATION] === 'true',
      ...(v.deletionPolicy ? { deletionPolicy: v.deletionPolicy } : {}),
    }))
    .sort(byName);

const nodeOfClaim = (
  pool: string,
  claim: string,
  nodes: readonly NodeLike[] | undefined,
  pvc: PersistentVolumeClaim | undefined,
): string | undefined => {
  const fromNodes = nodes?.find((n) => n.metadata?.name && poolPvcName(pool, n.metadata.name) === claim);
  if (fromNodes) return fromNodes.metadata?.name;
  const prefix = `hpp-pool-${pool}-`;
  // Unhashed names carry the node verbatim; a hashed one (over 63 characters) needs the node list.
  if (claim.startsWith(prefix) && poolPvcName(pool, claim.slice(prefix.length)) === claim) {
    return claim.slice(prefix.length);
  }
  return pvc?.metadata?.annotations?.[SELECTED_NODE_ANNOTATION];
};

const claimsOf = (
  pool: StoragePool,
  status: StoragePoolStatus | undefined,
  pvcs: readonly PersistentVolumeClaim[] | undefined,
  nodes: readonly NodeLike[] | undefined,
): PoolClaim[] | undefined => {
  if (!status && !pvcs) return undefined;
  const label = poolLabelValue(pool.name);
  const live = (pvcs ?? []).filter((p) => p.metadata?.labels?.[HPP_POOL_LABEL] === label);
  const reported = status?.claimStatuses ?? [];
  const names = [...new Set([...reported.map((c) => c.name), ...live.map((p) => p.metadata?.name ?? '')])];
  const shared = isSharedTemplate(pool);
  return names
    .map((name): PoolClaim => {
      const pvc = live.find((p) => p.metadata?.name === name);
      const reportedPhase = reported.find((c) => c.name === name)?.status?.phase;
      const livePhase = pvc?.status?.phase;
      const isShared = shared && name === sharedPoolPvcName(pool.name);
      const node = isShared ? undefined : nodeOfClaim(pool.name, name, nodes, pvc);
      const phase = livePhase ?? reportedPhase;
      return {
        name,
        ...(pvc?.metadata?.namespace ? { namespace: pvc.metadata.namespace } : {}),
        ...(node ? { node } : {}),
        shared: isShared,
        ...(reportedPhase ? { reportedPhase } : {}),
        ...(livePhase ? { livePhase } : {}),
        ...(phase ? { phase } : {}),
        inStatus: reported.some((c) => c.name === name),
        ...(pvcs ? { live: pvc !== undefined } : {}),
      };
    })
    .sort(byName);
};

const statusFindings = (status: StoragePoolStatus | undefined): PoolFinding[] => {
  if (!status) return [{ code: 'status-missing' }];
  const { phase, desiredReady, currentReady } = status;
  // Zero counts are omitted by the operator (omitempty): a missing currentReady under a desired count is 0.
  const short = desiredReady !== undefined && desiredReady > (currentReady ?? 0);
  if (phase === 'Ready' && !short) return [];
  return [
    {
      code: 'not-ready',
      phase,
      ...(currentReady !== undefined || short ? { currentReady: currentReady ?? 0 } : {}),
      ...(desiredReady !== undefined ? { desiredReady } : {}),
    },
  ];
};

interface RowBase {
  name: string;
  kind: PoolKind;
  path?: string;
  pool?: StoragePool;
  useNamingPrefix?: boolean;
  snapshotProvider?: string;
}

const buildRow = (base: RowBase, inputs: PoolRowInputs): PoolRow => {
  const { cr, storageClasses, snapshotClasses, profiles, pvcs, nodes } = inputs;
  const status = cr.status?.storagePoolStatuses?.find((s) => s.name === base.name);
  const shared = isSharedTemplate(base.pool);
  const findings: PoolFinding[] = [];

  const classes = storageClasses
    ? classesOfPool(base.name, storageClasses, base.kind === 'legacy').map((sc) => toPoolClass(sc, profiles))
    : undefined;
  const ordinary = classes?.filter((c) => !c.overlay).sort(byName);
  const overlay = classes?.filter((c) => c.overlay).sort(byName);
  if (classes && classes.length === 0) findings.push({ code: 'no-storage-class' });

  findings.push(...statusFindings(status));

  const claims = base.kind === 'pvcTemplate' && base.pool ? claimsOf(base.pool, status, pvcs, nodes) : [];
  const pending = (claims ?? [])
    .filter((c) => c.phase !== undefined && c.phase !== 'Bound')
    .map((c) => c.name);
  if (pending.length > 0) findings.push({ code: 'claims-pending', claims: pending });

  const snapshots = snapshotClasses ? snapshotClassesOf(base.name, snapshotClasses) : undefined;
  if (snapshots && snapshots.length > 0) {
    const missing: ('snapshot-provider' | 'feature-gate')[] = [];
    if (!base.snapshotProvider) missing.push('snapshot-provider');
    if (!(cr.spec?.featureGates ?? []).includes(SNAPSHOT_FEATURE_GATE)) missing.push('feature-gate');
    if (missing.length > 0) {
      findings.push({
        code: 'snapshots-unavailable',
        snapshotClasses: snapshots.map((s) => s.name),
        missing,
      });
    }
  }

  return {
    name: base.name,
    kind: base.kind,
    ...(base.path !== undefined ? { path: base.path } : {}),
    ...(base.pool ? { pool: base.pool } : {}),
    ...(base.useNamingPrefix !== undefined ? { useNamingPrefix: base.useNamingPrefix } : {}),
    shared,
    ...(shared ? { overlayClassName: base.pool?.overlayClassName || DEFAULT_OVERLAY_CLASS_NAME } : {}),
    ...(status?.phase ? { phase: status.phase } : {}),
    ...(status?.currentReady !== undefined ? { currentReady: status.currentReady } : {}),
    ...(status?.desiredReady !== undefined ? { desiredReady: status.desiredReady } : {}),
    ...(claims ? { claims } : {}),
    ...(ordinary ? { storageClasses: ordinary } : {}),
    ...(overlay ? { overlayClasses: overlay } : {}),
    ...(snapshots ? { snapshotClasses: snapshots } : {}),
    findings,
  };
};

/** The rows of the pools table, in spec order (the legacy `pathConfig` first). */
export const buildPoolRows = (inputs: PoolRowInputs): PoolRow[] => {
  const spec = inputs.cr.spec ?? {};
  const rows: PoolRow[] = [];
  if (spec.pathConfig) {
    rows.push(
      buildRow(
        {
          name: LEGACY_POOL_NAME,
          kind: 'legacy',
          path: spec.pathConfig.path ?? '',
          useNamingPrefix: spec.pathConfig.useNamingPrefix === true,
        },
        inputs,
      ),
    );
  }
  (spec.storagePools ?? []).forEach((pool) =>
    rows.push(
      buildRow(
        {
          name: pool.name,
          kind: pool.pvcTemplate ? 'pvcTemplate' : 'basic',
          path: pool.path,
          pool,
          snapshotProvider: pool.snapshotProvider,
        },
        inputs,
      ),
    ),
  );
  return rows;
};

/** The pool names the CSI driver serves for this CR. */
export const servedPools = (cr: HostPathProvisioner): string[] =>
  cr.spec?.pathConfig ? [LEGACY_POOL_NAME] : (cr.spec?.storagePools ?? []).map((p) => p.name);

export interface OrphanClass {
  name: string;
  /** The pool a CSI class asks for; undefined for a legacy-provisioner class. */
  pool?: string;
  legacyProvisioner: boolean;
}

/**
 * HPP classes nothing serves: CSI classes naming a pool the CR does not have (their claims fail with "unable
 * to locate path for storage pool"), and legacy-provisioner classes while the CR has no `pathConfig` (the
 * operator then deletes the legacy provisioner, daemonset.go:90-101). Undefined when classes are unreadable.
 */
export const orphanClasses = (
  cr: HostPathProvisioner,
  storageClasses: readonly StorageClass[] | undefined,
): OrphanClass[] | undefined => {
  if (!storageClasses) return undefined;
  const served = new Set(servedPools(cr));
  return storageClasses
    .flatMap((sc): OrphanClass[] => {
      const name = sc.metadata?.name ?? '';
      if (sc.provisioner === HPP_LEGACY_PROVISIONER) {
        return cr.spec?.pathConfig ? [] : [{ name, legacyProvisioner: true }];
      }
      if (sc.provisioner !== HPP_CSI_PROVISIONER) return [];
      const pool = poolOfClass(sc);
      return served.has(pool) ? [] : [{ name, pool, legacyProvisioner: false }];
    })
    .sort(byName);
};
