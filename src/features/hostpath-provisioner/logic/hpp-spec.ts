import { deepEqual, getAtPath, type FieldChange, type FieldPath } from '../../../k8s/json-patch';
import type { AccessMode, StorageClass, VolumeMode } from '../../../k8s/types';
import {
  HPP_API_VERSION,
  HPP_CR_NAME,
  HPP_CSI_PROVISIONER,
  HPP_KIND,
  HPP_LEGACY_PROVISIONER,
  LEGACY_POOL_NAME,
  SNAPSHOT_FEATURE_GATE,
  type HostPathProvisioner,
  type HppSpec,
  type PathConfig,
  type PoolPvcTemplate,
  type StoragePool,
  type Toleration,
} from './hpp-types';
import { poolOfClass } from './pool-names';

/**
 * The pool wizard's form model and the HostPathProvisioner spec it stands for (hostpath-provisioner-operator
 * v0.25.2 types.go:25-170 and the CRD): `workload` lives inside `spec`, `storagePools` is an atomic list
 * (always written whole), `featureGates` a set. Optional fields left empty are omitted, not written as "".
 * Fields the wizard does not show (a template's selector or limits, affinity, tolerations, unknown keys) are
 * carried from what was read, so saving never drops them.
 */

export type PoolFormKind = 'basic' | 'pvcTemplate';

export interface PoolFormValues {
  /** The pool as read from the CR; undefined for a pool added in the wizard. Carries unshown fields. */
  original?: StoragePool;
  name: string;
  path: string;
  kind: PoolFormKind;
  /** pvcTemplate `resources.requests.storage` as typed. */
  size: string;
  /** '' = omit: the pool PVCs get the cluster's default class. */
  storageClassName: string;
  /** '' = omit (Kubernetes' default, Filesystem). */
  volumeMode: '' | VolumeMode | string;
  accessModes: (AccessMode | string)[];
  /** '' = none; only "reflink" exists. */
  snapshotProvider: string;
  /** '' = the operator's default, hpp-overlay (shared pools only). */
  overlayClassName: string;
}

export interface NodeSelectorRow {
  key: string;
  value: string;
}

export interface HppForm {
  /** The legacy `pathConfig` as read; the wizard keeps it until it is migrated to a pool. */
  pathConfig?: PathConfig;
  pools: PoolFormValues[];
  /** `spec.workload.nodeSelector` as editable rows (rows with an empty key and value are ignored). */
  nodeSelector: NodeSelectorRow[];
  /** '' = omit. */
  imagePullPolicy: string;
  /** `Snapshotting` in `spec.featureGates`. */
  snapshotting: boolean;
  /** Other feature gates, kept as read. */
  otherFeatureGates: string[];
  /** Kept as read; the wizard does not edit them. */
  affinity?: Record<string, unknown>;
  tolerations?: Toleration[];
}

/** The product documentation's example values for a new CR. */
export const DEFAULT_IMAGE_PULL_POLICY = 'IfNotPresent';
export const DEFAULT_NODE_SELECTOR: NodeSelectorRow = { key: 'kubernetes.io/os', value: 'linux' };

export const newPoolForm = (kind: PoolFormKind = 'basic'): PoolFormValues => ({
  name: '',
  path: '',
  kind,
  size: '',
  storageClassName: '',
  volumeMode: '',
  accessModes: ['ReadWriteOnce'],
  snapshotProvider: '',
  overlayClassName: '',
});

export const poolFormFromPool = (pool: StoragePool): PoolFormValues => {
  const t = pool.pvcTemplate;
  const size = t?.resources?.requests?.storage;
  return {
    original: pool,
    name: pool.name ?? '',
    path: pool.path ?? '',
    kind: t ? 'pvcTemplate' : 'basic',
    // int-or-string in the CRD: a bare number is a quantity too.
    size: size === undefined || size === null ? '' : String(size),
    storageClassName: t?.storageClassName ?? '',
    volumeMode: t?.volumeMode ?? '',
    accessModes: t ? [...(t.accessModes ?? [])] : ['ReadWriteOnce'],
    snapshotProvider: pool.snapshotProvider ?? '',
    overlayClassName: pool.overlayClassName ?? '',
  };
};

