import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from './server';
import type { K8sObject } from './sim-api';
import { call } from './testing';
import { DEMO_SEED_DIR } from './world/test-helpers';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Every RFC 3339 string anywhere in `value`, with where it was found. */
function timestamps(value: unknown, where: string, out: { where: string; at: string }[]): void {
  if (typeof value === 'string') {
    if (RFC3339.test(value)) out.push({ where, at: value });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => timestamps(v, `${where}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) timestamps(v, `${where}.${k}`, out);
  }
}

/** The demo cluster with the real world at the default time scale (60 simulated seconds per real second). */
describe('simulated time', () => {
  let c: RunningCluster;
  beforeAll(async () => {
    c = await startCluster({ port: 0, seeds: [DEMO_SEED_DIR], timeScale: 60 });
  });
  afterAll(() => c.close());

  it('scales durations: an import of about a simulated minute finishes in a few real seconds', async () => {
    const dvs = '/apis/cdi.kubevirt.io/v1beta1/namespaces/team-a/datavolumes';
    const created = await call(c.url, 'POST', dvs, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'quick' },
      spec: {
        source: { http: { url: 'https://images.example.com/tiny.qcow2' } },
        storage: {
          resources: { requests: { storage: '1Gi' } },
          storageClassName: 'ocs-storagecluster-ceph-rbd',
        },
      },
    });
    expect(created.status).toBe(201);
    await expect
      .poll(async () => (await call(c.url, 'GET', `${dvs}/quick`)).body.status?.phase, {
        timeout: 8000,
        interval: 250,
      })
      .toBe('Succeeded');
  });

  it('stamps wall-clock times: after advancing, no timestamp the simulator wrote is in the future', async () => {
    const before = (await call(c.url, 'GET', '/_sim/health')).body.simulatedSeconds;
    for (let i = 0; i < 4; i++) await call(c.url, 'POST', '/_sim/advance', { seconds: 900 });
    const after = await call(c.url, 'POST', '/_sim/advance', { seconds: 3600 });
    expect(after.body.simulatedSeconds - before).toBeGreaterThanOrEqual(7200);
    await new Promise((r) => setTimeout(r, 1500)); // a few clock ticks at scale 60
    const now = Date.now();
    const found: { where: string; at: string }[] = [];
    for (const rt of c.sim.registry.all()) {
      for (const o of c.sim.store.listRaw(rt.kind) as K8sObject[]) {
        timestamps(o, `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, found);
      }
    }
    // The controllers did write (conditions, new objects): this is not an empty check.
    expect(found.length).toBeGreaterThan(100);
    expect(found.filter((t) => Date.parse(t.at) > now)).toEqual([]);
    expect(Date.parse(after.body.now)).toBeLessThanOrEqual(now);
  });
});
