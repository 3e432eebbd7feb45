import { describe, expect, it } from 'vitest';
import { generateObjects, GENERATED_IMAGES_NAMESPACE } from '../generate';
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
});
