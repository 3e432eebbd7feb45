import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file under src/ with the src-relative files it imports (relative imports only). */
const SRC = resolve(__dirname);
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
const imports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) =>
    relative(SRC, resolve(dirname(file), m[1])),
  );
const GRAPH = files(SRC).map((f) => ({ file: relative(SRC, f), imports: imports(f) }));
const layer = (path: string) => path.split('/')[0];

describe('dependency direction', () => {
  it('reads the import graph (features use k8s and components)', () => {
    const edges = GRAPH.flatMap(({ file, imports: deps }) => deps.map((d) => `${layer(file)}→${layer(d)}`));
    expect(edges).toContain('features→k8s');
    expect(edges).toContain('features→components');
    expect(edges).toContain('components→k8s');
  });

  it('features → components → k8s; nothing in k8s or components reaches up, nothing imports integration-tests', () => {
    const allowed: Record<string, string[]> = {
      k8s: ['k8s'],
      components: ['components', 'k8s'],
      // Storage health findings: shared by the overview and the other pages' summary cards.
      health: ['health', 'components', 'k8s', 'routes.ts', 'routes'],
      features: ['features', 'health', 'components', 'k8s', 'routes.ts', 'routes'],
    };
    const wrong = GRAPH.flatMap(({ file, imports: deps }) =>
      deps
        .filter(
          (d) => d.startsWith('..') || (allowed[layer(file)] && !allowed[layer(file)].includes(layer(d))),
        )
        .map((d) => `${file} → ${d}`),
    );
    expect(wrong).toEqual([]);
  });

  it('a feature never reaches into another feature', () => {
    const feature = (p: string) => p.split('/').slice(0, 2).join('/');
    const wrong = GRAPH.filter(({ file }) => file.startsWith('features/')).flatMap(
      ({ file, imports: deps }) =>
        deps
          .filter((d) => d.startsWith('features/') && feature(d) !== feature(file))
          .map((d) => `${file} → ${d}`),
    );
    expect(wrong).toEqual([]);
  });

  it('no two sub-folders of a feature import each other both ways', () => {
    const folder = (p: string) => p.split('/').slice(0, 3).join('/');
    const edges = new Set<string>();
    GRAPH.filter(({ file }) => file.startsWith('features/')).forEach(({ file, imports: deps }) =>
      deps
        .filter((d) => d.startsWith('features/') && folder(d) !== folder(file))
        .forEach((d) => edges.add(`${folder(file)} → ${folder(d)}`)),
    );
    const twoWay = [...edges].filter((e) => {
      const [a, b] = e.split(' → ');
      return edges.has(`${b} → ${a}`);
    });
    expect(twoWay).toEqual([]);
  });
});
