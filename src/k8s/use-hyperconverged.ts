import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { isNotFoundError } from './k8s-errors';
import { pickHyperConverged, type HyperConvergedLookup } from './hyperconverged';
import { gvk, HyperConvergedModel } from './models';
import type { HyperConverged } from './types';

/**
 * Watches HyperConverged CRs across all namespaces and picks the one the operator reconciles.
 * `state: 'not-installed'` when the API is not served or no CR exists; render an empty state for it.
 */
export const useHyperConverged = (): HyperConvergedLookup => {
  const [items, loaded, loadError] = useK8sWatchResource<HyperConverged[]>({
    groupVersionKind: gvk(HyperConvergedModel),
    isList: true,
  });
  return useMemo(
    () => pickHyperConverged(items, loaded, loadError, isNotFoundError),
    [items, loaded, loadError],
  );
};
