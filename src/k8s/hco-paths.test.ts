import { loadAll } from 'js-yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HCO_FIELD_PATHS,
  hcoFeatureGate,
  hcoFeatureGateChange,
  hcoFieldName,
  hcoPath,
  hcoValue,
  hcoVersionOf,
  hyperConvergedModelFor,
  type HcoField,
} from './hco-paths';
import { buildGuardedPatch, getAtPath } from './json-patch';
import { describeWithShared, SHARED } from './testing/shared-dir';
import { asV1 } from './testing/hco-v1';
import type { HyperConverged } from './types';

const FIELDS = Object.keys(HCO_FIELD_PATHS.v1beta1) as HcoField[];

const v1beta1: HyperConverged = {
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', resourceVersion: '5' },
  spec: {
    enableCommonBootImageImport: false,
    commonBootImageNamespace: 'golden',
    dataImportCronTemplates: [{ metadata: { name: 'a' } }],
    filesystemOverhead: { global: '0.08', storageClass: { nfs: '0.1' } },
    scratchSpaceStorageClass: 'fs',
    resourceRequirements: { storageWorkloads: { limits: { cpu: '1' } }, vmiCPUAllocationRatio: 10 },
    storageImport: { insecureRegistries: ['r.example.com:5000'] },
    vmStateStorageClass: 'tpm',
    featureGates: { enableMultiArchBootImageImport: true, downwardMetrics: false },
  },
};

const v1: HyperConverged = {
  apiVersion: 'hco.kubevirt.io/v1',
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', resourceVersion: '5' },
  spec: {
    storage: {
      filesystemOverhead: { global: '0.08', storageClass: { nfs: '0.1' } },
      scratchSpaceStorageClass: 'fs',
      storageImport: { insecureRegistries: ['r.example.com:5000'] },
      vmStateStorageClass: 'tpm',
      workloadResourceRequirements: { limits: { cpu: '1' } },
    },
    workloadSources: {
      enableCommonBootImageImport: false,
      commonBootImageNamespace: 'golden',
      dataImportCronTemplates: [{ metadata: { name: 'a' } }],
    },
    featureGates: [
      { name: 'enableMultiArchBootImageImport' },
      { name: 'downwardMetrics', state: 'Disabled' },
    ],
  },
};

/** The openAPIV3Schema of one served version of the upstream CRD (HCO v1.18.1 deploy/crds/hco00.crd.yaml). */
const schemas = new Map<string, Record<string, unknown>>();
const schemaOf = (version: string): Record<string, unknown> => {
  const cached = schemas.get(version);
  if (cached) return cached;
  const text = readFileSync(path.join(SHARED, 'crds/hyperconvergeds.hco.kubevirt.io.yaml'), 'utf8');
  const crd = loadAll(text).find(Boolean) as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] };
  };
  const schema = crd.spec.versions.find((v) => v.name === version)!.schema.openAPIV3Schema;
  schemas.set(version, schema as Record<string, unknown>);
  return schema as Record<string, unknown>;
};

