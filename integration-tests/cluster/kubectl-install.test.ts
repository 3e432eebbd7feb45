import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, hasKubectl, KUBECTL, kubectlFor, start, tempSeed, type Kubectl } from './testing';
import type { RunningCluster } from './server';

/**
 * kubectl against the kinds a console plugin installation writes (Deployment, Service, NetworkPolicy,
 * PodDisruptionBudget, ConsolePlugin, the Console operator config) and the admission a real OpenShift apiserver
 * runs on them (Pod Security, NamespaceLifecycle, the strategies' validation).
 */

const KUBECTL_MISSING = !hasKubectl();
if (KUBECTL_MISSING) console.warn(`kubectl not found (${KUBECTL}): skipping the install-kinds kubectl suite`);

const SEED = {
  'namespaces.yaml': `
apiVersion: v1
kind: Namespace
metadata:
  name: plugin
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/warn: restricted
---
apiVersion: v1
kind: Namespace
metadata:
  name: warned
  labels:
    pod-security.kubernetes.io/warn: restricted
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: owner-admin, namespace: plugin}
subjects: [{kind: User, name: owner, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ClusterRole, name: admin, apiGroup: rbac.authorization.k8s.io}
`,
};

const RESTRICTED_POD_SPEC = `
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
      - name: plugin
        image: quay.io/example/plugin:1.0
        ports: [{containerPort: 9443, protocol: TCP}]
        securityContext:
          allowPrivilegeEscalation: false
          capabilities: {drop: [ALL]}
        volumeMounts: [{name: cert, mountPath: /var/cert, readOnly: true}]
      volumes:
      - name: cert
        secret: {secretName: plugin-cert}`;

const INSTALL = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: plugin, namespace: plugin}
spec:
  replicas: 2
  selector: {matchLabels: {app: plugin}}
  template:
    metadata: {labels: {app: plugin}}
    spec:${RESTRICTED_POD_SPEC}
---
apiVersion: v1
kind: Service
metadata: {name: plugin, namespace: plugin}
spec:
  selector: {app: plugin}
  ports: [{name: https, port: 9443, protocol: TCP, targetPort: 9443}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: plugin, namespace: plugin}
spec:
  podSelector: {matchLabels: {app: plugin}}
  ingress: [{ports: [{port: 9443, protocol: TCP}]}]
  policyTypes: [Ingress]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: plugin, namespace: plugin}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: plugin}}
---
apiVersion: console.openshift.io/v1
kind: ConsolePlugin
metadata: {name: plugin}
spec:
  displayName: Storage for virtualization
  backend:
    type: Service
    service: {name: plugin, namespace: plugin, port: 9443}
  i18n: {loadType: Preload}
---
apiVersion: operator.openshift.io/v1
kind: Console
metadata: {name: cluster}
spec:
  managementState: Managed
  plugins: [plugin]
