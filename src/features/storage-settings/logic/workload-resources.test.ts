import { applyPatch, deepClone, type Operation } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { fieldValue, newSession, planPatch, setField, type AnyField } from '../../../k8s/edit-session';
import { asV1 } from '../../../k8s/testing/hco-v1';
import type { HyperConverged } from '../../../k8s/types';
import {
  CDI_DEFAULT_RESOURCES,
  effectiveValues,
  explainApplied,
  resourceValues,
  unappliedKeys,
  validateQuantityText,
  validateWorkloadValues,
  workloadResourceFields,
  type WorkloadValues,
} from './workload-resources';

const EMPTY: WorkloadValues = {
  'limits.cpu': '',
  'limits.memory': '',
  'requests.cpu': '',
  'requests.memory': '',
};
const hco = (storageWorkloads?: unknown): HyperConverged =>
  ({
    apiVersion: 'hco.kubevirt.io/v1beta1',
    kind: 'HyperConverged',
    metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
    spec: {
      resourceRequirements: { vmiCPUAllocationRatio: 10, ...(storageWorkloads ? { storageWorkloads } : {}) },
    },
  }) as unknown as HyperConverged;
const WORKLOAD_RESOURCE_FIELDS = workloadResourceFields('v1beta1');
const field = (id: string, fields = WORKLOAD_RESOURCE_FIELDS): AnyField => fields.find((f) => f.id === id)!;

describe('validateQuantityText', () => {
  it('accepts quantities the apiserver accepts', () => {
    ['1', '500m', '0.5', '2Gi', '600M', '1e3', '1.5Gi', '+1'].forEach((q) =>
      expect(validateQuantityText('limits.cpu', q), q).toBeUndefined(),
    );
    expect(validateQuantityText('requests.cpu', '0')).toBeUndefined();
    expect(validateQuantityText('limits.cpu', '')).toBeUndefined();
  });
  it('refuses malformed values, unknown units, negatives, zero limits and millibytes of memory', () => {
    expect(validateQuantityText('limits.cpu', 'abc')).toEqual({ code: 'format' });
    expect(validateQuantityText('limits.cpu', '2cores')).toEqual({ code: 'suffix' });
    expect(validateQuantityText('limits.memory', '10gi')).toEqual({ code: 'suffix' });
    expect(validateQuantityText('limits.memory', '1..5Gi')).toEqual({ code: 'format' });
    expect(validateQuantityText('limits.memory', ' 1Gi')).toEqual({ code: 'format' });
    expect(validateQuantityText('requests.cpu', '-1')).toEqual({ code: 'negative' });
    expect(validateQuantityText('limits.cpu', '0')).toEqual({ code: 'zero-limit' });
    expect(validateQuantityText('limits.memory', '100m')).toEqual({ code: 'memory-millis' });
    expect(validateQuantityText('limits.memory', '10Ei')).toEqual({ code: 'too-large' });
  });
});

describe('validateWorkloadValues', () => {
  it('accepts nothing set, and requests at or below limits', () => {
    expect(validateWorkloadValues(EMPTY)).toEqual({});
    expect(
      validateWorkloadValues({
        'limits.cpu': '1',
        'limits.memory': '1Gi',
        'requests.cpu': '1000m',
        'requests.memory': '1024Mi',
      }),
    ).toEqual({});
  });
  it('refuses a request above the configured limit, comparing quantities, not text', () => {
    expect(validateWorkloadValues({ ...EMPTY, 'limits.cpu': '500m', 'requests.cpu': '0.6' })).toEqual({
      'requests.cpu': { code: 'request-above-limit', limit: '500m', limitIsDefault: false },
    });
    expect(validateWorkloadValues({ ...EMPTY, 'limits.memory': '1G', 'requests.memory': '1Gi' })).toEqual({
      'requests.memory': { code: 'request-above-limit', limit: '1G', limitIsDefault: false },
    });
  });
  it('compares with the limit CDI applies by default when none is set', () => {
    expect(validateWorkloadValues({ ...EMPTY, 'requests.memory': '1Gi' })).toEqual({
      'requests.memory': { code: 'request-above-limit', limit: '600M', limitIsDefault: true },
    });
  });
  it('blames a limit set below the default request', () => {
    expect(validateWorkloadValues({ ...EMPTY, 'limits.cpu': '50m' })).toEqual({
      'limits.cpu': { code: 'request-above-limit', limit: '50m', limitIsDefault: false },
    });
  });
  it('does not compare a value that is itself invalid', () => {
    expect(validateWorkloadValues({ ...EMPTY, 'limits.cpu': '1x', 'requests.cpu': '5' })).toEqual({
      'limits.cpu': { code: 'suffix' },
    });
  });
});

