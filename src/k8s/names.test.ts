import { describe, expect, it } from 'vitest';
import { isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName, metadataName } from './names';

describe('names', () => {
  it('accepts DNS-1123 labels and refuses dots, capitals, edges and length > 63', () => {
    expect(isDns1123Label('team-b')).toBe(true);
    expect(isDns1123Label('a.b')).toBe(false);
    expect(isDns1123Label('Team')).toBe(false);
    expect(isDns1123Label('-a')).toBe(false);
    expect(isDns1123Label('a'.repeat(63))).toBe(true);
    expect(isDns1123Label('a'.repeat(64))).toBe(false);
  });
  it('accepts DNS-1123 subdomains with dots up to 253 characters', () => {
    expect(isDns1123Subdomain('datavolume-cloner.team-b')).toBe(true);
    expect(isDns1123Subdomain('cdi.kubevirt.io:clone-sourcer')).toBe(false);
    expect(isDns1123Subdomain('a..b')).toBe(false);
    expect(isDns1123Subdomain(`${'a'.repeat(63)}.`.repeat(4) + 'a')).toBe(false);
    expect(isDns1123Subdomain('')).toBe(false);
  });
  it('checks qualified names and label values', () => {
    expect(isQualifiedName('kubernetes.io/hostname')).toBe(true);
    expect(isQualifiedName('/x')).toBe(false);
    expect(isQualifiedName('a/b/c')).toBe(false);
    expect(isLabelValue('')).toBe(true);
    expect(isLabelValue('a b')).toBe(false);
  });
  it('reads a name or gives an empty one', () => {
    expect(metadataName({ metadata: { name: 'x' } })).toBe('x');
    expect(metadataName({})).toBe('');
  });
});
