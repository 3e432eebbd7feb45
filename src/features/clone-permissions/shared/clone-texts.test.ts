import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ownerText, subjectText, subjectWho } from './clone-texts';

let t: TFunction;
beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: {}, interpolation: { escapeValue: false } });
  t = i18next.t;
});

describe('clone-permission words', () => {
  it('names a subject by its kind, a service account with its namespace', () => {
    expect(subjectText(t, { kind: 'ServiceAccount', name: 'default', namespace: 'team-b' })).toBe(
      'Service account team-b/default',
    );
    expect(subjectText(t, { kind: 'User', name: 'joe' })).toBe('User joe');
    expect(subjectText(t, { kind: 'Group', name: 'system:authenticated' })).toBe(
      'Group system:authenticated',
    );
  });

  it('says who an "everyone" group is in a sentence, else names the subject', () => {
    expect(subjectWho(t, { kind: 'Group', name: 'system:authenticated' })).toBe('Every authenticated user');
    expect(subjectWho(t, { kind: 'Group', name: 'system:serviceaccounts' })).toBe(
      'Every service account in the cluster',
    );
    expect(subjectWho(t, { kind: 'Group', name: 'system:serviceaccounts:team-b' })).toBe(
      'Every service account of namespace team-b',
    );
    expect(subjectWho(t, { kind: 'Group', name: 'storage-admins' })).toBe('Group storage-admins');
    expect(subjectWho(t, { kind: 'ServiceAccount', name: 'default', namespace: 'team-b' })).toBe(
      'Service account team-b/default',
    );
  });

  it('names the owner of a binding', () => {
    expect(ownerText(t, 'ssp')).toBe('SSP operator');
    expect(ownerText(t, 'cdi')).toBe('CDI operator');
    expect(ownerText(t, 'bootstrap')).toBe('Kubernetes default');
    expect(ownerText(t, 'plugin')).toBe('This plugin');
    expect(ownerText(t, 'other')).toBe('Someone else (by hand or another tool)');
  });
});
