import { describe, expect, it } from 'vitest';
import type { K8sObject } from './sim-api';
import { ApiError } from './sim-api';
import {
  admitPodSecurity,
  checkPod,
  evaluatePodsInNamespace,
  forbiddenDetail,
  policyFromDefaults,
  policyToEvaluate,
  type Level,
  type PodSecurityStore,
} from './pod-security';

/* eslint-disable @typescript-eslint/no-explicit-any -- pod specs as JSON */

/** A pod spec every restricted check passes (the shape of the plugin's own Deployment template). */
const restrictedSpec = (): any => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    {
      name: 'plugin',
      image: 'quay.io/example/plugin:1.0',
      ports: [{ containerPort: 9443 }],
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      readinessProbe: { httpGet: { path: '/healthz', port: 9443, scheme: 'HTTPS' } },
    },
  ],
  volumes: [{ name: 'cert', secret: { secretName: 'plugin-cert' } }],
});

/** The detail text of a level's verdict, as the 403 and the warning carry it. */
const verdict = (level: Level, spec: any, annotations?: Record<string, string>) =>
  forbiddenDetail(checkPod(level, { annotations }, spec));

describe('Pod Security checks (k8s.io/pod-security-admission v0.35 wording)', () => {
  it('passes a pod that meets the restricted level, and privileged checks nothing', () => {
    expect(checkPod('restricted', {}, restrictedSpec()).allowed).toBe(true);
    expect(checkPod('baseline', {}, restrictedSpec()).allowed).toBe(true);
    expect(checkPod('privileged', {}, { hostNetwork: true }).allowed).toBe(true);
  });

  describe('baseline', () => {
    const failing: [string, (s: any) => void, string, Record<string, string>?][] = [
      [
        'hostNamespaces',
        (s) => Object.assign(s, { hostNetwork: true, hostPID: true }),
        'host namespaces (hostNetwork=true, hostPID=true)',
      ],
      [
        'privileged',
        (s) => (s.containers[0].securityContext.privileged = true),
        'privileged (container "plugin" must not set securityContext.privileged=true)',
      ],
      [
        'capabilities_baseline',
        (s) => (s.containers[0].securityContext.capabilities.add = ['SYS_ADMIN', 'NET_RAW', 'CHOWN']),
        'non-default capabilities (container "plugin" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)',
      ],
      [
        'hostPathVolumes',
        (s) => s.volumes.push({ name: 'host', hostPath: { path: '/var' } }),
        'hostPath volumes (volume "host")',
      ],
      [
        'hostPorts',
        (s) => (s.containers[0].ports = [{ containerPort: 9443, hostPort: 9443 }]),
        'hostPort (container "plugin" uses hostPort 9443)',
      ],
      [
        'procMount',
        (s) => (s.containers[0].securityContext.procMount = 'Unmasked'),
        'procMount (container "plugin" must not set securityContext.procMount to "Unmasked")',
      ],
      [
        'seccompProfile_baseline',
        (s) => (s.securityContext.seccompProfile = { type: 'Unconfined' }),
        'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
      ],
      [
        'sysctls',
        (s) => (s.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]),
        'forbidden sysctls (kernel.msgmax)',
      ],
      [
        'seLinuxOptions',
        (s) => (s.containers[0].securityContext.seLinuxOptions = { type: 'spc_t', user: 'root' }),
        'seLinuxOptions (container "plugin" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set)',
      ],
      [
        'appArmorProfile',
        (s) => (s.containers[0].securityContext.appArmorProfile = { type: 'Unconfined' }),
        'forbidden AppArmor profile (container "plugin" must not set AppArmor profile type to "Unconfined")',
      ],
      [
        // joinQuote wraps in quotes without escaping, so the annotation's own quotes show as they are.
        'appArmorProfile (annotation)',
        () => undefined,
        'forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/plugin="unconfined"")',
        { 'container.apparmor.security.beta.kubernetes.io/plugin': 'unconfined' },
      ],
      [
        'windowsHostProcess',
        (s) => (s.securityContext.windowsOptions = { hostProcess: true }),
        'hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
      ],
      [
        'hostProbesAndHostLifecycle',
        (s) => (s.containers[0].readinessProbe.httpGet.host = '10.0.0.1'),
        'probe or lifecycle host (container "plugin" uses probe or lifecycle host "10.0.0.1")',
      ],
    ];
    it.each(failing)('%s', (_id, weaken, detail, annotations) => {
      const spec = restrictedSpec();
      weaken(spec);
      expect(verdict('baseline', spec, annotations)).toBe(detail);
    });
  });

  describe('restricted', () => {
    const failing: [string, (s: any) => void, string][] = [
      [
        'allowPrivilegeEscalation',
        (s) => delete s.containers[0].securityContext.allowPrivilegeEscalation,
        'allowPrivilegeEscalation != false (container "plugin" must set securityContext.allowPrivilegeEscalation=false)',
      ],
      [
        'capabilities_restricted (drop)',
        (s) => delete s.containers[0].securityContext.capabilities,
        'unrestricted capabilities (container "plugin" must set securityContext.capabilities.drop=["ALL"])',
      ],
      [
        'capabilities_restricted (add)',
        (s) => (s.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE', 'CHOWN']),
        'unrestricted capabilities (container "plugin" must not include "CHOWN" in securityContext.capabilities.add)',
      ],
      [
        'runAsNonRoot',
        (s) => delete s.securityContext.runAsNonRoot,
        'runAsNonRoot != true (pod or container "plugin" must set securityContext.runAsNonRoot=true)',
      ],
      [
        'runAsNonRoot (explicit false)',
        (s) => (s.containers[0].securityContext.runAsNonRoot = false),
        'runAsNonRoot != true (container "plugin" must not set securityContext.runAsNonRoot=false)',
      ],
      ['runAsUser', (s) => (s.securityContext.runAsUser = 0), 'runAsUser=0 (pod must not set runAsUser=0)'],
      [
        'seccompProfile_restricted',
        (s) => delete s.securityContext.seccompProfile,
        'seccompProfile (pod or container "plugin" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      ],
      [
        'restrictedVolumes',
        (s) => s.volumes.push({ name: 'share', nfs: { server: 'nfs', path: '/' } }),
        'restricted volume types (volume "share" uses restricted volume type "nfs")',
      ],
      [
        'procMount_restricted (also in a user namespace)',
        (s) =>
          Object.assign(s, { hostUsers: false }) && (s.containers[0].securityContext.procMount = 'Unmasked'),
        'procMount (container "plugin" must not set securityContext.procMount to "Unmasked")',
      ],
    ];
    it.each(failing)('%s', (_id, weaken, detail) => {
      const spec = restrictedSpec();
      weaken(spec);
      expect(verdict('restricted', spec)).toBe(detail);
    });

    it('lists every failed check, baseline checks first, in upstream ID order', () => {
      const spec = { containers: [{ name: 'web', image: 'nginx' }], hostNetwork: true };
      expect(verdict('restricted', spec)).toBe(
        'host namespaces (hostNetwork=true), ' +
          'allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false), ' +
          'unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"]), ' +
          'runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true), ' +
          'seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      );
    });

    it('names init containers first and pluralizes', () => {
      const spec = restrictedSpec();
      spec.initContainers = [{ name: 'init', image: 'busybox', securityContext: {} }];
      spec.containers[0].securityContext = {};
      expect(verdict('restricted', spec)).toContain(
        'allowPrivilegeEscalation != false (containers "init", "plugin" must set securityContext.allowPrivilegeEscalation=false)',
      );
    });

    it('relaxes runAsNonRoot and runAsUser in a user namespace (hostUsers: false), as 1.35 does', () => {
      const spec = restrictedSpec();
      spec.hostUsers = false;
      spec.securityContext.runAsUser = 0;
      delete spec.securityContext.runAsNonRoot;
      expect(checkPod('restricted', {}, spec).allowed).toBe(true);
    });
  });
});

describe('Pod Security namespace labels', () => {
  it('reads enforce/warn/audit and their versions; warn follows a stricter enforce', () => {
    const { policy, errors } = policyToEvaluate({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
    expect(errors).toEqual([]);
    expect(policy).toEqual({
      enforce: { level: 'baseline', version: 'v1.30' },
      audit: { level: 'restricted', version: 'latest' },
      warn: { level: 'baseline', version: 'v1.30' },
    });
  });

  it('refuses invalid values with upstream field errors, failing closed for enforce', () => {
    const { policy, errors } = policyToEvaluate({
      'pod-security.kubernetes.io/enforce': 'strict',
      'pod-security.kubernetes.io/warn-version': '1.30',
    });
    expect(policy.enforce.level).toBe('restricted');
    expect(errors).toEqual([
      {
        type: 'Invalid',
        field: 'metadata.labels[pod-security.kubernetes.io/enforce]',
        value: 'strict',
        detail: 'must be one of privileged, baseline, restricted',
      },
      {
        type: 'Invalid',
        field: 'metadata.labels[pod-security.kubernetes.io/warn-version]',
        value: '1.30',
        detail: 'must be "latest" or "v1.x"',
      },
    ]);
  });

  it('uses the configured defaults for labels a namespace does not set', () => {
    const defaults = policyFromDefaults({ enforce: 'restricted', warn: 'restricted' });
    expect(policyToEvaluate({}, defaults).policy.enforce).toEqual({ level: 'restricted', version: 'latest' });
    expect(
      policyToEvaluate({ 'pod-security.kubernetes.io/enforce': 'privileged' }, defaults).policy.enforce.level,
    ).toBe('privileged');
  });
});

/** A tiny in-memory cluster for the admission function. */
function cluster(objects: K8sObject[]): PodSecurityStore {
  return {
    getRaw: (kind, name, ns) =>
      objects.find(
        (o) =>
          o.kind === kind &&
          o.metadata.name === name &&
          (kind === 'Namespace' || o.metadata.namespace === ns),
      ),
    listRaw: (kind, ns) => objects.filter((o) => o.kind === kind && (!ns || o.metadata.namespace === ns)),
  };
}

const ns = (name: string, labels: Record<string, string> = {}): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const pod = (name: string, spec: any, namespace = 'plugin'): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec,
});
const deployment = (spec: any): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'plugin' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec },
  },
});
const RESTRICTED = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
};

