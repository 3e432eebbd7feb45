import { describe, expect, it } from 'vitest';
import type { K8sObject, StoreEvent } from '../sim-api';
import { Sim } from '../sim';
import { generateObjects, GENERATED_IMAGES_NAMESPACE } from '../generate';
import { createWorld } from './index';
import { parseSchedule } from './dataimportcron-controller';
import {
  bootSourceClusterObjects,
  CRDS_DIR,
  customCronTemplate,
  DEMO_SEED_DIR,
  storageClass,
  testCluster,
} from './test-helpers';
import type { Json } from './util';

/** Boot-source life cycles: scheduled polls, new digests, storage class and format changes, common images off/on. */

const NS = 'openshift-virtualization-os-images';
const RBD = 'openshift-storage.rbd.csi.ceph.com';
const ANN = 'cdi.kubevirt.io/storage.import.';
const VIRT_DEFAULT = 'storageclass.kubevirt.io/is-default-virt-class';
const URL = 'docker://registry.example.com/my:1';

function cluster(spec: Json, extra: K8sObject[] = []) {
  const c = testCluster([...bootSourceClusterObjects(spec), ...extra]);
  const world = createWorld();
  const writes: StoreEvent[] = [];
  c.store.subscribe((e) => writes.push(e));
  c.settle(world.controllers);
  const cron = (name = 'my-image-cron') => c.store.get('DataImportCron', name, NS);
  const cond = (obj: K8sObject | undefined, type: string) =>
    obj?.status?.conditions?.find((x: { type: string }) => x.type === type);
  const run = (seconds: number, step = 60) => c.advance(world.controllers, seconds, step);
  /** UpToDate reasons the cron went through since `from` (consecutive repeats folded). */
  const upToDateHistory = (name: string, from = 0) =>
    writes
      .slice(from)
      .filter((e) => e.object.kind === 'DataImportCron' && e.object.metadata.name === name)
      .map((e) => cond(e.object, 'UpToDate')?.reason as string | undefined)
      .filter((r, i, all) => r && r !== all[i - 1]);
  const hc = () => c.store.get('HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv')!;
  const updateHc = (mutate: (hc: K8sObject) => void) => {
    const obj = hc();
    mutate(obj);
    c.store.update(obj);
    c.settle(world.controllers);
  };
  return { ...c, world, writes, cron, cond, run, upToDateHistory, updateHc };
}

const onlyMine = {
  enableCommonBootImageImport: false,
  dataImportCronTemplates: [customCronTemplate('my-image-cron', URL)],
};

describe('schedules', () => {
  it('parse the 5-field forms CDI accepts (cronexpr: `3/12` means from 3 every 12), not others', () => {
    expect(parseSchedule('17 3/12 * * *')?.nextRun(new Date('2026-11-26T16:00:00Z'))?.toISOString()).toBe(
      '2026-11-27T03:17:00.000Z',
    );
    expect(parseSchedule('0 4 * * 1')?.nextRun(new Date('2026-11-26T16:00:00Z'))?.toISOString()).toBe(
      '2026-11-30T04:00:00.000Z',
    );
    expect(parseSchedule('')).toBeUndefined();
    expect(parseSchedule('not a schedule')).toBeUndefined();
    expect(parseSchedule('0 0 3 * * *')).toBeUndefined(); // six fields
  });
});

describe('scheduled polls', () => {
  it('poll a new cron at once, then only when its schedule comes due in simulated time', () => {
    const c = cluster(onlyMine);
    const first = c.cron()!;
    expect(first.metadata.annotations?.[`${ANN}lastCronTime`]).toBe('2026-11-26T16:00:00Z');
    expect(first.status.lastExecutionTimestamp).toBe('2026-11-26T16:00:00Z');
    expect(first.metadata.annotations?.[`${ANN}sourceDesiredDigest`]).toMatch(/^sha256:/);

    c.run(10 * 3600, 600); // 02:00 next day: not due yet
    const before = c.writes.length;
    expect(c.cron()!.status.lastExecutionTimestamp).toBe('2026-11-26T16:00:00Z');
    c.run(3600, 600); // 03:00: due
    const polled = c.cron()!;
    expect(polled.status.lastExecutionTimestamp).toBe('2026-11-27T03:00:00Z');
    expect(polled.metadata.annotations?.[`${ANN}lastCronTime`]).toBe('2026-11-27T03:00:00Z');
    // Same digest: the poll is the only write, and the cron stays up to date.
    const cronWrites = c.writes.slice(before).filter((e) => e.object.kind === 'DataImportCron');
    expect(cronWrites).toHaveLength(1);
    expect(c.cond(polled, 'UpToDate')?.reason).toBe('UpToDate');
    c.run(6 * 3600, 600);
    expect(c.cron()!.status.lastExecutionTimestamp).toBe('2026-11-27T03:00:00Z');
  });

  it('never polls an unreachable source successfully (the poller writes nothing), nor a cron without schedule', () => {
    const c = cluster({
      enableCommonBootImageImport: false,
      dataImportCronTemplates: [
        customCronTemplate('broken-image-cron', 'docker://registry.corp.invalid/app:1'),
      ],
    });
    c.run(2 * 86400, 3600);
    const cron = c.cron('broken-image-cron')!;
    expect(cron.metadata.annotations?.[`${ANN}lastCronTime`]).toBeUndefined();
    expect(cron.status.lastExecutionTimestamp).toBeUndefined();
    expect(c.cond(cron, 'UpToDate')?.reason).toBe('NoDigest');
  });
});

