import type { K8sObject } from './sim-api';
import type { FieldError } from './validation/field-errors';
import { clone, deepEqual } from './util';

/**
 * The apiserver's create/update strategy for the built-in kinds our plugin writes or installs (StorageClass, PVC,
 * RBAC bindings, Deployment, Service, NetworkPolicy, PodDisruptionBudget): defaults, required fields and
 * immutability, worded as pkg/apis/{storage,core,apps,policy,rbac}/validation word them. Complex invalid values are
 * printed as JSON, as apimachinery's field.Error has since Kubernetes 1.34.
 */

const BINDING_MODES: unknown[] = ['Immediate', 'WaitForFirstConsumer'];
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RECLAIM_POLICIES: unknown[] = ['Delete', 'Recycle', 'Retain'];

/** Defaults applied on decode (SetDefaults_StorageClass, SetDefaults_PersistentVolumeClaim). */
export function defaultBuiltin(kind: string, obj: K8sObject, op: 'CREATE' | 'UPDATE' | 'SEED'): void {
  if (kind === 'StorageClass') {
    obj.reclaimPolicy ??= 'Delete';
    obj.volumeBindingMode ??= 'Immediate';
  } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    // SetDefaults_RoleBinding / SetDefaults_Subject (pkg/apis/rbac/v1/defaults.go).
    if (obj.roleRef && typeof obj.roleRef === 'object') {
      const ref = obj.roleRef as Record<string, unknown>;
      if (!ref.apiGroup) obj.roleRef = { ...ref, apiGroup: RBAC_GROUP };
    }
    if (Array.isArray(obj.subjects)) {
      obj.subjects = obj.subjects.map((s: Record<string, unknown>) =>
        s && !s.apiGroup && (s.kind === 'User' || s.kind === 'Group') ? { ...s, apiGroup: RBAC_GROUP } : s,
      );
    }
  } else if (kind === 'PersistentVolumeClaim') {
    if (obj.spec && typeof obj.spec === 'object') obj.spec.volumeMode ??= 'Filesystem';
    // PrepareForCreate: a new claim starts Pending (status cannot be set on create).
    if (op === 'CREATE') obj.status = { phase: 'Pending' };
  } else if (kind === 'Deployment') {
    defaultDeployment(obj, op);
  } else if (kind === 'Service') {
    defaultService(obj, op);
  } else if (kind === 'NetworkPolicy') {
    defaultNetworkPolicy(obj);
  } else if (kind === 'PodDisruptionBudget' && op === 'CREATE') {
    // PrepareForCreate: status starts empty (policy/v1 serializes its counters, they are not omitempty).
    obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- built-in specs are untyped JSON */
type Json = Record<string, any>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The spec as a private copy (callers may share nested objects with the stored or the seed object). */
const ownSpec = (obj: K8sObject): Json | undefined => {
  if (!isObj(obj.spec)) return undefined;
  obj.spec = clone(obj.spec);
  return obj.spec;
};

/** SetDefaults_Container's image pull policy: Always for `:latest` or an untagged image, else IfNotPresent. */
function defaultPullPolicy(image: unknown): string {
  const ref = String(image ?? '');
  if (ref.includes('@')) return 'IfNotPresent';
  const lastSegment = ref.slice(ref.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** SetDefaults_PodSpec and SetDefaults_Container (pkg/apis/core/v1/defaults.go) for a pod template. */
function defaultPodTemplateSpec(spec: Json): void {
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const list of [spec.initContainers, spec.containers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isObj(c)) continue;
      c.terminationMessagePath ??= '/dev/termination-log';
      c.terminationMessagePolicy ??= 'File';
      c.imagePullPolicy ??= defaultPullPolicy(c.image);
      if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p)) p.protocol ??= 'TCP';
    }
  }
}

/** SetDefaults_Deployment (pkg/apis/apps/v1/defaults.go); PrepareForCreate starts with an empty status. */
function defaultDeployment(obj: K8sObject, op: 'CREATE' | 'UPDATE' | 'SEED'): void {
  const spec = ownSpec(obj);
  if (spec) {
    spec.replicas ??= 1;
    spec.strategy ??= {};
    spec.strategy.type ??= 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {};
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      spec.strategy.rollingUpdate.maxSurge ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    if (isObj(spec.template)) {
      spec.template.metadata ??= {};
      if (isObj(spec.template.spec)) defaultPodTemplateSpec(spec.template.spec);
    }
  }
  if (op === 'CREATE') obj.status = {};
}

