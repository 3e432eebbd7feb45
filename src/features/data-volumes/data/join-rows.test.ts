import { describe, expect, it } from 'vitest';
import type { DataVolume, PersistentVolumeClaim } from '../../../k8s/types';
import { joinDataVolumeRows } from './join-rows';

const dv = (name: string, phase: string, restartCount = 0): DataVolume => ({
  metadata: { name, namespace: 'ns', uid: name },
  spec: { storage: { resources: { requests: { storage: '1Gi' } } } },
  status: { phase, restartCount, claimName: name },
});
const pvc = (name: string, size: string): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'ns' },
  spec: { storageClassName: 'fast' },
  status: { capacity: { storage: size } },
});

describe('joinDataVolumeRows', () => {
  it('joins each DataVolume with its PVC and sorts failing first', () => {
    const cache = new Map();
    const { rows, byKey } = joinDataVolumeRows(
      [dv('a', 'Succeeded'), dv('b', 'ImportInProgress', 2), dv('c', 'Failed')],
      [pvc('a', '2Gi')],
      cache,
    );
    expect(rows.map((r) => r.name)).toEqual(['c', 'b', 'a']);
    expect(rows[2].actualSize).toBe('2Gi');
    expect(rows[2].storageClass).toBe('fast');
    expect(byKey.get('ns/c')?.metadata?.uid).toBe('c');
  });

  it('reuses a row while its DataVolume and PVC objects are unchanged, and forgets deleted ones', () => {
    const cache = new Map();
    const a = dv('a', 'Succeeded');
    const b = dv('b', 'ImportInProgress');
    const p = pvc('a', '2Gi');
    const first = joinDataVolumeRows([a, b], [p], cache).rows;
    const b2 = { ...b, status: { ...b.status, progress: '50%' } };
    const second = joinDataVolumeRows([a, b2], [p], cache).rows;
    expect(second.find((r) => r.name === 'a')).toBe(first.find((r) => r.name === 'a'));
    expect(second.find((r) => r.name === 'b')).not.toBe(first.find((r) => r.name === 'b'));
    expect(second.find((r) => r.name === 'b')?.progress).toBe(50);
    joinDataVolumeRows([a], [p], cache);
    expect([...cache.keys()]).toEqual(['ns/a']);
  });
});
