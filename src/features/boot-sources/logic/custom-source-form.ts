import { compareQuantities, validateStorageSize, type StorageSizeError } from '../../../k8s/quantity';
import type {
  DataImportCronSpec,
  DataImportCronTemplate,
  DataVolumeSpec,
  HyperConverged,
} from '../../../k8s/types';
import { DEFAULT_GOLDEN_IMAGES_NAMESPACE } from './boot-source-rows';
import { validateSchedule, type ScheduleError } from './schedule';
import { specTemplates } from './template-edits';
import { isDns1123Label, isDns1123Subdomain } from '../../../k8s/names';

/**
 * The boot-source wizard's form model: values as the user types them, their checks (codes the UI words),
 * and the HyperConverged `spec.dataImportCronTemplates` item they become (api-facts 1.2, 3, 5; HCO v1.18.1
 * CRD). Editing merges the values onto the original item, so fields the wizard does not show survive.
 */

export type PullMethod = 'pod' | 'node';
export type RetentionPolicy = 'None' | 'All';

export interface CustomSourceValues {
  /** The template's (and DataImportCron's) name. */
  name: string;
  /** '' = the golden-images namespace SSP uses by default. */
  namespace: string;
  /** `docker://…` or `oci-archive://…`. */
  url: string;
  pullMethod: PullMethod;
  /** A Secret in the cron's namespace with keys `accessKeyId` and `secretKey`; '' = none. */
  secretRef: string;
  /** A ConfigMap with the registry's CA certificate; '' = none. */
  certConfigMap: string;
  schedule: string;
  /** A Kubernetes quantity, e.g. "30Gi". */
  size: string;
  /** '' = the default class CDI picks (virt default, else Kubernetes default). */
  storageClass: string;
  managedDataSource: string;
  retentionPolicy: RetentionPolicy;
  /** As typed; a whole number ≥ 0. */
  importsToKeep: string;
}

export type CustomSourceField = keyof CustomSourceValues;

export type WizardModeKind = 'add' | 'edit' | 'customise';

export const ANN_IMMEDIATE_BIND = 'cdi.kubevirt.io/storage.bind.immediate.requested';
/** HCO's values for templates that leave them out (its mutating webhook sets them). */
export const HCO_RETENTION_POLICY: RetentionPolicy = 'None';
export const HCO_IMPORTS_TO_KEEP = 1;
const MAX_NAME = 63;
const MAX_INT32 = 2 ** 31 - 1;

export const emptyCustomSource = (): CustomSourceValues => ({
  name: '',
  namespace: '',
  url: 'docker://',
  pullMethod: 'pod',
  secretRef: '',
  certConfigMap: '',
  schedule: '',
  size: '10Gi',
  storageClass: '',
  managedDataSource: '',
  retentionPolicy: HCO_RETENTION_POLICY,
  importsToKeep: String(HCO_IMPORTS_TO_KEEP),
});

/** The DataSource name a source name suggests: "tools-image-cron" → "tools". */
export const suggestDataSourceName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-image-cron$/, '')
    .replace(/-cron$/, '')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, MAX_NAME);

// ---------------------------------------------------------------------------------------------------------
// Names in the HyperConverged

export type TemplateStatusItem = NonNullable<
  NonNullable<HyperConverged['status']>['dataImportCronTemplates']
>[number];

export const statusTemplates = (hco: HyperConverged): TemplateStatusItem[] =>
  hco.status?.dataImportCronTemplates ?? [];

export interface SourceNames {
  /** System sources: HCO's common templates in status, plus disabled ones (bare entries in spec). */
  common: string[];
  /** The admin's own sources. */
  custom: string[];
}

/**
 * Names already used. A system source that is switched off is missing from status but has a spec entry
 * without `spec`; adding a custom source with its name would silently turn it back on as a customisation.
 */
export const sourceNames = (hco: HyperConverged): SourceNames => {
  const common = new Set<string>();
  const custom = new Set<string>();
  statusTemplates(hco).forEach((i) => (i.status?.commonTemplate ? common : custom).add(i.metadata.name));
  specTemplates(hco).forEach((i) => {
    const name = i.metadata?.name;
    if (!name || common.has(name)) return;
    if (i.spec === undefined) common.add(name);
    else custom.add(name);
  });
  return { common: [...common], custom: [...custom].filter((n) => !common.has(n)) };
};

