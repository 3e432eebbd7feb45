import { describe, expect, it } from 'vitest';
import type { K8sObject, SimStore } from '../sim-api';
import { createDataImportCronController } from './dataimportcron-controller';
import { createDataVolumeController, TIMING } from './datavolume-controller';
import { recordEvent } from './events';
import { createHcoController } from './hco-controller';
import { createHppController, POOL_PREPARE_SECONDS } from './hpp-controller';
import { createStorageProfileController } from './storage-profile-controller';
import {
  cdiCr,
  hyperConverged,
  storageClass,
  testCluster,
  testNodes,
  type TestCluster,
} from './test-helpers';
import type { Json } from './util';

const RBD = 'openshift-storage.rbd.csi.ceph.com';
const DEFAULT_NS: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } };

const eventsOf = (c: TestCluster, name: string, namespace = 'team-a') =>
  (c.store.list('Event', namespace) as Json[])
    // (the DataVolume's PVC has its name too; its events are the PVC controllers', tested in cdi-workers.test.ts)
    .filter((e) => e.involvedObject?.name === name && e.involvedObject?.kind !== 'PersistentVolumeClaim')
    .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
const summary = (events: Json[]) => events.map((e) => `${e.type} ${e.reason}: ${e.message}`);

const dataVolume = (name: string, spec: Record<string, unknown>): K8sObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name, namespace: 'team-a', uid: `uid-${name}` },
  spec,
});

function dvCluster(...dvs: K8sObject[]) {
  const c = testCluster([
    cdiCr(),
    storageClass('rbd', RBD, {
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    }),
    ...dvs,
  ]);
  const controllers = [createStorageProfileController(), createDataVolumeController()];
  c.settle(controllers);
  return { ...c, controllers };
}

describe('recordEvent', () => {
  it('records a core/v1 Event as client-go does, and counts a repeat instead of adding one', () => {
    const c = testCluster([DEFAULT_NS, storageClass('rbd', RBD)]);
    const sc = c.store.get('StorageClass', 'rbd')!;
    recordEvent(c.ctx, { component: 'tester' }, sc, 'Warning', 'Odd', 'something odd');
    const [event] = c.store.list('Event', 'default') as Json[];
    expect(event.metadata.name).toMatch(/^rbd\.[0-9a-f]{16,}$/);
    expect(event).toMatchObject({
      involvedObject: {
        kind: 'StorageClass',
        name: 'rbd',
        uid: sc.metadata.uid,
        apiVersion: 'storage.k8s.io/v1',
      },
      reason: 'Odd',
      message: 'something odd',
      type: 'Warning',
      source: { component: 'tester' },
      count: 1,
    });
    expect(event.involvedObject.namespace).toBeUndefined();
    expect(event.firstTimestamp).toBe(event.lastTimestamp);
    c.clock.advance(30);
    recordEvent(c.ctx, { component: 'tester' }, sc, 'Warning', 'Odd', 'something odd');
    const again = c.store.list('Event', 'default') as Json[];
    expect(again).toHaveLength(1);
    expect(again[0].count).toBe(2);
    expect(Date.parse(again[0].lastTimestamp) - Date.parse(again[0].firstTimestamp)).toBe(30_000);
    recordEvent(c.ctx, { component: 'tester' }, sc, 'Warning', 'Odd', 'something else');
    expect(c.store.list('Event', 'default') as Json[]).toHaveLength(2);
  });
});

