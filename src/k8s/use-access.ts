import {
  useAccessReview,
  type AccessReviewResourceAttributes,
  type K8sModel,
  type K8sVerb,
} from '@openshift-console/dynamic-plugin-sdk';
import { useTranslation } from 'react-i18next';

export interface Access {
  allowed: boolean;
  loading: boolean;
  /** Why the user may not do this (set only when the review finished and denied). */
  reason?: string;
}

/** Access-review attributes for `verb` on a model's resource (optionally one object / namespace). */
export const accessAttributes = (
  model: K8sModel,
  verb: K8sVerb,
  name?: string,
  namespace?: string,
): AccessReviewResourceAttributes => ({
  group: model.apiGroup ?? '',
  resource: model.plural,
  verb,
  name,
  namespace: model.namespaced ? namespace : undefined,
});

/** `useAccessReview` with a human reason for a denial, for read-only notices. */
export const useAccess = (attributes: AccessReviewResourceAttributes): Access => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  const [allowed, loading] = useAccessReview(attributes);
  if (loading || allowed) return { allowed: !loading && allowed, loading };
  const resource = attributes.group
    ? `${attributes.resource}.${attributes.group}`
    : (attributes.resource ?? '');
  const reason = attributes.namespace
    ? t(
        'You are not allowed to {{verb}} {{resource}} in namespace {{namespace}}. Ask a cluster administrator for access.',
        {
          verb: attributes.verb,
          resource,
          namespace: attributes.namespace,
        },
      )
    : t('You are not allowed to {{verb}} {{resource}}. Ask a cluster administrator for access.', {
        verb: attributes.verb,
        resource,
      });
  return { allowed: false, loading: false, reason };
};

export const useModelAccess = (model: K8sModel, verb: K8sVerb, name?: string, namespace?: string): Access =>
  useAccess(accessAttributes(model, verb, name, namespace));
