/**
 * The dev console host's stand-in for the run-time part of `@openshift-console/dynamic-plugin-sdk`.
 * It exports exactly the names the plugin may use (team brief), with the SDK's signatures; the share
 * scope maps the SDK key to this module. `sdk-standin.test.ts` fails when the plugin imports a name
 * that is missing here.
 */
export { useK8sWatchResource, useK8sWatchResources } from './watch-hooks';
export { k8sGet, k8sCreate, k8sUpdate, k8sPatch, k8sDelete } from './k8s-resource';
export { useAccessReview } from './access-review';
export { consoleFetchJSON } from './console-fetch';
export { ResourceLink } from './resource-link';
export { Timestamp } from './timestamp';
export { DocumentTitle } from './document-title';
export { ListPageHeader, ListPageBody } from './list-page';
export { usePrometheusPoll, PrometheusEndpoint } from './prometheus-poll';
