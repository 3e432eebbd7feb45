import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { useEffect, useState } from 'react';
import { k8sCreate } from './k8s-resource';
import { getImpersonatedUser } from './session';

const SelfSubjectAccessReviewModel = {
  apiGroup: 'authorization.k8s.io',
  apiVersion: 'v1',
  kind: 'SelfSubjectAccessReview',
  plural: 'selfsubjectaccessreviews',
  namespaced: false,
  abbr: 'SSAR',
  label: 'SelfSubjectAccessReview',
  labelPlural: 'SelfSubjectAccessReviews',
};

/** Memoised per attributes and user, as the SDK's `checkAccessInternal`: one review per page load. */
const reviews = new Map<string, Promise<{ status?: { allowed?: boolean } }>>();

export const checkAccess = (attrs: Required<SDK.AccessReviewResourceAttributes>) => {
  const key = [...Object.values(attrs), getImpersonatedUser() ?? ''].join('~');
  let review = reviews.get(key);
  if (!review) {
    // Projects are cluster-scoped but reviewed in the namespace named after them.
    const namespace =
      attrs.group === 'project.openshift.io' && attrs.resource === 'projects' ? attrs.name : attrs.namespace;
    review = k8sCreate<SDK.K8sResourceCommon & { status?: { allowed?: boolean } }>({
      model: SelfSubjectAccessReviewModel,
      data: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { ...attrs, namespace } },
      } as SDK.K8sResourceCommon,
    });
    reviews.set(key, review);
  }
  return review!;
};

export const useAccessReview: typeof SDK.useAccessReview = (
  resourceAttributes,
  _impersonate,
  noCheckForEmptyGroupAndResource,
) => {
  const {
    group = '',
    resource = '',
    subresource = '',
    verb = '' as SDK.K8sVerb,
    name = '',
    namespace = '',
  } = resourceAttributes;
  const skipCheck = !!noCheckForEmptyGroupAndResource && !group && !resource;
  const key = [group, resource, subresource, verb, name, namespace].join('~');
  // The answer is kept with the attributes it answers, so a change of attributes reads as loading.
  const [answer, setAnswer] = useState<{ key: string; allowed: boolean }>();
  useEffect(() => {
    if (skipCheck) {
      return;
    }
    let current = true;
    checkAccess({ group, resource, subresource, verb, name, namespace }).then(
      (result) => current && setAnswer({ key, allowed: !!result.status?.allowed }),
      (e) => {
        // The SDK allows the action when the review itself fails: the server still enforces access.
        console.warn('SelfSubjectAccessReview failed', e);
        if (current) {
          setAnswer({ key, allowed: true });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [key, group, resource, subresource, verb, name, namespace, skipCheck]);
  if (skipCheck) {
    return [false, false];
  }
  return answer?.key === key ? [answer.allowed, false] : [false, true];
};
