import { describe, it } from 'vitest';

/**
 * `describe` for suites that need a program from a Debian package (nginx, openssl, shellcheck). A newcomer's
 * machine may lack it: the suite is then one skipped test named after the reason, also printed. In CI
 * (`CI` set, as .ci/run installs them) a missing program is a failure, never a silent skip.
 */
export function describeWhenInstalled(name: string, missing: string | undefined, body: () => void): void {
  if (!missing) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it(`needs ${missing}`, () => {
        throw new Error(`${missing}: .ci/run must install it`);
      });
    });
    return;
  }
  console.warn(`${missing}; skipping "${name}"`);
  describe(name, () => {
    it.skip(missing, () => {});
  });
}
