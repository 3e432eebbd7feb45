import { describe, expect, it } from 'vitest';
import { newSession, planPatch, setField } from '../../../k8s/edit-session';
import { asV1 } from '../../../k8s/testing/hco-v1';
import type { HyperConverged, StorageClass, StorageProfile } from '../../../k8s/types';
import {
  blockOnlyClasses,
  configuredScratchClass,
  explainScratch,
  isBlockOnly,
  scratchClassOptions,
  scratchFields,
  scratchFindings,
} from './scratch-space';

const sc = (name: string, extra: Partial<StorageClass> = {}): StorageClass => ({
  metadata: { name },
  provisioner: 'csi.example.com',
  volumeBindingMode: 'Immediate',
  ...extra,
});
const profile = (name: string, modes: ('Block' | 'Filesystem')[]): StorageProfile => ({
  metadata: { name },
  spec: {},
  status: { claimPropertySets: modes.map((volumeMode) => ({ accessModes: ['ReadWriteOnce'], volumeMode })) },
});
const hco = (spec: Record<string, unknown>): HyperConverged =>
  ({
    apiVersion: 'hco.kubevirt.io/v1beta1',
    kind: 'HyperConverged',
    metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
    spec,
  }) as HyperConverged;

describe('explainScratch', () => {
  it('unset and applied "" means each import uses its target class', () => {
    expect(explainScratch('', '', ['a'])).toEqual({ code: 'unset' });
  });
  it('applied when CDI shows the configured class', () => {
    expect(explainScratch('a', 'a', ['a'])).toEqual({ code: 'applied', name: 'a' });
  });
  it('a class that does not exist is applied as ""', () => {
    expect(explainScratch('gone', '', ['a'])).toEqual({ code: 'class-missing', name: 'gone' });
  });
  it('an existing class that CDI does not show yet is not applied yet', () => {
    expect(explainScratch('a', '', ['a'])).toEqual({ code: 'not-yet-applied', configured: 'a', applied: '' });
    expect(explainScratch('', 'a', ['a'])).toEqual({ code: 'not-yet-applied', configured: '', applied: 'a' });
  });
  it('never claims a class is missing when the classes are unknown', () => {
    expect(explainScratch('x', '', undefined).code).toBe('not-yet-applied');
  });
  it('unknown CDIConfig is unknown, never "none"', () => {
    expect(explainScratch('a', undefined, ['a'])).toEqual({ code: 'applied-unknown' });
  });
});

