import { describe, expect, it } from 'vitest';
import type { AccessReview } from '../../../k8s/types';
import {
  cloneReviewRequests,
  interpretReviews,
  parseRbacReason,
  selfCloneReviewRequests,
} from './access-check';

const cloneSourceAttrs = {
  namespace: 'golden',
  verb: 'create',
  group: 'cdi.kubevirt.io',
  resource: 'datavolumes',
  subresource: 'source',
  name: 'fedora',
};
const podAttrs = { namespace: 'golden', verb: 'create', resource: 'pods', name: 'fedora' };

describe('cloneReviewRequests', () => {
  it('asks about a service account exactly as CDI does', () => {
    expect(
      cloneReviewRequests({ kind: 'ServiceAccount', name: 'default', namespace: 'team-b' }, 'golden', {
        pvcName: 'fedora',
      }),
    ).toEqual([
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          resourceAttributes: cloneSourceAttrs,
          user: 'system:serviceaccount:team-b:default',
          groups: ['system:serviceaccounts', 'system:serviceaccounts:team-b', 'system:authenticated'],
        },
      },
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          resourceAttributes: podAttrs,
          user: 'system:serviceaccount:team-b:default',
          groups: ['system:serviceaccounts', 'system:serviceaccounts:team-b', 'system:authenticated'],
        },
      },
    ]);
  });

  it('asks about a user with its known groups and system:authenticated, once', () => {
    const [first] = cloneReviewRequests({ kind: 'User', name: 'joe' }, 'golden', {
      userGroups: ['devs', 'system:authenticated'],
    });
    expect(first.spec).toEqual({
      resourceAttributes: {
        namespace: 'golden',
        verb: 'create',
        group: 'cdi.kubevirt.io',
        resource: 'datavolumes',
        subresource: 'source',
      },
      user: 'joe',
      groups: ['devs', 'system:authenticated'],
    });
  });

  it('asks about a group with no user', () => {
    const reviews = cloneReviewRequests({ kind: 'Group', name: 'devs' }, 'golden');
    const { name: _name, ...unnamed } = cloneSourceAttrs;
    expect(reviews.map((r) => r.spec)).toStrictEqual([
      { resourceAttributes: unnamed, groups: ['devs'] },
      { resourceAttributes: { namespace: 'golden', verb: 'create', resource: 'pods' }, groups: ['devs'] },
    ]);
  });

  it('asks the same two questions about the requester itself', () => {
    expect(selfCloneReviewRequests('golden', { pvcName: 'fedora' })).toEqual([
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: cloneSourceAttrs },
      },
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: podAttrs },
      },
    ]);
  });
});

describe('parseRbacReason', () => {
  it('reads a RoleBinding to a ServiceAccount (k8s writes name/namespace; we return namespace/name)', () => {
    expect(
      parseRbacReason(
        'RBAC: allowed by RoleBinding "team-b-default-datavolume-cloner/golden" of ClusterRole "datavolume-cloner" to ServiceAccount "default/team-b"',
      ),
    ).toEqual({
      kind: 'RoleBinding',
      name: 'team-b-default-datavolume-cloner',
      namespace: 'golden',
      role: { kind: 'ClusterRole', name: 'datavolume-cloner' },
      subject: 'team-b/default',
      subjectKind: 'ServiceAccount',
    });
  });

  it('reads a ClusterRoleBinding to a Group and a RoleBinding of a Role to a User', () => {
    expect(
      parseRbacReason(
        'RBAC: allowed by ClusterRoleBinding "everyone-clones" of ClusterRole "cdi.kubevirt.io:clone-sourcer" to Group "system:authenticated"',
      ),
    ).toEqual({
      kind: 'ClusterRoleBinding',
      name: 'everyone-clones',
      role: { kind: 'ClusterRole', name: 'cdi.kubevirt.io:clone-sourcer' },
      subject: 'system:authenticated',
      subjectKind: 'Group',
    });
    expect(
      parseRbacReason(
        'RBAC: allowed by RoleBinding "os-images.kubevirt.io:view/openshift-virtualization-os-images" of Role "os-images.kubevirt.io:view" to User "joe"',
      ),
    ).toEqual({
      kind: 'RoleBinding',
      name: 'os-images.kubevirt.io:view',
      namespace: 'openshift-virtualization-os-images',
      role: { kind: 'Role', name: 'os-images.kubevirt.io:view' },
      subject: 'joe',
      subjectKind: 'User',
    });
  });

  it('undoes Go quoting in user names', () => {
    expect(
      parseRbacReason(
        'RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to User "say \\"hi\\"\\x01 \\u00e9"',
      )?.subject,
    ).toBe('say "hi"\x01 \u00e9');
  });

  it('returns undefined for anything that is not an RBAC allow', () => {
    expect(parseRbacReason('')).toBeUndefined();
    expect(parseRbacReason(undefined)).toBeUndefined();
    expect(parseRbacReason('allowed by webhook policy team-b')).toBeUndefined();
    expect(
      parseRbacReason('RBAC: allowed by RoleBinding "no-namespace" of Role "r" to User "u"'),
    ).toBeUndefined();
    expect(
      parseRbacReason('RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to Robot "x"'),
    ).toBeUndefined();
  });
});