// ---------------------------------------------------------------------------------------------------------
// Image references (github.com/distribution/reference, regexp.go / normalize.go, as CDI's docker transport
// reads the part after "docker://")

export type ReferenceProblem =
  'empty' | 'whitespace' | 'host' | 'port' | 'path' | 'uppercase-path' | 'tag' | 'digest' | 'too-long';

export interface ImageReference {
  /** undefined: no registry host, so Docker Hub (docker.io) is assumed. */
  domain?: string;
  path: string;
  tag?: string;
  digest?: string;
}

const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

const validHost = (host: string): boolean => {
  if (host.startsWith('[')) return /^\[[0-9a-fA-F:.]+\]$/.test(host) && host.includes(':');
  if (IPV4.test(host)) return host.split('.').every((o) => Number(o) <= 255);
  return host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
};

/** Parses `name[:tag][@digest]`; a problem when it is not a reference a registry client accepts. */
export const parseImageReference = (
  text: string,
): { ok: true; reference: ImageReference } | { ok: false; problem: ReferenceProblem } => {
  if (text === '') return { ok: false, problem: 'empty' };
  if (/\s/.test(text)) return { ok: false, problem: 'whitespace' };
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const [algorithm, hex, ...more] = digest.split(':');
    const length = DIGEST_LENGTH[algorithm];
    if (more.length > 0 || !length || !hex || hex.length !== length || !/^[a-f0-9]+$/.test(hex)) {
      return { ok: false, problem: 'digest' };
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, problem: 'tag' };
  }
  if (rest.length > 255) return { ok: false, problem: 'too-long' };
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  // normalize.go splitDockerDomain: the first component is a registry when it has "." or ":", is
  // "localhost", or has upper-case letters.
  const hasDomain =
    slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let domain: string | undefined;
  let path = rest;
  if (hasDomain) {
    domain = first;
    path = rest.slice(slash + 1);
    const portAt = domain.startsWith('[') ? domain.indexOf(']:') + 1 : domain.lastIndexOf(':');
    const host = portAt > 0 ? domain.slice(0, portAt) : domain;
    if (portAt > 0 && !/^\d+$/.test(domain.slice(portAt + 1))) return { ok: false, problem: 'port' };
    if (!validHost(host)) return { ok: false, problem: 'host' };
  }
  const components = path.split('/');
  if (components.some((c) => !PATH_COMPONENT.test(c))) {
    return {
      ok: false,
      problem: components.every((c) => PATH_COMPONENT.test(c.toLowerCase())) ? 'uppercase-path' : 'path',
    };
  }
  return { ok: true, reference: { domain, path, tag, digest } };
};

export const REGISTRY_SCHEMES = ['docker://', 'oci-archive://'] as const;

