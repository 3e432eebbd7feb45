import { ACCESS_MODES } from '../../../k8s/access-modes';
import { defaultClasses } from '../../../k8s/default-storage-class';
import { validateStorageSize, type StorageSizeError } from '../../../k8s/quantity';
import type { StorageClass } from '../../../k8s/types';
import { deepEqual } from '../../../k8s/json-patch';
import {
  buildPool,
  nodeSelectorOf,
  poolFormFromPool,
  type HppForm,
  type NodeSelectorRow,
  type PoolFormValues,
} from './hpp-spec';
import {
  DEFAULT_OVERLAY_CLASS_NAME,
  HPP_CSI_PROVISIONER,
  HPP_LEGACY_PROVISIONER,
  MAX_POOL_NAME_LENGTH,
  MAX_POOL_PATH_LENGTH,
  SNAPSHOT_PROVIDERS,
  type HostPathProvisioner,
  type NodeLike,
} from './hpp-types';
import { isOverlayClass } from './pool-rows';
import { poolOfClass } from './pool-names';
import { isDns1123Subdomain, isLabelValue, isQualifiedName } from '../../../k8s/names';

/**
 * Checks of the pool wizard, keyed by form field (`pools[1].path`, `workload.nodeSelector[0].key`).
 *
 * Errors are what the cluster would refuse or break on:
 * - the HPP webhook (hostpath-provisioner-operator v0.25.2, 19e72bf8,
 *   pkg/apis/hostpathprovisioner/v1beta1/hostpathprovisioner_webhook.go:59-101): "pathConfig and storage pools
 *   cannot be both set" (:61), "either pathConfig or storage pools must be set" (:63), "pathconfig path must
 *   be set" (:66), duplicate paths/names (:74-83), "storagePool.name cannot be blank" / "…length greater than
 *   50" (:89-94), "storagePool.path cannot be blank" / "…greater than 255" (:95-100);
 * - names the operator derives from a pool name: every pool becomes the CSI DaemonSet volume
 *   `<pool>-data-dir` (daemonset.go:420-425, 447-462), and a pod volume name must be a DNS-1123 label
 *   (Kubernetes `ValidateVolumes`); a template pool also becomes the PVC and Deployment
 *   `hpp-pool-<pool>-<node>` (DNS-1123 subdomain) and the label value `<pool>-hpp` (storagepool.go:418-469);
 *   all three hold exactly when the name is lowercase alphanumerics and '-' and starts with an alphanumeric;
 * - what Kubernetes rejects in the objects the operator creates from the spec: node selector keys must be
 *   qualified names and values label values (apimachinery v0.34.0 pkg/util/validation/validation.go:29-70
 *   `IsQualifiedName`, :154-174 `IsValidLabelValue`, :205-228 `IsDNS1123Subdomain`), hostPath paths may not
 *   contain ".." (`validatePathNoBacksteps`), a PVC needs at least one access mode and ReadWriteOncePod alone
 *   (`ValidatePersistentVolumeClaimSpec`), pull policies are Always|IfNotPresent|Never (corev1.PullPolicy).
 * - a path must be absolute: the webhook does not check it, but the DaemonSet mounts it as a hostPath.
 * Warnings are what the cluster accepts but the admin most likely does not want; notes only explain.
 */

export type Severity = 'error' | 'warning' | 'note';

