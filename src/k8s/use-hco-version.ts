import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { QueryClientContext, useQuery } from '@tanstack/react-query';
import { useContext } from 'react';
import { HCO_GROUP, isHcoVersion, type HcoVersion } from './hco-paths';
import { readK8sError } from './k8s-errors';
import { queryClient } from './query-client';

/** The API group document the apiserver serves at `/apis/<group>` (discovery `APIGroup`). */
export interface APIGroupDoc {
  name?: string;
  versions?: { groupVersion?: string; version?: string }[];
  preferredVersion?: { groupVersion?: string; version?: string };
}

export type HcoVersionLookup =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  /** The group is not served (404), or serves no version the plugin knows. */
  | { state: 'not-installed' }
  | { state: 'found'; version: HcoVersion };

/** Discovery of the HyperConverged group through the console's proxy, as the console's own discovery asks. */
export const HCO_DISCOVERY_PATH = `/api/kubernetes/apis/${HCO_GROUP}`;

/**
 * The version to read and write, from the group's discovery document: the preferred version when the plugin
 * knows it. A preferred version it does not know (a future v2) falls back to v1beta1 when still served, the
 * version every HCO release so far serves and stores (HCO v1.18.1: `storage: true` on v1beta1 in
 * deploy/crds/hco00.crd.yaml), else v1; the apiserver converts between served versions, so either is correct.
 * Undefined when it serves neither: the plugin cannot read it, as if not installed.
 */
export const hcoVersionFromDiscovery = (group: APIGroupDoc | undefined): HcoVersion | undefined => {
  const preferred = group?.preferredVersion?.version;
  if (isHcoVersion(preferred)) return preferred;
  const served = (group?.versions ?? []).map((v) => v?.version);
  if (served.includes('v1beta1')) return 'v1beta1';
  if (served.includes('v1')) return 'v1';
  return undefined;
};

/** Discovery answers (once per session: served versions change only with an HCO upgrade). */
export const HCO_VERSION_QUERY_KEY = ['discovery', HCO_GROUP] as const;

const NOT_SERVED = Symbol('not served');

/**
 * The HyperConverged version the cluster prefers, as discovery reports it (`GET /apis/hco.kubevirt.io`
 * through the console's proxy with `consoleFetchJSON`, cached for the session by react-query). While it is
 * unknown the state is 'loading', and a failed discovery is 'error': nothing is read or written on a guess.
 */
export const useHcoVersion = (): HcoVersionLookup => {
  // The page's client (withQueryClient), else the plugin's one: a page without the wrapper that shows a
  // HyperConverged-based card (e.g. a health summary) must not crash with "No QueryClient set".
  const client = useContext(QueryClientContext) ?? queryClient;
  const query = useQuery(
    {
      queryKey: HCO_VERSION_QUERY_KEY,
      queryFn: async (): Promise<APIGroupDoc | typeof NOT_SERVED> => {
        try {
          return (await consoleFetchJSON(HCO_DISCOVERY_PATH)) as APIGroupDoc;
        } catch (e) {
          // 404: the apiserver does not serve the group (no HCO CRD): an answer, not a failure.
          if (readK8sError(e).kind === 'not-found') return NOT_SERVED;
          throw e;
        }
      },
      staleTime: Infinity,
      gcTime: Infinity,
    },
    client,
  );
  if (query.status === 'pending') return { state: 'loading' };
  if (query.status === 'error') return { state: 'error', error: query.error };
  const version = query.data === NOT_SERVED ? undefined : hcoVersionFromDiscovery(query.data);
  return version ? { state: 'found', version } : { state: 'not-installed' };
};