// ---------------------------------------------------------------------------------------------------------
// Validation

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export type FormMessage =
  | { field: CustomSourceField; severity: 'error'; code: 'required' }
  | { field: CustomSourceField; severity: 'error'; code: 'too-long'; max: number }
  | { field: CustomSourceField; severity: 'error'; code: 'dns1123-subdomain' }
  | { field: CustomSourceField; severity: 'error'; code: 'dns1123-label' }
  | { field: CustomSourceField; severity: 'error'; code: 'dns1035-label' }
  | { field: 'name'; severity: 'error'; code: 'system-name' }
  | { field: 'name'; severity: 'error'; code: 'name-taken' }
  | { field: 'name'; severity: 'warning'; code: 'renamed'; from: string }
  | { field: 'namespace'; severity: 'warning'; code: 'namespace-missing'; namespace: string }
  | { field: 'url'; severity: 'error'; code: 'url-scheme' }
  | { field: 'url'; severity: 'error'; code: 'url-reference'; problem: ReferenceProblem }
  | { field: 'url'; severity: 'error'; code: 'url-archive-path' }
  | { field: 'url'; severity: 'error'; code: 'node-needs-docker' }
  | { field: 'url'; severity: 'warning'; code: 'url-digest-pinned' }
  | { field: 'url'; severity: 'warning'; code: 'url-docker-hub'; normalized: string }
  | { field: 'secretRef' | 'certConfigMap'; severity: 'error'; code: 'node-no-credentials' }
  | { field: 'schedule'; severity: 'error'; code: 'schedule'; error: ScheduleError }
  | { field: 'size'; severity: 'error'; code: 'size'; error: StorageSizeError }
  | { field: 'size'; severity: 'warning'; code: 'smaller-than-built-in'; builtIn: string }
  | { field: 'storageClass'; severity: 'warning'; code: 'class-missing'; className: string }
  | {
      field: 'managedDataSource';
      severity: 'error';
      code: 'data-source-taken';
      namespace: string;
      by: string;
    }
  | { field: 'retentionPolicy'; severity: 'error'; code: 'retention-policy' }
  | { field: 'importsToKeep'; severity: 'error'; code: 'whole-number' }
  | { field: 'importsToKeep'; severity: 'error'; code: 'number-too-large'; max: number }
  | { field: 'importsToKeep'; severity: 'warning'; code: 'keeps-no-import' };

export interface CustomSourceContext {
  mode: WizardModeKind;
  /** The name of the entry being edited or customised (before any rename). */
  editing?: string;
  names: SourceNames;
  /** The cluster's namespaces; undefined when they cannot be listed. */
  namespaces?: readonly string[];
  storageClassNames?: readonly string[];
  /** HCO's effective templates, to find another source managing the same DataSource. */
  effective?: readonly TemplateStatusItem[];
  /** Customise: the size of the built-in definition. */
  builtInSize?: string;
}

/** The fields each step of the wizard edits (its Next is blocked while one of them has an error). */
export const STEP_FIELDS = {
  source: ['name', 'namespace', 'url', 'pullMethod', 'secretRef', 'certConfigMap'],
  schedule: ['schedule'],
  storage: ['size', 'storageClass'],
  dataSource: ['managedDataSource', 'retentionPolicy', 'importsToKeep'],
} as const satisfies Record<string, readonly CustomSourceField[]>;

const checkName = (
  field: CustomSourceField,
  value: string,
  kind: 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label',
  max: number,
): FormMessage | undefined => {
  if (value.length > max) return { field, severity: 'error', code: 'too-long', max };
  const valid =
    kind === 'dns1123-subdomain'
      ? isDns1123Subdomain(value)
      : kind === 'dns1123-label'
        ? isDns1123Label(value)
        : DNS1035_LABEL.test(value);
  return valid ? undefined : ({ field, severity: 'error', code: kind } as FormMessage);
};

const checkUrl = (values: CustomSourceValues): FormMessage[] => {
  const url = values.url.trim();
  if (url === '' || REGISTRY_SCHEMES.includes(url as (typeof REGISTRY_SCHEMES)[number])) {
    return [{ field: 'url', severity: 'error', code: 'required' }];
  }
  if (url.startsWith('oci-archive://')) {
    if (values.pullMethod === 'node') return [{ field: 'url', severity: 'error', code: 'node-needs-docker' }];
    return /\s/.test(url) ? [{ field: 'url', severity: 'error', code: 'url-archive-path' }] : [];
  }
  if (!url.startsWith('docker://')) return [{ field: 'url', severity: 'error', code: 'url-scheme' }];
  const parsed = parseImageReference(url.slice('docker://'.length));
  if (!parsed.ok)
    return [{ field: 'url', severity: 'error', code: 'url-reference', problem: parsed.problem }];
  const messages: FormMessage[] = [];
  const { domain, path, tag, digest } = parsed.reference;
  if (!domain) {
    const full = `docker.io/${path.includes('/') ? path : `library/${path}`}`;
    messages.push({
      field: 'url',
      severity: 'warning',
      code: 'url-docker-hub',
      normalized: `docker://${full}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`,
    });
  }
  if (digest) messages.push({ field: 'url', severity: 'warning', code: 'url-digest-pinned' });
  return messages;
};

