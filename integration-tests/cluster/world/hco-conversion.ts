import type { KindConverter } from '../sim-api';
import type { K8sObject } from '../sim-api';
import { clone, isPlainObject } from '../util';

/**
 * HCO's conversion between hco.kubevirt.io/v1beta1 (the storage version in v1.18.1) and hco.kubevirt.io/v1, as
 * its conversion webhook does it: HCO v1.18.1 api/v1beta1/conversion.go (ConvertTo :20-48, ConvertFrom :50-78)
 * and api/v1beta1/zz_generated.featuregates_conversion.go. metadata and status are the same in both versions
 * (zz_generated.conversion.go:133-137: ObjectMeta and Status are copied). Pure functions of the object.
 *
 * Deliberate difference from upstream: upstream's Go structs drop what they do not map (v1beta1
 * `localStorageClassName`, `vddkInitImage`, `tektonPipelinesNamespace`, `tektonTasksNamespace`, the deprecated
 * feature gates, unknown fields). Here every field not mapped passes through at the same path, so a round
 * trip loses nothing; the target version's schema prunes what it does not know when the object is served.
 */

type Obj = Record<string, unknown>;

/** [v1beta1 path under spec, v1 path under spec]: plain moves (conversion.go, per section below). */
const MOVES: [string, string][] = [
  // convertNodePlacements* (:80-108)
  ['infra.nodePlacement', 'deployment.nodePlacements.infra'],
  ['workloads.nodePlacement', 'deployment.nodePlacements.workload'],
  // convertVirtualization* (:110-285)
  ['liveMigrationConfig', 'virtualization.liveMigrationConfig'],
  ['permittedHostDevices', 'virtualization.permittedHostDevices'],
  ['mediatedDevicesConfiguration', 'virtualization.mediatedDevicesConfiguration'],
  ['workloadUpdateStrategy', 'virtualization.workloadUpdateStrategy'],
  ['obsoleteCPUs.cpuModels', 'virtualization.obsoleteCPUModels'],
  ['evictionStrategy', 'virtualization.evictionStrategy'],
  [
    'virtualMachineOptions.disableFreePageReporting',
    'virtualization.virtualMachineOptions.disableFreePageReporting',
  ],
  [
    'virtualMachineOptions.disableSerialConsoleLog',
    'virtualization.virtualMachineOptions.disableSerialConsoleLog',
  ],
  ['defaultCPUModel', 'virtualization.virtualMachineOptions.defaultCPUModel'],
  ['defaultRuntimeClass', 'virtualization.virtualMachineOptions.defaultRuntimeClass'],
  ['higherWorkloadDensity', 'virtualization.higherWorkloadDensity'],
  ['liveUpdateConfiguration', 'virtualization.liveUpdateConfiguration'],
  ['ksmConfiguration', 'virtualization.ksmConfiguration'],
  ['changedBlockTrackingLabelSelectors', 'virtualization.changedBlockTrackingLabelSelectors'],
  ['hypervisors', 'virtualization.hypervisors'],
  ['roleAggregationStrategy', 'virtualization.roleAggregationStrategy'],
  ['resourceRequirements.vmiCPUAllocationRatio', 'virtualization.vmiCPUAllocationRatio'],
  [
    'resourceRequirements.autoCPULimitNamespaceLabelSelector',
    'virtualization.autoCPULimitNamespaceLabelSelector',
  ],
  // convertStorage* (:287-343)
  ['vmStateStorageClass', 'storage.vmStateStorageClass'],
  ['scratchSpaceStorageClass', 'storage.scratchSpaceStorageClass'],
  ['storageImport', 'storage.storageImport'],
  ['filesystemOverhead', 'storage.filesystemOverhead'],
  ['resourceRequirements.storageWorkloads', 'storage.workloadResourceRequirements'],
  // convertSecurity* (:345-359)
  ['certConfig', 'security.certConfig'],
  ['tlsSecurityProfile', 'security.tlsSecurityProfile'],
  // convertNetworking* (:361-394)
  ['networkBinding', 'networking.networkBinding'],
  ['kubeMacPoolConfiguration', 'networking.kubeMacPoolConfiguration'],
  ['kubeSecondaryDNSNameServerIP', 'networking.kubeSecondaryDNSNameServerIP'],
  // convertWorkloadSources* (:396-437); v1beta1's JSON name is capitalized (hyperconverged_types.go)
  ['commonTemplatesNamespace', 'workloadSources.commonTemplatesNamespace'],
  ['commonBootImageNamespace', 'workloadSources.commonBootImageNamespace'],
  ['enableCommonBootImageImport', 'workloadSources.enableCommonBootImageImport'],
  ['dataImportCronTemplates', 'workloadSources.dataImportCronTemplates'],
  ['instancetypeConfig', 'workloadSources.instancetypeConfig'],
  ['CommonInstancetypesDeployment', 'workloadSources.commonInstancetypesDeployment'],
  // convertDeployment* (:439-501); applicationAwareConfig is converted field by field (same names)
  ['applicationAwareConfig', 'deployment.applicationAwareConfig'],
  ['enableApplicationAwareQuota', 'deployment.applicationAwareConfig.enable'],
  ['uninstallStrategy', 'deployment.uninstallStrategy'],
  ['logVerbosityConfig', 'deployment.logVerbosityConfig'],
  ['deployVmConsoleProxy', 'deployment.deployVmConsoleProxy'],
];

