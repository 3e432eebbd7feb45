import { ApiError, type K8sObject } from './sim-api';
import { aggregateMessage, toCause, type FieldError } from './validation/field-errors';

/**
 * The PodSecurity admission plugin (k8s.io/pod-security-admission) as a Kubernetes 1.35 apiserver (OpenShift
 * 4.22) runs it, ported from kubernetes/pod-security-admission at tag v0.35.2 (the staging copy of
 * kubernetes/kubernetes `staging/src/k8s.io/pod-security-admission`). File and line references below are to that
 * tag. Every check's reason and detail is worded as upstream words it; a namespace label's version is parsed
 * as upstream parses it (and printed in messages) but every version is evaluated as `latest` (v1.35).
 *
 * Not modelled: exemptions (usernames, namespaces, runtime classes: none are configured), audit annotations,
 * metrics, the namespace check's one-second time budget.
 */

export type Level = 'privileged' | 'baseline' | 'restricted';

/** A level and the version label's value (`latest` or `v1.x`), as api.LevelVersion prints them. */
export interface LevelVersion {
  level: Level;
  version: string;
}

export interface PodSecurityPolicy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

/**
 * The plugin's `defaults` (PodSecurityConfiguration), used for labels a namespace does not set. Upstream
 * kube-apiserver defaults to privileged:latest for all three modes; OpenShift's "Restricted" enforcement mode
 * configures restricted:latest.
 */
export interface PodSecurityDefaults {
  enforce?: Level;
  'enforce-version'?: string;
  audit?: Level;
  'audit-version'?: string;
  warn?: Level;
  'warn-version'?: string;
}

export const PRIVILEGED_DEFAULTS: PodSecurityPolicy = {
  enforce: { level: 'privileged', version: 'latest' },
  audit: { level: 'privileged', version: 'latest' },
  warn: { level: 'privileged', version: 'latest' },
};

/** api/constants.go: the namespace labels. */
export const LABEL_PREFIX = 'pod-security.kubernetes.io/';
export const ENFORCE_LEVEL_LABEL = `${LABEL_PREFIX}enforce`;
export const ENFORCE_VERSION_LABEL = `${LABEL_PREFIX}enforce-version`;
export const AUDIT_LEVEL_LABEL = `${LABEL_PREFIX}audit`;
export const AUDIT_VERSION_LABEL = `${LABEL_PREFIX}audit-version`;
export const WARN_LEVEL_LABEL = `${LABEL_PREFIX}warn`;
export const WARN_VERSION_LABEL = `${LABEL_PREFIX}warn-version`;

const LEVELS: Level[] = ['privileged', 'baseline', 'restricted'];

export const levelVersionString = (lv: LevelVersion) => `${lv.level}:${lv.version}`;

// ---- api/helpers.go ----------------------------------------------------------------------------------------

/** ParseLevel (helpers.go:99): an unknown level is an error and evaluates as restricted. */
function parseLevel(value: string): { level: Level; error?: string } {
  if ((LEVELS as string[]).includes(value)) return { level: value as Level };
  return { level: 'restricted', error: `must be one of ${LEVELS.join(', ')}` };
}

/** ParseVersion (helpers.go:123): `latest` or `v1.<minor>`; anything else is an error and evaluates as latest. */
function parseVersion(value: string): { version: string; error?: string } {
  if (value === 'latest' || /^v1\.([0-9]|[1-9][0-9]*)$/.test(value)) return { version: value };
  return { version: 'latest', error: 'must be "latest" or "v1.x"' };
}

const compareLevels = (a: Level, b: Level) => LEVELS.indexOf(a) - LEVELS.indexOf(b);

/** The configured defaults as a policy (PodSecurityConfiguration defaults, `latest` when no version is given). */
export function policyFromDefaults(d: PodSecurityDefaults = {}): PodSecurityPolicy {
  return {
    enforce: { level: d.enforce ?? 'privileged', version: d['enforce-version'] ?? 'latest' },
    audit: { level: d.audit ?? 'privileged', version: d['audit-version'] ?? 'latest' },
    warn: { level: d.warn ?? 'privileged', version: d['warn-version'] ?? 'latest' },
  };
}

/**
 * PolicyToEvaluate (helpers.go:181): the namespace labels over the defaults, with field errors for bad values.
 * An invalid enforce level fails closed (restricted), invalid audit/warn levels fail open (privileged); warn
 * follows a stricter enforce level when no warn level is set.
 */
