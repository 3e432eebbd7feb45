import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from './to-yaml';

describe('toYaml', () => {
  it('writes a StorageClass as kubectl would read it back', () => {
    const sc = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'hostpath-csi-basic',
        annotations: { 'storageclass.kubevirt.io/is-default-virt-class': 'true', description: 'a: b # c' },
      },
      provisioner: 'kubevirt.io.hostpath-provisioner',
      parameters: { storagePool: 'basic-pool' },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: false,
      mountOptions: ['nfsvers=4.1'],
    };
    const yaml = toYaml(sc);
    expect(yaml).toContain('  name: hostpath-csi-basic\n');
    expect(yaml).toContain('storageclass.kubevirt.io/is-default-virt-class: "true"');
    expect(load(yaml)).toEqual(sc);
  });

  it('quotes every string YAML would read as something else, and nests lists of maps', () => {
    const tricky = {
      a: ['yes', 'No', '1', '0x1f', '1e3', '', ' lead', 'trail ', '-x', 'null', '~', '@x', 'a:b', 'on'],
      spec: { claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Block' }], empty: {} },
      n: 3,
      list: [],
      nested: [[1, 2], []],
    };
    expect(load(toYaml(tricky))).toEqual(tricky);
  });
});
