import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCluster, type RunningCluster } from './server';
import type { K8sObject } from './sim-api';
import { call, EMPTY_WORLD, hasKubectl, kubectlFor, REPO_ROOT, tempSeed } from './testing';
import { hcoConverter } from './world/hco-conversion';

/** HyperConverged served as hco.kubevirt.io/v1 (ClusterOptions.hcoVersion), through the real world's conversion. */

const DEMO = path.join(REPO_ROOT, 'integration-tests/fixtures/demo');
const HCO_PATH = 'namespaces/openshift-cnv/hyperconvergeds/kubevirt-hyperconverged';
const V1 = `/apis/hco.kubevirt.io/v1/${HCO_PATH}`;
const V1BETA1 = `/apis/hco.kubevirt.io/v1beta1/${HCO_PATH}`;
const JSON_PATCH = { type: 'application/json-patch+json' };
const MERGE_PATCH = { type: 'application/merge-patch+json' };

const versionsOf = (group: { versions: { version: string }[]; preferredVersion: { version: string } }) => ({
  versions: group.versions.map((v) => v.version),
  preferred: group.preferredVersion.version,
});

async function groupFromList(url: string, name: string) {
  const list = await call(url, 'GET', '/apis');
  return list.body.groups.find((g: { name: string }) => g.name === name);
}

interface WatchEvent {
  type: string;
  object: K8sObject;
}

/** The first `n` lines of a chunked HTTP watch, parsed. */
function watchLines(url: string, p: string, n: number): Promise<WatchEvent[]> {
  return new Promise((resolve, reject) => {
    const lines: WatchEvent[] = [];
    let buf = '';
    const req = http.get(url + p, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          lines.push(JSON.parse(buf.slice(0, i)) as WatchEvent);
          buf = buf.slice(i + 1);
          if (lines.length === n) {
            req.destroy();
            resolve(lines);
            return;
          }
        }
      });
    });
    req.on('error', (e) => (lines.length >= n ? undefined : reject(e)));
  });
}

describe('HyperConverged with the default hcoVersion (v1beta1)', () => {
  let c: RunningCluster;
  beforeAll(async () => {
    c = await startCluster({ seeds: [DEMO] });
  });
  afterAll(() => c.close());

  it('serves and prefers only v1beta1; v1 is not found', async () => {
    const group = await call(c.url, 'GET', '/apis/hco.kubevirt.io');
    expect(versionsOf(group.body)).toEqual({ versions: ['v1beta1'], preferred: 'v1beta1' });
    expect(versionsOf(await groupFromList(c.url, 'hco.kubevirt.io'))).toEqual({
      versions: ['v1beta1'],
      preferred: 'v1beta1',
    });
    expect((await call(c.url, 'GET', '/apis/hco.kubevirt.io/v1')).status).toBe(404);
    expect((await call(c.url, 'GET', V1)).status).toBe(404);
    expect((await call(c.url, 'GET', V1BETA1)).body.spec.filesystemOverhead.global).toBe('0.08');
  });

  it('keeps CDI preferring v1beta1 over v1alpha1', async () => {
    const cdi = await call(c.url, 'GET', '/apis/cdi.kubevirt.io');
    expect(versionsOf(cdi.body)).toEqual({ versions: ['v1beta1', 'v1alpha1'], preferred: 'v1beta1' });
  });
});

const OUR_CRDS = path.join(__dirname, 'crds');

