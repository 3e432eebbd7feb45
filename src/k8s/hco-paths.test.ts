import { describe, expect, it } from 'vitest';
import { buildGuardedPatch, getAtPath } from './json-patch';
import { HCO_FIELD_PATHS, hcoPath } from './hco-paths';

describe('hcoPath', () => {
  it('addresses the v1beta1 fields the plugin writes today', () => {
    const hc = {
      metadata: { name: 'kubevirt-hyperconverged', resourceVersion: '5' },
      spec: { resourceRequirements: { vmiCPUAllocationRatio: 10 }, enableCommonBootImageImport: true },
    };
    expect(getAtPath(hc, hcoPath('enableCommonBootImageImport')).value).toBe(true);
    const patch = buildGuardedPatch(hc, [
      { path: hcoPath('storageWorkloads'), value: { limits: { cpu: '1' } } },
    ]);
    expect(patch[0]).toEqual({
      op: 'test',
      path: '/spec/resourceRequirements/storageWorkloads',
      value: null,
    });
    expect(patch[1]).toEqual({
      op: 'add',
      path: '/spec/resourceRequirements/storageWorkloads',
      value: { limits: { cpu: '1' } },
    });
  });

  it('knows every field in both versions', () => {
    expect(Object.keys(HCO_FIELD_PATHS.v1).sort()).toEqual(Object.keys(HCO_FIELD_PATHS.v1beta1).sort());
  });
});
