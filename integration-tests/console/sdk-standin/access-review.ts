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


const checkAccess = (attrs: Required<SDK.AccessReviewResourceAttributes>) => {
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
  const [loading, setLoading] = useState(true);
  const [isAllowed, setAllowed] = useState(false);
  const {
    group = '',
    resource = '',
    subresource = '',
    verb = '' as SDK.K8sVerb,
    name = '',
    namespace = '',
  } = resourceAttributes;
  const skipCheck = !!noCheckForEmptyGroupAndResource && !group && !resource;
  useEffect(() => {
    if (skipCheck) {
      setAllowed(false);
      setLoading(false);
      return;
    }
    let current = true;
    checkAccess({ group, resource, subresource, verb, name, namespace })
      .then((result) => current && setAllowed(!!result.status?.allowed))
      .catch((e) => {
        // The SDK allows the action when the review itself fails: the server still enforces access.
        console.warn('SelfSubjectAccessReview failed', e); // eslint-disable-line no-console
        if (current) {
          setAllowed(true);
        }
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [group, resource, subresource, verb, name, namespace, skipCheck]);
  return [isAllowed, loading];
};