/** The schema node at a path of an object (through `properties`); undefined when the schema has no such field. */
const schemaAt = (schema: Record<string, unknown>, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>(
    (node, seg) => (node as { properties?: Record<string, unknown> } | undefined)?.properties?.[String(seg)],
    schema,
  );

describeWithShared('HCO_FIELD_PATHS against the upstream CRD', () => {
  it.each(['v1beta1', 'v1'] as const)('names only fields the upstream CRD declares in %s', (version) => {
    const schema = schemaOf(version);
    for (const field of FIELDS) {
      expect(schemaAt(schema, HCO_FIELD_PATHS[version][field]), `${version} ${field}`).toBeDefined();
    }
  });

  it('types the fields as the CRD does (atomic list, set list, boolean, string)', () => {
    for (const version of ['v1beta1', 'v1'] as const) {
      const schema = schemaOf(version);
      const at = (f: HcoField) => schemaAt(schema, HCO_FIELD_PATHS[version][f]) as Record<string, unknown>;
      expect(at('dataImportCronTemplates')['x-kubernetes-list-type']).toBe('atomic');
      expect(at('insecureRegistries')['x-kubernetes-list-type']).toBe('set');
      expect(at('enableCommonBootImageImport').type).toBe('boolean');
      expect(at('scratchSpaceStorageClass').type).toBe('string');
    }
  });
});

describe('HCO_FIELD_PATHS', () => {
  it('knows every field in both versions', () => {
    expect(Object.keys(HCO_FIELD_PATHS.v1).sort()).toEqual(Object.keys(HCO_FIELD_PATHS.v1beta1).sort());
  });
});

describe('hcoVersionOf', () => {
  it('reads the version from apiVersion and refuses anything else', () => {
    expect(hcoVersionOf(v1beta1)).toBe('v1beta1');
    expect(hcoVersionOf(v1)).toBe('v1');
    expect(hcoVersionOf('v1')).toBe('v1');
    expect(() => hcoVersionOf({})).toThrow(/Unsupported HyperConverged apiVersion/);
    expect(() => hcoVersionOf({ apiVersion: 'hco.kubevirt.io/v2' })).toThrow(/v2/);
    expect(() => hcoVersionOf({ apiVersion: 'example.com/v1' })).toThrow();
  });

  it('gives the model of the object’s version, so the URL matches the patch paths', () => {
    expect(hyperConvergedModelFor(v1).apiVersion).toBe('v1');
    expect(hyperConvergedModelFor(v1beta1).apiVersion).toBe('v1beta1');
    expect(hyperConvergedModelFor(v1)).toBe(hyperConvergedModelFor('v1'));
    expect(hyperConvergedModelFor(v1).apiGroup).toBe('hco.kubevirt.io');
  });
});

describe('hcoValue', () => {
  it.each(FIELDS)('reads %s from a v1beta1 and a v1 object alike', (field) => {
    expect(hcoValue(v1, field)).toEqual(hcoValue(v1beta1, field));
    expect(hcoValue(v1, field)).toBeDefined();
  });

  it('does not read a v1 object at the v1beta1 paths (nor the other way round)', () => {
    expect(hcoValue({ ...v1, apiVersion: 'hco.kubevirt.io/v1beta1' }, 'filesystemOverhead')).toBeUndefined();
    expect(
      hcoValue({ ...v1beta1, apiVersion: 'hco.kubevirt.io/v1' }, 'scratchSpaceStorageClass'),
    ).toBeUndefined();
  });

  it('matches the test double of HCO’s conversion', () => {
    expect(asV1(v1beta1).spec).toEqual({
      ...v1.spec,
      resourceRequirements: { vmiCPUAllocationRatio: 10 },
      featureGates: v1beta1.spec.featureGates,
    });
  });

  it('names the field for texts in the object’s version', () => {
    expect(hcoFieldName('filesystemOverhead', v1)).toBe('spec.storage.filesystemOverhead');
    expect(hcoFieldName('filesystemOverhead', v1beta1)).toBe('spec.filesystemOverhead');
    expect(hcoFieldName('dataImportCronTemplates', v1)).toBe('spec.workloadSources.dataImportCronTemplates');
  });
});

describe('guarded patches at the object’s version', () => {
  it('v1beta1: adds under spec.resourceRequirements, testing the absent field', () => {
    const hc = { ...v1beta1, spec: { resourceRequirements: { vmiCPUAllocationRatio: 10 } } };
    const patch = buildGuardedPatch(hc, [
      { path: hcoPath('storageWorkloads', hc), value: { limits: { cpu: '1' } } },
    ]);
    expect(patch).toEqual([
      { op: 'test', path: '/spec/resourceRequirements/storageWorkloads', value: null },
      { op: 'add', path: '/spec/resourceRequirements/storageWorkloads', value: { limits: { cpu: '1' } } },
    ]);
  });

  it('v1: creates spec.storage when absent and writes under it', () => {
    const hc: HyperConverged = { ...v1, spec: { workloadSources: { enableCommonBootImageImport: true } } };
    const patch = buildGuardedPatch(hc, [
      { path: [...hcoPath('filesystemOverhead', hc), 'global'], value: '0.1' },
    ]);
    expect(patch).toEqual([
      { op: 'test', path: '/spec/storage', value: null },
      { op: 'add', path: '/spec/storage', value: { filesystemOverhead: { global: '0.1' } } },
    ]);
  });

  it('v1: replaces the atomic template list under spec.workloadSources', () => {
    const list = [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }];
    const patch = buildGuardedPatch(v1, [{ path: hcoPath('dataImportCronTemplates', v1), value: list }]);
    expect(patch).toEqual([
      {
        op: 'test',
        path: '/spec/workloadSources/dataImportCronTemplates',
        value: [{ metadata: { name: 'a' } }],
      },
      { op: 'replace', path: '/spec/workloadSources/dataImportCronTemplates', value: list },
    ]);
  });
});

describe('feature gates', () => {
  it('reads a gate from the v1beta1 object and from the v1 list (no state = Enabled)', () => {
    expect(hcoFeatureGate(v1beta1, 'enableMultiArchBootImageImport')).toBe(true);
    expect(hcoFeatureGate(v1, 'enableMultiArchBootImageImport')).toBe(true);
    expect(hcoFeatureGate(v1beta1, 'downwardMetrics')).toBe(false);
    expect(hcoFeatureGate(v1, 'downwardMetrics')).toBe(false);
    expect(hcoFeatureGate(v1beta1, 'alignCPUs')).toBeUndefined();
    expect(hcoFeatureGate(v1, 'alignCPUs')).toBeUndefined();
  });

  it('v1beta1: changes the one key', () => {
    expect(hcoFeatureGateChange(v1beta1, 'alignCPUs', true)).toEqual({
      path: ['spec', 'featureGates', 'alignCPUs'],
      value: true,
    });
  });

  it('v1: sends the whole list with only that entry changed, added or removed', () => {
    const set = (name: string, enabled: boolean | undefined) => hcoFeatureGateChange(v1, name, enabled);
    expect(set('downwardMetrics', true)).toEqual({
      path: ['spec', 'featureGates'],
      value: [{ name: 'enableMultiArchBootImageImport' }, { name: 'downwardMetrics' }],
    });
    expect(set('alignCPUs', false).value).toEqual([
      { name: 'enableMultiArchBootImageImport' },
      { name: 'downwardMetrics', state: 'Disabled' },
      { name: 'alignCPUs', state: 'Disabled' },
    ]);
    expect(set('enableMultiArchBootImageImport', undefined).value).toEqual([
      { name: 'downwardMetrics', state: 'Disabled' },
    ]);
    const only: HyperConverged = { ...v1, spec: { featureGates: [{ name: 'alignCPUs' }] } };
    expect(hcoFeatureGateChange(only, 'alignCPUs', undefined).value).toBeUndefined();
    const patch = buildGuardedPatch(v1, [set('downwardMetrics', true)]);
    expect(patch[0]).toEqual({ op: 'test', path: '/spec/featureGates', value: v1.spec.featureGates });
    expect(getAtPath(v1, ['spec', 'featureGates']).found).toBe(true);
  });
});