`;

describe.skipIf(KUBECTL_MISSING)('kubectl: the kinds of a plugin installation', () => {
  let c: RunningCluster;
  let dir: string;
  let kubectl: Kubectl;
  let file: (name: string, text: string) => string;

  beforeAll(async () => {
    c = await start({ seeds: [tempSeed(SEED)] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-kubectl-install-'));
    ({ kubectl, file } = kubectlFor(c.url, dir));
  });
  afterAll(async () => {
    await c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a compliant installation with apply --dry-run=server (no warning, nothing stored), then applies it', async () => {
    const f = file('install.yaml', INSTALL);
    const dry = await kubectl('apply', '--dry-run=server', '-f', f);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.out.trim().split('\n')).toEqual([
      'deployment.apps/plugin created (server dry run)',
      'service/plugin created (server dry run)',
      'networkpolicy.networking.k8s.io/plugin created (server dry run)',
      'poddisruptionbudget.policy/plugin created (server dry run)',
      'consoleplugin.console.openshift.io/plugin created (server dry run)',
      'console.operator.openshift.io/cluster created (server dry run)',
    ]);
    expect((await kubectl('get', 'deploy,svc,pdb,netpol', '-n', 'plugin', '-o', 'name')).out).toBe('');
    expect((await kubectl('get', 'consoleplugins,consoles', '-o', 'name')).out).toBe('');

    const real = await kubectl('apply', '-f', f);
    expect(real.err).toBe('');
    expect(real.out.match(/ created$/gm)).toHaveLength(6);
    const again = await kubectl('apply', '-f', f);
    // kubectl always re-sends a PDB selector (patchStrategy "replace"), as against a real cluster.
    expect(again.out).toContain('poddisruptionbudget.policy/plugin configured');
    expect(again.out.match(/ unchanged$/gm)).toHaveLength(5);

    const plugin = JSON.parse((await kubectl('get', 'consoleplugin', 'plugin', '-o', 'json')).out);
    expect(plugin.spec.backend.service.basePath).toBe('/'); // the CRD's default
  });

  it('prints deploy,svc,pdb,netpol as printers.go does', async () => {
    const r = await kubectl('get', 'deploy,svc,pdb,netpol', '-n', 'plugin');
    expect(r.code).toBe(0);
    // No Deployment controller: no pod is ever ready.
    expect(r.out).toMatch(
      /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ndeployment\.apps\/plugin\s+0\/2\s+0\s+0\s+\d+s\n/,
    );
    expect(r.out).toMatch(
      /\nNAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nservice\/plugin\s+ClusterIP\s+172\.30\.\d+\.\d+\s+<none>\s+9443\/TCP\s+\d+s\n/,
    );
    expect(r.out).toMatch(
      /\nNAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\npoddisruptionbudget\.policy\/plugin\s+N\/A\s+1\s+0\s+\d+s\n/,
    );
    expect(r.out).toMatch(
      /\nNAME\s+POD-SELECTOR\s+AGE\nnetworkpolicy\.networking\.k8s\.io\/plugin\s+app=plugin\s+\d+s\n/,
    );
    const wide = await kubectl('get', 'deploy,svc', '-n', 'plugin', '-o', 'wide');
    expect(wide.out).toMatch(
      /deployment\.apps\/plugin\s+0\/2\s+0\s+0\s+\S+\s+plugin\s+quay\.io\/example\/plugin:1\.0\s+app=plugin\n/,
    );
    expect(wide.out).toMatch(/service\/plugin\s+ClusterIP\s+\S+\s+<none>\s+9443\/TCP\s+\S+\s+app=plugin\n/);
    expect((await kubectl('get', 'consoleplugins')).out).toMatch(/^NAME\s+AGE\nplugin\s+\d+s\n/);
  });

  it('refuses a Pod that violates enforce=restricted, also with --dry-run=server', async () => {
    const f = file(
      'pod.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: root, namespace: plugin}
spec:
  containers: [{name: web, image: nginx, securityContext: {runAsUser: 0}}]
`,
    );
    for (const args of [['--dry-run=server'], []]) {
      const r = await kubectl('apply', ...args, '-f', f);
      expect(r.code).not.toBe(0);
      expect(r.err).toContain(
        'Error from server (Forbidden): error when creating "' +
          f +
          '": pods "root" is forbidden: violates PodSecurity "restricted:latest": ' +
          'allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false), ' +
          'unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"]), ' +
          'runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true), ' +
          'runAsUser=0 (container "web" must not set runAsUser=0), ' +
          'seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      );
    }
    expect((await kubectl('get', 'pod', 'root', '-n', 'plugin')).code).not.toBe(0);
  });

  it('prints the Pod Security warning for a Deployment in a warn namespace, and creates it anyway', async () => {
    const f = file(
      'warned.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: warned}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      hostNetwork: true
      containers: [{name: web, image: nginx}]
`,
    );
    const dry = await kubectl('apply', '--dry-run=server', '-f', f);
    expect(dry.code).toBe(0);
    expect(dry.err).toBe(
      'Warning: would violate PodSecurity "restricted:latest": host namespaces (hostNetwork=true), ' +
        'allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\n',
    );
    expect(dry.out).toBe('deployment.apps/web created (server dry run)\n');
    const real = await kubectl('apply', '-f', f);
    expect(real.err).toMatch(/^Warning: would violate PodSecurity "restricted:latest": host namespaces/);
    expect(real.out).toBe('deployment.apps/web created\n');
  });

  it('warns about existing pods when a namespace starts enforcing a stricter level', async () => {
    await call(c.url, 'POST', '/api/v1/namespaces/warned/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'host' },
      spec: { hostPID: true, containers: [{ name: 'c', image: 'busybox' }] },
    });
    const r = await kubectl('label', 'ns', 'warned', 'pod-security.kubernetes.io/enforce=baseline');
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'Warning: existing pods in namespace "warned" violate the new PodSecurity enforce level "baseline:latest"\n' +
        'Warning: host: host namespaces\n',
    );
    const bad = await kubectl(
      'label',
      'ns',
      'warned',
      '--overwrite',
      'pod-security.kubernetes.io/enforce=strict',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain(
      'Namespace "warned" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
    );
  });

  it('refuses a namespaced object in a namespace that does not exist, also in a dry run (NamespaceLifecycle)', async () => {
    const f = file(
      'elsewhere.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: nowhere}\ndata: {a: b}\n',
    );
    for (const args of [['--dry-run=server'], []]) {
      const r = await kubectl('apply', ...args, '-f', f);
      expect(r.code).not.toBe(0);
      expect(r.err).toContain('namespaces "nowhere" not found');
    }
  });

  it('refuses invalid objects with the apiserver validation wording', async () => {
    const f = file(
      'invalid.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: mismatch, namespace: plugin}
spec:
  selector: {matchLabels: {app: one}}
  template:
    metadata: {labels: {app: other}}
    spec:
      containers: [{image: nginx}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: noselector, namespace: plugin}
spec:
  template:
    metadata: {labels: {app: one}}
    spec:
      containers: [{name: web}]
---
apiVersion: v1
kind: Service
metadata: {name: noports, namespace: plugin}
spec: {selector: {app: one}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: both, namespace: plugin}
spec: {minAvailable: 1, maxUnavailable: 1}
---
apiVersion: console.openshift.io/v1
kind: ConsolePlugin
metadata: {name: broken}
spec:
  backend: {type: Service, service: {name: plugin, namespace: plugin, port: 0}}
`,
    );
    const r = await kubectl('apply', '--dry-run=server', '-f', f);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(
      'Deployment.apps "mismatch" is invalid: [spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`, spec.template.spec.containers[0].name: Required value]',
    );
    expect(r.err).toContain(
      'Deployment.apps "noselector" is invalid: [spec.selector: Required value, spec.template.spec.containers[0].image: Required value]',
    );
    expect(r.err).toContain('Service "noports" is invalid: spec.ports: Required value');
    expect(r.err).toContain(
      'PodDisruptionBudget.policy "both" is invalid: spec: Invalid value: {"MinAvailable":1,"Selector":null,"MaxUnavailable":1,"UnhealthyPodEvictionPolicy":null}: minAvailable and maxUnavailable cannot be both set',
    );
    expect(r.err).toContain('ConsolePlugin.console.openshift.io "broken" is invalid:');
    expect(r.err).toMatch(/spec\.displayName: Required value/);
    expect(r.err).toMatch(
      /spec\.backend\.service\.port: Invalid value: 0: spec\.backend\.service\.port in body should be greater than or equal to 1/,
    );
  });

  it("lets a namespace admin write the namespaced kinds (bootstrap admin/edit rules), but not the cluster's", async () => {
    const canI = async (...args: string[]) =>
      (await kubectl('auth', 'can-i', ...args, '-n', 'plugin', '--as', 'owner')).out.trim();
    for (const resource of [
      'deployments.apps',
      'services',
      'networkpolicies.networking.k8s.io',
      'poddisruptionbudgets.policy',
    ])
      expect(await canI('create', resource), resource).toBe('yes');
    expect(await canI('create', 'consoleplugins.console.openshift.io')).toBe('no');
    expect(await canI('patch', 'consoles.operator.openshift.io')).toBe('no');
  });

  it('keeps a Service cluster IP: a replace without it keeps it, a change is refused', async () => {
    const svc = JSON.parse((await kubectl('get', 'svc', 'plugin', '-n', 'plugin', '-o', 'json')).out);
    const ip = svc.spec.clusterIP;
    expect(svc.spec).toMatchObject({ clusterIPs: [ip], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    delete svc.spec.clusterIP;
    delete svc.spec.clusterIPs;
    delete svc.metadata.resourceVersion;
    const f = file('svc.json', JSON.stringify(svc));
    expect((await kubectl('replace', '-f', f)).code).toBe(0);
    expect(
      JSON.parse((await kubectl('get', 'svc', 'plugin', '-n', 'plugin', '-o', 'json')).out).spec.clusterIP,
    ).toBe(ip);
    const moved = await kubectl(
      'patch',
      'svc',
      'plugin',
      '-n',
      'plugin',
      '-p',
      '{"spec":{"clusterIP":"172.30.9.9"}}',
    );
    expect(moved.code).not.toBe(0);
    expect(moved.err).toContain(
      'The Service "plugin" is invalid: spec.clusterIPs[0]: Invalid value: ["172.30.9.9"]: may not change once set',
    );
  });
});