const checkImportsToKeep = (text: string): FormMessage | undefined => {
  const t = text.trim();
  if (t === '') return { field: 'importsToKeep', severity: 'error', code: 'required' };
  if (!/^\d+$/.test(t)) return { field: 'importsToKeep', severity: 'error', code: 'whole-number' };
  if (Number(t) > MAX_INT32) {
    return { field: 'importsToKeep', severity: 'error', code: 'number-too-large', max: MAX_INT32 };
  }
  // CDI's garbage collection keeps the newest `importsToKeep` imports (dataimportcron-controller.go
  // garbageCollectPVCs): with 0 it deletes the one the DataSource points at too.
  return Number(t) === 0
    ? { field: 'importsToKeep', severity: 'warning', code: 'keeps-no-import' }
    : undefined;
};

/**
 * Every message for the form: errors block saving, warnings explain consequences. In customise mode only
 * the storage fields are the user's, so only they are checked.
 */
export const validateCustomSource = (values: CustomSourceValues, ctx: CustomSourceContext): FormMessage[] => {
  const out: FormMessage[] = [];
  const push = (m: FormMessage | undefined) => m && out.push(m);
  const customise = ctx.mode === 'customise';

  if (!customise) {
    // name
    const name = values.name.trim();
    if (name === '') push({ field: 'name', severity: 'error', code: 'required' });
    else {
      const bad = checkName('name', name, 'dns1123-subdomain', MAX_NAME);
      push(bad);
      if (!bad && name !== ctx.editing) {
        if (ctx.names.common.includes(name)) push({ field: 'name', severity: 'error', code: 'system-name' });
        else if (ctx.names.custom.includes(name))
          push({ field: 'name', severity: 'error', code: 'name-taken' });
      }
      if (!bad && ctx.mode === 'edit' && ctx.editing && name !== ctx.editing) {
        push({ field: 'name', severity: 'warning', code: 'renamed', from: ctx.editing });
      }
    }
    // namespace
    const namespace = values.namespace.trim();
    if (namespace !== '') {
      const bad = checkName('namespace', namespace, 'dns1123-label', 63);
      push(bad);
      if (!bad && ctx.namespaces && !ctx.namespaces.includes(namespace)) {
        push({ field: 'namespace', severity: 'warning', code: 'namespace-missing', namespace });
      }
    }
    // registry
    out.push(...checkUrl(values));
    for (const field of ['secretRef', 'certConfigMap'] as const) {
      const value = values[field].trim();
      if (value === '') continue;
      if (values.pullMethod === 'node') push({ field, severity: 'error', code: 'node-no-credentials' });
      else push(checkName(field, value, 'dns1123-subdomain', 253));
    }
    // schedule
    const scheduleError = validateSchedule(values.schedule.trim());
    if (scheduleError) push({ field: 'schedule', severity: 'error', code: 'schedule', error: scheduleError });
  }

  // storage
  const size = values.size.trim();
  const sizeError = validateStorageSize(size);
  if (sizeError) push({ field: 'size', severity: 'error', code: 'size', error: sizeError });
  else if (ctx.builtInSize && compareQuantities(size, ctx.builtInSize) === -1) {
    push({ field: 'size', severity: 'warning', code: 'smaller-than-built-in', builtIn: ctx.builtInSize });
  }
  const className = values.storageClass.trim();
  if (className && ctx.storageClassNames && !ctx.storageClassNames.includes(className)) {
    push({ field: 'storageClass', severity: 'warning', code: 'class-missing', className });
  }

  if (!customise) {
    // DataSource and retention
    const ds = values.managedDataSource.trim();
    if (ds === '') push({ field: 'managedDataSource', severity: 'error', code: 'required' });
    else {
      const bad = checkName('managedDataSource', ds, 'dns1035-label', MAX_NAME);
      push(bad);
      const namespace = values.namespace.trim();
      const other = (ctx.effective ?? []).find(
        (t) =>
          t.metadata.name !== ctx.editing &&
          t.metadata.name !== values.name.trim() &&
          t.spec?.managedDataSource === ds &&
          (t.metadata.namespace || DEFAULT_GOLDEN_IMAGES_NAMESPACE) ===
            (namespace || DEFAULT_GOLDEN_IMAGES_NAMESPACE),
      );
      if (!bad && other) {
        push({
          field: 'managedDataSource',
          severity: 'error',
          code: 'data-source-taken',
          namespace: namespace || DEFAULT_GOLDEN_IMAGES_NAMESPACE,
          by: other.metadata.name,
        });
      }
    }
    if (values.retentionPolicy !== 'None' && values.retentionPolicy !== 'All') {
      push({ field: 'retentionPolicy', severity: 'error', code: 'retention-policy' });
    }
    push(checkImportsToKeep(values.importsToKeep));
  }
  return out;
};

