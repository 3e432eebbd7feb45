// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { statusError } from '../../../k8s/testing/fake-apiserver';
import type { RoleBinding } from '../../../k8s/types';
import { useCloneAccessData } from './use-clone-access-data';

type Answer = [unknown, boolean, unknown];

// What each watch answers, by kind and namespace ('' = every namespace); every request is recorded.
const watches = vi.hoisted(() => ({
  answers: new Map<string, [unknown, boolean, unknown]>(),
  requests: [] as { kind: string; namespace?: string }[],
}));
vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  useK8sWatchResource: (r: { groupVersionKind: { kind: string }; namespace?: string }) => {
    watches.requests.push({ kind: r.groupVersionKind.kind, namespace: r.namespace });
    return (
      watches.answers.get(`${r.groupVersionKind.kind}/${r.namespace ?? ''}`) ?? [undefined, false, undefined]
    );
  },
}));

const forbidden = statusError(403, 'Forbidden', 'rolebindings.rbac.authorization.k8s.io is forbidden');
const answer = (kind: string, namespace: string, a: Answer) => watches.answers.set(`${kind}/${namespace}`, a);

const adminBinding: RoleBinding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'project-user-admin', namespace: 'team-a' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
  subjects: [{ kind: 'User', name: 'project-user' }],
};

beforeEach(() => {
  watches.answers.clear();
  watches.requests = [];
});

/** The kinds watched in the last render, in order. */
const lastRender = () => watches.requests.slice(-5);

describe('useCloneAccessData', () => {
  it('is loading while a list has not answered, and never reports "none" for it', () => {
    answer('ClusterRole', '', [[], true, undefined]);
    const { result } = renderHook(() => useCloneAccessData());
    expect(result.current.loading).toBe(true);
    expect(result.current.snapshot.clusterRoles).toEqual([]);
    expect(result.current.snapshot.roleBindings).toBeUndefined();
    expect(lastRender().map((r) => r.kind)).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
      'Namespace',
    ]);
  });

  it('reads a 403 as "not readable" (a blindspot), other failures as read errors', () => {
    const boom = statusError(500, 'InternalError', 'etcd is down');
    answer('ClusterRole', '', [undefined, true, forbidden]);
    answer('ClusterRoleBinding', '', [undefined, true, boom]);
    answer('Role', '', [[], true, undefined]);
    answer('RoleBinding', '', [[], true, undefined]);
    answer('Namespace', '', [undefined, true, forbidden]);
    const { result } = renderHook(() => useCloneAccessData());
    expect(result.current.loading).toBe(false);
    expect(result.current.snapshot.clusterRoles).toBeUndefined();
    expect(result.current.snapshot.clusterRoleBindings).toBeUndefined();
    expect(result.current.namespaces).toBeUndefined();
    expect(result.current.readErrors).toEqual([{ list: 'clusterrolebindings', error: boom }]);
    expect(result.current.result.blindspots).toContainEqual({ kind: 'unreadable', resource: 'clusterroles' });
  });

  it('moves the Roles and RoleBindings watches to the filtered namespace when they cannot be listed cluster-wide', () => {
    answer('ClusterRole', '', [undefined, true, forbidden]);
    answer('ClusterRoleBinding', '', [undefined, true, forbidden]);
    answer('Role', '', [undefined, true, forbidden]);
    answer('RoleBinding', '', [undefined, true, forbidden]);
    answer('Namespace', '', [undefined, true, forbidden]);
    answer('Role', 'team-a', [[], true, undefined]);
    answer('RoleBinding', 'team-a', [[adminBinding], true, undefined]);

    const { result, rerender } = renderHook(({ ns }: { ns?: string }) => useCloneAccessData(ns), {
      initialProps: {},
    });
    expect(result.current.snapshot.roleBindings).toBeUndefined();
    expect(result.current.namespacedFallback).toBeUndefined();

    rerender({ ns: 'team-a' });
    expect(lastRender()).toEqual([
      { kind: 'ClusterRole', namespace: undefined },
      { kind: 'ClusterRoleBinding', namespace: undefined },
      { kind: 'Role', namespace: 'team-a' },
      { kind: 'RoleBinding', namespace: 'team-a' },
      { kind: 'Namespace', namespace: undefined },
    ]);
    expect(result.current.namespacedFallback).toBe('team-a');
    expect(result.current.snapshot.roleBindings).toEqual([adminBinding]);
    // admin cannot be read: the binding is named as unknown, not dropped.
    expect(result.current.result.blindspots).toContainEqual({
      kind: 'role-unknown',
      binding: { kind: 'RoleBinding', name: 'project-user-admin', namespace: 'team-a' },
      role: { kind: 'ClusterRole', name: 'admin' },
    });

    // Back to every namespace: the cluster-wide lists again, unreadable as before.
    rerender({ ns: undefined });
    expect(lastRender().map((r) => r.namespace)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(result.current.snapshot.roleBindings).toBeUndefined();
    expect(result.current.namespacedFallback).toBeUndefined();
  });

  it('keeps watching every namespace when the cluster-wide lists are readable', () => {
    answer('Role', '', [[], true, undefined]);
    answer('RoleBinding', '', [[adminBinding], true, undefined]);
    const { result } = renderHook(() => useCloneAccessData('team-b'));
    expect(lastRender().every((r) => r.namespace === undefined)).toBe(true);
    expect(result.current.namespacedFallback).toBeUndefined();
    expect(result.current.snapshot.roleBindings).toEqual([adminBinding]);
  });
});
