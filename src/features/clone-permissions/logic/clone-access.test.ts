import { existsSync, readFileSync } from 'node:fs';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { ClusterRole, RoleBinding } from '../../../k8s/types';
import {
  PLUGIN_LABELS,
  accessCovering,
  bindingOwner,
  cloneAccess,
  filterAccess,
  isEveryone,
  sameSubject,
  subjectLabel,
} from './clone-access';
import {
  cdiClusterRoles,
  clusterRole,
  clusterRoleBinding,
  group,
  role,
  roleBinding,
  sa,
  user,
} from './test-fixtures';
import type { CloneAccessRow, RbacSnapshot } from './types';

const GOLDEN = 'openshift-virtualization-os-images';
const cloner = clusterRole('datavolume-cloner', [
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] },
]);

/** SSP's Role and RoleBinding in the golden images namespace (ssp-operator data-sources/resource.go). */
const sspRole = role(GOLDEN, 'os-images.kubevirt.io:view', [
  { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] },
]);
const sspBinding = roleBinding(
  GOLDEN,
  'os-images.kubevirt.io:view',
  { kind: 'Role', name: 'os-images.kubevirt.io:view' },
  [group('system:authenticated'), group('system:serviceaccounts')],
  { 'app.kubernetes.io/managed-by': 'ssp-operator', 'app.kubernetes.io/component': 'templating' },
);

const snapshot = (over: Partial<RbacSnapshot> = {}): RbacSnapshot => ({
  clusterRoles: [...cdiClusterRoles('v1.66'), cloner],
  clusterRoleBindings: [],
  roles: [sspRole],
  roleBindings: [],
  ...over,
});

const summary = (rows: CloneAccessRow[]) =>
  rows.map(
    (r) =>
      `${r.sourceNamespace} ${r.subject.kind}:${subjectLabel(r.subject)} ${r.binding.name} ${r.permission}`,
  );

