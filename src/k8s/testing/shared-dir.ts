import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'vitest';

/** `../shared` beside the repository (the nearest folder up with a package.json): absent in a plain clone. */
export const SHARED = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.resolve(dir, '../shared');
})();

/**
 * `describe` for tests that read `../shared`: without that directory the suite is one skipped test whose name
 * gives the reason, printed as well. With it, a missing file inside fails loudly (a wrong path is no skip).
 */
export function describeWithShared(name: string, body: () => void): void {
  if (fs.existsSync(SHARED)) {
    describe(name, body);
    return;
  }
  const reason = `../shared not present: ${SHARED} is missing`;
  console.warn(`${reason}; skipping "${name}"`);
  describe(name, () => {
    it.skip(reason, () => {});
  });
}
