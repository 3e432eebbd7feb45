import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import type { K8sObject } from './sim-api';

/** An OpenAPI v3 schema node as CRDs write it (only the keywords the simulator looks at are typed). */
export interface JSONSchema {
  type?: string;
  properties?: Record<string, JSONSchema>;
  additionalProperties?: JSONSchema | boolean;
  items?: JSONSchema;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  default?: unknown;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  anyOf?: JSONSchema[];
  allOf?: JSONSchema[];
  oneOf?: JSONSchema[];
  not?: JSONSchema;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-validations'?: {
    rule: string;
    message?: string;
    messageExpression?: string;
    reason?: string;
    fieldPath?: string;
  }[];
  [key: string]: unknown;
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

/** One served resource (a kind) with everything discovery, validation and the handlers need. */
export interface ResourceType {
  group: string;
  versions: string[];
  /** The kind's own highest-priority served version (kube-aware order, see {@link compareKubeAwareVersions}). */
  preferredVersion: string;
  /** The version objects are stored in (a CRD's `storage: true` version). */
  storageVersion: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  statusSubresource: boolean;
  /** Per-version openAPIV3Schema; undefined for builtin kinds (not schema-checked). */
  schemas: Record<string, JSONSchema | undefined>;
  printerColumns: Record<string, PrinterColumn[]>;
  builtin: boolean;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function builtin(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    versions: [version],
    preferredVersion: version,
    storageVersion: version,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    statusSubresource: false,
    schemas: { [version]: undefined },
    printerColumns: {},
    builtin: true,
    ...extra,
  };
}

const BUILTINS: ResourceType[] = [
  builtin('', 'v1', 'Namespace', 'namespaces', false, {
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  builtin('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, {
    shortNames: ['pvc'],
    statusSubresource: true,
  }),
  builtin('', 'v1', 'PersistentVolume', 'persistentvolumes', false, {
    shortNames: ['pv'],
    statusSubresource: true,
  }),
  builtin('', 'v1', 'Node', 'nodes', false, { shortNames: ['no'], statusSubresource: true }),
  builtin('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  builtin('', 'v1', 'Secret', 'secrets', true),
  builtin('', 'v1', 'Pod', 'pods', true, { shortNames: ['po'], statusSubresource: true }),
  builtin('', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  builtin('', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }),
  builtin('', 'v1', 'Service', 'services', true, {
    shortNames: ['svc'],
    categories: ['all'],
    statusSubresource: true,
  }),
  builtin('apps', 'v1', 'Deployment', 'deployments', true, {
    shortNames: ['deploy'],
    categories: ['all'],
    statusSubresource: true,
  }),
  builtin('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, { shortNames: ['netpol'] }),
  builtin('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, {
    shortNames: ['pdb'],
    statusSubresource: true,
  }),
  builtin('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, { shortNames: ['sc'] }),
  builtin('storage.k8s.io', 'v1', 'CSIDriver', 'csidrivers', false),
  builtin('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  builtin('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  builtin('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
  builtin('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
  builtin('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, {
    verbs: ['create'],
  }),
  builtin('authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews', false, {
    verbs: ['create'],
  }),
  builtin('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, {
    verbs: ['create'],
  }),
  builtin('authorization.k8s.io', 'v1', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', true, {
    verbs: ['create'],
  }),
  builtin('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, {
    shortNames: ['crd', 'crds'],
    verbs: ['get', 'list', 'watch'],
  }),
];

/** Kinds that are answered, never stored. */
export const REVIEW_KINDS = new Set([
  'SelfSubjectAccessReview',
  'SubjectAccessReview',
  'LocalSubjectAccessReview',
  'SelfSubjectRulesReview',
]);

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: JSONSchema };
  subresources?: { status?: object };
  additionalPrinterColumns?: PrinterColumn[];
}

export function resourceTypeFromCrd(crd: K8sObject): ResourceType {
  const spec = crd.spec as {
    group: string;
    names: {
      kind: string;
      listKind?: string;
      plural: string;
      singular?: string;
      shortNames?: string[];
      categories?: string[];
    };
    scope: string;
    versions: CrdVersion[];
  };
  const served = spec.versions.filter((v) => v.served !== false);
  const storage = spec.versions.find((v) => v.storage) ?? served[0];
  const versions = served.map((v) => v.name).sort((a, b) => compareKubeAwareVersions(b, a));
  return {
    group: spec.group,
    versions,
    preferredVersion: versions[0],
    storageVersion: storage.name,
    kind: spec.names.kind,
    listKind: spec.names.listKind ?? `${spec.names.kind}List`,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    shortNames: spec.names.shortNames ?? [],
    categories: spec.names.categories ?? [],
    verbs: ALL_VERBS,
    statusSubresource: served.some((v) => v.subresources?.status !== undefined),
    // Every version's schema, served or not: a seed or conversion may hold an object in an unserved version.
    schemas: Object.fromEntries(spec.versions.map((v) => [v.name, v.schema?.openAPIV3Schema])),
    printerColumns: Object.fromEntries(served.map((v) => [v.name, v.additionalPrinterColumns ?? []])),
    builtin: false,
  };
}