export type ValidationFinding = { field: string } & (
  | { code: 'path-config-and-pools' }
  | { code: 'no-path-config-or-pools' }
  | { code: 'path-config-path-required' }
  | { code: 'image-pull-policy-invalid'; value: string; allowed: readonly string[] }
  | { code: 'name-required' }
  | { code: 'name-too-long'; max: number }
  | { code: 'name-duplicate'; of: number }
  /** The name cannot become the names the operator derives from it (see `resources`). */
  | { code: 'name-not-dns1123'; resources: ('daemonset-volume' | 'pool-pvc')[] }
  | { code: 'path-required' }
  | { code: 'path-too-long'; max: number }
  | { code: 'path-duplicate'; of: number }
  | { code: 'path-not-absolute' }
  | { code: 'path-has-backsteps' }
  | { code: 'size-required' }
  | { code: 'size-invalid'; error: StorageSizeError }
  | { code: 'access-modes-required' }
  | { code: 'access-mode-invalid'; value: string }
  | { code: 'access-mode-rwop-combined' }
  | { code: 'volume-mode-invalid'; value: string }
  | { code: 'snapshot-provider-invalid'; value: string; allowed: readonly string[] }
  | { code: 'overlay-class-name-invalid' }
  | { code: 'selector-key-required' }
  | { code: 'selector-key-invalid' }
  | { code: 'selector-key-duplicate'; of: number }
  | { code: 'selector-value-invalid' }
  // warnings
  /** A basic pool's directory is on the node's own disk; the docs say not to share the OS partition. */
  | { code: 'os-partition' }
  /** Directly under "/", which is read-only on RHCOS (docs: use /var/<directory>, not /<directory>). */
  | { code: 'path-in-root-directory' }
  /** Another pool names the same directory spelled differently (the webhook compares strings). */
  | { code: 'path-same-directory'; of: number }
  /** An existing pool moves: its volumes stay under the old path, where the driver no longer looks. */
  | { code: 'path-changed'; from: string }
  /** An existing pool switches between basic and PVC template: its existing volumes are left behind. */
  | { code: 'kind-changed'; from: 'basic' | 'pvcTemplate' }
  /** The operator creates pool PVCs once and never updates them: only new nodes get the new template. */
  | { code: 'template-change-not-applied' }
  /** Classes naming the old pool name (undefined when unreadable) stop provisioning. */
  | { code: 'pool-renamed'; from: string; classes?: string[] }
  | { code: 'template-class-is-hpp'; name: string }
  | { code: 'template-class-default-is-hpp'; name: string }
  | { code: 'template-class-missing'; name: string }
  /** No class named and no default class: the pool PVCs stay Pending. */
  | { code: 'template-class-no-default' }
  /** A shared Block pool is formatted XFS and mounted on every node at once; XFS is not a cluster filesystem. */
  | { code: 'shared-block' }
  | { code: 'snapshotting-gate-off' }
  | { code: 'overlay-class-unused' }
  | { code: 'overlay-class-shared'; name: string; of: number }
  | { code: 'overlay-class-taken'; name: string }
  | { code: 'selector-matches-no-nodes' }
  // notes
  /** The mounter formats an empty Block device as XFS (an existing filesystem is mounted as it is). */
  | { code: 'block-needs-xfs' }
  /** ReadWriteMany: one PVC for all nodes and a backend class `overlayClassName`. */
  | { code: 'shared-pool'; overlayClassName: string }
);

export type FindingCode = ValidationFinding['code'];

export interface ValidationResult {
  errors: ValidationFinding[];
  warnings: ValidationFinding[];
  notes: ValidationFinding[];
}

export interface ValidationContext {
  /** Undefined when unreadable: class checks are skipped, never guessed. */
  storageClasses?: readonly StorageClass[];
  /** Undefined when unreadable. */
  nodes?: readonly NodeLike[];
  /** The CR being edited (undefined when creating), to warn about changes to existing pools. */
  base?: HostPathProvisioner;
}

const NOTES: ReadonlySet<FindingCode> = new Set(['block-needs-xfs', 'shared-pool']);
const WARNINGS: ReadonlySet<FindingCode> = new Set([
  'os-partition',
  'path-in-root-directory',
  'path-same-directory',
  'path-changed',
  'kind-changed',
  'template-change-not-applied',
  'pool-renamed',
  'template-class-is-hpp',
  'template-class-default-is-hpp',
  'template-class-missing',
  'template-class-no-default',
  'shared-block',
  'snapshotting-gate-off',
  'overlay-class-unused',
  'overlay-class-shared',
  'overlay-class-taken',
  'selector-matches-no-nodes',
]);

export const severityOf = (code: FindingCode): Severity =>
  NOTES.has(code) ? 'note' : WARNINGS.has(code) ? 'warning' : 'error';

/** `<pool>-data-dir` a DNS-1123 label, `hpp-pool-<pool>-<node>` a subdomain, `<pool>-hpp` a label value. */
const POOL_NAME = /^[a-z0-9][-a-z0-9]*$/;

export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;