const answer = (spec: AccessReview['spec'], status: AccessReview['status']): AccessReview => ({
  spec,
  status,
});

describe('interpretReviews', () => {
  const sa = { kind: 'ServiceAccount' as const, name: 'default', namespace: 'team-b' };
  const [cs, pods] = cloneReviewRequests(sa, 'golden', { pvcName: 'fedora' });

  it('reports the allowing check and the binding behind it', () => {
    const reason =
      'RBAC: allowed by RoleBinding "os-images.kubevirt.io:view/golden" of Role "os-images.kubevirt.io:view" to Group "system:authenticated"';
    expect(interpretReviews(sa, undefined, 'golden', [answer(cs.spec, { allowed: true, reason })])).toEqual({
      allowed: true,
      via: 'clone-source',
      reason,
      binding: {
        kind: 'RoleBinding',
        name: 'os-images.kubevirt.io:view',
        namespace: 'golden',
        role: { kind: 'Role', name: 'os-images.kubevirt.io:view' },
        subject: 'system:authenticated',
        subjectKind: 'Group',
      },
    });
  });

  it('says when only pod creation lets the subject clone', () => {
    const check = interpretReviews(sa, undefined, 'golden', [
      answer(cs.spec, { allowed: false }),
      answer(pods.spec, {
        allowed: true,
        reason:
          'RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "edit" to User "system:serviceaccount:team-b:default"',
      }),
    ]);
    expect(check.allowed).toBe(true);
    expect(check.via).toBe('create-pods');
    expect(check.binding?.role).toEqual({ kind: 'ClusterRole', name: 'edit' });
  });

  it('quotes CDI’s refusal, naming the user as CDI does', () => {
    const denied = [answer(cs.spec, { allowed: false }), answer(pods.spec, { allowed: false })];
    expect(interpretReviews(sa, undefined, 'golden', denied)).toEqual({
      allowed: false,
      refusal:
        'User system:serviceaccount:team-b:default has insufficient permissions in clone source namespace golden',
    });
    expect(interpretReviews({ kind: 'User', name: 'joe' }, undefined, 'golden', []).refusal).toBe(
      'User joe has insufficient permissions in clone source namespace golden',
    );
    expect(interpretReviews('self', 'kube:admin', 'golden', denied).refusal).toBe(
      'User kube:admin has insufficient permissions in clone source namespace golden',
    );
  });

  it('has no CDI refusal for a group or an unnamed self, and passes evaluation errors on', () => {
    const denied = [
      answer(
        { resourceAttributes: cs.spec.resourceAttributes, groups: ['devs'] },
        { allowed: false, evaluationError: 'role "x" not found' },
      ),
    ];
    expect(interpretReviews({ kind: 'Group', name: 'devs' }, undefined, 'golden', denied)).toEqual({
      allowed: false,
      evaluationError: 'role "x" not found',
    });
    expect(interpretReviews('self', undefined, 'golden', denied).refusal).toBeUndefined();
  });

  it('keeps an allow whose reason it cannot parse', () => {
    expect(
      interpretReviews('self', 'joe', 'golden', [answer(cs.spec, { allowed: true, reason: '' })]),
    ).toEqual({
      allowed: true,
      via: 'clone-source',
    });
  });
});
