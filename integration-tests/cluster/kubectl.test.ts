import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, hasKubectl, KUBECTL, kubectlFor, RBAC_SEED, start, tempSeed, type Kubectl } from './testing';
import { startCluster, type RunningCluster } from './server';
import { DEMO_SEED_DIR } from './world/test-helpers';

const KUBECTL_MISSING = !hasKubectl();
if (KUBECTL_MISSING) console.warn(`kubectl not found (${KUBECTL}): skipping the kubectl suites`);

const SEED = {
  'rbac.yaml': RBAC_SEED,
  'sc.yaml': `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: csi.example.com
reclaimPolicy: Delete
volumeBindingMode: Immediate
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: older-default
  creationTimestamp: "2024-01-01T00:00:00Z"
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: csi.example.com
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: newer-default
  creationTimestamp: "2025-01-01T00:00:00Z"
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: csi.example.com
allowVolumeExpansion: true
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: bound, namespace: team-a}
spec:
  accessModes: [ReadWriteMany, ReadWriteOnce]
  resources: {requests: {storage: 10Gi}}
  storageClassName: fast
  volumeMode: Block
  volumeName: pvc-0001
status:
  phase: Bound
  accessModes: [ReadWriteMany, ReadWriteOnce]
  capacity: {storage: 10Gi}
`,
};

