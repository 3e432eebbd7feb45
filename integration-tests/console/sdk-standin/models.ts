import type { K8sGroupVersionKind, K8sModel, WatchK8sResource } from '@openshift-console/dynamic-plugin-sdk';
import { consoleFetchJSON } from './console-fetch';
import { k8sBasePath } from './session';

/**
 * Resolves the kind of a watch request to a model from API discovery, as the console's `useK8sModel`
 * does from its discovered models. A kind the server does not serve is the SDK's `NoModelError`.
 */
export class NoModelError extends Error {
  constructor() {
    super('Model does not exist');
    this.name = 'NoModelError';
  }
}

interface APIResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
  singularName?: string;
}

const groupVersionCache = new Map<string, Promise<APIResource[]>>();

const discoverGroupVersion = (group: string, version: string): Promise<APIResource[]> => {
  const key = `${group}/${version}`;
  let found = groupVersionCache.get(key);
  if (!found) {
    const url = group ? `${k8sBasePath}/apis/${group}/${version}` : `${k8sBasePath}/api/${version}`;
    found = consoleFetchJSON(url).then((list: { resources?: APIResource[] }) => list.resources ?? []);
    // A failed discovery must not stick: the next watch asks again.
    found.catch(() => groupVersionCache.delete(key));
    groupVersionCache.set(key, found);
  }
  return found;
};

let preferredGroups: Promise<{ name: string; version: string }[]> | undefined;
const discoverGroups = () =>
  (preferredGroups ??= consoleFetchJSON(`${k8sBasePath}/apis`).then(
    (list: { groups?: { name: string; preferredVersion: { version: string } }[] }) =>
      (list.groups ?? []).map((g) => ({ name: g.name, version: g.preferredVersion.version })),
  ));

const toModel = (group: string, version: string, r: APIResource): K8sModel => ({
  apiGroup: group || undefined,
  apiVersion: version,
  kind: r.kind,
  plural: r.name,
  namespaced: r.namespaced,
  verbs: r.verbs as K8sModel['verbs'],
  abbr: r.kind.replace(/[a-z]/g, '').slice(0, 4),
  label: r.kind,
  labelPlural: r.name,
  id: r.singularName ?? r.kind.toLowerCase(),
});

const findIn = async (group: string, version: string, kind: string): Promise<K8sModel | undefined> => {
  const resources = await discoverGroupVersion(group, version);
  const r = resources.find((x) => x.kind === kind && !x.name.includes('/'));
  return r && toModel(group, version, r);
};

/** `kind` is a reference `group~version~Kind` or a bare core/well-known kind (deprecated form). */
const parseKind = (resource: WatchK8sResource): K8sGroupVersionKind | { kind: string } => {
  if (resource.groupVersionKind) {
    return resource.groupVersionKind;
  }
  const parts = (resource.kind ?? '').split('~');
  if (parts.length === 3) {
    return { group: parts[0] === 'core' ? undefined : parts[0], version: parts[1], kind: parts[2] };
  }
  return { kind: parts[0] };
};

export const resolveModel = async (resource: WatchK8sResource): Promise<K8sModel> => {
  const gvk = parseKind(resource);
  let model: K8sModel | undefined;
  if ('version' in gvk) {
    model = await findIn(gvk.group ?? '', gvk.version, gvk.kind);
  } else {
    model = await findIn('', 'v1', gvk.kind);
    for (const g of model ? [] : await discoverGroups()) {
      model = await findIn(g.name, g.version, gvk.kind);
      if (model) {
        break;
      }
    }
  }
  if (!model) {
    throw new NoModelError();
  }
  return model;
};
