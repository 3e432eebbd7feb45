import { describe, expect, it } from 'vitest';
import type { PolicyRule } from '../../../k8s/types';
import {
  cloneBehaviour,
  grantsOnlyCloning,
  labelSelectorMatches,
  reusableCloneRoles,
  roleGrants,
  ruleMatch,
} from './rbac-rules';
import { byName, cdiClusterRoles, clusterRole, role } from './test-fixtures';

const rule = (
  apiGroups: string[],
  resources: string[],
  verbs: string[],
  resourceNames?: string[],
): PolicyRule => ({
  apiGroups,
  resources,
  verbs,
  ...(resourceNames ? { resourceNames } : {}),
});

describe('ruleMatch', () => {
  it('matches the exact clone-source rule directly', () => {
    expect(ruleMatch(rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create']), 'clone-source')).toEqual({
      wildcards: [],
    });
  });

  it('reports each wildcard field that was needed', () => {
    expect(ruleMatch(rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['*']), 'clone-source')).toEqual({
      wildcards: ['verbs'],
    });
    expect(ruleMatch(rule(['*'], ['datavolumes/source'], ['create']), 'clone-source')).toEqual({
      wildcards: ['apiGroups'],
    });
    expect(ruleMatch(rule(['cdi.kubevirt.io'], ['*'], ['create']), 'clone-source')).toEqual({
      wildcards: ['resources'],
    });
    expect(ruleMatch(rule(['*'], ['*'], ['*']), 'clone-source')).toEqual({
      wildcards: ['verbs', 'apiGroups', 'resources'],
    });
    expect(ruleMatch(rule(['*'], ['*'], ['*']), 'create-pods')).toEqual({
      wildcards: ['verbs', 'apiGroups', 'resources'],
    });
  });

  it('matches `*/source` but never `datavolumes/*` (k8s ResourceMatches)', () => {
    expect(ruleMatch(rule(['cdi.kubevirt.io'], ['*/source'], ['create']), 'clone-source')).toEqual({
      wildcards: ['resources'],
    });
    expect(ruleMatch(rule(['cdi.kubevirt.io'], ['datavolumes/*'], ['create']), 'clone-source')).toBeNull();
    expect(ruleMatch(rule(['cdi.kubevirt.io'], ['*/sources'], ['create']), 'clone-source')).toBeNull();
    // `*/x` only matches subresources: pods has none.
    expect(ruleMatch(rule([''], ['*/source'], ['create']), 'create-pods')).toBeNull();
  });

  it('does not take `*` on datavolumes as permission to clone (the subresource is separate)', () => {
    expect(ruleMatch(rule(['cdi.kubevirt.io'], ['datavolumes'], ['*']), 'clone-source')).toBeNull();
  });

  it('prefers a direct value when the field also has `*`', () => {
    expect(
      ruleMatch(rule(['cdi.kubevirt.io', '*'], ['datavolumes/source'], ['create', '*']), 'clone-source'),
    ).toEqual({
      wildcards: [],
    });
  });

  it('refuses the wrong group, verb or resource, and empty apiGroups even for core pods', () => {
    expect(ruleMatch(rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['get']), 'clone-source')).toBeNull();
    expect(ruleMatch(rule(['apps'], ['pods'], ['create']), 'create-pods')).toBeNull();
    expect(ruleMatch(rule([''], ['pods'], ['create']), 'create-pods')).toEqual({ wildcards: [] });
    expect(ruleMatch({ resources: ['pods'], verbs: ['create'] }, 'create-pods')).toBeNull();
    expect(ruleMatch(rule([''], ['pods/exec'], ['create']), 'create-pods')).toBeNull();
  });

  it('ignores nonResourceURLs rules', () => {
    expect(ruleMatch({ nonResourceURLs: ['*'], verbs: ['*'] }, 'create-pods')).toBeNull();
  });
});

