import { describe, expect, it } from 'vitest';
import type { DataVolume, PersistentVolumeClaim } from '../../../k8s/types';
import {
  ageSeconds,
  indexPvcs,
  parseProgress,
  sortFailingFirst,
  toDataVolumeRow,
  toDataVolumeRows,
} from './dv-rows';

const dv = (name: string, patch: Partial<DataVolume> = {}, namespace = 'vms'): DataVolume => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name, namespace, creationTimestamp: '2026-12-01T00:00:00Z' },
  spec: {
    source: { http: { url: 'https://x/d.qcow2' } },
    storage: { resources: { requests: { storage: '30Gi' } } },
  },
  ...patch,
});

describe('parseProgress', () => {
  it('reads CDI progress strings', () => {
    expect(parseProgress('37.52%')).toBe(37.52);
    expect(parseProgress('100.0%')).toBe(100);
    expect(parseProgress('N/A')).toBeUndefined();
    expect(parseProgress('')).toBeUndefined();
    expect(parseProgress(undefined)).toBeUndefined();
    expect(parseProgress('250%')).toBeUndefined();
  });
});

describe('toDataVolumeRow', () => {
  it('derives phase, progress, source, sizes, conditions, owner and age', () => {
    const row = toDataVolumeRow(
      dv('fedora-abc', {
        metadata: {
          name: 'fedora-abc',
          namespace: 'os-images',
          creationTimestamp: '2026-12-01T00:00:00Z',
          ownerReferences: [
            { apiVersion: 'v1', kind: 'Other', name: 'x', uid: '1' },
            {
              apiVersion: 'cdi.kubevirt.io/v1beta1',
              kind: 'DataImportCron',
              name: 'fedora',
              uid: '2',
              controller: true,
            },
          ],
        },
        spec: {
          source: { registry: { url: 'docker://quay.io/containerdisks/fedora:41' } },
          storage: { resources: { requests: { storage: '10Gi' } } },
          preallocation: true,
        },
        status: {
          phase: 'ImportInProgress',
          progress: '37.52%',
          restartCount: 2,
          conditions: [
            { type: 'Bound', status: 'True', reason: 'Bound', message: 'PVC fedora-abc Bound' },
            { type: 'Running', status: 'True', reason: 'Pod is running' },
            { type: 'Ready', status: 'False', reason: 'TransferRunning' },
            { type: 'Other', status: 'True' },
          ],
        },
      }),
    );
    expect(row).toMatchObject({
      key: 'os-images/fedora-abc',
      phase: 'ImportInProgress',
      progress: 37.52,
      sourceKind: 'registry',
      requestedSize: '10Gi',
      storageClass: undefined,
      accessModes: undefined,
      volumeMode: undefined,
      storageFrom: 'spec',
      storageApi: 'storage',
      preallocation: true,
      restartCount: 2,
      owner: { kind: 'DataImportCron', name: 'fedora' },
      rank: 1,
    });
    expect(row.conditions).toEqual({
      Bound: { status: 'True', reason: 'Bound', message: 'PVC fedora-abc Bound' },
      Running: { status: 'True', reason: 'Pod is running' },
      Ready: { status: 'False', reason: 'TransferRunning' },
    });
    expect(ageSeconds(row, Date.parse('2026-12-01T01:00:00Z'))).toBe(3600);
  });

  it('storage in effect: the bound PVC wins over what the spec asks', () => {
    const d = dv('a', { status: { phase: 'Succeeded', progress: '100.0%' } });
    const pvc: PersistentVolumeClaim = {
      metadata: {
        name: 'a',
        namespace: 'vms',
        annotations: { 'cdi.kubevirt.io/storage.preallocation': 'true' },
      },
      spec: { storageClassName: 'ceph-rbd', accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
      status: { phase: 'Bound', capacity: { storage: '32Gi' }, accessModes: ['ReadWriteMany'] },
    };
    const [row] = toDataVolumeRows([d], indexPvcs([pvc]));
    expect(row).toMatchObject({
      storageClass: 'ceph-rbd',
      accessModes: ['ReadWriteMany'],
      volumeMode: 'Block',
      actualSize: '32Gi',
      storageFrom: 'pvc',
      preallocation: undefined,
      preallocationApplied: true,
    });
    // spec.pvc as written; Kubernetes defaults its volumeMode to Filesystem.
    expect(
      toDataVolumeRow(
        dv('b', {
          spec: {
            source: { blank: {} },
            pvc: {
              storageClassName: 'lvms',
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '1Gi' } },
            },
          },
        }),
      ),
    ).toMatchObject({
      storageClass: 'lvms',
      accessModes: ['ReadWriteOnce'],
      volumeMode: 'Filesystem',
      storageApi: 'pvc',
    });
  });

  it('finds the PVC by status.claimName and names every source kind', () => {
    const d = dv('c', { status: { claimName: 'other-claim' } });
    const pvc: PersistentVolumeClaim = {
      metadata: { name: 'other-claim', namespace: 'vms' },
      spec: { storageClassName: 'x' },
    };
    expect(toDataVolumeRows([d], indexPvcs([pvc]))[0].storageClass).toBe('x');
    expect(
      toDataVolumeRow(dv('d', { spec: { sourceRef: { kind: 'DataSource', name: 'f' } } })).sourceKind,
    ).toBe('dataSource');
    expect(
      toDataVolumeRow(dv('e', { spec: { source: { pvc: { namespace: 'a', name: 'b' } } } })).sourceKind,
    ).toBe('pvc');
    expect(
      toDataVolumeRow(dv('f', { spec: { storage: { dataSourceRef: { kind: 'X', name: 'y' } } } })).sourceKind,
    ).toBe('external');
  });
});

