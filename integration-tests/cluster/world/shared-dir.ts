import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';

/**
 * Test support (not a test file): `../shared` beside the repository, absent in a plain clone. The simulator's
 * own equivalent of src/k8s/testing/shared-dir.ts, which it may not import.
 */
export const SHARED = path.resolve(__dirname, '../../../../shared');

/**
 * `describe` for suites that read `../shared`: without that directory the suite is one skipped test named with
 * the reason, which is printed too. With it, a file missing inside fails loudly (a wrong path is no skip).
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
