/**
 * The plugin image (Dockerfile, .dockerignore) read as data: no container engine is needed, nothing is built.
 * What it pins: a build stage that installs from the lockfile and then builds from exactly the files the
 * webpack build reads, and a serve stage that holds only dist/ and deploy/nginx.conf on the unprivileged nginx
 * image, running as a numeric non-root user on 9443.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { extensionsFile } from '@openshift-console/dynamic-plugin-sdk-webpack/lib/constants';
import { Label } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import webpackConfig from '../../webpack.config';
import {
  argumentsOf,
  copySteps,
  dockerignore,
  isUnder,
  isUnitTest,
  parseStages,
  repoRoot,
  withKeyword,
  workTreeFiles,
} from './dockerfile-model';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

const dockerfileText = read('Dockerfile');
const stages = parseStages(dockerfileText);
const [buildStage, serveStage] = stages;
const context = dockerignore(read('.dockerignore'));
const inContext = (file: string) => !context.ignores(file);
const files = workTreeFiles();
const pkg = JSON.parse(read('package.json')) as {
  name: string;
  license: string;
  engines: { node: string };
};

/** What the build stage takes from the context. */
const buildStageSources = copySteps(buildStage)
  .filter((c) => c.from === null)
  .flatMap((c) => c.sources);
const copiedIntoBuild = (file: string) => inContext(file) && buildStageSources.some((s) => isUnder(file, s));

/** Files of the work tree at or under a repo path (a file or a directory), unit tests left out. */
const filesAt = (repoPath: string) => files.filter((f) => isUnder(f, repoPath) && !isUnitTest(f));

const rel = (absolute: string) => path.relative(repoRoot, absolute).split(path.sep).join('/');
const outputDir = rel(webpackConfig.output?.path ?? '');

/**
 * Every repo path the webpack configuration names (its context, the ts-loader tsconfig, the locales that
 * CopyWebpackPlugin copies, ...), found by walking the loaded configuration. Its output directory and
 * node_modules are not inputs. ConsoleRemotePlugin's base directory (the repo root) stands for the two files
 * it reads there: package.json (consolePlugin) and console-extensions.json.
 */
const configuredInputs = (): string[] => {
  const found = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      if (value === repoRoot) {
        found.add('package.json');
        found.add(extensionsFile);
      } else if (value.startsWith(`${repoRoot}/`)) {
        const p = rel(value);
        if (!isUnder(p, outputDir) && !isUnder(p, 'node_modules')) {
          found.add(p);
        }
      }
      return;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) {
      return;
    }
    seen.add(value);
    Object.values(value).forEach(walk);
  };
  walk(webpackConfig);
  return [...found].sort();
};

/** Relative imports of the bundle's sources (tests left out) that leave src/, resolved to repo paths. */
const sourceDir = rel(String(webpackConfig.context));
const importsOutsideSources = (): { importer: string; target: string }[] =>
  filesAt(sourceDir)
    .filter((f) => /\.(tsx?|jsx?)$/.test(f))
    .flatMap((importer) =>
      ts
        .preProcessFile(read(importer), true, true)
        .importedFiles.map((i) => i.fileName)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => ({ importer, target: rel(path.resolve(repoRoot, path.dirname(importer), spec)) }))
        .filter(({ target }) => !isUnder(target, sourceDir)),
    );

/**
 * The files `npm ci && npm run build` reads: the manifest and lockfile, webpack's default config file, what
 * that configuration names (sources, tsconfig, locales, console extensions), and anything the sources import
 * from outside src/.
 */
const buildInputs = (): string[] => {
  const inputs = new Set(['package.json', 'package-lock.json', 'webpack.config.ts']);
  for (const p of configuredInputs()) {
    filesAt(p).forEach((f) => inputs.add(f));
  }
  for (const { target } of importsOutsideSources()) {
    files.filter((f) => f === target || f.startsWith(`${target}.`)).forEach((f) => inputs.add(f));
  }
  return [...inputs].sort();
};

const runIndex = (pattern: RegExp) =>
  buildStage.instructions.findIndex(
    (i) => i.getKeyword() === 'RUN' && pattern.test(argumentsOf(i).join(' ')),
  );

const lastWorkdirBefore = (index: number) =>
  withKeyword(buildStage, 'WORKDIR')
    .filter((w) => buildStage.instructions.indexOf(w) < index)
    .map((w) => argumentsOf(w).join(' '))
    .pop();

/** nginx.conf directives (comments dropped), as `name args...` strings. */
const nginxDirectives = (): string[] =>
  read('deploy/nginx.conf')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .flatMap((line) => line.split(/[;{}]/))
    .map((d) => d.trim())
    .filter((d) => d !== '');

