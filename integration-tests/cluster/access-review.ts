import { ApiError } from './sim-api';
import type { ResourceType } from './registry';
import type { Store } from './store';
import { authorize, rulesFor, userInfo, type ResourceAttributes, type UserInfo } from './rbac';

/**
 * Answers a SelfSubjectAccessReview or SelfSubjectRulesReview (for `user`) or a SubjectAccessReview (for its
 * spec.user) from RBAC.
 */
export function answerReview(store: Store, rt: ResourceType, user: UserInfo, body: unknown): object {
  if (rt.kind === 'SelfSubjectRulesReview') {
    const spec = ((body ?? {}) as { spec?: { namespace?: string } }).spec ?? {};
    return {
      kind: rt.kind,
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec,
      status: rulesFor(store, user, spec.namespace || undefined),
    };
  }
  const review = (body ?? {}) as {
    spec?: {
      resourceAttributes?: Partial<ResourceAttributes> & { version?: string };
      nonResourceAttributes?: object;
      user?: string;
      groups?: string[];
    };
  };
  const spec = review.spec ?? {};
  const subject = rt.kind === 'SubjectAccessReview' ? userInfo(spec.user, spec.groups ?? []) : user;
  if (rt.kind === 'SubjectAccessReview' && !spec.user && !(spec.groups ?? []).length) {
    throw new ApiError(
      422,
      'Invalid',
      'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
      [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: "": at least one of user or group must be specified',
          field: 'spec.user',
        },
      ],
      { group: 'authorization.k8s.io', kind: 'SubjectAccessReview' },
    );
  }
  let status: { allowed: boolean; reason?: string };
  const ra = spec.resourceAttributes;
  if (ra) {
    const decision = authorize(store, subject, {
      verb: ra.verb ?? '',
      group: ra.group ?? '',
      resource: ra.resource ?? '',
      subresource: ra.subresource || undefined,
      name: ra.name || undefined,
      namespace: ra.namespace || undefined,
    });
    status = decision.reason
      ? { allowed: decision.allowed, reason: decision.reason }
      : { allowed: decision.allowed };
  } else {
    status = { allowed: !subject.name };
  }
  return {
    kind: rt.kind,
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status,
  };
}
