import type { ResourceType } from './registry';
import type { Store } from './store';
import { authorize, isAdmin, rulesFor, type ResourceAttributes, type UserInfo } from './rbac';
import { badRequest } from './errors';
import { invalid } from './validation';
import type { FieldError } from './validation/field-errors';

interface ReviewBody {
  metadata?: { namespace?: string; [key: string]: unknown };
  spec?: {
    resourceAttributes?: Partial<ResourceAttributes> & { version?: string };
    nonResourceAttributes?: { path?: string; verb?: string };
    user?: string;
    groups?: string[];
  };
}

/** Go's %#v of the internal authorization.NonResourceAttributes, as field.Invalid prints it. */
const goNonResource = (a: { path?: string; verb?: string }) =>
  `authorization.NonResourceAttributes{Path:${JSON.stringify(a.path ?? '')}, Verb:${JSON.stringify(a.verb ?? '')}}`;

/**
 * ValidateSubjectAccessReviewSpec plus, for a LocalSubjectAccessReview, ValidateLocalSubjectAccessReview
 * (pkg/apis/authorization/validation/validation.go): who is asked about, and a local review stays local.
 */
function validateReview(rt: ResourceType, review: ReviewBody, namespace: string | undefined): void {
  const spec = review.spec ?? {};
  const errors: FieldError[] = [];
  if (!spec.user && !(spec.groups ?? []).length) {
    errors.push({
      type: 'Invalid',
      field: 'spec.user',
      value: '',
      detail: 'at least one of user or group must be specified',
    });
  }
  if (rt.kind === 'LocalSubjectAccessReview') {
    const ra = spec.resourceAttributes;
    if (ra && (ra.namespace ?? '') !== (namespace ?? '')) {
      errors.push({
        type: 'Invalid',
        field: 'spec.resourceAttributes.namespace',
        value: ra.namespace ?? '',
        detail: 'must match metadata.namespace',
      });
    }
    if (spec.nonResourceAttributes) {
      errors.push({
        type: 'Invalid',
        field: 'spec.nonResourceAttributes',
        goValue: goNonResource(spec.nonResourceAttributes),
        detail: 'disallowed on this kind of request',
      });
    }
  }
  if (errors.length) throw invalid(rt, '', errors);
}

/**
 * Answers a SelfSubjectAccessReview or SelfSubjectRulesReview (for `user`), or a SubjectAccessReview or
 * LocalSubjectAccessReview (for its spec.user and spec.groups; the local one in `namespace` only) from RBAC.
 */
export function answerReview(
  store: Store,
  rt: ResourceType,
  user: UserInfo,
  body: unknown,
  namespace?: string,
): object {
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
  const review = (body ?? {}) as ReviewBody;
  const spec = review.spec ?? {};
  const forOther = rt.kind === 'SubjectAccessReview' || rt.kind === 'LocalSubjectAccessReview';
  let metadata: Record<string, unknown> = { creationTimestamp: null };
  if (rt.kind === 'LocalSubjectAccessReview') {
    // The generic create handler: the object's namespace must be the URL's (it is filled in when empty).
    if (review.metadata?.namespace && review.metadata.namespace !== namespace)
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    metadata = { namespace, creationTimestamp: null };
  }
  if (forOther) validateReview(rt, review, namespace);
  // AuthorizationAttributesFrom: exactly the user and groups the spec names (no implied groups).
  const subject: UserInfo = forOther ? { name: spec.user ?? '', groups: spec.groups ?? [] } : user;
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
    status = { allowed: isAdmin(subject) };
  }
  return { kind: rt.kind, apiVersion: 'authorization.k8s.io/v1', metadata, spec, status };
}
