import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverModels, ModelStore, type FetchJSON } from '../sdk-standin/api-discovery';
import { DEMO_SEED, launchCluster, type RunningCluster } from '../cluster-launcher';
import { noCdiCluster } from '../no-cdi-cluster';
import {
  evaluateModelFlags,
  isExtensionInUse,
  modelFlagReferences,
  navHrefIsActive,
  sortNavExtensions,
} from './extension-flags';
import type { LoadedExtension } from './plugin-loader';

const repoRoot = path.resolve(__dirname, '../../..');
const pluginExtensions: LoadedExtension[] = JSON.parse(
  readFileSync(path.join(repoRoot, 'console-extensions.json'), 'utf8'),
).map((e: Omit<LoadedExtension, 'pluginName' | 'uid'>, i: number) => ({
  ...e,
  pluginName: 'virt-storage-plugin',
  uid: `virt-storage-plugin[${i}]`,
}));

const ext = (type: string, properties: Record<string, unknown>, flags?: LoadedExtension['flags']) =>
  ({ type, properties, flags, pluginName: 'p', uid: String(properties.id) }) as LoadedExtension;
const section = (id: string, position: Record<string, unknown> = {}) =>
  ext('console.navigation/section', { id, perspective: 'admin', ...position });
const ids = (items: LoadedExtension[]) => items.map((e) => e.properties.id);

describe('extension feature flags (console.flag/model)', () => {
  const flagExt = (flag: string, group: string, version: string, kind: string) =>
    ext('console.flag/model', { flag, model: { group, version, kind } });

  it('sets a model flag exactly when discovery found that group, version and kind', () => {
    const exts = [
      flagExt('CDI', 'cdi.kubevirt.io', 'v1beta1', 'StorageProfile'),
      flagExt('OLD', 'cdi.kubevirt.io', 'v1alpha1', 'StorageProfile'),
    ];
    expect(evaluateModelFlags(exts, new Set(['cdi.kubevirt.io~v1beta1~StorageProfile']))).toEqual({
      CDI: true,
      OLD: false,
    });
    expect(evaluateModelFlags(exts, new Set())).toEqual({ CDI: false, OLD: false });
  });

  it('lets the first extension claim a model reference, as the console does', () => {
    const refs = modelFlagReferences([
      flagExt('FIRST', 'g', 'v1', 'K'),
      flagExt('SECOND', 'g', 'v1', 'K'),
      flagExt('CORE', '', 'v1', 'Pod'),
    ]);
    expect([...refs]).toEqual([
      ['g~v1~K', 'FIRST'],
      ['core~v1~Pod', 'CORE'],
    ]);
  });

  it('uses an extension only when all required flags are true and no disallowed flag is', () => {
    const gated = { flags: { required: ['A', 'B'] } };
    expect(isExtensionInUse(gated, { A: true, B: true })).toBe(true);
    expect(isExtensionInUse(gated, { A: true, B: false })).toBe(false);
    expect(isExtensionInUse(gated, { A: true })).toBe(false); // pending counts as not set
    const disallowed = { flags: { disallowed: ['X'] } };
    expect(isExtensionInUse(disallowed, {})).toBe(true); // pending counts as unset
    expect(isExtensionInUse(disallowed, { X: false })).toBe(true);
    expect(isExtensionInUse(disallowed, { X: true })).toBe(false);
    expect(isExtensionInUse({}, {})).toBe(true);
  });
});

