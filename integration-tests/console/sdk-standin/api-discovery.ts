import type { K8sGroupVersionKind, K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { useSyncExternalStore } from 'react';
import { consoleFetchJSON } from './console-fetch';
import { consoleStaticModels, type ConsoleModel } from './console-static-models';
import { k8sBasePath } from './session';

/**
 * The console's model store and API discovery, as far as the host needs them (console release-4.22):
 * - discovery (frontend/public/module/k8s/get-resources.ts `getResources`): `/apis`, then every served
 *   version of every group plus `/api/v1`; a group version that fails is skipped; sub-resources are left
 *   out; every discovered model is `crd: true` with `abbr` from `kindToAbbr`;
 * - the store (console-dynamic-plugin-sdk/src/app/k8s/reducers/k8s.ts, `ReceivedResources`): a discovered
 *   model that is also a static one keeps the static definition and its key (the kind), others are keyed by
 *   reference `group~version~Kind`;
 * - `modelFor(ref)` (frontend/public/module/k8s/k8s-models.ts): static by key, discovered by key, then both
 *   again by the kind part of a reference;
 * - refresh (frontend/public/actions/k8s.ts `startAPIDiscovery`): when the user may list CRDs, re-discover
 *   whenever a CRD is added or deleted; otherwise poll every 60 s.
 */

/** `getReference`: `group~version~Kind`, `core` for the core group. */
export const referenceFor = ({ group, version, kind }: K8sGroupVersionKind): string =>
  [group || 'core', version, kind].join('~');

export const referenceForModel = (m: Pick<K8sModel, 'apiGroup' | 'apiVersion' | 'kind'>): string =>
  referenceFor({ group: m.apiGroup, version: m.apiVersion, kind: m.kind });

const kindForReference = (ref: string) => (ref.split('~').length === 3 ? ref.split('~')[2] : ref);

/** The console's `kindToAbbr`: the capitals (at most 4), never two unfortunate words. */
export const kindToAbbr = (kind: string): string => {
  const abbr = (kind.replace(/[^A-Z]/g, '') || kind.toUpperCase()).slice(0, 4);
  return ['ASS', 'FART'].includes(abbr) ? abbr.slice(0, -1) : abbr;
};

interface APIResourceList {
  groupVersion: string;
  resources?: { name: string; singularName?: string; namespaced?: boolean; kind: string; verbs?: string[] }[];
}

export type FetchJSON = (path: string) => Promise<unknown>;

const defaultFetch: FetchJSON = (path) => consoleFetchJSON(`${k8sBasePath}${path}`);

/** Every model the API server serves, as the console's discovery describes it. */
export const discoverModels = async (fetchJSON: FetchJSON = defaultFetch): Promise<ConsoleModel[]> => {
  const apis = (await fetchJSON('/apis')) as { groups?: { versions: { groupVersion: string }[] }[] };
  const paths = [
    ...(apis.groups ?? []).flatMap((g) => g.versions.map((v) => `/apis/${v.groupVersion}`)),
    '/api/v1',
  ];
  const lists = await Promise.all(
    paths.map((p) =>
      fetchJSON(p).then(
        (l) => l as APIResourceList,
        () => undefined,
      ),
    ),
  );
  return lists.flatMap((list) => {
    if (!list?.resources) {
      return [];
    }
    const [group, version] = list.groupVersion.includes('/')
      ? list.groupVersion.split('/')
      : ['', list.groupVersion];
    return list.resources
      .filter((r) => !r.name.includes('/'))
      .map((r) => ({
        kind: r.kind,
        namespaced: !!r.namespaced,
        verbs: r.verbs as K8sModel['verbs'],
        label: r.kind,
        plural: r.name,
        apiVersion: version,
        abbr: kindToAbbr(r.kind),
        ...(group ? { apiGroup: group } : {}),
        labelPlural: r.name,
        id: r.singularName,
        crd: true,
      }));
  });
};

const staticKey = (m: ConsoleModel) => (m.crd ? referenceForModel(m) : m.kind);

/** The console's model store: static models, plus what discovery found. */
export class ModelStore {
  private readonly staticModels = new Map(consoleStaticModels().map((m) => [staticKey(m), m]));
  private discovered = new Map<string, ConsoleModel>();
  private discoveredRefs = new Set<string>();
  private readonly listeners = new Set<() => void>();
  /** Changes whenever discovery brings a new answer (for useSyncExternalStore). */
  version = 0;

  /** Like the console's reducer, a model once discovered stays (only flags see a CRD go away). */
  receive(models: ConsoleModel[]) {
    const byRef = new Map([...this.staticModels.values()].map((m) => [referenceForModel(m), m]));
    const next = new Map(this.discovered);
    for (const model of models) {
      const known = byRef.get(referenceForModel(model));
      if (known) {
        next.set(staticKey(known), { ...known, verbs: model.verbs });
      } else {
        next.set(referenceForModel(model), model);
      }
    }
    this.discovered = next;
    this.discoveredRefs = new Set(models.map(referenceForModel));
    this.version++;
    this.listeners.forEach((l) => l());
  }

  /** References `group~version~Kind` of every discovered model (what `console.flag/model` checks). */
  references(): ReadonlySet<string> {
    return this.discoveredRefs;
  }

  modelFor(ref: string): ConsoleModel | undefined {
    const kind = kindForReference(ref);
    return (
      this.staticModels.get(ref) ??
      this.discovered.get(ref) ??
      this.staticModels.get(kind) ??
      this.discovered.get(kind)
    );
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The host's one model store (the console keeps it in redux, `state.k8s.RESOURCES.models`). */
export const modelStore = new ModelStore();

/** Re-renders when discovery brings new models. */
export const useModelsVersion = (): number =>
  useSyncExternalStore(
    (l) => modelStore.subscribe(l),
    () => modelStore.version,
  );

const API_DISCOVERY_POLL_INTERVAL = 60_000;

/**
 * Runs discovery now and keeps it fresh as the console does. `watchCRDs(onChange)` is how the host watches
 * the CRD list (it calls back when a CRD is added or deleted) and returns its stop function.
 */
export const startAPIDiscovery = async (options: {
  mayListCRDs: () => Promise<boolean>;
  watchCRDs: (onChange: () => void) => () => void;
  fetchJSON?: FetchJSON;
  store?: ModelStore;
}): Promise<() => void> => {
  const store = options.store ?? modelStore;
  const discover = () =>
    discoverModels(options.fetchJSON).then(
      (models) => store.receive(models),
      (e) => console.error('Fetching resource failed:', e),
    );
  await discover();
  if (await options.mayListCRDs().catch(() => false)) {
    return options.watchCRDs(() => void discover());
  }
  const timer = setInterval(() => void discover(), API_DISCOVERY_POLL_INTERVAL);
  return () => clearInterval(timer);
};
