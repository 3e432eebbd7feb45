import { DNS1123_SUBDOMAIN_MAX, isDns1123Subdomain, isQualifiedName } from '../../../k8s/names';
import { quantityToInteger, validateStorageSize, type StorageSizeError } from '../../../k8s/quantity';
import { cloneSource, IMMEDIATE_BIND_ANNOTATION, isCloneKind, type DataVolumeForm } from './dv-form';

/**
 * What is wrong with the wizard's input, caught at the field before any request. Rules are the CDI v1.65.0
 * validating webhook's (pkg/apiserver/webhooks/datavolume-validate.go, pkg/apiserver/webhooks/util.go) and
 * apimachinery's name rules (src/k8s/names.ts); a few warnings and notes explain what CDI will do.
 */

export type SourceRefField = 'source.namespace' | 'source.name';

export type DvProblem =
  | { field: 'name'; severity: 'error'; code: 'required' | 'dns1123-subdomain' | 'name-taken' }
  | { field: 'name'; severity: 'error'; code: 'too-long'; max: number }
  | { field: 'namespace' | 'source.namespace'; severity: 'error'; code: 'required' | 'namespace-unknown' }
  | { field: 'source.name'; severity: 'error'; code: 'required' | 'dns1123-subdomain' | 'source-not-found' }
  | { field: 'http.url' | 'registry.url'; severity: 'error'; code: 'required' | 'url-invalid' | 'url-scheme' }
  | { field: 'http.url'; severity: 'warning'; code: 'url-no-host' }
  | { field: 'contentType'; severity: 'error'; code: 'archive-not-allowed'; sourceKind: 'blank' | 'registry' }
  | { field: 'size'; severity: 'error'; code: 'required' }
  | { field: 'size'; severity: 'error'; code: 'size'; error: StorageSizeError }
  | { field: 'size'; severity: 'error'; code: 'smaller-than-source'; sourceBytes: number }
  | { field: 'storageClassName'; severity: 'error'; code: 'required' }
  | { field: 'storageClassName'; severity: 'error'; code: 'too-long'; max: number }
  | { field: 'accessModes'; severity: 'error'; code: 'required' | 'multiple' }
  | { field: 'volumeMode'; severity: 'error'; code: 'required' }
  | { field: 'preallocation'; severity: 'note'; code: 'preallocation-clone' }
  | {
      field: 'annotations';
      index: number;
      severity: 'error';
      code: 'key-required' | 'qualified-name' | 'duplicate';
    }
  | { field: 'annotations'; index: number; severity: 'warning'; code: 'use-immediate-bind' };

export type DvProblemSeverity = DvProblem['severity'];

export interface DvValidationContext {
  /** The namespaces that exist; undefined when they cannot be listed (nothing is claimed then). */
  namespaces?: readonly string[];
  /** Names of DataVolumes and PVCs already in the target namespace (the webhook refuses an existing PVC). */
  takenNames?: readonly string[];
  /** The clone source's size (PVC capacity or snapshot restoreSize), when known. */
  sourceSize?: { bytes: number };
  /** false when the clone source was looked up and does not exist; undefined when unknown. */
  sourceExists?: boolean;
}

/** Go's net/url rejects ASCII control characters (url.go `stringContainsCTLByte`); a space breaks the host. */
const hasCtlOrSpace = (s: string): boolean => [...s].some((c) => c <= ' ' || c === '\u007f');
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;

/**
 * An HTTP source URL as `validateSourceURL` checks it (util.go:227-240): `url.ParseRequestURI` (an absolute
 * URI whose remainder starts with '/'), scheme http, https or gs (Go lower-cases the scheme).
 */
