import { describe, expect, it } from 'vitest';
import {
  fnv32a,
  poolLabelValue,
  poolMountName,
  poolOfClass,
  poolOfParameters,
  poolPvcName,
  resourceNameWithMaxLength,
  sharedPoolPvcName,
} from './pool-names';
import { sc } from './test-fixtures';

describe('fnv32a', () => {
  it('matches the FNV-1a 32-bit test vectors', () => {
    expect(fnv32a('')).toBe('811c9dc5');
    expect(fnv32a('a')).toBe('e40c292c');
    expect(fnv32a('foobar')).toBe('bf9cf968');
  });
});

describe('resourceNameWithMaxLength (operator util.go:137-159)', () => {
  it('joins base and suffix when it fits', () => {
    expect(resourceNameWithMaxLength('hpp-pool', 'local-node1')).toBe('hpp-pool-local-node1');
  });

  it('hashes the whole name when the suffix alone is too long', () => {
    const suffix = `local-${'n'.repeat(60)}`;
    expect(resourceNameWithMaxLength('hpp-pool', suffix)).toBe(`hpp-pool-${fnv32a(`hpp-pool-${suffix}`)}`);
  });

  it('shortens the base and hashes it when the base is too long', () => {
    const pool = 'p'.repeat(70);
    const name = resourceNameWithMaxLength(pool, 'hpp');
    expect(name).toBe(`${'p'.repeat(50)}-${fnv32a(pool)}-hpp`);
    expect(name).toHaveLength(63);
  });

  it('cuts the hashed name to the maximum', () => {
    expect(resourceNameWithMaxLength('abcdefghij', 'x'.repeat(20), 12)).toBe(
      `abc-${fnv32a(`abcdefghij-${'x'.repeat(20)}`)}`.slice(0, 12),
    );
    expect(resourceNameWithMaxLength('a', 'b', 0)).toBe('');
  });
});

describe('derived names', () => {
  it('names pool PVCs, the shared PVC, the label value and the DaemonSet volume', () => {
    expect(poolPvcName('local', 'worker-0')).toBe('hpp-pool-local-worker-0');
    expect(sharedPoolPvcName('nfs')).toBe('hpp-pool-nfs-shared');
    expect(poolLabelValue('local')).toBe('local-hpp');
    expect(poolMountName('local')).toBe('local-data-dir');
    expect(poolMountName('')).toBe('csi-data-dir');
  });
});

describe('poolOfParameters (driver utils.go:150-155)', () => {
  it('is the storagePool parameter when present, even empty, else "legacy"', () => {
    expect(poolOfParameters({ storagePool: 'local' })).toBe('local');
    expect(poolOfParameters({ storagePool: '' })).toBe('');
    expect(poolOfParameters({ other: 'x' })).toBe('legacy');
    expect(poolOfParameters(undefined)).toBe('legacy');
    expect(poolOfClass(sc('a', undefined, { storagePool: 'p' }))).toBe('p');
  });
});
