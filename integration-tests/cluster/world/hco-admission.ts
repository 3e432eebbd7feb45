import { ApiError, type AdmissionPlugin, type K8sObject } from '../sim-api';
import { ANN_IMMEDIATE_BIND, CDI_NAME, HCO_NAME, HCO_NAMESPACE, jsonEqual } from './util';
import { WEBHOOKS, controllerRuntimeDenial, nestedDenial } from './webhook-errors';
import { cdiUninstallBlocker } from './cdi-admission';

/**
 * HCO's webhooks (pkg/webhooks/{mutator,validator}, v1.18.1) for HyperConverged writes.
 * The mutator defaults golden-image templates; the validator rejects what would break the operands.
 */

export const ANN_DICT_ENABLE = 'dataimportcrontemplate.kubevirt.io/enable';
const OVERHEAD_PATTERN = /^(0(?:\.\d{1,3})?|1)$/;
const MIN_CERT_DURATION_S = 10 * 60;

interface TemplateItem {
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

/** Mutating webhook: the immediate-bind annotation, `retentionPolicy: None`, `importsToKeep: 1`. */
export const hcoMutator: AdmissionPlugin = (req) => {
  if (req.kind !== 'HyperConverged' || req.subresource || !req.object) return;
  if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return;
  const templates = req.object.spec?.dataImportCronTemplates as TemplateItem[] | undefined;
  for (const item of templates ?? []) {
    item.metadata ??= {};
    item.metadata.annotations ??= {};
    item.metadata.annotations[ANN_IMMEDIATE_BIND] ??= 'true';
    if (item.spec) {
      item.spec.retentionPolicy ??= 'None';
      item.spec.importsToKeep ??= 1;
    }
  }
};

const deny = (message: string) => controllerRuntimeDenial(WEBHOOKS.hcoValidate, message);

/** Go's time.ParseDuration for the forms HCO accepts (`48h0m0s`, `10m`, `1.5h`); NaN when malformed. */
export function parseGoDuration(text: unknown): number {
  if (typeof text !== 'string' || text === '') return NaN;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let rest = text;
  let total = 0;
  while (rest) {
    const m = /^([0-9]*\.?[0-9]+)(h|ms|m|s|us|µs|ns)/.exec(rest);
    if (!m) return NaN;
    total += parseFloat(m[1]) * units[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

function validateCertConfig(hc: K8sObject): string | undefined {
  const cc = hc.spec?.certConfig ?? {};
  const values: [string, number][] = [
    ['spec.certConfig.ca.duration', parseGoDuration(cc.ca?.duration ?? '48h')],
    ['spec.certConfig.ca.renewBefore', parseGoDuration(cc.ca?.renewBefore ?? '24h')],
    ['spec.certConfig.server.duration', parseGoDuration(cc.server?.duration ?? '24h')],
    ['spec.certConfig.server.renewBefore', parseGoDuration(cc.server?.renewBefore ?? '12h')],
  ];
  for (const [key, value] of values) {
    if (!(value >= MIN_CERT_DURATION_S)) return `${key}: value is too small`;
  }
  const [caDuration, caRenew, serverDuration, serverRenew] = values.map(([, v]) => v);
  if (caDuration < caRenew) return 'spec.certConfig.ca: duration is smaller than renewBefore';
  if (serverDuration < serverRenew) return 'spec.certConfig.server: duration is smaller than renewBefore';
  if (caDuration < serverDuration) return 'spec.certConfig: ca.duration is smaller than server.duration';
  return undefined;
}

function validateTemplates(hc: K8sObject): string | undefined {
  for (const item of (hc.spec?.dataImportCronTemplates ?? []) as TemplateItem[]) {
    const raw = item.metadata?.annotations?.[ANN_DICT_ENABLE];
    const value = raw?.toLowerCase();
    if (raw !== undefined && value !== 'true' && value !== 'false') {
      return `the ${ANN_DICT_ENABLE} annotation of a dataImportCronTemplate must be either "true" or "false"`;
    }
    const enabled = raw === undefined || value === 'true';
    if (enabled && !item.spec)
      return 'dataImportCronTemplate spec is empty for an enabled DataImportCronTemplate';
  }
  return undefined;
}

/** Building the SSP CR fails on a repeated template name (operands.NewSSP). */
function duplicateTemplate(hc: K8sObject): string | undefined {
  const seen = new Set<string>();
  for (const item of (hc.spec?.dataImportCronTemplates ?? []) as TemplateItem[]) {
    const name = item.metadata?.name ?? '';
    if (seen.has(name)) return `${name} DataImportCronTable is already defined`;
    seen.add(name);
  }
  return undefined;
}

/** What the dry-run update of the CDI CR would reject: CDI's CRD pattern on filesystemOverhead values. */
function invalidCdiConfig(hc: K8sObject): ApiError | undefined {
  const overhead = hc.spec?.filesystemOverhead;
  if (!overhead) return undefined;
  const entries: [string, unknown][] = [];
  if (overhead.global !== undefined) entries.push(['spec.config.filesystemOverhead.global', overhead.global]);
  for (const [sc, value] of Object.entries(overhead.storageClass ?? {})) {
    entries.push([`spec.config.filesystemOverhead.storageClass.${sc}`, value]);
  }
  const bad = entries.filter(([, value]) => typeof value !== 'string' || !OVERHEAD_PATTERN.test(value));
  if (bad.length === 0) return undefined;
  const causes = bad.map(([field, value]) => ({
    reason: 'FieldValueInvalid',
    field,
    message: `Invalid value: ${JSON.stringify(value)}: ${field} in body should match '^(0(?:\\.\\d{1,3})?|1)$'`,
  }));
  return new ApiError(
    422,
    'Invalid',
    `CDI.cdi.kubevirt.io "${CDI_NAME}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`,
    causes,
    { name: CDI_NAME, group: 'cdi.kubevirt.io', kind: 'CDI' },
  );
}

/**
 * The CRD's `metadata.name` pattern, which the apiserver checks before any webhook runs (the simulator's
 * schema validation leaves metadata to the apiserver, so it is enforced here).
 */
function invalidName(hc: K8sObject): ApiError | undefined {
  const name = hc.metadata.name ?? '';
  if (name.includes(HCO_NAME)) return undefined;
  const message = `Invalid value: "${name}": metadata.name in body should match '${HCO_NAME}'`;
  return new ApiError(
    422,
    'Invalid',
    `HyperConverged.hco.kubevirt.io "${name}" is invalid: metadata.name: ${message}`,
    [{ reason: 'FieldValueInvalid', field: 'metadata.name', message }],
    { name, group: 'hco.kubevirt.io', kind: 'HyperConverged' },
  );
}

const FG_MOVED = (name: string) =>
  `spec.featureGates.${name} is deprecated and ignored. It will removed in a future version; use spec.${name} instead`;
const FG_DEPRECATED = (name: string) =>
  `spec.featureGates.${name} is deprecated and ignored. It will be removed in a future version;`;
const MOVED_GATES = [
  'enableApplicationAwareQuota',
  'enableCommonBootImageImport',
  'deployVmConsoleProxy',
  'deployKubeSecondaryDNS',
];
const DEPRECATED_GATES = [
  'withHostPassthroughCPU',
  'deployTektonTaskResources',
  'nonRoot',
  'enableManagedTenantQuota',
];

function featureGateWarnings(hc: K8sObject, old: K8sObject | undefined): string[] {
  const gates = hc.spec?.featureGates ?? {};
  const oldGates = old?.spec?.featureGates ?? {};
  const warnings = DEPRECATED_GATES.filter((g) => gates[g] !== undefined).map(FG_DEPRECATED);
  for (const g of MOVED_GATES) {
    const set = gates[g] !== undefined;
    if (old ? set && gates[g] !== oldGates[g] : set) warnings.push(FG_MOVED(g));
  }
  return warnings;
}

export const hcoValidator: AdmissionPlugin = (req, ctx) => {
  if (req.kind !== 'HyperConverged' || req.subresource) return;
  if (req.operation === 'DELETE') {
    const hc = req.oldObject;
    if (!hc) return;
    const blocker = cdiUninstallBlocker(ctx, hc.spec?.uninstallStrategy);
    if (blocker) throw nestedDenial(WEBHOOKS.hcoValidate, blocker);
    return;
  }
  const hc = req.object;
  if (!hc) return;
  let error: string | undefined;
  if (req.operation === 'CREATE') {
    const nameError = invalidName(hc);
    if (nameError) throw nameError;
    error =
      validateCertConfig(hc) ??
      (hc.metadata.namespace !== HCO_NAMESPACE
        ? `invalid namespace for v1beta1.HyperConverged - please use the ${HCO_NAMESPACE} namespace`
        : undefined) ??
      validateTemplates(hc) ??
      duplicateTemplate(hc);
    if (error) throw deny(error);
    return { warnings: featureGateWarnings(hc, undefined) };
  }
  error = validateTemplates(hc);
  if (error) throw deny(error);
  const warnings = featureGateWarnings(hc, req.oldObject);
  const old = req.oldObject;
  if (old && jsonEqual(old.spec, hc.spec) && jsonEqual(old.metadata.annotations, hc.metadata.annotations)) {
    return { warnings };
  }
  error = validateCertConfig(hc) ?? duplicateTemplate(hc);
  if (error) throw deny(error);
  const cdiError = invalidCdiConfig(hc);
  if (cdiError) throw nestedDenial(WEBHOOKS.hcoValidate, cdiError);
  return { warnings };
};
