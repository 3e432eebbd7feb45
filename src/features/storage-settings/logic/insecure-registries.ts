import type { EditableField } from '../../../k8s/edit-session';
import { hcoPath, type HcoVersioned } from '../../../k8s/hco-paths';

/**
 * `spec.storageImport.insecureRegistries` of the HyperConverged (v1: `spec.storage.storageImport.…`): a set list (`x-kubernetes-list-type: set`) of
 * registries CDI pulls from without verifying TLS. HCO copies it to `CDI.spec.config.insecureRegistries`,
 * and the CDI config controller mirrors that into `CDIConfig.spec.insecureRegistries` (api-facts 1.1, 1.5, 6).
 *
 * CDI compares each entry with the host part of the import URL (`docker://host[:port]/image`), so an entry is
 * `host` or `host:port`: no scheme, no path, no user info.
 */

export const INSECURE_REGISTRIES_FIELD_ID = 'insecureRegistries';

/**
 * The one form field, at the path of the HyperConverged's version: the whole list, sent whole (a set list is
 * replaced as one value).
 */
export const insecureRegistriesField = (hco: HcoVersioned): EditableField<string[]> => ({
  id: INSECURE_REGISTRIES_FIELD_ID,
  path: hcoPath('insecureRegistries', hco),
  read: (stored) => (Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : []),
  // An empty list removes the field, so "none" is stored one way only.
  write: (list) => (list.length === 0 ? undefined : list),
});

export type RegistryProblem =
  | { code: 'empty' }
  | { code: 'scheme'; scheme: string }
  | { code: 'path' }
  | { code: 'user-info' }
  | { code: 'whitespace' }
  | { code: 'bad-host' }
  | { code: 'bad-port'; port: string }
  | { code: 'duplicate' };

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_BRACKETED = /^\[[0-9a-f:.]+(%[\w.-]+)?\]$/i;

const validHost = (host: string): boolean => {
  if (host.startsWith('[')) return IPV6_BRACKETED.test(host) && host.includes(':');
  if (IPV4.test(host)) return true;
  if (host.length === 0 || host.length > 253) return false;
  return host.split('.').every((label) => DNS_LABEL.test(label));
};

/** Splits `host[:port]`; a bracketed IPv6 address keeps its colons. */
export const splitHostPort = (entry: string): { host: string; port?: string } => {
  if (entry.startsWith('[')) {
    const end = entry.indexOf(']');
    if (end < 0) return { host: entry };
    const rest = entry.slice(end + 1);
    return rest.startsWith(':') ? { host: entry.slice(0, end + 1), port: rest.slice(1) } : { host: entry };
  }
  const at = entry.lastIndexOf(':');
  return at < 0 ? { host: entry } : { host: entry.slice(0, at), port: entry.slice(at + 1) };
};

/**
 * Why `raw` cannot be added to `existing` (after trimming), or undefined when it can. The first problem found
 * is returned: scheme and path first, because they are the usual mistake (pasting an image URL).
 */
export const validateRegistry = (raw: string, existing: readonly string[]): RegistryProblem | undefined => {
  const entry = raw.trim();
  if (entry === '') return { code: 'empty' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(entry);
  if (scheme) return { code: 'scheme', scheme: scheme[1] };
  if (/\s/.test(entry)) return { code: 'whitespace' };
  if (/[/?#]/.test(entry)) return { code: 'path' };
  if (entry.includes('@')) return { code: 'user-info' };
  const { host, port } = splitHostPort(entry);
  if (!validHost(host)) return { code: 'bad-host' };
  if (port !== undefined) {
    const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
    if (!(n >= 1 && n <= 65535)) return { code: 'bad-port', port };
  }
  if (existing.includes(entry)) return { code: 'duplicate' };
  return undefined;
};

/** The list with `raw` added (trimmed), or the list unchanged when it is not valid. */
export const addRegistry = (list: readonly string[], raw: string): string[] =>
  validateRegistry(raw, list) ? [...list] : [...list, raw.trim()];

export const removeRegistry = (list: readonly string[], entry: string): string[] =>
  list.filter((e) => e !== entry);

/**
 * Stored entries that CDI would never match (e.g. added with `oc` with a scheme or path), and repeated ones:
 * shown so the admin can remove them. Each entry is checked against the entries before it.
 */
export const storedProblems = (list: readonly string[]): { entry: string; problem: RegistryProblem }[] =>
  list.flatMap((entry, i) => {
    const problem = validateRegistry(entry, list.slice(0, i));
    return problem ? [{ entry, problem }] : [];
  });

export type AppliedState =
  /** CDIConfig shows the same set as configured. */
  | { kind: 'in-sync' }
  /** CDIConfig differs: HCO or CDI has not caught up yet (or something reverted it). */
  | { kind: 'differs'; onlyConfigured: string[]; onlyApplied: string[] }
  /** CDIConfig could not be read or is not there: nothing is known about what CDI applies. */
  | { kind: 'unknown' };

/** Configured (HyperConverged) vs applied (`CDIConfig.spec.insecureRegistries`), as sets. */
export const compareApplied = (
  configured: readonly string[],
  applied: readonly string[] | undefined,
): AppliedState => {
  if (applied === undefined) return { kind: 'unknown' };
  const onlyConfigured = configured.filter((e) => !applied.includes(e));
  const onlyApplied = applied.filter((e) => !configured.includes(e));
  return onlyConfigured.length === 0 && onlyApplied.length === 0
    ? { kind: 'in-sync' }
    : { kind: 'differs', onlyConfigured, onlyApplied };
};
