import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from './to-yaml';

describe('toYaml', () => {
  it('writes block YAML that reads back as the same object', () => {
    const object = {
      apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
      kind: 'HostPathProvisioner',
      metadata: { name: 'hostpath-provisioner' },
      spec: {
        imagePullPolicy: 'IfNotPresent',
        storagePools: [
          { name: 'local', path: '/var/hpvolumes/local' },
          {
            name: 'true',
            path: '/var/hpvolumes/pvc #1',
            pvcTemplate: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '100Gi' } },
              storageClassName: '10',
            },
          },
        ],
        workload: { nodeSelector: { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/worker': '' } },
        featureGates: [],
        n: 3,
        b: false,
        z: null,
        nested: [[1, 2], {}, 'a: b', '0x1f', 'yes', ' padded ', '-dash', '1e3', '2026-01-01', '1_000', '.5'],
      },
    };
    const text = toYaml(object);
    expect(load(text)).toEqual(object);
    expect(text).toContain('  storagePools:\n    - name: local\n      path: /var/hpvolumes/local\n');
    expect(text).toContain('storage: 100Gi');
    expect(text).toContain('name: "true"');
    expect(text).toContain('storageClassName: "10"');
  });
});
