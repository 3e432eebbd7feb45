import * as path from 'path';
import type { Chunk, Configuration } from 'webpack';
import { ConsoleRemotePlugin } from '@openshift-console/dynamic-plugin-sdk-webpack';
import CopyWebpackPlugin from 'copy-webpack-plugin';

const isProd = process.env.NODE_ENV === 'production';

/** The chunk of an exposed module (a page): `exposed-<Module>`, named by the container plugin. */
const isExposedModuleChunk = (chunk: Chunk) => !!chunk.name?.startsWith('exposed-');

const config: Configuration = {
  mode: isProd ? 'production' : 'development',
  // Exposed module paths in package.json (consolePlugin.exposedModules) are relative to this directory.
  context: path.resolve(__dirname, 'src'),
  entry: {},
  output: {
    path: path.resolve(__dirname, 'dist'),
    // Hashed chunk names change on every build; drop the stale ones.
    clean: true,
    filename: isProd ? '[name]-bundle-[contenthash].min.js' : '[name]-bundle.js',
    chunkFilename: isProd ? '[name]-chunk-[contenthash].min.js' : '[name]-chunk.js',
  },
  resolve: {
    extensions: ['.ts', '.tsx', '.js', '.jsx'],
  },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /\/node_modules\//,
        use: [
          {
            loader: 'ts-loader',
            options: {
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              // Type errors are reported by `npm run typecheck`; the build only transpiles.
              transpileOnly: true,
              compilerOptions: { noEmit: false, sourceMap: !isProd },
            },
          },
        ],
      },
      {
        // The plugin's own stylesheet (`vsp-` classes), injected by the exposed modules that import it.
        test: /\.css$/,
        exclude: /\/node_modules\//,
        use: ['style-loader', 'css-loader'],
      },
    ],
  },
  plugins: [
    new ConsoleRemotePlugin({
      // PatternFly components are shared with the console per component (dynamic modules, see
      // integration-tests/console/build.ts). Icons are not: the console host provides none, so a shared icon
      // only meant one more fallback chunk per icon, each fetched after the page's own chunks and each with
      // its own copy of createIcon. Bundled, the icons a page uses are tree-shaken into its chunk.
      sharedDynamicModuleSettings: {
        packageSpecs: { '@patternfly/react-core': {}, '@patternfly/react-table': {} },
      },
    }),
    // The console fetches translations from the plugin's service at /locales/<lng>/<ns>.json.
    new CopyWebpackPlugin({ patterns: [{ from: path.resolve(__dirname, 'locales'), to: 'locales' }] }),
  ],
  devtool: isProd ? false : 'source-map',
  optimization: {
    chunkIds: isProd ? 'deterministic' : 'named',
    minimize: isProd,
    splitChunks: {
      // An exposed page is one chunk with everything it needs (react-query, our components, k8s helpers):
      // opening it costs one request instead of a waterfall of shared vendor/common chunks (which also queued
      // behind the browser's six connections per host). Code both pages use is duplicated in the two page
      // chunks; it runs once (webpack keys modules by id). The PatternFly fallback chunks the container
      // provides keep webpack's default splitting: they load only on a console without its own copies.
      chunks: (chunk) => !chunk.canBeInitial() && !isExposedModuleChunk(chunk),
    },
  },
  performance: {
    // Chunks are loaded lazily per page; keep each well under the default 244 KiB hint.
    hints: isProd ? 'warning' : false,
  },
};

export default config;
