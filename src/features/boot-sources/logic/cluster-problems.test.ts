import { describe, expect, it } from 'vitest';
import type { HyperConverged, StorageProfile } from '../../../k8s/types';
import type { BootSourceRow } from './boot-source-rows';
import { findClusterProblems } from './cluster-problems';

const row = (name: string, extra: Partial<BootSourceRow> = {}): BootSourceRow => ({
  name,
  kind: 'system',
  enabled: true,
  health: 'up-to-date',
  namespace: 'ns',
  storageClassFromTemplate: false,
  currentImports: [],
  ...extra,
});
const hco = (spec: HyperConverged['spec'] = {}): HyperConverged => ({ metadata: { name: 'h' }, spec });
const profile = (name: string, complete: boolean, format = 'pvc'): StorageProfile => ({
  metadata: { name },
  spec: {},
  status: {
    provisioner: `${name}.csi`,
    dataImportCronSourceFormat: format,
    claimPropertySets: complete ? [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] : [],
  },
});

describe('findClusterProblems', () => {
  it('names sources that cannot import without any default class', () => {
    const problems = findClusterProblems({
      hco: hco(),
      rows: [row('a'), row('b', { storageClass: 'x', storageClassFromTemplate: true })],
      defaults: { virt: [], k8s: [] },
    });
    expect(problems).toContainEqual({ id: 'no-default-class', severity: 'danger', sources: ['a'] });
  });

  it('flags several virt defaults and an incomplete profile where sources import', () => {
    const problems = findClusterProblems({
      hco: hco(),
      rows: [row('a', { storageClass: 'acme' })],
      defaults: { virt: ['v1', 'v2'], k8s: ['k'] },
      profiles: [profile('acme', false)],
    });
    expect(problems.map((p) => p.id)).toEqual(['several-virt-defaults', 'incomplete-profile']);
  });

  it('suggests snapshots only where a VolumeSnapshotClass serves the driver', () => {
    const rows = [row('a', { storageClass: 'rbd' })];
    const withVsc = findClusterProblems({
      hco: hco(),
      rows,
      profiles: [profile('rbd', true)],
      snapshotClasses: [{ metadata: { name: 'snap' }, driver: 'rbd.csi', deletionPolicy: 'Delete' }],
    });
    expect(withVsc.map((p) => p.id)).toEqual(['snapshots-possible']);
    expect(
      findClusterProblems({ hco: hco(), rows, profiles: [profile('rbd', true)], snapshotClasses: [] }),
    ).toEqual([]);
    // Unknown snapshot classes: nothing is suggested.
    expect(findClusterProblems({ hco: hco(), rows, profiles: [profile('rbd', true)] })).toEqual([]);
  });

  it('says the deprecated gate has no effect and that system sources are off', () => {
    const problems = findClusterProblems({
      hco: hco({ enableCommonBootImageImport: false, featureGates: { enableCommonBootImageImport: true } }),
      rows: [],
    });
    expect(problems).toEqual([
      { id: 'deprecated-gate', severity: 'warning', value: true, effective: false },
      { id: 'common-off', severity: 'info' },
    ]);
  });

  it('says nothing about defaults when StorageClasses could not be read', () => {
    expect(findClusterProblems({ hco: hco(), rows: [row('a')] })).toEqual([]);
  });
});