export function policyToEvaluate(
  labels: Record<string, string> | undefined,
  defaults: PodSecurityPolicy = PRIVILEGED_DEFAULTS,
): { policy: PodSecurityPolicy; errors: FieldError[] } {
  const p: PodSecurityPolicy = {
    enforce: { ...defaults.enforce },
    audit: { ...defaults.audit },
    warn: { ...defaults.warn },
  };
  const errors: FieldError[] = [];
  if (!labels || !Object.keys(labels).length) return { policy: p, errors };
  const err = (label: string, value: string, detail?: string) => {
    if (detail) errors.push({ type: 'Invalid', field: `metadata.labels[${label}]`, value, detail });
  };
  let hasEnforceLevel = false;
  let hasWarnLevel = false;
  let hasWarnVersion = false;
  if (labels[ENFORCE_LEVEL_LABEL] !== undefined) {
    const r = parseLevel(labels[ENFORCE_LEVEL_LABEL]);
    p.enforce.level = r.level;
    hasEnforceLevel = !r.error;
    err(ENFORCE_LEVEL_LABEL, labels[ENFORCE_LEVEL_LABEL], r.error);
  }
  if (labels[ENFORCE_VERSION_LABEL] !== undefined) {
    const r = parseVersion(labels[ENFORCE_VERSION_LABEL]);
    p.enforce.version = r.version;
    err(ENFORCE_VERSION_LABEL, labels[ENFORCE_VERSION_LABEL], r.error);
  }
  if (labels[AUDIT_LEVEL_LABEL] !== undefined) {
    const r = parseLevel(labels[AUDIT_LEVEL_LABEL]);
    p.audit.level = r.error ? 'privileged' : r.level;
    err(AUDIT_LEVEL_LABEL, labels[AUDIT_LEVEL_LABEL], r.error);
  }
  if (labels[AUDIT_VERSION_LABEL] !== undefined) {
    const r = parseVersion(labels[AUDIT_VERSION_LABEL]);
    p.audit.version = r.version;
    err(AUDIT_VERSION_LABEL, labels[AUDIT_VERSION_LABEL], r.error);
  }
  if (labels[WARN_LEVEL_LABEL] !== undefined) {
    hasWarnLevel = true;
    const r = parseLevel(labels[WARN_LEVEL_LABEL]);
    p.warn.level = r.error ? 'privileged' : r.level;
    err(WARN_LEVEL_LABEL, labels[WARN_LEVEL_LABEL], r.error);
  }
  if (labels[WARN_VERSION_LABEL] !== undefined) {
    hasWarnVersion = true;
    const r = parseVersion(labels[WARN_VERSION_LABEL]);
    p.warn.version = r.version;
    err(WARN_VERSION_LABEL, labels[WARN_VERSION_LABEL], r.error);
  }
  if (!hasWarnLevel && hasEnforceLevel && compareLevels(p.enforce.level, p.warn.level) > 0) {
    p.warn.level = p.enforce.level;
    if (!hasWarnVersion) p.warn.version = p.enforce.version;
  }
  return { policy: p, errors };
}

// ---- policy/checks.go, helpers.go, visitor.go ------------------------------------------------------------------