/** The form for a CR, or for a new one (documentation defaults, one empty basic pool) when `cr` is undefined. */
export const formFromCr = (cr: HostPathProvisioner | undefined): HppForm => {
  if (!cr) {
    return {
      pools: [newPoolForm('basic')],
      nodeSelector: [{ ...DEFAULT_NODE_SELECTOR }],
      imagePullPolicy: DEFAULT_IMAGE_PULL_POLICY,
      snapshotting: false,
      otherFeatureGates: [],
    };
  }
  const spec = cr.spec ?? {};
  const gates = spec.featureGates ?? [];
  const workload = spec.workload ?? {};
  return {
    ...(spec.pathConfig ? { pathConfig: { ...spec.pathConfig } } : {}),
    pools: (spec.storagePools ?? []).map(poolFormFromPool),
    nodeSelector: Object.entries(workload.nodeSelector ?? {}).map(([key, value]) => ({ key, value })),
    imagePullPolicy: spec.imagePullPolicy ?? '',
    snapshotting: gates.includes(SNAPSHOT_FEATURE_GATE),
    otherFeatureGates: gates.filter((g) => g !== SNAPSHOT_FEATURE_GATE),
    ...(workload.affinity ? { affinity: workload.affinity } : {}),
    ...(workload.tolerations ? { tolerations: workload.tolerations } : {}),
  };
};

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** Sets `key`, or deletes it when the value is empty: optional fields are omitted, never written as "". */
const put = (obj: Record<string, unknown>, key: string, value: unknown): void => {
  if (isEmpty(value)) delete obj[key];
  else obj[key] = value;
};

/** The pool's PVC template; keys the wizard does not show (selector, limits, dataSource…) are kept. */
const buildTemplate = (p: PoolFormValues): PoolPvcTemplate => {
  const template: Record<string, unknown> = { ...(p.original?.pvcTemplate ?? {}) };
  const resources: Record<string, unknown> = { ...(p.original?.pvcTemplate?.resources ?? {}) };
  const requests: Record<string, unknown> = { ...(p.original?.pvcTemplate?.resources?.requests ?? {}) };
  put(requests, 'storage', p.size.trim());
  put(resources, 'requests', requests);
  put(template, 'accessModes', [...p.accessModes]);
  put(template, 'resources', resources);
  put(template, 'storageClassName', p.storageClassName.trim());
  put(template, 'volumeMode', p.volumeMode);
  return template as PoolPvcTemplate;
};

/** One `spec.storagePools` entry; unshown keys of the original pool keep their place and value. */
export const buildPool = (p: PoolFormValues): StoragePool => {
  const pool: Record<string, unknown> = { ...(p.original ?? {}), name: p.name.trim(), path: p.path.trim() };
  // A template pool keeps its template even while it is empty: dropping it would silently make it basic.
  if (p.kind === 'pvcTemplate') pool.pvcTemplate = buildTemplate(p);
  else delete pool.pvcTemplate;
  put(pool, 'snapshotProvider', p.snapshotProvider.trim());
  put(pool, 'overlayClassName', p.overlayClassName.trim());
  return pool as StoragePool;
};

export const nodeSelectorOf = (rows: readonly NodeSelectorRow[]): Record<string, string> =>
  Object.fromEntries(
    rows
      .filter((r) => r.key.trim() !== '' || r.value.trim() !== '')
      .map((r) => [r.key.trim(), r.value.trim()]),
  );

const featureGatesOf = (form: HppForm): string[] => [
  ...new Set([...form.otherFeatureGates, ...(form.snapshotting ? [SNAPSHOT_FEATURE_GATE] : [])]),
];

/** The spec the form stands for, as the CRD and the webhook accept it (empty optional fields omitted). */
export const specFromForm = (form: HppForm): HppSpec => {
  const spec: Record<string, unknown> = {};
  put(spec, 'imagePullPolicy', form.imagePullPolicy.trim());
  // Kept as read even when incomplete: the webhook, not this function, decides about an empty path.
  if (form.pathConfig) spec.pathConfig = { ...form.pathConfig };
  put(spec, 'storagePools', form.pools.map(buildPool));
  const workload: Record<string, unknown> = {};
  put(workload, 'nodeSelector', nodeSelectorOf(form.nodeSelector));
  put(workload, 'affinity', form.affinity);
  put(workload, 'tolerations', form.tolerations);
  put(spec, 'workload', workload);
  put(spec, 'featureGates', featureGatesOf(form));
  return spec as HppSpec;
};

