import type { AdmissionPlugin, ApiError, K8sObject, SimContext, StatusCause } from '../sim-api';
import { defaultStorageClass, jsonEqual, parseQuantity, type Json } from './util';
import { WEBHOOKS, cdiDenial } from './webhook-errors';

/**
 * CDI's webhooks (pkg/apiserver/webhooks, v1.65.0): DataVolume and DataImportCron validation, the CDI CR
 * uninstall guard, and PVC rendering from the StorageProfile (WebhookPvcRendering, enabled by HCO).
 */

/** The access modes CDI's DataVolume webhook accepts (datavolume-validate.go:118, 132). */
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const SOURCE_KINDS = [
  'http',
  's3',
  'gcs',
  'registry',
  'pvc',
  'snapshot',
  'upload',
  'blank',
  'imageio',
  'vddk',
];
const cause = (field: string, message: string, reason = 'FieldValueInvalid'): StatusCause => ({
  reason,
  field,
  message,
});

function sourceUrlError(url: unknown, schemes: string[]): string | undefined {
  if (typeof url !== 'string' || url === '') return 'source URL is empty';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Invalid source URL: ${url}`;
  }
  return schemes.includes(parsed.protocol.replace(/:$/, ''))
    ? undefined
    : `Invalid source URL scheme: ${url}`;
}

function sizeCause(
  resources: { requests?: Record<string, string> } | undefined,
  name: string,
  optional: boolean,
): StatusCause | undefined {
  const size = resources?.requests?.storage;
  const field = `spec.${name}.resources.requests.size`;
  if (size === undefined) return optional ? undefined : cause(field, `${name} size is missing`);
  const bytes = parseQuantity(size);
  if (!(bytes > 0)) return cause(field, `${name} size can't be equal or less than zero`);
  if (bytes < 2 ** 20) return cause(field, `${name} size must be at least 1MiB`);
  return undefined;
}

/** DataVolume spec rules shared by DataVolumes and DataImportCron templates. */
export function dataVolumeSpecCauses(spec: Json | undefined): StatusCause[] {
  if (!spec) return [cause('spec', 'Missing Data volume spec')];
  if (!spec.pvc && !spec.storage) return [cause('spec.PVC', 'Missing Data volume PVC')];
  if (spec.pvc && spec.storage) {
    return [
      cause('spec.PVC.Storage', 'Duplicate storage definition, both target storage and target pvc defined'),
    ];
  }
  const isClone = !!(spec.source?.pvc || spec.source?.snapshot || spec.sourceRef);
  const target = spec.pvc ?? spec.storage;
  const sizeError = sizeCause(target.resources, spec.pvc ? 'PVC' : 'Storage', isClone);
  if (sizeError) return [sizeError];
  // datavolume-validate.go:97-141: `pvc` needs exactly one access mode; `storage` may have none or several,
  // and names the FIRST mode in its message whichever one is bad.
  const modes: string[] = target.accessModes ?? [];
  if (spec.pvc && modes.length === 0) {
    return [cause('spec.PVC.accessModes', 'Required value: at least 1 access mode is required')];
  }
  if (spec.pvc && modes.length > 1) return [cause('spec.PVC.accessModes', 'PVC multiple accessModes')];
  if (modes.some((m) => !ACCESS_MODES.includes(m))) {
    return [
      cause(
        'spec.PVC.accessModes',
        `Unsupported value: "${modes[0]}": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"`,
      ),
    ];
  }
  if (!!spec.source === !!spec.sourceRef) {
    return [cause('spec.source', 'Data volume should have either Source or SourceRef')];
  }
  if (spec.sourceRef) {
    if (!spec.sourceRef.kind) return [cause('spec.sourceRef.Kind', 'Missing sourceRef kind')];
    if (spec.sourceRef.kind !== 'DataSource') {
      return [
        cause(
          'spec.sourceRef.Kind',
          `Unsupported sourceRef kind ${spec.sourceRef.kind}, currently only DataSource is supported`,
        ),
      ];
    }
    if (!spec.sourceRef.name) return [cause('spec.sourceRef.Name', 'Missing sourceRef name')];
    return [];
  }
  const kinds = SOURCE_KINDS.filter((k) => spec.source[k] != null);
  if (kinds.length === 0) return [cause('spec.source', 'Missing Data volume source')];
  if (kinds.length > 1) return [cause('spec.source', 'Multiple Data volume sources')];
  const [kind] = kinds;
  const source = spec.source[kind];
  const urlSchemes: Record<string, string[]> = {
    http: ['http', 'https', 'gs'],
    s3: ['http', 'https', 'gs'],
    gcs: ['http', 'https', 'gs'],
    imageio: ['http', 'https', 'gs'],
    vddk: ['http', 'https', 'gs'],
  };
  if (urlSchemes[kind]) {
    const error = sourceUrlError(source.url, urlSchemes[kind]);
    if (error) return [cause(`spec.source.${kind.toUpperCase()}.url`, `spec.source ${error}`)];
  }
  const contentType = spec.contentType ?? '';
  if (contentType !== '' && contentType !== 'kubevirt' && contentType !== 'archive') {
    return [cause('spec.contentType', 'ContentType not one of: kubevirt, archive')];
  }
  if (kind === 'blank' && contentType === 'archive') {
    return [cause('spec.contentType', 'SourceType cannot be blank and the contentType be archive')];
  }
  if (kind === 'registry') {
    if (contentType === 'archive') {
      return [cause('spec.contentType', 'ContentType must be kubevirt when Source is Registry')];
    }
    return registryCauses(source);
  }
  if ((kind === 'pvc' || kind === 'snapshot') && (!source.name || !source.namespace)) {
    const label = kind === 'pvc' ? 'PVC' : 'Snapshot';
    return [cause(`spec.source.${label}`, `spec.source.${label} source ${label} is not valid`)];
  }
  return [];
}

