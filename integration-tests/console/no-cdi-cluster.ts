import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultCrdsDir } from '../cluster/server';
import { DEMO_SEED } from './cluster-launcher';

/**
 * A cluster without CDI (OpenShift Virtualization not installed): every CRD the simulator knows except
 * `*.cdi.kubevirt.io`, and of the demo seed only its namespaces and storage. Returns the directories for
 * `launchCluster({ seeds: [seedDir], crdsDir })` (Playwright: `test.use({ seeds, clusterOptions })`).
 */
export const noCdiCluster = (): { seedDir: string; crdsDir: string } => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'no-cdi-'));
  const crdsDir = path.join(root, 'crds');
  const seedDir = path.join(root, 'seed');
  mkdirSync(crdsDir);
  mkdirSync(seedDir);
  const crdSource = defaultCrdsDir();
  for (const f of readdirSync(crdSource).filter(
    (f) => /\.ya?ml$/.test(f) && !f.includes('.cdi.kubevirt.io.'),
  )) {
    copyFileSync(path.join(crdSource, f), path.join(crdsDir, f));
  }
  for (const f of ['00-namespaces.yaml', '10-storage-classes.yaml']) {
    copyFileSync(path.join(DEMO_SEED, f), path.join(seedDir, f));
  }
  return { seedDir, crdsDir };
};