describe('cloneAccess', () => {
  it('lists a plugin grant to another namespace’s service account as revocable', () => {
    const rb = roleBinding(
      'team-a',
      'team-b-default-datavolume-cloner',
      { kind: 'ClusterRole', name: 'datavolume-cloner' },
      [sa('team-b', 'default')],
      { ...PLUGIN_LABELS },
    );
    const { rows, blindspots } = cloneAccess(snapshot({ roleBindings: [rb] }));
    expect(blindspots).toEqual([]);
    expect(rows).toEqual([
      {
        key: 'RoleBinding/team-a/team-b-default-datavolume-cloner|ServiceAccount/team-b/default|clone-source',
        sourceNamespace: 'team-a',
        subject: { kind: 'ServiceAccount', name: 'default', namespace: 'team-b' },
        binding: { kind: 'RoleBinding', name: 'team-b-default-datavolume-cloner', namespace: 'team-a' },
        role: { kind: 'ClusterRole', name: 'datavolume-cloner' },
        permission: 'clone-source',
        path: { kind: 'direct' },
        everyone: false,
        owner: 'plugin',
        revocable: true,
      },
    ]);
  });

  it('shows SSP’s golden-images Role as everyone’s access, owned by SSP and not revocable', () => {
    const { rows } = cloneAccess(snapshot({ roleBindings: [sspBinding] }));
    expect(rows.map((r) => [r.subject.name, r.everyone, r.owner, r.revocable, r.role.kind])).toEqual([
      ['system:authenticated', true, 'ssp', false, 'Role'],
      ['system:serviceaccounts', true, 'ssp', false, 'Role'],
    ]);
  });

  it('shows admin once (as clone-source, through CDI’s aggregated roles), never revocable', () => {
    const rb = roleBinding('team-a', 'admin-joe', { kind: 'ClusterRole', name: 'admin' }, [user('joe')]);
    const { rows } = cloneAccess(snapshot({ roleBindings: [rb] }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      permission: 'clone-source',
      path: { kind: 'aggregated', from: ['cdi.kubevirt.io:admin', 'cdi.kubevirt.io:edit'] },
      owner: 'other',
      revocable: false,
    });
  });

  it('lists pod creation as a way to clone when the role lacks datavolumes/source', () => {
    const podMaker = clusterRole('pod-maker', [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }]);
    const rb = roleBinding('team-a', 'ci-pods', { kind: 'ClusterRole', name: 'pod-maker' }, [
      sa('ci', 'builder'),
    ]);
    const { rows } = cloneAccess(snapshot({ clusterRoles: [podMaker], roleBindings: [rb] }));
    expect(rows.map((r) => [r.permission, r.path, r.revocable])).toEqual([
      ['create-pods', { kind: 'wildcard', fields: ['verbs'] }, false],
    ]);
  });

  it('keeps the pod row when the clone-source rule is limited to some PVCs and pod creation is not', () => {
    const r = clusterRole('mixed', [
      {
        apiGroups: ['cdi.kubevirt.io'],
        resources: ['datavolumes/source'],
        verbs: ['create'],
        resourceNames: ['fedora'],
      },
      { apiGroups: [''], resources: ['pods'], verbs: ['create'] },
    ]);
    const rb = roleBinding('team-a', 'mixed', { kind: 'ClusterRole', name: 'mixed' }, [user('joe')]);
    const { rows } = cloneAccess(snapshot({ clusterRoles: [r], roleBindings: [rb] }));
    expect(rows.map((x) => [x.permission, x.resourceNames])).toEqual([
      ['clone-source', ['fedora']],
      ['create-pods', undefined],
    ]);
  });

  it('makes a ClusterRoleBinding reach every namespace (*)', () => {
    const crb = clusterRoleBinding('everyone-clones', 'datavolume-cloner', [group('system:authenticated')]);
    const { rows } = cloneAccess(snapshot({ clusterRoleBindings: [crb] }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      sourceNamespace: '*',
      binding: { kind: 'ClusterRoleBinding', name: 'everyone-clones' },
      everyone: true,
      revocable: false,
    });
    expect(rows[0].binding.namespace).toBeUndefined();
  });

  it('defaults a RoleBinding ServiceAccount subject to the binding’s namespace; drops it in a ClusterRoleBinding', () => {
    const rb = roleBinding('team-a', 'local', { kind: 'ClusterRole', name: 'datavolume-cloner' }, [
      sa(undefined, 'builder'),
    ]);
    const crb = clusterRoleBinding('broken', 'datavolume-cloner', [sa(undefined, 'builder')]);
    const { rows } = cloneAccess(snapshot({ roleBindings: [rb], clusterRoleBindings: [crb] }));
    expect(rows.map((r) => r.subject)).toEqual([
      { kind: 'ServiceAccount', name: 'builder', namespace: 'team-a' },
    ]);
  });

  it('reports a binding whose role is missing once, and a Role missing from its namespace', () => {
    const rb = roleBinding('team-a', 'ghost', { kind: 'ClusterRole', name: 'deleted-role' }, [
      user('a'),
      user('b'),
    ]);
    const wrongNs = roleBinding('team-a', 'ssp-copy', { kind: 'Role', name: 'os-images.kubevirt.io:view' }, [
      user('c'),
    ]);
    const { rows, blindspots } = cloneAccess(snapshot({ roleBindings: [rb, wrongNs] }));
    expect(rows).toEqual([]);
    expect(blindspots).toEqual([
      {
        kind: 'role-unknown',
        binding: { kind: 'RoleBinding', name: 'ghost', namespace: 'team-a' },
        role: { kind: 'ClusterRole', name: 'deleted-role' },
      },
      {
        kind: 'role-unknown',
        binding: { kind: 'RoleBinding', name: 'ssp-copy', namespace: 'team-a' },
        role: { kind: 'Role', name: 'os-images.kubevirt.io:view' },
      },
    ]);
  });

  it('says which lists it could not read, and that their bindings’ roles are unknown', () => {
    const rb = roleBinding('team-a', 'x', { kind: 'ClusterRole', name: 'datavolume-cloner' }, [user('a')]);
    const { rows, blindspots } = cloneAccess({ roleBindings: [rb] });
    expect(rows).toEqual([]);
    expect(blindspots).toEqual([
      { kind: 'unreadable', resource: 'clusterroles' },
      { kind: 'unreadable', resource: 'clusterrolebindings' },
      { kind: 'unreadable', resource: 'roles' },
      {
        kind: 'role-unknown',
        binding: { kind: 'RoleBinding', name: 'x', namespace: 'team-a' },
        role: { kind: 'ClusterRole', name: 'datavolume-cloner' },
      },
    ]);
    expect(cloneAccess({ clusterRoles: [], roles: [], clusterRoleBindings: [] }).blindspots).toEqual([
      { kind: 'unreadable', resource: 'rolebindings' },
    ]);
  });

  it('skips bindings of roles that grant no cloning', () => {
    const crb = clusterRoleBinding('cdi.kubevirt.io:config-reader', 'cdi.kubevirt.io:config-reader', [
      group('system:authenticated'),
    ]);
    expect(cloneAccess(snapshot({ clusterRoleBindings: [crb] })).rows).toEqual([]);
  });

  it('sorts cluster-wide first, then namespace, subject kind, subject, binding', () => {
    const b = (ns: string, name: string, subjects: Parameters<typeof roleBinding>[3]) =>
      roleBinding(ns, name, { kind: 'ClusterRole', name: 'datavolume-cloner' }, subjects);
    const { rows } = cloneAccess(
      snapshot({
        roleBindings: [
          b('zeta', 'z1', [user('amy')]),
          b('alpha', 'a2', [sa('ci', 'bot'), user('zed')]),
          b('alpha', 'a1', [group('devs'), user('zed')]),
        ],
        clusterRoleBindings: [clusterRoleBinding('all', 'datavolume-cloner', [sa('ops', 'x')])],
      }),
    );
    expect(summary(rows)).toEqual([
      '* ServiceAccount:ops/x all clone-source',
      'alpha User:zed a1 clone-source',
      'alpha User:zed a2 clone-source',
      'alpha Group:devs a1 clone-source',
      'alpha ServiceAccount:ci/bot a2 clone-source',
      'zeta User:amy z1 clone-source',
    ]);
  });

  it('is fast on a large cluster (5,000 bindings, 500 roles)', () => {
    const roles: ClusterRole[] = [...cdiClusterRoles('v1.66')];
    for (let i = 0; i < 500; i++)
      roles.push(
        clusterRole(
          `role-${i}`,
          [
            {
              apiGroups: ['cdi.kubevirt.io'],
              resources: i % 2 ? ['datavolumes/source'] : ['datavolumes'],
              verbs: ['create'],
            },
          ],
          { labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } },
        ),
      );
    const bindings: RoleBinding[] = [];
    for (let i = 0; i < 5000; i++)
      bindings.push(
        roleBinding(
          `ns-${i % 300}`,
          `b-${i}`,
          { kind: 'ClusterRole', name: i % 3 ? `role-${i % 500}` : 'admin' },
          [user(`u-${i}`), sa(`ns-${i % 7}`, 'default')],
        ),
      );
    const start = performance.now();
    const { rows } = cloneAccess({
      clusterRoles: roles,
      roleBindings: bindings,
      clusterRoleBindings: [],
      roles: [],
    });
    const ms = performance.now() - start;
    expect(rows.length).toBeGreaterThan(5000);
    expect(ms).toBeLessThan(1000);
  });

  const fixture = '/work/shared/fixtures-upstream/cluster/rbac-datavolume-admin-and-cloner.cdi-doc.yaml';
  it.skipIf(!existsSync(fixture))(
    'reads CDI’s doc/RBAC.md example: Joe may clone from golden-images only',
    () => {
      const docs = loadAll(readFileSync(fixture, 'utf8')) as (ClusterRole & RoleBinding & { kind: string })[];
      const { rows, blindspots } = cloneAccess({
        clusterRoles: docs.filter((d) => d?.kind === 'ClusterRole'),
        clusterRoleBindings: docs.filter((d) => d?.kind === 'ClusterRoleBinding'),
        roleBindings: docs.filter((d) => d?.kind === 'RoleBinding'),
        roles: [],
      });
      expect(blindspots).toEqual([]);
      // `*` on datavolumes (datavolume-admin) is not datavolumes/source: only the cdi-cloner binding counts.
      expect(summary(rows)).toEqual(['golden-images User:Joe joe-cdi-cloner clone-source']);
      expect(rows[0].revocable).toBe(true);
    },
  );
});