describe('roleGrants', () => {
  it('gives resourceNames only when every granting rule is limited, as their union', () => {
    const limited = clusterRole('r', [
      rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create'], ['golden-a']),
      rule(['*'], ['datavolumes/source'], ['create'], ['golden-b', 'golden-a']),
    ]);
    expect(roleGrants(limited, undefined, 'clone-source')).toEqual({
      path: { kind: 'direct' },
      resourceNames: ['golden-a', 'golden-b'],
    });
    const mixed = clusterRole('r', [
      rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create'], ['golden-a']),
      rule(['cdi.kubevirt.io'], ['*/source'], ['create']),
    ]);
    // The unlimited rule is what reaches every PVC: it is the one shown.
    expect(roleGrants(mixed, undefined, 'clone-source')).toEqual({
      path: { kind: 'wildcard', fields: ['resources'] },
    });
  });

  it('shows the most direct of several granting rules', () => {
    const r = clusterRole('r', [
      rule(['*'], ['*'], ['*']),
      rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['*']),
    ]);
    expect(roleGrants(r, undefined, 'clone-source')).toEqual({
      path: { kind: 'wildcard', fields: ['verbs'] },
    });
  });

  it('returns null for a role that does not grant it', () => {
    const roles = cdiClusterRoles('v1.66');
    expect(roleGrants(byName(roles, 'cdi.kubevirt.io:view'), roles, 'clone-source')).toBeNull();
    expect(roleGrants(byName(roles, 'cdi.kubevirt.io:config-reader'), roles, 'create-pods')).toBeNull();
  });

  it('traces admin back to the CDI roles aggregated into it (through edit and view)', () => {
    const v165 = cdiClusterRoles('v1.65');
    expect(roleGrants(byName(v165, 'admin'), v165, 'clone-source')).toEqual({
      path: {
        kind: 'aggregated',
        from: ['cdi.kubevirt.io:admin', 'cdi.kubevirt.io:edit', 'cdi.kubevirt.io:view'],
      },
    });
    expect(roleGrants(byName(v165, 'view'), v165, 'clone-source')).toEqual({
      path: { kind: 'aggregated', from: ['cdi.kubevirt.io:view'] },
    });
    const v166 = cdiClusterRoles('v1.66');
    expect(roleGrants(byName(v166, 'admin'), v166, 'clone-source')).toEqual({
      path: { kind: 'aggregated', from: ['cdi.kubevirt.io:admin', 'cdi.kubevirt.io:edit'] },
    });
    expect(roleGrants(byName(v166, 'view'), v166, 'clone-source')).toBeNull();
    expect(roleGrants(byName(v166, 'edit'), v166, 'create-pods')).toEqual({
      path: { kind: 'aggregated', from: ['system:aggregate-to-edit'] },
    });
  });

  it('falls back to an aggregated role’s own rules when the ClusterRoles are unreadable', () => {
    const roles = cdiClusterRoles('v1.65');
    expect(roleGrants(byName(roles, 'admin'), undefined, 'clone-source')).toEqual({
      path: { kind: 'direct' },
    });
  });

  it('selects aggregated roles with matchExpressions and never the role itself', () => {
    const agg = clusterRole('mine', [rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create'])], {
      labels: { tier: 'gold' },
    });
    agg.aggregationRule = {
      clusterRoleSelectors: [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['gold'] }] }],
    };
    const leaf = clusterRole('leaf', [rule(['cdi.kubevirt.io'], ['*/source'], ['create'])], {
      labels: { tier: 'gold' },
    });
    expect(roleGrants(agg, [agg, leaf], 'clone-source')).toEqual({
      path: { kind: 'aggregated', from: ['leaf'] },
    });
    // Only itself selected: its own rules, read directly.
    expect(roleGrants(agg, [agg], 'clone-source')).toEqual({ path: { kind: 'direct' } });
  });

  it('survives aggregation cycles', () => {
    const a = clusterRole('a', [rule(['*'], ['*'], ['*'])], {
      aggregateFrom: 'x',
      labels: { 'rbac.authorization.k8s.io/aggregate-to-y': 'true' },
    });
    const b = clusterRole('b', [rule(['*'], ['*'], ['*'])], {
      aggregateFrom: 'y',
      labels: { 'rbac.authorization.k8s.io/aggregate-to-x': 'true' },
    });
    expect(roleGrants(a, [a, b], 'clone-source')?.path.kind).toBe('aggregated');
  });

  it('reads a namespaced Role like any other', () => {
    const ssp = role('openshift-virtualization-os-images', 'os-images.kubevirt.io:view', [
      rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create']),
    ]);
    expect(roleGrants(ssp, [], 'clone-source')).toEqual({ path: { kind: 'direct' } });
  });
});

