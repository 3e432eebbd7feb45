import { describe, expect, it } from 'vitest';
import type { DataImportCron, DataSource, HyperConverged, K8sCondition } from '../../../k8s/types';
import { buildBootSourceRows, compareRows, countHealth, healthOf } from './boot-source-rows';

const NS = 'openshift-virtualization-os-images';
const cond = (type: string, status: 'True' | 'False', reason: string, message = ''): K8sCondition => ({
  type,
  status,
  reason,
  message,
});
const spec = (ds: string, url: string, extra: Record<string, unknown> = {}) => ({
  schedule: '17 3/12 * * *',
  managedDataSource: ds,
  retentionPolicy: 'None' as const,
  importsToKeep: 1,
  template: { spec: { source: { registry: { url } }, ...extra } },
});

const hco: HyperConverged = {
  apiVersion: 'hco.kubevirt.io/v1beta1',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
  spec: {
    dataImportCronTemplates: [
      {
        metadata: {
          name: 'rhel8-image-cron',
          annotations: { 'dataimportcrontemplate.kubevirt.io/enable': 'false' },
        },
      },
      {
        metadata: { name: 'tools-image-cron' },
        spec: spec('tools', 'docker://quay.io/acme/tools:1', { storage: { storageClassName: 'lvms-vg1' } }),
      },
      {
        metadata: { name: 'centos-stream10-image-cron' },
        spec: spec('centos-stream10', 'docker://quay.io/containerdisks/centos-stream:10'),
      },
    ],
  },
  status: {
    dataImportCronTemplates: [
      {
        metadata: { name: 'centos-stream10-image-cron' },
        spec: spec('centos-stream10', 'docker://quay.io/containerdisks/centos-stream:10'),
        status: { commonTemplate: true, modified: true },
      },
      {
        metadata: { name: 'fedora-image-cron' },
        spec: spec('fedora', 'docker://quay.io/containerdisks/fedora:latest'),
        status: { commonTemplate: true },
      },
      {
        metadata: { name: 's390x-only-image-cron' },
        spec: spec('s390x-only', 'docker://quay.io/acme/s390x:1'),
        status: { conditions: [cond('Deployed', 'False', 'UnsupportedArchitectures', 'no arch')] },
      },
      {
        metadata: { name: 'tools-image-cron' },
        spec: spec('tools', 'docker://quay.io/acme/tools:1', { storage: { storageClassName: 'lvms-vg1' } }),
        status: {},
      },
    ],
  },
};

const cron = (
  name: string,
  ds: string,
  status: DataImportCron['status'],
  annotations = {},
): DataImportCron => ({
  metadata: { name, namespace: NS, labels: { 'app.kubernetes.io/managed-by': 'ssp-operator' }, annotations },
  spec: spec(ds, 'docker://x'),
  status,
});

const crons: DataImportCron[] = [
  cron('fedora-image-cron', 'fedora', {
    conditions: [cond('UpToDate', 'False', 'Outdated', 'Source digest updated since last import')],
  }),
  cron(
    'tools-image-cron',
    'tools',
    {
      conditions: [cond('UpToDate', 'True', 'UpToDate'), cond('Progressing', 'False', 'NoImport')],
      lastImportTimestamp: '2026-11-01T00:00:00Z',
      sourceFormat: 'pvc',
    },
    { 'cdi.kubevirt.io/storage.import.storageClass': 'lvms-vg1' },
  ),
  cron('centos-stream10-image-cron', 'centos-stream10', {
    conditions: [cond('UpToDate', 'False', 'NoDigest', 'No source digest')],
  }),
  { ...cron('hand-made', 'hand', {}), metadata: { name: 'hand-made', namespace: 'team-a' } },
];

const dataSources: DataSource[] = [
  {
    metadata: { name: 'tools', namespace: NS },
    spec: { source: { pvc: { name: 'tools-abc', namespace: NS } } },
    status: { conditions: [cond('Ready', 'True', 'Ready')] },
  },
];

describe('buildBootSourceRows', () => {
  const rows = buildBootSourceRows({ hco, crons, dataSources, defaultClassName: 'rbd-virt' });
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));

  it('gives every golden image one row with its kind, including disabled and hand-made ones', () => {
    expect(Object.keys(byName).sort()).toEqual([
      'centos-stream10-image-cron',
      'fedora-image-cron',
      'hand-made',
      'rhel8-image-cron',
      's390x-only-image-cron',
      'tools-image-cron',
    ]);
    expect(byName['centos-stream10-image-cron'].kind).toBe('customised');
    expect(byName['fedora-image-cron'].kind).toBe('system');
    expect(byName['tools-image-cron'].kind).toBe('custom');
    expect(byName['rhel8-image-cron']).toMatchObject({ kind: 'system', enabled: false, health: 'disabled' });
    expect(byName['hand-made'].kind).toBe('standalone');
  });

  it('tells failing, outdated, not deployed, pending and up to date apart', () => {
    expect(byName['centos-stream10-image-cron'].health).toBe('failing');
    expect(byName['fedora-image-cron'].health).toBe('outdated');
    expect(byName['s390x-only-image-cron'].health).toBe('not-deployed');
    expect(byName['s390x-only-image-cron'].healthCondition?.reason).toBe('UnsupportedArchitectures');
    expect(byName['tools-image-cron'].health).toBe('up-to-date');
  });

  it('says where the source imports and what its DataSource points at', () => {
    expect(byName['tools-image-cron']).toMatchObject({
      storageClass: 'lvms-vg1',
      storageClassFromTemplate: true,
      dataSourceReady: { status: 'True' },
      pointsTo: { kind: 'PersistentVolumeClaim', name: 'tools-abc', namespace: NS },
    });
    expect(byName['fedora-image-cron']).toMatchObject({
      storageClass: 'rbd-virt',
      storageClassFromTemplate: false,
    });
  });

  it('sorts the worst first and counts each state', () => {
    const order = [...rows].sort(compareRows).map((r) => r.health);
    expect(order[0]).toBe('failing');
    expect(order[order.length - 1]).toBe('disabled');
    // The hand-made cron has no status yet: waiting for its first import.
    expect(countHealth(rows)).toEqual({ upToDate: 1, importing: 1, outdated: 1, failing: 2, disabled: 1 });
  });
});

describe('healthOf', () => {
  const base = { enabled: true, hasCron: true, currentImports: [] };
  it('reports an import in progress and a failed DataVolume phase', () => {
    expect(healthOf({ ...base, currentImports: [{ DataVolumeName: 'x' }] })).toBe('importing');
    expect(healthOf({ ...base, progressing: cond('Progressing', 'False', 'Failed') })).toBe('failing');
    expect(healthOf({ ...base, hasCron: false })).toBe('pending');
  });
});