/** SetDefaults_Service (pkg/apis/core/v1/defaults.go); PrepareForCreate starts with an empty load balancer. */
function defaultService(obj: K8sObject, op: 'CREATE' | 'UPDATE' | 'SEED'): void {
  const spec = ownSpec(obj);
  if (spec) {
    spec.sessionAffinity ||= 'None';
    if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
    spec.type ||= 'ClusterIP';
    if (Array.isArray(spec.ports)) {
      for (const p of spec.ports) {
        if (!isObj(p)) continue;
        p.protocol ||= 'TCP';
        if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
      }
    }
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !spec.externalTrafficPolicy)
      spec.externalTrafficPolicy = 'Cluster';
    if (['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type))
      spec.internalTrafficPolicy ??= 'Cluster';
  }
  if (op === 'CREATE') obj.status = { loadBalancer: {} };
}

/** SetDefaults_NetworkPolicy (pkg/apis/networking/v1/defaults.go): ports TCP, policyTypes from the rules. */
function defaultNetworkPolicy(obj: K8sObject): void {
  const spec = ownSpec(obj);
  if (!spec) return;
  spec.podSelector ??= {};
  for (const rules of [spec.ingress, spec.egress]) {
    if (!Array.isArray(rules)) continue;
    for (const rule of rules)
      if (isObj(rule) && Array.isArray(rule.ports))
        for (const p of rule.ports) if (isObj(p)) p.protocol ??= 'TCP';
  }
  if (!Array.isArray(spec.policyTypes) || !spec.policyTypes.length) {
    spec.policyTypes = ['Ingress'];
    if (Array.isArray(spec.egress) && spec.egress.length) spec.policyTypes.push('Egress');
  }
}

// ---- Service IP and node port allocation (pkg/registry/core/service/storage/alloc.go) ----------------------------

/** The service network OpenShift installs with by default. */
export const SERVICE_CIDR = '172.30.0.0/16';
const SERVICE_NET = (172 << 24) | (30 << 16);
const SERVICE_NET_SIZE = 1 << 16;
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

const ipToInt = (ip: string): number | undefined => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m || m.slice(1).some((x) => Number(x) > 255)) return undefined;
  return m.slice(1).reduce((n, x) => n * 256 + Number(x), 0);
};
const intToIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
const inServiceNet = (ip: string) => {
  const n = ipToInt(ip);
  return n !== undefined && n >>> 16 === SERVICE_NET >>> 16 && (n & 0xffff) !== 0 && (n & 0xffff) !== 0xffff;
};

/** A stable start point per object (so a run allocates the same addresses), probed upwards to a free one. */
function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const hasClusterIP = (spec: Json) => spec.type !== 'ExternalName' && spec.clusterIP !== 'None';

/**
 * What the Service REST storage does before validation: on create it allocates a cluster IP from
 * {@link SERVICE_CIDR} (or checks a requested one) and node ports for NodePort/LoadBalancer services, and sets
 * the single-stack IPv4 family fields; on update it keeps what was allocated when the request leaves it out
 * (patchAllocatedValues) and reconciles `clusterIP` with `clusterIPs` (NormalizeClusterIPs). `services` are the
 * stored ones. Seeds (`strict` false) only fill in what is missing.
 */
