import type { K8sClient, K8sObject } from './k8s-client';

/**
 * The HyperConverged in the API version a spec runs against (the fixture option `hcoVersion`; the Playwright
 * project `hco-v1` sets 'v1' for the specs tagged @hco-write). Specs read and patch the object in that version
 * and assert at that version's paths, so the same spec checks what the plugin does with either version.
 *
 * The paths are written out here from HCO's CRD (v1.18.1 deploy/crds/hco00.crd.yaml, v1 schema: `spec.storage`
 * and `spec.workloadSources`), not taken from the plugin: the specs check the plugin against them.
 */
export type HcoVersion = 'v1beta1' | 'v1';

export type HcoSpecField =
  | 'enableCommonBootImageImport'
  | 'commonBootImageNamespace'
  | 'dataImportCronTemplates'
  | 'filesystemOverhead'
  | 'scratchSpaceStorageClass'
  | 'storageWorkloads'
  | 'insecureRegistries';

const FIELD_PATHS: Record<HcoVersion, Record<HcoSpecField, string[]>> = {
  v1beta1: {
    enableCommonBootImageImport: ['spec', 'enableCommonBootImageImport'],
    commonBootImageNamespace: ['spec', 'commonBootImageNamespace'],
    dataImportCronTemplates: ['spec', 'dataImportCronTemplates'],
    filesystemOverhead: ['spec', 'filesystemOverhead'],
    scratchSpaceStorageClass: ['spec', 'scratchSpaceStorageClass'],
    storageWorkloads: ['spec', 'resourceRequirements', 'storageWorkloads'],
    insecureRegistries: ['spec', 'storageImport', 'insecureRegistries'],
  },
  v1: {
    enableCommonBootImageImport: ['spec', 'workloadSources', 'enableCommonBootImageImport'],
    commonBootImageNamespace: ['spec', 'workloadSources', 'commonBootImageNamespace'],
    dataImportCronTemplates: ['spec', 'workloadSources', 'dataImportCronTemplates'],
    filesystemOverhead: ['spec', 'storage', 'filesystemOverhead'],
    scratchSpaceStorageClass: ['spec', 'storage', 'scratchSpaceStorageClass'],
    storageWorkloads: ['spec', 'storage', 'workloadResourceRequirements'],
    insecureRegistries: ['spec', 'storage', 'storageImport', 'insecureRegistries'],
  },
};

/** The demo's HyperConverged (seed 30-hyperconverged.yaml). */
export const HCO_NAMESPACE = 'openshift-cnv';
export const HCO_NAME = 'kubevirt-hyperconverged';

/** The REST path of the HyperConverged list (all namespaces) in `version`. */
export const hcoListPath = (version: HcoVersion) => `/apis/hco.kubevirt.io/${version}/hyperconvergeds`;

/** The REST path of the demo's HyperConverged in `version`. */
export const hcoObjectPath = (version: HcoVersion, namespace = HCO_NAMESPACE, name = HCO_NAME) =>
  `/apis/hco.kubevirt.io/${version}/namespaces/${namespace}/hyperconvergeds/${name}`;

/** The JSON pointer of `field` in `version` (`/spec/storage/filesystemOverhead`), for patch assertions. */
export const hcoPointer = (version: HcoVersion, field: HcoSpecField) =>
  `/${FIELD_PATHS[version][field].join('/')}`;

/** The field as texts name it in `version` (`spec.storage.filesystemOverhead`). */
export const hcoFieldName = (version: HcoVersion, field: HcoSpecField) =>
  FIELD_PATHS[version][field].join('.');

const valueAt = (obj: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
    obj,
  );

/** The value of `field` in an object read at `version`. */
export const hcoValue = <T = unknown>(hc: K8sObject, version: HcoVersion, field: HcoSpecField): T =>
  valueAt(hc, FIELD_PATHS[version][field]) as T;

/** A copy of the object without `field` (and without parents it leaves empty): "nothing else changed". */
export const hcoWithout = (hc: K8sObject, version: HcoVersion, field: HcoSpecField): unknown => {
  const copy = structuredClone(hc) as Record<string, unknown>;
  const path = FIELD_PATHS[version][field];
  const parents: Record<string, unknown>[] = [];
  let cur: unknown = copy;
  for (const seg of path.slice(0, -1)) {
    if (!cur || typeof cur !== 'object') return copy.spec;
    parents.push(cur as Record<string, unknown>);
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (cur && typeof cur === 'object') delete (cur as Record<string, unknown>)[path[path.length - 1]];
  // Drop parents the removal left empty (spec.storage with nothing else), never `spec` itself.
  for (let i = path.length - 2; i >= 1; i--) {
    const parent = parents[i];
    const child = parent?.[path[i]];
    if (child && typeof child === 'object' && Object.keys(child).length === 0) delete parent[path[i]];
  }
  return copy.spec;
};

/** The demo's HyperConverged read at `version`. */
export const getHco = <T extends K8sObject = K8sObject>(k8s: K8sClient, version: HcoVersion): Promise<T> =>
  k8s.get<T>(hcoObjectPath(version));

/** Reads the HyperConverged at `version` and returns `field` at that version's path. */
export const hcoField = async <T = unknown>(
  k8s: K8sClient,
  field: HcoSpecField,
  version: HcoVersion,
): Promise<T> => hcoValue<T>(await getHco(k8s, version), version, field);

/** Sets `field` (null removes it) with a merge patch at `version`, as an admin (or another tool) would. */
export const setHcoField = (k8s: K8sClient, version: HcoVersion, field: HcoSpecField, value: unknown) => {
  const path = FIELD_PATHS[version][field];
  const patch = path.reduceRight<unknown>((acc, seg) => ({ [seg]: acc }), value);
  return k8s.mergePatch(hcoObjectPath(version), patch);
};

/**
 * Whether a run writes docs/screenshots: the v1beta1 run only (the hco-v1 project repeats the same pages,
 * whose pictures would only overwrite them). Guard `saveScreenshots` / `saveModalScreenshots` with it.
 */
export const writesScreenshots = (version: HcoVersion): boolean => version === 'v1beta1';