const segments = (path: string) => path.split('/').filter((s) => s !== '' && s !== '.');
/** One spelling per directory: "/var//hpp/./" and "/var/hpp" are the same place on the node. */
const normalizePath = (path: string) => `/${segments(path).join('/')}`;

const isHppClass = (sc: StorageClass) =>
  sc.provisioner === HPP_CSI_PROVISIONER || sc.provisioner === HPP_LEGACY_PROVISIONER;

/** How many nodes carry every label of the selector; undefined when the nodes could not be read. */
export const countMatchingNodes = (
  nodeSelector: Readonly<Record<string, string>> | readonly NodeSelectorRow[],
  nodes: readonly NodeLike[] | undefined,
): number | undefined => {
  if (!nodes) return undefined;
  const selector = Array.isArray(nodeSelector)
    ? nodeSelectorOf(nodeSelector as readonly NodeSelectorRow[])
    : (nodeSelector as Record<string, string>);
  const entries = Object.entries(selector);
  return nodes.filter((n) => entries.every(([k, v]) => n.metadata?.labels?.[k] === v)).length;
};

type Emit = (f: ValidationFinding) => void;

const checkLegacy = (form: HppForm, emit: Emit) => {
  const pools = form.pools.length > 0;
  if (form.pathConfig && pools) emit({ field: 'pools', code: 'path-config-and-pools' });
  if (!form.pathConfig && !pools) emit({ field: 'pools', code: 'no-path-config-or-pools' });
  if (form.pathConfig) {
    const path = (form.pathConfig.path ?? '').trim();
    if (path === '') emit({ field: 'pathConfig.path', code: 'path-config-path-required' });
    else if (!path.startsWith('/')) emit({ field: 'pathConfig.path', code: 'path-not-absolute' });
  }
};

const checkName = (p: PoolFormValues, i: number, form: HppForm, emit: Emit) => {
  const field = `pools[${i}].name`;
  const name = p.name.trim();
  if (name === '') return emit({ field, code: 'name-required' });
  if (name.length > MAX_POOL_NAME_LENGTH) emit({ field, code: 'name-too-long', max: MAX_POOL_NAME_LENGTH });
  const first = form.pools.findIndex((q) => q.name.trim() === name);
  if (first < i) emit({ field, code: 'name-duplicate', of: first });
  if (!POOL_NAME.test(name)) {
    emit({
      field,
      code: 'name-not-dns1123',
      resources: p.kind === 'pvcTemplate' ? ['daemonset-volume', 'pool-pvc'] : ['daemonset-volume'],
    });
  }
};

const checkPath = (p: PoolFormValues, i: number, form: HppForm, emit: Emit) => {
  const field = `pools[${i}].path`;
  const path = p.path.trim();
  if (path === '') return emit({ field, code: 'path-required' });
  if (path.length > MAX_POOL_PATH_LENGTH) emit({ field, code: 'path-too-long', max: MAX_POOL_PATH_LENGTH });
  const first = form.pools.findIndex((q) => q.path.trim() === path);
  if (first < i) emit({ field, code: 'path-duplicate', of: first });
  if (!path.startsWith('/')) emit({ field, code: 'path-not-absolute' });
  if (path.split('/').includes('..')) emit({ field, code: 'path-has-backsteps' });
  if (first === i) {
    const same = form.pools.findIndex(
      (q, j) => j < i && q.path.trim() !== '' && normalizePath(q.path.trim()) === normalizePath(path),
    );
    if (same >= 0) emit({ field, code: 'path-same-directory', of: same });
  }
  if (path.startsWith('/') && segments(path).length === 1) emit({ field, code: 'path-in-root-directory' });
  if (p.kind === 'basic') emit({ field, code: 'os-partition' });
};

const checkTemplateClass = (p: PoolFormValues, i: number, ctx: ValidationContext, emit: Emit) => {
  const classes = ctx.storageClasses;
  if (!classes) return;
  const field = `pools[${i}].storageClassName`;
  const name = p.storageClassName.trim();
  if (name === '') {
    // A PVC without a class gets the Kubernetes default (admission plugin DefaultStorageClass), not the virt one.
    const [def] = defaultClasses(classes, 'k8s');
    if (!def) emit({ field, code: 'template-class-no-default' });
    else if (isHppClass(def))
      emit({ field, code: 'template-class-default-is-hpp', name: def.metadata?.name ?? '' });
    return;
  }
  const sc = classes.find((c) => c.metadata?.name === name);
  if (!sc) emit({ field, code: 'template-class-missing', name });
  else if (isHppClass(sc)) emit({ field, code: 'template-class-is-hpp', name });
};

