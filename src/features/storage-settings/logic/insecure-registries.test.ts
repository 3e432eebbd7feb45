import { describe, expect, it } from 'vitest';
import { newSession, planPatch, setField } from '../../../k8s/edit-session';
import { asV1 } from '../../../k8s/testing/hco-v1';
import type { HyperConverged } from '../../../k8s/types';
import {
  addRegistry,
  compareApplied,
  insecureRegistriesField,
  removeRegistry,
  splitHostPort,
  storedProblems,
  validateRegistry,
} from './insecure-registries';

describe('validateRegistry', () => {
  it.each([
    'registry.example.com',
    'registry.example.com:5000',
    'localhost:5000',
    '10.0.0.12:8443',
    '[fd00::1]:5000',
    '[::1]',
    'my-registry',
    '  registry.example.com:5000  ',
  ])('accepts %s', (entry) => {
    expect(validateRegistry(entry, [])).toBeUndefined();
  });

  it.each([
    ['', { code: 'empty' }],
    ['   ', { code: 'empty' }],
    ['https://registry.example.com', { code: 'scheme', scheme: 'https' }],
    ['docker://quay.io/containerdisks/fedora', { code: 'scheme', scheme: 'docker' }],
    ['quay.io/containerdisks', { code: 'path' }],
    ['registry.example.com:5000/', { code: 'path' }],
    ['registry.example.com?x=1', { code: 'path' }],
    ['user:pw@registry.example.com', { code: 'user-info' }],
    ['registry example.com', { code: 'whitespace' }],
    ['-bad.example.com', { code: 'bad-host' }],
    ['bad_host.example.com', { code: 'bad-host' }],
    ['a..b', { code: 'bad-host' }],
    [':5000', { code: 'bad-host' }],
    ['fd00::1', { code: 'bad-host' }],
    ['registry.example.com:', { code: 'bad-port', port: '' }],
    ['registry.example.com:0', { code: 'bad-port', port: '0' }],
    ['registry.example.com:65536', { code: 'bad-port', port: '65536' }],
    ['registry.example.com:http', { code: 'bad-port', port: 'http' }],
  ])('refuses %j', (entry, problem) => {
    expect(validateRegistry(entry, [])).toEqual(problem);
  });

  it('refuses a duplicate (after trimming) but not the same host on another port', () => {
    const list = ['registry.example.com:5000'];
    expect(validateRegistry(' registry.example.com:5000', list)).toEqual({ code: 'duplicate' });
    expect(validateRegistry('registry.example.com:5001', list)).toBeUndefined();
    expect(validateRegistry('registry.example.com', list)).toBeUndefined();
  });
});

describe('splitHostPort', () => {
  it('keeps the colons of a bracketed IPv6 address', () => {
    expect(splitHostPort('[fd00::1]:5000')).toEqual({ host: '[fd00::1]', port: '5000' });
    expect(splitHostPort('[fd00::1]')).toEqual({ host: '[fd00::1]' });
    expect(splitHostPort('host:1')).toEqual({ host: 'host', port: '1' });
  });
});

describe('addRegistry / removeRegistry', () => {
  it('adds a trimmed valid entry at the end and ignores an invalid one', () => {
    expect(addRegistry(['a.example.com'], ' b.example.com:5000 ')).toEqual([
      'a.example.com',
      'b.example.com:5000',
    ]);
    expect(addRegistry(['a.example.com'], 'https://b.example.com')).toEqual(['a.example.com']);
    expect(addRegistry(['a.example.com'], 'a.example.com')).toEqual(['a.example.com']);
  });
  it('removes exactly the entry', () => {
    expect(removeRegistry(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });
});

describe('storedProblems', () => {
  it('names entries CDI never matches and repeats', () => {
    expect(storedProblems(['ok.example.com', 'https://x.example.com', 'ok.example.com'])).toEqual([
      { entry: 'https://x.example.com', problem: { code: 'scheme', scheme: 'https' } },
      { entry: 'ok.example.com', problem: { code: 'duplicate' } },
    ]);
  });
});

describe('compareApplied', () => {
  it('is unknown without CDIConfig, in sync for the same set in any order, else lists the differences', () => {
    expect(compareApplied(['a'], undefined)).toEqual({ kind: 'unknown' });
    expect(compareApplied(['a', 'b'], ['b', 'a'])).toEqual({ kind: 'in-sync' });
    expect(compareApplied(['a', 'c'], ['a', 'b'])).toEqual({
      kind: 'differs',
      onlyConfigured: ['c'],
      onlyApplied: ['b'],
    });
  });
});

describe('insecureRegistriesField', () => {
  const INSECURE_REGISTRIES_FIELD = insecureRegistriesField('v1beta1');
  const hco = (storageImport?: unknown): HyperConverged =>
    ({
      apiVersion: 'hco.kubevirt.io/v1beta1',
      kind: 'HyperConverged',
      metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
      spec: storageImport === undefined ? {} : { storageImport },
    }) as HyperConverged;

  it('sends the whole list, guarded by the stored list', () => {
    const s = setField(
      newSession(hco({ insecureRegistries: ['a.example.com'] })),
      INSECURE_REGISTRIES_FIELD,
      ['a.example.com', 'b.example.com:5000'],
    );
    expect(planPatch(s, [INSECURE_REGISTRIES_FIELD])).toEqual([
      { op: 'test', path: '/spec/storageImport/insecureRegistries', value: ['a.example.com'] },
      {
        op: 'replace',
        path: '/spec/storageImport/insecureRegistries',
        value: ['a.example.com', 'b.example.com:5000'],
      },
    ]);
  });

  it('creates storageImport when absent, guarded by null', () => {
    const s = setField(newSession(hco()), INSECURE_REGISTRIES_FIELD, ['a.example.com']);
    const patch = planPatch(s, [INSECURE_REGISTRIES_FIELD]);
    expect(patch[0]).toEqual({ op: 'test', path: '/spec/storageImport', value: null });
    expect(patch.slice(1)).toContainEqual(
      expect.objectContaining({ op: 'add', path: expect.stringMatching(/^\/spec\/storageImport/) }),
    );
  });

  it('removes the field when the last entry is removed', () => {
    const s = setField(
      newSession(hco({ insecureRegistries: ['a.example.com'] })),
      INSECURE_REGISTRIES_FIELD,
      [],
    );
    expect(planPatch(s, [INSECURE_REGISTRIES_FIELD])).toEqual([
      { op: 'test', path: '/spec/storageImport/insecureRegistries', value: ['a.example.com'] },
      { op: 'remove', path: '/spec/storageImport/insecureRegistries' },
    ]);
  });

  it('v1: sends the list at spec.storage.storageImport.insecureRegistries', () => {
    const v1 = asV1(hco({ insecureRegistries: ['a.example.com'] }));
    const field = insecureRegistriesField(v1);
    expect(field.read?.(['a.example.com'], true)).toEqual(['a.example.com']);
    const s = setField(newSession(v1), field, ['a.example.com', 'b.example.com']);
    expect(planPatch(s, [field])).toEqual([
      { op: 'test', path: '/spec/storage/storageImport/insecureRegistries', value: ['a.example.com'] },
      {
        op: 'replace',
        path: '/spec/storage/storageImport/insecureRegistries',
        value: ['a.example.com', 'b.example.com'],
      },
    ]);
    expect(planPatch(setField(newSession(v1), field, []), [field])).toEqual([
      { op: 'test', path: '/spec/storage/storageImport/insecureRegistries', value: ['a.example.com'] },
      { op: 'remove', path: '/spec/storage/storageImport/insecureRegistries' },
    ]);
  });
});