describe('recordEvent with many events', () => {
  const pvcIn = (name: string, ns = 'team-a'): K8sObject => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: ns, uid: `uid-${name}` },
  });
  /** Counts every Event object any read through the store hands out. */
  function countEventReads(c: TestCluster) {
    const counter = { reads: 0 };
    const store = c.store as SimStore;
    const wrap = <A extends unknown[], R>(fn: (kind: string, ...rest: A) => R) =>
      function (this: unknown, kind: string, ...rest: A): R {
        const out = fn.call(store, kind, ...rest);
        if (kind === 'Event') counter.reads += Array.isArray(out) ? out.length : out ? 1 : 0;
        return out;
      };
    store.get = wrap(store.get);
    store.list = wrap(store.list);
    if (store.getView) store.getView = wrap(store.getView);
    if (store.listView) store.listView = wrap(store.listView);
    return counter;
  }

  it('1,000 events about different objects in one namespace, then each again: a few reads per event, not a scan', () => {
    const c = testCluster([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }]);
    const counter = countEventReads(c);
    const record = (i: number) =>
      recordEvent(
        c.ctx,
        { component: 'tester' },
        pvcIn(`disk-${i}`),
        'Warning',
        'Failed',
        `import ${i} failed`,
      );
    for (let i = 0; i < 1000; i++) record(i);
    for (let i = 0; i < 1000; i++) record(i);
    const events = c.store.listRaw('Event', 'team-a') as Json[];
    expect(events).toHaveLength(1000);
    expect(events.every((e) => e.count === 2)).toBe(true);
    console.log(`[events] Event objects read for 2,000 recorded events: ${counter.reads}`);
    // A scan per event reads every Event of the namespace each time: over a million here.
    expect(counter.reads).toBeLessThanOrEqual(3 * 1000);
  });

  it('counts into the event it finds, even one deleted, written by someone else or seeded after a reset', () => {
    const c = testCluster([DEFAULT_NS]);
    const record = (message = 'something odd', component = 'tester') =>
      recordEvent(c.ctx, { component }, pvcIn('disk', 'default'), 'Warning', 'Odd', message);
    const events = () => (c.store.list('Event', 'default') as Json[]).map((e) => [e.message, e.count]);
    record();
    record();
    expect(events()).toEqual([['something odd', 2]]);

    // Deleted (kubectl delete events --all): the next one starts afresh.
    const [first] = c.store.list('Event', 'default');
    c.store.delete('Event', first.metadata.name!, 'default');
    record();
    expect(events()).toEqual([['something odd', 1]]);

    // Replaced by someone else's event with the same identity: that one is counted into.
    const [second] = c.store.list('Event', 'default');
    c.store.delete('Event', second.metadata.name!, 'default');
    c.store.create({ ...second, metadata: { name: 'zz-by-hand', namespace: 'default' }, count: 5 });
    record();
    expect(events()).toEqual([['something odd', 6]]);
    // Another component's, and another message, are other events.
    record('something odd', 'other');
    record('something else');
    expect(events().sort()).toEqual([
      ['something else', 1],
      ['something odd', 1],
      ['something odd', 6],
    ]);

    // A reset (the store emptied and seeded again, the seed holding the event): counted into the seeded one.
    const seeded = c.store.get('Event', 'zz-by-hand', 'default')!;
    c.store.clear();
    c.add(DEFAULT_NS, { ...seeded, metadata: { name: 'seeded', namespace: 'default' }, count: 3 });
    record();
    expect(events()).toEqual([['something odd', 4]]);
    record('something else');
    expect(events().sort()).toEqual([
      ['something else', 1],
      ['something odd', 4],
    ]);
  });
});

