import type { HcoVersion } from './models';
import type { HyperConverged } from './types';
import type { Watched } from './watch-state';

/** HCO's CRD pattern requires the name to contain this; the operator only reconciles this CR. */
export const HCO_NAME = 'kubevirt-hyperconverged';

export type HyperConvergedLookup =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  /** The HyperConverged API is not served or no CR exists: OpenShift Virtualization is not installed. */
  | { state: 'not-installed' }
  | {
      state: 'found';
      hyperConverged: HyperConverged;
      /** Other CRs found (the operator ignores them). */ others: HyperConverged[];
    };

/**
 * Picks the CR the operator reconciles from a cluster-wide list. The namespace differs between
 * distributions (openshift-cnv, kubevirt-hyperconverged, ...), so it is never assumed.
 * `version`: the version the list was watched in; an item without `apiVersion` gets it, so the
 * version-aware reads and writes (hco-paths.ts) always know the object's layout.
 */
export const pickHyperConverged = (
  watched: Watched<HyperConverged[]>,
  version?: HcoVersion,
): HyperConvergedLookup => {
  if (watched.status === 'api-missing') return { state: 'not-installed' };
  if (watched.status === 'loading') return { state: 'loading' };
  if (watched.status !== 'loaded') return { state: 'error', error: watched.error };
  const list = [...(watched.data ?? [])]
    .filter((hc) => !hc.metadata?.deletionTimestamp)
    .map((hc) => (hc.apiVersion || !version ? hc : { ...hc, apiVersion: `hco.kubevirt.io/${version}` }));
  if (list.length === 0) return { state: 'not-installed' };
  const rank = (hc: HyperConverged) =>
    hc.metadata?.name === HCO_NAME ? 0 : hc.metadata?.name?.includes(HCO_NAME) ? 1 : 2;
  list.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '') ||
      `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(
        `${b.metadata?.namespace}/${b.metadata?.name}`,
      ),
  );
  const [hyperConverged, ...others] = list;
  return { state: 'found', hyperConverged, others };
};