/** A new CR for the form (cluster-scoped; the name the product documentation uses). */
export const newHostPathProvisioner = (form: HppForm, name: string = HPP_CR_NAME): HostPathProvisioner => ({
  apiVersion: HPP_API_VERSION,
  kind: HPP_KIND,
  metadata: { name },
  spec: specFromForm(form),
});

// ---------------------------------------------------------------------------------------------------------
// Edits of an existing CR

/** An edit that no longer applies to the latest CR; pages word it from `reason` (no English here). */
export class PoolEditError extends Error {
  constructor(
    readonly reason: 'exists' | 'gone' | 'changed-meanwhile',
    readonly poolName: string,
  ) {
    super(`${reason}: ${poolName}`);
  }
}

const SPEC = 'spec';
export const HPP_SPEC_PATHS = {
  imagePullPolicy: [SPEC, 'imagePullPolicy'],
  pathConfig: [SPEC, 'pathConfig'],
  storagePools: [SPEC, 'storagePools'],
  nodeSelector: [SPEC, 'workload', 'nodeSelector'],
  affinity: [SPEC, 'workload', 'affinity'],
  tolerations: [SPEC, 'workload', 'tolerations'],
  featureGates: [SPEC, 'featureGates'],
} as const satisfies Record<string, FieldPath>;

const at = (cr: HostPathProvisioner, path: FieldPath): unknown => getAtPath(cr, path).value;
const same = (a: unknown, b: unknown) => (isEmpty(a) && isEmpty(b)) || deepEqual(a, b);

/** The pools of `form` that differ from what they were read as (by the form's own normalisation). */
const poolEdits = (base: readonly StoragePool[], form: HppForm) => {
  const byName = new Map(base.map((p) => [p.name, p]));
  const entries = form.pools.map((p) => {
    const from = p.original?.name;
    const before = from !== undefined ? byName.get(from) : undefined;
    const pool = buildPool(p);
    const touched = !before || !deepEqual(buildPool(poolFormFromPool(before)), pool);
    return { from: before ? from : undefined, before, pool, touched };
  });
  const kept = new Set(entries.map((e) => e.from).filter((n): n is string => n !== undefined));
  const removed = base.filter((p) => !kept.has(p.name));
  return { entries, removed };
};

/** The list the user wants, re-applied onto `latest` when someone else changed the list meanwhile. */
const desiredPools = (base: readonly StoragePool[], latest: readonly StoragePool[], form: HppForm) => {
  const { entries, removed } = poolEdits(base, form);
  if (deepEqual(base, latest)) {
    // Untouched pools stay byte-for-byte as read.
    return entries.map((e) => (e.touched ? e.pool : (e.before as StoragePool)));
  }
  const result = [...latest];
  const indexOf = (name: string) => result.findIndex((p) => p.name === name);
  removed.forEach((old) => {
    const i = indexOf(old.name);
    if (i < 0) return;
    if (!deepEqual(result[i], old)) throw new PoolEditError('changed-meanwhile', old.name);
    result.splice(i, 1);
  });
  entries
    .filter((e) => e.touched)
    .forEach(({ from, before, pool }) => {
      if (from !== undefined && before) {
        const i = indexOf(from);
        if (i < 0) throw new PoolEditError('gone', from);
        if (!deepEqual(result[i], before) && !deepEqual(result[i], pool))
          throw new PoolEditError('changed-meanwhile', from);
        const clash = indexOf(pool.name);
        if (clash >= 0 && clash !== i) throw new PoolEditError('exists', pool.name);
        result[i] = pool;
        return;
      }
      const i = indexOf(pool.name);
      if (i >= 0) {
        if (deepEqual(result[i], pool)) return;
        throw new PoolEditError('exists', pool.name);
      }
      result.push(pool);
    });
  return result;
};

