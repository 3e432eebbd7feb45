import type { Registry } from './registry';

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-sim',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '' }],
  };
}

function apiGroup(name: string, g: { versions: string[]; preferred: string }): object {
  return {
    name,
    versions: g.versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${g.preferred}`, version: g.preferred },
  };
}

export function apiGroupList(registry: Registry): object {
  const groups = [...registry.groups()].filter(([name]) => name !== '').map(([name, g]) => apiGroup(name, g));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

export function apiGroupDoc(registry: Registry, group: string): object | undefined {
  const g = registry.groups().get(group);
  return g && group ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, g) } : undefined;
}

export function apiResourceList(registry: Registry, group: string, version: string): object | undefined {
  const types = registry.servedIn(group, version);
  if (!types.length) return undefined;
  const resources: object[] = [];
  for (const rt of types) {
    resources.push({
      name: rt.plural,
      singularName: rt.singular,
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: rt.verbs,
      ...(rt.shortNames.length ? { shortNames: rt.shortNames } : {}),
      ...(rt.categories.length ? { categories: rt.categories } : {}),
    });
    if (rt.statusSubresource) {
      resources.push({
        name: `${rt.plural}/status`,
        singularName: '',
        namespaced: rt.namespaced,
        kind: rt.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
