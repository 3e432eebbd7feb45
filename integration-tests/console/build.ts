import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Builds the dev console host (app/main.tsx) into integration-tests/console/dist/ with esbuild. The host
 * needs no module federation plugin of its own: it hands the plugin container a share scope object.
 */
const consoleDir = __dirname;
export const hostDistDir = path.join(consoleDir, 'dist');
const repoRoot = path.resolve(consoleDir, '../..');

const versionOf = (pkg: string): string =>
  JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')).version;

const SHARED = [
  'react',
  'react-i18next',
  'react-router',
  'redux',
  'react-redux',
  'redux-thunk',
  '@openshift-console/dynamic-plugin-sdk',
];

/**
 * The console shares PatternFly per component ("dynamic modules"). The host provides every react-core and
 * react-table dynamic module, so the plugin uses the console's copies (one React context per component,
 * no fallback chunks). Icons stay with the plugin's fallback: they are stateless and number in thousands.
 */
const PF_SHARED_PACKAGES = ['@patternfly/react-core', '@patternfly/react-table'];

const dynamicModules = (pkg: string): string[] => {
  const map: Record<string, string> = JSON.parse(
    readFileSync(path.join(repoRoot, 'node_modules', pkg, 'dist/dynamic-modules.json'), 'utf8'),
  );
  return [...new Set(Object.values(map))].sort().map((m) => `${pkg}/${m}`);
};

/** A virtual module `pf-shared-modules`: `{[request]: {version, module}}` for the share scope. */
const pfSharedModulesPlugin: esbuild.Plugin = {
  name: 'pf-shared-modules',
  setup(build) {
    build.onResolve({ filter: /^pf-shared-modules$/ }, () => ({
      path: 'pf-shared-modules',
      namespace: 'pf',
    }));
    build.onLoad({ filter: /.*/, namespace: 'pf' }, () => {
      const entries = PF_SHARED_PACKAGES.flatMap((pkg) =>
        dynamicModules(pkg).map((request) => ({ pkg, request })),
      );
      const contents = [
        ...entries.map((e, i) => `import * as m${i} from '${e.request}';`),
        'export const pfSharedModules = {',
        ...entries.map((e, i) => `  '${e.request}': { version: '${versionOf(e.pkg)}', module: m${i} },`),
        '};',
      ].join('\n');
      return { contents, resolveDir: repoRoot, loader: 'js' };
    });
  },
};

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Dev console: virt-storage-plugin</title>
    <!-- PatternFly's own CSS, unbundled; the plugin build strips PF CSS and relies on the console for it. -->
    <link rel="stylesheet" href="/static/patternfly/patternfly.min.css" />
    <link rel="stylesheet" href="/static/patternfly/patternfly-addons.css" />
    <!-- The console's own classes that its SDK components use (co-resource-item, co-m-resource-icon, ...). -->
    <link rel="stylesheet" href="/static/console.css" />
  </head>
  <body>
    <div id="app"></div>
    <script src="/static/main.js"></script>
  </body>
</html>
`;

export const buildHost = async (): Promise<string> => {
  mkdirSync(hostDistDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(consoleDir, 'app/main.tsx')],
    bundle: true,
    outdir: path.join(hostDistDir, 'static'),
    entryNames: 'main',
    format: 'iife',
    platform: 'browser',
    target: 'es2021',
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    plugins: [pfSharedModulesPlugin],
    // PatternFly components import their CSS; the page links PatternFly's stylesheets instead.
    loader: { '.css': 'empty' },
    define: {
      'process.env.NODE_ENV': '"production"',
      __SHARED_VERSIONS__: JSON.stringify(Object.fromEntries(SHARED.map((p) => [p, versionOf(p)]))),
    },
  });
  copyFileSync(path.join(consoleDir, 'app/console.css'), path.join(hostDistDir, 'static/console.css'));
  writeFileSync(path.join(hostDistDir, 'index.html'), INDEX_HTML);
  return hostDistDir;
};

if (require.main === module) {
  buildHost().then(
    (dir) => console.log(`console host built in ${dir}`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