describe('bindingOwner', () => {
  const rb = (
    labels?: Record<string, string>,
    annotations?: Record<string, string>,
    name = 'x',
  ): RoleBinding => ({
    metadata: { name, namespace: 'n', labels, annotations },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' },
  });
  it('recognises SSP, CDI, the apiserver’s defaults, the plugin and anyone else', () => {
    expect(bindingOwner(rb({ 'app.kubernetes.io/managed-by': 'ssp-operator' }))).toBe('ssp');
    expect(bindingOwner(rb(undefined, { 'operator-sdk/primary-resource-type': 'SSP.ssp.kubevirt.io' }))).toBe(
      'ssp',
    );
    expect(bindingOwner(rb(undefined, undefined, 'os-images.kubevirt.io:view'))).toBe('ssp');
    expect(bindingOwner(rb({ 'cdi.kubevirt.io': '' }))).toBe('cdi');
    expect(bindingOwner(rb({ 'kubernetes.io/bootstrapping': 'rbac-defaults' }))).toBe('bootstrap');
    expect(bindingOwner(rb({ ...PLUGIN_LABELS }))).toBe('plugin');
    expect(bindingOwner(rb({ 'app.kubernetes.io/created-by': 'someone-else' }))).toBe('other');
    expect(bindingOwner(rb())).toBe('other');
  });
});