describe('nav order (insertBefore / insertAfter)', () => {
  // The console's admin sections in their order (console-app/console-extensions.json), kubevirt-plugin's
  // Virtualization section (insertAfter: 'workloads'), and ours.
  const consoleSections = () => [
    section('home'),
    section('operators'),
    section('workloads'),
    section('networking', { insertAfter: 'workloads' }),
    section('storage'),
    section('builds'),
    section('observe', { insertBefore: ['compute', 'usermanagement'] }),
    section('compute'),
    section('usermanagement'),
    section('administration'),
  ];
  const ours = () =>
    pluginExtensions.filter((e) => e.type === 'console.navigation/section') as LoadedExtension[];

  it('puts the Virtualization storage section right after Virtualization', () => {
    const sorted = sortNavExtensions([
      ...consoleSections(),
      section('virtualization', { insertAfter: 'workloads' }),
      ...ours(),
    ]);
    const order = ids(sorted);
    expect(order.indexOf('virtualization-storage')).toBe(order.indexOf('virtualization') + 1);
    expect(order.indexOf('virtualization')).toBe(order.indexOf('workloads') + 1);
  });

  it('puts it after Workloads when the Virtualization section is not there', () => {
    const order = ids(sortNavExtensions([...consoleSections(), ...ours()]));
    expect(order.indexOf('virtualization-storage')).toBe(order.indexOf('workloads') + 1);
  });

  it('prefers insertBefore, keeps unpositioned items in order, appends what names nothing present', () => {
    const sorted = sortNavExtensions([
      section('a'),
      section('b'),
      section('c'),
      section('x', { insertBefore: 'b', insertAfter: 'c' }),
      section('y', { insertAfter: 'missing' }),
      section('z', { insertAfter: 'x' }),
    ]);
    // y names nothing present, so it counts as unpositioned and keeps its place.
    expect(ids(sorted)).toEqual(['a', 'x', 'z', 'b', 'c', 'y']);
  });

  it('still shows every item when positions form a cycle', () => {
    const sorted = sortNavExtensions([
      section('a'),
      section('p', { insertAfter: 'q' }),
      section('q', { insertAfter: 'p' }),
    ]);
    expect(ids(sorted).sort()).toEqual(['a', 'p', 'q']);
  });

  it('marks a nav href active by whole path segments, as the console does', () => {
    const href = '/virtualization-storage/storage-profiles';
    expect(navHrefIsActive('/virtualization-storage/storage-profiles', href)).toBe(true);
    expect(navHrefIsActive('/virtualization-storage/storage-profiles/gp3-csi/edit', href)).toBe(true);
    expect(navHrefIsActive('/virtualization-storage/storage-profiles-old', href)).toBe(false);
    expect(navHrefIsActive('/virtualization-storage', href)).toBe(false);
    expect(navHrefIsActive('/k8s/ns/team-a/x/y', '/k8s/cluster/x')).toBe(true);
    expect(navHrefIsActive('/other/a', href, ['other'])).toBe(true);
  });
});

describe('API discovery decides the plugin flag (simulated clusters)', () => {
  let withCdi: RunningCluster;
  let withoutCdi: RunningCluster;
  const fetcher =
    (cluster: RunningCluster): FetchJSON =>
    async (p) => {
      const res = await fetch(`${cluster.url}${p}`);
      if (!res.ok) {
        throw new Error(`${p}: HTTP ${res.status}`);
      }
      return res.json();
    };
  const storeFor = async (cluster: RunningCluster) => {
    const store = new ModelStore();
    store.receive(await discoverModels(fetcher(cluster)));
    return store;
  };
  const inUse = (flags: Record<string, boolean | undefined>) =>
    pluginExtensions.filter((e) => isExtensionInUse(e, flags)).map((e) => e.type);

  beforeAll(async () => {
    const noCdi = noCdiCluster();
    [withCdi, withoutCdi] = await Promise.all([
      launchCluster({ port: 0, seeds: [DEMO_SEED] }),
      launchCluster({ port: 0, seeds: [noCdi.seedDir], crdsDir: noCdi.crdsDir }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([withCdi?.close(), withoutCdi?.close()]);
  });

  it('with CDI installed: flag set, section, nav item and routes in use', async () => {
    const flags = evaluateModelFlags(pluginExtensions, (await storeFor(withCdi)).references());
    expect(flags).toEqual({ VIRT_STORAGE_CDI: true });
    // Every extension of the plugin is gated on the flag, so all of them are in use, in order.
    expect(inUse(flags)).toEqual(pluginExtensions.map((e) => e.type));
    expect(inUse(flags).filter((type) => type === 'console.page/route')).toHaveLength(9);
  });

  it('without CDI: flag false, nothing of the plugin is in use but the flag itself', async () => {
    const flags = evaluateModelFlags(pluginExtensions, (await storeFor(withoutCdi)).references());
    expect(flags).toEqual({ VIRT_STORAGE_CDI: false });
    expect(inUse(flags)).toEqual(['console.flag/model']);
  });

  it('describes discovered kinds as the console does, keeping static models for built-ins', async () => {
    const store = await storeFor(withCdi);
    expect(store.modelFor('cdi.kubevirt.io~v1beta1~StorageProfile')).toMatchObject({
      kind: 'StorageProfile',
      apiGroup: 'cdi.kubevirt.io',
      apiVersion: 'v1beta1',
      plural: 'storageprofiles',
      namespaced: false,
      abbr: 'SP',
      crd: true,
    });
    expect(store.modelFor('hco.kubevirt.io~v1beta1~HyperConverged')).toMatchObject({ abbr: 'HC', crd: true });
    // StorageClass is one of the console's static models: found by kind or by reference, no `crd`.
    const sc = store.modelFor('storage.k8s.io~v1~StorageClass');
    expect(sc).toMatchObject({ kind: 'StorageClass', plural: 'storageclasses', abbr: 'SC' });
    expect(sc?.crd).toBeUndefined();
    expect(store.modelFor('StorageClass')).toBe(sc);
    expect(store.modelFor('core~v1~PersistentVolumeClaim')).toMatchObject({ abbr: 'PVC', namespaced: true });
    expect(store.modelFor('example.com~v1~Unknown')).toBeUndefined();
  });
});