const nodeSelectorChanges = (
  started: Record<string, string>,
  wanted: Record<string, string>,
  latest: HostPathProvisioner,
): FieldChange[] => {
  const current = getAtPath(latest, HPP_SPEC_PATHS.nodeSelector);
  const now = (current.value ?? {}) as Record<string, string>;
  const next: Record<string, string> = { ...now };
  new Set([...Object.keys(started), ...Object.keys(wanted)]).forEach((k) => {
    if (started[k] === wanted[k]) return;
    if (wanted[k] === undefined) delete next[k];
    else next[k] = wanted[k];
  });
  if (deepEqual(next, now)) return [];
  if (Object.keys(next).length === 0) return [{ path: HPP_SPEC_PATHS.nodeSelector, value: undefined }];
  if (!current.found || typeof current.value !== 'object' || current.value === null)
    return [{ path: HPP_SPEC_PATHS.nodeSelector, value: next }];
  // Key by key: someone else's key survives, and the guard tests only the keys this edit touches.
  return [...new Set([...Object.keys(now), ...Object.keys(next)])]
    .filter((k) => now[k] !== next[k])
    .map((k) => ({ path: [...HPP_SPEC_PATHS.nodeSelector, k], value: next[k] }));
};

const featureGateChanges = (
  started: string[],
  wanted: string[],
  latest: HostPathProvisioner,
): FieldChange[] => {
  const now = (at(latest, HPP_SPEC_PATHS.featureGates) as string[] | undefined) ?? [];
  const removed = started.filter((g) => !wanted.includes(g));
  const added = wanted.filter((g) => !started.includes(g));
  const next = [...now.filter((g) => !removed.includes(g)), ...added.filter((g) => !now.includes(g))];
  if (deepEqual(next, now)) return [];
  return [{ path: HPP_SPEC_PATHS.featureGates, value: next.length > 0 ? next : undefined }];
};

/**
 * The minimal changes that turn `latest` into what the user wants, where "what the user wants" is the
 * difference between `base` (the CR the form was read from) and `form`. With `latest` = `base` (the first
 * try) that is a plain diff; after a conflict the intent runs again on the re-read CR, so only the user's
 * own edits are re-applied: other nodeSelector keys, feature gates and pools someone else changed survive.
 * `storagePools` is one change of the whole list (atomic), guarded by `buildGuardedPatch` on the old list.
 * Throws `PoolEditError` when a pool the user edited or removed was changed, removed or taken meanwhile.
 */
export const crEdits = (
  base: HostPathProvisioner,
  form: HppForm,
  latest: HostPathProvisioner = base,
): FieldChange[] => {
  const started = specFromForm(formFromCr(base));
  const wanted = specFromForm(form);
  const changes: FieldChange[] = [];
  const scalar = (path: FieldPath, from: unknown, to: unknown) => {
    if (same(from, to) || same(at(latest, path), to)) return;
    changes.push({ path, value: isEmpty(to) ? undefined : to });
  };
  scalar(HPP_SPEC_PATHS.imagePullPolicy, started.imagePullPolicy, wanted.imagePullPolicy);
  scalar(HPP_SPEC_PATHS.pathConfig, started.pathConfig, wanted.pathConfig);

  const basePools = base.spec?.storagePools ?? [];
  const latestPools = latest.spec?.storagePools ?? [];
  const { entries, removed } = poolEdits(basePools, form);
  const keptOrder = entries.map((e) => e.from).filter((n): n is string => n !== undefined);
  const reordered = !deepEqual(
    keptOrder,
    basePools.map((p) => p.name).filter((n) => keptOrder.includes(n)),
  );
  if (entries.some((e) => e.touched) || removed.length > 0 || reordered) {
    const pools = desiredPools(basePools, latestPools, form);
    if (!deepEqual(pools, latestPools) && !(pools.length === 0 && latestPools.length === 0)) {
      changes.push({ path: HPP_SPEC_PATHS.storagePools, value: pools.length > 0 ? pools : undefined });
    }
  }

  changes.push(
    ...nodeSelectorChanges(started.workload?.nodeSelector ?? {}, wanted.workload?.nodeSelector ?? {}, latest),
  );
  scalar(HPP_SPEC_PATHS.affinity, started.workload?.affinity, wanted.workload?.affinity);
  scalar(HPP_SPEC_PATHS.tolerations, started.workload?.tolerations, wanted.workload?.tolerations);
  changes.push(...featureGateChanges(started.featureGates ?? [], wanted.featureGates ?? [], latest));
  return changes;
};