describe('subjects', () => {
  it('labels and compares subjects', () => {
    expect(subjectLabel({ kind: 'ServiceAccount', name: 'default', namespace: 'team-b' })).toBe(
      'team-b/default',
    );
    expect(subjectLabel({ kind: 'User', name: 'joe' })).toBe('joe');
    expect(sameSubject({ kind: 'User', name: 'joe' }, { kind: 'User', name: 'joe' })).toBe(true);
    expect(sameSubject({ kind: 'User', name: 'joe' }, { kind: 'Group', name: 'joe' })).toBe(false);
    expect(
      sameSubject(
        { kind: 'ServiceAccount', name: 'd', namespace: 'a' },
        { kind: 'ServiceAccount', name: 'd', namespace: 'b' },
      ),
    ).toBe(false);
    expect(isEveryone({ kind: 'Group', name: 'system:authenticated' })).toBe(true);
    expect(isEveryone({ kind: 'Group', name: 'system:serviceaccounts' })).toBe(true);
    expect(isEveryone({ kind: 'Group', name: 'system:serviceaccounts:team-b' })).toBe(false);
    expect(isEveryone({ kind: 'User', name: 'system:authenticated' })).toBe(false);
  });
});

describe('filterAccess and accessCovering', () => {
  const cloneRb = (ns: string, name: string, subjects: Parameters<typeof roleBinding>[3]) =>
    roleBinding(ns, name, { kind: 'ClusterRole', name: 'datavolume-cloner' }, subjects);
  const limited = clusterRole('fedora-only', [
    {
      apiGroups: ['cdi.kubevirt.io'],
      resources: ['datavolumes/source'],
      verbs: ['create'],
      resourceNames: ['fedora'],
    },
  ]);
  const podMaker = clusterRole('pod-maker', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]);
  const { rows } = cloneAccess(
    snapshot({
      clusterRoles: [...cdiClusterRoles('v1.66'), cloner, limited, podMaker],
      roleBindings: [
        sspBinding,
        cloneRb('team-a', 'sa-direct', [sa('team-b', 'default')]),
        cloneRb('team-a', 'sa-group', [group('system:serviceaccounts:team-b')]),
        cloneRb('team-a', 'other-ns-group', [group('system:serviceaccounts:team-c')]),
        cloneRb('team-a', 'joe', [user('Joe')]),
        roleBinding('team-a', 'pods', { kind: 'ClusterRole', name: 'pod-maker' }, [sa('team-b', 'default')]),
        roleBinding('team-a', 'fedora', { kind: 'ClusterRole', name: 'fedora-only' }, [
          sa('team-b', 'default'),
        ]),
        cloneRb('team-z', 'z', [user('zoe')]),
      ],
      clusterRoleBindings: [clusterRoleBinding('ops', 'datavolume-cloner', [group('ops')])],
    }),
  );

  it('filters by namespace keeping cluster-wide rows, and by subject text or kind', () => {
    expect(filterAccess(rows, { namespace: 'team-z' }).map((r) => r.binding.name)).toEqual(['ops', 'z']);
    expect(filterAccess(rows, { subject: 'JOE' }).map((r) => r.binding.name)).toEqual(['joe']);
    expect(filterAccess(rows, { subject: 'team-b/' }).map((r) => r.binding.name)).toEqual([
      'fedora',
      'pods',
      'sa-direct',
    ]);
    // Kind or text: the three ServiceAccount rows, and the groups whose names contain it.
    expect(filterAccess(rows, { subject: 'serviceaccount' }).map((r) => subjectLabel(r.subject))).toEqual([
      'system:serviceaccounts',
      'system:serviceaccounts:team-b',
      'system:serviceaccounts:team-c',
      'team-b/default',
      'team-b/default',
      'team-b/default',
    ]);
    expect(filterAccess(rows, { namespace: 'team-a', subject: ' ' })).toHaveLength(
      rows.filter((r) => r.sourceNamespace === 'team-a' || r.sourceNamespace === '*').length,
    );
  });

  it('finds what covers a service account: itself, its namespace’s group, everyone; not name-limited rows', () => {
    const covering = accessCovering(
      rows,
      { kind: 'ServiceAccount', name: 'default', namespace: 'team-b' },
      'team-a',
    );
    expect(covering.map((r) => `${r.binding.name}:${r.permission}`)).toEqual([
      'sa-group:clone-source',
      'sa-direct:clone-source',
      'pods:create-pods',
    ]);
    const golden = accessCovering(
      rows,
      { kind: 'ServiceAccount', name: 'default', namespace: 'team-b' },
      GOLDEN,
    );
    expect(golden.map((r) => r.subject.name)).toEqual(['system:authenticated', 'system:serviceaccounts']);
  });

  it('covers a user through system:authenticated and groups passed in, a group only through itself', () => {
    expect(accessCovering(rows, { kind: 'User', name: 'amy' }, GOLDEN).map((r) => r.subject.name)).toEqual([
      'system:authenticated',
    ]);
    expect(accessCovering(rows, { kind: 'User', name: 'amy' }, 'team-a')).toEqual([]);
    expect(
      accessCovering(rows, { kind: 'User', name: 'amy' }, 'team-a', { groups: ['ops'] }).map(
        (r) => r.binding.name,
      ),
    ).toEqual(['ops']);
    expect(accessCovering(rows, { kind: 'Group', name: 'ops' }, 'team-a').map((r) => r.binding.name)).toEqual(
      ['ops'],
    );
    expect(accessCovering(rows, { kind: 'Group', name: 'devs' }, GOLDEN)).toEqual([]);
  });

  it('treats the user name of a service account as that service account', () => {
    const covering = accessCovering(
      rows,
      { kind: 'User', name: 'system:serviceaccount:team-b:default' },
      'team-a',
    );
    expect(covering.map((r) => r.binding.name)).toEqual(['sa-group', 'sa-direct', 'pods']);
  });
});
