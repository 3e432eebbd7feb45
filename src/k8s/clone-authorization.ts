import { SelfSubjectAccessReviewModel, apiVersionOf } from './models';
import type { AccessReview, ReviewResourceAttributes } from './types';

/**
 * What CDI asks the apiserver before a DataVolume clones from another namespace. CDI asks two
 * SubjectAccessReviews in the source namespace and is satisfied by either (CDI v1.65.0
 * pkg/apiserver/webhooks/authorize_utils.go:231-260, attributes :307-324): `create` on `cdi.kubevirt.io`
 * `datavolumes/source`, then `create` on core `pods`, both named after the source PVC.
 * Shared by the clone-permissions page and the data-volume wizard (which checks before it creates).
 */

export interface PermissionAttributes {
  group: string;
  resource: string;
  subresource?: string;
  verb: string;
}

export const CLONE_SOURCE = {
  group: 'cdi.kubevirt.io',
  resource: 'datavolumes',
  subresource: 'source',
  verb: 'create',
} as const satisfies PermissionAttributes;

export const CREATE_PODS = {
  group: '',
  resource: 'pods',
  verb: 'create',
} as const satisfies PermissionAttributes;

/** The review attributes CDI sends, in CDI's order. */
export const cloneReviewAttributes = (
  sourceNamespace: string,
  pvcName?: string,
): ReviewResourceAttributes[] => {
  const name = pvcName ? { name: pvcName } : {};
  return [
    {
      namespace: sourceNamespace,
      verb: CLONE_SOURCE.verb,
      group: CLONE_SOURCE.group,
      resource: CLONE_SOURCE.resource,
      subresource: CLONE_SOURCE.subresource,
      ...name,
    },
    // Core group: CDI leaves Group empty, which the JSON omits.
    { namespace: sourceNamespace, verb: CREATE_PODS.verb, resource: CREATE_PODS.resource, ...name },
  ];
};

/** The same two questions about the requester itself (no user/groups: the apiserver fills them in). */
export const selfCloneReviewRequests = (
  sourceNamespace: string,
  opts?: { pvcName?: string },
): AccessReview[] =>
  cloneReviewAttributes(sourceNamespace, opts?.pvcName).map((ra) => ({
    apiVersion: apiVersionOf(SelfSubjectAccessReviewModel),
    kind: SelfSubjectAccessReviewModel.kind,
    spec: { resourceAttributes: ra },
  }));

/** CDI's refusal text for a clone (authorize_utils.go:256); the webhook prefixes it (see the simulator). */
export const cloneRefusal = (user: string, sourceNamespace: string): string =>
  `User ${user} has insufficient permissions in clone source namespace ${sourceNamespace}`;