describe('a new digest published for the source', () => {
  it('makes the cron Outdated at its next poll, imports <ds>-<digest12>, and ends up to date on it', () => {
    const c = cluster(onlyMine);
    c.run(600);
    const oldImport = c.cron()!.status.lastImportedPVC.name;
    expect(c.cond(c.cron(), 'UpToDate')?.reason).toBe('UpToDate');

    const digest = c.world.registry!.publish(URL);
    c.run(3600, 600);
    expect(c.cron()!.metadata.annotations?.[`${ANN}sourceDesiredDigest`]).not.toBe(digest); // not polled yet
    const mark = c.writes.length;
    c.run(10 * 3600, 600); // past 03:00
    const newImport = `my-${digest.slice('sha256:'.length, 'sha256:'.length + 12)}`;
    expect(c.upToDateHistory('my-image-cron', mark)).toEqual([
      'UpToDate',
      'Outdated',
      'ImportProgressing',
      'UpToDate',
    ]);
    const outdated = c.writes
      .slice(mark)
      .find(
        (e) => e.object.kind === 'DataImportCron' && c.cond(e.object, 'UpToDate')?.reason === 'Outdated',
      )!;
    expect(c.cond(outdated.object, 'UpToDate')?.message).toBe('Source digest updated since last import');
    expect(outdated.object.status.currentImports).toEqual([{ DataVolumeName: newImport, Digest: digest }]);

    const cron = c.cron()!;
    expect(cron.status.lastImportedPVC.name).toBe(newImport);
    expect(c.store.get('DataSource', 'my', NS)!.spec.source).toEqual({
      snapshot: { name: newImport, namespace: NS },
    });
    // importsToKeep 1: the previous import is garbage-collected.
    expect(c.store.get('VolumeSnapshot', oldImport, NS)).toBeUndefined();
    expect(c.store.list('VolumeSnapshot', NS).map((s) => s.metadata.name)).toEqual([newImport]);
  });
});

describe('a change of storage class or source format', () => {
  it('re-imports on the new virt-default class and deletes the import on the old one', () => {
    const c = cluster(onlyMine);
    c.run(600);
    const name = c.cron()!.status.lastImportedPVC.name;
    expect(c.store.get('VolumeSnapshot', name, NS)).toBeDefined();
    expect(c.cron()!.metadata.annotations?.[`${ANN}storageClass`]).toBe('rbd-virt');

    // The virt default moves to LVMS (pvc format); a k8s default elsewhere must not win over it.
    for (const [sc, ann] of [
      ['rbd-virt', {}],
      ['lvms', { [VIRT_DEFAULT]: 'true' }],
    ] as const) {
      const obj = c.store.get('StorageClass', sc)!;
      obj.metadata.annotations = ann;
      c.store.update(obj);
    }
    c.store.create(
      storageClass('k8s-default', RBD, {
        metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      }),
    );
    const mark = c.writes.length;
    c.settle(c.world.controllers);
    expect(c.store.get('VolumeSnapshot', name, NS)).toBeUndefined();
    expect(c.cron()!.metadata.annotations?.[`${ANN}storageClass`]).toBe('lvms');
    expect(c.store.get('DataVolume', name, NS)?.spec.storage.storageClassName).toBe('lvms');
    c.run(600);
    expect(c.upToDateHistory('my-image-cron', mark)).toEqual([
      'UpToDate',
      'Outdated',
      'ImportProgressing',
      'UpToDate',
    ]);
    const cron = c.cron()!;
    expect(cron.status.sourceFormat).toBe('pvc');
    expect(c.store.get('PersistentVolumeClaim', name, NS)?.spec.storageClassName).toBe('lvms');
    expect(c.store.get('DataSource', 'my', NS)!.spec.source).toEqual({ pvc: { name, namespace: NS } });
    expect(c.cond(c.store.get('DataSource', 'my', NS), 'Ready')?.status).toBe('True');
  });

  it('snapshots the PVC when the format turns to snapshot, and re-imports a PVC when it turns back', () => {
    const tpl = customCronTemplate('lvms-image-cron', URL);
    tpl.spec.template.spec.storage = {
      storageClassName: 'lvms',
      resources: { requests: { storage: '5Gi' } },
    } as never;
    const c = cluster({ enableCommonBootImageImport: false, dataImportCronTemplates: [tpl] });
    c.run(600);
    const name = c.cron('lvms-image-cron')!.status.lastImportedPVC.name;
    expect(c.store.get('PersistentVolumeClaim', name, NS)).toBeDefined();

    const setFormat = (format: string) => {
      const profile = c.store.get('StorageProfile', 'lvms')!;
      profile.spec = { dataImportCronSourceFormat: format };
      c.store.update(profile);
      c.settle(c.world.controllers);
    };
    setFormat('snapshot');
    expect(c.cron('lvms-image-cron')!.status.sourceFormat).toBe('snapshot');
    expect(c.store.get('VolumeSnapshot', name, NS)).toBeDefined();
    expect(c.store.get('PersistentVolumeClaim', name, NS)).toBeUndefined();
    expect(c.store.get('DataSource', 'lvms', NS)!.spec.source).toEqual({ snapshot: { name, namespace: NS } });
    expect(c.cond(c.cron('lvms-image-cron'), 'UpToDate')?.reason).toBe('UpToDate');

    setFormat('pvc');
    expect(c.store.get('VolumeSnapshot', name, NS)).toBeUndefined();
    expect(c.store.get('DataVolume', name, NS)).toBeDefined();
    c.run(600);
    expect(c.store.get('PersistentVolumeClaim', name, NS)).toBeDefined();
    expect(c.store.get('DataSource', 'lvms', NS)!.spec.source).toEqual({ pvc: { name, namespace: NS } });
    expect(c.cond(c.cron('lvms-image-cron'), 'UpToDate')?.reason).toBe('UpToDate');
  });
});