/**
 * The feature gates the conversion knows, with their default (phase alpha: off, beta: on): HCO v1.18.1
 * pkg/featuregatedetails/feature-gates.json; order as zz_generated.featuregates_conversion.go:14-62.
 */
export const HCO_V1_FEATURE_GATES: Record<string, boolean> = {
  downwardMetrics: false,
  deployKubeSecondaryDNS: false,
  disableMDevConfiguration: false,
  persistentReservation: false,
  alignCPUs: false,
  enableMultiArchBootImageImport: false,
  decentralizedLiveMigration: true,
  declarativeHotplugVolumes: false,
  videoConfig: true,
  objectGraph: false,
  incrementalBackup: false,
  containerPathVolumes: false,
};

export interface V1FeatureGate {
  name: string;
  state?: 'Enabled' | 'Disabled';
}

function segments(path: string): string[] {
  return path.split('.');
}

/** Removes the value at `path` from `root` (and the parent objects it leaves empty); returns it. */
function take(root: Obj, path: string): unknown {
  const segs = segments(path);
  const parents: Obj[] = [root];
  let cur: unknown = root;
  for (const s of segs.slice(0, -1)) {
    cur = (cur as Obj)[s];
    if (!isPlainObject(cur)) return undefined;
    parents.push(cur);
  }
  const last = segs[segs.length - 1];
  const parent = parents[parents.length - 1];
  if (!(last in parent)) return undefined;
  const value = parent[last];
  delete parent[last];
  for (let i = parents.length - 1; i > 0; i--) {
    if (Object.keys(parents[i]).length) break;
    delete parents[i - 1][segs[i - 1]];
  }
  return value;
}

/** Sets `value` at `path`, creating parent objects. */
function put(root: Obj, path: string, value: unknown): void {
  const segs = segments(path);
  let cur = root;
  for (const s of segs.slice(0, -1)) {
    if (!isPlainObject(cur[s])) cur[s] = {};
    cur = cur[s] as Obj;
  }
  cur[segs[segs.length - 1]] = value;
}

/** Merges what was not mapped into `out`, never over a mapped value. */
function passThrough(out: Obj, rest: Obj): void {
  for (const [k, v] of Object.entries(rest)) {
    if (!(k in out)) out[k] = v;
    else if (isPlainObject(out[k]) && isPlainObject(v)) passThrough(out[k], v);
  }
}

function moveAll(spec: Obj, moves: [string, string][]): Obj {
  const rest = clone(spec);
  const out: Obj = {};
  for (const [from, to] of moves) {
    const v = take(rest, from);
    if (v !== undefined) put(out, to, v);
  }
  passThrough(out, rest);
  return out;
}

/** v1beta1 `featureGates` object → v1 list: only the gates away from their default (featuregates_conversion.go:14-62). */
export function featureGatesToV1(gates: unknown): V1FeatureGate[] | undefined {
  if (!isPlainObject(gates)) return undefined;
  const out: V1FeatureGate[] = [];
  for (const [name, def] of Object.entries(HCO_V1_FEATURE_GATES)) {
    const v = gates[name];
    // v1 FeatureGate.MarshalJSON writes `state` only when Disabled (api/v1/featuregates/feature_gates.go:33-47).
    if (!def && v === true) out.push({ name });
    if (def && v === false) out.push({ name, state: 'Disabled' });
  }
  // Not upstream (it drops them): the gates the conversion does not know pass through as items.
  for (const [name, v] of Object.entries(gates)) {
    if (name in HCO_V1_FEATURE_GATES || typeof v !== 'boolean') continue;
    out.push(v ? { name } : { name, state: 'Disabled' });
  }
  return out.length ? out : undefined;
}

