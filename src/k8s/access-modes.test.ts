import { describe, expect, it } from 'vitest';
import { abbreviateAccessMode, formatClaimPropertySet, isAccessMode } from './access-modes';

describe('access modes', () => {
  it('abbreviates the four Kubernetes access modes', () => {
    expect(
      ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOncePod'].map(abbreviateAccessMode),
    ).toEqual(['RWO', 'RWX', 'ROX', 'RWOP']);
  });

  it('shows an unknown mode as the API wrote it', () => {
    expect(abbreviateAccessMode('ReadWriteSometimes')).toBe('ReadWriteSometimes');
    expect(isAccessMode('ReadWriteSometimes')).toBe(false);
  });

  it('formats a claim property set keeping the mode order', () => {
    expect(formatClaimPropertySet({ accessModes: ['ReadWriteMany'], volumeMode: 'Block' })).toBe('RWX Block');
    expect(
      formatClaimPropertySet({ accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], volumeMode: 'Filesystem' }),
    ).toBe('RWO/ROX Filesystem');
  });
});
