import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultCrdsDir } from '../cluster/server';
import { DEMO_SEED } from './cluster-launcher';

/**
 * Variants of the demo cluster for specs: the demo seed without some of its files (e.g. no
 * HostPathProvisioner yet), or the CRD directory without some CRDs (e.g. the HPP operator not installed).
 * Returns directories for `test.use({ seeds: [seedDir], clusterOptions: { crdsDir } })`.
 */
export const demoSeedWithout = (...files: string[]): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'demo-variant-'));
  for (const f of readdirSync(DEMO_SEED).filter((f) => !files.includes(f))) {
    copyFileSync(path.join(DEMO_SEED, f), path.join(dir, f));
  }
  return dir;
};

export const crdsWithout = (test: (file: string) => boolean): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crds-variant-'));
  mkdirSync(dir, { recursive: true });
  const source = defaultCrdsDir();
  for (const f of readdirSync(source).filter((f) => /\.ya?ml$/.test(f) && !test(f))) {
    copyFileSync(path.join(source, f), path.join(dir, f));
  }
  return dir;
};