export interface CheckResult {
  allowed: boolean;
  forbiddenReason?: string;
  forbiddenDetail?: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- pod specs are untyped JSON here */
type PodSpec = Record<string, any>;
type Container = Record<string, any>;
type PodMeta = { annotations?: Record<string, string> } | undefined;

const ALLOWED: CheckResult = { allowed: true };

/** helpers.go joinQuote / pluralize. */
const joinQuote = (items: string[]) => (items.length ? `"${items.join('", "')}"` : '');
const pluralize = (singular: string, plural: string, count: number) => (count === 1 ? singular : plural);
/** sets.NewString(...).List(): unique, sorted (Go compares bytes; JS compares UTF-16 code units). */
const sortedSet = (items: Iterable<string>) => [...new Set(items)].sort();

/** visitor.go visitContainers: init containers, containers, then ephemeral containers. */
function visitContainers(spec: PodSpec, fn: (c: Container) => void): void {
  for (const list of [spec.initContainers, spec.containers, spec.ephemeralContainers]) {
    if (Array.isArray(list)) for (const c of list) if (c && typeof c === 'object') fn(c);
  }
}

/** helpers.go relaxPolicyForUserNamespacePod: `hostUsers: false`. */
const inUserNamespace = (spec: PodSpec) => spec.hostUsers === false;
const isWindows = (spec: PodSpec) => spec.os?.name === 'windows';
const sc = (c: Container) => c.securityContext as Record<string, any> | undefined;
const podSc = (spec: PodSpec) => spec.securityContext as Record<string, any> | undefined;
const containerList = (names: string[]) =>
  `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;

// ---- baseline checks -------------------------------------------------------------------------------------------

/** check_appArmorProfile.go:83 appArmorProfile_1_0. */
function appArmorProfile(meta: PodMeta, spec: PodSpec): CheckResult {
  const allowedType = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podProfile = podSc(spec)?.appArmorProfile;
  if (podProfile && !allowedType(podProfile.type)) {
    badSetters.push('pod');
    badValues.push(String(podProfile.type ?? ''));
  }
  const badContainers: string[] = [];
  visitContainers(spec, (c) => {
    const profile = sc(c)?.appArmorProfile;
    if (profile && !allowedType(profile.type)) {
      badContainers.push(c.name);
      badValues.push(String(profile.type ?? ''));
    }
  });
  if (badContainers.length) badSetters.push(containerList(badContainers));
  const prefix = 'container.apparmor.security.beta.kubernetes.io/';
  const forbiddenAnnotations = Object.entries(meta?.annotations ?? {})
    .filter(
      ([k, v]) =>
        k.startsWith(prefix) && !(v === '' || v === 'runtime/default' || v.startsWith('localhost/')),
    )
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .sort();
  const badValueList = sortedSet(badValues);
  if (forbiddenAnnotations.length) {
    badValueList.push(...forbiddenAnnotations);
    badSetters.push(pluralize('annotation', 'annotations', forbiddenAnnotations.length));
  }
  if (!badSetters.length) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: pluralize(
      'forbidden AppArmor profile',
      'forbidden AppArmor profiles',
      badValueList.length,
    ),
    forbiddenDetail: `${badSetters.join(' and ')} must not set AppArmor profile type to ${joinQuote(badValueList)}`,
  };
}

/** check_capabilities_baseline.go:79 capabilitiesBaseline_1_0 (the default set of container runtimes). */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

function capabilitiesBaseline(_meta: PodMeta, spec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  const nonDefault: string[] = [];
  visitContainers(spec, (c) => {
    const add = sc(c)?.capabilities?.add;
    if (!Array.isArray(add)) return;
    const bad = add.filter((cap: string) => !BASELINE_CAPABILITIES.has(cap));
    if (bad.length) {
      badContainers.push(c.name);
      nonDefault.push(...bad);
    }
  });
  if (!badContainers.length) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: 'non-default capabilities',
    forbiddenDetail: `${containerList(badContainers)} must not include ${joinQuote(sortedSet(nonDefault))} in securityContext.capabilities.add`,
  };
}

/** check_hostNamespaces.go:58 hostNamespaces_1_0. */
function hostNamespaces(_meta: PodMeta, spec: PodSpec): CheckResult {
  const used: string[] = [];
  if (spec.hostNetwork === true) used.push('hostNetwork=true');
  if (spec.hostPID === true) used.push('hostPID=true');
  if (spec.hostIPC === true) used.push('hostIPC=true');
  if (!used.length) return ALLOWED;
  return { allowed: false, forbiddenReason: 'host namespaces', forbiddenDetail: used.join(', ') };
}

/** check_hostPathVolumes.go:58 hostPathVolumes_1_0. */
function hostPathVolumes(_meta: PodMeta, spec: PodSpec): CheckResult {
  const volumes = (Array.isArray(spec.volumes) ? spec.volumes : [])
    .filter((v: any) => v?.hostPath)
    .map((v: any) => v.name);
  if (!volumes.length) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: 'hostPath volumes',
    forbiddenDetail: `${pluralize('volume', 'volumes', volumes.length)} ${joinQuote(volumes)}`,
  };
}

/** check_hostPorts.go:60 hostPorts_1_0. */
function hostPorts(_meta: PodMeta, spec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  const ports: string[] = [];
  visitContainers(spec, (c) => {
    const used = (Array.isArray(c.ports) ? c.ports : []).filter((p: any) => p?.hostPort);
    if (used.length) {
      badContainers.push(c.name);
      ports.push(...used.map((p: any) => String(p.hostPort)));
    }
  });
  if (!badContainers.length) return ALLOWED;
  const unique = sortedSet(ports);
  return {
    allowed: false,
    forbiddenReason: 'hostPort',
    forbiddenDetail: `${containerList(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', unique.length)} ${unique.join(', ')}`,
  };
}

/** check_hostProbesAndhostLifecycle.go:76 hostProbesAndHostLifecycleV1Dot34. */
function hostProbesAndHostLifecycle(_meta: PodMeta, spec: PodSpec): CheckResult {
  const badContainers: string[] = [];
  const hosts: string[] = [];
  const hostsOf = (handler: any): string[] =>
    handler ? [handler.httpGet?.host, handler.tcpSocket?.host].filter((h) => typeof h === 'string' && h) : [];
  visitContainers(spec, (c) => {
    const bad = [
      ...hostsOf(c.livenessProbe),
      ...hostsOf(c.readinessProbe),
      ...hostsOf(c.startupProbe),
      ...hostsOf(c.lifecycle?.postStart),
      ...hostsOf(c.lifecycle?.preStop),
    ];
    if (bad.length) {
      badContainers.push(c.name);
      hosts.push(...bad);
    }
  });
  if (!badContainers.length) return ALLOWED;
  const containers = sortedSet(badContainers);
  const unique = sortedSet(hosts);
  return {
    allowed: false,
    forbiddenReason: 'probe or lifecycle host',
    forbiddenDetail: `${containerList(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', unique.length)} ${joinQuote(unique)}`,
  };
}

/** check_privileged.go:56 privileged_1_0. */
function privileged(_meta: PodMeta, spec: PodSpec): CheckResult {
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    if (sc(c)?.privileged === true) bad.push(c.name);
  });
  if (!bad.length) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: 'privileged',
    forbiddenDetail: `${containerList(bad)} must not set securityContext.privileged=true`,
  };
}

