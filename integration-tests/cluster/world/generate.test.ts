import { describe, expect, it } from 'vitest';
import { generateObjects, GENERATED_DV_NAMESPACES, GENERATED_IMAGES_NAMESPACE } from '../generate';
import { Sim } from '../sim';
import type { StoreEvent } from '../sim-api';
import { createWorld } from './index';
import { CRDS_DIR, DEMO_SEED_DIR } from './test-helpers';

const count = (objs: { kind: string }[], kind: string) => objs.filter((o) => o.kind === kind).length;

describe('generateObjects', () => {
  it('makes classes with their profiles, and crons with DataSources and imports', () => {
    const objs = generateObjects({ storageclasses: 30, dataimportcrons: 20 });
    expect(count(objs, 'StorageClass')).toBe(30);
    expect(count(objs, 'StorageProfile')).toBe(30);
    expect(count(objs, 'DataImportCron')).toBe(20);
    expect(count(objs, 'DataSource')).toBe(20);
    expect(count(objs, 'PersistentVolumeClaim')).toBe(18); // two of twenty have an unreachable registry
    const recognized = objs
      .filter((o) => o.kind === 'StorageProfile')
      .map((p) => p.status.conditions[0].reason as string);
    expect(new Set(recognized)).toEqual(
      new Set(['RecognizedProvisioner', 'UnrecognizedProvisioner', 'UnrecognizedStorageClassParameters']),
    );
    expect(generateObjects({ storageclasses: 3 })).toEqual(generateObjects({ storageclasses: 3 }));
  });

  it('rejects kinds it cannot generate', () => {
    expect(() => generateObjects({ pods: 3 })).toThrow('cannot generate "pods"');
    expect(() => generateObjects({ storageclasses: -1 })).toThrow('non-negative');
  });

  it('loads beside the demo seed at scale without warnings, and the controllers leave it as it is', () => {
    const extraObjects = generateObjects({ storageclasses: 2000, dataimportcrons: 500 });
    const started = performance.now();
    const sim = new Sim({
      crdsDir: CRDS_DIR,
      seeds: [DEMO_SEED_DIR],
      extraObjects,
      world: createWorld,
      timeScale: 0,
    });
    const loaded = performance.now();
    expect(sim.seedWarnings).toEqual([]);
    const written: StoreEvent[] = [];
    sim.store.subscribe((e) => written.push(e));
    sim.controllers.run(true);
    const reconciled = performance.now();
    const touchedGenerated = written.filter(
      (e) =>
        e.object.metadata.name?.startsWith('gen-') ||
        e.object.metadata.namespace === GENERATED_IMAGES_NAMESPACE,
    );
    expect(touchedGenerated.map((e) => `${e.type} ${e.object.kind} ${e.object.metadata.name}`)).toEqual([]);
    expect(sim.store.list('StorageProfile')).toHaveLength(2010);
    // A clock tick over the big cluster costs little: event-driven controllers skip it.
    const ticks = [0, 1, 2].map(() => {
      const t = performance.now();
      sim.controllers.run(true);
      return performance.now() - t;
    });
    const tick = Math.min(...ticks);
    console.log(
      `[generate] load ${Math.round(loaded - started)} ms, first reconcile ${Math.round(reconciled - loaded)} ms, idle tick ${tick.toFixed(1)} ms`,
    );
    expect(tick).toBeLessThan(100);
  }, 120_000);

  it('makes DataVolumes with their bound PVCs over a few namespaces: mostly Succeeded, some Failed or restarting', () => {
    const objs = generateObjects({ datavolumes: 400 });
    const dvs = objs.filter((o) => o.kind === 'DataVolume');
    const pvcs = objs.filter((o) => o.kind === 'PersistentVolumeClaim');
    expect(dvs).toHaveLength(400);
    expect(pvcs).toHaveLength(400);
    expect(objs.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(
      GENERATED_DV_NAMESPACES,
    );
    const phases = new Map<string, number>();
    for (const dv of dvs) phases.set(dv.status.phase, (phases.get(dv.status.phase) ?? 0) + 1);
    expect(Object.fromEntries(phases)).toEqual({ Failed: 4, ImportInProgress: 4, Succeeded: 392 });
    for (const dv of dvs) {
      const pvc = pvcs.find(
        (p) => p.metadata.name === dv.status.claimName && p.metadata.namespace === dv.metadata.namespace,
      );
      expect(pvc?.metadata.ownerReferences?.[0].uid).toBe(dv.metadata.uid);
    }
    expect(generateObjects({ datavolumes: 3 })).toEqual(generateObjects({ datavolumes: 3 }));
  });

  it('loads 10,000 DataVolumes beside the demo: only the restarting imports move', () => {
    const extraObjects = generateObjects({ datavolumes: 10_000 });
    const sim = new Sim({
      crdsDir: CRDS_DIR,
      seeds: [DEMO_SEED_DIR],
      extraObjects,
      world: createWorld,
      timeScale: 0,
    });
    expect(sim.seedWarnings).toEqual([]);
    const written: StoreEvent[] = [];
    sim.store.subscribe((e) => written.push(e));
    sim.controllers.run(true);
    const touched = new Set(
      written
        .filter((e) => GENERATED_DV_NAMESPACES.includes(e.object.metadata.namespace ?? ''))
        // Every namespace gets its service account "default" (and the root CA config map).
        .filter((e) => e.object.kind !== 'ServiceAccount' && e.object.kind !== 'ConfigMap')
        // Pods importer-<dv>, events <object>.<suffix>.
        .map((e) => e.object.metadata.name?.replace(/^importer-/, '').replace(/\..*$/, '')),
    );
    // Only gen-dv-…01 (i % 100 == 1): their importer pods start failing and restarting.
    expect([...touched].filter((n) => !/^gen-dv-\d{3}01$/.test(n ?? '')).slice(0, 10)).toEqual([]);
    const failed = sim.store.list('DataVolume').filter((d) => d.metadata.name === 'gen-dv-00100')[0];
    expect(failed.status.phase).toBe('Failed');
  }, 120_000);
});
