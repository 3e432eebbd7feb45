import type { AnyField, EditableField } from '../../../k8s/edit-session';
import { hcoPath, type HcoVersioned } from '../../../k8s/hco-paths';
import { compareQuantities, MAX_QUANTITY, parseQuantity, type QuantityError } from '../../../k8s/quantity';
import type { ResourceRequirements } from '../../../k8s/types';

/**
 * CDI workload resources (api-facts 1.1, 6): HCO copies `spec.resourceRequirements.storageWorkloads` (v1:
 * `spec.storage.workloadResourceRequirements`) to
 * `CDI.spec.config.podResourceRequirements`; CDI's importer, uploader and cloner pods get
 * `CDIConfig.status.defaultPodResourceRequirements`: CDI's defaults, each overridden by the configured cpu or
 * memory. Nothing else of the ResourceRequirements (other resources, claims) reaches that status.
 */

export type ResourceBucket = 'limits' | 'requests';
export type ResourceName = 'cpu' | 'memory';

export const RESOURCE_KEYS: readonly {
  id: WorkloadFieldId;
  bucket: ResourceBucket;
  resource: ResourceName;
}[] = [
  { id: 'limits.cpu', bucket: 'limits', resource: 'cpu' },
  { id: 'limits.memory', bucket: 'limits', resource: 'memory' },
  { id: 'requests.cpu', bucket: 'requests', resource: 'cpu' },
  { id: 'requests.memory', bucket: 'requests', resource: 'memory' },
];

export type WorkloadFieldId = `${ResourceBucket}.${ResourceName}`;
export type WorkloadValues = Record<WorkloadFieldId, string>;

/** CDI's defaults (CDI v1.65.0 `pkg/controller/config-controller.go`; api-facts 6). */
export const CDI_DEFAULT_RESOURCES: Readonly<WorkloadValues> = {
  'limits.cpu': '750m',
  'limits.memory': '600M',
  'requests.cpu': '100m',
  'requests.memory': '60M',
};

/**
 * A quantity field: '' means "not set" (clearing removes the key). The CRD takes int-or-string, so a stored
 * number reads as its decimal text; a value the user does not touch is never rewritten.
 */
const quantityField = (
  hco: HcoVersioned,
  id: WorkloadFieldId,
  bucket: ResourceBucket,
  resource: ResourceName,
) =>
  ({
    id,
    path: [...hcoPath('storageWorkloads', hco), bucket, resource],
    read: (stored: unknown) =>
      typeof stored === 'string' ? stored : typeof stored === 'number' ? String(stored) : '',
    write: (value: string) => (value === '' ? undefined : value),
  }) satisfies EditableField<string>;

/** One field per key, so a save touches only the keys that changed; at the paths of the HCO's version. */
export const workloadResourceFields = (hco: HcoVersioned): readonly AnyField[] =>
  RESOURCE_KEYS.map((k) => quantityField(hco, k.id, k.bucket, k.resource));

const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The cpu and memory values of a ResourceRequirements ('' where unset). */
export const resourceValues = (rr: ResourceRequirements | undefined): WorkloadValues => ({
  'limits.cpu': asText(rr?.limits?.cpu),
  'limits.memory': asText(rr?.limits?.memory),
  'requests.cpu': asText(rr?.requests?.cpu),
  'requests.memory': asText(rr?.requests?.memory),
});

/** What the pods get: the configured value, else CDI's default (as CDI computes its status). */
export const effectiveValues = (values: WorkloadValues): WorkloadValues => {
  const out = { ...CDI_DEFAULT_RESOURCES };
  RESOURCE_KEYS.forEach(({ id }) => {
    if (values[id] !== '' && parseQuantity(values[id]).ok) out[id] = values[id];
  });
  return out;
};

export type WorkloadFieldError =
  | { code: QuantityError }
  | { code: 'negative' }
  | { code: 'zero-limit' }
  | { code: 'too-large' }
  /** Memory in millibytes ("100m"): almost always meant 100M or 100Mi. */
  | { code: 'memory-millis' }
  /** The request is above the limit the pods would get (configured, or CDI's default when unset). */
  | { code: 'request-above-limit'; limit: string; limitIsDefault: boolean };

