import * as path from 'path';
import type { Configuration } from 'webpack';
import { ConsoleRemotePlugin } from '@openshift-console/dynamic-plugin-sdk-webpack';
import CopyWebpackPlugin from 'copy-webpack-plugin';

const isProd = process.env.NODE_ENV === 'production';

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
    new ConsoleRemotePlugin(),
    // The console fetches translations from the plugin's service at /locales/<lng>/<ns>.json.
    new CopyWebpackPlugin({ patterns: [{ from: path.resolve(__dirname, 'locales'), to: 'locales' }] }),
  ],
  devtool: isProd ? false : 'source-map',
  optimization: {
    chunkIds: isProd ? 'deterministic' : 'named',
    minimize: isProd,
  },
  performance: {
    // Chunks are loaded lazily per page; keep each well under the default 244 KiB hint.
    hints: isProd ? 'warning' : false,
  },
};

export default config;