const checkTemplate = (p: PoolFormValues, i: number, form: HppForm, ctx: ValidationContext, emit: Emit) => {
  const at = (f: string) => `pools[${i}].${f}`;
  const size = p.size.trim();
  if (size === '') emit({ field: at('size'), code: 'size-required' });
  else {
    const error = validateStorageSize(size);
    if (error) emit({ field: at('size'), code: 'size-invalid', error });
  }
  if (p.accessModes.length === 0) emit({ field: at('accessModes'), code: 'access-modes-required' });
  p.accessModes
    .filter((m) => !(ACCESS_MODES as readonly string[]).includes(m))
    .forEach((value) => emit({ field: at('accessModes'), code: 'access-mode-invalid', value }));
  if (p.accessModes.includes('ReadWriteOncePod') && p.accessModes.length > 1)
    emit({ field: at('accessModes'), code: 'access-mode-rwop-combined' });
  const shared = p.accessModes.includes('ReadWriteMany');
  if (p.volumeMode !== '' && p.volumeMode !== 'Filesystem' && p.volumeMode !== 'Block')
    emit({ field: at('volumeMode'), code: 'volume-mode-invalid', value: p.volumeMode });
  if (p.volumeMode === 'Block') {
    emit({ field: at('volumeMode'), code: 'block-needs-xfs' });
    if (shared) emit({ field: at('volumeMode'), code: 'shared-block' });
  }
  if (shared) {
    const overlayClassName = p.overlayClassName.trim() || DEFAULT_OVERLAY_CLASS_NAME;
    emit({ field: at('accessModes'), code: 'shared-pool', overlayClassName });
    checkOverlay(overlayClassName, i, form, ctx, emit);
  }
  checkTemplateClass(p, i, ctx, emit);
};

const overlayNameOf = (p: PoolFormValues) => p.overlayClassName.trim() || DEFAULT_OVERLAY_CLASS_NAME;
const isSharedForm = (p: PoolFormValues) =>
  p.kind === 'pvcTemplate' && p.accessModes.includes('ReadWriteMany');

/**
 * The operator creates the backend class only when no class of that name exists and never updates it
 * (storagepool.go:185-207): a name another pool or class already has leaves this pool without one.
 */
const checkOverlay = (name: string, i: number, form: HppForm, ctx: ValidationContext, emit: Emit) => {
  const field = `pools[${i}].overlayClassName`;
  const other = form.pools.findIndex((q, j) => j < i && isSharedForm(q) && overlayNameOf(q) === name);
  if (other >= 0) emit({ field, code: 'overlay-class-shared', name, of: other });
  const existing = ctx.storageClasses?.find((sc) => sc.metadata?.name === name);
  const pool = form.pools[i].name.trim();
  if (
    existing &&
    !(
      existing.provisioner === HPP_CSI_PROVISIONER &&
      isOverlayClass(existing) &&
      poolOfClass(existing) === pool
    )
  ) {
    emit({ field, code: 'overlay-class-taken', name });
  }
};

const checkChanges = (p: PoolFormValues, i: number, ctx: ValidationContext, emit: Emit) => {
  const original = p.original;
  const before = original && ctx.base?.spec?.storagePools?.find((q) => q.name === original.name);
  if (!before) return;
  const field = `pools[${i}]`;
  const kindBefore = before.pvcTemplate ? 'pvcTemplate' : 'basic';
  if (before.name !== p.name.trim()) {
    const classes = ctx.storageClasses
      ?.filter((sc) => sc.provisioner === HPP_CSI_PROVISIONER && poolOfClass(sc) === before.name)
      .map((sc) => sc.metadata?.name ?? '')
      .sort();
    emit({
      field: `${field}.name`,
      code: 'pool-renamed',
      from: before.name,
      ...(classes ? { classes } : {}),
    });
  }
  if (before.path !== p.path.trim())
    emit({ field: `${field}.path`, code: 'path-changed', from: before.path });
  if (kindBefore !== p.kind) emit({ field, code: 'kind-changed', from: kindBefore });
  else if (p.kind === 'pvcTemplate') {
    const was = buildPool(poolFormFromPool(before)).pvcTemplate;
    if (!deepEqual(buildPool(p).pvcTemplate, was)) emit({ field, code: 'template-change-not-applied' });
  }
};