describe('sortFailingFirst', () => {
  const row = (name: string, phase: string, restartCount = 0, namespace = 'vms') =>
    toDataVolumeRow(dv(name, { status: { phase, restartCount } }, namespace));

  it('Failed, then restarting, then in progress, then Succeeded; then namespace and name', () => {
    const rows = [
      row('ok', 'Succeeded', 3),
      row('b', 'ImportInProgress'),
      row('retry', 'ImportInProgress', 1),
      row('a', 'Pending', 0, 'a-ns'),
      row('broken', 'Failed'),
      row('a', 'ImportInProgress'),
      row('new', ''),
    ];
    expect(sortFailingFirst(rows).map((r) => r.key)).toEqual([
      'vms/broken',
      'vms/retry',
      'a-ns/a',
      'vms/a',
      'vms/b',
      'vms/new',
      'vms/ok',
    ]);
    expect(rows[0].key).toBe('vms/ok'); // the input is not reordered
  });

  it('derives and sorts 10,000 DataVolumes in under a second', () => {
    const phases = [
      'Succeeded',
      'ImportInProgress',
      'Failed',
      'Pending',
      'CloneInProgress',
      'WaitForFirstConsumer',
    ];
    const dvs = Array.from({ length: 10_000 }, (_, i) =>
      dv(
        `dv-${(i * 7919) % 10_000}`,
        {
          status: {
            phase: phases[i % phases.length],
            progress: `${i % 100}.5%`,
            restartCount: i % 13 === 0 ? 1 : 0,
          },
        },
        `ns-${i % 50}`,
      ),
    );
    const pvcs = indexPvcs(
      dvs.map((d) => ({
        metadata: { name: d.metadata!.name, namespace: d.metadata!.namespace },
        spec: { storageClassName: 'c' },
      })),
    );
    const start = performance.now();
    const sorted = sortFailingFirst(toDataVolumeRows(dvs, pvcs));
    const elapsed = performance.now() - start;
    expect(elapsed).toBeLessThan(1000);
    expect(sorted).toHaveLength(10_000);
    const outOfOrder = sorted.findIndex(
      (b, i) =>
        i > 0 &&
        (sorted[i - 1].rank > b.rank ||
          (sorted[i - 1].rank === b.rank &&
            `${sorted[i - 1].namespace}\u0000${sorted[i - 1].name}` > `${b.namespace}\u0000${b.name}`)),
    );
    expect(outOfOrder).toBe(-1);
    expect(sorted[0].phase).toBe('Failed');
    expect(sorted[9_999].phase).toBe('Succeeded');
  });
});