describe.each([
  ['the default CRDs (../shared/crds when present)', undefined],
  ['our CRDs', OUR_CRDS],
])("HyperConverged with hcoVersion 'v1', %s", (_name, crdsDir) => {
  let c: RunningCluster;
  let u: string;
  beforeAll(async () => {
    c = await startCluster({ seeds: [DEMO], hcoVersion: 'v1', crdsDir });
    u = c.url;
  });
  afterAll(() => c.close());
  beforeEach(async () => {
    expect((await call(u, 'POST', '/_sim/reset')).status).toBe(200);
  });

  it('discovery lists v1 and v1beta1 and prefers v1 (kube-aware priority), CDI still prefers v1beta1', async () => {
    const group = await call(u, 'GET', '/apis/hco.kubevirt.io');
    expect(versionsOf(group.body)).toEqual({ versions: ['v1', 'v1beta1'], preferred: 'v1' });
    expect(versionsOf(await groupFromList(u, 'hco.kubevirt.io'))).toEqual({
      versions: ['v1', 'v1beta1'],
      preferred: 'v1',
    });
    const resources = await call(u, 'GET', '/apis/hco.kubevirt.io/v1');
    expect(resources.body.resources.map((r: { name: string }) => r.name)).toEqual([
      'hyperconvergeds',
      'hyperconvergeds/status',
    ]);
    const cdi = await call(u, 'GET', '/apis/cdi.kubevirt.io');
    expect(versionsOf(cdi.body).preferred).toBe('v1beta1');
  });

  it('GET at v1 shows the v1 layout; v1beta1 still shows the v1beta1 layout of the same object', async () => {
    const v1 = (await call(u, 'GET', V1)).body;
    const v1beta1 = (await call(u, 'GET', V1BETA1)).body;
    expect(v1.apiVersion).toBe('hco.kubevirt.io/v1');
    expect(v1beta1.apiVersion).toBe('hco.kubevirt.io/v1beta1');
    expect(v1.metadata).toEqual(v1beta1.metadata);
    expect(v1.status).toEqual(v1beta1.status);
    expect(v1.spec.storage).toEqual({
      filesystemOverhead: v1beta1.spec.filesystemOverhead,
      scratchSpaceStorageClass: v1beta1.spec.scratchSpaceStorageClass,
      storageImport: v1beta1.spec.storageImport,
      vmStateStorageClass: v1beta1.spec.vmStateStorageClass,
      workloadResourceRequirements: v1beta1.spec.resourceRequirements.storageWorkloads,
    });
    expect(v1.spec.workloadSources.dataImportCronTemplates).toEqual(v1beta1.spec.dataImportCronTemplates);
    expect(v1.spec.workloadSources.enableCommonBootImageImport).toBe(
      v1beta1.spec.enableCommonBootImageImport,
    );
    expect(v1.spec.featureGates).toEqual([{ name: 'enableMultiArchBootImageImport' }]);
    expect(v1.spec.filesystemOverhead).toBeUndefined();
    expect(v1.spec.dataImportCronTemplates).toBeUndefined();
    expect(v1beta1.spec.storage).toBeUndefined();
  });

  it('LIST and WATCH at v1 carry v1 objects, also for a change written at v1beta1', async () => {
    const list = await call(u, 'GET', '/apis/hco.kubevirt.io/v1/hyperconvergeds');
    expect(list.body.apiVersion).toBe('hco.kubevirt.io/v1');
    expect(list.body.items[0].apiVersion).toBe('hco.kubevirt.io/v1');
    expect(list.body.items[0].spec.storage.filesystemOverhead.global).toBe('0.08');
    const rv = list.body.metadata.resourceVersion;
    const events = watchLines(
      u,
      `/apis/hco.kubevirt.io/v1/hyperconvergeds?watch=true&resourceVersion=${rv}`,
      1,
    );
    await new Promise((r) => setTimeout(r, 100));
    const patched = await call(
      u,
      'PATCH',
      V1BETA1,
      { spec: { scratchSpaceStorageClass: 'lvms-vg1' } },
      MERGE_PATCH,
    );
    expect(patched.status).toBe(200);
    const [ev] = await events;
    expect(ev.type).toBe('MODIFIED');
    expect(ev.object.apiVersion).toBe('hco.kubevirt.io/v1');
    expect(ev.object.spec.storage.scratchSpaceStorageClass).toBe('lvms-vg1');
    expect(ev.object.spec.scratchSpaceStorageClass).toBeUndefined();
  });

  it("a WebSocket watch at v1 (the console's way) streams v1 objects", async () => {
    const ws = new WebSocket(
      `${u.replace('http', 'ws')}/api/kubernetes/apis/hco.kubevirt.io/v1/namespaces/openshift-cnv/hyperconvergeds?watch=true`,
    );
    const events: WatchEvent[] = [];
    ws.on('message', (m) => events.push(JSON.parse(String(m)) as WatchEvent));
    await new Promise((r) => ws.once('open', r));
    await expect.poll(() => events.length).toBe(1);
    const patch = [{ op: 'replace', path: '/spec/storage/vmStateStorageClass', value: 'nfs-csi' }];
    expect((await call(u, 'PATCH', V1, patch, JSON_PATCH)).status).toBe(200);
    await expect.poll(() => events.some((e) => e.type === 'MODIFIED')).toBe(true);
    ws.close();
    expect(events[0].type).toBe('ADDED');
    for (const e of events) expect(e.object.apiVersion).toBe('hco.kubevirt.io/v1');
    const modified = events.find((e) => e.type === 'MODIFIED')!;
    expect(modified.object.spec.storage.vmStateStorageClass).toBe('nfs-csi');
  });

  it('a JSON patch at v1 (test, then replace) changes what v1beta1 reads; a failed test changes nothing', async () => {
    const path = '/spec/storage/filesystemOverhead/global';
    const r = await call(
      u,
      'PATCH',
      V1,
      [
        { op: 'test', path, value: '0.08' },
        { op: 'replace', path, value: '0.15' },
      ],
      JSON_PATCH,
    );
    expect(r.status).toBe(200);
    expect(r.body.apiVersion).toBe('hco.kubevirt.io/v1');
    expect(r.body.spec.storage.filesystemOverhead.global).toBe('0.15');
    expect((await call(u, 'GET', V1BETA1)).body.spec.filesystemOverhead.global).toBe('0.15');

    const stale = await call(
      u,
      'PATCH',
      V1,
      [
        { op: 'test', path, value: '0.08' },
        { op: 'replace', path, value: '0.2' },
      ],
      JSON_PATCH,
    );
    expect(stale.status).toBe(422);
    expect((await call(u, 'GET', V1BETA1)).body.spec.filesystemOverhead.global).toBe('0.15');
  });

  it('a merge patch of the feature gate list at v1 sets the v1beta1 booleans', async () => {
    const r = await call(
      u,
      'PATCH',
      V1,
      { spec: { featureGates: [{ name: 'downwardMetrics', state: 'Enabled' }] } },
      MERGE_PATCH,
    );
    expect(r.status).toBe(200);
    // HCO writes an Enabled gate without its state (api/v1/featuregates/feature_gates.go:33-47).
    expect(r.body.spec.featureGates).toEqual([{ name: 'downwardMetrics' }]);
    const gates = (await call(u, 'GET', V1BETA1)).body.spec.featureGates;
    expect(gates.downwardMetrics).toBe(true);
    expect(gates.enableMultiArchBootImageImport).toBe(false);
  });

  it('PUT of the object read at v1 changes only the edited field in v1beta1 (and what v1 defaults)', async () => {
    const before = (await call(u, 'GET', V1BETA1)).body;
    const v1 = (await call(u, 'GET', V1)).body;
    v1.spec.storage.vmStateStorageClass = 'nfs-csi';
    const put = await call(u, 'PUT', V1, v1);
    expect(put.status).toBe(200);
    const after = (await call(u, 'GET', V1BETA1)).body;
    // As with HCO's webhook: the empty `infra: {}` / `workloads: {}` holders have no v1 field (upstream's v1
    // schema prunes them; ours keeps unknown fields), and the v1 schema defaults
    // deployment.applicationAwareConfig, which converts back into v1beta1's.
    const strip = ({ infra: _i, workloads: _w, ...rest }: Record<string, unknown>) => rest;
    expect(strip(after.spec)).toEqual({
      ...strip(before.spec),
      vmStateStorageClass: 'nfs-csi',
      applicationAwareConfig: {
        allowApplicationAwareClusterResourceQuota: false,
        vmiCalcConfigName: 'DedicatedVirtualResources',
      },
    });
  });

  it('a feature gate with a bad state is 422 Invalid from the v1 schema', async () => {
    const r = await call(
      u,
      'PATCH',
      V1,
      { spec: { featureGates: [{ name: 'downwardMetrics', state: 'On' }] } },
      MERGE_PATCH,
    );
    expect(r.status).toBe(422);
    expect(r.body.reason).toBe('Invalid');
    expect(r.body.details.causes[0].field).toBe('spec.featureGates[0].state');
  });

  it.skipIf(!hasKubectl())(
    'kubectl reads the preferred v1 (get -o json) and still reaches v1beta1 by its full name',
    async () => {
      const { kubectl } = kubectlFor(u, fs.mkdtempSync(path.join(os.tmpdir(), 'sim-kubectl-')));
      const v1 = await kubectl('get', 'hyperconverged', '-n', 'openshift-cnv', '-o', 'json');
      expect(v1.code, v1.err).toBe(0);
      const item = JSON.parse(v1.out).items[0];
      expect(item.apiVersion).toBe('hco.kubevirt.io/v1');
      expect(item.spec.storage.filesystemOverhead.global).toBe('0.08');
      const beta = await kubectl(
        'get',
        'hyperconvergeds.v1beta1.hco.kubevirt.io',
        'kubevirt-hyperconverged',
        '-n',
        'openshift-cnv',
        '-o',
        'jsonpath={.spec.filesystemOverhead.global}',
      );
      expect(beta.code, beta.err).toBe(0);
      expect(beta.out).toBe('0.08');
      const table = await kubectl('get', 'hco', '-n', 'openshift-cnv');
      expect(table.code, table.err).toBe(0);
      expect(table.out).toMatch(/^NAME\s+AGE\nkubevirt-hyperconverged\s+\S+\n$/);
    },
    30000,
  );

  it("HCO's admission still judges v1 writes (in v1beta1): a bad enable annotation is denied", async () => {
    const path = '/spec/workloadSources/dataImportCronTemplates/0/metadata/annotations';
    const r = await call(
      u,
      'PATCH',
      V1,
      [{ op: 'add', path: `${path}/dataimportcrontemplate.kubevirt.io~1enable`, value: 'maybe' }],
      JSON_PATCH,
    );
    expect(r.status).toBe(403);
    expect(r.body.message).toContain(
      'the dataimportcrontemplate.kubevirt.io/enable annotation of a dataImportCronTemplate must be either "true" or "false"',
    );
  });
});