/** Reads every CRD manifest (`*.yaml`) in a directory. */
export function loadCrds(dir: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    for (const doc of yaml.loadAll(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      const obj = doc as K8sObject | null;
      if (obj?.kind === 'CustomResourceDefinition') out.push(obj);
    }
  }
  return out;
}

/**
 * Kubernetes' version priority: GA > beta > alpha, then the higher major, then the higher minor; versions that
 * are not kube-like sort after, by name. >0 when `a` has the higher priority. apimachinery
 * pkg/version/helpers.go:67 CompareKubeAwareVersionStrings (v0.32.13).
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    return {
      major: Number(m[1]),
      type: m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2,
      minor: Number(m[3] ?? 0),
    };
  };
  const pa = parse(a);
  const pb = parse(b);
  if (!pa && !pb) return b < a ? -1 : b > a ? 1 : 0;
  if (!pa) return -1;
  if (!pb) return 1;
  if (pa.type !== pb.type) return pa.type - pb.type;
  if (pa.major !== pb.major) return pa.major - pb.major;
  return pa.minor - pb.minor;
}

/** Sets `served` of one version of the CRD named `crdName` (e.g. to serve or hide hco.kubevirt.io/v1). */
export function setServed(crds: K8sObject[], crdName: string, version: string, served: boolean): void {
  const crd = crds.find((c) => c.metadata.name === crdName);
  const v = (crd?.spec as { versions?: CrdVersion[] } | undefined)?.versions?.find((x) => x.name === version);
  if (v) v.served = served;
}

export class Registry {
  private readonly byKindMap = new Map<string, ResourceType>();
  private readonly byGroupPlural = new Map<string, ResourceType>();

  constructor(crds: K8sObject[]) {
    for (const rt of BUILTINS) this.add(rt);
    for (const crd of crds) this.add(resourceTypeFromCrd(crd));
  }

  private add(rt: ResourceType): void {
    this.byKindMap.set(rt.kind, rt);
    this.byGroupPlural.set(`${rt.group}/${rt.plural}`, rt);
  }

  all(): ResourceType[] {
    return [...this.byKindMap.values()];
  }

  byKind(kind: string): ResourceType | undefined {
    return this.byKindMap.get(kind);
  }

  /** The resource served at /apis/<group>/<version>/<plural>, if that version is served. */
  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    const rt = this.byGroupPlural.get(`${group}/${plural}`);
    return rt && rt.versions.includes(version) ? rt : undefined;
  }

  /**
   * Group -> served versions, highest priority first, and the preferred one (the first), in registration order
   * of the groups (core group is ''). As the apiserver's discovery for CRD groups: the versions of all the
   * group's CRDs sorted by kube-aware version priority, preferredVersion the first, whichever version stores
   * (apiextensions-apiserver v0.32.13 pkg/apiserver/customresource_discovery_controller.go:240-247, 281-284).
   */
  groups(): Map<string, { versions: string[]; preferred: string }> {
    const out = new Map<string, { versions: string[]; preferred: string }>();
    for (const rt of this.byKindMap.values()) {
      const g = out.get(rt.group) ?? { versions: [], preferred: '' };
      for (const v of rt.versions) if (!g.versions.includes(v)) g.versions.push(v);
      out.set(rt.group, g);
    }
    for (const g of out.values()) {
      g.versions.sort((a, b) => compareKubeAwareVersions(b, a));
      g.preferred = g.versions[0];
    }
    return out;
  }

  servedIn(group: string, version: string): ResourceType[] {
    return this.all().filter((rt) => rt.group === group && rt.versions.includes(version));
  }
}

/** `<plural>.<group>` (or `<plural>` for the core group), as apiserver messages name a resource. */
export function qualifiedResource(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

/** `<Kind>.<group>` (or `<Kind>`), as validation messages name a kind. */
export function qualifiedKind(rt: ResourceType): string {
  return rt.group ? `${rt.kind}.${rt.group}` : rt.kind;
}
