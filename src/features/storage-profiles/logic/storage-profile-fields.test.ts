import { describe, expect, it } from 'vitest';
import { newSession, planPatch, setField, type EditSession } from '../../../k8s/edit-session';
import type { StorageProfile } from '../../../k8s/types';
import { adminSetFields, CLEARED_VALUES, STORAGE_PROFILE_FIELDS } from './storage-profile-fields';

const profile = (spec: StorageProfile['spec']): StorageProfile => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: { name: 'acme-fast', resourceVersion: '42' },
  spec,
  status: { provisioner: 'csi.acme.example.com', cloneStrategy: 'copy' },
});

const RWX_BLOCK = { accessModes: ['ReadWriteMany' as const], volumeMode: 'Block' as const };
const RWO_FS = { accessModes: ['ReadWriteOnce' as const], volumeMode: 'Filesystem' as const };

const edit = (p: StorageProfile, values: Record<string, unknown>): EditSession<StorageProfile> =>
  Object.entries(values).reduce(
    (s, [id, v]) =>
      setField(
        s,
        STORAGE_PROFILE_FIELDS.find((f) => f.id === id)!,
        v,
      ),
    newSession(p),
  );

describe('StorageProfile form fields', () => {
  it('adds new admin values with a null guard for each, and touches nothing else', () => {
    const ops = planPatch(
      edit(profile({}), { claimPropertySets: [RWX_BLOCK], cloneStrategy: 'csi-clone' }),
      STORAGE_PROFILE_FIELDS,
    );
    expect(ops).toEqual([
      { op: 'test', path: '/spec/claimPropertySets', value: null },
      { op: 'test', path: '/spec/cloneStrategy', value: null },
      { op: 'add', path: '/spec/claimPropertySets', value: [RWX_BLOCK] },
      { op: 'add', path: '/spec/cloneStrategy', value: 'csi-clone' },
    ]);
  });

  it('removes a value the admin cleared, so CDI decides again', () => {
    const ops = planPatch(
      edit(profile({ cloneStrategy: 'snapshot' }), { cloneStrategy: '' }),
      STORAGE_PROFILE_FIELDS,
    );
    expect(ops).toEqual([
      { op: 'test', path: '/spec/cloneStrategy', value: 'snapshot' },
      { op: 'remove', path: '/spec/cloneStrategy' },
    ]);
  });

  it('never touches a stored empty value the user left alone, and replaces one the user filled in', () => {
    const stored = profile({ cloneStrategy: '', claimPropertySets: [] });
    expect(
      planPatch(edit(stored, { cloneStrategy: '', claimPropertySets: [] }), STORAGE_PROFILE_FIELDS),
    ).toEqual([]);
    expect(planPatch(edit(stored, { cloneStrategy: 'copy' }), STORAGE_PROFILE_FIELDS)).toEqual([
      { op: 'test', path: '/spec/cloneStrategy', value: '' },
      { op: 'replace', path: '/spec/cloneStrategy', value: 'copy' },
    ]);
  });

  it('sends a reordered claim property list whole', () => {
    const ops = planPatch(
      edit(profile({ claimPropertySets: [RWO_FS, RWX_BLOCK] }), { claimPropertySets: [RWX_BLOCK, RWO_FS] }),
      STORAGE_PROFILE_FIELDS,
    );
    expect(ops[1]).toEqual({ op: 'replace', path: '/spec/claimPropertySets', value: [RWX_BLOCK, RWO_FS] });
  });

  it('resets to CDI defaults by removing only the admin-set fields, keeping fields the plugin does not edit', () => {
    const p = profile({
      cloneStrategy: 'copy',
      snapshotClass: '',
      futureField: 'x',
    } as StorageProfile['spec']);
    const ops = planPatch(edit(p, CLEARED_VALUES), STORAGE_PROFILE_FIELDS);
    expect(ops).toEqual([
      { op: 'test', path: '/spec/cloneStrategy', value: 'copy' },
      { op: 'remove', path: '/spec/cloneStrategy' },
    ]);
  });

  it('does not share arrays with the object it was read from', () => {
    const p = profile({ claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] });
    const sets = STORAGE_PROFILE_FIELDS[0].read!(p.spec?.claimPropertySets, true);
    sets[0].accessModes.push('ReadWriteOnce');
    expect(p.spec?.claimPropertySets?.[0].accessModes).toEqual(['ReadWriteMany']);
  });
});

describe('adminSetFields', () => {
  it('lists the fields an administrator set, ignoring empty values', () => {
    expect(
      adminSetFields(profile({ cloneStrategy: 'copy', snapshotClass: '', claimPropertySets: [] })),
    ).toEqual(['cloneStrategy']);
  });
});
