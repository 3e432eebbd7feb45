import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { consoleFetchJSON } from './console-fetch';
import { k8sBasePath } from './session';

/** The SDK's `getK8sResourcePath` (k8s-utils.js): query values are not encoded, names are. */
export const resourcePath = (
  model: Pick<K8sModel, 'apiGroup' | 'apiVersion' | 'namespaced' | 'plural'>,
  options: { ns?: string; name?: string; path?: string; queryParams?: Record<string, string> },
): string => {
  const group = model.apiGroup || 'core';
  let url = group === 'core' ? `/api/${model.apiVersion}` : `/apis/${group}/${model.apiVersion}`;
  if (model.namespaced && options.ns) {
    url += `/namespaces/${options.ns}`;
  }
  url += `/${model.plural}`;
  if (options.name) {
    url += `/${encodeURIComponent(options.name)}`;
  }
  if (options.path) {
    url += `/${options.path}`;
  }
  const query = Object.entries(options.queryParams ?? {}).map(([k, v]) => `${k}=${v}`);
  if (query.length) {
    url += `?${query.join('&')}`;
  }
  return url;
};

export const resourceURL = (model: K8sModel, options: Parameters<typeof resourcePath>[1]) =>
  `${k8sBasePath}${resourcePath(model, options)}`;

export const k8sGet: typeof SDK.k8sGet = ({ model, name, ns, path, queryParams, requestInit }) =>
  consoleFetchJSON(resourceURL(model, { ns, name, path, queryParams }), 'GET', requestInit);

export const k8sCreate: typeof SDK.k8sCreate = ({ model, data, path, queryParams }) =>
  consoleFetchJSON.post(resourceURL(model, { ns: data?.metadata?.namespace, path, queryParams }), data);

export const k8sUpdate: typeof SDK.k8sUpdate = ({ model, data, ns, name, path, queryParams }) =>
  consoleFetchJSON.put(
    resourceURL(model, {
      ns: ns || data.metadata?.namespace,
      name: name || data.metadata?.name,
      path,
      queryParams,
    }),
    data,
  );

export const k8sPatch: typeof SDK.k8sPatch = ({ model, resource, data, path, queryParams }) => {
  // The SDK drops falsy operations and skips the request when nothing is left.
  const patches = data.filter(Boolean);
  if (patches.length === 0) {
    return Promise.resolve(resource);
  }
  return consoleFetchJSON.patch(
    resourceURL(model, {
      ns: resource.metadata?.namespace,
      name: resource.metadata?.name,
      path,
      queryParams,
    }),
    patches,
  );
};

export const k8sDelete: typeof SDK.k8sDelete = ({
  model,
  resource,
  path,
  queryParams,
  requestInit,
  json,
}) => {
  const body =
    json ??
    (model.propagationPolicy && {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: model.propagationPolicy,
    });
  return consoleFetchJSON.delete(
    resourceURL(model, {
      ns: resource.metadata?.namespace,
      name: resource.metadata?.name,
      path,
      queryParams,
    }),
    body || null,
    requestInit,
  );
};
