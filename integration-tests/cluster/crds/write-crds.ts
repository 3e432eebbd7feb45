import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { CRDS } from './definitions';

/** Renders the CRD definitions to `<plural>.<group>.yaml` files in this directory: `npx tsx write-crds.ts`. */

export const HEADER =
  '# Generated from integration-tests/cluster/crds/definitions.ts by write-crds.ts; edit the definitions, not this file.\n';

export const renderCrd = (name: string): string =>
  HEADER + yaml.dump(CRDS[name], { noRefs: true, lineWidth: 120, sortKeys: false });

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  const dir = path.dirname(path.resolve(process.argv[1]));
  for (const name of Object.keys(CRDS)) fs.writeFileSync(path.join(dir, name), renderCrd(name));
  console.log(`wrote ${Object.keys(CRDS).length} CRDs to ${dir}`);
}
