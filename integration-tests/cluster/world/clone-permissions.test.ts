import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../server';
import { Sim } from '../sim';
import { createWorld } from './index';
import { call, hasKubectl, KUBECTL, kubectlFor, type Kubectl } from '../testing';
import { CRDS_DIR, DEMO_SEED_DIR } from './test-helpers';

/**
 * Clone permissions end to end on the demo seed: CDI's aggregated roles, SSP's golden-images binding, CDI's clone
 * authorization in its DataVolume mutating webhook, and a grant made with a ClusterRole and a RoleBinding.
 */

const KUBECTL_MISSING = !hasKubectl();
if (KUBECTL_MISSING)
  console.warn(`kubectl not found (${KUBECTL}): skipping the clone-permissions kubectl suite`);

const SA = 'system:serviceaccount:team-b:default';
const OS_IMAGES = 'openshift-virtualization-os-images';
const DENIED =
  'admission webhook "datavolume-mutate.cdi.kubevirt.io" denied the request:  ' +
  `User ${SA} has insufficient permissions in clone source namespace golden-images`;

const dvYaml = (name: string, source: string) => `apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: ${name}
  namespace: team-b
spec:
${source}
  storage: {}
`;
const PVC_SOURCE = '  source:\n    pvc: {name: rhel9-base, namespace: golden-images}';
const REF_SOURCE = '  sourceRef: {kind: DataSource, name: rhel9-base, namespace: golden-images}';