/** check_procMount_baseline.go:66 procMount_1_0 (also the restricted check, procMount_restricted). */
function procMountStrict(_meta: PodMeta, spec: PodSpec): CheckResult {
  const bad: string[] = [];
  const types: string[] = [];
  visitContainers(spec, (c) => {
    const pm = sc(c)?.procMount;
    if (pm !== undefined && pm !== null && pm !== 'Default') {
      bad.push(c.name);
      types.push(String(pm));
    }
  });
  if (!bad.length) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: 'procMount',
    forbiddenDetail: `${containerList(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
  };
}

/** check_procMount_baseline.go:100 procMount1_35baseline: any procMount in a user namespace. */
const procMountBaseline = (meta: PodMeta, spec: PodSpec) =>
  inUserNamespace(spec) ? ALLOWED : procMountStrict(meta, spec);

/** check_seLinuxOptions.go:86 seLinuxOptions1_31. */
const SELINUX_TYPES = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

function seLinuxOptions(_meta: PodMeta, spec: PodSpec): CheckResult {
  const badSetters: string[] = [];
  const badTypes: string[] = [];
  let setUser = false;
  let setRole = false;
  const valid = (opts: any) => {
    let ok = true;
    const type = String(opts.type ?? '');
    if (!SELINUX_TYPES.has(type)) {
      ok = false;
      badTypes.push(type);
    }
    if (opts.user) {
      ok = false;
      setUser = true;
    }
    if (opts.role) {
      ok = false;
      setRole = true;
    }
    return ok;
  };
  const podOpts = podSc(spec)?.seLinuxOptions;
  if (podOpts && !valid(podOpts)) badSetters.push('pod');
  const badContainers: string[] = [];
  visitContainers(spec, (c) => {
    const opts = sc(c)?.seLinuxOptions;
    if (opts && !valid(opts)) badContainers.push(c.name);
  });
  if (badContainers.length) badSetters.push(containerList(badContainers));
  if (!badSetters.length) return ALLOWED;
  const badData: string[] = [];
  const types = sortedSet(badTypes);
  if (types.length) badData.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
  if (setUser) badData.push('user may not be set');
  if (setRole) badData.push('role may not be set');
  return {
    allowed: false,
    forbiddenReason: 'seLinuxOptions',
    forbiddenDetail: `${badSetters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${badData.join('; ')}`,
  };
}

const validSeccomp = (t: unknown) => t === 'Localhost' || t === 'RuntimeDefault';

/** check_seccompProfile_baseline.go:121 seccompProfileBaseline_1_19. */
function seccompProfileBaseline(_meta: PodMeta, spec: PodSpec): CheckResult {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podProfile = podSc(spec)?.seccompProfile;
  if (podProfile && !validSeccomp(podProfile.type)) {
    badSetters.push('pod');
    badValues.push(String(podProfile.type ?? ''));
  }
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    const profile = sc(c)?.seccompProfile;
    if (profile && !validSeccomp(profile.type)) {
      bad.push(c.name);
      badValues.push(String(profile.type ?? ''));
    }
  });
  if (bad.length) badSetters.push(containerList(bad));
  if (!badSetters.length) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: 'seccompProfile',
    forbiddenDetail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
  };
}

/** check_sysctls.go:130 sysctlsV1Dot32 (the set Kubernetes 1.35 allows). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

function sysctls(_meta: PodMeta, spec: PodSpec): CheckResult {
  const list = podSc(spec)?.sysctls;
  const forbidden = (Array.isArray(list) ? list : [])
    .map((s: any) => String(s?.name ?? ''))
    .filter((n: string) => !SAFE_SYSCTLS.has(n));
  if (!forbidden.length) return ALLOWED;
  return { allowed: false, forbiddenReason: 'forbidden sysctls', forbiddenDetail: forbidden.join(', ') };
}

/** check_windowsHostProcess.go:59 windowsHostProcess_1_0. */
function windowsHostProcess(_meta: PodMeta, spec: PodSpec): CheckResult {
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    if (sc(c)?.windowsOptions?.hostProcess === true) bad.push(c.name);
  });
  const setters: string[] = [];
  if (podSc(spec)?.windowsOptions?.hostProcess === true) setters.push('pod');
  if (bad.length) setters.push(containerList(bad));
  if (!setters.length) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: 'hostProcess',
    forbiddenDetail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
  };
}

// ---- restricted checks -----------------------------------------------------------------------------------------

/** check_allowPrivilegeEscalation.go:64,86 allowPrivilegeEscalation_1_25 (Windows pods exempt). */
function allowPrivilegeEscalation(_meta: PodMeta, spec: PodSpec): CheckResult {
  if (isWindows(spec)) return ALLOWED;
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    if (sc(c)?.allowPrivilegeEscalation !== false) bad.push(c.name);
  });
  if (!bad.length) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: 'allowPrivilegeEscalation != false',
    forbiddenDetail: `${containerList(bad)} must set securityContext.allowPrivilegeEscalation=false`,
  };
}

/** check_capabilities_restricted.go:79,138 capabilitiesRestricted_1_25: drop ALL, add only NET_BIND_SERVICE. */
function capabilitiesRestricted(_meta: PodMeta, spec: PodSpec): CheckResult {
  if (isWindows(spec)) return ALLOWED;
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  visitContainers(spec, (c) => {
    const caps = sc(c)?.capabilities;
    if (!caps) {
      missingDropAll.push(c.name);
      return;
    }
    if (!(Array.isArray(caps.drop) && caps.drop.includes('ALL'))) missingDropAll.push(c.name);
    const bad = (Array.isArray(caps.add) ? caps.add : []).filter((x: string) => x !== 'NET_BIND_SERVICE');
    if (bad.length) {
      addingForbidden.push(c.name);
      forbidden.push(...bad);
    }
  });
  const details: string[] = [];
  if (missingDropAll.length)
    details.push(`${containerList(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length)
    details.push(
      `${containerList(addingForbidden)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`,
    );
  if (!details.length) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: 'unrestricted capabilities',
    forbiddenDetail: details.join('; '),
  };
}

/** check_restrictedVolumes.go:88 restrictedVolumes_1_0: only the listed inline volume sources. */
const ALLOWED_VOLUME_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

function restrictedVolumes(_meta: PodMeta, spec: PodSpec): CheckResult {
  const badVolumes: string[] = [];
  const badTypes: string[] = [];
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (!v || typeof v !== 'object') continue;
    const has = (k: string) => v[k] !== undefined && v[k] !== null;
    if (ALLOWED_VOLUME_SOURCES.some(has)) continue;
    badVolumes.push(v.name);
    badTypes.push(RESTRICTED_VOLUME_SOURCES.find(has) ?? 'unknown');
  }
  if (!badVolumes.length) return ALLOWED;
  const types = sortedSet(badTypes);
  return {
    allowed: false,
    forbiddenReason: 'restricted volume types',
    forbiddenDetail: `${pluralize('volume', 'volumes', badVolumes.length)} ${joinQuote(badVolumes)} ${pluralize('uses', 'use', badVolumes.length)} ${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
  };
}

/** check_runAsNonRoot.go:67,78 runAsNonRoot1_35 (any value in a user namespace). */
function runAsNonRoot(_meta: PodMeta, spec: PodSpec): CheckResult {
  if (inUserNamespace(spec)) return ALLOWED;
  const badSetters: string[] = [];
  let podNonRoot = false;
  const pod = podSc(spec)?.runAsNonRoot;
  if (pod === false) badSetters.push('pod');
  else if (pod === true) podNonRoot = true;
  const explicit: string[] = [];
  const implicit: string[] = [];
  visitContainers(spec, (c) => {
    const v = sc(c)?.runAsNonRoot;
    if (v !== undefined && v !== null) {
      if (v === false) explicit.push(c.name);
    } else if (!podNonRoot) implicit.push(c.name);
  });
  if (explicit.length) badSetters.push(containerList(explicit));
  if (badSetters.length) {
    return {
      allowed: false,
      forbiddenReason: 'runAsNonRoot != true',
      forbiddenDetail: `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
    };
  }
  if (implicit.length) {
    return {
      allowed: false,
      forbiddenReason: 'runAsNonRoot != true',
      forbiddenDetail: `pod or ${containerList(implicit)} must set securityContext.runAsNonRoot=true`,
    };
  }
  return ALLOWED;
}

