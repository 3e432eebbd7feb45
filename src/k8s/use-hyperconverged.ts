import { useMemo } from 'react';
import { pickHyperConverged, type HyperConvergedLookup } from './hyperconverged';
import { gvk, HyperConvergedModel } from './models';
import type { HyperConverged } from './types';
import { useWatchList } from './use-watch';

/**
 * Watches HyperConverged CRs across all namespaces and picks the one the operator reconciles.
 * `state: 'not-installed'` when the API is not served or no CR exists; render an empty state for it.
 */
export const useHyperConverged = (): HyperConvergedLookup => {
  const watched = useWatchList<HyperConverged>({ groupVersionKind: gvk(HyperConvergedModel) });
  return useMemo(() => pickHyperConverged(watched), [watched]);
};
