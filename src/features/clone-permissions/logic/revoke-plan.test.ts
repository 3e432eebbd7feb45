import { describe, expect, it } from 'vitest';
import { PLUGIN_LABELS, cloneAccess } from './clone-access';
import { clusterRoleManifest } from './grant-plan';
import { revokeImpact, roleLeftUnused } from './revoke-plan';
import { cdiClusterRoles, clusterRoleBinding, group, roleBinding, sa, user } from './test-fixtures';
import type { RbacSnapshot } from './types';

const ours = clusterRoleManifest('datavolume-cloner', 'create');
const grant = roleBinding(
  'team-a',
  'team-b-default-datavolume-cloner',
  { kind: 'ClusterRole', name: 'datavolume-cloner' },
  [sa('team-b', 'default'), user('joe')],
  { ...PLUGIN_LABELS },
);

const snapshot = (over: Partial<RbacSnapshot> = {}): RbacSnapshot => ({
  clusterRoles: [...cdiClusterRoles('v1.66'), ours],
  clusterRoleBindings: [],
  roles: [],
  roleBindings: [grant],
  ...over,
});

describe('revokeImpact', () => {
  it('says each subject loses access when nothing else grants it', () => {
    const { rows } = cloneAccess(snapshot());
    expect(revokeImpact(grant, rows)).toEqual([
      { subject: { kind: 'ServiceAccount', name: 'default', namespace: 'team-b' }, keepsAccessVia: [] },
      { subject: { kind: 'User', name: 'joe' }, keepsAccessVia: [] },
    ]);
  });

  it('lists the other bindings through which a subject keeps access', () => {
    const { rows } = cloneAccess(
      snapshot({
        roleBindings: [
          grant,
          roleBinding('team-a', 'joe-admin', { kind: 'ClusterRole', name: 'admin' }, [user('joe')]),
          roleBinding('team-z', 'elsewhere', { kind: 'ClusterRole', name: 'datavolume-cloner' }, [
            sa('team-b', 'default'),
          ]),
        ],
        clusterRoleBindings: [
          clusterRoleBinding('all-sas', 'datavolume-cloner', [group('system:serviceaccounts')]),
        ],
      }),
    );
    const impact = revokeImpact(grant, rows);
    expect(impact.map((i) => [i.subject.name, i.keepsAccessVia.map((r) => r.binding.name)])).toEqual([
      ['default', ['all-sas']],
      ['joe', ['joe-admin']],
    ]);
  });
});

describe('roleLeftUnused', () => {
  it('offers to delete the plugin’s ClusterRole when this was its last binding', () => {
    expect(roleLeftUnused(grant, snapshot())).toBe(ours);
  });

  it('keeps it while another binding, anywhere, refers to it', () => {
    const other = roleBinding('team-z', 'other', { kind: 'ClusterRole', name: 'datavolume-cloner' }, [
      user('zoe'),
    ]);
    expect(roleLeftUnused(grant, snapshot({ roleBindings: [grant, other] }))).toBeUndefined();
    const crb = clusterRoleBinding('cluster-wide', 'datavolume-cloner', [user('zoe')]);
    expect(roleLeftUnused(grant, snapshot({ clusterRoleBindings: [crb] }))).toBeUndefined();
    // A same-named binding in another namespace is another binding.
    const twin = roleBinding(
      'team-z',
      grant.metadata?.name ?? '',
      { kind: 'ClusterRole', name: 'datavolume-cloner' },
      [],
    );
    expect(roleLeftUnused(grant, snapshot({ roleBindings: [grant, twin] }))).toBeUndefined();
  });

  it('never offers to delete a role it did not create, or blind', () => {
    const reuse = roleBinding(
      'team-a',
      'x',
      { kind: 'ClusterRole', name: 'cdi.kubevirt.io:clone-sourcer' },
      [user('joe')],
      { ...PLUGIN_LABELS },
    );
    expect(roleLeftUnused(reuse, snapshot({ roleBindings: [reuse] }))).toBeUndefined();
    expect(roleLeftUnused(grant, snapshot({ roleBindings: undefined }))).toBeUndefined();
    expect(roleLeftUnused(grant, snapshot({ clusterRoleBindings: undefined }))).toBeUndefined();
    expect(roleLeftUnused(grant, snapshot({ clusterRoles: undefined }))).toBeUndefined();
    const widened = {
      ...ours,
      rules: [...(ours.rules ?? []), { apiGroups: [''], resources: ['pods'], verbs: ['create'] }],
    };
    expect(roleLeftUnused(grant, snapshot({ clusterRoles: [widened] }))).toBeUndefined();
  });
});