const checkPool = (p: PoolFormValues, i: number, form: HppForm, ctx: ValidationContext, emit: Emit) => {
  checkName(p, i, form, emit);
  checkPath(p, i, form, emit);
  if (p.kind === 'pvcTemplate') checkTemplate(p, i, form, ctx, emit);
  // Only a shared pool gets a backend class (storagepool.go:80-97).
  if (p.overlayClassName.trim() !== '' && !isSharedForm(p))
    emit({ field: `pools[${i}].overlayClassName`, code: 'overlay-class-unused' });
  if (p.overlayClassName.trim() !== '' && !isDns1123Subdomain(p.overlayClassName.trim()))
    emit({ field: `pools[${i}].overlayClassName`, code: 'overlay-class-name-invalid' });
  const provider = p.snapshotProvider.trim();
  if (provider !== '') {
    if (!(SNAPSHOT_PROVIDERS as readonly string[]).includes(provider)) {
      emit({
        field: `pools[${i}].snapshotProvider`,
        code: 'snapshot-provider-invalid',
        value: provider,
        allowed: SNAPSHOT_PROVIDERS,
      });
    } else if (!form.snapshotting) {
      emit({ field: `pools[${i}].snapshotProvider`, code: 'snapshotting-gate-off' });
    }
  }
  checkChanges(p, i, ctx, emit);
};

const checkWorkload = (form: HppForm, ctx: ValidationContext, emit: Emit) => {
  form.nodeSelector.forEach((row, j) => {
    const key = row.key.trim();
    const value = row.value.trim();
    if (key === '' && value === '') return;
    const field = `workload.nodeSelector[${j}]`;
    if (key === '') emit({ field: `${field}.key`, code: 'selector-key-required' });
    else if (!isQualifiedName(key)) emit({ field: `${field}.key`, code: 'selector-key-invalid' });
    else {
      const first = form.nodeSelector.findIndex((r) => r.key.trim() === key);
      if (first < j) emit({ field: `${field}.key`, code: 'selector-key-duplicate', of: first });
    }
    if (!isLabelValue(value)) emit({ field: `${field}.value`, code: 'selector-value-invalid' });
  });
  if (countMatchingNodes(form.nodeSelector, ctx.nodes) === 0)
    emit({ field: 'workload.nodeSelector', code: 'selector-matches-no-nodes' });
};

/** Every check of the form; each list in form order. */
export const validateHppForm = (form: HppForm, ctx: ValidationContext = {}): ValidationResult => {
  const result: ValidationResult = { errors: [], warnings: [], notes: [] };
  const emit: Emit = (f) => {
    const severity = severityOf(f.code);
    (severity === 'error' ? result.errors : severity === 'warning' ? result.warnings : result.notes).push(f);
  };
  checkLegacy(form, emit);
  const policy = form.imagePullPolicy.trim();
  if (policy !== '' && !(PULL_POLICIES as readonly string[]).includes(policy))
    emit({
      field: 'imagePullPolicy',
      code: 'image-pull-policy-invalid',
      value: policy,
      allowed: PULL_POLICIES,
    });
  form.pools.forEach((p, i) => checkPool(p, i, form, ctx, emit));
  checkWorkload(form, ctx, emit);
  return result;
};

/** The findings of one field (e.g. `pools[1].path`), for the helper text under it. */
export const findingsFor = (result: ValidationResult, field: string): ValidationFinding[] =>
  [...result.errors, ...result.warnings, ...result.notes].filter((f) => f.field === field);

/** True when a field under `prefix` (e.g. `pools[1]`) has an error: the wizard's Next stays disabled. */
export const hasErrorUnder = (result: ValidationResult, prefix: string): boolean =>
  result.errors.some(
    (f) => f.field === prefix || f.field.startsWith(`${prefix}.`) || f.field.startsWith(`${prefix}[`),
  );