describe.skipIf(KUBECTL_MISSING)('clone permissions on the demo seed (kubectl)', () => {
  let c: RunningCluster;
  let dir: string;
  let kubectl: Kubectl;
  let file: (name: string, text: string) => string;

  const canI = (ns: string, as = SA) =>
    // `<resource>/<x>` would be a resource name for can-i: the subresource goes in its own flag.
    kubectl(
      'auth',
      'can-i',
      'create',
      'datavolumes.cdi.kubevirt.io',
      '--subresource=source',
      '-n',
      ns,
      '--as',
      as,
    );
  /** Lets the controllers run: writes are reconciled on setImmediate, then simulated time moves on. */
  const settle = async (seconds = 0) => {
    await new Promise((r) => setTimeout(r, 20));
    for (let s = 0; s < seconds; s += 300) c.sim.advance(300);
    c.sim.controllers.run(true);
  };
  const phase = (name: string) => c.sim.store.get('DataVolume', name, 'team-b')?.status?.phase;
  /** team-b's default SA may work with DataVolumes in its own namespace (not in golden-images). */
  const grantEditInTeamB = () =>
    kubectl(
      'create',
      'rolebinding',
      'sa-edit',
      '--clusterrole=edit',
      '--serviceaccount=team-b:default',
      '-n',
      'team-b',
    );

  beforeAll(async () => {
    c = await startCluster({ port: 0, seeds: [DEMO_SEED_DIR], timeScale: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-clone-perms-'));
    ({ kubectl, file } = kubectlFor(c.url, dir));
  });
  afterAll(async () => {
    await c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => c.sim.reset());

  it('answers can-i for datavolumes/source as CDI v1.65.0 and SSP grant it', async () => {
    expect(await canI('golden-images')).toMatchObject({ code: 1, out: 'no\n' });
    // SSP's os-images.kubevirt.io:view RoleBinding: every authenticated user and service account.
    expect(await canI(OS_IMAGES)).toMatchObject({ code: 0, out: 'yes\n' });
    // project-user is admin of team-a: admin aggregates edit, view and cdi.kubevirt.io:admin.
    expect(await canI('team-a', 'project-user')).toMatchObject({ code: 0, out: 'yes\n' });
    expect(await canI('golden-images', 'project-user')).toMatchObject({ code: 1, out: 'no\n' });
    // cdi.kubevirt.io:view includes create on datavolumes/source in v1.65.0, so view there is enough.
    const grant = await kubectl(
      'create',
      'rolebinding',
      'team-b-view',
      '--clusterrole=cdi.kubevirt.io:view',
      '--serviceaccount=team-b:default',
      '-n',
      'golden-images',
    );
    expect(grant.code, grant.err).toBe(0);
    expect(await canI('golden-images')).toMatchObject({ code: 0, out: 'yes\n' });
    expect(await canI('team-a')).toMatchObject({ code: 1, out: 'no\n' });
  });

  it('answers a SubjectAccessReview with the RoleBinding and the matched subject as the reason', async () => {
    await kubectl(
      'create',
      'rolebinding',
      'team-b-cloner',
      '--clusterrole=datavolume-cloner',
      '--serviceaccount=team-b:default',
      '-n',
      'golden-images',
    );
    const review = (namespace: string) =>
      call(c.url, 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          user: SA,
          // The groups CDI sends (authorize_utils.go CanServiceAccountClonePVC :175-182).
          groups: ['system:serviceaccounts', 'system:serviceaccounts:team-b', 'system:authenticated'],
          resourceAttributes: {
            namespace,
            verb: 'create',
            group: 'cdi.kubevirt.io',
            resource: 'datavolumes',
            subresource: 'source',
            name: 'rhel9-base',
          },
        },
      });
    const granted = await review('golden-images');
    expect(granted.status).toBe(201);
    expect(granted.body.status).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "team-b-cloner/golden-images" of ClusterRole "datavolume-cloner" to ServiceAccount "default/team-b"',
    });
    expect((await review(OS_IMAGES)).body.status).toEqual({
      allowed: true,
      reason: `RBAC: allowed by RoleBinding "os-images.kubevirt.io:view/${OS_IMAGES}" of Role "os-images.kubevirt.io:view" to Group "system:authenticated"`,
    });
    expect((await review('team-a')).body.status.allowed).toBe(false);
  });

  it('refuses a cross-namespace clone without the grant, then clones once a RoleBinding grants it', async () => {
    expect((await grantEditInTeamB()).code).toBe(0);
    const byPvc = file('dv-pvc.yaml', dvYaml('rhel9-copy', PVC_SOURCE));
    const byRef = file('dv-ref.yaml', dvYaml('rhel9-ref', REF_SOURCE));
    const refusedPvc = await kubectl('create', '-f', byPvc, '--as', SA, '-n', 'team-b');
    expect(refusedPvc.code).toBe(1);
    expect(refusedPvc.err).toBe(`Error from server: error when creating "${byPvc}": ${DENIED}\n`);
    const refusedRef = await kubectl('create', '-f', byRef, '--as', SA, '-n', 'team-b');
    expect(refusedRef.err).toBe(`Error from server: error when creating "${byRef}": ${DENIED}\n`);
    expect(c.sim.store.list('DataVolume', 'team-b')).toEqual([]);

    // The grant: a ClusterRole with create on datavolumes/source, bound in the source namespace.
    const role = await kubectl(
      'create',
      'clusterrole',
      'clone-source',
      '--verb=create',
      '--resource=datavolumes.cdi.kubevirt.io/source',
    );
    expect(role.code, role.err).toBe(0);
    const binding = await kubectl(
      'create',
      'rolebinding',
      'team-b-clone-source',
      '--clusterrole=clone-source',
      '--serviceaccount=team-b:default',
      '-n',
      'golden-images',
    );
    expect(binding.code, binding.err).toBe(0);
    for (const f of [byPvc, byRef]) {
      const created = await kubectl('create', '-f', f, '--as', SA, '-n', 'team-b');
      expect(created.code, created.err).toBe(0);
    }
    expect(
      (await kubectl('create', '-f', byPvc, '--as', SA, '-n', 'team-b', '--dry-run=server')).err,
    ).toContain('already exists');
    await settle(3600);
    expect(phase('rhel9-copy')).toBe('Succeeded');
    expect(phase('rhel9-ref')).toBe('Succeeded');
    expect(
      c.sim.store.get('PersistentVolumeClaim', 'rhel9-copy', 'team-b')?.spec.resources.requests.storage,
    ).toBeTruthy();
  });

  it('lets a clone within one namespace through without a grant', async () => {
    expect((await grantEditInTeamB()).code).toBe(0);
    c.sim.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'base', namespace: 'team-b' },
      spec: {
        accessModes: ['ReadWriteMany'],
        resources: { requests: { storage: '10Gi' } },
        storageClassName: 'ocs-storagecluster-ceph-rbd-virtualization',
        volumeMode: 'Block',
        volumeName: 'pvc-base',
      },
      status: { phase: 'Bound', accessModes: ['ReadWriteMany'], capacity: { storage: '10Gi' } },
    });
    const f = file(
      'dv-local.yaml',
      dvYaml('local-copy', '  source:\n    pvc: {name: base, namespace: team-b}'),
    );
    const created = await kubectl('create', '-f', f, '--as', SA, '-n', 'team-b');
    expect(created.code, created.err).toBe(0);
    await settle(3600);
    expect(phase('local-copy')).toBe('Succeeded');
  });

  it("restores SSP's RoleBinding when it is deleted or edited", async () => {
    const get = () => c.sim.store.get('RoleBinding', 'os-images.kubevirt.io:view', OS_IMAGES);
    const before = get()!;
    const deleted = await kubectl('delete', 'rolebinding', 'os-images.kubevirt.io:view', '-n', OS_IMAGES);
    expect(deleted.code, deleted.err).toBe(0);
    await settle();
    const restored = get()!;
    expect(restored.metadata.uid).not.toBe(before.metadata.uid);
    expect(restored.subjects).toEqual(before.subjects);
    expect(restored.roleRef).toEqual(before.roleRef);
    expect(restored.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'ssp-operator' });
    expect(await canI(OS_IMAGES)).toMatchObject({ code: 0, out: 'yes\n' });

    const patched = await kubectl(
      'patch',
      'rolebinding',
      'os-images.kubevirt.io:view',
      '-n',
      OS_IMAGES,
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/subjects","value":[{"kind":"User","name":"nobody","apiGroup":"rbac.authorization.k8s.io"}]}]',
    );
    expect(patched.code, patched.err).toBe(0);
    await settle();
    expect(get()!.subjects).toEqual(before.subjects);
    // The Role's rules too.
    await kubectl(
      'patch',
      'role',
      'os-images.kubevirt.io:view',
      '-n',
      OS_IMAGES,
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/rules/3"}]',
    );
    await settle();
    expect(c.sim.store.get('Role', 'os-images.kubevirt.io:view', OS_IMAGES)!.rules).toContainEqual({
      apiGroups: ['cdi.kubevirt.io'],
      resources: ['datavolumes/source'],
      verbs: ['create'],
    });
  });

  it("aggregates CDI's roles into admin, edit and view, and follows a change of cdi.kubevirt.io:edit", async () => {
    const rulesOf = async (name: string) =>
      JSON.parse((await kubectl('get', 'clusterrole', name, '-o', 'json')).out).rules as unknown[];
    const cdiSource = {
      apiGroups: ['cdi.kubevirt.io'],
      resources: ['datavolumes/source'],
      verbs: ['create'],
    };
    for (const name of ['admin', 'edit', 'view']) {
      const cdi = await rulesOf(`cdi.kubevirt.io:${name}`);
      const aggregated = await rulesOf(name);
      for (const r of cdi) expect(aggregated, name).toContainEqual(r);
      expect(aggregated, name).toContainEqual(cdiSource);
    }
    const labels = JSON.parse((await kubectl('get', 'clusterrole', 'cdi.kubevirt.io:view', '-o', 'json')).out)
      .metadata.labels;
    expect(labels).toEqual({
      app: 'containerized-data-importer',
      'app.kubernetes.io/component': 'storage',
      'app.kubernetes.io/managed-by': 'cdi-operator',
      'cdi.kubevirt.io': '',
      'rbac.authorization.k8s.io/aggregate-to-view': 'true',
    });
    const extra = { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/finalize'], verbs: ['update'] };
    const patched = await kubectl(
      'patch',
      'clusterrole',
      'cdi.kubevirt.io:edit',
      '--type=json',
      '-p',
      JSON.stringify([{ op: 'add', path: '/rules/-', value: extra }]),
    );
    expect(patched.code, patched.err).toBe(0);
    await settle();
    expect(await rulesOf('edit')).toContainEqual(extra);
    expect(await rulesOf('admin')).toContainEqual(extra);
    expect(await rulesOf('view')).not.toContainEqual(extra);
  });
});

describe('clone permissions in the demo seed', () => {
  it('already holds what SSP keeps: the controllers write no RBAC object on start, only missing default SAs', () => {
    const sim = new Sim({ crdsDir: CRDS_DIR, seeds: [DEMO_SEED_DIR], world: createWorld, timeScale: 0 });
    const writes: string[] = [];
    sim.store.subscribe((e) => {
      if (
        ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount'].includes(e.object.kind)
      )
        writes.push(
          `${e.type} ${e.object.kind} ${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`,
        );
    });
    sim.controllers.run(true);
    expect(
      writes.every((w) => /^ADDED ServiceAccount [^/]+\/default$/.test(w)),
      writes.join('\n'),
    ).toBe(true);
    expect(writes).not.toContain('ADDED ServiceAccount team-b/default');
    for (const ns of ['default', 'team-a', 'team-b', 'golden-images', OS_IMAGES])
      expect(sim.store.get('ServiceAccount', 'default', ns), ns).toBeDefined();
    expect(sim.store.get('ClusterRole', 'datavolume-cloner')!.rules).toEqual([
      { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['*'] },
    ]);
    expect(sim.store.list('RoleBinding', 'golden-images')).toEqual([]);
  });
});
