import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildHost } from '../console/build';
import { repoRoot } from '../console/cluster-launcher';

const newestMtime = (p: string): number => {
  if (!existsSync(p)) {
    return 0;
  }
  const st = statSync(p);
  if (!st.isDirectory()) {
    return st.mtimeMs;
  }
  return Math.max(0, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
};

/**
 * Builds the console host, and the plugin when its production build is missing or older than its
 * sources (CI builds it just before; locally this saves a forgotten `npm run build`).
 */
export default async function globalSetup() {
  const manifest = path.join(repoRoot, 'dist/plugin-manifest.json');
  const sources = ['src', 'locales', 'console-extensions.json', 'package.json', 'webpack.config.ts'].map(
    (p) => newestMtime(path.join(repoRoot, p)),
  );
  if (!existsSync(manifest) || Math.max(...sources) > statSync(manifest).mtimeMs) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) {
      throw new Error('npm run build failed: the browser tests need the plugin build in dist/');
    }
  }
  await buildHost();
}