describe('conversion machinery', () => {
  let c: RunningCluster;
  let conversions = 0;
  beforeAll(async () => {
    const counting = {
      ...hcoConverter,
      convert: (o: K8sObject, to: string) => {
        conversions++;
        return hcoConverter.convert(o, to);
      },
    };
    c = await startCluster({
      seeds: [DEMO],
      hcoVersion: 'v1',
      world: { ...EMPTY_WORLD, converters: [counting] },
    });
  });
  afterAll(() => c.close());

  it('converts a stored object once per version it is read in, again only after it changes', async () => {
    conversions = 0;
    for (let i = 0; i < 3; i++) expect((await call(c.url, 'GET', V1)).status).toBe(200);
    expect((await call(c.url, 'GET', '/apis/hco.kubevirt.io/v1/hyperconvergeds')).status).toBe(200);
    expect((await call(c.url, 'GET', V1BETA1)).status).toBe(200);
    expect(conversions).toBe(1);
    const patch = { spec: { vmStateStorageClass: 'nfs-csi' } };
    expect((await call(c.url, 'PATCH', V1BETA1, patch, MERGE_PATCH)).status).toBe(200);
    const after = await call(c.url, 'GET', V1);
    expect(after.body.spec.storage.vmStateStorageClass).toBe('nfs-csi');
    expect(conversions).toBe(2);
  });
});

describe('a seed written at hco.kubevirt.io/v1', () => {
  let c: RunningCluster;
  beforeAll(async () => {
    const seed = tempSeed({
      'hco.yaml': `apiVersion: v1
kind: Namespace
metadata: {name: openshift-cnv}
---
apiVersion: hco.kubevirt.io/v1
kind: HyperConverged
metadata: {name: kubevirt-hyperconverged, namespace: openshift-cnv}
spec:
  storage:
    scratchSpaceStorageClass: fast
  featureGates:
  - name: downwardMetrics
`,
    });
    c = await startCluster({ seeds: [seed], world: { ...EMPTY_WORLD, converters: [hcoConverter] } });
  });
  afterAll(() => c.close());

  it('is stored in v1beta1 (served by default even though v1 is not)', async () => {
    const r = await call(c.url, 'GET', V1BETA1);
    expect(r.status).toBe(200);
    expect(r.body.spec.scratchSpaceStorageClass).toBe('fast');
    expect(r.body.spec.featureGates.downwardMetrics).toBe(true);
    expect(r.body.spec.storage).toBeUndefined();
    expect(c.sim.seedWarnings).toEqual([]);
  });
});
