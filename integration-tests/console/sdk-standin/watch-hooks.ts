import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import type { WatchK8sResource } from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import { acquireWatch, subscribeWatch, watchKey, type WatchSnapshot } from './watch-store';

const NO_RESOURCE: WatchSnapshot = [undefined, true, undefined];

/** Keeps one object identity while the request is deep-equal, like the SDK's `useDeepCompareMemoize`. */
const useStableResources = <T extends Record<string, WatchK8sResource | null | undefined>>(resources: T) => {
  const key = JSON.stringify(
    Object.entries(resources)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, r]) => [k, r ? watchKey(r) : null]),
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => resources, [key]);
};

const useWatchSnapshots = (resources: Record<string, WatchK8sResource | null | undefined>) => {
  const stable = useStableResources(resources);
  const subscribe = useCallback(
    (listener: () => void) => {
      const unsubscribers = Object.values(stable)
        .filter((r): r is WatchK8sResource => !!r)
        .map((r) => subscribeWatch(r, listener));
      return () => unsubscribers.forEach((u) => u());
    },
    [stable],
  );
  const last = useRef<Record<string, WatchSnapshot>>({});
  const getSnapshot = useCallback(() => {
    const next: Record<string, WatchSnapshot> = {};
    let changed = Object.keys(last.current).length !== Object.keys(stable).length;
    for (const [k, r] of Object.entries(stable)) {
      next[k] = r ? acquireWatch(r).snapshot : NO_RESOURCE;
      changed ||= next[k] !== last.current[k];
    }
    if (changed) {
      last.current = next;
    }
    return last.current;
  }, [stable]);
  return useSyncExternalStore(subscribe, getSnapshot);
};

export const useK8sWatchResource: typeof SDK.useK8sWatchResource = <
  R extends SDK.K8sResourceCommon | SDK.K8sResourceCommon[],
>(
  initResource: WatchK8sResource | null,
) => {
  const snapshots = useWatchSnapshots({ resource: initResource });
  return snapshots.resource as SDK.WatchK8sResult<R>;
};

export const useK8sWatchResources: typeof SDK.useK8sWatchResources = <R extends SDK.ResourcesObject>(
  initResources: SDK.WatchK8sResources<R>,
) => {
  const snapshots = useWatchSnapshots(initResources);
  return useMemo(
    () =>
      Object.fromEntries(
        Object.entries(snapshots).map(([k, [data, loaded, loadError]]) => [k, { data, loaded, loadError }]),
      ),
    [snapshots],
  ) as SDK.WatchK8sResults<R>;
};
