import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { call, HAS_SHARED, RBAC_SEED, start, tempSeed, UPSTREAM_CLUSTER } from './testing';
import type { RunningCluster } from './server';

const CM = '/api/v1/namespaces/default/configmaps';
const SP = '/apis/cdi.kubevirt.io/v1beta1/storageprofiles';
const HCO = '/apis/hco.kubevirt.io/v1beta1/namespaces/openshift-cnv/hyperconvergeds/kubevirt-hyperconverged';
const DIC = '/apis/cdi.kubevirt.io/v1beta1/namespaces/golden-images/dataimportcrons';

const cm = (
  name: string,
  labels: Record<string, string> = {},
  data: Record<string, string> = { a: '1' },
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});

if (!HAS_SHARED)
  console.warn(`../shared not present: ${UPSTREAM_CLUSTER} is missing; skipping "simulator API"`);

describe.skipIf(!HAS_SHARED)('simulator API', () => {
  let c: RunningCluster;
  let u: string;
  beforeAll(async () => {
    c = await start({ seeds: [UPSTREAM_CLUSTER, tempSeed({ 'rbac.yaml': RBAC_SEED })] });
    u = c.url;
  });
  afterAll(() => c.close());
  beforeEach(async () => {
    expect((await call(u, 'POST', '/_sim/reset')).status).toBe(200);
  });

  describe('discovery and openapi', () => {
    it('serves core and group discovery at / and under the console prefix', async () => {
      for (const prefix of ['', '/api/kubernetes']) {
        const api = await call(u, 'GET', `${prefix}/api`);
        expect(api.body.versions).toEqual(['v1']);
        const groups = (await call(u, 'GET', `${prefix}/apis`)).body.groups.map(
          (g: { name: string }) => g.name,
        );
        expect(groups).toEqual(
          expect.arrayContaining([
            'storage.k8s.io',
            'cdi.kubevirt.io',
            'hco.kubevirt.io',
            'rbac.authorization.k8s.io',
          ]),
        );
        const cdi = await call(u, 'GET', `${prefix}/apis/cdi.kubevirt.io/v1beta1`);
        const names = cdi.body.resources.map((r: { name: string }) => r.name);
        expect(names).toEqual(
          expect.arrayContaining([
            'storageprofiles',
            'storageprofiles/status',
            'datavolumes/status',
            'dataimportcrons',
          ]),
        );
        expect(names).not.toContain('dataimportcrons/status');
        const dv = cdi.body.resources.find((r: { name: string }) => r.name === 'datavolumes');
        expect(dv).toMatchObject({
          singularName: 'datavolume',
          namespaced: true,
          kind: 'DataVolume',
          shortNames: ['dv', 'dvs'],
        });
      }
      const hco = await call(u, 'GET', '/apis/hco.kubevirt.io');
      // v1 is served only with hcoVersion 'v1' (hco-v1.test.ts)
      expect(hco.body.versions.map((v: { version: string }) => v.version)).toEqual(['v1beta1']);
      expect(hco.body.preferredVersion.version).toBe('v1beta1');
    });

    it('serves openapi v3 documents whose schemas carry their GVK', async () => {
      const root = await call(u, 'GET', '/openapi/v3');
      const url = root.body.paths['apis/cdi.kubevirt.io/v1beta1'].serverRelativeURL;
      const doc = (await call(u, 'GET', url)).body;
      const sp = doc.components.schemas['io.kubevirt.cdi.v1beta1.StorageProfile'];
      expect(sp['x-kubernetes-group-version-kind']).toEqual([
        { group: 'cdi.kubevirt.io', version: 'v1beta1', kind: 'StorageProfile' },
      ]);
      expect(sp.properties.spec.properties.claimPropertySets).toBeDefined();
      const core = (await call(u, 'GET', root.body.paths['api/v1'].serverRelativeURL)).body;
      expect(
        core.components.schemas['io.k8s.api.core.v1.ConfigMap']['x-kubernetes-group-version-kind'][0].kind,
      ).toBe('ConfigMap');
    });
  });

  describe('reads', () => {
    it('gets, and answers a missing object with a NotFound Status', async () => {
      const sp = await call(u, 'GET', `${SP}/ocs-storagecluster-ceph-rbd-virtualization`);
      expect(sp.body.status.claimPropertySets.length).toBeGreaterThan(0); // seeded status kept
      const missing = await call(u, 'GET', `${SP}/nope`);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'storageprofiles.cdi.kubevirt.io "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', group: 'cdi.kubevirt.io', kind: 'storageprofiles' },
        code: 404,
      });
    });

    it('filters lists by label selectors (=, !=, in, notin, !key) and field selectors', async () => {
      await call(u, 'POST', CM, cm('one', { tier: 'gold', app: 'x' }));
      await call(u, 'POST', CM, cm('two', { tier: 'silver' }));
      await call(u, 'POST', CM, cm('three', {}));
      const names = async (q: string) =>
        (await call(u, 'GET', `${CM}?${q}`)).body.items
          .map((i: { metadata: { name: string } }) => i.metadata.name)
          .sort();
      expect(await names('labelSelector=tier%3Dgold')).toEqual(['one']);
      expect(await names('labelSelector=tier%20in%20(gold,silver)')).toEqual(['one', 'two']);
      expect(await names('labelSelector=tier%20notin%20(gold)')).toEqual(['three', 'two']);
      expect(await names('labelSelector=!tier')).toEqual(['three']);
      expect(await names('labelSelector=tier,!app')).toEqual(['two']);
      expect(await names('labelSelector=tier!%3Dgold')).toEqual(['three', 'two']);
      expect(await names('fieldSelector=metadata.name%3Dtwo')).toEqual(['two']);
      const all = await call(
        u,
        'GET',
        '/apis/cdi.kubevirt.io/v1beta1/datavolumes?fieldSelector=metadata.namespace%3Ddefault',
      );
      expect(all.body.items.length).toBeGreaterThan(0);
      expect(
        all.body.items.every((i: { metadata: { namespace: string } }) => i.metadata.namespace === 'default'),
      ).toBe(true);
    });

    it('refuses field labels the apiserver does not support and label selectors it cannot parse (400)', async () => {
      const unsupported = await call(u, 'GET', `${SP}?fieldSelector=spec.cloneStrategy%3Dcopy`);
      expect(unsupported.status).toBe(400);
      expect(unsupported.body).toMatchObject({
        reason: 'BadRequest',
        message: 'field label not supported: spec.cloneStrategy',
      });
      const watch = await call(u, 'GET', `${CM}?watch=true&fieldSelector=data.a%3D1`);
      expect(watch.status).toBe(400);
      const events = await call(u, 'GET', '/api/v1/events?fieldSelector=involvedObject.kind%3DPod');
      expect(events.status).toBe(200);
      for (const q of ['a%3D%3D%3Db', 'a%3Db%20c', 'tier%3D-gold']) {
        const bad = await call(u, 'GET', `${CM}?labelSelector=${q}`);
        expect(bad.status, q).toBe(400);
        expect(bad.body.reason).toBe('BadRequest');
      }
    });

    it('omits kind/apiVersion in list items of built-in kinds, keeps them for custom resources', async () => {
      await call(u, 'POST', CM, cm('one'));
      const cms = (await call(u, 'GET', CM)).body;
      expect(cms).toMatchObject({ kind: 'ConfigMapList', apiVersion: 'v1' });
      expect(cms.items.length).toBeGreaterThan(0);
      for (const item of cms.items) {
        expect(item.kind).toBeUndefined();
        expect(item.apiVersion).toBeUndefined();
      }
      expect((await call(u, 'GET', `${CM}/one`)).body).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1' });
      const sps = (await call(u, 'GET', SP)).body.items;
      expect(sps[0]).toMatchObject({ kind: 'StorageProfile', apiVersion: 'cdi.kubevirt.io/v1beta1' });
    });

    it('pages with limit/continue, every object exactly once', async () => {
      const full = (await call(u, 'GET', SP)).body.items.map(
        (i: { metadata: { name: string } }) => i.metadata.name,
      );
      const seen: string[] = [];
      let cont = '';
      let pages = 0;
      do {
        const page = await call(
          u,
          'GET',
          `${SP}?limit=4${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
        );
        expect(page.body.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.body.items.map((i: { metadata: { name: string } }) => i.metadata.name));
        cont = page.body.metadata.continue ?? '';
        pages++;
      } while (cont);
      expect(seen).toEqual(full);
      expect(pages).toBe(Math.ceil(full.length / 4));
    });
  });

  describe('writes', () => {
    it('creates with generateName and apiserver bookkeeping; namespace defaults to the URL one', async () => {
      const r = await call(u, 'POST', CM, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { generateName: 'gen-' },
        data: {},
      });
      expect(r.status).toBe(201);
      expect(r.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
      expect(r.body.metadata).toMatchObject({ namespace: 'default' });
      expect(r.body.metadata.generation).toBeUndefined();
      expect(r.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(r.body.metadata.resourceVersion)).toBeGreaterThan(0);
      expect(r.body.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const again = await call(u, 'POST', CM, cm(r.body.metadata.name));
      expect(again.status).toBe(409);
      expect(again.body.reason).toBe('AlreadyExists');
    });

    it('refuses objects in a namespace that does not exist, and deleting a namespace deletes its objects', async () => {
      const r = await call(u, 'POST', '/api/v1/namespaces/nowhere/configmaps', cm('x'));
      expect(r.status).toBe(404);
      expect(r.body.message).toBe('namespaces "nowhere" not found');
      await call(u, 'POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'tmp' },
      });
      expect((await call(u, 'POST', '/api/v1/namespaces/tmp/configmaps', cm('x'))).status).toBe(201);
      expect((await call(u, 'DELETE', '/api/v1/namespaces/tmp')).status).toBe(200);
      expect((await call(u, 'GET', '/api/v1/namespaces/tmp/configmaps/x')).status).toBe(404);
    });

    it('answers a stale update with 409 Conflict and the apiserver message', async () => {
      const sp = (await call(u, 'GET', `${SP}/acme-fast`)).body;
      const ok = await call(u, 'PUT', `${SP}/acme-fast`, { ...sp, spec: { cloneStrategy: 'copy' } });
      expect(ok.status).toBe(200);
      const stale = await call(u, 'PUT', `${SP}/acme-fast`, { ...sp, spec: { cloneStrategy: 'snapshot' } });
      expect(stale.status).toBe(409);
      expect(stale.body.reason).toBe('Conflict');
      expect(stale.body.message).toBe(
        'Operation cannot be fulfilled on storageprofiles.cdi.kubevirt.io "acme-fast": the object has been modified; please apply your changes to the latest version and try again',
      );
      expect((await call(u, 'GET', `${SP}/acme-fast`)).body.spec.cloneStrategy).toBe('copy');
    });

    it('refuses a custom resource update without resourceVersion, naming the resource as the apiserver does', async () => {
      const sp = (await call(u, 'GET', `${SP}/acme-fast`)).body;
      const { resourceVersion: _rv, ...metadata } = sp.metadata;
      const r = await call(u, 'PUT', `${SP}/acme-fast`, { ...sp, metadata });
      expect(r.status).toBe(422);
      expect(r.body.message).toBe(
        'storageprofiles.cdi.kubevirt.io "acme-fast" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
      );
      expect(r.body.details).toEqual({
        name: 'acme-fast',
        group: 'cdi.kubevirt.io',
        kind: 'storageprofiles',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: 0x0: must be specified for an update',
            field: 'metadata.resourceVersion',
          },
        ],
      });
    });

    it('bumps generation on spec changes only', async () => {
      const before = (await call(u, 'GET', `${SP}/acme-fast`)).body.metadata.generation;
      const labelled = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        { metadata: { labels: { x: 'y' } } },
        { type: 'application/merge-patch+json' },
      );
      expect(labelled.body.metadata.generation).toBe(before);
      const changed = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        { spec: { cloneStrategy: 'copy' } },
        { type: 'application/merge-patch+json' },
      );
      expect(changed.body.metadata.generation).toBe(before + 1);
    });

    it('keeps generation as each kind does: CRs without status subresource count status, built-ins have none', async () => {
      const merge = { type: 'application/merge-patch+json' };
      const cron = (await call(u, 'GET', DIC)).body.items[0];
      const cronUrl = `${DIC}/${cron.metadata.name}`;
      const statusOnly = await call(u, 'PATCH', cronUrl, { status: { sourceFormat: 'snapshot' } }, merge);
      expect(statusOnly.body.metadata.generation).toBe(cron.metadata.generation + 1);
      const labelOnly = await call(u, 'PATCH', cronUrl, { metadata: { labels: { x: 'y' } } }, merge);
      expect(labelOnly.body.metadata.generation).toBe(cron.metadata.generation + 1);
      const sp = (await call(u, 'GET', `${SP}/acme-fast`)).body;
      const spStatus = await call(
        u,
        'PATCH',
        `${SP}/acme-fast/status`,
        { status: { cloneStrategy: 'copy' } },
        merge,
      );
      expect(spStatus.body.metadata.generation).toBe(sp.metadata.generation);
      const sc = (await call(u, 'GET', '/apis/storage.k8s.io/v1/storageclasses')).body.items[0];
      expect(sc.metadata.generation).toBeUndefined();
      const scPatched = await call(
        u,
        'PATCH',
        `/apis/storage.k8s.io/v1/storageclasses/${sc.metadata.name}`,
        { allowVolumeExpansion: !sc.allowVolumeExpansion },
        merge,
      );
      expect(scPatched.body.metadata.generation).toBeUndefined();
      const pvc = await call(u, 'POST', '/api/v1/namespaces/default/persistentvolumeclaims', {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'gen-check' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      });
      expect(pvc.body.metadata.generation).toBeUndefined();
    });

    it('applies the StorageClass strategy: provisioner required, defaults, immutable fields worded as upstream', async () => {
      const SC = '/apis/storage.k8s.io/v1/storageclasses';
      const merge = { type: 'application/merge-patch+json' };
      const missing = await call(u, 'POST', SC, { metadata: { name: 'no-prov' } });
      expect(missing.status).toBe(422);
      expect(missing.body.message).toBe(
        'StorageClass.storage.k8s.io "no-prov" is invalid: provisioner: Required value',
      );
      const badMode = await call(u, 'POST', SC, {
        metadata: { name: 'bad-mode' },
        provisioner: 'x.csi.io',
        volumeBindingMode: 'Later',
      });
      expect(badMode.body.message).toBe(
        'StorageClass.storage.k8s.io "bad-mode" is invalid: volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
      );
      const created = await call(u, 'POST', SC, {
        metadata: { name: 'sc-x' },
        provisioner: 'x.csi.io',
        parameters: { tier: 'gold' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
      const params = await call(u, 'PATCH', `${SC}/sc-x`, { parameters: { tier: 'silver' } }, merge);
      expect(params.status).toBe(422);
      expect(params.body.message).toBe(
        'StorageClass.storage.k8s.io "sc-x" is invalid: parameters: Forbidden: updates to parameters are forbidden.',
      );
      const several = await call(
        u,
        'PATCH',
        `${SC}/sc-x`,
        { provisioner: 'y.csi.io', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' },
        merge,
      );
      expect(several.body.message).toBe(
        'StorageClass.storage.k8s.io "sc-x" is invalid: [provisioner: Forbidden: updates to provisioner are forbidden., reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden., volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable]',
      );
      const ok = await call(u, 'PATCH', `${SC}/sc-x`, { allowVolumeExpansion: true }, merge);
      expect(ok.status).toBe(200);
      expect(ok.body.parameters).toEqual({ tier: 'gold' });
    });

    it("applies the PVC strategy: accessModes required, defaults, spec immutable but for a bound claim's requests", async () => {
      const PVC = '/api/v1/namespaces/default/persistentvolumeclaims';
      const merge = { type: 'application/merge-patch+json' };
      const spec = { resources: { requests: { storage: '1Gi' } } };
      const noModes = await call(u, 'POST', PVC, { metadata: { name: 'c0' }, spec });
      expect(noModes.status).toBe(422);
      expect(noModes.body.message).toBe(
        'PersistentVolumeClaim "c0" is invalid: spec.accessModes: Required value: at least 1 access mode is required',
      );
      const created = await call(u, 'POST', PVC, {
        metadata: { name: 'c1' },
        spec: { ...spec, accessModes: ['ReadWriteOnce'] },
        status: { phase: 'Bound' },
      });
      expect(created.status).toBe(201);
      expect(created.body.spec.volumeMode).toBe('Filesystem');
      expect(created.body.status).toEqual({ phase: 'Pending' });
      const immutable =
        'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';
      const cls = await call(u, 'PATCH', `${PVC}/c1`, { spec: { storageClassName: 'other' } }, merge);
      expect(cls.status).toBe(422);
      expect(cls.body.message).toBe(`PersistentVolumeClaim "c1" is invalid: ${immutable}`);
      const grow = { spec: { resources: { requests: { storage: '2Gi' } } } };
      expect((await call(u, 'PATCH', `${PVC}/c1`, grow, merge)).status).toBe(422);
      const bound = await call(u, 'PATCH', `${PVC}/c1/status`, { status: { phase: 'Bound' } }, merge);
      expect(bound.status).toBe(200);
      const grown = await call(u, 'PATCH', `${PVC}/c1`, grow, merge);
      expect(grown.status).toBe(200);
      expect(grown.body.spec.resources.requests.storage).toBe('2Gi');
      const labelled = await call(u, 'PATCH', `${PVC}/c1`, { metadata: { labels: { a: 'b' } } }, merge);
      expect(labelled.status).toBe(200);
    });

    it('keeps status on main-resource writes of kinds with a status subresource; /status changes only status', async () => {
      const sp = (await call(u, 'GET', `${SP}/acme-fast`)).body;
      const main = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        { spec: { cloneStrategy: 'copy' }, status: { provisioner: 'evil' } },
        { type: 'application/merge-patch+json' },
      );
      expect(main.body.status).toEqual(sp.status);
      expect(main.body.spec.cloneStrategy).toBe('copy');
      const st = await call(
        u,
        'PATCH',
        `${SP}/acme-fast/status`,
        { spec: { cloneStrategy: 'snapshot' }, status: { provisioner: 'new.csi' } },
        { type: 'application/merge-patch+json' },
      );
      expect(st.status).toBe(200);
      expect(st.body.status.provisioner).toBe('new.csi');
      expect(st.body.spec.cloneStrategy).toBe('copy');
      // no status subresource: status travels with the object
      const dic = (await call(u, 'GET', DIC)).body.items[0];
      const w = await call(
        u,
        'PATCH',
        `${DIC}/${dic.metadata.name}`,
        { status: { sourceFormat: 'snapshot' } },
        { type: 'application/merge-patch+json' },
      );
      expect(w.body.status.sourceFormat).toBe('snapshot');
      expect((await call(u, 'GET', `${DIC}/${dic.metadata.name}/status`)).status).toBe(404);
    });

    it('applies JSON patches guarded by test ops; a failed test is 422 Invalid as the apiserver words it', async () => {
      const sp = (await call(u, 'GET', `${SP}/acme-fast`)).body;
      const rv = sp.metadata.resourceVersion;
      const ok = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        [
          { op: 'test', path: '/metadata/resourceVersion', value: rv },
          { op: 'add', path: '/spec/cloneStrategy', value: 'csi-clone' },
        ],
        { type: 'application/json-patch+json' },
      );
      expect(ok.status).toBe(200);
      expect(ok.body.spec.cloneStrategy).toBe('csi-clone');
      const failed = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        [
          { op: 'test', path: '/metadata/resourceVersion', value: rv },
          { op: 'add', path: '/spec/cloneStrategy', value: 'copy' },
        ],
        { type: 'application/json-patch+json' },
      );
      expect(failed.status).toBe(422);
      expect(failed.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server rejected our request due to an error in our request',
        reason: 'Invalid',
        details: {},
        code: 422,
      });
      expect((await call(u, 'GET', `${SP}/acme-fast`)).body.spec.cloneStrategy).toBe('csi-clone');
      const malformed = await call(u, 'PATCH', `${SP}/acme-fast`, [{ op: 'nope', path: '/x' }], {
        type: 'application/json-patch+json',
      });
      expect(malformed.status).toBe(400);
    });

    it('lets a null test pass on an absent key, as the apiserver json-patch library does', async () => {
      const patch = (ops: unknown) =>
        call(u, 'PATCH', `${SP}/acme-fast`, ops, { type: 'application/json-patch+json' });
      const absent = await patch([
        { op: 'test', path: '/spec/dataImportCronSourceFormat', value: null },
        { op: 'add', path: '/spec/dataImportCronSourceFormat', value: 'pvc' },
      ]);
      expect(absent.status).toBe(200);
      expect(absent.body.spec.dataImportCronSourceFormat).toBe('pvc');
      // Now present: the same guard fails and nothing changes.
      const present = await patch([
        { op: 'test', path: '/spec/dataImportCronSourceFormat', value: null },
        { op: 'add', path: '/spec/dataImportCronSourceFormat', value: 'snapshot' },
      ]);
      expect(present.status).toBe(422);
      // A missing parent is a missing path, not an absent key.
      expect((await patch([{ op: 'test', path: '/spec/none/deeper', value: null }])).status).toBe(422);
      expect((await call(u, 'GET', `${SP}/acme-fast`)).body.spec.dataImportCronSourceFormat).toBe('pvc');
    });

    it('answers a JSON patch that cannot apply (missing path, bad index) 422, a malformed one 400', async () => {
      const generic = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server rejected our request due to an error in our request',
        reason: 'Invalid',
        details: {},
        code: 422,
      };
      const patch = (ops: unknown) =>
        call(u, 'PATCH', `${SP}/acme-fast`, ops, { type: 'application/json-patch+json' });
      for (const ops of [
        [{ op: 'remove', path: '/spec/noSuchField' }],
        [{ op: 'replace', path: '/spec/claimPropertySets/9/volumeMode', value: 'Block' }],
        [{ op: 'add', path: '/spec/missing/deeper', value: 1 }],
        [{ op: 'test', path: '/spec/nothing/here', value: 1 }],
      ]) {
        const r = await patch(ops);
        expect(r.status, JSON.stringify(ops)).toBe(422);
        expect(r.body).toEqual(generic);
      }
      expect((await patch({ op: 'add', path: '/spec/x', value: 1 })).status).toBe(400);
      expect((await patch([{ op: 'frobnicate', path: '/spec/x' }])).body.reason).toBe('BadRequest');
    });

    it('strategic-merge-patches builtin lists by merge key, and refuses it for custom resources', async () => {
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: {
          containers: [
            { name: 'a', image: 'a:1' },
            { name: 'b', image: 'b:1', env: [{ name: 'X', value: '1' }] },
          ],
        },
      };
      await call(u, 'POST', '/api/v1/namespaces/default/pods', pod);
      const r = await call(
        u,
        'PATCH',
        '/api/v1/namespaces/default/pods/p',
        { spec: { containers: [{ name: 'b', image: 'b:2', env: [{ name: 'Y', value: '2' }] }] } },
        { type: 'application/strategic-merge-patch+json' },
      );
      expect(r.body.spec.containers).toEqual([
        { name: 'a', image: 'a:1' },
        {
          name: 'b',
          image: 'b:2',
          env: [
            { name: 'X', value: '1' },
            { name: 'Y', value: '2' },
          ],
        },
      ]);
      const cr = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        { spec: {} },
        { type: 'application/strategic-merge-patch+json' },
      );
      expect(cr.status).toBe(415);
    });

    it('validates custom resources against the CRD schema with the apiserver wording', async () => {
      const bad = await call(
        u,
        'PATCH',
        HCO,
        { spec: { filesystemOverhead: { global: '0.0555' } } },
        { type: 'application/merge-patch+json' },
      );
      expect(bad.status).toBe(422);
      expect(bad.body.reason).toBe('Invalid');
      expect(bad.body.message).toBe(
        `HyperConverged.hco.kubevirt.io "kubevirt-hyperconverged" is invalid: spec.filesystemOverhead.global: Invalid value: "0.0555": spec.filesystemOverhead.global in body should match '^(0(?:\\.\\d{1,3})?|1)$'`,
      );
      expect(bad.body.details).toMatchObject({
        name: 'kubevirt-hyperconverged',
        group: 'hco.kubevirt.io',
        kind: 'HyperConverged',
      });
      expect(bad.body.details.causes).toEqual([
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "0.0555": spec.filesystemOverhead.global in body should match '^(0(?:\\.\\d{1,3})?|1)$'`,
          field: 'spec.filesystemOverhead.global',
        },
      ]);
      const num = await call(
        u,
        'PATCH',
        HCO,
        { spec: { filesystemOverhead: { global: 0.0555 } } },
        { type: 'application/merge-patch+json' },
      );
      expect(num.status).toBe(422);
      expect(num.body.details.causes[0]).toMatchObject({
        field: 'spec.filesystemOverhead.global',
        reason: 'FieldValueTypeInvalid',
      });
      const ok = await call(
        u,
        'PATCH',
        HCO,
        { spec: { filesystemOverhead: { global: '0.055' } } },
        { type: 'application/merge-patch+json' },
      );
      expect(ok.status).toBe(200);
      const enumBad = await call(
        u,
        'PATCH',
        HCO,
        { spec: { tuningPolicy: 'teleport' } },
        { type: 'application/merge-patch+json' },
      );
      expect(enumBad.body.details.causes[0]).toMatchObject({
        reason: 'FieldValueNotSupported',
        field: 'spec.tuningPolicy',
      });
      expect(enumBad.body.details.causes[0].message).toMatch(
        /^Unsupported value: "teleport": supported values: /,
      );
    });

    it('checks the metadata.name pattern a CRD pins (HyperConverged)', async () => {
      const hco = (await call(u, 'GET', HCO)).body;
      const r = await call(
        u,
        'POST',
        '/apis/hco.kubevirt.io/v1beta1/namespaces/openshift-cnv/hyperconvergeds',
        {
          ...hco,
          metadata: { name: 'second' },
        },
      );
      expect(r.status).toBe(422);
      expect(r.body.details.causes[0]).toMatchObject({ field: 'metadata.name', reason: 'FieldValueInvalid' });
    });

    it('evaluates CEL rules (StorageProfile accessModes)', async () => {
      const r = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        { spec: { claimPropertySets: [{ accessModes: ['ReadWriteSometimes'], volumeMode: 'Block' }] } },
        { type: 'application/merge-patch+json' },
      );
      expect(r.status).toBe(422);
      expect(r.body.message).toBe(
        'StorageProfile.cdi.kubevirt.io "acme-fast" is invalid: spec.claimPropertySets[0].accessModes: Invalid value: "array": Illegal AccessMode',
      );
      const ok = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        { spec: { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] } },
        { type: 'application/merge-patch+json' },
      );
      expect(ok.status).toBe(200);
    });

    it('evaluates the HyperConverged v1beta1 CEL rules', async () => {
      const mac = await call(
        u,
        'PATCH',
        HCO,
        { spec: { kubeMacPoolConfiguration: { rangeStart: '02:00:00:00:00:00' } } },
        { type: 'application/merge-patch+json' },
      );
      expect(mac.status).toBe(422);
      expect(mac.body.details.causes[0].field).toBe('spec.kubeMacPoolConfiguration');
      expect(mac.body.details.causes[0].message).toContain(
        'both rangeStart and rangeEnd must be configured together',
      );
      const both = {
        kubeMacPoolConfiguration: { rangeStart: '02:00:00:00:00:00', rangeEnd: '02:00:00:00:ff:ff' },
      };
      expect(
        (await call(u, 'PATCH', HCO, { spec: both }, { type: 'application/merge-patch+json' })).status,
      ).toBe(200);
      const mdev = await call(
        u,
        'PATCH',
        HCO,
        { spec: { mediatedDevicesConfiguration: { mediatedDeviceTypes: [] } } },
        { type: 'application/merge-patch+json' },
      );
      expect(mdev.status).toBe(422);
      expect(mdev.body.message).toContain(
        'spec.mediatedDevicesConfiguration: Invalid value: "object": for mediatedDevicesConfiguration a non-empty mediatedDeviceTypes',
      );
    });

    it('applies schema defaults and prunes unknown fields (Strict refuses them)', async () => {
      const removed = await call(u, 'PATCH', HCO, [{ op: 'remove', path: '/spec/uninstallStrategy' }], {
        type: 'application/json-patch+json',
      });
      expect(removed.body.spec.uninstallStrategy).toBe('BlockUninstallIfWorkloadsExist');
      const unknown = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        { spec: { bogus: 1 } },
        { type: 'application/merge-patch+json' },
      );
      expect(unknown.status).toBe(200);
      expect(unknown.body.spec.bogus).toBeUndefined();
      expect(unknown.headers.get('warning')).toContain('unknown field \\"spec.bogus\\"');
      const strict = await call(
        u,
        'PATCH',
        `${SP}/acme-fast?fieldValidation=Strict`,
        { spec: { bogus: 1 } },
        { type: 'application/merge-patch+json' },
      );
      expect(strict.status).toBe(400);
      expect(strict.body.message).toContain('strict decoding error: unknown field "spec.bogus"');
    });

    it('dry-runs every write: full validation, nothing stored', async () => {
      const created = await call(u, 'POST', `${CM}?dryRun=All`, cm('dry'));
      expect(created.status).toBe(201);
      expect(created.body.metadata.uid).toBeDefined();
      expect((await call(u, 'GET', `${CM}/dry`)).status).toBe(404);
      const invalid = await call(
        u,
        'PATCH',
        `${HCO}?dryRun=All`,
        { spec: { filesystemOverhead: { global: 'x' } } },
        { type: 'application/merge-patch+json' },
      );
      expect(invalid.status).toBe(422);
      const before = (await call(u, 'GET', `${SP}/acme-fast`)).body;
      const patched = await call(
        u,
        'PATCH',
        `${SP}/acme-fast?dryRun=All`,
        { spec: { cloneStrategy: 'copy' } },
        { type: 'application/merge-patch+json' },
      );
      expect(patched.body.spec.cloneStrategy).toBe('copy');
      expect((await call(u, 'GET', `${SP}/acme-fast`)).body).toEqual(before);
      expect((await call(u, 'DELETE', `${SP}/acme-fast?dryRun=All`)).status).toBe(200);
      expect((await call(u, 'GET', `${SP}/acme-fast`)).status).toBe(200);
    });
  });

  describe('RBAC', () => {
    it('lets viewer read and forbids writes with the apiserver message', async () => {
      expect((await call(u, 'GET', `${SP}/acme-fast`, undefined, { user: 'viewer' })).status).toBe(200);
      const denied = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        { spec: {} },
        { type: 'application/merge-patch+json', user: 'viewer' },
      );
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({
        reason: 'Forbidden',
        message:
          'storageprofiles.cdi.kubevirt.io "acme-fast" is forbidden: User "viewer" cannot patch resource "storageprofiles" in API group "cdi.kubevirt.io" at the cluster scope',
        details: { name: 'acme-fast', group: 'cdi.kubevirt.io', kind: 'storageprofiles' },
      });
      const status = await call(u, 'PUT', `${HCO}/status`, {}, { user: 'viewer' });
      expect(status.body.message).toContain(
        'cannot update resource "hyperconvergeds/status" in API group "hco.kubevirt.io" in the namespace "openshift-cnv"',
      );
    });

    it('scopes project-user to team-a; unknown users get nothing', async () => {
      expect(
        (await call(u, 'POST', '/api/v1/namespaces/team-a/configmaps', cm('mine'), { user: 'project-user' }))
          .status,
      ).toBe(201);
      const other = await call(u, 'POST', CM, cm('theirs'), { user: 'project-user' });
      expect(other.status).toBe(403);
      expect(other.body.message).toBe(
        'configmaps is forbidden: User "project-user" cannot create resource "configmaps" in API group "" in the namespace "default"',
      );
      expect((await call(u, 'GET', CM, undefined, { user: 'stranger' })).status).toBe(403);
      // the upstream seed lets every authenticated user read storage profiles (Group system:authenticated)
      expect((await call(u, 'GET', SP, undefined, { user: 'stranger' })).status).toBe(200);
    });

    it('gives admin/edit upstream-like rules: CDI writes but no /status writes; viewers read no secrets', async () => {
      const DV = '/apis/cdi.kubevirt.io/v1beta1/namespaces/team-a/datavolumes';
      const dv = await call(
        u,
        'POST',
        DV,
        {
          apiVersion: 'cdi.kubevirt.io/v1beta1',
          kind: 'DataVolume',
          metadata: { name: 'mine' },
          spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '1Gi' } } } },
        },
        { user: 'project-user' },
      );
      expect(dv.status).toBe(201);
      const status = await call(
        u,
        'PATCH',
        `${DV}/mine/status`,
        { status: { phase: 'Succeeded' } },
        { type: 'application/merge-patch+json', user: 'project-user' },
      );
      expect(status.status).toBe(403);
      expect(status.body.message).toBe(
        'datavolumes.cdi.kubevirt.io "mine" is forbidden: User "project-user" cannot patch resource "datavolumes/status" in API group "cdi.kubevirt.io" in the namespace "team-a"',
      );
      const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: {} };
      const SECRETS = '/api/v1/namespaces/team-a/secrets';
      expect((await call(u, 'POST', SECRETS, secret, { user: 'project-user' })).status).toBe(201);
      expect((await call(u, 'GET', `${SECRETS}/s`, undefined, { user: 'project-user' })).status).toBe(200);
      expect((await call(u, 'GET', `${SECRETS}/s`, undefined, { user: 'viewer' })).status).toBe(403);
      expect((await call(u, 'GET', SECRETS, undefined, { user: 'viewer' })).status).toBe(403);
      expect((await call(u, 'GET', `${DV}/mine`, undefined, { user: 'viewer' })).status).toBe(200);
    });

    it('answers SelfSubjectRulesReview (JSON) with the rules of the namespace asked about', async () => {
      const group = (await call(u, 'GET', '/apis/authorization.k8s.io/v1')).body;
      expect(
        group.resources.find((r: { name: string }) => r.name === 'selfsubjectrulesreviews'),
      ).toMatchObject({ kind: 'SelfSubjectRulesReview', namespaced: false, verbs: ['create'] });
      const ssrr = (namespace: string) =>
        call(
          u,
          'POST',
          '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
          { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } },
          { user: 'project-user' },
        );
      const inTeam = await ssrr('team-a');
      expect(inTeam.status).toBe(201);
      expect(inTeam.body).toMatchObject({ kind: 'SelfSubjectRulesReview', spec: { namespace: 'team-a' } });
      expect(inTeam.body.status.incomplete).toBe(false);
      expect(inTeam.body.status.nonResourceRules).toEqual([]);
      const grants = (rules: { apiGroups: string[]; resources: string[] }[]) =>
        rules.some((r) => r.apiGroups.includes('cdi.kubevirt.io') && r.resources.includes('datavolumes'));
      expect(grants(inTeam.body.status.resourceRules)).toBe(true);
      expect(grants((await ssrr('default')).body.status.resourceRules)).toBe(false);
    });

    it('answers SelfSubjectAccessReview and SubjectAccessReview from the same rules', async () => {
      const ssar = (user: string | undefined, ra: object) =>
        call(
          u,
          'POST',
          '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: { resourceAttributes: ra },
          },
          { user },
        );
      expect(
        (await ssar('viewer', { verb: 'list', group: 'cdi.kubevirt.io', resource: 'storageprofiles' })).body
          .status.allowed,
      ).toBe(true);
      expect(
        (
          await ssar('viewer', {
            verb: 'patch',
            group: 'hco.kubevirt.io',
            resource: 'hyperconvergeds',
            namespace: 'openshift-cnv',
          })
        ).body.status.allowed,
      ).toBe(false);
      expect((await ssar(undefined, { verb: 'delete', group: '*', resource: '*' })).body.status.allowed).toBe(
        true,
      );
      const sar = await call(u, 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          user: 'project-user',
          resourceAttributes: { verb: 'create', group: '', resource: 'configmaps', namespace: 'team-a' },
        },
      });
      expect(sar.status).toBe(201);
      expect(sar.body.status.allowed).toBe(true);
      // the upstream seed's RBAC: a RoleBinding lets User "user1" clone (datavolumes/source) in golden-images
      const clone = await call(u, 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
        kind: 'SubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        spec: {
          user: 'viewer',
          resourceAttributes: {
            verb: 'create',
            group: 'cdi.kubevirt.io',
            resource: 'datavolumes',
            subresource: 'source',
            namespace: 'golden-images',
          },
        },
      });
      expect(clone.body.status.allowed).toBe(false);
      expect(
        (
          await call(
            u,
            'POST',
            '/apis/authorization.k8s.io/v1/subjectaccessreviews',
            { spec: {} },
            { user: 'viewer' },
          )
        ).status,
      ).toBe(403);
    });
  });

  describe('watch', () => {
    it('streams events after a resourceVersion over WebSocket, honouring selectors and impersonation', async () => {
      const list = (await call(u, 'GET', CM)).body;
      const rv = list.metadata.resourceVersion;
      const user = Buffer.from('viewer').toString('base64url');
      const ws = new WebSocket(
        `${u.replace('http', 'ws')}/api/kubernetes${CM}?watch=true&labelSelector=w%3Dyes&resourceVersion=${rv}`,
        [`Impersonate-User.${user}`],
      );
      const events: { type: string; object: { metadata: { name: string } } }[] = [];
      ws.on('message', (m) => events.push(JSON.parse(String(m))));
      await new Promise((r) => ws.once('open', r));
      await call(u, 'POST', CM, cm('not-watched'));
      await call(u, 'POST', CM, cm('watched', { w: 'yes' }));
      await call(u, 'PATCH', `${CM}/watched`, { data: { b: '2' } }, { type: 'application/merge-patch+json' });
      await call(u, 'DELETE', `${CM}/watched`);
      await expect.poll(() => events.length).toBe(3);
      expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
        'ADDED watched',
        'MODIFIED watched',
        'DELETED watched',
      ]);
      ws.close();
    });

    it('sends DELETED with the last matching state, at the new resourceVersion, when an object leaves the selector', async () => {
      await call(u, 'POST', CM, cm('leaving', { w: 'yes' }, { a: '1' }));
      const rv = (await call(u, 'GET', CM)).body.metadata.resourceVersion;
      const ws = new WebSocket(
        `${u.replace('http', 'ws')}${CM}?watch=true&labelSelector=w%3Dyes&resourceVersion=${rv}`,
      );
      type Meta = { labels?: Record<string, string>; resourceVersion: string };
      const events: { type: string; object: { metadata: Meta; data: unknown } }[] = [];
      ws.on('message', (m) => events.push(JSON.parse(String(m))));
      await new Promise((r) => ws.once('open', r));
      const left = await call(
        u,
        'PATCH',
        `${CM}/leaving`,
        { metadata: { labels: { w: null } }, data: { a: '2' } },
        { type: 'application/merge-patch+json' },
      );
      await expect.poll(() => events.length).toBe(1);
      ws.close();
      expect(events[0].type).toBe('DELETED');
      expect(events[0].object.metadata.labels).toEqual({ w: 'yes' });
      expect(events[0].object.data).toEqual({ a: '1' });
      expect(events[0].object.metadata.resourceVersion).toBe(left.body.metadata.resourceVersion);
    });

    it('refuses a WebSocket watch the user may not do, and expires too old resourceVersions', async () => {
      const ws = new WebSocket(`${u.replace('http', 'ws')}${CM}?watch=true`, [
        `Impersonate-User.${Buffer.from('stranger').toString('base64url')}`,
      ]);
      const err = await new Promise<Error>((r) => ws.once('error', r));
      expect(err.message).toContain('403');
      // A reset drops the event history, like an etcd compaction: watches from before it expire.
      const before = (await call(u, 'GET', CM)).body.metadata.resourceVersion;
      await call(u, 'POST', '/_sim/reset', {});
      const r = await fetch(`${u}${CM}?watch=1&resourceVersion=${Number(before) - 1}`);
      const line = JSON.parse((await r.text()).trim());
      expect(line).toMatchObject({ type: 'ERROR', object: { kind: 'Status', reason: 'Expired', code: 410 } });
    });

    it('watches one seeded object from its own resourceVersion, as the console does', async () => {
      const path = '/apis/cdi.kubevirt.io/v1beta1/storageprofiles';
      const profile = (await call(u, 'GET', path)).body.items[0];
      const name = profile.metadata.name;
      const ctl = new AbortController();
      const r = await fetch(
        `${u}${path}?watch=true&fieldSelector=metadata.name%3D${name}&resourceVersion=${profile.metadata.resourceVersion}`,
        { signal: ctl.signal },
      );
      const reader = r.body!.getReader();
      await call(
        u,
        'PATCH',
        `${path}/${name}`,
        { metadata: { labels: { touched: 'yes' } } },
        {
          type: 'application/merge-patch+json',
        },
      );
      const events = new TextDecoder()
        .decode((await reader.read()).value)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      ctl.abort();
      expect(events.map((e) => e.type)).not.toContain('ERROR');
      expect(events.at(-1)).toMatchObject({
        type: 'MODIFIED',
        object: { metadata: { name, labels: { touched: 'yes' } } },
      });
    });

    it('streams chunked HTTP watch events (kubectl get -w)', async () => {
      const rv = (await call(u, 'GET', CM)).body.metadata.resourceVersion;
      const ctl = new AbortController();
      const r = await fetch(`${u}${CM}?watch=true&resourceVersion=${rv}`, { signal: ctl.signal });
      const reader = r.body!.getReader();
      await call(u, 'POST', CM, cm('chunked'));
      const { value } = await reader.read();
      const ev = JSON.parse(new TextDecoder().decode(value).split('\n')[0]);
      expect(ev.type).toBe('ADDED');
      expect(ev.object.metadata.name).toBe('chunked');
      ctl.abort();
    });

    it('sends no event for dry runs', async () => {
      const rv = (await call(u, 'GET', CM)).body.metadata.resourceVersion;
      await call(u, 'POST', `${CM}?dryRun=All`, cm('dry'));
      await call(u, 'POST', CM, cm('real'));
      const r = await fetch(`${u}${CM}?watch=true&resourceVersion=${rv}&timeoutSeconds=1`);
      const lines = (await r.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).object.metadata.name);
      expect(lines).toEqual(['real']);
    });
  });

  describe('simulator controls', () => {
    it('injects status faults (limited by times) on both prefixes, and clears them', async () => {
      await call(u, 'POST', '/_sim/faults', {
        method: 'GET',
        pathRegex: 'storageprofiles',
        status: 503,
        times: 2,
      });
      expect((await call(u, 'GET', SP)).status).toBe(503);
      expect((await call(u, 'GET', `/api/kubernetes${SP}`)).status).toBe(503);
      expect((await call(u, 'GET', SP)).status).toBe(200);
      await call(u, 'POST', '/_sim/faults', {
        pathRegex: 'storageprofiles',
        status: 500,
        body: { custom: true },
      });
      expect((await call(u, 'GET', SP)).body).toEqual({ custom: true });
      await call(u, 'DELETE', '/_sim/faults');
      expect((await call(u, 'GET', SP)).status).toBe(200);
    });

    it('injects latency and forced conflicts', async () => {
      await call(u, 'POST', '/_sim/faults', { pathRegex: '/configmaps', latencyMs: 300, times: 1 });
      const t = Date.now();
      await call(u, 'GET', CM);
      expect(Date.now() - t).toBeGreaterThanOrEqual(290);
      await call(u, 'POST', '/_sim/faults', {
        pathRegex: 'storageprofiles/acme-fast',
        conflict: true,
        times: 1,
      });
      const r = await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        { spec: {} },
        { type: 'application/merge-patch+json' },
      );
      expect(r.status).toBe(409);
      expect(r.body.message).toContain('the object has been modified');
      expect((await call(u, 'GET', `${SP}/acme-fast`)).status).toBe(200);
    });

    it('drops open and new watches', async () => {
      const ws = new WebSocket(`${u.replace('http', 'ws')}${CM}?watch=true`);
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise((r) => ws.once('close', r));
      await call(u, 'POST', '/_sim/faults', { pathRegex: 'configmaps', dropWatches: true, times: 1 });
      await closed;
      const again = new WebSocket(`${u.replace('http', 'ws')}${CM}?watch=true`);
      await new Promise((r) => again.once('open', r));
      const messages: string[] = [];
      again.on('message', (m) => messages.push(String(m)));
      await call(u, 'POST', CM, cm('after-drop'));
      await expect.poll(() => messages.length).toBe(1);
      again.close();
    });

    it('resets to the seed state and advances the clock', async () => {
      await call(u, 'POST', CM, cm('temp'));
      await call(
        u,
        'PATCH',
        `${SP}/acme-fast`,
        { spec: { cloneStrategy: 'copy' } },
        { type: 'application/merge-patch+json' },
      );
      await call(u, 'DELETE', `${SP}/gp3-csi`);
      await call(u, 'POST', '/_sim/reset');
      expect((await call(u, 'GET', `${CM}/temp`)).status).toBe(404);
      expect((await call(u, 'GET', `${SP}/acme-fast`)).body.spec.cloneStrategy).toBeUndefined();
      expect((await call(u, 'GET', `${SP}/gp3-csi`)).status).toBe(200);
      const before = c.sim.clock.simulatedMs() / 1000;
      const adv = await call(u, 'POST', '/_sim/advance', { seconds: 3600 });
      expect(adv.body.simulatedSeconds - before).toBeGreaterThanOrEqual(3600);
      // Advancing moves durations only: timestamps stay on the wall clock.
      expect(Date.parse(adv.body.now)).toBeLessThanOrEqual(Date.now());
      expect((await call(u, 'POST', '/_sim/advance', { seconds: 'soon' })).status).toBe(400);
      const health = await call(u, 'GET', '/_sim/health');
      expect(health.body.ok).toBe(true);
    });
  });
});