export const errorsOf = (messages: readonly FormMessage[]) => messages.filter((m) => m.severity === 'error');

/** Whether any of `fields` has an error. */
export const hasErrorIn = (messages: readonly FormMessage[], fields: readonly CustomSourceField[]): boolean =>
  messages.some((m) => m.severity === 'error' && fields.includes(m.field));

// ---------------------------------------------------------------------------------------------------------
// Values ⇄ template item

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** What the wizard cannot edit in an item: a source other than a registry URL. */
export type UnsupportedSource = 'pvc' | 'image-stream' | 'other';

export const unsupportedSource = (item: DataImportCronTemplate): UnsupportedSource | undefined => {
  const source = item.spec?.template?.spec?.source;
  if (!source) return undefined;
  if (source.pvc) return 'pvc';
  if (source.registry?.imageStream) return 'image-stream';
  if (!source.registry) return 'other';
  return undefined;
};

/** Where the item keeps its storage request: `storage` (CDI's StorageSpec), or a raw `pvc` spec. */
const storageKey = (spec: DataVolumeSpec | undefined): 'storage' | 'pvc' =>
  spec?.pvc && !spec.storage ? 'pvc' : 'storage';

/** The form's values for an existing item (for editing). */
export const fromTemplate = (item: DataImportCronTemplate): CustomSourceValues => {
  const spec = item.spec;
  const dv = spec?.template?.spec;
  const registry = dv?.source?.registry;
  const storage = dv?.[storageKey(dv)];
  const size = storage?.resources?.requests?.storage;
  return {
    name: item.metadata.name,
    namespace: item.metadata.namespace ?? '',
    url: registry?.url ?? '',
    pullMethod: registry?.pullMethod === 'node' ? 'node' : 'pod',
    secretRef: registry?.secretRef ?? '',
    certConfigMap: registry?.certConfigMap ?? '',
    schedule: spec?.schedule ?? '',
    size: size === undefined ? '' : String(size),
    storageClass: storage?.storageClassName ?? '',
    managedDataSource: spec?.managedDataSource ?? '',
    retentionPolicy: spec?.retentionPolicy === 'All' ? 'All' : HCO_RETENTION_POLICY,
    importsToKeep: String(spec?.importsToKeep ?? HCO_IMPORTS_TO_KEEP),
  };
};

export interface ToTemplateOptions {
  /** The class the source will use (chosen or default) binds WaitForFirstConsumer. */
  wffcClass: boolean;
  /** Editing: the item as stored; the values are merged onto it and everything else is kept. */
  original?: DataImportCronTemplate;
}

const setOrDelete = (target: Json, key: string, value: string | undefined) => {
  if (value) target[key] = value;
  else delete target[key];
};

/** The item's storage block with the form's size and class, every other key kept. */
const withStorage = (dv: Json, size: string, storageClass: string): Json => {
  const key = storageKey(dv as DataVolumeSpec);
  const storage = obj(dv[key]);
  const resources = obj(storage.resources);
  const requests = { ...obj(resources.requests), storage: size };
  const next: Json = { ...storage, resources: { ...resources, requests } };
  setOrDelete(next, 'storageClassName', storageClass);
  return { ...dv, [key]: next };
};

const withImmediateBind = (metadata: Json, wffcClass: boolean): Json => {
  if (!wffcClass) return metadata;
  return { ...metadata, annotations: { ...obj(metadata.annotations), [ANN_IMMEDIATE_BIND]: 'true' } };
};

