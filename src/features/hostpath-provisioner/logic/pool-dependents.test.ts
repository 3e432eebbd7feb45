import { describe, expect, it } from 'vitest';
import { HPP_LEGACY_PROVISIONER } from './hpp-types';
import { dependentsOfPool, dependentsOfProvisioner } from './pool-dependents';
import { hpp, pvc, sc } from './test-fixtures';

const classes = [
  sc('hpp-local', undefined, { storagePool: 'local' }),
  sc('hpp-local-2', undefined, { storagePool: 'local' }),
  sc('hpp-overlay', undefined, { storagePool: 'shared', overlayCSI: 'true' }),
  sc('hostpath-csi'),
  sc('old', HPP_LEGACY_PROVISIONER),
  sc('ceph', 'rbd.csi.ceph.com'),
];
const pvcs = [
  pvc('disk-b', 'vms', 'hpp-local', 'Bound'),
  pvc('disk-a', 'vms', 'hpp-local-2', 'Bound'),
  pvc('waiting', 'apps', 'hpp-local'),
  pvc('shared-disk', 'vms', 'hpp-overlay', 'Bound'),
  pvc('legacy-disk', 'vms', 'hostpath-csi', 'Bound'),
  pvc('old-disk', 'vms', 'old', 'Bound'),
  pvc('ceph-disk', 'vms', 'ceph', 'Bound'),
];

describe('dependentsOfPool', () => {
  it('the classes that provision from the pool and their claims', () => {
    expect(dependentsOfPool('local', classes, pvcs)).toEqual({
      classes: ['hpp-local', 'hpp-local-2'],
      claims: [
        { name: 'waiting', namespace: 'apps', storageClass: 'hpp-local' },
        { name: 'disk-a', namespace: 'vms', storageClass: 'hpp-local-2', phase: 'Bound' },
        { name: 'disk-b', namespace: 'vms', storageClass: 'hpp-local', phase: 'Bound' },
      ],
    });
    expect(dependentsOfPool('shared', classes, pvcs).classes).toEqual(['hpp-overlay']);
    // A CSI class without storagePool provisions from "legacy".
    expect(dependentsOfPool('legacy', classes, pvcs)).toMatchObject({
      classes: ['hostpath-csi'],
      claims: [{ name: 'legacy-disk' }],
    });
    expect(dependentsOfPool('unused', classes, pvcs)).toEqual({ classes: [], claims: [] });
  });

  it('unreadable inputs are unknown, not "none"', () => {
    expect(dependentsOfPool('local', undefined, pvcs)).toEqual({});
    expect(dependentsOfPool('local', classes, undefined)).toEqual({ classes: ['hpp-local', 'hpp-local-2'] });
  });
});

describe('dependentsOfProvisioner', () => {
  it('every class of both provisioners, and the breakdown by pool', () => {
    const cr = hpp({
      storagePools: [
        { name: 'local', path: '/a' },
        { name: 'shared', path: '/b' },
      ],
    });
    const result = dependentsOfProvisioner(cr, classes, pvcs);
    expect(result.classes).toEqual(['hostpath-csi', 'hpp-local', 'hpp-local-2', 'hpp-overlay', 'old']);
    expect(result.claims?.map((c) => c.name)).toEqual([
      'waiting',
      'disk-a',
      'disk-b',
      'legacy-disk',
      'old-disk',
      'shared-disk',
    ]);
    expect(result.byPool.map((p) => [p.pool, p.dependents.classes])).toEqual([
      ['local', ['hpp-local', 'hpp-local-2']],
      ['shared', ['hpp-overlay']],
    ]);
  });

  it('a legacy CR: the pool "legacy" holds the legacy provisioner classes too', () => {
    const result = dependentsOfProvisioner(hpp({ pathConfig: { path: '/var/hpvolumes' } }), classes, pvcs);
    expect(result.byPool).toEqual([
      {
        pool: 'legacy',
        dependents: {
          classes: ['hostpath-csi', 'old'],
          claims: [
            { name: 'legacy-disk', namespace: 'vms', storageClass: 'hostpath-csi', phase: 'Bound' },
            { name: 'old-disk', namespace: 'vms', storageClass: 'old', phase: 'Bound' },
          ],
        },
      },
    ]);
    expect(dependentsOfProvisioner(hpp({ pathConfig: { path: '/x' } }), undefined, undefined)).toEqual({
      byPool: [{ pool: 'legacy', dependents: {} }],
    });
  });
});
