// @vitest-environment jsdom
import type { K8sResourceCommon, WatchK8sResource } from '@openshift-console/dynamic-plugin-sdk';
import { cleanup, renderHook } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import NodeWebSocket from 'ws';
import type { RunningCluster } from '../../cluster/server';
import { call, start } from '../../cluster/testing';
import { k8sBasePath } from './session';
import { useK8sWatchResource } from './watch-hooks';

/**
 * The stand-in's watches against the simulator, checked against console 4.22's `watchK8sList` /
 * `watchK8sObject` (console-dynamic-plugin-sdk/src/app/k8s/actions/k8s.ts): a list is `loaded` with its
 * first page of 250, later pages are added as they arrive, then the watch starts from the last page's
 * resourceVersion. Requests go to the simulator directly (the host's proxy only forwards them); a test may
 * hold back a page until it has seen what the hook reports before it arrives.
 */

const SC = '/apis/storage.k8s.io/v1/storageclasses';
const CLASSES = 600;
const gvk = { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass' };

let cluster: RunningCluster;
const requests: string[] = [];
const sockets: string[] = [];
/** Requests for a later page wait here until the test releases them. */
let holdPages = false;
const held: ((pass: boolean) => void)[] = [];

/** Lets the held requests go on (or, between tests, fail them so that none reaches a later test). */
const release = (pass = true) => held.splice(0).forEach((go) => go(pass));

beforeAll(async () => {
  cluster = await start({ generate: { storageclasses: CLASSES } });
  const nodeFetch = globalThis.fetch;
  // The stand-in asks for `/api/kubernetes/...` on the page's origin, as in the console.
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    if (!url.startsWith(`${k8sBasePath}/`)) {
      return nodeFetch(url, init); // the test's own calls
    }
    const path = url.slice(k8sBasePath.length);
    requests.push(path);
    if (holdPages && path.includes('continue=')) {
      if (!(await new Promise<boolean>((go) => held.push(go)))) {
        throw new TypeError('Failed to fetch');
      }
    }
    // jsdom's AbortSignal is not Node's: leave the timeout out.
    const { signal: _signal, ...rest } = init;
    return nodeFetch(`${cluster.url}${path}`, rest);
  });
  vi.stubGlobal(
    'WebSocket',
    class extends NodeWebSocket {
      constructor(url: string, protocols?: string[]) {
        const path = new URL(url).pathname.slice(k8sBasePath.length) + new URL(url).search;
        sockets.push(path);
        super(`${cluster.url.replace(/^http/, 'ws')}${path}`, protocols);
        // A browser's WebSocket reports a failure as an event; `ws` would throw it without a listener.
        this.on('error', () => undefined);
      }
    },
  );
});

afterEach(() => {
  cleanup(); // unmounting stops the watches
  holdPages = false;
  release(false);
  requests.length = 0;
  sockets.length = 0;
  cluster.sim.faults.clear();
  vi.useRealTimers();
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await cluster?.close();
});

const names = (data: unknown) => (data as K8sResourceCommon[]).map((o) => o.metadata!.name!);

const watchHook = (resource: WatchK8sResource) => {
  const seen: [unknown, boolean, unknown][] = [];
  const hook = renderHook(() => {
    const result = useK8sWatchResource(resource);
    seen.push(result as [unknown, boolean, unknown]);
    return result;
  });
  return { hook, seen, current: () => hook.result.current as [unknown, boolean, unknown] };
};

const listRequests = () => requests.filter((p) => p.startsWith(`${SC}?`));