describe('scratchFindings', () => {
  const classes = [
    sc('fs'),
    sc('blk', { provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' }),
    sc('wffc', { volumeBindingMode: 'WaitForFirstConsumer' }),
    sc('mixed'),
    sc('bare'),
  ];
  const profiles = [
    profile('fs', ['Filesystem']),
    profile('blk', ['Block']),
    profile('wffc', ['Filesystem']),
    profile('mixed', ['Block', 'Filesystem']),
    profile('bare', []),
  ];
  it('nothing for unset or a Filesystem class', () => {
    expect(scratchFindings('', classes, profiles)).toEqual([]);
    expect(scratchFindings('fs', classes, profiles)).toEqual([]);
    expect(scratchFindings('mixed', classes, profiles)).toEqual([]);
  });
  it('warns about a Block-only class, no provisioner and WaitForFirstConsumer', () => {
    expect(scratchFindings('blk', classes, profiles).map((f) => f.code)).toEqual([
      'block-only',
      'no-provisioner',
      'wait-for-first-consumer',
    ]);
    expect(scratchFindings('wffc', classes, profiles).map((f) => f.code)).toEqual([
      'wait-for-first-consumer',
    ]);
  });
  it('a missing class, and unknown volume modes', () => {
    expect(scratchFindings('nope', classes, profiles)).toEqual([{ code: 'class-missing', name: 'nope' }]);
    expect(scratchFindings('bare', classes, profiles)).toEqual([
      { code: 'volume-modes-unknown', name: 'bare' },
    ]);
  });
  it('claims nothing when the lists could not be read', () => {
    expect(scratchFindings('nope', undefined, profiles)).toEqual([]);
    expect(scratchFindings('blk', classes, undefined).map((f) => f.code)).toEqual([
      'no-provisioner',
      'wait-for-first-consumer',
    ]);
  });
  it('lists the Block-only classes', () => {
    expect(isBlockOnly('bare', profiles)).toBe(false);
    expect(blockOnlyClasses(classes, profiles)).toEqual(['blk']);
  });
});

describe('scratchClassOptions', () => {
  it('sorts the classes and adds a configured class that does not exist', () => {
    const options = scratchClassOptions([sc('b'), sc('a')], [profile('a', ['Block'])], ['zz', 'a', '', 'zz']);
    expect(options.map((o) => [o.name, o.exists, o.blockOnly])).toEqual([
      ['a', true, true],
      ['b', true, false],
      ['zz', false, false],
    ]);
  });
});

describe('the scratch field', () => {
  it('reads the configured class in either version', () => {
    expect(configuredScratchClass(hco({ scratchSpaceStorageClass: 'x' }))).toBe('x');
    expect(configuredScratchClass(asV1(hco({ scratchSpaceStorageClass: 'x' })))).toBe('x');
    expect(configuredScratchClass(hco({}))).toBe('');
    // A v1 object is never read at the v1beta1 path.
    expect(
      configuredScratchClass({ ...hco({ scratchSpaceStorageClass: 'x' }), apiVersion: 'hco.kubevirt.io/v1' }),
    ).toBe('');
  });
  it('sets, replaces and removes only spec.scratchSpaceStorageClass', () => {
    const fields = scratchFields('v1beta1');
    const [field] = fields;
    expect(planPatch(setField(newSession(hco({})), field, 'fs'), fields)).toEqual([
      { op: 'test', path: '/spec/scratchSpaceStorageClass', value: null },
      { op: 'add', path: '/spec/scratchSpaceStorageClass', value: 'fs' },
    ]);
    const set = newSession(hco({ scratchSpaceStorageClass: 'a' }));
    expect(planPatch(setField(set, field, 'b'), fields)).toEqual([
      { op: 'test', path: '/spec/scratchSpaceStorageClass', value: 'a' },
      { op: 'replace', path: '/spec/scratchSpaceStorageClass', value: 'b' },
    ]);
    expect(planPatch(setField(set, field, ''), fields)).toEqual([
      { op: 'test', path: '/spec/scratchSpaceStorageClass', value: 'a' },
      { op: 'remove', path: '/spec/scratchSpaceStorageClass' },
    ]);
  });
  it('v1: sets, replaces and removes spec.storage.scratchSpaceStorageClass', () => {
    const v1 = asV1(hco({ scratchSpaceStorageClass: 'a', filesystemOverhead: { global: '0.1' } }));
    const fields = scratchFields(v1);
    const [field] = fields;
    expect(field.read?.(undefined, false) ?? '').toBe('');
    expect(planPatch(setField(newSession(v1), field, 'b'), fields)).toEqual([
      { op: 'test', path: '/spec/storage/scratchSpaceStorageClass', value: 'a' },
      { op: 'replace', path: '/spec/storage/scratchSpaceStorageClass', value: 'b' },
    ]);
    expect(planPatch(setField(newSession(v1), field, ''), fields)).toEqual([
      { op: 'test', path: '/spec/storage/scratchSpaceStorageClass', value: 'a' },
      { op: 'remove', path: '/spec/storage/scratchSpaceStorageClass' },
    ]);
    // No spec.storage yet: it is created, guarded by testing that it is still absent.
    expect(planPatch(setField(newSession(asV1(hco({}))), field, 'fs'), fields)).toEqual([
      { op: 'test', path: '/spec/storage', value: null },
      { op: 'add', path: '/spec/storage', value: { scratchSpaceStorageClass: 'fs' } },
    ]);
  });
});