function registryCauses(registry: Json): StatusCause[] {
  const field = 'spec.source.Registry';
  if (!registry.url === !registry.imageStream) {
    return [cause(field, 'Source registry should have either URL or ImageStream')];
  }
  if (registry.url) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(registry.url)?.[1];
    if (scheme !== 'docker' && scheme !== 'oci-archive') {
      return [cause(`${field}.URL`, `Illegal registry source URL scheme ${registry.url}`)];
    }
  }
  const method = registry.pullMethod;
  if (method !== undefined && method !== 'pod' && method !== 'node') {
    return [cause(`${field}.importMethod`, `ImportMethod ${method} is neither pod, node or ""`)];
  }
  if (registry.imageStream !== undefined && method !== 'node') {
    return [
      cause(
        `${field}.importMethod`,
        'Source registry ImageStream is supported only with node pull import method',
      ),
    ];
  }
  return [];
}

export const dataVolumeValidator: AdmissionPlugin = (req, ctx) => {
  if (req.kind !== 'DataVolume' || req.subresource || !req.object) return;
  const dv = req.object;
  const deny = (causes: StatusCause[]) => cdiDenial(WEBHOOKS.dataVolumeValidate, causes);
  if (req.operation === 'UPDATE' && req.oldObject) {
    // Multi-stage (vddk/imageio) imports may add checkpoints; nothing else in the spec may change.
    const old = req.oldObject;
    const checkpointUpdate =
      multiStage(dv) && jsonEqual(specWithoutCheckpoints(dv), specWithoutCheckpoints(old));
    if (!checkpointUpdate && !jsonEqual(dv.spec, old.spec)) {
      throw deny([cause('DataVolume.Spec', 'Cannot update DataVolume Spec', 'FieldValueDuplicate')]);
    }
    return;
  }
  if (req.operation !== 'CREATE') return;
  const name = dv.metadata.name ?? '';
  if (name.length > 253) throw deny([cause('', 'Name of data volume cannot be more than 253 characters')]);
  const ns = dv.metadata.namespace ?? 'default';
  const pvc = ctx.store.get('PersistentVolumeClaim', name, ns);
  if (pvc) {
    const owner = pvc.metadata.ownerReferences?.find((o) => o.controller);
    const populatedFor = pvc.metadata.annotations?.['cdi.kubevirt.io/storage.populatedFor'];
    if (populatedFor !== name && owner?.kind !== 'DataVolume') {
      throw deny([
        cause('DataVolume.Name', `Destination PVC ${ns}/${name} already exists`, 'FieldValueDuplicate'),
      ]);
    }
  }
  const causes = dataVolumeSpecCauses(dv.spec);
  if (causes.length) throw deny(causes);
};

const multiStage = (dv: K8sObject) =>
  !!(dv.spec?.source?.vddk || dv.spec?.source?.imageio) && (dv.spec?.checkpoints?.length ?? 0) > 0;
function specWithoutCheckpoints(dv: K8sObject) {
  const { checkpoints: _c, finalCheckpoint: _f, ...rest } = dv.spec ?? {};
  return rest;
}

/** cronexpr-compatible check of a 5-field schedule (plus the @ macros). */
export function isValidCronSchedule(schedule: unknown): boolean {
  if (typeof schedule !== 'string') return false;
  const trimmed = schedule.trim();
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(trimmed)) return true;
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) return false;
  const bounds: [number, number][] = [
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12],
    [0, 7],
  ];
  const names = [
    [],
    [],
    [],
    ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
    ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  ];
  return fields.every((field, i) =>
    field.split(',').every((part) => {
      const m = /^(\*|\?|[0-9a-z]+(?:-[0-9a-z]+)?)(?:\/(\d+))?$/i.exec(part);
      if (!m) return false;
      if (m[2] !== undefined && Number(m[2]) < 1) return false;
      if (m[1] === '*' || m[1] === '?') return true;
      const [lo, hi] = bounds[i];
      return m[1].split('-').every((v) => {
        const named = (names[i] as string[]).indexOf(v.toLowerCase());
        const n = named >= 0 ? named + (i === 3 ? 1 : 0) : /^\d+$/.test(v) ? Number(v) : NaN;
        return n >= lo && n <= hi;
      });
    }),
  );
}