/** kubectl as an independent client of the simulator. */
describe.skipIf(KUBECTL_MISSING)('kubectl against the simulator', () => {
  let c: RunningCluster;
  let dir: string;
  let kubectl: Kubectl;
  let kubeconfig: string;
  let file: (name: string, text: string) => string;

  beforeAll(async () => {
    c = await start({ seeds: [tempSeed(SEED)] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-kubectl-'));
    ({ kubectl, file, kubeconfig } = kubectlFor(c.url, dir));
  });
  afterAll(async () => {
    await c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gets as JSON and as a server-printed table', async () => {
    const json = await kubectl('get', 'storageclass', 'fast', '-o', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ kind: 'StorageClass', provisioner: 'csi.example.com' });
    const table = await kubectl('get', 'sc');
    expect(table.out).toMatch(
      /^NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE\n/,
    );
    expect(table.out).toMatch(/\nfast\s+csi\.example\.com\s+Delete\s+Immediate\s+false\s+\d+[smhdy]/);
    // printStorageClass marks every class annotated default.
    expect(table.out).toMatch(
      /\nnewer-default \(default\)\s+csi\.example\.com\s+Delete\s+Immediate\s+true\s/,
    );
    expect(table.out).toMatch(
      /\nolder-default \(default\)\s+csi\.example\.com\s+Delete\s+Immediate\s+false\s/,
    );
    const missing = await kubectl('get', 'sc', 'nope');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('storageclasses.storage.k8s.io "nope" not found');
  });

  it('prints claims as printPersistentVolumeClaim does (abbreviated access modes, wide VOLUMEMODE)', async () => {
    const wide = await kubectl('get', 'pvc', 'bound', '-n', 'team-a', '-o', 'wide');
    expect(wide.code).toBe(0);
    expect(wide.out).toMatch(
      /^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE\s+VOLUMEMODE\n/,
    );
    expect(wide.out).toMatch(
      /\nbound\s+Bound\s+pvc-0001\s+10Gi\s+RWO,RWX\s+fast\s+<unset>\s+\d+[smhdy]\S*\s+Block\n/,
    );
    const narrow = await kubectl('get', 'pvc', '-n', 'team-a');
    expect(narrow.out).toMatch(
      /^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE\n/,
    );
    expect(narrow.out).not.toContain('VOLUMEMODE');
  });

  it('creates and applies with validation on, and reports schema errors', async () => {
    const cm = file(
      'cm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team-a}\ndata: {a: "1"}\n',
    );
    expect((await kubectl('create', '-f', cm)).out).toContain('configmap/settings created');
    expect((await kubectl('create', '-f', cm)).err).toContain('AlreadyExists');
    fs.writeFileSync(
      cm,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team-a}\ndata: {a: "2"}\n',
    );
    expect((await kubectl('apply', '-f', cm)).out).toContain('configmap/settings configured');
    expect((await call(c.url, 'GET', '/api/v1/namespaces/team-a/configmaps/settings')).body.data).toEqual({
      a: '2',
    });
    const sp = file(
      'sp.yaml',
      'apiVersion: cdi.kubevirt.io/v1beta1\nkind: StorageProfile\nmetadata: {name: fast}\nspec:\n  claimPropertySets:\n  - accessModes: [ReadWriteSometimes]\n    volumeMode: Block\n',
    );
    const bad = await kubectl('apply', '-f', sp);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('Illegal AccessMode');
    fs.writeFileSync(
      sp,
      'apiVersion: cdi.kubevirt.io/v1beta1\nkind: StorageProfile\nmetadata: {name: fast}\nspec:\n  cloneStrategy: copy\n',
    );
    expect((await kubectl('apply', '-f', sp)).out).toContain('storageprofile.cdi.kubevirt.io/fast created');
    fs.writeFileSync(
      sp,
      'apiVersion: cdi.kubevirt.io/v1beta1\nkind: StorageProfile\nmetadata: {name: fast}\nspec:\n  cloneStrategy: snapshot\n',
    );
    expect((await kubectl('apply', '-f', sp)).out).toContain('configured');
    expect(
      (await call(c.url, 'GET', '/apis/cdi.kubevirt.io/v1beta1/storageprofiles/fast')).body.spec
        .cloneStrategy,
    ).toBe('snapshot');
  });

  it('patches with --type=json (test op guarded) and --type=merge, and deletes', async () => {
    await kubectl('create', 'configmap', 'p', '-n', 'team-a', '--from-literal=k=v1');
    const guarded = await kubectl(
      'patch',
      'cm',
      'p',
      '-n',
      'team-a',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/data/k","value":"v1"},{"op":"replace","path":"/data/k","value":"v2"}]',
    );
    expect(guarded.out).toContain('patched');
    const stale = await kubectl(
      'patch',
      'cm',
      'p',
      '-n',
      'team-a',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/data/k","value":"v1"},{"op":"replace","path":"/data/k","value":"v3"}]',
    );
    expect(stale.code).not.toBe(0);
    expect(stale.err).toContain('the server rejected our request due to an error in our request');
    expect(
      (await kubectl('patch', 'cm', 'p', '-n', 'team-a', '--type=merge', '-p', '{"data":{"m":"x"}}')).out,
    ).toContain('patched');
    expect(JSON.parse((await kubectl('get', 'cm', 'p', '-n', 'team-a', '-o', 'json')).out).data).toEqual({
      k: 'v2',
      m: 'x',
    });
    expect((await kubectl('delete', 'cm', 'p', '-n', 'team-a')).out).toContain('configmap "p" deleted');
    expect((await kubectl('get', 'cm', 'p', '-n', 'team-a')).code).not.toBe(0);
  });

  it('sees a change with get -w', async () => {
    const child = execFile(KUBECTL, [
      '--kubeconfig',
      kubeconfig,
      'get',
      'cm',
      '-n',
      'team-a',
      '-w',
      '-o',
      'name',
    ]);
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    await new Promise((r) => setTimeout(r, 1500));
    await call(c.url, 'POST', '/api/v1/namespaces/team-a/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'watched' },
    });
    await expect.poll(() => out, { timeout: 10000 }).toContain('configmap/watched');
    child.kill();
  });

  it('answers auth can-i (protobuf SelfSubjectAccessReview) for impersonated users', async () => {
    expect((await kubectl('auth', 'can-i', 'list', 'storageclasses', '--as', 'viewer')).out.trim()).toBe(
      'yes',
    );
    const no = await kubectl('auth', 'can-i', 'delete', 'storageclasses', '--as', 'viewer');
    expect(no.out.trim()).toBe('no');
    expect(
      (
        await kubectl('auth', 'can-i', 'create', 'configmaps', '-n', 'team-a', '--as', 'project-user')
      ).out.trim(),
    ).toBe('yes');
    expect(
      (
        await kubectl('auth', 'can-i', 'create', 'configmaps', '-n', 'default', '--as', 'project-user')
      ).out.trim(),
    ).toBe('no');
    const canI = async (...args: string[]) => (await kubectl('auth', 'can-i', ...args)).out.trim();
    expect(await canI('create', 'datavolumes', '-n', 'team-a', '--as', 'project-user')).toBe('yes');
    expect(
      await canI('update', 'datavolumes', '--subresource=status', '-n', 'team-a', '--as', 'project-user'),
    ).toBe('no');
    expect(await canI('get', 'secrets', '-n', 'team-a', '--as', 'viewer')).toBe('no');
    expect(await canI('get', 'secrets', '-n', 'team-a', '--as', 'project-user')).toBe('yes');
    const forbidden = await kubectl('delete', 'sc', 'fast', '--as', 'viewer');
    expect(forbidden.err).toContain(
      'storageclasses.storage.k8s.io "fast" is forbidden: User "viewer" cannot delete resource "storageclasses" in API group "storage.k8s.io" at the cluster scope',
    );
  });

  it('lists what a user may do (protobuf SelfSubjectRulesReview) with auth can-i --list', async () => {
    const viewer = await kubectl('auth', 'can-i', '--list', '--as', 'viewer');
    expect(viewer.code).toBe(0);
    const sc = viewer.out.split('\n').find((l) => l.startsWith('storageclasses.storage.k8s.io '));
    expect(sc).toMatch(/\[get list watch\]/);
    expect(sc).not.toContain('create');
    const project = await kubectl('auth', 'can-i', '--list', '-n', 'team-a', '--as', 'project-user');
    expect(project.code).toBe(0);
    const dv = project.out.split('\n').find((l) => l.startsWith('datavolumes.cdi.kubevirt.io '));
    expect(dv).toMatch(/\[[^\]]*\*[^\]]*\]\s*$/); // verbs include *, in aggregation order
    const elsewhere = await kubectl('auth', 'can-i', '--list', '-n', 'default', '--as', 'project-user');
    expect(elsewhere.out).not.toContain('datavolumes.cdi.kubevirt.io');
  });

  it('creates RBAC objects with the generator commands (protobuf Role, ClusterRole, RoleBinding, ClusterRoleBinding)', async () => {
    const rb = await kubectl(
      'create',
      'rolebinding',
      'sa-view',
      '--clusterrole=view',
      '--serviceaccount=team-a:builder',
      '-n',
      'team-a',
    );
    expect(rb.err).toBe('');
    expect(rb.out).toContain('rolebinding.rbac.authorization.k8s.io/sa-view created');
    const rbac = '/apis/rbac.authorization.k8s.io/v1';
    const binding = (await call(c.url, 'GET', `${rbac}/namespaces/team-a/rolebindings/sa-view`)).body;
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'builder', namespace: 'team-a' }]);
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'view',
    });
    const cr = await kubectl(
      'create',
      'clusterrole',
      'dv-source',
      '--verb=create',
      '--resource=datavolumes/source',
    );
    expect(cr.out).toContain('clusterrole.rbac.authorization.k8s.io/dv-source created');
    expect((await call(c.url, 'GET', `${rbac}/clusterroles/dv-source`)).body.rules).toEqual([
      { verbs: ['create'], apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'] },
    ]);
    const role = await kubectl(
      'create',
      'role',
      'pod-reader',
      '-n',
      'team-a',
      '--verb=get,list',
      '--resource=pods',
      '--resource-name=web',
    );
    expect(role.out).toContain('role.rbac.authorization.k8s.io/pod-reader created');
    expect((await call(c.url, 'GET', `${rbac}/namespaces/team-a/roles/pod-reader`)).body.rules).toEqual([
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] },
    ]);
    const crb = await kubectl(
      'create',
      'clusterrolebinding',
      'alice-view',
      '--clusterrole=view',
      '--user=alice',
      '--group=auditors',
    );
    expect(crb.out).toContain('clusterrolebinding.rbac.authorization.k8s.io/alice-view created');
    expect((await call(c.url, 'GET', `${rbac}/clusterrolebindings/alice-view`)).body.subjects).toEqual([
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'auditors' },
    ]);
    const agg = await kubectl('create', 'clusterrole', 'agg', '--aggregation-rule=example.com/agg=true');
    expect(agg.out).toContain('clusterrole.rbac.authorization.k8s.io/agg created');
    expect((await call(c.url, 'GET', `${rbac}/clusterroles/agg`)).body.aggregationRule).toEqual({
      clusterRoleSelectors: [{ matchLabels: { 'example.com/agg': 'true' } }],
    });
    // Granting more than one holds is refused, as kubectl shows the apiserver's message.
    const escalate = await kubectl(
      'create',
      'rolebinding',
      'grab',
      '--clusterrole=cluster-admin',
      '--user=project-user',
      '-n',
      'team-a',
      '--as',
      'project-user',
    );
    expect(escalate.code).not.toBe(0);
    expect(escalate.err).toContain(
      'rolebindings.rbac.authorization.k8s.io "grab" is forbidden: user "project-user" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:',
    );
  });

  it('gives a claim without storageClassName the newest default class; an explicit "" stays', async () => {
    const claim = (name: string, extra: string) =>
      file(
        `${name}.yaml`,
        `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}, namespace: team-a}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n${extra}`,
      );
    expect((await kubectl('create', '-f', claim('no-class', ''))).code).toBe(0);
    expect((await kubectl('create', '-f', claim('empty-class', '  storageClassName: ""\n'))).code).toBe(0);
    expect((await kubectl('create', '-f', claim('fast-class', '  storageClassName: fast\n'))).code).toBe(0);
    const classOf = async (name: string) =>
      (await call(c.url, 'GET', `/api/v1/namespaces/team-a/persistentvolumeclaims/${name}`)).body.spec
        .storageClassName;
    expect(await classOf('no-class')).toBe('newer-default');
    expect(await classOf('empty-class')).toBe('');
    expect(await classOf('fast-class')).toBe('fast');
  });

  it('deletes nothing on delete --dry-run=server (dryRun in the DeleteOptions body)', async () => {
    await kubectl('create', 'configmap', 'keep', '-n', 'team-a', '--from-literal=a=b');
    const dry = await kubectl('delete', 'cm', 'keep', '-n', 'team-a', '--dry-run=server');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('configmap "keep" deleted (server dry run)');
    expect((await kubectl('get', 'cm', 'keep', '-n', 'team-a')).code).toBe(0);
    const all = await kubectl('delete', 'cm', '--all', '-n', 'team-a', '--dry-run=server');
    expect(all.out).toContain('(server dry run)');
    expect((await kubectl('get', 'cm', 'keep', '-n', 'team-a')).code).toBe(0);
    expect((await kubectl('delete', 'cm', 'keep', '-n', 'team-a')).out).toContain('configmap "keep" deleted');
    expect((await kubectl('get', 'cm', 'keep', '-n', 'team-a')).code).not.toBe(0);
  });

  it('stores nothing on --dry-run=server, and creates namespaces (protobuf)', async () => {
    const dry = await kubectl(
      'create',
      'configmap',
      'dry',
      '-n',
      'team-a',
      '--from-literal=a=b',
      '--dry-run=server',
      '-o',
      'name',
    );
    expect(dry.out.trim()).toBe('configmap/dry');
    expect((await kubectl('get', 'cm', 'dry', '-n', 'team-a')).code).not.toBe(0);
    const f = file(
      'dry-sc.yaml',
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: dry-sc}\nprovisioner: x\n',
    );
    expect((await kubectl('apply', '-f', f, '--dry-run=server')).out).toContain('(server dry run)');
    expect((await call(c.url, 'GET', '/apis/storage.k8s.io/v1/storageclasses/dry-sc')).status).toBe(404);
    expect((await kubectl('create', 'namespace', 'proto-ns')).out).toContain('namespace/proto-ns created');
    const ns = (await call(c.url, 'GET', '/api/v1/namespaces/proto-ns')).body;
    expect(ns.metadata.name).toBe('proto-ns');
    expect(ns.metadata.generateName).toBeUndefined();
  });
});