export function allocateService(
  obj: K8sObject,
  old: K8sObject | undefined,
  services: readonly K8sObject[],
  strict = true,
): FieldError[] {
  const spec = isObj(obj.spec) ? obj.spec : undefined;
  if (!spec) return [];
  const others = services.filter(
    (s) => !(s.metadata.name === obj.metadata.name && s.metadata.namespace === obj.metadata.namespace),
  );
  const oldSpec: Json = old && isObj(old.spec) ? old.spec : {};
  if (old) {
    // patchAllocatedValues: a client that leaves out the allocated values keeps them.
    if (hasClusterIP(spec) && hasClusterIP(oldSpec)) {
      if (!spec.clusterIP && !spec.clusterIPs) {
        spec.clusterIP = oldSpec.clusterIP;
        spec.clusterIPs = oldSpec.clusterIPs;
      }
      spec.ipFamilies ??= oldSpec.ipFamilies;
      spec.ipFamilyPolicy ??= oldSpec.ipFamilyPolicy;
    }
    // NormalizeClusterIPs.
    const sameIPs = JSON.stringify(spec.clusterIPs ?? []) === JSON.stringify(oldSpec.clusterIPs ?? []);
    if (oldSpec.clusterIPs?.length && !spec.clusterIPs?.length && oldSpec.clusterIP === spec.clusterIP)
      spec.clusterIPs = oldSpec.clusterIPs;
    else if (oldSpec.clusterIP !== spec.clusterIP) {
      if (oldSpec.clusterIP && !spec.clusterIP) {
        if (sameIPs) delete spec.clusterIPs;
      } else if (sameIPs) spec.clusterIPs = [spec.clusterIP];
    }
    if (Array.isArray(spec.ports) && Array.isArray(oldSpec.ports)) {
      for (const p of spec.ports) {
        const was = oldSpec.ports.find((o: Json) => o?.port === p?.port && o?.protocol === p?.protocol);
        if (isObj(p) && !p.nodePort && was?.nodePort && spec.type !== 'ClusterIP') p.nodePort = was.nodePort;
      }
    }
    return [];
  }
  const errors: FieldError[] = [];
  if (spec.type === 'ExternalName') return errors;
  if (spec.clusterIP && !spec.clusterIPs) spec.clusterIPs = [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  if (spec.clusterIP !== 'None') {
    const used = new Set(others.flatMap((s) => (Array.isArray(s.spec?.clusterIPs) ? s.spec.clusterIPs : [])));
    const requested: unknown = spec.clusterIPs?.[0] ?? spec.clusterIP;
    if (typeof requested === 'string' && requested) {
      if (strict) {
        let problem: string | undefined;
        if (!inServiceNet(requested))
          problem = `the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
        else if (used.has(requested)) problem = 'provided IP is already allocated';
        if (problem) {
          errors.push({
            type: 'Invalid',
            field: 'spec.clusterIPs',
            goValue: JSON.stringify(spec.clusterIPs),
            detail: `failed to allocate IP ${requested}: ${problem}`,
          });
        }
      }
    } else {
      const start = hashOf(`${obj.metadata.namespace}/${obj.metadata.name}`) % SERVICE_NET_SIZE;
      for (let i = 0; i < SERVICE_NET_SIZE; i++) {
        const offset = (start + i) % SERVICE_NET_SIZE;
        if (offset < 2 || offset === SERVICE_NET_SIZE - 1) continue; // network, .0.1 (the kubernetes service), broadcast
        const ip = intToIp(SERVICE_NET + offset);
        if (!used.has(ip)) {
          spec.clusterIP = ip;
          spec.clusterIPs = [ip];
          break;
        }
      }
    }
  }
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && Array.isArray(spec.ports)) {
    const usedPorts = new Set(
      [...others.map((s) => s.spec?.ports), spec.ports].flatMap((ps) =>
        Array.isArray(ps) ? ps.map((p: Json) => p?.nodePort).filter(Boolean) : [],
      ),
    );
    const range = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    spec.ports.forEach((p: Json, i: number) => {
      if (!isObj(p) || p.nodePort) return;
      const start = hashOf(`${obj.metadata.namespace}/${obj.metadata.name}/${i}`) % range;
      for (let j = 0; j < range; j++) {
        const port = NODE_PORT_MIN + ((start + j) % range);
        if (!usedPorts.has(port)) {
          p.nodePort = port;
          usedPorts.add(port);
          break;
        }
      }
    });
  }
  return errors;
}

// ---- label selectors (apimachinery pkg/apis/meta/v1 LabelSelectorAsSelector, pkg/labels) -------------------------

/** Whether a metav1.LabelSelector selects `labels` (an empty selector selects everything, none nothing). */
export function labelSelectorMatches(selector: unknown, labels: Record<string, string> | undefined): boolean {
  if (!isObj(selector)) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(isObj(selector.matchLabels) ? selector.matchLabels : {}))
    if (l[k] !== v) return false;
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const values: unknown[] = Array.isArray(e?.values) ? e.values : [];
    const has = Object.prototype.hasOwnProperty.call(l, e?.key);
    if (e?.operator === 'In' && !(has && values.includes(l[e.key]))) return false;
    if (e?.operator === 'NotIn' && has && values.includes(l[e.key])) return false;
    if (e?.operator === 'Exists' && !has) return false;
    if (e?.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** labels.Selector.String() of a metav1.LabelSelector: requirements sorted by key ("" selects everything). */
export function labelSelectorString(selector: unknown): string {
  if (!isObj(selector)) return '';
  const reqs: [string, string][] = [];
  for (const [k, v] of Object.entries(isObj(selector.matchLabels) ? selector.matchLabels : {}))
    reqs.push([k, `${k}=${String(v)}`]);
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const values = [...(Array.isArray(e?.values) ? e.values : [])].map(String).sort().join(',');
    const key = String(e?.key ?? '');
    const text =
      e?.operator === 'In'
        ? `${key} in (${values})`
        : e?.operator === 'NotIn'
          ? `${key} notin (${values})`
          : e?.operator === 'Exists'
            ? key
            : `!${key}`;
    reqs.push([key, text]);
  }
  return reqs
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((r) => r[1])
    .join(',');
}

/** Go's json.Marshal of a map: keys sorted. */
const goJson = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${goJson(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
};

// ---- Deployment (pkg/apis/apps/validation ValidateDeployment, pkg/apis/core/validation ValidatePodTemplateSpec) ---

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function validateDns1123Label(value: string, field: string, errors: FieldError[]): void {
  if (value.length > 63)
    errors.push({ type: 'Invalid', field, value, detail: 'must be no more than 63 characters' });
  if (!DNS1123_LABEL.test(value)) errors.push({ type: 'Invalid', field, value, detail: DNS1123_LABEL_MSG });
}

/** validateContainers: at least one, each named (a DNS-1123 label, unique) with an image. */
function validateContainers(containers: unknown, field: string, errors: FieldError[]): void {
  if (!Array.isArray(containers) || !containers.length) {
    errors.push({ type: 'Required', field });
    return;
  }
  const names = new Set<string>();
  containers.forEach((c: Json, i: number) => {
    const path = `${field}[${i}]`;
    const name = isObj(c) ? c.name : undefined;
    if (!name) errors.push({ type: 'Required', field: `${path}.name` });
    else {
      validateDns1123Label(String(name), `${path}.name`, errors);
      if (names.has(name)) errors.push({ type: 'Duplicate', field: `${path}.name`, value: name });
      names.add(name);
    }
    if (!isObj(c) || !c.image) errors.push({ type: 'Required', field: `${path}.image` });
  });
}

function validateDeployment(d: K8sObject, old: K8sObject | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const spec: Json = isObj(d.spec) ? d.spec : {};
  if (typeof spec.replicas === 'number' && spec.replicas < 0) {
    errors.push({
      type: 'Invalid',
      field: 'spec.replicas',
      value: spec.replicas,
      detail: 'must be greater than or equal to 0',
    });
  }
  const selector = spec.selector;
  if (!isObj(selector)) errors.push({ type: 'Required', field: 'spec.selector' });
  else if (!Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length) {
    errors.push({
      type: 'Invalid',
      field: 'spec.selector',
      goValue: goJson(selector),
      detail: 'empty selector is invalid for deployment',
    });
  }
  const template: Json | undefined = isObj(spec.template) ? spec.template : undefined;
  if (!template) errors.push({ type: 'Required', field: 'spec.template' });
  else {
    const labels = isObj(template.metadata?.labels) ? template.metadata.labels : {};
    if (isObj(selector) && labelSelectorString(selector) && !labelSelectorMatches(selector, labels)) {
      errors.push({
        type: 'Invalid',
        field: 'spec.template.metadata.labels',
        goValue: goJson(labels),
        detail: '`selector` does not match template `labels`',
      });
    }
    const podSpec: Json = isObj(template.spec) ? template.spec : {};
    validateContainers(podSpec.containers, 'spec.template.spec.containers', errors);
    if (podSpec.restartPolicy !== 'Always') {
      errors.push({
        type: 'NotSupported',
        field: 'spec.template.spec.restartPolicy',
        value: podSpec.restartPolicy,
        supported: ['Always'],
      });
    }
  }
  const strategy: Json = isObj(spec.strategy) ? spec.strategy : {};
  if (!['Recreate', 'RollingUpdate'].includes(strategy.type)) {
    errors.push({
      type: 'NotSupported',
      field: 'spec.strategy.type',
      value: strategy.type,
      supported: ['Recreate', 'RollingUpdate'],
    });
  } else if (strategy.type === 'Recreate' && strategy.rollingUpdate) {
    errors.push({
      type: 'Forbidden',
      field: 'spec.strategy.rollingUpdate',
      detail: "may not be specified when strategy `type` is 'Recreate'",
    });
  }
  // ValidateDeploymentUpdate: apps/v1 selectors are immutable.
  if (old && goJson(old.spec?.selector) !== goJson(spec.selector)) {
    errors.push({
      type: 'Invalid',
      field: 'spec.selector',
      goValue: goJson(spec.selector ?? null),
      detail: 'field is immutable',
    });
  }
  return errors;
}

// ---- Service (pkg/apis/core/validation ValidateService, ValidateServiceUpdate) -----------------------------------

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PORT_RANGE_MSG = 'must be between 1 and 65535, inclusive';

/** validation.IsValidPortName (apimachinery pkg/util/validation). */
function portNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) out.push('must contain at least one letter (a-z)');
  if (name.includes('--')) out.push('must not contain consecutive hyphens (-)');
  if (name.startsWith('-') || name.endsWith('-')) out.push('must not begin or end with a hyphen (-)');
  return out;
}

const validPort = (p: unknown) => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535;

function validateService(svc: K8sObject, old: K8sObject | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const spec: Json = isObj(svc.spec) ? svc.spec : {};
  const headless = spec.clusterIP === 'None';
  const ports: Json[] = Array.isArray(spec.ports) ? spec.ports : [];
  if (!ports.length && !headless && spec.type !== 'ExternalName')
    errors.push({ type: 'Required', field: 'spec.ports' });
  if (spec.type === 'ExternalName' && !spec.externalName)
    errors.push({ type: 'Required', field: 'spec.externalName' });
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    if (!isObj(p)) return;
    if (ports.length > 1 && !p.name) errors.push({ type: 'Required', field: `${path}.name` });
    else if (p.name) {
      validateDns1123Label(String(p.name), `${path}.name`, errors);
      if (names.has(p.name)) errors.push({ type: 'Duplicate', field: `${path}.name`, value: p.name });
      names.add(p.name);
    }
    if (!validPort(p.port))
      errors.push({ type: 'Invalid', field: `${path}.port`, value: p.port ?? 0, detail: PORT_RANGE_MSG });
    if (!PROTOCOLS.includes(p.protocol))
      errors.push({
        type: 'NotSupported',
        field: `${path}.protocol`,
        value: p.protocol,
        supported: PROTOCOLS,
      });
    if (typeof p.targetPort === 'string') {
      for (const detail of portNameProblems(p.targetPort))
        errors.push({ type: 'Invalid', field: `${path}.targetPort`, value: p.targetPort, detail });
    } else if (!validPort(p.targetPort)) {
      errors.push({
        type: 'Invalid',
        field: `${path}.targetPort`,
        value: p.targetPort,
        detail: PORT_RANGE_MSG,
      });
    }
    if (p.nodePort && spec.type === 'ClusterIP') {
      errors.push({
        type: 'Forbidden',
        field: `${path}.nodePort`,
        detail: "may not be used when `type` is 'ClusterIP'",
      });
    }
  });
  if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) {
    errors.push({
      type: 'NotSupported',
      field: 'spec.sessionAffinity',
      value: spec.sessionAffinity,
      supported: ['ClientIP', 'None'],
    });
  }
  if (!SERVICE_TYPES.includes(spec.type))
    errors.push({ type: 'NotSupported', field: 'spec.type', value: spec.type, supported: SERVICE_TYPES });
  if (spec.clusterIP && spec.clusterIPs?.[0] && spec.clusterIP !== spec.clusterIPs[0]) {
    errors.push({
      type: 'Invalid',
      field: 'spec.clusterIPs',
      goValue: goJson(spec.clusterIPs),
      detail: 'element [0] must match clusterIP',
    });
  }
  if (old) {
    // validateUpgradeDowngradeClusterIPs: an allocated cluster IP never changes.
    const oldSpec: Json = isObj(old.spec) ? old.spec : {};
    const was: string[] = Array.isArray(oldSpec.clusterIPs) ? oldSpec.clusterIPs : [];
    const now: string[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
    const external = spec.type === 'ExternalName' || oldSpec.type === 'ExternalName';
    const bothHeadless = headless && oldSpec.clusterIP === 'None';
    if (!external && !bothHeadless) {
      if (was.length && !now.length) {
        errors.push({
          type: 'Invalid',
          field: 'spec.clusterIPs[0]',
          goValue: goJson(now),
          detail: 'primary clusterIP can not be unset',
        });
      } else if (was.length && now[0] !== was[0]) {
        errors.push({
          type: 'Invalid',
          field: 'spec.clusterIPs[0]',
          goValue: goJson(now),
          detail: 'may not change once set',
        });
      }
    }
  }
  return errors;
}

// ---- NetworkPolicy (pkg/apis/networking/validation ValidateNetworkPolicySpec) ------------------------------------

function validateNetworkPolicy(np: K8sObject): FieldError[] {
  const errors: FieldError[] = [];
  const spec: Json = isObj(np.spec) ? np.spec : {};
  const types: unknown[] = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') {
      errors.push({
        type: 'NotSupported',
        field: `spec.policyTypes[${i}]`,
        value: t,
        supported: ['Egress', 'Ingress'],
      });
    }
  });
  for (const [dir, rules] of [
    ['ingress', spec.ingress],
    ['egress', spec.egress],
  ] as const) {
    (Array.isArray(rules) ? rules : []).forEach((rule: Json, i: number) => {
      (Array.isArray(rule?.ports) ? rule.ports : []).forEach((p: Json, j: number) => {
        const path = `spec.${dir}[${i}].ports[${j}]`;
        if (p?.protocol !== undefined && !PROTOCOLS.includes(p.protocol))
          errors.push({
            type: 'NotSupported',
            field: `${path}.protocol`,
            value: p.protocol,
            supported: PROTOCOLS,
          });
        if (typeof p?.port === 'number' && !validPort(p.port))
          errors.push({ type: 'Invalid', field: `${path}.port`, value: p.port, detail: PORT_RANGE_MSG });
      });
    });
  }
  return errors;
}

// ---- PodDisruptionBudget (pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec) ----------------------------

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent (pkg/apis/apps/validation). */
function validateIntOrPercent(value: unknown, field: string, errors: FieldError[]): void {
  if (typeof value === 'number') {
    if (value < 0)
      errors.push({ type: 'Invalid', field, value, detail: 'must be greater than or equal to 0' });
    return;
  }
  const m = /^(\d+)%$/.exec(String(value));
  if (!m) {
    errors.push({
      type: 'Invalid',
      field,
      value,
      detail:
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    });
    return;
  }
  if (Number(m[1]) > 100)
    errors.push({ type: 'Invalid', field, value, detail: 'must not be greater than 100%' });
}

function validatePdb(pdb: K8sObject): FieldError[] {
  const errors: FieldError[] = [];
  const spec: Json = isObj(pdb.spec) ? pdb.spec : {};
  const set = (v: unknown) => v !== undefined && v !== null;
  if (set(spec.minAvailable) && set(spec.maxUnavailable)) {
    // The internal PodDisruptionBudgetSpec has no json tags: Go field names.
    const internal = {
      MinAvailable: spec.minAvailable,
      Selector: spec.selector ?? null,
      MaxUnavailable: spec.maxUnavailable,
      UnhealthyPodEvictionPolicy: spec.unhealthyPodEvictionPolicy ?? null,
    };
    errors.push({
      type: 'Invalid',
      field: 'spec',
      goValue: `{${Object.entries(internal)
        .map(([k, v]) => `${JSON.stringify(k)}:${goJson(v)}`)
        .join(',')}}`,
      detail: 'minAvailable and maxUnavailable cannot be both set',
    });
  }
  if (set(spec.minAvailable)) validateIntOrPercent(spec.minAvailable, 'spec.minAvailable', errors);
  if (set(spec.maxUnavailable)) validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable', errors);
  if (
    set(spec.unhealthyPodEvictionPolicy) &&
    !['AlwaysAllow', 'IfHealthyBudget'].includes(String(spec.unhealthyPodEvictionPolicy))
  ) {
    errors.push({
      type: 'NotSupported',
      field: 'spec.unhealthyPodEvictionPolicy',
      value: spec.unhealthyPodEvictionPolicy,
      supported: ['AlwaysAllow', 'IfHealthyBudget'],
    });
  }
  return errors;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function validateStorageClass(sc: K8sObject, old: K8sObject | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!sc.provisioner) errors.push({ type: 'Required', field: 'provisioner' });
  if (!RECLAIM_POLICIES.includes(sc.reclaimPolicy)) {
    errors.push({
      type: 'NotSupported',
      field: 'reclaimPolicy',
      value: sc.reclaimPolicy,
      supported: RECLAIM_POLICIES,
    });
  }
  if (!BINDING_MODES.includes(sc.volumeBindingMode)) {
    errors.push({
      type: 'NotSupported',
      field: 'volumeBindingMode',
      value: sc.volumeBindingMode,
      supported: BINDING_MODES,
    });
  }
  if (!old) return errors;
  const forbidden = (field: string) =>
    errors.push({ type: 'Forbidden', field, detail: `updates to ${field} are forbidden.` });
  if (!deepEqual(sc.parameters ?? {}, old.parameters ?? {})) forbidden('parameters');
  if (sc.provisioner !== old.provisioner) forbidden('provisioner');
  if (sc.reclaimPolicy !== old.reclaimPolicy) forbidden('reclaimPolicy');
  if (sc.volumeBindingMode !== old.volumeBindingMode) {
    errors.push({
      type: 'Invalid',
      field: 'volumeBindingMode',
      value: sc.volumeBindingMode,
      detail: 'field is immutable',
    });
  }
  return errors;
}

function validateClaim(pvc: K8sObject, old: K8sObject | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!pvc.spec?.accessModes?.length) {
    errors.push({
      type: 'Required',
      field: 'spec.accessModes',
      detail: 'at least 1 access mode is required',
    });
  }
  if (!old) return errors;
  // What may change: volumeName once, requests of a bound claim, the volume attributes class.
  const next = clone(pvc.spec ?? {});
  const prev = clone(old.spec ?? {});
  if (!prev.volumeName) delete next.volumeName;
  delete prev.volumeAttributesClassName;
  delete next.volumeAttributesClassName;
  if (old.status?.phase === 'Bound') {
    if (prev.resources) delete prev.resources.requests;
    if (next.resources) delete next.resources.requests;
  }
  if (!deepEqual(next, prev)) {
    errors.push({
      type: 'Forbidden',
      field: 'spec',
      detail:
        'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    });
  }
  return errors;
}

/** Go's %#v of the internal rbac.RoleRef, as field.Invalid prints it. */
const goRoleRef = (ref: Record<string, unknown> | undefined) =>
  `rbac.RoleRef{APIGroup:${JSON.stringify(ref?.apiGroup ?? '')}, Kind:${JSON.stringify(ref?.kind ?? '')}, Name:${JSON.stringify(ref?.name ?? '')}}`;

/** ValidateRoleBindingUpdate / ValidateClusterRoleBindingUpdate (pkg/apis/rbac/validation): roleRef is immutable. */
function validateBinding(binding: K8sObject, old: K8sObject | undefined): FieldError[] {
  if (!old) return [];
  const ref = binding.roleRef as Record<string, unknown> | undefined;
  const was = old.roleRef as Record<string, unknown> | undefined;
  if (ref?.apiGroup === was?.apiGroup && ref?.kind === was?.kind && ref?.name === was?.name) return [];
  return [{ type: 'Invalid', field: 'roleRef', goValue: goRoleRef(ref), detail: 'cannot change roleRef' }];
}

/** Strategy validation of a built-in kind; `old` on update (main resource only). */
export function validateBuiltin(kind: string, obj: K8sObject, old: K8sObject | undefined): FieldError[] {
  if (kind === 'StorageClass') return validateStorageClass(obj, old);
  if (kind === 'PersistentVolumeClaim') return validateClaim(obj, old);
  if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') return validateBinding(obj, old);
  if (kind === 'Deployment') return validateDeployment(obj, old);
  if (kind === 'Service') return validateService(obj, old);
  if (kind === 'NetworkPolicy') return validateNetworkPolicy(obj);
  if (kind === 'PodDisruptionBudget') return validatePdb(obj);
  return [];
}
