import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { repoRoot } from './nginx-plugin-server';
import { describeWhenInstalled } from './requires';

/** Every shell script an administrator or CI runs passes shellcheck (Debian package "shellcheck"). */

const SHELLCHECK = ['/usr/bin/shellcheck', '/usr/local/bin/shellcheck'].find((p) => fs.existsSync(p));

const scripts = () =>
  execFileSync('git', ['ls-files', '*.sh', '.ci/run'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);

describeWhenInstalled(
  'shell scripts',
  SHELLCHECK ? undefined : 'shellcheck is not installed (Debian package "shellcheck"; .ci/run installs it)',
  () => {
    it('pass shellcheck', () => {
      const files = scripts();
      expect(files).toEqual(
        expect.arrayContaining(['deploy/enable-plugin.sh', '.ci/run', 'scripts/test-all.sh']),
      );
      const r = spawnSync(SHELLCHECK!, ['--format=gcc', ...files], { cwd: repoRoot, encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  },
);
