import { describe, expect, it } from 'vitest';
import {
  compareQuantities,
  formatBytes,
  formatQuantity,
  parseQuantity,
  quantityToInteger,
  validateStorageSize,
} from './quantity';

describe('parseQuantity (apimachinery grammar)', () => {
  it.each([
    ['10Gi', 10n * 2n ** 30n],
    ['1Ki', 1024n],
    ['1Ei', 2n ** 60n],
    ['1.5Gi', 3n * 2n ** 29n],
    ['.5Mi', 2n ** 19n],
    ['1.Mi', 2n ** 20n],
    ['500M', 500_000_000n],
    ['1k', 1000n],
    ['2T', 2n * 10n ** 12n],
    ['1E', 10n ** 18n],
    ['1e3', 1000n],
    ['1E3', 1000n],
    ['1e+3', 1000n],
    ['15e-1', 2n], // 1.5, rounded up
    ['1500m', 2n],
    ['1000m', 1n],
    ['1n', 1n],
    ['+7', 7n],
    ['007', 7n],
    ['0', 0n],
    ['-1Gi', -(2n ** 30n)],
  ])('%s → %s', (text, value) => expect(quantityToInteger(text)).toBe(value));

  it.each([
    ['', 'empty'],
    ['Gi', 'format'],
    ['+', 'format'],
    ['.', 'format'],
    ['10 Gi', 'format'],
    [' 10Gi', 'format'],
    ['10GB', 'suffix'],
    ['1.2.3', 'format'],
    ['10gi', 'suffix'],
    ['10K', 'suffix'],
    ['10KiB', 'suffix'],
    ['10Mii', 'suffix'],
    ['1e', 'suffix'],
    ['1e-', 'suffix'],
    ['ten', 'format'],
    ['1e1.5', 'format'],
  ])('refuses %j (%s)', (text, error) => expect(parseQuantity(text)).toEqual({ ok: false, error }));
});

describe('validateStorageSize', () => {
  it('accepts positive sizes of at least 1Mi', () => {
    for (const s of ['1Mi', '10Gi', '30Gi', '1048576', '1.5Ti', '2e9', '7Ei']) {
      expect(validateStorageSize(s), s).toBeUndefined();
    }
  });

  it.each([
    ['', { code: 'empty' }],
    ['10 GB', { code: 'format' }],
    ['8Ei', { code: 'too-large' }],
    ['10G1', { code: 'suffix' }],
    ['-5Gi', { code: 'negative' }],
    ['0', { code: 'zero' }],
    ['0Gi', { code: 'zero' }],
    ['0.0', { code: 'zero' }],
    ['1Ki', { code: 'too-small', minimum: '1Mi' }],
    ['1048575', { code: 'too-small', minimum: '1Mi' }],
    ['16Ei', { code: 'too-large' }],
  ])('refuses %j', (text, error) => expect(validateStorageSize(text)).toEqual(error));
});

describe('compare and format', () => {
  it('compares across suffixes', () => {
    expect(compareQuantities('1Gi', '1G')).toBe(1);
    expect(compareQuantities('1024Mi', '1Gi')).toBe(0);
    expect(compareQuantities('5Gi', '10Gi')).toBe(-1);
    expect(compareQuantities('x', '1Gi')).toBeUndefined();
  });

  it('formats bytes in binary units', () => {
    expect(formatBytes(0n)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536n)).toBe('1.5 KiB');
    expect(formatQuantity('30Gi')).toBe('30 GiB');
    expect(formatQuantity('10G')).toBe('9.3 GiB');
    expect(formatQuantity('10G', 2)).toBe('9.31 GiB');
    expect(formatQuantity('1Ei')).toBe('1 EiB');
    expect(formatQuantity('-2Mi')).toBe('-2 MiB');
    expect(formatQuantity('nope')).toBeUndefined();
  });
});
