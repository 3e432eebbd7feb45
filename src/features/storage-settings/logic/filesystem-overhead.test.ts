import { describe, expect, it } from 'vitest';
import { buildGuardedPatch } from '../../../k8s/json-patch';
import { changesOf, fieldValue, newSession, setField } from '../../../k8s/edit-session';
import { hcoPath } from '../../../k8s/hco-paths';
import { asV1 } from '../../../k8s/testing/hco-v1';
import type { HyperConverged } from '../../../k8s/types';
import {
  classFieldId,
  GLOBAL_FIELD_ID,
  isValidOverhead,
  jsonpatchTouchesOverhead,
  overheadFields,
  overheadRows,
  overheadToPercent,
  percentToOverhead,
  requiredPvcBytes,
  requiredPvcFor,
  usableDiskBytes,
  usableDiskFor,
  validatePercentInput,
} from './filesystem-overhead';

const Mi = 1024n * 1024n;
const Gi = 1024n * Mi;

describe('percentToOverhead', () => {
  it.each([
    ['5.5', '0.055'],
    ['6', '0.06'],
    ['10', '0.1'],
    ['100', '1'],
    ['0', '0'],
    ['0.1', '0.001'],
    ['99.9', '0.999'],
    ['5.50', '0.055'],
    ['005', '0.05'],
    ['5,5', '0.055'],
    [' 7 %', '0.07'],
    ['.5', '0.005'],
    ['5.', '0.05'],
    ['100.0', '1'],
    ['0.0', '0'],
  ])('%s %% → %s (matches the HCO pattern)', (input, expected) => {
    expect(percentToOverhead(input)).toEqual({ ok: true, value: expected });
    expect(isValidOverhead(expected)).toBe(true);
  });

  it.each([
    ['0.0555', 'too-precise'],
    ['5.55', 'too-precise'],
    ['101', 'too-large'],
    ['100.1', 'too-large'],
    ['abc', 'format'],
    ['1e1', 'format'],
    ['', 'format'],
    ['-1', 'negative'],
    ['-0.5', 'negative'],
    ['5 5', 'format'],
  ])('refuses %s (%s)', (input, error) => {
    expect(percentToOverhead(input)).toEqual({ ok: false, error });
  });

  it('every tenth of a percent round-trips exactly (no float artefacts)', () => {
    for (let t = 0; t <= 1000; t += 1) {
      const percent = t % 10 === 0 ? String(t / 10) : `${Math.floor(t / 10)}.${t % 10}`;
      const parsed = percentToOverhead(percent);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value).toMatch(/^(0(?:\.\d{1,3})?|1)$/);
      expect(overheadToPercent(parsed.value)).toBe(percent);
    }
  });
});

describe('overheadToPercent and validatePercentInput', () => {
  it('reads HCO strings as percentages', () => {
    expect(overheadToPercent('0.06')).toBe('6');
    expect(overheadToPercent('0.055')).toBe('5.5');
    expect(overheadToPercent('0')).toBe('0');
    expect(overheadToPercent('1')).toBe('100');
    expect(overheadToPercent('0.1')).toBe('10');
  });
  it('refuses what HCO refuses', () => {
    expect(overheadToPercent('1.0')).toBeUndefined();
    expect(overheadToPercent('0.0555')).toBeUndefined();
    expect(overheadToPercent(0.1)).toBeUndefined();
  });
  it('accepts empty (not set)', () => {
    expect(validatePercentInput('')).toBeUndefined();
    expect(validatePercentInput('  ')).toBeUndefined();
    expect(validatePercentInput('abc')).toBe('format');
  });
});

const hco = (filesystemOverhead?: object): HyperConverged =>
  ({
    apiVersion: 'hco.kubevirt.io/v1beta1',
    kind: 'HyperConverged',
    metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', resourceVersion: '5' },
    spec: { enableCommonBootImageImport: true, ...(filesystemOverhead ? { filesystemOverhead } : {}) },
  }) as HyperConverged;

