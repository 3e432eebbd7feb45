import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRDS } from '../crds/definitions';
import { renderCrd } from '../crds/write-crds';
import { loadCrds, resourceTypeFromCrd } from '../registry';
import { CRDS_DIR } from './test-helpers';

const UPSTREAM_CRDS = path.resolve(__dirname, '../../../../shared/crds');
const HAS_UPSTREAM = fs.existsSync(UPSTREAM_CRDS);
if (!HAS_UPSTREAM) {
  console.warn(
    `../shared not present: ${UPSTREAM_CRDS} is missing; skipping the comparison with upstream CRDs`,
  );
}

describe('our CRD manifests', () => {
  it('are the rendering of definitions.ts (run `npx tsx integration-tests/cluster/crds/write-crds.ts`)', () => {
    for (const name of Object.keys(CRDS)) {
      expect(fs.readFileSync(path.join(CRDS_DIR, name), 'utf8'), name).toBe(renderCrd(name));
    }
  });

  it.runIf(HAS_UPSTREAM)(
    'serve the same kinds, versions, scope, names and status subresources as upstream',
    () => {
      const summary = (dir: string) =>
        Object.fromEntries(
          loadCrds(dir).map((crd) => {
            const rt = resourceTypeFromCrd(crd);
            const {
              group,
              versions,
              preferredVersion,
              plural,
              singular,
              namespaced,
              shortNames,
              statusSubresource,
            } = rt;
            return [
              rt.kind,
              {
                group,
                versions,
                preferredVersion,
                plural,
                singular,
                namespaced,
                shortNames,
                statusSubresource,
              },
            ];
          }),
        );
      expect(summary(CRDS_DIR)).toEqual(summary(UPSTREAM_CRDS));
    },
  );
});
