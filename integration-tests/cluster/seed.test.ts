import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { Sim } from './sim';
import { defaultCrdsDir } from './server';
import { readSeeds } from './seed';
import { EMPTY_WORLD, HAS_SHARED, SHARED, UPSTREAM_CLUSTER } from './testing';
import type { K8sObject } from './sim-api';

const ALTERNATIVES = path.join(SHARED, 'fixtures-upstream/alternatives');

function sim(seeds: string[]): Sim {
  return new Sim({ crdsDir: defaultCrdsDir(), seeds, world: () => EMPTY_WORLD });
}

const id = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

if (!HAS_SHARED)
  console.warn(`../shared not present: ${UPSTREAM_CLUSTER} is missing; skipping "seed loading"`);

describe.skipIf(!HAS_SHARED)('seed loading', () => {
  it('loads the upstream fixture cluster (63 objects) with no schema complaint, keeping given status', () => {
    const s = sim([UPSTREAM_CLUSTER]);
    expect(s.seedWarnings).toEqual([]);
    const seeded = readSeeds([UPSTREAM_CLUSTER]).map((x) => x.object);
    expect(seeded).toHaveLength(63);
    for (const o of seeded) {
      const rt = s.registry.byKind(o.kind)!;
      const ns = rt.namespaced ? (o.metadata.namespace ?? 'default') : undefined;
      const stored = s.store.getRaw(o.kind, o.metadata.name!, ns);
      expect(stored, id(o)).toBeDefined();
      if (o.status) expect(stored!.status, id(o)).toEqual(o.status);
    }
    for (const ns of ['default', 'kube-system']) expect(s.store.getRaw('Namespace', ns)).toBeDefined();
  });

  const files = fs.existsSync(ALTERNATIVES)
    ? fs.readdirSync(ALTERNATIVES).filter((f) => f.endsWith('.yaml'))
    : [];
  it.each(files)('loads alternatives/%s in place of its twin', (file) => {
    const cluster = readSeeds([UPSTREAM_CLUSTER]).map((x) => x.object);
    const alt = (yaml.loadAll(fs.readFileSync(path.join(ALTERNATIVES, file), 'utf8')) as K8sObject[]).filter(
      Boolean,
    );
    // An upstream example without namespace goes where its twin lives (README: HCO in openshift-cnv).
    for (const o of alt) {
      const twin = cluster.find((c) => c.kind === o.kind && c.metadata.name === o.metadata.name);
      if (!o.metadata.namespace && twin?.metadata.namespace) o.metadata.namespace = twin.metadata.namespace;
    }
    // Several documents with one identity are alternatives of each other: load them one at a time.
    const counts = new Map<string, number>();
    for (const o of alt) counts.set(id(o), (counts.get(id(o)) ?? 0) + 1);
    const variants = Math.max(...counts.values());
    for (let v = 0; v < variants; v++) {
      const seen = new Map<string, number>();
      const chosen = alt.filter((o) => {
        const n = seen.get(id(o)) ?? 0;
        seen.set(id(o), n + 1);
        return n === Math.min(v, counts.get(id(o))! - 1);
      });
      const ids = new Set(chosen.map((o) => `${o.kind}/${o.metadata.name}`));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-alt-'));
      const rest = cluster.filter((o) => !ids.has(`${o.kind}/${o.metadata.name}`));
      fs.writeFileSync(path.join(dir, 'cluster.yaml'), rest.map((o) => yaml.dump(o)).join('---\n'));
      fs.writeFileSync(path.join(dir, 'zz-alternative.yaml'), chosen.map((o) => yaml.dump(o)).join('---\n'));
      const s = sim([dir]);
      expect(s.seedWarnings, `${file} variant ${v}`).toEqual([]);
      for (const o of chosen) {
        const rt = s.registry.byKind(o.kind)!;
        const stored = s.store.getRaw(
          o.kind,
          o.metadata.name!,
          rt.namespaced ? (o.metadata.namespace ?? 'default') : undefined,
        );
        expect(stored?.spec, id(o)).toMatchObject(o.spec ?? {});
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('seed loading (own data)', () => {
  it('puts namespaced objects without namespace in default, reads nested dirs in path order, and names the bad file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-seed-'));
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(
      path.join(dir, 'nested', '10-cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: later}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n',
    );
    fs.writeFileSync(
      path.join(dir, 'z-ns.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: later}\n',
    );
    const s = sim([dir]);
    expect(s.store.getRaw('ConfigMap', 'a', 'later')).toBeDefined();
    expect(s.store.getRaw('ConfigMap', 'b', 'default')).toBeDefined();
    fs.writeFileSync(
      path.join(dir, 'bad.yaml'),
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: d}\n',
    );
    expect(() => sim([dir])).toThrow(
      /bad\.yaml: StatefulSet d: the simulator does not serve kind StatefulSet/,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