describe('overhead fields', () => {
  const base = hcoPath('filesystemOverhead', 'v1beta1');

  it('setting the global value on an HCO without filesystemOverhead adds just that', () => {
    const fields = overheadFields(base, ['nfs', 'ceph']);
    const obj = hco();
    const s = setField(newSession(obj), fields[0], '5.5');
    expect(buildGuardedPatch(obj, changesOf(s, fields))).toEqual([
      { op: 'test', path: '/spec/filesystemOverhead', value: null },
      { op: 'add', path: '/spec/filesystemOverhead', value: { global: '0.055' } },
    ]);
  });

  it('removing one override removes just that key; changing another replaces just that one', () => {
    const fields = overheadFields(base, ['ceph', 'nfs']);
    const obj = hco({ global: '0.1', storageClass: { nfs: '0.2', ceph: '0.03' } });
    const nfs = fields.find((f) => f.id === classFieldId('nfs'))!;
    const ceph = fields.find((f) => f.id === classFieldId('ceph'))!;
    expect(nfs.read!('0.2', true)).toBe('20');
    let s = setField(newSession(obj), nfs, '');
    s = setField(s, ceph, '4');
    expect(buildGuardedPatch(obj, changesOf(s, fields))).toEqual([
      { op: 'test', path: '/spec/filesystemOverhead/storageClass/ceph', value: '0.03' },
      { op: 'test', path: '/spec/filesystemOverhead/storageClass/nfs', value: '0.2' },
      { op: 'replace', path: '/spec/filesystemOverhead/storageClass/ceph', value: '0.04' },
      { op: 'remove', path: '/spec/filesystemOverhead/storageClass/nfs' },
    ]);
  });

  it('a value equal to the stored one is no edit; an invalid one cannot be written', () => {
    const fields = overheadFields(base, []);
    const obj = hco({ global: '0.055' });
    const same = setField(newSession(obj), fields[0], '5.5');
    expect(same.edits).toEqual({});
    const bad = setField(newSession(obj), fields[0], '0.0555');
    expect(() => changesOf(bad, fields)).toThrow();
    expect(fields[0].id).toBe(GLOBAL_FIELD_ID);
  });
});

describe('overheadRows', () => {
  it('unset everywhere: CDI default 0.06 for the global and every class', () => {
    const { global, rows } = overheadRows(
      undefined,
      { global: '0.06', storageClass: { a: '0.06', b: '0.06' } },
      ['b', 'a'],
    );
    expect(global).toEqual({
      configured: undefined,
      expected: '0.06',
      applied: '0.06',
      notes: ['cdi-default'],
    });
    expect(rows.map((r) => [r.className, r.expected, r.applied, r.notes])).toEqual([
      ['a', '0.06', '0.06', ['cdi-default']],
      ['b', '0.06', '0.06', ['cdi-default']],
    ]);
  });

  it('says when CDI has not applied the configured values yet, and names overrides for missing classes', () => {
    const { global, rows } = overheadRows(
      { global: '0.1', storageClass: { a: '0.2', gone: '0.3' } },
      { global: '0.06', storageClass: { a: '0.06', b: '0.06' } },
      ['a', 'b', 'new'],
    );
    expect(global.notes).toEqual(['not-applied-yet']);
    const byName = Object.fromEntries(rows.map((r) => [r.className, r]));
    expect(byName.a).toMatchObject({
      configured: '0.2',
      expected: '0.2',
      applied: '0.06',
      notes: ['not-applied-yet'],
    });
    expect(byName.b).toMatchObject({ expected: '0.1', notes: ['follows-global', 'not-applied-yet'] });
    expect(byName.new).toMatchObject({ notes: ['follows-global', 'class-not-in-status'] });
    expect(byName.gone).toMatchObject({ exists: false, configured: '0.3', notes: ['no-such-class'] });
  });

  it('blames the jsonpatch annotation when it touches filesystemOverhead', () => {
    const obj = hco();
    obj.metadata!.annotations = {
      'containerizeddataimporter.kubevirt.io/jsonpatch':
        '[{"op":"add","path":"/spec/config/filesystemOverhead","value":{"global":"0.2"}}]',
    };
    expect(jsonpatchTouchesOverhead(obj)).toBe(true);
    expect(overheadRows(undefined, { global: '0.2' }, [], true).global.notes).toEqual([
      'cdi-default',
      'jsonpatch',
    ]);
  });

  it('never reads an unknown CDIConfig as a mismatch', () => {
    const { global, rows } = overheadRows({ global: '0.1' }, undefined, ['a']);
    expect(global.notes).toEqual(['applied-unknown']);
    expect(rows[0].notes).toEqual(['follows-global', 'applied-unknown']);
  });
});

