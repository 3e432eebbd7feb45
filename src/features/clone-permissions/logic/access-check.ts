import {
  CLONE_SOURCE,
  CREATE_PODS,
  cloneRefusal,
  cloneReviewAttributes,
  selfCloneReviewRequests,
} from '../../../k8s/clone-authorization';
import { SubjectAccessReviewModel, apiVersionOf } from '../../../k8s/models';
import type { AccessReview } from '../../../k8s/types';
import type { ClonePermission, CloneSubject, RoleRef, SubjectKind } from './types';

/**
 * Ask the apiserver what CDI will ask it. CDI v1.65.0 authorize_utils.go getResourceAttributesPvc
 * (:307-324) sends, in this order, `create datavolumes/source` then `create pods`, both in the source
 * namespace and both named after the source PVC, and accepts the first allowed (:231-260).
 */

const AUTHENTICATED = 'system:authenticated';

/** The user name the apiserver gives a service account (k8s serviceaccount.MakeUsername). */
export const serviceAccountUser = (namespace: string, name: string): string =>
  `system:serviceaccount:${namespace}:${name}`;

/**
 * Who the review asks about, as CDI would present the requester. A ServiceAccount gets exactly the groups
 * CanServiceAccountClonePVC sends (authorize_utils.go:173-182). A User is reviewed with the groups the
 * caller knows plus system:authenticated, which every authenticated request carries. A Group is reviewed
 * as a group alone (no user), answering "does this group's own access let its members clone".
 */
export const reviewIdentity = (
  subject: CloneSubject,
  userGroups: string[] = [],
): { user?: string; groups: string[] } => {
  switch (subject.kind) {
    case 'ServiceAccount': {
      const ns = subject.namespace ?? '';
      return {
        user: serviceAccountUser(ns, subject.name),
        groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, AUTHENTICATED],
      };
    }
    case 'User':
      return { user: subject.name, groups: [...new Set([...userGroups, AUTHENTICATED])] };
    case 'Group':
      return { groups: [subject.name] };
  }
};

export const cloneReviewRequests = (
  subject: CloneSubject,
  sourceNamespace: string,
  opts?: { pvcName?: string; userGroups?: string[] },
): AccessReview[] => {
  const { user, groups } = reviewIdentity(subject, opts?.userGroups);
  return cloneReviewAttributes(sourceNamespace, opts?.pvcName).map((ra) => ({
    apiVersion: apiVersionOf(SubjectAccessReviewModel),
    kind: SubjectAccessReviewModel.kind,
    spec: { resourceAttributes: ra, ...(user !== undefined ? { user } : {}), groups },
  }));
};

export { selfCloneReviewRequests };

/** A binding the apiserver's RBAC authorizer named as the reason for allowing. */
export interface ReasonBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string;
  role: RoleRef;
  /** As subjectLabel writes it: `ns/name` for a ServiceAccount, else the name. */
  subject: string;
  subjectKind: SubjectKind;
}

export interface CloneCheck {
  allowed: boolean;
  via?: ClonePermission;
  /** The allowing answer's status.reason, verbatim. */
  reason?: string;
  binding?: ReasonBinding;
  /** CDI's own words when it refuses the clone (absent for a Group, which CDI never reviews). */
  refusal?: string;
  evaluationError?: string;
}

/** Go's %q output back to the string (the escapes strconv.Quote writes). */
const unquoteGo = (quoted: string): string | undefined => {
  if (quoted.length < 2 || quoted[0] !== '"' || quoted[quoted.length - 1] !== '"') return undefined;
  const body = quoted.slice(1, -1);
  const simple: Record<string, string> = {
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
    '"': '"',
  };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e !== undefined && e in simple) {
      out += simple[e];
      continue;
    }
    const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    const hex = body.slice(i + 1, i + 1 + len);
    if (len === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return undefined;
    out += String.fromCodePoint(parseInt(hex, 16));
    i += len;
  }
  return out;
};

const Q = '"(?:[^"\\\\]|\\\\.)*"';
const REASON = new RegExp(
  `^RBAC: allowed by (RoleBinding|ClusterRoleBinding) (${Q}) of (Role|ClusterRole) (${Q}) to (User|Group|ServiceAccount) (${Q})$`,
);