describe('common boot image import off and on', () => {
  it('deletes the common crons and their imports, keeps the DataSources unmanaged, and adopts them again', () => {
    const c = cluster({});
    c.run(600);
    const fedora = () => c.store.get('DataSource', 'fedora', NS)!;
    const imported = c.cron('fedora-image-cron')!.status.lastImportedPVC.name;
    expect(fedora().spec.source.snapshot.name).toBe(imported);

    c.updateHc((hc) => (hc.spec.enableCommonBootImageImport = false));
    expect(c.store.list('DataImportCron', NS)).toEqual([]);
    // SSP took the DataSource back before CDI's retentionPolicy None cleanup could select it.
    expect(fedora().metadata.labels?.['cdi.kubevirt.io/dataImportCron']).toBeUndefined();
    expect(fedora().metadata.labels?.['app.kubernetes.io/managed-by']).toBe('ssp-operator');
    expect(fedora().spec.source).toEqual({ pvc: { name: 'fedora', namespace: NS } });
    expect(c.cond(fedora(), 'Ready')).toMatchObject({ status: 'False', reason: 'NotFound' });
    expect(c.store.list('VolumeSnapshot', NS)).toEqual([]);
    expect(c.store.list('DataVolume', NS)).toEqual([]);

    c.updateHc((hc) => (hc.spec.enableCommonBootImageImport = true));
    expect(c.cron('fedora-image-cron')).toBeDefined();
    expect(fedora().metadata.labels?.['cdi.kubevirt.io/dataImportCron']).toBe('fedora-image-cron');
    c.run(600);
    expect(fedora().spec.source).toEqual({ snapshot: { name: imported, namespace: NS } });
    expect(c.cond(fedora(), 'Ready')?.status).toBe('True');
  });
});

describe('500 crons', () => {
  it('poll once a day each, writing only the polled cron, with cheap ticks', () => {
    const sim = new Sim({
      crdsDir: CRDS_DIR,
      seeds: [DEMO_SEED_DIR],
      extraObjects: generateObjects({ storageclasses: 20, dataimportcrons: 500 }),
      world: createWorld,
      timeScale: 0,
    });
    sim.controllers.run(true);
    const writes: string[] = [];
    sim.store.subscribe((e) => {
      if (e.object.metadata.namespace === GENERATED_IMAGES_NAMESPACE)
        writes.push(`${e.type} ${e.object.kind} ${e.object.metadata.name}`);
    });
    const t = performance.now();
    for (let i = 0; i < 48; i++) sim.advance(1800);
    const elapsed = performance.now() - t;
    console.log(`[500 crons] a simulated day in 48 ticks: ${Math.round(elapsed)} ms`);
    // 450 reachable crons polled once each (same digest: nothing else changes); the 50 unreachable never.
    expect(writes.filter((w) => !w.startsWith('MODIFIED DataImportCron'))).toEqual([]);
    expect(writes).toHaveLength(450);
    expect(new Set(writes).size).toBe(450);
    const idle = performance.now();
    sim.controllers.run(true);
    expect(performance.now() - idle).toBeLessThan(50);
    expect(elapsed).toBeLessThan(5000);
  }, 30_000);
});