export const checkHttpUrl = (
  url: string,
): 'required' | 'url-invalid' | 'url-scheme' | 'url-no-host' | undefined => {
  if (url === '') return 'required';
  const m = SCHEME.exec(url);
  if (!m || hasCtlOrSpace(url) || !m[2].startsWith('/')) return 'url-invalid';
  if (!['http', 'https', 'gs'].includes(m[1].toLowerCase())) return 'url-scheme';
  // The webhook lets "http:///x" through; the importer then cannot connect.
  if (!m[2].startsWith('//') || /^\/\/[/?#]|^\/\/$/.test(m[2])) return 'url-no-host';
  return undefined;
};

/** A registry URL as `validateDataVolumeSourceRegistry` checks it (util.go:101-131): docker:// or oci-archive://. */
export const checkRegistryUrl = (url: string): 'required' | 'url-invalid' | 'url-scheme' | undefined => {
  if (url === '') return 'required';
  const m = SCHEME.exec(url);
  if (hasCtlOrSpace(url)) return 'url-invalid';
  if (!m) return 'url-scheme';
  if (!['docker', 'oci-archive'].includes(m[1].toLowerCase())) return 'url-scheme';
  return undefined;
};

export const validateDataVolumeForm = (form: DataVolumeForm, ctx: DvValidationContext = {}): DvProblem[] => {
  const problems: DvProblem[] = [];
  const push = (p: DvProblem) => problems.push(p);
  const clone = isCloneKind(form.sourceKind);

  // name: the webhook checks only the length (datavolume-validate.go:54-62, :482); the PVC CDI creates
  // under the same name must be a DNS-1123 subdomain.
  const name = form.name.trim();
  if (name === '') push({ field: 'name', severity: 'error', code: 'required' });
  else if (name.length > DNS1123_SUBDOMAIN_MAX)
    push({ field: 'name', severity: 'error', code: 'too-long', max: DNS1123_SUBDOMAIN_MAX });
  else if (!isDns1123Subdomain(name)) push({ field: 'name', severity: 'error', code: 'dns1123-subdomain' });
  // "Destination PVC <ns>/<name> already exists" (datavolume-validate.go:488-521).
  else if (ctx.takenNames?.includes(name)) push({ field: 'name', severity: 'error', code: 'name-taken' });

  if (form.namespace === '') push({ field: 'namespace', severity: 'error', code: 'required' });
  else if (ctx.namespaces && !ctx.namespaces.includes(form.namespace))
    push({ field: 'namespace', severity: 'error', code: 'namespace-unknown' });

  // source
  if (form.sourceKind === 'http') {
    const code = checkHttpUrl(form.http.url.trim());
    if (code === 'url-no-host') push({ field: 'http.url', severity: 'warning', code });
    else if (code) push({ field: 'http.url', severity: 'error', code });
  } else if (form.sourceKind === 'registry') {
    const code = checkRegistryUrl(form.registry.url.trim());
    if (code) push({ field: 'registry.url', severity: 'error', code });
  } else if (clone) {
    const source = cloneSource(form)!;
    const explicitNs = form[form.sourceKind as 'pvc' | 'snapshot' | 'dataSource'].namespace.trim();
    if (explicitNs !== '' && ctx.namespaces && !ctx.namespaces.includes(explicitNs))
      push({ field: 'source.namespace', severity: 'error', code: 'namespace-unknown' });
    if (source.name === '') push({ field: 'source.name', severity: 'error', code: 'required' });
    else if (!isDns1123Subdomain(source.name))
      push({ field: 'source.name', severity: 'error', code: 'dns1123-subdomain' });
    else if (ctx.sourceExists === false)
      push({ field: 'source.name', severity: 'error', code: 'source-not-found' });
  }

  // contentType: util.go:72-83 (blank) and :84-92 (registry).
  if (form.contentType === 'archive' && (form.sourceKind === 'blank' || form.sourceKind === 'registry'))
    push({
      field: 'contentType',
      severity: 'error',
      code: 'archive-not-allowed',
      sourceKind: form.sourceKind,
    });

  // size: datavolume-validate.go:352-397. Empty only for a clone through spec.storage.
  const size = form.size.trim();
  if (size === '') {
    if (!clone || form.storageMode === 'explicit')
      push({ field: 'size', severity: 'error', code: 'required' });
  } else {
    const error = validateStorageSize(size);
    if (error) push({ field: 'size', severity: 'error', code: 'size', error });
    else if (clone && ctx.sourceSize && quantityToInteger(size)! < BigInt(Math.ceil(ctx.sourceSize.bytes)))
      push({
        field: 'size',
        severity: 'error',
        code: 'smaller-than-source',
        sourceBytes: ctx.sourceSize.bytes,
      });
  }

  // storage: datavolume-validate.go:336-350 (class name length), :97-124 (spec.pvc: exactly one access mode).
  const className = form.storageClassName.trim();
  if (className.length > DNS1123_SUBDOMAIN_MAX)
    push({ field: 'storageClassName', severity: 'error', code: 'too-long', max: DNS1123_SUBDOMAIN_MAX });
  if (form.storageMode === 'explicit') {
    if (className === '') push({ field: 'storageClassName', severity: 'error', code: 'required' });
    if (form.accessModes.length === 0) push({ field: 'accessModes', severity: 'error', code: 'required' });
    else if (form.accessModes.length > 1) push({ field: 'accessModes', severity: 'error', code: 'multiple' });
    if (form.volumeMode === '') push({ field: 'volumeMode', severity: 'error', code: 'required' });
  }

  // Preallocation reaches only host-assisted clones (pkg/controller/clone/planner.go:604-605); snapshot and
  // CSI clones are copied by the storage and do not preallocate.
  if (clone && form.preallocation === true)
    push({ field: 'preallocation', severity: 'note', code: 'preallocation-clone' });

  // annotations: keys are qualified names (apimachinery ValidateAnnotations) and unique.
  const seen = new Set<string>();
  form.annotations.forEach(({ key: raw, value }, index) => {
    const key = raw.trim();
    if (key === '') {
      if (value !== '') push({ field: 'annotations', index, severity: 'error', code: 'key-required' });
      return;
    }
    if (!isQualifiedName(key))
      push({ field: 'annotations', index, severity: 'error', code: 'qualified-name' });
    else if (seen.has(key)) push({ field: 'annotations', index, severity: 'error', code: 'duplicate' });
    else if (key === IMMEDIATE_BIND_ANNOTATION)
      push({ field: 'annotations', index, severity: 'warning', code: 'use-immediate-bind' });
    seen.add(key);
  });

  return problems;
};

export const hasErrors = (problems: readonly DvProblem[]): boolean =>
  problems.some((p) => p.severity === 'error');