describe('calculator (CDI v1.65.0 pkg/util GetUsableSpace / GetRequiredSpace)', () => {
  it('reproduces the float64 results', () => {
    expect(requiredPvcBytes('0.06', 10n * Gi)).toBe(11381663335n);
    expect(usableDiskBytes('0.06', 10n * Gi)).toBe(9660n * Mi);
    expect(requiredPvcBytes('0', 10n * Gi + 1n)).toBe(10n * Gi + Mi);
    expect(usableDiskBytes('0', 10n * Gi + 1n)).toBe(10n * Gi);
  });

  // CDI's own table (pkg/util/util_test.go "getusablespace should return properly aligned sizes"): a PVC of
  // (RoundUp(i, 1Mi) + 1) × (1 + o) holds a disk of the virtual size, or one Mi more above it.
  it.each([
    [Mi, '0'],
    [Mi, '0.06'],
    [Mi, '0.75'],
    [40n * Mi, '0.06'],
    [Gi, '0.06'],
    [40n * Gi, '0'],
    [40n * Gi, '0.06'],
    [40n * Gi, '0.75'],
  ])('virtual size %s with overhead %s round-trips as in CDI', (virtualSize, overhead) => {
    const o = Number.parseFloat(overhead);
    for (let i = virtualSize - 1024n; i < virtualSize + 1024n; i += 1n) {
      const aligned = BigInt(Math.ceil(Number(i) / Number(Mi))) * Mi;
      const requested = BigInt(Math.trunc(Number(aligned + 1n) * (1 + o)));
      expect(usableDiskBytes(overhead, requested)).toBe(i <= virtualSize ? virtualSize : virtualSize + Mi);
    }
  });

  it('the PVC size it asks for holds the disk', () => {
    for (const overhead of ['0', '0.055', '0.06', '0.1', '0.5', '0.999']) {
      for (const disk of [Mi, 7n * Mi + 3n, 30n * Gi, 123456789012n]) {
        const aligned = ((disk + Mi - 1n) / Mi) * Mi;
        expect(usableDiskBytes(overhead, requiredPvcBytes(overhead, disk))).toBeGreaterThanOrEqual(aligned);
      }
    }
  });

  it('takes quantities and refuses bad sizes', () => {
    expect(usableDiskFor('10Gi', '0.06')).toEqual({ ok: true, bytes: 9660n * Mi });
    expect(requiredPvcFor('10Gi', '0.06')).toEqual({ ok: true, bytes: 11381663335n });
    expect(usableDiskFor('abc', '0.06')).toEqual({ ok: false, error: { code: 'format' } });
    expect(requiredPvcFor('-1Gi', '0.06')).toEqual({ ok: false, error: { code: 'negative' } });
    expect(requiredPvcFor('10', '0.06')).toMatchObject({ ok: false, error: { code: 'too-small' } });
  });

  it('v1: the same edits under spec.storage.filesystemOverhead', () => {
    const obj = asV1(hco({ global: '0.1', storageClass: { nfs: '0.2' } }));
    const fields = overheadFields(hcoPath('filesystemOverhead', obj), ['nfs']);
    const nfs = fields.find((f) => f.id === classFieldId('nfs'))!;
    expect(fieldValue(newSession(obj), nfs)).toBe('20');
    let s = setField(newSession(obj), fields[0], '8');
    s = setField(s, nfs, '');
    expect(buildGuardedPatch(obj, changesOf(s, fields))).toEqual([
      { op: 'test', path: '/spec/storage/filesystemOverhead/global', value: '0.1' },
      { op: 'test', path: '/spec/storage/filesystemOverhead/storageClass/nfs', value: '0.2' },
      { op: 'replace', path: '/spec/storage/filesystemOverhead/global', value: '0.08' },
      { op: 'remove', path: '/spec/storage/filesystemOverhead/storageClass/nfs' },
    ]);
    const none = asV1(hco());
    const add = setField(newSession(none), fields[0], '5.5');
    expect(buildGuardedPatch(none, changesOf(add, fields))).toEqual([
      { op: 'test', path: '/spec/storage', value: null },
      { op: 'add', path: '/spec/storage', value: { filesystemOverhead: { global: '0.055' } } },
    ]);
  });
});
