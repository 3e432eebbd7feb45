import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, RBAC_SEED, start, tempSeed } from './testing';
import type { RunningCluster } from './server';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const ROLES = `${RBAC}/namespaces/team-a/roles`;
const BINDINGS = `${RBAC}/namespaces/team-a/rolebindings`;
const LSAR = '/apis/authorization.k8s.io/v1/namespaces/team-a/localsubjectaccessreviews';

/** Extra users: `binder` may bind cluster-admin in team-a, `escalator` may escalate ClusterRoles. */
const SEED = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: rbac-writer}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings, clusterroles, clusterrolebindings], verbs: [create, update, get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: bind-cluster-admin}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [cluster-admin]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: binder-writes, namespace: team-a}
subjects: [{kind: User, name: binder}]
roleRef: {kind: ClusterRole, name: rbac-writer}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: binder-binds, namespace: team-a}
subjects: [{kind: User, name: binder}]
roleRef: {kind: ClusterRole, name: bind-cluster-admin}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: escalate-clusterroles}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [create, update, escalate]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: escalator}
subjects: [{kind: User, name: escalator}]
roleRef: {kind: ClusterRole, name: escalate-clusterroles}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: writer}
subjects: [{kind: User, name: writer}]
roleRef: {kind: ClusterRole, name: rbac-writer}
`;

const role = (name: string, rules: object[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name },
  rules,
});
const binding = (name: string, ref: { kind: string; name: string }, user = 'someone') => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name },
  subjects: [{ kind: 'User', name: user }],
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...ref },
});
const clusterRole = (name: string, extra: object) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name },
  ...extra,
});
const GRANTING = 'is attempting to grant RBAC permissions not currently held';

describe('RBAC registry: escalation prevention, roleRef, LocalSubjectAccessReview, aggregation', () => {
  let c: RunningCluster;
  beforeAll(async () => {
    c = await start({ seeds: [tempSeed({ 'rbac.yaml': RBAC_SEED, 'more.yaml': SEED })] });
  });
  afterAll(() => c.close());
  beforeEach(async () => {
    await call(c.url, 'POST', '/_sim/reset');
  });

  it('lets a namespace admin grant what it holds, and refuses more with the apiserver message', async () => {
    const ok = await call(
      c.url,
      'POST',
      ROLES,
      role('reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      {
        user: 'project-user',
      },
    );
    expect(ok.status).toBe(201);
    const tooMuch = await call(
      c.url,
      'POST',
      ROLES,
      role('too-much', [
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] },
        {
          apiGroups: ['storage.k8s.io'],
          resources: ['storageclasses'],
          verbs: ['delete'],
          resourceNames: ['fast'],
        },
      ]),
      { user: 'project-user' },
    );
    expect(tooMuch.status).toBe(403);
    expect(tooMuch.body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      details: { name: 'too-much', group: 'rbac.authorization.k8s.io', kind: 'roles' },
    });
    expect(tooMuch.body.message).toBe(
      `roles.rbac.authorization.k8s.io "too-much" is forbidden: user "project-user" (groups=["system:authenticated"]) ${GRANTING}:\n` +
        '{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}\n' +
        '{APIGroups:["storage.k8s.io"], Resources:["storageclasses"], ResourceNames:["fast"], Verbs:["delete"]}',
    );
    // An update is checked too.
    const reader = (await call(c.url, 'GET', `${ROLES}/reader`)).body;
    const upd = await call(
      c.url,
      'PUT',
      `${ROLES}/reader`,
      { ...reader, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
      { user: 'project-user' },
    );
    expect(upd.status).toBe(403);
    expect(upd.body.message).toContain('{APIGroups:["*"], Resources:["*"], Verbs:["*"]}');
  });

  it('lets a binding reference only a role whose permissions the requester holds, or may bind', async () => {
    expect(
      (
        await call(c.url, 'POST', BINDINGS, binding('v', { kind: 'ClusterRole', name: 'view' }), {
          user: 'project-user',
        })
      ).status,
    ).toBe(201);
    const admin = await call(
      c.url,
      'POST',
      BINDINGS,
      binding('ca', { kind: 'ClusterRole', name: 'cluster-admin' }),
      {
        user: 'project-user',
      },
    );
    expect(admin.status).toBe(403);
    expect(admin.body.message).toBe(
      `rolebindings.rbac.authorization.k8s.io "ca" is forbidden: user "project-user" (groups=["system:authenticated"]) ${GRANTING}:\n` +
        '{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}',
    );
    // `bind` on cluster-admin in team-a is enough; elsewhere it is not.
    expect(
      (
        await call(c.url, 'POST', BINDINGS, binding('ca', { kind: 'ClusterRole', name: 'cluster-admin' }), {
          user: 'binder',
        })
      ).status,
    ).toBe(201);
    const crb = await call(
      c.url,
      'POST',
      `${RBAC}/clusterrolebindings`,
      {
        ...binding('ca-everywhere', { kind: 'ClusterRole', name: 'cluster-admin' }),
        kind: 'ClusterRoleBinding',
      },
      { user: 'writer' },
    );
    expect(crb.status).toBe(403);
    expect(crb.body.message).toMatch(
      /^clusterrolebindings\.rbac\.authorization\.k8s\.io "ca-everywhere" is forbidden: user "writer"/,
    );
    const missing = await call(c.url, 'POST', BINDINGS, binding('nothing', { kind: 'Role', name: 'nope' }), {
      user: 'project-user',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('roles.rbac.authorization.k8s.io "nope" not found');
  });

  it('lets `escalate` on clusterroles grant anything; an aggregationRule needs cluster-admin', async () => {
    const big = clusterRole('big', { rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }] });
    expect((await call(c.url, 'POST', `${RBAC}/clusterroles`, big, { user: 'escalator' })).status).toBe(201);
    const refused = await call(
      c.url,
      'POST',
      `${RBAC}/clusterroles`,
      { ...big, metadata: { name: 'big2' } },
      { user: 'writer' },
    );
    expect(refused.status).toBe(403);
    const agg = await call(
      c.url,
      'POST',
      `${RBAC}/clusterroles`,
      clusterRole('agg', { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } }),
      { user: 'writer' },
    );
    expect(agg.status).toBe(403);
    expect(agg.body.message).toBe(
      'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    );
  });

  it('keeps roleRef immutable (422 as ValidateRoleBindingUpdate words it)', async () => {
    await call(c.url, 'POST', BINDINGS, binding('fixed', { kind: 'ClusterRole', name: 'view' }));
    const b = (await call(c.url, 'GET', `${BINDINGS}/fixed`)).body;
    expect(b.subjects[0].apiGroup).toBe('rbac.authorization.k8s.io'); // SetDefaults_Subject
    const changed = await call(c.url, 'PUT', `${BINDINGS}/fixed`, {
      ...b,
      roleRef: { ...b.roleRef, name: 'edit' },
    });
    expect(changed.status).toBe(422);
    expect(changed.body.message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "fixed" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    );
    expect(changed.body.details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        message:
          'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
        field: 'roleRef',
      },
    ]);
    const subjects = await call(c.url, 'PUT', `${BINDINGS}/fixed`, {
      ...b,
      subjects: [{ kind: 'User', name: 'other' }],
    });
    expect(subjects.status).toBe(200);
  });

  it('answers LocalSubjectAccessReview in its namespace from the same rules', async () => {
    const review = (spec: object, metadata: object = {}) => ({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'LocalSubjectAccessReview',
      metadata,
      spec,
    });
    const attrs = { namespace: 'team-a', verb: 'create', group: 'cdi.kubevirt.io', resource: 'datavolumes' };
    const yes = await call(c.url, 'POST', LSAR, review({ user: 'project-user', resourceAttributes: attrs }), {
      user: 'project-user',
    });
    expect(yes.status).toBe(201);
    expect(yes.body).toMatchObject({
      kind: 'LocalSubjectAccessReview',
      metadata: { namespace: 'team-a' },
      status: {
        allowed: true,
        reason:
          'RBAC: allowed by RoleBinding "project-user-admin/team-a" of ClusterRole "admin" to User "project-user"',
      },
    });
    const no = await call(c.url, 'POST', LSAR, review({ user: 'viewer', resourceAttributes: attrs }));
    expect(no.body.status).toEqual({ allowed: false });
    const elsewhere = await call(
      c.url,
      'POST',
      LSAR,
      review({ user: 'viewer', resourceAttributes: { ...attrs, namespace: 'default' } }),
    );
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.message).toBe(
      'LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "default": must match metadata.namespace',
    );
    const nobody = await call(
      c.url,
      'POST',
      LSAR,
      review({ nonResourceAttributes: { path: '/healthz', verb: 'get' } }),
    );
    expect(nobody.body.message).toBe(
      'LocalSubjectAccessReview.authorization.k8s.io "" is invalid: [spec.user: Invalid value: "": at least one of user or group must be specified, spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/healthz", Verb:"get"}: disallowed on this kind of request]',
    );
    const wrongNs = await call(
      c.url,
      'POST',
      LSAR,
      review({ user: 'viewer', resourceAttributes: attrs }, { namespace: 'default' }),
    );
    expect(wrongNs.status).toBe(400);
    // Asking is itself authorized: admin may, a cluster-reader may not.
    expect(
      (await call(c.url, 'POST', LSAR, review({ user: 'x', resourceAttributes: attrs }), { user: 'viewer' }))
        .status,
    ).toBe(403);
    const discovery = (await call(c.url, 'GET', '/apis/authorization.k8s.io/v1')).body.resources;
    expect(discovery).toContainEqual(
      expect.objectContaining({ name: 'localsubjectaccessreviews', namespaced: true, verbs: ['create'] }),
    );
  });

  it('aggregates ClusterRoles by label, live, and admin/edit/view aggregate as in the bootstrap policy', async () => {
    const rolesUrl = `${RBAC}/clusterroles`;
    await call(
      c.url,
      'POST',
      rolesUrl,
      clusterRole('agg', {
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/agg': 'true' } }] },
      }),
    );
    const part = clusterRole('part', {
      rules: [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] }],
    });
    (part as { metadata: object }).metadata = { name: 'part', labels: { 'example.com/agg': 'true' } };
    await call(c.url, 'POST', rolesUrl, part);
    const rulesOf = async (name: string) => (await call(c.url, 'GET', `${rolesUrl}/${name}`)).body.rules;
    await expect
      .poll(() => rulesOf('agg'))
      .toEqual([{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] }]);
    const stored = (await call(c.url, 'GET', `${rolesUrl}/part`)).body;
    await call(c.url, 'PUT', `${rolesUrl}/part`, {
      ...stored,
      rules: [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list'] }],
    });
    await expect
      .poll(() => rulesOf('agg'))
      .toEqual([{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list'] }]);
    await call(c.url, 'DELETE', `${rolesUrl}/part`);
    await expect.poll(() => rulesOf('agg')).toEqual([]);

    // A role labelled aggregate-to-view reaches view, edit (via view) and admin (via edit).
    const canGetWidgets = async () =>
      (
        await call(
          c.url,
          'POST',
          '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          {
            spec: {
              resourceAttributes: {
                namespace: 'team-a',
                verb: 'get',
                group: 'example.com',
                resource: 'widgets',
              },
            },
          },
          { user: 'project-user' },
        )
      ).body.status.allowed;
    expect(await canGetWidgets()).toBe(false);
    const toView = clusterRole('widgets-view', {
      rules: [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] }],
    });
    (toView as { metadata: object }).metadata = {
      name: 'widgets-view',
      labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
    };
    await call(c.url, 'POST', rolesUrl, toView);
    await expect.poll(canGetWidgets).toBe(true);
  });
});