/**
 * v1 list → v1beta1 object: every known gate set (IsEnabled: listed without state or Enabled = on, Disabled = off,
 * unlisted = its default; the first item of a name wins), featuregates_conversion.go:64-77 and
 * api/v1/featuregates/feature_gates.go:94-121. Unknown names pass through as booleans.
 */
export function featureGatesToV1beta1(gates: unknown): Record<string, boolean> {
  const list = Array.isArray(gates) ? (gates as unknown[]).filter(isPlainObject) : [];
  const stateOf = (name: string): boolean | undefined => {
    const item = list.find((g) => g.name === name);
    return item ? item.state !== 'Disabled' : undefined;
  };
  const out: Record<string, boolean> = {};
  for (const [name, def] of Object.entries(HCO_V1_FEATURE_GATES)) out[name] = stateOf(name) ?? def;
  for (const item of list) {
    const name = item.name;
    if (typeof name === 'string' && !(name in out)) out[name] = item.state !== 'Disabled';
  }
  return out;
}

/** v1beta1 spec → v1 spec. */
export function specToV1(spec: Obj): Obj {
  const { featureGates, tuningPolicy, obsoleteCPUs, ...rest } = spec;
  const moves = MOVES.filter(([from]) => from !== 'obsoleteCPUs.cpuModels');
  const out = moveAll(rest, moves);
  // Only a non-empty cpuModels list moves (:221-223); minCPUModel has no v1 field and passes through.
  if (isPlainObject(obsoleteCPUs)) {
    const { cpuModels, ...other } = obsoleteCPUs;
    if (Array.isArray(cpuModels) && cpuModels.length) put(out, 'virtualization.obsoleteCPUModels', cpuModels);
    if (Object.keys(other).length) out.obsoleteCPUs = other;
  }
  // "highBurst" is deprecated in v1 and not copied (:200-204); only "annotation" moves.
  if (tuningPolicy === 'annotation') put(out, 'virtualization.tuningPolicy', tuningPolicy);
  const gates = featureGatesToV1(featureGates);
  if (gates) out.featureGates = gates;
  return out;
}

/** v1 spec → v1beta1 spec. */
export function specToV1beta1(spec: Obj): Obj {
  const { featureGates, ...rest } = spec;
  const virt = isPlainObject(rest.virtualization) ? rest.virtualization : {};
  // Reversed order: a child move (applicationAwareConfig.enable) goes before its parent's.
  const out = moveAll(rest, [
    ['virtualization.tuningPolicy', 'tuningPolicy'],
    ...MOVES.map(([a, b]) => [b, a] as [string, string]).reverse(),
  ]);
  // A v1 applicationAwareConfig makes a v1beta1 one, even when it held only `enable` (:455-468).
  const deployment = isPlainObject(rest.deployment) ? rest.deployment : {};
  if (isPlainObject(deployment.applicationAwareConfig)) out.applicationAwareConfig ??= {};
  // An empty obsoleteCPUModels list is not copied (:128-132).
  if (
    Array.isArray(virt.obsoleteCPUModels) &&
    !virt.obsoleteCPUModels.length &&
    isPlainObject(out.obsoleteCPUs)
  ) {
    delete out.obsoleteCPUs.cpuModels;
    if (!Object.keys(out.obsoleteCPUs).length) delete out.obsoleteCPUs;
  }
  out.featureGates = featureGatesToV1beta1(featureGates);
  return out;
}

function convertHyperConverged(obj: K8sObject, desiredAPIVersion: string): K8sObject {
  const from = obj.apiVersion;
  if (from === desiredAPIVersion) return obj;
  const spec = isPlainObject(obj.spec) ? (obj.spec as Obj) : undefined;
  let next: Obj | undefined;
  if (from === 'hco.kubevirt.io/v1beta1' && desiredAPIVersion === 'hco.kubevirt.io/v1')
    next = spec && specToV1(spec);
  else if (from === 'hco.kubevirt.io/v1' && desiredAPIVersion === 'hco.kubevirt.io/v1beta1')
    next = spec && specToV1beta1(spec);
  else throw new Error(`HyperConverged: no conversion from ${from} to ${desiredAPIVersion}`);
  const out: K8sObject = { ...obj, apiVersion: desiredAPIVersion };
  if (next) out.spec = next;
  return out;
}

export const hcoConverter: KindConverter = {
  group: 'hco.kubevirt.io',
  kind: 'HyperConverged',
  convert: convertHyperConverged,
};