describe('Dockerfile', () => {
  it('passes the dockerfile-utils linter with no error or warning', () => {
    const problems = validate(dockerfileText)
      .filter((d) => d.severity === 1 || d.severity === 2)
      .map((d) => `line ${d.range.start.line + 1}: ${d.message} (${d.severity === 1 ? 'error' : 'warning'})`);
    expect(problems).toEqual([]);
  });

  it('has exactly two stages: a named build stage and the serve stage', () => {
    expect(stages.map((s) => s.from.getImageName())).toHaveLength(2);
    expect(buildStage.name).toBeTruthy();
  });

  it('pins every base image to a version, never latest', () => {
    const stageNames = stages.map((s) => s.name);
    const images = stages
      .map((s) => s.from)
      .filter((f) => !stageNames.includes(f.getImage()))
      .map((f) => ({ image: f.getImage() ?? '', tag: f.getImageTag(), digest: f.getImageDigest() }));
    for (const { image, tag, digest } of images) {
      expect(image, 'no variable may hide the tag').not.toMatch(/\$/);
      expect(tag ?? digest, `${image} has a tag or digest`).toBeTruthy();
      expect(tag, image).not.toBe('latest');
    }
  });

  describe('build stage', () => {
    it("runs on the builder's platform with a Node that package.json's engines accept", () => {
      expect(buildStage.from.getPlatformFlag()?.getValue()).toMatch(/^\$\{?BUILDPLATFORM\}?$/);
      expect(buildStage.from.getImageName()).toMatch(/^(docker\.io\/)?(library\/)?node$/);
      const major = Number(/^(\d+)/.exec(buildStage.from.getImageTag() ?? '')?.[1]);
      const minimum = Number(/^>=\s*(\d+)/.exec(pkg.engines.node)?.[1]);
      expect(major).toBeGreaterThanOrEqual(minimum);
    });

    it('installs from the lockfile (npm ci) with only the manifest and lockfile copied, then builds', () => {
      const ci = runIndex(/\bnpm ci\b/);
      const build = runIndex(/\bnpm run build\b/);
      expect(ci, 'RUN npm ci').toBeGreaterThanOrEqual(0);
      expect(build, 'RUN npm run build').toBeGreaterThan(ci);
      expect(runIndex(/\bnpm (install|i)\b/), 'npm install would not follow the lockfile').toBe(-1);
      // Dependencies get their own layer, rebuilt only when the manifest or the lockfile changes.
      const copiedBeforeCi = copySteps(buildStage)
        .filter((c) => c.index < ci)
        .flatMap((c) => c.sources)
        .sort();
      expect(copiedBeforeCi).toEqual(['package-lock.json', 'package.json']);
      const copiedAfterBuild = copySteps(buildStage).filter((c) => c.index > build);
      expect(copiedAfterBuild, 'nothing copied after the build reaches it').toEqual([]);
    });

    it('copies every file the webpack build reads', () => {
      expect(buildInputs()).toContain('tsconfig.json');
      expect(buildInputs()).toContain('console-extensions.json');
      expect(buildInputs().filter((f) => !copiedIntoBuild(f))).toEqual([]);
    });

    it('copies nothing else: no tests, docs, integration-tests, node_modules or dist', () => {
      const inputs = new Set(buildInputs());
      const extra = files.filter((f) => copiedIntoBuild(f) && !inputs.has(f));
      expect(extra).toEqual([]);
      for (const probe of ['node_modules/react/index.js', `${outputDir}/plugin-manifest.json`, '.git/HEAD']) {
        expect(copiedIntoBuild(probe), probe).toBe(false);
      }
    });

    it('leaves out no file the sources import (they import no unit test)', () => {
      const imported = filesAt(sourceDir).flatMap((importer) =>
        /\.(tsx?|jsx?)$/.test(importer)
          ? ts
              .preProcessFile(read(importer), true, true)
              .importedFiles.filter((i) => /\.(test|spec)$/.test(i.fileName) || isUnitTest(i.fileName))
              .map((i) => `${importer} imports ${i.fileName}`)
          : [],
      );
      expect(imported).toEqual([]);
    });
  });

  describe('serve stage', () => {
    it('is the unprivileged nginx image, built for the target platform', () => {
      expect(serveStage.from.getImageName()).toMatch(/^(docker\.io\/)?nginxinc\/nginx-unprivileged$/);
      expect(serveStage.from.getPlatformFlag()).toBeNull();
    });

    it('copies only dist from the build stage and deploy/nginx.conf, owned by root', () => {
      const build = runIndex(/\bnpm run build\b/);
      const distInBuild = path.posix.join(lastWorkdirBefore(build) ?? '/', outputDir);
      const copies = copySteps(serveStage).map(({ from, sources, dest, flags }) => ({
        from,
        sources,
        dest,
        flags,
      }));
      expect(copies).toEqual([
        // No --chown/--chmod: the files stay root's, readable by the runtime user and not writable by it.
        { from: buildStage.name, sources: [distInBuild], dest: '/usr/share/nginx/html/', flags: ['from'] },
        { from: null, sources: ['deploy/nginx.conf'], dest: '/etc/nginx/nginx.conf', flags: [] },
      ]);
      expect(withKeyword(serveStage, 'ADD')).toEqual([]);
    });

    it("removes the base image's default site before the plugin's files arrive", () => {
      const removal = serveStage.instructions.findIndex(
        (i) =>
          i.getKeyword() === 'RUN' &&
          /\brm\b/.test(argumentsOf(i).join(' ')) &&
          argumentsOf(i).includes('/usr/share/nginx/html/*') &&
          argumentsOf(i).includes('/etc/nginx/conf.d/default.conf'),
      );
      expect(removal).toBeGreaterThanOrEqual(0);
      expect(removal).toBeLessThan(Math.min(...copySteps(serveStage).map((c) => c.index)));
    });

    it('ends as a numeric non-root user', () => {
      const user = withKeyword(serveStage, 'USER')
        .map((u) => argumentsOf(u).join(' '))
        .pop();
      expect(user).toMatch(/^\d+(:\d+)?$/);
      expect(Number(user?.split(':')[0])).toBeGreaterThan(0);
    });

    it('exposes 9443 and nothing else, the port deploy/nginx.conf listens on', () => {
      const exposed = stages.flatMap((s) => withKeyword(s, 'EXPOSE').flatMap(argumentsOf));
      expect(exposed).toEqual(['9443']);
      const listens = nginxDirectives()
        .filter((d) => /^listen\s/.test(d))
        .map((d) => /(\d+)(\s|$)/.exec(d.replace(/^listen\s+/, ''))?.[1]);
      expect(new Set(listens)).toEqual(new Set(['9443']));
    });

    it('serves the directory dist is copied to, and keeps the pid file in /tmp', () => {
      const roots = nginxDirectives().filter((d) => /^root\s/.test(d));
      expect(roots.map((d) => d.replace(/^root\s+/, '').replace(/\/$/, ''))).toEqual([
        '/usr/share/nginx/html',
      ]);
      expect(nginxDirectives().filter((d) => /^pid\s/.test(d))).toEqual(['pid /tmp/nginx.pid']);
    });

    it('starts nginx in the foreground, in exec form', () => {
      const cmds = withKeyword(serveStage, 'CMD');
      expect(cmds).toHaveLength(1);
      expect(argumentsOf(cmds[0])).toEqual(['nginx', '-g', 'daemon off;']);
      expect(cmds[0].getRawArgumentsContent()?.trim().startsWith('['), 'exec form').toBe(true);
    });

    it('carries the OCI labels', () => {
      const labels = Object.fromEntries(
        serveStage.instructions
          .flatMap((i) => (i instanceof Label ? i.getProperties() : []))
          .map((p) => [p.getName(), p.getValue()]),
      );
      expect(labels).toMatchObject({
        'org.opencontainers.image.title': pkg.name,
        'org.opencontainers.image.licenses': pkg.license,
      });
      expect(labels['org.opencontainers.image.description']).toBeTruthy();
      expect(labels).toHaveProperty(['org.opencontainers.image.source']);
    });
  });

  it('fetches nothing with ADD (no URL or git sources)', () => {
    const remote = stages
      .flatMap((s) => withKeyword(s, 'ADD'))
      .flatMap((a) => argumentsOf(a).slice(0, -1))
      .filter((src) => /^([a-z][a-z0-9+.-]*:\/\/|git@)/i.test(src));
    expect(remote).toEqual([]);
  });
});