/** Why one value is refused, without looking at the other fields; undefined when it is fine or empty. */
export const validateQuantityText = (id: WorkloadFieldId, text: string): WorkloadFieldError | undefined => {
  if (text === '') return undefined;
  const parsed = parseQuantity(text);
  if (!parsed.ok) return { code: parsed.error };
  const { numerator, denominator } = parsed.value;
  if (numerator < 0n) return { code: 'negative' };
  if (numerator / denominator > MAX_QUANTITY) return { code: 'too-large' };
  if (numerator === 0n && id.startsWith('limits.')) return { code: 'zero-limit' };
  // Parsed above, so a trailing 'm' is the milli suffix.
  if (id.endsWith('.memory') && text.endsWith('m')) return { code: 'memory-millis' };
  return undefined;
};

/**
 * Every refused field with its reason. A request is compared with the limit the pods would really get: the
 * configured limit, or CDI's default when none is set (a 1Gi memory request with no limit is above CDI's
 * 600M default limit, and Kubernetes refuses such a pod).
 */
export const validateWorkloadValues = (
  values: WorkloadValues,
): Partial<Record<WorkloadFieldId, WorkloadFieldError>> => {
  const errors: Partial<Record<WorkloadFieldId, WorkloadFieldError>> = {};
  RESOURCE_KEYS.forEach(({ id }) => {
    const e = validateQuantityText(id, values[id]);
    if (e) errors[id] = e;
  });
  (['cpu', 'memory'] as const).forEach((resource) => {
    const requestId: WorkloadFieldId = `requests.${resource}`;
    const limitId: WorkloadFieldId = `limits.${resource}`;
    if (errors[requestId] || errors[limitId]) return;
    const limitIsDefault = values[limitId] === '';
    const limit = limitIsDefault ? CDI_DEFAULT_RESOURCES[limitId] : values[limitId];
    const request = values[requestId] === '' ? CDI_DEFAULT_RESOURCES[requestId] : values[requestId];
    if (compareQuantities(request, limit) === 1) {
      // Blame the field the user set: the request, or the limit when only the limit is set.
      const at = values[requestId] !== '' ? requestId : limitId;
      errors[at] = { code: 'request-above-limit', limit, limitIsDefault };
    }
  });
  return errors;
};

/** Why the configured value and the one CDI applies are what they are. */
export type AppliedExplanation =
  /** CDIConfig could not be read (or is loading). */
  | { code: 'applied-unknown' }
  /** Nothing configured: CDI applies its default. */
  | { code: 'default'; value: string }
  /** CDI applies the configured value. */
  | { code: 'applied'; value: string }
  /** CDI applies something else: HCO or CDI has not caught up yet, or something else overrides HCO. */
  | { code: 'not-yet-applied'; configured: string; applied: string };

const sameQuantity = (a: string, b: string) => a === b || compareQuantities(a, b) === 0;

export const explainApplied = (
  id: WorkloadFieldId,
  configured: string,
  applied: string | undefined,
): AppliedExplanation => {
  if (applied === undefined) return { code: 'applied-unknown' };
  if (configured === '') {
    return sameQuantity(applied, CDI_DEFAULT_RESOURCES[id])
      ? { code: 'default', value: applied }
      : { code: 'not-yet-applied', configured, applied };
  }
  return sameQuantity(configured, applied)
    ? { code: 'applied', value: applied }
    : { code: 'not-yet-applied', configured, applied };
};

/**
 * Keys configured under storageWorkloads that never reach CDIConfig's status (only cpu and memory do):
 * e.g. `limits.ephemeral-storage` or `claims`. HCO copies them to the CDI CR, but CDI's pods do not get them.
 */
export const unappliedKeys = (rr: unknown): string[] => {
  if (typeof rr !== 'object' || rr === null) return [];
  const r = rr as Record<string, unknown>;
  const out: string[] = [];
  (['limits', 'requests'] as const).forEach((bucket) => {
    const m = r[bucket];
    if (typeof m === 'object' && m !== null)
      Object.keys(m)
        .filter((k) => k !== 'cpu' && k !== 'memory')
        .forEach((k) => out.push(`${bucket}.${k}`));
  });
  Object.keys(r)
    .filter((k) => k !== 'limits' && k !== 'requests')
    .forEach((k) => out.push(k));
  return out;
};