export const dataImportCronValidator: AdmissionPlugin = (req) => {
  if (req.kind !== 'DataImportCron' || req.subresource || !req.object) return;
  const cron = req.object;
  const deny = (causes: StatusCause[]) => cdiDenial(WEBHOOKS.dataImportCronValidate, causes);
  const nameCauses = (name: string | undefined, field: string) =>
    (name ?? '').length > 63 ? [cause(field, `Name cannot be longer than 63 characters`)] : [];
  const tooLong = nameCauses(cron.metadata.name, 'metadata.name');
  if (tooLong.length) throw deny(tooLong);
  if (req.operation === 'UPDATE' && req.oldObject) {
    if (!jsonEqual(cron.spec, req.oldObject.spec)) {
      throw deny([cause('DataImportCron.Spec', 'Cannot update DataImportCron Spec', 'FieldValueDuplicate')]);
    }
    return;
  }
  if (req.operation !== 'CREATE') return;
  const spec = cron.spec ?? {};
  const dvSpec = spec.template?.spec ?? {};
  const causes = ((): StatusCause[] => {
    if (!dvSpec.source?.registry && !dvSpec.source?.pvc)
      return [cause('spec.template.spec.source', 'Missing source')];
    for (const field of ['sourceRef', 'contentType', 'checkpoints', 'finalCheckpoint'] as const) {
      if (dvSpec[field] !== undefined && dvSpec[field] !== false && dvSpec[field] !== '') {
        return [cause(`spec.template.spec.${field}`, `${field} cannot be set`)];
      }
    }
    const dvCauses = dataVolumeSpecCauses(dvSpec);
    if (dvCauses.length) return dvCauses;
    if (!isValidCronSchedule(spec.schedule)) return [cause('spec.Schedule', 'Illegal cron schedule')];
    if (typeof spec.importsToKeep === 'number' && spec.importsToKeep < 0) {
      return [cause('spec.ImportsToKeep', 'Illegal ImportsToKeep value')];
    }
    if (
      spec.garbageCollect !== undefined &&
      spec.garbageCollect !== 'Never' &&
      spec.garbageCollect !== 'Outdated'
    ) {
      return [cause('spec.GarbageCollect', 'Illegal GarbageCollect value')];
    }
    if (!spec.managedDataSource) return [cause('spec.ManagedDataSource', 'Illegal ManagedDataSource value')];
    return nameCauses(spec.managedDataSource, 'spec.ManagedDataSource');
  })();
  if (causes.length) throw deny(causes);
};

/** CDI refuses to be uninstalled while DataVolumes exist, unless the strategy is RemoveWorkloads. */
export function cdiUninstallBlocker(
  ctx: SimContext,
  uninstallStrategy: string | undefined,
): ApiError | undefined {
  if (uninstallStrategy === 'RemoveWorkloads') return undefined;
  const count = ctx.store.list('DataVolume').length;
  if (count === 0) return undefined;
  return cdiDenial(WEBHOOKS.cdiValidate, [
    cause('', `rejecting the uninstall request, since there are still ${count} DataVolumes present`),
  ]);
}

export const cdiValidator: AdmissionPlugin = (req, ctx) => {
  if (req.kind !== 'CDI' || req.operation !== 'DELETE' || !req.oldObject) return;
  const blocker = cdiUninstallBlocker(ctx, req.oldObject.spec?.uninstallStrategy);
  if (blocker) throw blocker;
};

const ANN_APPLY_PROFILE = 'cdi.kubevirt.io/applyStorageProfile';

/** PVCs labelled `cdi.kubevirt.io/applyStorageProfile: "true"` get accessModes and volumeMode from the profile. */
export const pvcRenderingMutator: AdmissionPlugin = (req, ctx) => {
  if (req.kind !== 'PersistentVolumeClaim' || req.operation !== 'CREATE' || !req.object || req.subresource)
    return;
  const pvc = req.object;
  if (pvc.metadata.labels?.[ANN_APPLY_PROFILE] !== 'true') return;
  const spec = (pvc.spec ??= {});
  const className: string | undefined =
    spec.storageClassName ?? defaultStorageClass(ctx.store)?.metadata.name;
  if (!className) return;
  spec.storageClassName ??= className;
  const profile = ctx.store.get('StorageProfile', className);
  const preferred = profile?.status?.claimPropertySets?.[0];
  if (!preferred) return;
  if (!spec.accessModes?.length) spec.accessModes = [...preferred.accessModes];
  if (!spec.volumeMode || spec.volumeMode === 'FromStorageProfile') spec.volumeMode = preferred.volumeMode;
  const minimum = profile?.metadata.annotations?.['cdi.kubevirt.io/minimumSupportedPvcSize'];
  const requested = spec.resources?.requests?.storage;
  if (minimum && requested && parseQuantity(requested) < parseQuantity(minimum)) {
    spec.resources.requests.storage = minimum;
  }
};
