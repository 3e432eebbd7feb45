import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { pickHyperConverged, type HyperConvergedLookup } from './hyperconverged';
import { gvk, hyperConvergedModel } from './models';
import type { HyperConverged } from './types';
import { useHcoVersion } from './use-hco-version';
import { watchState } from './watch-state';

/**
 * Watches HyperConverged CRs across all namespaces, in the version the cluster prefers (discovery, see
 * `useHcoVersion`), and picks the one the operator reconciles. 'loading' while the version is unknown (no
 * watch starts on a guess), 'error' when discovery fails. `state: 'not-installed'` when the API is not
 * served or no CR exists; render an empty state for it. The object carries its `apiVersion`: read and write
 * it through hco-paths.ts (`hcoValue`, `hcoPath`, `hyperConvergedModelFor`).
 */
export const useHyperConverged = (): HyperConvergedLookup => {
  const discovered = useHcoVersion();
  const version = discovered.state === 'found' ? discovered.version : undefined;
  const [data, loaded, error] = useK8sWatchResource<HyperConverged[]>(
    version ? { groupVersionKind: gvk(hyperConvergedModel(version)), isList: true } : null,
  );
  const watched = useMemo(() => watchState(data, loaded, error, true), [data, loaded, error]);
  const discoveryError = discovered.state === 'error' ? discovered.error : undefined;
  return useMemo((): HyperConvergedLookup => {
    if (discovered.state === 'loading') return { state: 'loading' };
    if (discovered.state === 'not-installed') return { state: 'not-installed' };
    if (discovered.state === 'error') return { state: 'error', error: discoveryError };
    return pickHyperConverged(watched, version);
  }, [discovered.state, discoveryError, watched, version]);
};