describe('controller events', () => {
  it('DataVolume import: Pending, ImportScheduled, Bound, ImportInProgress, ImportSucceeded (CDI import controller)', () => {
    const c = dvCluster(
      dataVolume('disk', {
        source: { http: { url: 'https://images.example.com/disk.qcow2' } },
        storage: { resources: { requests: { storage: '1Gi' } } },
      }),
    );
    c.advance(c.controllers, TIMING.startAfter + TIMING.maxTransfer, 5);
    const events = eventsOf(c, 'disk');
    expect(summary(events)).toEqual([
      'Normal Pending: PVC disk Pending',
      'Normal ImportScheduled: Import into disk scheduled',
      'Normal Bound: PVC disk Bound',
      'Normal ImportInProgress: Import into disk in progress',
      'Normal ImportSucceeded: Successfully imported into PVC disk',
    ]);
    expect(new Set(events.map((e) => e.source.component))).toEqual(new Set(['datavolume-import-controller']));
    expect(
      events.every((e) => e.involvedObject.kind === 'DataVolume' && e.involvedObject.uid === 'uid-disk'),
    ).toBe(true);
    const rv = c.store.rv;
    c.advance(c.controllers, 60);
    expect(c.store.rv).toBe(rv);
  });

  it('DataVolume import from a source that fails: one Warning with the importer error', () => {
    const c = dvCluster(
      dataVolume('broken', {
        source: { registry: { url: 'docker://registry.invalid/nothing:latest' } },
        storage: { resources: { requests: { storage: '1Gi' } } },
      }),
    );
    c.advance(c.controllers, TIMING.startAfter + 600, 30);
    const warnings = eventsOf(c, 'broken').filter((e) => e.type === 'Warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ reason: 'Error', count: 1 });
    expect(warnings[0].message).toBe(
      c.store
        .get('DataVolume', 'broken', 'team-a')!
        .status.conditions.find((x: { type: string }) => x.type === 'Running').message,
    );
  });

  it("DataVolume clone: CloneScheduled, then the strategy's in-progress event, then CloneSucceeded", () => {
    const c = dvCluster(
      dataVolume('src', { source: { blank: {} }, storage: { resources: { requests: { storage: '1Gi' } } } }),
    );
    c.advance(c.controllers, 120);
    c.store.create(
      dataVolume('copy', { source: { pvc: { name: 'src', namespace: 'team-a' } }, storage: {} }),
    );
    c.settle(c.controllers);
    c.advance(c.controllers, TIMING.startAfter + TIMING.maxTransfer, 5);
    // The profile's strategy for an rbd class is csi-clone (CDI's capability table).
    expect(summary(eventsOf(c, 'copy'))).toEqual([
      'Normal Pending: PVC copy Pending',
      'Normal CloneScheduled: Cloning from team-a/src into team-a/copy scheduled',
      'Normal Bound: PVC copy Bound',
      'Normal CSICloneInProgress: CSI Volume clone in progress (for pvc team-a/src)',
      'Normal CloneSucceeded: Successfully cloned from team-a/src into team-a/copy',
    ]);
    expect(eventsOf(c, 'copy')[0].source.component).toBe('datavolume-pvc-clone-controller');
  });

  it('HCO: Created CDI, Updated CDI when the HyperConverged changes, Overwritten CDI when it reverts an edit', () => {
    const c = testCluster([hyperConverged({})]);
    const controllers = [createHcoController()];
    c.settle(controllers);
    const hcEvents = () => summary(eventsOf(c, 'kubevirt-hyperconverged', 'openshift-cnv'));
    expect(hcEvents()).toEqual(['Normal Created: Created CDI cdi-kubevirt-hyperconverged']);
    const hc = c.store.get('HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv')!;
    c.store.update({ ...hc, spec: { scratchSpaceStorageClass: 'nfs' } });
    c.settle(controllers);
    expect(hcEvents()).toContain('Normal Updated: Updated CDI cdi-kubevirt-hyperconverged');
    const cdi = c.store.get('CDI', 'cdi-kubevirt-hyperconverged')!;
    c.store.update({ ...cdi, spec: { ...cdi.spec, uninstallStrategy: 'RemoveWorkloads' } });
    c.settle(controllers);
    expect(hcEvents()).toContain('Warning Overwritten: Overwritten CDI cdi-kubevirt-hyperconverged');
    expect(eventsOf(c, 'kubevirt-hyperconverged', 'openshift-cnv')[0].source.component).toBe(
      'kubevirt-hyperconverged',
    );
  });

  it('HPP: DeployStarted on a new install, its CSIDriver created, ProvisionerHealthy once ready (in default)', () => {
    const c = testCluster([
      DEFAULT_NS,
      ...testNodes(),
      {
        apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
        kind: 'HostPathProvisioner',
        metadata: { name: 'hostpath-provisioner', uid: 'hpp-uid' },
        spec: { imagePullPolicy: 'IfNotPresent', storagePools: [{ name: 'basic', path: '/var/hpvolumes' }] },
      },
    ]);
    const controllers = [createHppController()];
    c.settle(controllers);
    c.advance(controllers, POOL_PREPARE_SECONDS + 60);
    expect(summary(eventsOf(c, 'hostpath-provisioner', 'default'))).toEqual([
      'Normal DeployStarted: Started Deployment',
      'Normal CreateResourceSuccess: Successfully created resource *v1.CSIDriver kubevirt.io.hostpath-provisioner',
      'Normal ProvisionerHealthy: Provisioner Healthy',
    ]);
  });

  it('DataImportCron: a cron whose DataSource another cron manages gets ErrDataSourceAlreadyManaged', () => {
    const cron = (name: string, created: string): K8sObject => ({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataImportCron',
      metadata: { name, namespace: 'golden', creationTimestamp: created },
      spec: {
        managedDataSource: 'fedora',
        schedule: '0 */12 * * *',
        template: {
          spec: {
            source: { registry: { url: 'docker://quay.io/containerdisks/fedora:latest' } },
            storage: { resources: { requests: { storage: '5Gi' } } },
          },
        },
      },
    });
    const c = testCluster([
      cdiCr(),
      storageClass('rbd', RBD, {
        metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      }),
      cron('first', '2026-01-01T00:00:00Z'),
      cron('second', '2026-02-01T00:00:00Z'),
    ]);
    const controllers = [
      createStorageProfileController(),
      createDataImportCronController(),
      createDataVolumeController(),
    ];
    c.settle(controllers);
    c.settle(controllers);
    const warnings = (c.store.list('Event', 'golden') as Json[]).filter(
      (e) => e.reason === 'ErrDataSourceAlreadyManaged',
    );
    expect(warnings.map((e) => [e.involvedObject.name, e.type, e.message])).toEqual([
      ['second', 'Warning', 'DataSource fedora is already managed by DataImportCron first'],
    ]);
    expect(warnings[0].source.component).toBe('dataimportcron-controller');
  });
});
