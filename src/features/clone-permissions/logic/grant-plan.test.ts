import { describe, expect, it } from 'vitest';
import { cloneAccess } from './clone-access';
import {
  DEFAULT_ROLE_NAME,
  clusterRoleManifest,
  defaultBindingName,
  grantSteps,
  roleBindingManifest,
  validateGrant,
  type GrantForm,
  type GrantProblem,
} from './grant-plan';
import { grantsOnlyCloning } from './rbac-rules';
import { cdiClusterRoles, clusterRole } from './test-fixtures';

const form = (over: Partial<GrantForm> = {}): GrantForm => ({
  sourceNamespace: 'team-a',
  subject: { kind: 'ServiceAccount', name: 'default', namespace: 'team-b' },
  role: { mode: 'create', name: DEFAULT_ROLE_NAME, verbs: 'create' },
  bindingName: 'team-b-default-datavolume-cloner',
  ...over,
});

const ctx = {
  namespaces: ['team-a', 'team-b', 'openshift-virtualization-os-images'],
  clusterRoles: cdiClusterRoles('v1.66'),
  roleBindingNames: ['admin', 'taken'],
};

const codes = (problems: GrantProblem[]) => problems.map((p) => `${p.field}:${p.severity}:${p.code}`);

describe('defaultBindingName', () => {
  it('names the binding after subject and role, as a DNS-1123 subdomain', () => {
    expect(
      defaultBindingName({ kind: 'ServiceAccount', name: 'default', namespace: 'team-b' }, DEFAULT_ROLE_NAME),
    ).toBe('team-b-default-datavolume-cloner');
    expect(defaultBindingName({ kind: 'User', name: 'Joe@example.com' }, DEFAULT_ROLE_NAME)).toBe(
      'joe-example-com-datavolume-cloner',
    );
    expect(
      defaultBindingName(
        { kind: 'Group', name: 'system:serviceaccounts:team-b' },
        'cdi.kubevirt.io:clone-sourcer',
      ),
    ).toBe('system-serviceaccounts-team-b-clone-sourcer');
    expect(defaultBindingName({ kind: 'User', name: '--__--' }, 'x')).toBe('x');
  });
  it('stays within 253 characters and never ends with a dash', () => {
    const name = defaultBindingName({ kind: 'User', name: `${'a'.repeat(250)}-b` }, DEFAULT_ROLE_NAME);
    expect(name.length).toBeLessThanOrEqual(253);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(defaultBindingName({ kind: 'User', name: 'a'.repeat(252) }, 'role')).toBe('a'.repeat(252));
  });
});

describe('validateGrant', () => {
  it('accepts a complete grant to another namespace’s service account', () => {
    expect(validateGrant(form(), ctx)).toEqual([]);
  });

  it('requires every field', () => {
    expect(
      codes(
        validateGrant(
          form({
            sourceNamespace: '',
            subject: { kind: 'ServiceAccount', name: '', namespace: '' },
            role: { mode: 'create', name: '', verbs: 'create' },
            bindingName: '',
          }),
          ctx,
        ),
      ),
    ).toEqual([
      'sourceNamespace:error:required',
      'subjectName:error:required',
      'subjectNamespace:error:required',
      'roleName:error:required',
      'bindingName:error:required',
    ]);
  });

  it('refuses names the API would refuse (or that we hold to DNS-1123)', () => {
    expect(
      codes(
        validateGrant(
          form({
            sourceNamespace: 'Team_A',
            subject: { kind: 'ServiceAccount', name: 'My SA', namespace: 'team.b' },
            role: { mode: 'create', name: 'cdi:cloner', verbs: 'create' },
            bindingName: 'Joe@example.com',
          }),
          ctx,
        ),
      ),
    ).toEqual([
      'sourceNamespace:error:not-dns1123-label',
      'subjectName:error:not-dns1123-subdomain',
      'subjectNamespace:error:not-dns1123-label',
      'roleName:error:not-dns1123-subdomain',
      'bindingName:error:not-dns1123-subdomain',
    ]);
  });

  it('refuses namespaces that do not exist, only when the list is known', () => {
    const f = form({
      sourceNamespace: 'nope',
      subject: { kind: 'ServiceAccount', name: 'd', namespace: 'gone' },
    });
    expect(codes(validateGrant(f, ctx))).toEqual([
      'sourceNamespace:error:namespace-not-found',
      'subjectNamespace:error:namespace-not-found',
    ]);
    expect(validateGrant(f, { ...ctx, namespaces: undefined })).toEqual([]);
  });

  it('warns that a service account of the source namespace needs no grant (CDI skips the check)', () => {
    expect(
      validateGrant(form({ subject: { kind: 'ServiceAccount', name: 'd', namespace: 'team-a' } }), ctx),
    ).toEqual([{ field: 'subjectNamespace', severity: 'warning', code: 'same-namespace' }]);
  });

  it('takes any user or group name, but not one with surrounding spaces', () => {
    expect(validateGrant(form({ subject: { kind: 'User', name: 'Joe@example.com' } }), ctx)).toEqual([]);
    expect(
      validateGrant(form({ subject: { kind: 'Group', name: 'system:serviceaccounts:team-b' } }), ctx),
    ).toEqual([]);
    expect(codes(validateGrant(form({ subject: { kind: 'User', name: ' joe' } }), ctx))).toEqual([
      'subjectName:error:user-name-spaces',
    ]);
    expect(codes(validateGrant(form({ subject: { kind: 'Group', name: '   ' } }), ctx))).toEqual([
      'subjectName:error:required',
    ]);
  });

  it('refuses creating a ClusterRole whose name is taken', () => {
    expect(codes(validateGrant(form({ role: { mode: 'create', name: 'edit', verbs: 'all' } }), ctx))).toEqual(
      ['roleName:error:role-exists'],
    );
  });

  it('reuses only an existing clone-only ClusterRole (clone-sourcer yes, view no)', () => {
    expect(
      validateGrant(form({ role: { mode: 'reuse', name: 'cdi.kubevirt.io:clone-sourcer' } }), ctx),
    ).toEqual([]);
    expect(
      codes(validateGrant(form({ role: { mode: 'reuse', name: 'cdi.kubevirt.io:view' } }), ctx)),
    ).toEqual(['roleName:error:role-not-clone-only']);
    expect(codes(validateGrant(form({ role: { mode: 'reuse', name: 'missing' } }), ctx))).toEqual([
      'roleName:error:role-not-found',
    ]);
    expect(
      validateGrant(form({ role: { mode: 'reuse', name: 'missing' } }), { ...ctx, clusterRoles: undefined }),
    ).toEqual([]);
  });

  it('refuses a binding name already used in the source namespace', () => {
    expect(codes(validateGrant(form({ bindingName: 'taken' }), ctx))).toEqual([
      'bindingName:error:binding-exists',
    ]);
  });
});