describe('list watch (watchK8sList)', () => {
  it('is loaded with the first page of 250, grows to 500 and 600, then follows the watch', async () => {
    const all = await call(cluster.url, 'GET', SC);
    expect(all.body.items).toHaveLength(CLASSES);
    holdPages = true;
    const { current, seen } = watchHook({ groupVersionKind: gvk, isList: true });
    expect(current()[1]).toBe(false);

    // Loaded with the first page while the second is still on its way.
    await vi.waitFor(() => expect(current()[1]).toBe(true));
    expect(names(current()[0])).toHaveLength(250);
    expect(current()[2]).toBe('');
    await vi.waitFor(() => expect(held).toHaveLength(1));
    release();
    await vi.waitFor(() => expect(names(current()[0])).toHaveLength(500));
    expect(current()[1]).toBe(true);
    expect(sockets).toEqual([]);
    await vi.waitFor(() => expect(held).toHaveLength(1));
    release();
    await vi.waitFor(() => expect(names(current()[0])).toHaveLength(600));
    expect(new Set(names(current()[0]))).toEqual(
      new Set(all.body.items.map((o: K8sResourceCommon) => o.metadata!.name)),
    );

    // Every state the hook reported: nothing, then 250, 500, 600 (all loaded), never anything else.
    const sizes = seen.map(([data, loaded]) => `${(data as unknown[]).length}:${loaded}`);
    expect([...new Set(sizes)]).toEqual(['0:false', '250:true', '500:true', '600:true']);

    // Pages of 250 following `continue`; the watch from the last page's resourceVersion.
    const pages = listRequests();
    expect(pages).toHaveLength(3);
    expect(pages[0]).toBe(`${SC}?limit=250`);
    expect(pages[1]).toMatch(new RegExp(`^${SC}\\?limit=250&continue=[^&]+$`));
    expect(pages[2]).toMatch(new RegExp(`^${SC}\\?limit=250&continue=[^&]+$`));
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    expect(sockets[0]).toBe(`${SC}?watch=true&resourceVersion=${all.body.metadata.resourceVersion}`);
    const items = current()[0] as K8sResourceCommon[];
    expect(items[0]).toMatchObject({ kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1' });

    // Live changes arrive through the watch (flushed every 500 ms).
    await call(cluster.url, 'POST', SC, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'zz-live' },
      provisioner: 'kubernetes.io/no-provisioner',
    });
    await vi.waitFor(() => expect(names(current()[0])).toContain('zz-live'));
    expect(names(current()[0])).toHaveLength(601);
    await call(cluster.url, 'DELETE', `${SC}/zz-live`);
    await vi.waitFor(() => expect(names(current()[0])).not.toContain('zz-live'));
    expect(names(current()[0])).toHaveLength(600);
    expect(listRequests()).toHaveLength(3); // no re-list
  });

  it('keeps the first page and loaded when a later page fails, then loads the whole list again in 15 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    cluster.sim.faults.add({ pathRegex: 'storageclasses\\?.*continue=', status: 500, times: 1 });
    const { current } = watchHook({ groupVersionKind: gvk, isList: true });

    // `errored`: the data and `loaded` stay, loadError is set; no watch is opened.
    await vi.waitFor(() => expect(current()[2]).toBeTruthy());
    expect(current()[1]).toBe(true);
    expect(names(current()[0])).toHaveLength(250);
    expect((current()[2] as { code?: number }).code).toBe(500);
    expect(sockets).toEqual([]);
    expect(listRequests()).toHaveLength(2);

    // Nothing more before 15 s.
    await vi.advanceTimersByTimeAsync(14_000);
    expect(listRequests()).toHaveLength(2);
    expect(current()[2]).toBeTruthy();

    // Then the list again from its first page: the error is cleared by `loaded`, the pages follow.
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(names(current()[0])).toHaveLength(600));
    expect(current()[1]).toBe(true);
    expect(current()[2]).toBe('');
    expect(listRequests()[2]).toBe(`${SC}?limit=250`);
    expect(listRequests()).toHaveLength(5);
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
  });

  it('pages by the request limit', async () => {
    const { current } = watchHook({ groupVersionKind: gvk, isList: true, limit: 400 });
    await vi.waitFor(() => expect(names(current()[0])).toHaveLength(600));
    expect(listRequests().map((p) => p.split('&')[0])).toEqual([`${SC}?limit=400`, `${SC}?limit=400`]);
  });
});

describe('object watch (unchanged)', () => {
  it('gets the object, then watches it through its list from its resourceVersion', async () => {
    const name = 'obj-watch';
    const created = await call(cluster.url, 'POST', SC, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name },
      provisioner: 'kubernetes.io/no-provisioner',
    });
    const { current } = watchHook({ groupVersionKind: gvk, name });
    await vi.waitFor(() => expect(current()[1]).toBe(true));
    expect(current()[0]).toMatchObject({ metadata: { name } });
    expect(current()[2]).toBeUndefined();
    expect(requests.filter((p) => p.startsWith(SC))).toEqual([`${SC}/${name}`]);
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    expect(sockets[0]).toBe(
      `${SC}?watch=true&fieldSelector=metadata.name%3D${name}&resourceVersion=${created.body.metadata.resourceVersion}`,
    );

    await call(
      cluster.url,
      'PATCH',
      `${SC}/${name}`,
      { metadata: { labels: { live: 'yes' } } },
      {
        type: 'application/merge-patch+json',
      },
    );
    await vi.waitFor(() => expect(current()[0]).toMatchObject({ metadata: { labels: { live: 'yes' } } }));
    await call(cluster.url, 'DELETE', `${SC}/${name}`);
  });
});
