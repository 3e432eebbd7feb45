import {
  useK8sWatchResource,
  type K8sGroupVersionKind,
  type K8sResourceCommon,
  type Selector,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { watchState, type Watched } from './watch-state';

export interface WatchRequest {
  groupVersionKind: K8sGroupVersionKind;
  name?: string;
  namespace?: string;
  /** Lists only: the page works without it (e.g. CRDs that may not be installed). */
  optional?: boolean;
  /** Lists only: a label selector, sent to the API server. */
  selector?: Selector;
}

/** Watches one object by name. */
export const useWatchObject = <T extends K8sResourceCommon>(
  request: WatchRequest & { name: string },
): Watched<T> => {
  const [data, loaded, error] = useK8sWatchResource<T>({ ...request, isList: false });
  return useMemo(() => watchState(data, loaded, error, false), [data, loaded, error]);
};

/** Watches a list (cluster-wide, or one namespace). */
export const useWatchList = <T extends K8sResourceCommon>(
  request: Omit<WatchRequest, 'name'>,
): Watched<T[]> => {
  const [data, loaded, error] = useK8sWatchResource<T[]>({ ...request, isList: true });
  return useMemo(() => watchState(data, loaded, error, true), [data, loaded, error]);
};