describe('configured and applied', () => {
  it('reads values, numbers as text', () => {
    expect(resourceValues({ limits: { cpu: 1 as unknown as string }, requests: { memory: '1Gi' } })).toEqual({
      ...EMPTY,
      'limits.cpu': '1',
      'requests.memory': '1Gi',
    });
  });
  it('the effective values fall back to the CDI defaults', () => {
    expect(effectiveValues(EMPTY)).toEqual(CDI_DEFAULT_RESOURCES);
    expect(effectiveValues({ ...EMPTY, 'limits.cpu': '2' })['limits.cpu']).toBe('2');
  });
  it('explains the applied value', () => {
    expect(explainApplied('limits.cpu', '', '750m')).toEqual({ code: 'default', value: '750m' });
    expect(explainApplied('limits.cpu', '1', '1000m')).toEqual({ code: 'applied', value: '1000m' });
    expect(explainApplied('limits.cpu', '1', '750m')).toEqual({
      code: 'not-yet-applied',
      configured: '1',
      applied: '750m',
    });
    expect(explainApplied('limits.cpu', '', '2')).toEqual({
      code: 'not-yet-applied',
      configured: '',
      applied: '2',
    });
    expect(explainApplied('limits.cpu', '1', undefined)).toEqual({ code: 'applied-unknown' });
  });
  it('lists the keys that never reach CDIConfig', () => {
    expect(
      unappliedKeys({
        limits: { cpu: '1', 'ephemeral-storage': '1Gi' },
        requests: { memory: '1Gi' },
        claims: [],
      }),
    ).toEqual(['limits.ephemeral-storage', 'claims']);
    expect(unappliedKeys(undefined)).toEqual([]);
  });
});

describe('the fields', () => {
  it('each key is its own field: one edit sends one key', () => {
    const base = newSession(hco({ limits: { cpu: '1', memory: '2Gi' }, requests: { cpu: '250m' } }));
    expect(planPatch(setField(base, field('limits.memory'), '3Gi'), WORKLOAD_RESOURCE_FIELDS)).toEqual([
      { op: 'test', path: '/spec/resourceRequirements/storageWorkloads/limits/memory', value: '2Gi' },
      { op: 'replace', path: '/spec/resourceRequirements/storageWorkloads/limits/memory', value: '3Gi' },
    ]);
    expect(planPatch(setField(base, field('requests.cpu'), ''), WORKLOAD_RESOURCE_FIELDS)).toEqual([
      { op: 'test', path: '/spec/resourceRequirements/storageWorkloads/requests/cpu', value: '250m' },
      { op: 'remove', path: '/spec/resourceRequirements/storageWorkloads/requests/cpu' },
    ]);
  });
  it('creates the missing parents when nothing is configured', () => {
    let s = newSession(hco());
    s = setField(s, field('limits.cpu'), '2');
    s = setField(s, field('requests.cpu'), '1');
    const patch = planPatch(s, WORKLOAD_RESOURCE_FIELDS);
    expect(patch[0]).toEqual({
      op: 'test',
      path: '/spec/resourceRequirements/storageWorkloads',
      value: null,
    });
    const after = applyPatch(deepClone(hco()), patch.slice(1) as Operation[]).newDocument;
    expect(after.spec.resourceRequirements as unknown).toEqual({
      vmiCPUAllocationRatio: 10,
      storageWorkloads: { limits: { cpu: '2' }, requests: { cpu: '1' } },
    });
  });
  it('a stored number is no edit when left alone', () => {
    const s = newSession(hco({ limits: { cpu: 2 } }));
    expect(planPatch(setField(s, field('limits.cpu'), '2'), WORKLOAD_RESOURCE_FIELDS)).toEqual([]);
  });
  it('v1: writes each key under spec.storage.workloadResourceRequirements', () => {
    const v1 = asV1(hco({ limits: { cpu: '1', memory: '2Gi' } }));
    const fields = workloadResourceFields(v1);
    const s = newSession(v1);
    expect(fieldValue(s, field('limits.memory', fields))).toBe('2Gi');
    expect(planPatch(setField(s, field('limits.memory', fields), '3Gi'), fields)).toEqual([
      { op: 'test', path: '/spec/storage/workloadResourceRequirements/limits/memory', value: '2Gi' },
      { op: 'replace', path: '/spec/storage/workloadResourceRequirements/limits/memory', value: '3Gi' },
    ]);
    const empty = asV1(hco());
    const patch = planPatch(setField(newSession(empty), field('requests.cpu', fields), '1'), fields);
    expect(patch).toEqual([
      { op: 'test', path: '/spec/storage', value: null },
      {
        op: 'add',
        path: '/spec/storage',
        value: { workloadResourceRequirements: { requests: { cpu: '1' } } },
      },
    ]);
  });
});
