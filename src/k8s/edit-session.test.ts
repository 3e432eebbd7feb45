import { describe, expect, it } from 'vitest';
import {
  changesOf,
  fieldValue,
  fieldsChangedSince,
  guardFailed,
  newSession,
  planPatch,
  rebase,
  resolveBothChanged,
  setField,
  optionalStringField,
} from './edit-session';
import { testedPaths } from './json-patch';

/** '' in the form means "not set": the field is removed. */
const optionalString = (id: string) => optionalStringField(id, ['spec', id]);
const FIELDS = [optionalString('cloneStrategy'), optionalString('dataImportCronSourceFormat')];
const [CLONE, FORMAT] = FIELDS;

const profile = (rv: string, spec: Record<string, unknown>) => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: { name: 'acme-fast', resourceVersion: rv },
  spec,
  status: { provisioner: 'acme.example.com' },
});

describe('edit session', () => {
  it('records only the fields the user changed; a value changed back is no edit', () => {
    let s = newSession(profile('1', { cloneStrategy: 'copy' }));
    s = setField(s, FORMAT, 'snapshot');
    expect(s.edits).toEqual({ dataImportCronSourceFormat: 'snapshot' });
    expect(fieldValue(s, CLONE)).toBe('copy');
    s = setField(s, FORMAT, '');
    expect(s.edits).toEqual({});
    expect(planPatch(s, FIELDS)).toEqual([]);
  });

  it("the lost update: after a conflict, only the user's own edit is re-applied and the other change stays", () => {
    const seenByB = profile('1', {});
    let b = setField(newSession(seenByB), FORMAT, 'snapshot');
    // A sets the clone strategy meanwhile (and CDI bumps status).
    const afterA = profile('5', { cloneStrategy: 'csi-clone' });
    const firstTry = planPatch(b, FIELDS);
    // B's first patch only tests and writes the format, so it would even succeed without a rebase…
    expect(firstTry).toEqual([
      { op: 'test', path: '/spec/dataImportCronSourceFormat', value: null },
      { op: 'add', path: '/spec/dataImportCronSourceFormat', value: 'snapshot' },
    ]);
    // …and after a rebase on A's object, the patch still never touches the clone strategy.
    b = rebase(b, FIELDS, afterA);
    expect(fieldValue(b, CLONE)).toBe('csi-clone');
    expect(b.changedMeanwhile).toEqual([{ id: 'cloneStrategy', before: '', after: 'csi-clone' }]);
    expect(b.bothChanged).toEqual([]);
    const secondTry = planPatch(b, FIELDS);
    expect(secondTry.some((op) => op.path === '/spec/cloneStrategy')).toBe(false);
    expect(changesOf(b, FIELDS)).toEqual([
      { path: ['spec', 'dataImportCronSourceFormat'], value: 'snapshot' },
    ]);
  });

  it('a field changed by both shows both values, keeps mine until the user picks, and blocks nothing else', () => {
    let s = setField(newSession(profile('1', { cloneStrategy: 'copy' })), CLONE, 'snapshot');
    s = rebase(s, FIELDS, profile('2', { cloneStrategy: 'csi-clone' }));
    expect(s.bothChanged).toEqual([
      { id: 'cloneStrategy', original: 'copy', theirs: 'csi-clone', mine: 'snapshot' },
    ]);
    expect(fieldValue(s, CLONE)).toBe('snapshot');
    const theirs = resolveBothChanged(s, 'cloneStrategy', 'theirs');
    expect(fieldValue(theirs, CLONE)).toBe('csi-clone');
    expect(planPatch(theirs, FIELDS)).toEqual([]);
    const mine = resolveBothChanged(s, 'cloneStrategy', 'mine');
    expect(mine.bothChanged).toEqual([]);
    expect(planPatch(mine, FIELDS)).toEqual([
      { op: 'test', path: '/spec/cloneStrategy', value: 'csi-clone' },
      { op: 'replace', path: '/spec/cloneStrategy', value: 'snapshot' },
    ]);
  });

  it('an edit the other side already made is no longer an edit', () => {
    let s = setField(newSession(profile('1', {})), CLONE, 'copy');
    s = rebase(s, FIELDS, profile('2', { cloneStrategy: 'copy' }));
    expect(s.edits).toEqual({});
    expect(s.bothChanged).toEqual([]);
  });

  it("an out-of-order re-read (older than the base) changes nothing, so the user's pick stands", () => {
    let s = setField(newSession(profile('10', { cloneStrategy: 'copy' })), CLONE, 'snapshot');
    s = rebase(s, FIELDS, profile('12', { cloneStrategy: 'csi-clone' }));
    s = resolveBothChanged(s, 'cloneStrategy', 'mine');
    const late = rebase(s, FIELDS, profile('11', { cloneStrategy: 'copy' }));
    expect(late).toBe(s);
    // A newer read with the same value keeps the pick; a newer change asks again.
    const same = rebase(s, FIELDS, profile('13', { cloneStrategy: 'csi-clone' }));
    expect(same.bothChanged).toEqual([]);
    expect(fieldValue(same, CLONE)).toBe('snapshot');
    const again = rebase(s, FIELDS, profile('14', { cloneStrategy: 'copy' }));
    expect(again.bothChanged.map((b) => b.theirs)).toEqual(['copy']);
  });

  it('status-only changes are not "changed meanwhile" and not a failed guard', () => {
    const s = setField(newSession(profile('1', { cloneStrategy: 'copy' })), FORMAT, 'pvc');
    const heartbeat = { ...profile('9', { cloneStrategy: 'copy' }), status: { provisioner: 'other' } };
    expect(fieldsChangedSince(s, FIELDS, heartbeat)).toEqual([]);
    const patch = planPatch(s, FIELDS);
    expect(guardFailed(s.base, heartbeat, testedPaths(patch))).toBe(false);
    expect(
      guardFailed(s.base, profile('9', { dataImportCronSourceFormat: 'snapshot' }), testedPaths(patch)),
    ).toBe(true);
  });
});