/** check_runAsUser.go:68,79 runAsUser1_35 (any value in a user namespace). */
function runAsUser(_meta: PodMeta, spec: PodSpec): CheckResult {
  if (inUserNamespace(spec)) return ALLOWED;
  const badSetters: string[] = [];
  if (podSc(spec)?.runAsUser === 0) badSetters.push('pod');
  const bad: string[] = [];
  visitContainers(spec, (c) => {
    if (sc(c)?.runAsUser === 0) bad.push(c.name);
  });
  if (bad.length) badSetters.push(containerList(bad));
  if (!badSetters.length) return ALLOWED;
  return {
    allowed: false,
    forbiddenReason: 'runAsUser=0',
    forbiddenDetail: `${badSetters.join(' and ')} must not set runAsUser=0`,
  };
}

/** check_seccompProfile_restricted.go:69,148 seccompProfileRestricted_1_25 (Windows pods exempt). */
function seccompProfileRestricted(_meta: PodMeta, spec: PodSpec): CheckResult {
  if (isWindows(spec)) return ALLOWED;
  const badSetters: string[] = [];
  const badValues: string[] = [];
  let podSet = false;
  const podProfile = podSc(spec)?.seccompProfile;
  if (podProfile) {
    if (!validSeccomp(podProfile.type)) {
      badSetters.push('pod');
      badValues.push(String(podProfile.type ?? ''));
    } else podSet = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  visitContainers(spec, (c) => {
    const profile = sc(c)?.seccompProfile;
    if (profile) {
      if (!validSeccomp(profile.type)) {
        explicit.push(c.name);
        badValues.push(String(profile.type ?? ''));
      }
    } else if (!podSet) implicit.push(c.name);
  });
  if (explicit.length) badSetters.push(containerList(explicit));
  if (badSetters.length) {
    return {
      allowed: false,
      forbiddenReason: 'seccompProfile',
      forbiddenDetail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
    };
  }
  if (implicit.length) {
    return {
      allowed: false,
      forbiddenReason: 'seccompProfile',
      forbiddenDetail: `pod or ${containerList(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    };
  }
  return ALLOWED;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// ---- policy/registry.go ----------------------------------------------------------------------------------------

type CheckFn = (meta: PodMeta, spec: PodSpec) => CheckResult;

/** The checks of Kubernetes 1.35 by ID, with the baseline checks a restricted check replaces. */
const BASELINE_CHECKS: Record<string, CheckFn> = {
  appArmorProfile,
  capabilities_baseline: capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount: procMountBaseline,
  seLinuxOptions,
  seccompProfile_baseline: seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
};
const RESTRICTED_CHECKS: Record<string, { fn: CheckFn; overrides?: string }> = {
  allowPrivilegeEscalation: { fn: allowPrivilegeEscalation },
  capabilities_restricted: { fn: capabilitiesRestricted, overrides: 'capabilities_baseline' },
  procMount_restricted: { fn: procMountStrict, overrides: 'procMount' },
  restrictedVolumes: { fn: restrictedVolumes, overrides: 'hostPathVolumes' },
  runAsNonRoot: { fn: runAsNonRoot },
  runAsUser: { fn: runAsUser },
  seccompProfile_restricted: { fn: seccompProfileRestricted, overrides: 'seccompProfile_baseline' },
};

/**
 * registry.go:140 populate: the checks a level runs, in message order (baseline IDs sorted, then restricted IDs
 * sorted, registry.go:166-168); restricted runs the baseline checks it does not override.
 */
const CHECK_ORDER: Record<Exclude<Level, 'privileged'>, CheckFn[]> = (() => {
  const baselineIds = Object.keys(BASELINE_CHECKS).sort();
  const restrictedIds = Object.keys(RESTRICTED_CHECKS).sort();
  const overridden = new Set(Object.values(RESTRICTED_CHECKS).map((c) => c.overrides));
  return {
    baseline: baselineIds.map((id) => BASELINE_CHECKS[id]),
    restricted: [
      ...baselineIds.filter((id) => !overridden.has(id)).map((id) => BASELINE_CHECKS[id]),
      ...restrictedIds.map((id) => RESTRICTED_CHECKS[id].fn),
    ],
  };
})();

/** EvaluatePod (registry.go): every check of the level, in order; privileged runs none. */
export function evaluatePod(level: Level, podMetadata: PodMeta, podSpec: PodSpec): CheckResult[] {
  if (level === 'privileged') return [];
  return CHECK_ORDER[level].map((check) => check(podMetadata, podSpec ?? {}));
}

export interface AggregateCheckResult {
  allowed: boolean;
  forbiddenReasons: string[];
  forbiddenDetails: string[];
}

/** checks.go:127 AggregateCheckResults. */
export function aggregateCheckResults(results: CheckResult[]): AggregateCheckResult {
  const failed = results.filter((r) => !r.allowed);
  return {
    allowed: failed.length === 0,
    forbiddenReasons: failed.map((r) => r.forbiddenReason || 'unknown forbidden reason'),
    forbiddenDetails: failed.map((r) => r.forbiddenDetail ?? ''),
  };
}

/** checks.go:106 ForbiddenDetail: `reason (detail), reason (detail)`. */
export function forbiddenDetail(a: AggregateCheckResult): string {
  return a.forbiddenReasons
    .map((reason, i) => (a.forbiddenDetails[i] ? `${reason} (${a.forbiddenDetails[i]})` : reason))
    .join(', ');
}

/** The message a pod that fails `level` gets: `violates PodSecurity "<level>:<version>": ...` detail only. */
export function checkPod(level: Level, podMetadata: PodMeta, podSpec: PodSpec): AggregateCheckResult {
  return aggregateCheckResults(evaluatePod(level, podMetadata, podSpec));
}

// ---- admission/admission.go ------------------------------------------------------------------------------------

/** admission.go:94 defaultPodSpecResources and :112 ExtractPodSpec: where each kind keeps its pod template. */
export const POD_TEMPLATE_KINDS: Record<string, (o: K8sObject) => K8sObject['spec'] | undefined> = {
  PodTemplate: (o) => o.template,
  ReplicationController: (o) => o.spec?.template,
  ReplicaSet: (o) => o.spec?.template ?? {},
  Deployment: (o) => o.spec?.template ?? {},
  StatefulSet: (o) => o.spec?.template ?? {},
  DaemonSet: (o) => o.spec?.template ?? {},
  Job: (o) => o.spec?.template ?? {},
  CronJob: (o) => o.spec?.jobTemplate?.spec?.template ?? {},
};

/** admission.go:316: pod subresources PodSecurity ignores. */
const IGNORED_POD_SUBRESOURCES = new Set([
  'exec',
  'attach',
  'binding',
  'eviction',
  'log',
  'portforward',
  'proxy',
  'status',
]);

/** What the plugin reads from the cluster (the simulator's Store satisfies it). */
export interface PodSecurityStore {
  getRaw(kind: string, name: string, namespace?: string): K8sObject | undefined;
  listRaw(kind: string, namespace?: string): K8sObject[];
}

export interface PodSecurityRequest {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  kind: string;
  subresource?: string;
  namespace?: string;
  /** The name the request carries (empty for a create with only generateName). */
  name: string;
  object: K8sObject;
  oldObject?: K8sObject;
}

const isFullyPrivileged = (p: PodSecurityPolicy) =>
  p.enforce.level === 'privileged' && p.audit.level === 'privileged' && p.warn.level === 'privileged';
const sameLevelVersion = (a: LevelVersion, b: LevelVersion) => a.level === b.level && a.version === b.version;

/** response.go:60 invalidResponse: a Namespace with bad labels is Invalid (422), as apierrors.NewInvalid words it. */
function invalidNamespace(name: string, errors: FieldError[]): ApiError {
  return new ApiError(
    422,
    'Invalid',
    `Namespace "${name}" is invalid: ${aggregateMessage(errors)}`,
    errors.map(toCause),
    { name, kind: 'Namespace' },
  );
}

/** admission.go:609 decoratePodWarnings. */
function decorate(podName: string, count: number, warning: string): string {
  if (count === 1) return `${podName}: ${warning}`;
  if (count === 2) return `${podName} (and 1 other pod): ${warning}`;
  return `${podName} (and ${count - 1} other pods): ${warning}`;
}

const NAMESPACE_MAX_PODS_TO_CHECK = 3000;

/**
 * admission.go:539 EvaluatePodsInNamespace: the warnings a namespace update that tightens `enforce` gets for the
 * pods already there (one line per distinct set of failed checks, naming the first pod by name and counting
 * the others). Pods of one controller are checked once before their siblings (admission.go:697 prioritizePods).
 */
export function evaluatePodsInNamespace(
  store: PodSecurityStore,
  namespace: string,
  enforce: LevelVersion,
): string[] {
  const pods = store.listRaw('Pod', namespace);
  const seen = new Set<string>();
  const first: K8sObject[] = [];
  const duplicates: K8sObject[] = [];
  for (const pod of pods) {
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (!owner) first.push(pod);
    else if (seen.has(owner.uid)) duplicates.push(pod);
    else {
      seen.add(owner.uid);
      first.push(pod);
    }
  }
  let prioritized = [...first, ...duplicates];
  const total = prioritized.length;
  if (prioritized.length > NAMESPACE_MAX_PODS_TO_CHECK)
    prioritized = prioritized.slice(0, NAMESPACE_MAX_PODS_TO_CHECK);
  const order: string[] = [];
  const counts = new Map<string, { podName: string; count: number }>();
  for (const pod of prioritized) {
    const r = checkPod(enforce.level, pod.metadata, pod.spec ?? {});
    if (r.allowed) continue;
    const warning = r.forbiddenReasons.join(', ');
    const c = counts.get(warning);
    if (!c) {
      order.push(warning);
      counts.set(warning, { podName: pod.metadata.name ?? '', count: 1 });
    } else {
      if ((pod.metadata.name ?? '') < c.podName) c.podName = pod.metadata.name ?? '';
      c.count++;
    }
  }
  const warnings: string[] = [];
  if (prioritized.length < total)
    warnings.push(
      `new PodSecurity enforce level only checked against the first ${prioritized.length} of ${total} existing pods`,
    );
  if (order.length)
    warnings.push(
      `existing pods in namespace ${JSON.stringify(namespace)} violate the new PodSecurity enforce level ${JSON.stringify(levelVersionString(enforce))}`,
    );
  const podWarnings = order.map((w) => decorate(counts.get(w)!.podName, counts.get(w)!.count, w)).sort();
  return [...warnings, ...podWarnings];
}

/** admission.go:229 ValidateNamespace. */
function validateNamespace(
  store: PodSecurityStore,
  req: PodSecurityRequest,
  defaults: PodSecurityPolicy,
): string[] {
  if (req.subresource) return [];
  const name = req.object.metadata.name ?? '';
  const { policy: next, errors } = policyToEvaluate(req.object.metadata.labels, defaults);
  if (req.operation === 'CREATE') {
    if (errors.length) throw invalidNamespace(name, errors);
    return [];
  }
  if (req.operation !== 'UPDATE' || !req.oldObject) return [];
  const { policy: old, errors: oldErrors } = policyToEvaluate(req.oldObject.metadata.labels, defaults);
  if (errors.length && (!oldErrors.length || JSON.stringify(errors) !== JSON.stringify(oldErrors)))
    throw invalidNamespace(name, errors);
  if (sameLevelVersion(next.enforce, old.enforce)) return [];
  if (next.enforce.level === 'privileged') return [];
  if (
    next.enforce.version === old.enforce.version &&
    compareLevels(next.enforce.level, old.enforce.level) < 1
  )
    return [];
  return evaluatePodsInNamespace(store, name, next.enforce);
}

/** admission.go:632 isSignificantPodUpdate: only image changes and added/removed containers are re-checked. */
function isSignificantPodUpdate(pod: K8sObject, old: K8sObject): boolean {
  const list = (o: K8sObject, k: string): Record<string, unknown>[] =>
    Array.isArray(o.spec?.[k]) ? o.spec[k] : [];
  for (const k of ['containers', 'initContainers']) {
    const a = list(pod, k);
    const b = list(old, k);
    if (a.length !== b.length) return true;
    if (a.some((c, i) => c?.image !== b[i]?.image)) return true;
  }
  const oldEphemeral = list(old, 'ephemeralContainers');
  return list(pod, 'ephemeralContainers').some((c) => {
    const o = oldEphemeral.find((x) => x?.name === c?.name);
    return !o || o.image !== c?.image;
  });
}

/**
 * admission.go:455 EvaluatePod: `enforce` refuses (pods only) with 403 Forbidden; `warn` adds a warning when the
 * request is allowed; audit only annotates the audit log, which the simulator does not keep.
 */
function evaluate(
  nsPolicy: PodSecurityPolicy,
  meta: PodMeta,
  spec: PodSpec,
  req: PodSecurityRequest,
  enforce: boolean,
): string[] {
  let enforceResult: AggregateCheckResult | undefined;
  if (enforce) {
    enforceResult = checkPod(nsPolicy.enforce.level, meta, spec);
    if (!enforceResult.allowed) {
      const detail = `violates PodSecurity ${JSON.stringify(levelVersionString(nsPolicy.enforce))}: ${forbiddenDetail(enforceResult)}`;
      // apierrors.NewForbidden(pods, name, err) (response.go:52).
      throw new ApiError(
        403,
        'Forbidden',
        req.name ? `pods "${req.name}" is forbidden: ${detail}` : `pods is forbidden: ${detail}`,
        undefined,
        { name: req.name || undefined, kind: 'pods' },
      );
    }
  }
  const warnResult =
    enforceResult && sameLevelVersion(nsPolicy.warn, nsPolicy.enforce)
      ? enforceResult
      : checkPod(nsPolicy.warn.level, meta, spec);
  if (warnResult.allowed) return [];
  return [
    `would violate PodSecurity ${JSON.stringify(levelVersionString(nsPolicy.warn))}: ${forbiddenDetail(warnResult)}`,
  ];
}

/**
 * The PodSecurity validating admission of one write (admission.go:213 Validate): returns the warnings to send,
 * throws the refusal (403 for a pod that violates `enforce`, 422 for a namespace with invalid labels).
 * Runs on dry-run requests as on real ones.
 */
export function admitPodSecurity(
  store: PodSecurityStore,
  req: PodSecurityRequest,
  defaults: PodSecurityPolicy = PRIVILEGED_DEFAULTS,
): string[] {
  if (req.operation === 'DELETE') return [];
  if (req.kind === 'Namespace') return validateNamespace(store, req, defaults);
  const isPod = req.kind === 'Pod';
  const template = POD_TEMPLATE_KINDS[req.kind];
  if (!isPod && !template) return [];
  // admission.go:331 (pods: listed subresources) and :395 (controllers: any subresource).
  if (isPod ? IGNORED_POD_SUBRESOURCES.has(req.subresource ?? '') : req.subresource) return [];
  const ns = req.namespace ? store.getRaw('Namespace', req.namespace) : undefined;
  if (!ns) return [];
  const { policy, errors } = policyToEvaluate(ns.metadata.labels, defaults);
  if (isPod) {
    if (!errors.length && isFullyPrivileged(policy)) return [];
    if (req.operation === 'UPDATE' && req.oldObject && !isSignificantPodUpdate(req.object, req.oldObject))
      return [];
    return evaluate(policy, req.object.metadata, req.object.spec ?? {}, req, true);
  }
  if (!errors.length && policy.warn.level === 'privileged' && policy.audit.level === 'privileged') return [];
  const tpl = template!(req.object);
  if (!tpl) return [];
  return evaluate(policy, tpl.metadata, tpl.spec ?? {}, req, false);
}