describe('.dockerignore (build context)', () => {
  it('holds every path the Dockerfile copies from it, and those paths exist', () => {
    const sources = stages
      .flatMap((s) => copySteps(s).filter((c) => c.from === null))
      .flatMap((c) => c.sources);
    expect(sources).toContain('deploy/nginx.conf');
    for (const source of sources) {
      expect(existsSync(path.join(repoRoot, source)), `${source} exists`).toBe(true);
      if (statSync(path.join(repoRoot, source)).isDirectory()) {
        expect(
          files.filter((f) => isUnder(f, source) && inContext(f)).length,
          `${source}/ in the context`,
        ).toBeGreaterThan(0);
      } else {
        expect(inContext(source), `${source} in the context`).toBe(true);
      }
    }
  });

  it('keeps node_modules, dist, .git, integration-tests, docs and test output out', () => {
    const dirs = [
      'node_modules',
      outputDir,
      '.git',
      'integration-tests',
      'docs',
      'test-results',
      'playwright-report',
      '.cache',
    ];
    for (const dir of dirs) {
      const real = files.find((f) => f.startsWith(`${dir}/`));
      for (const probe of [dir, `${dir}/x.js`, `${dir}/nested/x.json`, ...(real ? [real] : [])]) {
        expect(inContext(probe), probe).toBe(false);
      }
    }
    expect(inContext('npm-debug.log')).toBe(false);
  });

  it('holds only what the image build reads: the build inputs and deploy/nginx.conf', () => {
    const wanted = new Set([...buildInputs(), 'deploy/nginx.conf']);
    expect(files.filter((f) => inContext(f) && !wanted.has(f))).toEqual([]);
    expect([...wanted].filter((f) => !inContext(f))).toEqual([]);
  });
});