/** The demo cluster with its simulated controllers, as `npm start` serves it. */
describe.skipIf(KUBECTL_MISSING)('kubectl against the simulated CDI world', () => {
  let c: RunningCluster;
  let dir: string;
  let kubectl: Kubectl;
  let file: (name: string, text: string) => string;
  beforeAll(async () => {
    c = await startCluster({ port: 0, seeds: [DEMO_SEED_DIR], timeScale: 60 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-kubectl-world-'));
    ({ kubectl, file } = kubectlFor(c.url, dir));
  });
  afterAll(async () => {
    await c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the events the controllers record with get events (LAST SEEN TYPE REASON OBJECT MESSAGE)', async () => {
    const dv = file(
      'dv.yaml',
      `apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata: {name: quick, namespace: team-a}
spec:
  source: {http: {url: "https://images.example.com/tiny.qcow2"}}
  storage:
    storageClassName: ocs-storagecluster-ceph-rbd
    resources: {requests: {storage: 1Gi}}
`,
    );
    expect((await kubectl('create', '-f', dv)).out).toContain('datavolume.cdi.kubevirt.io/quick created');
    const events = () =>
      kubectl('get', 'events', '-n', 'team-a', '--field-selector', 'involvedObject.name=quick');
    await expect
      .poll(async () => (await events()).out, { timeout: 10000, interval: 500 })
      .toContain('ImportSucceeded');
    const table = (await events()).out;
    expect(table).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    // A clock tick is a simulated minute: the short ImportScheduled phase may pass between two ticks.
    expect(table).toMatch(/\n\d+s\s+Normal\s+Pending\s+datavolume\/quick\s+PVC quick Pending\n/);
    expect(table).toMatch(/\n\d+s\s+Normal\s+Bound\s+datavolume\/quick\s+PVC quick Bound\n/);
    expect(table).toMatch(
      /\n\d+s\s+Normal\s+ImportSucceeded\s+datavolume\/quick\s+Successfully imported into PVC quick\n/,
    );
    const wide = await kubectl('get', 'events', '-n', 'team-a', '-o', 'wide');
    expect(wide.out).toMatch(
      /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME\n/,
    );
    expect(wide.out).toContain('datavolume-import-controller');
    const json = JSON.parse((await kubectl('get', 'events', '-n', 'team-a', '-o', 'json')).out);
    // CDI's import-controller records its own ImportSucceeded on the PVC.
    expect(table).toMatch(
      /\n\d+s\s+Normal\s+ImportSucceeded\s+persistentvolumeclaim\/quick\s+Import Successful\n/,
    );
    const dvEvent = (e: { reason: string; involvedObject: { kind: string } }) =>
      e.reason === 'ImportSucceeded' && e.involvedObject.kind === 'DataVolume';
    expect(json.items.find(dvEvent)).toMatchObject({
      kind: 'Event',
      involvedObject: { kind: 'DataVolume', name: 'quick', namespace: 'team-a' },
      source: { component: 'datavolume-import-controller' },
      type: 'Normal',
      count: 1,
    });
  });

  it('shows the importer pod with the DataVolume annotations, its scratch PVC on the scratch class, and preallocation', async () => {
    const dv = file(
      'prealloc.yaml',
      `apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: netdisk
  namespace: team-a
  annotations: {k8s.v1.cni.cncf.io/networks: team-a/storage-net}
spec:
  source: {registry: {url: "docker://quay.io/containerdisks/fedora:latest"}}
  preallocation: true
  storage:
    storageClassName: ocs-storagecluster-ceph-rbd-virtualization
    resources: {requests: {storage: 30Gi}}
`,
    );
    expect((await kubectl('create', '-f', dv)).code).toBe(0);
    const podAnnotations = async () =>
      (
        await kubectl(
          'get',
          'pod',
          'importer-netdisk',
          '-n',
          'team-a',
          '-o',
          'jsonpath={.metadata.annotations}',
        )
      ).out;
    await expect.poll(podAnnotations, { timeout: 10000, interval: 300 }).toContain('team-a/storage-net');
    expect(JSON.parse(await podAnnotations())).toMatchObject({
      'k8s.v1.cni.cncf.io/networks': 'team-a/storage-net',
      'sidecar.istio.io/inject': 'false',
      'linkerd.io/inject': 'disabled',
    });
    // printPod's columns; the demo's failing import backs off.
    const pods = await kubectl('get', 'pods', '-n', 'team-a');
    expect(pods.out).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(pods.out).toMatch(/\nimporter-netdisk\s+(0\/1\s+ContainerCreating|1\/1\s+Running)\s+0\s+\S+\n/);
    expect(pods.out).toMatch(/\nimporter-broken-import\s+0\/1\s+CrashLoopBackOff\s+\d+\s+\S+\n/);
    // The demo's CDIConfig names a scratch class other than the target's.
    const scratch = await kubectl(
      'get',
      'pvc',
      'netdisk-scratch',
      '-n',
      'team-a',
      '-o',
      'jsonpath={.spec.storageClassName}',
    );
    expect(scratch.out).toBe('ocs-storagecluster-ceph-rbd');
    const pvcAnn = async () =>
      JSON.parse(
        (await kubectl('get', 'pvc', 'netdisk', '-n', 'team-a', '-o', 'jsonpath={.metadata.annotations}'))
          .out,
      );
    expect(await pvcAnn()).toMatchObject({
      'k8s.v1.cni.cncf.io/networks': 'team-a/storage-net',
      'cdi.kubevirt.io/storage.preallocation.requested': 'true',
    });
    await call(c.url, 'POST', '/_sim/advance', { seconds: 3600 });
    const phase = await kubectl('get', 'dv', 'netdisk', '-n', 'team-a', '-o', 'jsonpath={.status.phase}');
    expect(phase.out).toBe('Succeeded');
    expect(await pvcAnn()).toMatchObject({ 'cdi.kubevirt.io/storage.preallocation': 'true' });
    expect((await kubectl('get', 'pod', 'importer-netdisk', '-n', 'team-a')).err).toContain('NotFound');
    expect((await kubectl('get', 'pvc', 'netdisk-scratch', '-n', 'team-a')).err).toContain('NotFound');
  });

  it('keeps an upload in UploadReady until POST /_sim/complete-upload, then lists its events', async () => {
    const dv = file(
      'upload.yaml',
      `apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata: {name: my-iso, namespace: team-a}
spec:
  source: {upload: {}}
  storage: {resources: {requests: {storage: 2Gi}}}
`,
    );
    expect((await kubectl('create', '-f', dv)).code).toBe(0);
    const phase = async () =>
      (await kubectl('get', 'dv', 'my-iso', '-n', 'team-a', '-o', 'jsonpath={.status.phase}')).out;
    await expect.poll(phase, { timeout: 10000, interval: 300 }).toBe('UploadReady');
    await call(c.url, 'POST', '/_sim/advance', { seconds: 3600 });
    expect(await phase()).toBe('UploadReady');
    const pod = await kubectl(
      'get',
      'pod',
      'cdi-upload-my-iso',
      '-n',
      'team-a',
      '-o',
      'jsonpath={.status.phase}',
    );
    expect(pod.out).toBe('Running');
    const done = await call(c.url, 'POST', '/_sim/complete-upload', { namespace: 'team-a', name: 'my-iso' });
    expect(done).toMatchObject({ status: 200, body: { phase: 'Succeeded', progress: '100.0%' } });
    const again = await call(c.url, 'POST', '/_sim/complete-upload', { namespace: 'team-a', name: 'my-iso' });
    expect(again.status).toBe(409);
    expect((await call(c.url, 'POST', '/_sim/complete-upload', { namespace: 'team-a' })).status).toBe(400);
    const events = await kubectl(
      'get',
      'events',
      '-n',
      'team-a',
      '--field-selector',
      'involvedObject.name=my-iso',
    );
    // A clock tick is a simulated minute: the short UploadScheduled phase may pass between two ticks.
    expect(events.out).toMatch(
      /\n\d+s\s+Normal\s+UploadReady\s+datavolume\/my-iso\s+Upload into my-iso ready\n/,
    );
    expect(events.out).toMatch(
      /\n\d+s\s+Normal\s+UploadSucceeded\s+datavolume\/my-iso\s+Successfully uploaded into my-iso\n/,
    );
  });

  it('shows a published digest through get dataimportcrons: Outdated at the next poll, then imported', async () => {
    const url = 'docker://quay.io/containerdisks/fedora:latest';
    const post = async (endpoint: string, body: unknown) => {
      const res = await fetch(`${c.url}/_sim/${endpoint}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return res.json();
    };
    const published = await post('publish-digest', { url });
    expect(published).toEqual({ url, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    const columns =
      'custom-columns=NAME:.metadata.name,UPTODATE:.status.conditions[?(@.type=="UpToDate")].reason,' +
      'DESIRED:.metadata.annotations.cdi\\.kubevirt\\.io/storage\\.import\\.sourceDesiredDigest,' +
      'LAST:.status.lastImportedPVC.name';
    const fedora = async () =>
      (
        await kubectl(
          'get',
          'dataimportcrons',
          '-n',
          'openshift-virtualization-os-images',
          'fedora-image-cron',
          '-o',
          columns,
        )
      ).out;
    expect(await fedora()).not.toContain(published.digest);
    // Within twelve simulated hours its "17 3/12 * * *" schedule comes due; the import then takes minutes.
    await post('advance', { seconds: 12 * 3600 });
    const polled = await fedora();
    expect(polled).toContain(published.digest);
    expect(polled).toMatch(/fedora-image-cron\s+(Outdated|ImportProgressing)\s/);
    await post('advance', { seconds: 1800 });
    const done = await fedora();
    expect(done).toMatch(
      new RegExp(
        `fedora-image-cron\\s+UpToDate\\s+${published.digest}\\s+fedora-${published.digest.slice(7, 19)}\\n`,
      ),
    );
    const table = await kubectl('get', 'dic', '-n', 'openshift-virtualization-os-images');
    expect(table.out).toMatch(/^NAME\s+FORMAT\s+AGE\n/);
    expect(table.out).toMatch(/\nfedora-image-cron\s+snapshot\s+\S+\n/);
  });

  it('lists nodes as printNode does (roles, status, version; -o wide, -l, --field-selector)', async () => {
    const table = await kubectl('get', 'nodes');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
    expect(table.out).toMatch(/\ncontrol-plane-0\s+Ready\s+control-plane,master\s+\S+\s+v1\.34\.2\n/);
    expect(table.out).toMatch(/\nworker-2\s+Ready\s+worker\s+\S+\s+v1\.34\.2\n/);
    const wide = await kubectl('get', 'no', 'worker-0', '-o', 'wide');
    expect(wide.out).toMatch(
      /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME\n/,
    );
    expect(wide.out).toMatch(
      /\nworker-0\s+Ready\s+worker\s+\S+\s+v1\.34\.2\s+10\.0\.\d+\.\d+\s+<none>\s+Red Hat Enterprise Linux CoreOS .+\s+5\.14\.0-\S+\s+cri-o:\/\/\S+\n$/,
    );
    const workers = await kubectl('get', 'nodes', '-l', 'node-role.kubernetes.io/worker', '-o', 'name');
    expect(workers.out).toBe('node/worker-0\nnode/worker-1\nnode/worker-2\n');
    const schedulable = await kubectl(
      'get',
      'nodes',
      '--field-selector',
      'spec.unschedulable=false',
      '-o',
      'name',
    );
    expect(schedulable.out.trim().split('\n')).toHaveLength(6);
  });

  it('shows the HostPathProvisioner, creates a pool on the workers, and admits a second CR it then ignores', async () => {
    const table = await kubectl('get', 'hostpathprovisioners');
    expect(table.out).toMatch(/^NAME\s+AGE\nhostpath-provisioner\s+\S+\n$/);
    const patch = JSON.stringify([
      {
        op: 'add',
        path: '/spec/storagePools/-',
        value: {
          name: 'local-pool',
          path: '/var/hpvolumes/local',
          pvcTemplate: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '500Gi' } },
            storageClassName: 'local-block',
            volumeMode: 'Block',
          },
        },
      },
    ]);
    const patched = await kubectl(
      'patch',
      'hostpathprovisioner',
      'hostpath-provisioner',
      '--type=json',
      '-p',
      patch,
    );
    expect(patched.out).toContain(
      'hostpathprovisioner.hostpathprovisioner.kubevirt.io/hostpath-provisioner patched',
    );
    const claims = async () =>
      (
        await kubectl(
          'get',
          'pvc',
          '-n',
          'openshift-cnv',
          '-l',
          'kubevirt.io.hostpath-provisioner/storagePool=local-pool-hpp',
          '-o',
          'custom-columns=NAME:.metadata.name,STATUS:.status.phase,VOLUME:.spec.volumeName',
          '--no-headers',
        )
      ).out;
    await expect
      .poll(claims, { timeout: 10000, interval: 250 })
      .toMatch(/hpp-pool-local-pool-worker-2\s+Pending/);
    // The seed's local PVs sit on worker-0 and worker-1; worker-2 has none, so its claim stays Pending.
    await expect
      .poll(claims, { timeout: 10000, interval: 250 })
      .toMatch(/hpp-pool-local-pool-worker-0\s+Bound\s+local-pv-worker-0-nvme1\n/);
    expect(await claims()).toMatch(/hpp-pool-local-pool-worker-2\s+Pending\s+<none>\n/);
    const degraded = await kubectl(
      'get',
      'hostpathprovisioner',
      'hostpath-provisioner',
      '-o',
      'jsonpath={.status.conditions[?(@.type=="Degraded")].message}',
    );
    expect(degraded.out).toBe('error: Pool PVC hpp-pool-local-pool-worker-2 is Pending instead of Bound');

    const second = file(
      'second-hpp.yaml',
      `apiVersion: hostpathprovisioner.kubevirt.io/v1beta1
kind: HostPathProvisioner
metadata: {name: second}
spec:
  imagePullPolicy: IfNotPresent
  storagePools: [{name: other, path: /var/other}]
`,
    );
    expect((await kubectl('create', '-f', second)).out).toContain(
      'hostpathprovisioner.hostpathprovisioner.kubevirt.io/second created',
    );
    const listed = await kubectl('get', 'hostpathprovisioners', '-o', 'name');
    expect(listed.out).toBe(
      'hostpathprovisioner.hostpathprovisioner.kubevirt.io/hostpath-provisioner\nhostpathprovisioner.hostpathprovisioner.kubevirt.io/second\n',
    );
    const status = await kubectl('get', 'hostpathprovisioner', 'second', '-o', 'jsonpath={.status}');
    expect(status.out).toBe('');
    expect((await kubectl('delete', 'hostpathprovisioner', 'second')).code).toBe(0);
  });
});
