import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_SEED, launchCluster, type RunningCluster } from './cluster-launcher';
import { startHost, type RunningHost } from './server';

const SC_PATH = '/api/kubernetes/apis/storage.k8s.io/v1/storageclasses';

describe('console host server', () => {
  let cluster: RunningCluster;
  let host: RunningHost;
  let csrfCookie: string;

  beforeAll(async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'console-host-'));
    const distDir = path.join(tmp, 'plugin');
    const hostDir = path.join(tmp, 'host');
    mkdirSync(distDir);
    mkdirSync(hostDir);
    writeFileSync(path.join(distDir, 'plugin-entry.abc.min.js'), 'window.loaded = true;');
    writeFileSync(path.join(hostDir, 'index.html'), '<!doctype html><div id="app"></div>');
    cluster = await launchCluster({ port: 0, seeds: [DEMO_SEED] });
    host = await startHost({ port: 0, clusterUrl: cluster.url, distDir, hostDir });
    const page = await fetch(`${host.url}/virtualization-storage/storage-profiles`);
    csrfCookie = /csrf-token=[^;]+/.exec(page.headers.get('set-cookie') ?? '')?.[0] ?? '';
  });

  afterAll(async () => {
    await host?.close();
    await cluster?.close();
  });

  const newClass = (name: string) => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner: 'kubernetes.io/no-provisioner',
  });

  it('serves console routes with the CSRF cookie', () => {
    expect(csrfCookie).toMatch(/^csrf-token=[0-9a-f]{32}$/);
  });

  it('serves plugin scripts as JavaScript that the browser may not sniff', async () => {
    const res = await fetch(`${host.url}/api/plugins/virt-storage-plugin/plugin-entry.abc.min.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      (await fetch(`${host.url}/api/plugins/virt-storage-plugin/..%2F..%2Fhost%2Findex.html`)).status,
    ).toBe(404);
  });

  it('refuses writes without the CSRF token and changes nothing', async () => {
    const res = await fetch(`${host.url}${SC_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: csrfCookie },
      body: JSON.stringify(newClass('no-token')),
    });
    expect(res.status).toBe(403);
    expect((await fetch(`${cluster.url}/apis/storage.k8s.io/v1/storageclasses/no-token`)).status).toBe(404);
  });

  it('proxies reads and CSRF-checked writes to the cluster, with impersonation', async () => {
    const token = csrfCookie.split('=')[1];
    const write = (name: string, user?: string) =>
      fetch(`${host.url}${SC_PATH}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Cookie: csrfCookie,
          'X-CSRFToken': token,
          ...(user ? { 'Impersonate-User': user } : {}),
        },
        body: JSON.stringify(newClass(name)),
      });
    expect((await write('with-token')).status).toBe(201);
    expect((await write('as-viewer', 'viewer')).status).toBe(403);
    const list = await (await fetch(`${host.url}${SC_PATH}`)).json();
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toContain('with-token');
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).not.toContain('as-viewer');
  });

  it('proxies watches over WebSocket', async () => {
    const { metadata } = await (await fetch(`${host.url}${SC_PATH}`)).json();
    const wsUrl = `${host.url.replace('http', 'ws')}${SC_PATH}?watch=true&resourceVersion=${metadata.resourceVersion}`;
    const ws = new WebSocket(wsUrl, ['Impersonate-User.dmlld2Vy']); // "viewer": may watch, not write
    const added = new Promise<{ type: string; object: { metadata: { name: string } } }>((resolve, reject) => {
      ws.on('message', (data) => resolve(JSON.parse(String(data))));
      ws.on('error', reject);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    await fetch(`${cluster.url}/apis/storage.k8s.io/v1/storageclasses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(newClass('watched')),
    });
    const event = await added;
    ws.close();
    expect(event.type).toBe('ADDED');
    expect(event.object.metadata.name).toBe('watched');
  });
});
