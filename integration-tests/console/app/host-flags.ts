import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { useSyncExternalStore } from 'react';
import { checkAccess } from '../sdk-standin/access-review';
import { modelStore, startAPIDiscovery } from '../sdk-standin/api-discovery';
import { subscribeWatch, acquireWatch } from '../sdk-standin/watch-store';
import { evaluateModelFlags, type FeatureFlags } from './extension-flags';
import type { LoadedExtension } from './plugin-loader';

/**
 * The host's feature flags (the console keeps them in redux `state.FLAGS` and hands them to the
 * PluginStore): model flags of the loaded plugin's `console.flag/model` extensions, re-evaluated after each
 * API discovery.
 */

let current: FeatureFlags = {};
const listeners = new Set<() => void>();

const setFlags = (flags: FeatureFlags) => {
  current = flags;
  listeners.forEach((l) => l());
};

export const useFeatureFlags = (): FeatureFlags =>
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );

const CRDS = {
  groupVersionKind: { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' },
  isList: true,
};

/** Calls back when a CRD is added or deleted (the console re-runs discovery then, not on modifications). */
const watchCRDs = (onChange: () => void) => {
  let known: string | undefined;
  const listener = () => {
    const [data, loaded] = acquireWatch(CRDS).snapshot;
    if (!loaded || !Array.isArray(data)) {
      return;
    }
    const names = (data as K8sResourceCommon[])
      .map((c) => c.metadata?.name ?? '')
      .sort()
      .join('\n');
    if (known !== undefined && names !== known) {
      onChange();
    }
    known = names;
  };
  return subscribeWatch(CRDS, listener);
};

/**
 * Runs the first discovery (alongside the plugin load; the host renders once flags are settled), then keeps
 * the plugin's model flags in step with later discoveries.
 */
export const startFeatureFlags = async (extensions: Promise<LoadedExtension[]>): Promise<void> => {
  const [loaded] = await Promise.all([
    extensions,
    startAPIDiscovery({
      mayListCRDs: () =>
        checkAccess({
          group: 'apiextensions.k8s.io',
          resource: 'customresourcedefinitions',
          subresource: '',
          verb: 'list',
          name: '',
          namespace: '',
        }).then((r) => !!r.status?.allowed),
      watchCRDs,
    }),
  ]);
  const update = () => setFlags(evaluateModelFlags(loaded, modelStore.references()));
  modelStore.subscribe(update);
  update();
};
