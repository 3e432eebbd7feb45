import type { Patch } from '@openshift-console/dynamic-plugin-sdk';
import { applyPatch, deepClone } from 'fast-json-patch';
import { fromJsonPointer, getAtPath } from '../json-patch';

/**
 * Applies a JSON patch the way the apiserver does, for tests: evanphx/json-patch v4 lets a `null` test pass
 * on an absent key whose parent exists (fast-json-patch alone would fail it). Throws on a failed test.
 */
export const applyAsApiserver = <T extends object>(doc: T, patch: readonly Patch[]): T => {
  let out: T = deepClone(doc);
  patch.forEach((op) => {
    if (op.op === 'test' && op.value === null) {
      const segs = fromJsonPointer(op.path);
      const parent = getAtPath(out, segs.slice(0, -1));
      if (!parent.found || typeof parent.value !== 'object' || parent.value === null)
        throw new Error('test operation failed: missing path');
      const v = (parent.value as Record<string, unknown>)[segs[segs.length - 1]];
      if (v !== undefined && v !== null) throw new Error('Test operation failed');
      return;
    }
    out = applyPatch(out, [op as never], true, false).newDocument;
  });
  return out;
};
