import fs from 'node:fs';
import { it } from 'vitest';
import { CRDS } from '/work/main/integration-tests/cluster/crds/definitions';
import { renderCrd } from '/work/main/integration-tests/cluster/crds/write-crds';
it('x', () => {
  for (const n of Object.keys(CRDS)) {
    const a = fs.readFileSync('/work/main/integration-tests/cluster/crds/' + n, 'utf8');
    const b = renderCrd(n);
    if (a !== b) { let i = 0; while (a[i] === b[i]) i++; console.log(n, JSON.stringify(a.slice(i - 80, i + 80)), '\n---\n', JSON.stringify(b.slice(i - 80, i + 80))); break; }
  }
});
