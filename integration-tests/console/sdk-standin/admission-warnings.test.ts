import { describe, expect, it, vi } from 'vitest';
import { onAdmissionWarnings, parseWarningHeader, publishAdmissionWarnings } from './admission-warnings';

describe('admission warnings', () => {
  it('reads the texts of an apiserver Warning header, several joined by commas', () => {
    expect(parseWarningHeader('299 - "spec.featureGates.foo is deprecated"')).toEqual([
      'spec.featureGates.foo is deprecated',
    ]);
    expect(parseWarningHeader('299 - "first, with a comma", 299 - "second \\"quoted\\""')).toEqual([
      'first, with a comma',
      'second "quoted"',
    ]);
  });

  it('keeps a header it cannot parse verbatim rather than losing it', () => {
    expect(parseWarningHeader('something odd')).toEqual(['something odd']);
  });

  it('tells subscribers only when there is a warning', () => {
    const seen = vi.fn();
    const off = onAdmissionWarnings(seen);
    publishAdmissionWarnings(null);
    publishAdmissionWarnings('299 - "careful"');
    off();
    publishAdmissionWarnings('299 - "not heard"');
    expect(seen.mock.calls).toEqual([[['careful']]]);
  });
});
