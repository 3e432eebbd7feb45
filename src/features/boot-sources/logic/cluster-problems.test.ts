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
const hco = (spec: HyperConverged['spec'] = {}): HyperConverged => ({
  apiVersion: 'hco.kubevirt.io/v1beta1',
  metadata: { name: 'h' },
  spec,
});
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
      {
        id: 'deprecated-gate',
        severity: 'warning',
        value: true,
        effective: false,
        field: 'spec.enableCommonBootImageImport',
      },
      { id: 'common-off', severity: 'info', field: 'spec.enableCommonBootImageImport' },
    ]);
  });

  it('v1: reads the switch under spec.workloadSources and names it so', () => {
    const v1: HyperConverged = {
      apiVersion: 'hco.kubevirt.io/v1',
      metadata: { name: 'h' },
      spec: {
        workloadSources: { enableCommonBootImageImport: false },
        // v1 has no deprecated gate (HCO converts supported gates only); a list entry of that name is ignored.
        featureGates: [{ name: 'enableMultiArchBootImageImport' }],
      },
    };
    expect(findClusterProblems({ hco: v1, rows: [] })).toEqual([
      { id: 'common-off', severity: 'info', field: 'spec.workloadSources.enableCommonBootImageImport' },
    ]);
    const on: HyperConverged = { ...v1, spec: { workloadSources: { enableCommonBootImageImport: true } } };
    expect(findClusterProblems({ hco: on, rows: [] })).toEqual([]);
    // The v1beta1 field on a v1 object is not the switch.
    expect(
      findClusterProblems({ hco: { ...on, spec: { enableCommonBootImageImport: false } }, rows: [] }),
    ).toEqual([]);
  });

  it('says nothing about defaults when StorageClasses could not be read', () => {
    expect(findClusterProblems({ hco: hco(), rows: [row('a')] })).toEqual([]);
  });
});
