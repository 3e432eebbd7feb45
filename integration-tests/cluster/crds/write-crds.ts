import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { CONSOLE_CRDS, CRDS } from './definitions';

/**
 * Renders the CRD definitions to `<plural>.<group>.yaml` files: the virtualization operators' beside this file,
 * the OpenShift console's in `console/` (loaded separately, see sim.ts defaultConsoleCrdsDir). Run
 * `npm run crds` (`npx tsx write-crds.ts`).
 */

export const HEADER =
  '# Generated from integration-tests/cluster/crds/definitions.ts by write-crds.ts; edit the definitions, not this file.\n';

export const renderCrd = (name: string, set: Record<string, unknown> = CRDS): string =>
  HEADER + yaml.dump(set[name], { noRefs: true, lineWidth: 120, sortKeys: false });

/** Sub-directory of the console CRDs. */
export const CONSOLE_SUBDIR = 'console';

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  const dir = path.dirname(path.resolve(process.argv[1]));
  for (const name of Object.keys(CRDS)) fs.writeFileSync(path.join(dir, name), renderCrd(name));
  const consoleDir = path.join(dir, CONSOLE_SUBDIR);
  fs.mkdirSync(consoleDir, { recursive: true });
  for (const name of Object.keys(CONSOLE_CRDS))
    fs.writeFileSync(path.join(consoleDir, name), renderCrd(name, CONSOLE_CRDS));
  console.log(
    `wrote ${Object.keys(CRDS).length} CRDs to ${dir} and ${Object.keys(CONSOLE_CRDS).length} to ${consoleDir}`,
  );
}