describe('labelSelectorMatches', () => {
  const labels = { a: '1', b: '2' };
  it('follows LabelSelector semantics', () => {
    expect(labelSelectorMatches({}, labels)).toBe(true);
    expect(labelSelectorMatches({ matchLabels: { a: '1' } }, labels)).toBe(true);
    expect(labelSelectorMatches({ matchLabels: { a: '2' } }, labels)).toBe(false);
    expect(
      labelSelectorMatches({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['2'] }] }, labels),
    ).toBe(true);
    expect(
      labelSelectorMatches({ matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['2'] }] }, labels),
    ).toBe(true);
    expect(
      labelSelectorMatches({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, labels),
    ).toBe(false);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'b', operator: 'Exists' }] }, labels)).toBe(true);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'b', operator: 'DoesNotExist' }] }, labels)).toBe(
      false,
    );
    expect(
      labelSelectorMatches({ matchExpressions: [{ key: 'c', operator: 'DoesNotExist' }] }, undefined),
    ).toBe(true);
    expect(
      labelSelectorMatches({ matchExpressions: [{ key: 'a', operator: 'In', values: ['3'] }] }, labels),
    ).toBe(false);
    expect(
      labelSelectorMatches({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['0'] }] }, labels),
    ).toBe(false);
  });
});

describe('grantsOnlyCloning', () => {
  it('accepts clone-only roles with create or `*` verbs', () => {
    expect(
      grantsOnlyCloning(clusterRole('c', [rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create'])])),
    ).toBe(true);
    expect(
      grantsOnlyCloning(clusterRole('c', [rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['*'])])),
    ).toBe(true);
  });
  it('refuses roles that grant anything else, wildcards, no rules, or aggregation', () => {
    const roles = cdiClusterRoles('v1.65');
    expect(grantsOnlyCloning(byName(roles, 'cdi.kubevirt.io:view'))).toBe(false);
    expect(grantsOnlyCloning(byName(roles, 'admin'))).toBe(false);
    expect(grantsOnlyCloning(clusterRole('c', [rule(['cdi.kubevirt.io'], ['*/source'], ['create'])]))).toBe(
      false,
    );
    expect(grantsOnlyCloning(clusterRole('c', [rule(['*'], ['datavolumes/source'], ['create'])]))).toBe(
      false,
    );
    expect(
      grantsOnlyCloning(
        clusterRole('c', [rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create', 'get'])]),
      ),
    ).toBe(false);
    expect(grantsOnlyCloning(clusterRole('c', []))).toBe(false);
    const agg = clusterRole('c', [rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create'])], {
      aggregateFrom: 'x',
    });
    expect(grantsOnlyCloning(agg)).toBe(false);
  });
});

describe('reusableCloneRoles', () => {
  it('offers clone-sourcer first, then create-only roles, then `*` ones, skipping name-limited and wider roles', () => {
    const roles = [
      ...cdiClusterRoles('v1.66'),
      clusterRole('zz-cloner', [rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create'])]),
      clusterRole('cdi-cloner', [rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create'])]),
      clusterRole('datavolume-cloner', [rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['*'])]),
      clusterRole('golden-only', [rule(['cdi.kubevirt.io'], ['datavolumes/source'], ['create'], ['fedora'])]),
    ];
    expect(reusableCloneRoles(roles)).toEqual([
      { name: 'cdi.kubevirt.io:clone-sourcer', verbs: 'create', recommended: true },
      { name: 'cdi-cloner', verbs: 'create', recommended: true },
      { name: 'zz-cloner', verbs: 'create', recommended: true },
      { name: 'datavolume-cloner', verbs: 'all', recommended: false },
    ]);
  });
  it('is empty on a v1.65 cluster without custom roles', () => {
    expect(reusableCloneRoles(cdiClusterRoles('v1.65'))).toEqual([]);
  });
});

describe('cloneBehaviour', () => {
  it('tells CDI ≤ v1.65 (view grants clone) from ≥ v1.66 (explicit grant)', () => {
    expect(cloneBehaviour(cdiClusterRoles('v1.65'))).toBe('view-grants-clone');
    expect(cloneBehaviour(cdiClusterRoles('v1.66'))).toBe('explicit-grant-needed');
    expect(
      cloneBehaviour(
        cdiClusterRoles('v1.66').filter((r) => r.metadata?.name !== 'cdi.kubevirt.io:clone-sourcer'),
      ),
    ).toBe('explicit-grant-needed');
    expect(
      cloneBehaviour(
        cdiClusterRoles('v1.65')
          .filter((r) => r.metadata?.name !== 'cdi.kubevirt.io:view')
          .concat(clusterRole('cdi.kubevirt.io:clone-sourcer', [])),
      ),
    ).toBe('explicit-grant-needed');
  });
  it('is unknown when the ClusterRoles are unreadable or CDI’s roles are absent', () => {
    expect(cloneBehaviour(undefined)).toBe('unknown');
    expect(cloneBehaviour([clusterRole('admin', [])])).toBe('unknown');
  });
});