/** Pools of `base` the form no longer has (for the dependents warning before a save). */
export const removedPools = (base: HostPathProvisioner, form: HppForm): string[] =>
  poolEdits(base.spec?.storagePools ?? [], form).removed.map((p) => p.name);

/** Pools the form renames: classes naming the old name stop working. */
export const renamedPools = (base: HostPathProvisioner, form: HppForm): { from: string; to: string }[] =>
  poolEdits(base.spec?.storagePools ?? [], form)
    .entries.filter((e) => e.from !== undefined && e.from !== e.pool.name)
    .map((e) => ({ from: e.from as string, to: e.pool.name }));

// ---------------------------------------------------------------------------------------------------------
// Legacy pathConfig → one pool

export type MigrationFinding =
  /**
   * The pool is not named "legacy": CSI classes without `storagePool` (listed; undefined when unreadable) and
   * every volume they provisioned keep asking the driver for pool "legacy" (the PV's volume attributes are the
   * class parameters at provisioning time; pkg/hostpath/nodeserver.go:139, utils.go:150-155), so they fail.
   */
  | { code: 'legacy-pool-name-changed'; expected: typeof LEGACY_POOL_NAME; classes?: string[] }
  /**
   * Without `pathConfig` the operator deletes the legacy (non-CSI) provisioner (daemonset.go:90-101): claims of
   * these classes stay Pending and their released volumes are no longer deleted. Undefined when unreadable.
   */
  | { code: 'legacy-provisioner-removed'; classes?: string[] }
  /** `useNamingPrefix` only ever applied to the legacy provisioner; pools have no such option. */
  | { code: 'naming-prefix-dropped' };

export type MigrationResult =
  { ok: true; form: HppForm; findings: MigrationFinding[] } | { ok: false; code: 'no-path-config' };

/**
 * Replaces `pathConfig` with one basic pool on the same path. The CSI driver keeps its volumes under
 * `<path>/csi` either way (daemonset.go:427-445), so a pool named "legacy" on the same path serves the
 * existing legacy-CSI classes and volumes unchanged; any other name is reported.
 */
export const migrateLegacyPathConfig = (
  cr: HostPathProvisioner,
  poolName: string = LEGACY_POOL_NAME,
  storageClasses?: readonly StorageClass[],
): MigrationResult => {
  const pathConfig = cr.spec?.pathConfig;
  if (!pathConfig) return { ok: false, code: 'no-path-config' };
  const form = formFromCr(cr);
  const { pathConfig: _dropped, ...rest } = form;
  const pool: PoolFormValues = { ...newPoolForm('basic'), name: poolName, path: pathConfig.path ?? '' };
  const findings: MigrationFinding[] = [];
  const names = (list: StorageClass[]) => list.map((sc) => sc.metadata?.name ?? '').sort();
  if (poolName !== LEGACY_POOL_NAME) {
    const csi = storageClasses?.filter(
      (sc) => sc.provisioner === HPP_CSI_PROVISIONER && poolOfClass(sc) === LEGACY_POOL_NAME,
    );
    findings.push({
      code: 'legacy-pool-name-changed',
      expected: LEGACY_POOL_NAME,
      ...(csi ? { classes: names(csi) } : {}),
    });
  }
  const legacy = storageClasses?.filter((sc) => sc.provisioner === HPP_LEGACY_PROVISIONER);
  if (!legacy || legacy.length > 0) {
    findings.push({ code: 'legacy-provisioner-removed', ...(legacy ? { classes: names(legacy) } : {}) });
  }
  if (pathConfig.useNamingPrefix) findings.push({ code: 'naming-prefix-dropped' });
  return { ok: true, form: { ...rest, pools: [...rest.pools, pool] }, findings };
};