/**
 * The binding named in an RBAC "allowed" reason: `RBAC: allowed by ` (k8s plugin/pkg/auth/authorizer/rbac/
 * rbac.go authorizingVisitor.visit) + the describer of pkg/registry/rbac/validation/rule.go:
 * `RoleBinding "<name>/<namespace>" of ClusterRole "<role>" to ServiceAccount "<sa>/<sa-namespace>"`,
 * `ClusterRoleBinding "<name>" of ClusterRole "<role>" to Group "<group>"`. Note k8s writes a service
 * account as name/namespace; we return it as namespace/name. Anything else (empty, a webhook's or
 * OpenShift's own reason) → undefined.
 */
export const parseRbacReason = (reason: string | undefined): ReasonBinding | undefined => {
  const m = REASON.exec((reason ?? '').trim());
  if (!m) return undefined;
  const [, kind, qBinding, roleKind, qRole, subjectKind, qSubject] = m;
  const bindingText = unquoteGo(qBinding);
  const role = unquoteGo(qRole);
  const subjectText = unquoteGo(qSubject);
  if (bindingText === undefined || role === undefined || subjectText === undefined) return undefined;
  let name = bindingText;
  let namespace: string | undefined;
  if (kind === 'RoleBinding') {
    const slash = bindingText.lastIndexOf('/');
    if (slash < 0) return undefined;
    name = bindingText.slice(0, slash);
    namespace = bindingText.slice(slash + 1);
  }
  let subject = subjectText;
  if (subjectKind === 'ServiceAccount') {
    const slash = subjectText.lastIndexOf('/');
    if (slash < 0) return undefined;
    subject = `${subjectText.slice(slash + 1)}/${subjectText.slice(0, slash)}`;
  }
  return {
    kind: kind as ReasonBinding['kind'],
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    role: { kind: roleKind as RoleRef['kind'], name: role },
    subject,
    subjectKind: subjectKind as SubjectKind,
  };
};

const permissionOf = (a: AccessReview): ClonePermission | undefined => {
  const ra = a.spec?.resourceAttributes;
  if (ra?.resource === CLONE_SOURCE.resource && ra.subresource === CLONE_SOURCE.subresource)
    return 'clone-source';
  if (ra?.resource === CREATE_PODS.resource && !ra.subresource) return 'create-pods';
  return undefined;
};

/**
 * Read the answers to cloneReviewRequests / selfCloneReviewRequests. Denied → CDI's message
 * (authorize_utils.go:256), naming the user the way CDI does (the review's spec.user). A Group has no user
 * and CDI never reviews a group on its own, so there is no CDI message to quote: `refusal` stays unset and
 * the page explains in its own words. For 'self' the name comes from `selfName`; without it, no refusal.
 */
export const interpretReviews = (
  subject: CloneSubject | 'self',
  selfName: string | undefined,
  sourceNamespace: string,
  answers: AccessReview[],
): CloneCheck => {
  const errors = [...new Set(answers.map((a) => a.status?.evaluationError).filter((e): e is string => !!e))];
  const evaluationError = errors.length ? { evaluationError: errors.join('; ') } : {};
  const allowedAnswer = answers.find((a) => a.status?.allowed);
  if (allowedAnswer) {
    const reason = allowedAnswer.status?.reason || undefined;
    const binding = parseRbacReason(reason);
    const via = permissionOf(allowedAnswer);
    return {
      allowed: true,
      ...(via ? { via } : {}),
      ...(reason ? { reason } : {}),
      ...(binding ? { binding } : {}),
      ...evaluationError,
    };
  }
  let user: string | undefined;
  if (subject === 'self') user = selfName;
  else if (subject.kind !== 'Group')
    user = answers.find((a) => a.spec?.user)?.spec.user ?? reviewIdentity(subject).user;
  return {
    allowed: false,
    ...(user ? { refusal: cloneRefusal(user, sourceNamespace) } : {}),
    ...evaluationError,
  };
};