describe('manifests', () => {
  it('creates a ClusterRole granting only create on datavolumes/source, labelled as ours', () => {
    const cr = clusterRoleManifest('datavolume-cloner', 'create');
    expect(cr).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'datavolume-cloner',
        labels: { 'app.kubernetes.io/created-by': 'virt-storage-plugin' },
      },
      rules: [{ apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] }],
    });
    expect(grantsOnlyCloning(cr)).toBe(true);
    expect(clusterRoleManifest('x', 'all').rules?.[0].verbs).toEqual(['*']);
    expect(grantsOnlyCloning(clusterRoleManifest('x', 'all'))).toBe(true);
  });

  it('binds a ServiceAccount without apiGroup, reusing CDI’s clone-sourcer', () => {
    const f = form({
      role: { mode: 'reuse', name: 'cdi.kubevirt.io:clone-sourcer' },
      bindingName: 'team-b-default-clone-sourcer',
    });
    expect(roleBindingManifest(f)).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: {
        name: 'team-b-default-clone-sourcer',
        namespace: 'team-a',
        labels: { 'app.kubernetes.io/created-by': 'virt-storage-plugin' },
      },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'team-b' }],
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'cdi.kubevirt.io:clone-sourcer',
      },
    });
    expect(grantSteps(f)).toEqual(['create-role-binding']);
  });

  it('binds users and groups with the RBAC apiGroup', () => {
    expect(roleBindingManifest(form({ subject: { kind: 'User', name: 'joe' } })).subjects).toEqual([
      { kind: 'User', name: 'joe', apiGroup: 'rbac.authorization.k8s.io' },
    ]);
    expect(roleBindingManifest(form({ subject: { kind: 'Group', name: 'devs' } })).subjects).toEqual([
      { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
    ]);
    expect(grantSteps(form())).toEqual(['create-cluster-role', 'create-role-binding']);
  });

  it('produces objects the access list then shows as a revocable plugin grant', () => {
    const f = form();
    const { rows } = cloneAccess({
      clusterRoles: [...cdiClusterRoles('v1.66'), clusterRoleManifest(f.role.name, 'create')],
      roleBindings: [roleBindingManifest(f)],
      clusterRoleBindings: [],
      roles: [],
    });
    expect(rows.map((r) => [r.sourceNamespace, r.subject, r.owner, r.revocable])).toEqual([
      ['team-a', f.subject, 'plugin', true],
    ]);
  });
});

describe('validateGrant with a ClusterRole of `*` verbs', () => {
  it('lets a grant reuse it (it grants only cloning)', () => {
    const star = clusterRole('dv-cloner-all', [
      { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['*'] },
    ]);
    expect(
      validateGrant(form({ role: { mode: 'reuse', name: 'dv-cloner-all' } }), {
        ...ctx,
        clusterRoles: [...ctx.clusterRoles, star],
      }),
    ).toEqual([]);
  });
});
