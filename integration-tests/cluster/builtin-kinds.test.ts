import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, start, tempSeed } from './testing';
import type { RunningCluster } from './server';

/** The apiserver strategies of Deployment, Service, NetworkPolicy and PodDisruptionBudget, over HTTP. */

const SEED = {
  'ns.yaml': `
apiVersion: v1
kind: Namespace
metadata: {name: app}
---
apiVersion: v1
kind: Service
metadata: {name: seeded, namespace: app}
spec:
  ports: [{port: 80}]
`,
};

const template = (labels: Record<string, string>) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'web', image: 'quay.io/example/web:2.1', ports: [{ containerPort: 8080 }] }] },
});

describe('built-in kinds of a plugin installation', () => {
  let c: RunningCluster;
  beforeAll(async () => {
    c = await start({ seeds: [tempSeed(SEED)] });
  });
  afterAll(() => c.close());

  const ns = '/api/v1/namespaces/app';
  const apps = '/apis/apps/v1/namespaces/app';

  it('defaults a Service and allocates a cluster IP from 172.30.0.0/16 (seeded ones too)', async () => {
    const r = await call(c.url, 'POST', `${ns}/services`, {
      metadata: { name: 'web' },
      spec: {
        selector: { app: 'web' },
        ports: [
          { name: 'https', port: 443, targetPort: 'https' },
          { name: 'metrics', port: 9000 },
        ],
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
        { name: 'metrics', port: 9000, protocol: 'TCP', targetPort: 9000 },
      ],
    });
    expect(r.body.spec.clusterIP).toMatch(/^172\.30\.\d+\.\d+$/);
    expect(r.body.spec.clusterIPs).toEqual([r.body.spec.clusterIP]);
    expect(r.body.status).toEqual({ loadBalancer: {} });
    expect(r.body.metadata.generation).toBeUndefined();
    const seeded = (await call(c.url, 'GET', `${ns}/services/seeded`)).body;
    expect(seeded.spec.clusterIP).toMatch(/^172\.30\./);
    expect(seeded.spec.clusterIP).not.toBe(r.body.spec.clusterIP);
  });

  it('refuses a requested cluster IP outside the range or taken, and unnamed ports when there are several', async () => {
    const taken = (await call(c.url, 'GET', `${ns}/services/seeded`)).body.spec.clusterIP;
    const svc = (name: string, spec: object) =>
      call(c.url, 'POST', `${ns}/services?dryRun=All`, { metadata: { name }, spec });
    const outside = await svc('outside', { clusterIP: '10.0.0.5', ports: [{ port: 80 }] });
    expect(outside.status).toBe(422);
    expect(outside.body.message).toBe(
      'Service "outside" is invalid: spec.clusterIPs: Invalid value: ["10.0.0.5"]: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 172.30.0.0/16',
    );
    const dup = await svc('dup', { clusterIP: taken, ports: [{ port: 80 }] });
    expect(dup.body.message).toContain(`failed to allocate IP ${taken}: provided IP is already allocated`);
    const unnamed = await svc('unnamed', { ports: [{ port: 80 }, { port: 81, protocol: 'ICMP' }] });
    expect(unnamed.body.message).toBe(
      'Service "unnamed" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value, spec.ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"]',
    );
    const headless = await svc('headless', { clusterIP: 'None', selector: { app: 'x' } });
    expect(headless.status).toBe(201);
    expect(headless.body.spec.clusterIPs).toEqual(['None']);
    const nodePort = await svc('np', { type: 'NodePort', ports: [{ port: 80 }] });
    expect(nodePort.body.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort.body.spec.externalTrafficPolicy).toBe('Cluster');
  });

  it('defaults a Deployment, keeps generation and status as the apps strategy does', async () => {
    const r = await call(c.url, 'POST', `${apps}/deployments`, {
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) },
      status: { readyReplicas: 5 },
    });
    expect(r.status).toBe(201);
    expect(r.body.metadata.generation).toBe(1);
    expect(r.body.status).toEqual({});
    expect(r.body.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      template: {
        spec: {
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
          terminationGracePeriodSeconds: 30,
          securityContext: {},
          containers: [
            {
              imagePullPolicy: 'IfNotPresent',
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              ports: [{ containerPort: 8080, protocol: 'TCP' }],
            },
          ],
        },
      },
    });
    const scaled = await call(
      c.url,
      'PATCH',
      `${apps}/deployments/web`,
      { spec: { replicas: 3 } },
      {
        type: 'application/merge-patch+json',
      },
    );
    expect(scaled.body.metadata.generation).toBe(2);
    const status = await call(
      c.url,
      'PATCH',
      `${apps}/deployments/web/status`,
      { status: { readyReplicas: 3, replicas: 3 } },
      { type: 'application/merge-patch+json' },
    );
    expect(status.status).toBe(200);
    expect(status.body.metadata.generation).toBe(2);
    const table = await call(c.url, 'GET', `${apps}/deployments/web`, undefined, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
    });
    expect(table.body.rows[0].cells.slice(0, 4)).toEqual(['web', '3/3', 0, 0]);
    const moved = await call(
      c.url,
      'PATCH',
      `${apps}/deployments/web`,
      { spec: { selector: { matchLabels: { app: 'other' } }, template: template({ app: 'other' }) } },
      { type: 'application/merge-patch+json' },
    );
    expect(moved.status).toBe(422);
    expect(moved.body.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"other"}}: field is immutable',
    );
    const latest = await call(c.url, 'POST', `${apps}/deployments?dryRun=All`, {
      metadata: { name: 'latest' },
      spec: {
        selector: { matchLabels: { app: 'l' } },
        template: {
          metadata: { labels: { app: 'l' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
    });
    expect(latest.body.spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
  });

  it('refuses an empty selector, a non-Always restart policy and a Recreate strategy with rollingUpdate', async () => {
    const r = await call(c.url, 'POST', `${apps}/deployments?dryRun=All`, {
      metadata: { name: 'bad' },
      spec: {
        selector: {},
        strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } },
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'Web', image: 'nginx' }] } },
      },
    });
    expect(r.status).toBe(422);
    expect(r.body.details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.selector',
        message: 'Invalid value: {}: empty selector is invalid for deployment',
      },
      {
        reason: 'FieldValueInvalid',
        field: 'spec.template.spec.containers[0].name',
        message: expect.stringMatching(/^Invalid value: "Web": a lowercase RFC 1123 label must consist of/),
      },
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.template.spec.restartPolicy',
        message: 'Unsupported value: "Never": supported values: "Always"',
      },
      {
        reason: 'FieldValueForbidden',
        field: 'spec.strategy.rollingUpdate',
        message: "Forbidden: may not be specified when strategy `type` is 'Recreate'",
      },
    ]);
  });

  it('defaults NetworkPolicy policyTypes and ports, and starts a PodDisruptionBudget with zero counters', async () => {
    const np = await call(c.url, 'POST', '/apis/networking.k8s.io/v1/namespaces/app/networkpolicies', {
      metadata: { name: 'web' },
      spec: { ingress: [{ ports: [{ port: 9443 }] }], egress: [{}] },
    });
    expect(np.status).toBe(201);
    expect(np.body.spec).toEqual({
      podSelector: {},
      ingress: [{ ports: [{ port: 9443, protocol: 'TCP' }] }],
      egress: [{}],
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(np.body.metadata.generation).toBe(1);
    const pdb = await call(c.url, 'POST', '/apis/policy/v1/namespaces/app/poddisruptionbudgets', {
      metadata: { name: 'web' },
      spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } },
    });
    expect(pdb.status).toBe(201);
    expect(pdb.body.status).toEqual({
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 0,
    });
    const over = await call(c.url, 'POST', '/apis/policy/v1/namespaces/app/poddisruptionbudgets?dryRun=All', {
      metadata: { name: 'over' },
      spec: { maxUnavailable: '150%' },
    });
    expect(over.body.message).toBe(
      'PodDisruptionBudget.policy "over" is invalid: spec.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    );
  });

  it('serves the kinds in discovery with their short names and status subresources', async () => {
    const core = (await call(c.url, 'GET', '/api/v1')).body.resources;
    expect(core.find((r: { name: string }) => r.name === 'services')).toMatchObject({
      shortNames: ['svc'],
      categories: ['all'],
    });
    expect(core.some((r: { name: string }) => r.name === 'services/status')).toBe(true);
    const appsV1 = (await call(c.url, 'GET', '/apis/apps/v1')).body.resources.map(
      (r: { name: string }) => r.name,
    );
    expect(appsV1).toEqual(['deployments', 'deployments/status']);
    const policy = (await call(c.url, 'GET', '/apis/policy/v1')).body.resources;
    expect(policy[0]).toMatchObject({ name: 'poddisruptionbudgets', shortNames: ['pdb'] });
    const net = (await call(c.url, 'GET', '/apis/networking.k8s.io/v1')).body.resources;
    expect(net).toEqual([expect.objectContaining({ name: 'networkpolicies', shortNames: ['netpol'] })]);
    const groups = (await call(c.url, 'GET', '/apis')).body.groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['console.openshift.io', 'operator.openshift.io']));
  });
});

describe('console CRDs opt-out', () => {
  it('serves no console groups with consoleCrdsDir: false', async () => {
    const c = await start({ consoleCrdsDir: false });
    try {
      const groups = (await call(c.url, 'GET', '/apis')).body.groups.map((g: { name: string }) => g.name);
      expect(groups).not.toContain('console.openshift.io');
      expect(groups).not.toContain('operator.openshift.io');
    } finally {
      await c.close();
    }
  });
});
