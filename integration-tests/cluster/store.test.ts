import { describe, expect, it } from 'vitest';
import { ScaledClock } from './clock';
import { Registry } from './registry';
import type { K8sObject } from './sim-api';
import { Store } from './store';

const newStore = () => new Store(new Registry([]), new ScaledClock(0));

const namespace = (name: string): K8sObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const pvc = (name: string, ns: string, labels?: Record<string, string>): K8sObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: ns, ...(labels ? { labels } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
});
const names = (objs: readonly K8sObject[]) =>
  objs.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);

/** A small deterministic PRNG (mulberry32), so a failure replays. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Store lists', () => {
  it('lists in etcd key order (namespace/name) across and within namespaces through any mix of writes', () => {
    const store = newStore();
    // `a-b/` sorts before `a/` in key order although "a" < "a-b": the namespace is compared with its '/'.
    const namespaces = ['a', 'a-b', 'ab', 'b', 'a.b'];
    for (const ns of namespaces) store.insert(namespace(ns));
    const next = random(15);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
    const live = new Map<string, { name: string; ns: string }>();
    for (let step = 0; step < 1500; step++) {
      const ns = pick(namespaces);
      const name = pick(['x', 'x-1', 'x1', 'y', 'z', 'x.a', 'w', '0', 'x-10', 'x-2']);
      const k = `${ns}/${name}`;
      const roll = next();
      if (!live.has(k)) {
        store.insert(pvc(name, ns));
        live.set(k, { name, ns });
      } else if (roll < 0.5) {
        store.update(pvc(name, ns, { step: String(step) }));
      } else {
        store.delete('PersistentVolumeClaim', name, ns);
        live.delete(k);
      }
      // List now and then (a list in between writes, several writes between lists).
      if (next() < 0.3) {
        const expected = [...live.keys()].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
        expect(names(store.listRaw('PersistentVolumeClaim'))).toEqual(expected);
        const one = pick(namespaces);
        expect(names(store.listRaw('PersistentVolumeClaim', one))).toEqual(
          expected.filter((e) => e.startsWith(`${one}/`)),
        );
        expect(store.list('PersistentVolumeClaim', one).map((o) => o.metadata.labels)).toEqual(
          store.listRaw('PersistentVolumeClaim', one).map((o) => o.metadata.labels),
        );
      }
    }
    expect(store.count()).toBe(live.size + namespaces.length);
    // Cluster-scoped kinds: everything without a namespace, nothing when one is asked for.
    expect(names(store.listRaw('Namespace'))).toEqual(['/a', '/a-b', '/a.b', '/ab', '/b']);
    expect(store.listRaw('Namespace', 'a')).toEqual([]);
    expect(store.listRaw('StorageClass')).toEqual([]);
  });

  it('hands out lists no caller can change, and copies from list()', () => {
    const store = newStore();
    store.insert(namespace('team-a'));
    store.insert(pvc('disk', 'team-a'));
    const raw = store.listRaw('PersistentVolumeClaim', 'team-a');
    expect(() => raw.push(pvc('intruder', 'team-a'))).toThrow(TypeError);
    expect(() => store.listRaw('PersistentVolumeClaim').pop()).toThrow(TypeError);
    const copy = store.list('PersistentVolumeClaim', 'team-a');
    copy.push(pvc('other', 'team-a'));
    copy[0].metadata.name = 'renamed';
    expect(names(store.listRaw('PersistentVolumeClaim', 'team-a'))).toEqual(['team-a/disk']);
    // A list taken before a write stays as it was (a namespace delete walks one while deleting).
    store.insert(pvc('second', 'team-a'));
    expect(names(raw)).toEqual(['team-a/disk']);
    store.delete('Namespace', 'team-a');
    expect(store.listRaw('PersistentVolumeClaim')).toEqual([]);
  });

  it('with 10,000 PVCs, re-lists without sorting: writes in one namespace leave the others untouched', () => {
    const store = newStore();
    const spaces = ['gen-a', 'gen-b', 'gen-c', 'gen-d'];
    for (const ns of spaces) store.insert(namespace(ns));
    for (let i = 0; i < 10_000; i++) {
      store.insert(pvc(`gen-${String(9_999 - i).padStart(5, '0')}`, spaces[i % spaces.length]));
    }
    const cost = <T>(fn: () => T) => {
      const before = { ...store.listStats };
      const out = fn();
      return {
        out,
        builds: store.listStats.builds - before.builds,
        sortedNames: store.listStats.sortedNames - before.sortedNames,
      };
    };

    const first = cost(() => store.listRaw('PersistentVolumeClaim', 'gen-a'));
    expect(first.out).toHaveLength(2_500);
    expect(first.sortedNames).toBe(2_500); // the one sort of the seeded names
    const again = cost(() => store.listRaw('PersistentVolumeClaim', 'gen-a'));
    expect(again).toMatchObject({ builds: 0, sortedNames: 0 });
    expect(again.out).toBe(first.out);

    // A status write in gen-b: gen-a's list stands, gen-b's is rebuilt in place without sorting.
    const claim = store.get('PersistentVolumeClaim', 'gen-09998', 'gen-b')!;
    store.update({ ...claim, status: { phase: 'Bound' } });
    expect(cost(() => store.listRaw('PersistentVolumeClaim', 'gen-a')).out).toBe(first.out);
    const b = cost(() => store.listRaw('PersistentVolumeClaim', 'gen-b'));
    expect(b).toMatchObject({ builds: 1, sortedNames: 2_500 }); // gen-b was never listed: its one sort
    store.update({
      ...claim,
      metadata: { ...claim.metadata, resourceVersion: undefined },
      status: { phase: 'Lost' },
    });
    const b2 = cost(() => store.listRaw('PersistentVolumeClaim', 'gen-b'));
    expect(b2).toMatchObject({ builds: 1, sortedNames: 0 });
    expect(b2.out.find((o) => o.metadata.name === 'gen-09998')?.status).toEqual({ phase: 'Lost' });

    // Across namespaces: built once, then only a new name is sorted (and merged into place).
    const all = cost(() => store.listRaw('PersistentVolumeClaim'));
    expect(all.out).toHaveLength(10_000);
    expect(all.sortedNames).toBe(5_000); // gen-c and gen-d, never listed before
    expect(cost(() => store.listRaw('PersistentVolumeClaim'))).toMatchObject({ builds: 0, sortedNames: 0 });
    store.insert(pvc('gen-05001x', 'gen-c'));
    const after = cost(() => store.listRaw('PersistentVolumeClaim'));
    expect(after.sortedNames).toBe(1);
    expect(after.builds).toBe(2); // gen-c's list and the all-namespaces list
    const c = names(after.out.filter((o) => o.metadata.namespace === 'gen-c'));
    expect(c.indexOf('gen-c/gen-05001x')).toBe(c.indexOf('gen-c/gen-05001') + 1);
  });

  it('tells the resourceVersion of the last write of a kind in a namespace', () => {
    const store = newStore();
    store.insert(namespace('a'));
    store.insert(namespace('b'));
    expect(store.lastWrite('PersistentVolumeClaim', 'a')).toBe(0);
    const created = store.insert(pvc('disk', 'a'));
    expect(store.lastWrite('PersistentVolumeClaim', 'a')).toBe(Number(created.metadata.resourceVersion));
    store.insert(pvc('disk', 'b'));
    expect(store.lastWrite('PersistentVolumeClaim', 'a')).toBe(Number(created.metadata.resourceVersion));
    const gone = store.delete('PersistentVolumeClaim', 'disk', 'a')!;
    expect(store.lastWrite('PersistentVolumeClaim', 'a')).toBe(Number(gone.metadata.resourceVersion));
    expect(store.lastWrite('Namespace')).toBe(2);
    store.clear();
    expect(store.lastWrite('PersistentVolumeClaim', 'b')).toBe(0);
  });

  it('keeps at least the last 10,000 changes for watches, and not many more', () => {
    const store = newStore();
    store.insert(namespace('a'));
    for (let i = 0; i < 25_000; i++) {
      store.insert({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'a' } });
      if (i % 997 === 0) {
        const since = store.eventsSince(Math.max(0, store.rv - 10_000));
        expect(since).toHaveLength(Math.min(10_000, store.rv));
        expect(store.eventsSince(store.historyFloor)!.length).toBeLessThanOrEqual(11_000);
      }
    }
    expect(store.eventsSince(0)).toBeUndefined();
  });
});