describe('PodSecurity admission', () => {
  const insecure = { containers: [{ name: 'web', image: 'nginx' }] };

  it('refuses a pod that violates enforce with 403 Forbidden, naming the pod', () => {
    const store = cluster([ns('plugin', RESTRICTED)]);
    const req = { operation: 'CREATE' as const, kind: 'Pod', namespace: 'plugin', name: 'web' };
    expect(admitPodSecurity(store, { ...req, object: pod('web', restrictedSpec()) })).toEqual([]);
    let err: unknown;
    try {
      admitPodSecurity(store, { ...req, object: pod('web', insecure) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 403, reason: 'Forbidden', details: { name: 'web', kind: 'pods' } });
    expect((err as ApiError).message).toMatch(
      /^pods "web" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "web" must set/,
    );
  });

  it('only warns for workload templates (enforce never refuses a Deployment)', () => {
    const store = cluster([ns('plugin', RESTRICTED)]);
    const warnings = admitPodSecurity(store, {
      operation: 'CREATE',
      kind: 'Deployment',
      namespace: 'plugin',
      name: 'web',
      object: deployment(insecure),
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "web"/,
    );
    expect(
      admitPodSecurity(store, {
        operation: 'CREATE',
        kind: 'Deployment',
        namespace: 'plugin',
        name: 'web',
        object: deployment(restrictedSpec()),
      }),
    ).toEqual([]);
  });

  it('warns for a pod under warn while enforce allows it', () => {
    const store = cluster([ns('plugin', { 'pod-security.kubernetes.io/warn': 'baseline' })]);
    const warnings = admitPodSecurity(store, {
      operation: 'CREATE',
      kind: 'Pod',
      namespace: 'plugin',
      name: 'p',
      object: pod('p', { ...insecure, hostPID: true }),
    });
    expect(warnings).toEqual(['would violate PodSecurity "baseline:latest": host namespaces (hostPID=true)']);
  });

  it('re-checks a pod update only when an image or the container list changes', () => {
    const store = cluster([ns('plugin', RESTRICTED)]);
    const old = pod('web', insecure);
    const relabeled = { ...old, metadata: { ...old.metadata, labels: { a: 'b' } } };
    const base = {
      operation: 'UPDATE' as const,
      kind: 'Pod',
      namespace: 'plugin',
      name: 'web',
      oldObject: old,
    };
    expect(admitPodSecurity(store, { ...base, object: relabeled })).toEqual([]);
    const newImage = pod('web', { containers: [{ name: 'web', image: 'nginx:2' }] });
    expect(() => admitPodSecurity(store, { ...base, object: newImage })).toThrow(/violates PodSecurity/);
  });

  it('refuses a namespace with an invalid level (422) and warns about existing pods when enforce tightens', () => {
    const store = cluster([
      ns('plugin'),
      pod('a', insecure),
      pod('b', insecure),
      pod('c', { ...insecure, hostIPC: true }),
      pod('ok', restrictedSpec()),
    ]);
    expect(() =>
      admitPodSecurity(store, {
        operation: 'CREATE',
        kind: 'Namespace',
        name: 'x',
        object: ns('x', { 'pod-security.kubernetes.io/enforce': 'strict' }),
      }),
    ).toThrow(
      'Namespace "x" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
    );
    const warnings = admitPodSecurity(store, {
      operation: 'UPDATE',
      kind: 'Namespace',
      name: 'plugin',
      object: ns('plugin', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
      oldObject: ns('plugin'),
    });
    const restricted =
      'allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile';
    expect(warnings).toEqual([
      'existing pods in namespace "plugin" violate the new PodSecurity enforce level "restricted:latest"',
      `a (and 1 other pod): ${restricted}`,
      `c: host namespaces, ${restricted}`,
    ]);
    // Loosening enforce checks nothing.
    expect(evaluatePodsInNamespace(store, 'plugin', { level: 'privileged', version: 'latest' })).toEqual([]);
  });

  it('lets everything through in a namespace without labels under the upstream defaults', () => {
    const store = cluster([ns('plugin')]);
    expect(
      admitPodSecurity(store, {
        operation: 'CREATE',
        kind: 'Pod',
        namespace: 'plugin',
        name: 'p',
        object: pod('p', { ...insecure, hostNetwork: true }),
      }),
    ).toEqual([]);
  });
});