/**
 * The item to write for add and edit. A new item gets exactly what the form shows; an edited one is the
 * original with the form's values merged in (labels, other annotations, garbageCollect, serviceAccountName,
 * accessModes, template metadata and so on are kept). The immediate-bind annotation is added when the
 * class is WaitForFirstConsumer (HCO's webhook adds it to every item anyway; on the emulator and in the
 * preview it is explicit) and never removed.
 */
export const toTemplate = (
  values: CustomSourceValues,
  options: ToTemplateOptions,
): DataImportCronTemplate => {
  const original = clone(options.original);
  const v = {
    name: values.name.trim(),
    namespace: values.namespace.trim(),
    url: values.url.trim(),
    secretRef: values.secretRef.trim(),
    certConfigMap: values.certConfigMap.trim(),
    schedule: values.schedule.trim().split(/\s+/).join(' '),
    size: values.size.trim(),
    storageClass: values.storageClass.trim(),
    managedDataSource: values.managedDataSource.trim(),
    importsToKeep: Number(values.importsToKeep.trim()),
  };

  const metadata: Json = { ...obj(original?.metadata), name: v.name };
  setOrDelete(metadata, 'namespace', v.namespace);

  const spec = obj(original?.spec);
  const template = obj(spec.template);
  const dv = obj(template.spec);
  const source = obj(dv.source);
  const registry: Json = { ...obj(source.registry), url: v.url };
  if (values.pullMethod === 'node') registry.pullMethod = 'node';
  else if (registry.pullMethod !== 'pod') delete registry.pullMethod;
  setOrDelete(registry, 'secretRef', values.pullMethod === 'node' ? '' : v.secretRef);
  setOrDelete(registry, 'certConfigMap', values.pullMethod === 'node' ? '' : v.certConfigMap);

  const nextDv = withStorage({ ...dv, source: { ...source, registry } }, v.size, v.storageClass);
  const nextSpec: DataImportCronSpec = {
    ...(spec as Partial<DataImportCronSpec>),
    schedule: v.schedule,
    managedDataSource: v.managedDataSource,
    retentionPolicy: values.retentionPolicy,
    importsToKeep: v.importsToKeep,
    template: { ...template, spec: nextDv as DataVolumeSpec },
  };
  return {
    metadata: withImmediateBind(metadata, options.wffcClass) as DataImportCronTemplate['metadata'],
    spec: nextSpec,
  };
};

/**
 * The item that customises a system source's storage. HCO replaces the whole spec of the built-in
 * definition with the item's (api-facts 1.2), so the item carries the whole effective spec: from the
 * admin's existing customisation when there is one, else from HCO's effective item (status stripped). The
 * namespace is kept as HCO has it in effect, because a customised item without one moves to SSP's default
 * namespace. The effective schedule is written (the CRD requires one when spec is set).
 */
export const customiseTemplate = (
  base: DataImportCronTemplate | TemplateStatusItem,
  storage: { size: string; storageClass: string },
  options: { wffcClass: boolean; existingEntry?: boolean },
): DataImportCronTemplate => {
  const source = clone(base);
  const metadata: Json = options.existingEntry
    ? { ...obj(source.metadata) }
    : {
        name: source.metadata.name,
        ...(source.metadata.namespace ? { namespace: source.metadata.namespace } : {}),
      };
  const spec = obj(source.spec);
  const template = obj(spec.template);
  const dv = withStorage(obj(template.spec), storage.size.trim(), storage.storageClass.trim());
  return {
    metadata: withImmediateBind(metadata, options.wffcClass) as DataImportCronTemplate['metadata'],
    spec: {
      ...(spec as unknown as DataImportCronSpec),
      template: { ...template, spec: dv as DataVolumeSpec },
    },
  };
};

/** The storage request of an item (its size), if any. */
export const templateSize = (item: DataImportCronTemplate | undefined): string | undefined => {
  const dv = item?.spec?.template?.spec;
  const size = dv?.[storageKey(dv)]?.resources?.requests?.storage;
  return size === undefined ? undefined : String(size);
};
