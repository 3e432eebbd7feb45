import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../sim-api';
import { createHppController, POOL_PREPARE_SECONDS, STORAGE_POOL_LABEL } from './hpp-controller';
import { testCluster } from './test-helpers';

const hpp = (pools: Record<string, unknown>[]): K8sObject => ({
  apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
  kind: 'HostPathProvisioner',
  metadata: { name: 'hostpath-provisioner', uid: 'hpp-uid' },
  spec: { imagePullPolicy: 'IfNotPresent', storagePools: pools },
});

describe('HostPathProvisioner status', () => {
  it('prepares new pools, then reports them Ready, with per-node claims for PVC-template pools', () => {
    const c = testCluster([
      hpp([
        { name: 'basic', path: '/var/hpvolumes' },
        {
          name: 'fast',
          path: '/var/fast',
          pvcTemplate: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } } },
        },
      ]),
    ]);
    const controllers = [createHppController()];
    c.settle(controllers);
    const status = () => c.store.get('HostPathProvisioner', 'hostpath-provisioner')!.status;
    expect(status().storagePoolStatuses.map((p: { phase: string }) => p.phase)).toEqual([
      'Preparing',
      'Preparing',
    ]);
    expect(status().conditions.find((x: { type: string }) => x.type === 'Available')).toMatchObject({
      status: 'False',
      reason: 'StoragePoolNotReady',
    });
    c.advance(controllers, POOL_PREPARE_SECONDS);
    const [basic, fast] = status().storagePoolStatuses;
    expect(basic).toEqual({ name: 'basic', phase: 'Ready' });
    expect(fast).toMatchObject({ name: 'fast', phase: 'Ready', desiredReady: 3, currentReady: 3 });
    expect(fast.claimStatuses[0]).toEqual({
      name: 'hpp-pool-fast-worker-0',
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '50Gi' } },
    });
    expect(status().conditions.find((x: { type: string }) => x.type === 'Available')).toMatchObject({
      status: 'True',
      reason: 'Complete',
      message: 'Application Available',
    });
  });

  it('keeps seeded Ready pools Ready and follows spec changes', () => {
    const seeded = hpp([{ name: 'basic', path: '/var/hpvolumes' }]);
    seeded.status = { storagePoolStatuses: [{ name: 'basic', phase: 'Ready' }] };
    const c = testCluster([seeded]);
    const controllers = [createHppController()];
    c.settle(controllers);
    const get = () => c.store.get('HostPathProvisioner', 'hostpath-provisioner')!;
    expect(get().status.storagePoolStatuses).toEqual([{ name: 'basic', phase: 'Ready' }]);
    const obj = get();
    obj.spec.storagePools = [{ name: 'other', path: '/var/other' }];
    c.store.update(obj);
    c.settle(controllers);
    expect(get().status.storagePoolStatuses).toEqual([{ name: 'other', phase: 'Preparing' }]);
  });

  it('creates one PVC per node for a PVC-template pool, binds it when ready, and deletes it with the pool', () => {
    const template = {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '50Gi' } },
      storageClassName: 'local-block',
      volumeMode: 'Block',
    };
    const namespace: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openshift-cnv' } };
    const c = testCluster([
      namespace,
      hpp([
        { name: 'basic', path: '/var/hpvolumes' },
        { name: 'fast', path: '/var/fast', pvcTemplate: template },
      ]),
    ]);
    const controllers = [createHppController()];
    c.settle(controllers);
    const poolPvcs = () =>
      c.store
        .list('PersistentVolumeClaim', 'openshift-cnv')
        .filter((p) => p.metadata.labels?.[STORAGE_POOL_LABEL]);
    expect(poolPvcs().map((p) => p.metadata.name)).toEqual([
      'hpp-pool-fast-worker-0',
      'hpp-pool-fast-worker-1',
      'hpp-pool-fast-worker-2',
    ]);
    expect(poolPvcs()[0].status).toEqual({ phase: 'Pending' });
    c.advance(controllers, POOL_PREPARE_SECONDS);
    const [pvc] = poolPvcs();
    expect(pvc.metadata.labels).toEqual({ [STORAGE_POOL_LABEL]: 'fast' });
    expect(pvc.spec).toMatchObject(template);
    expect(pvc.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '50Gi' },
    });
    const claims = c.store.get('HostPathProvisioner', 'hostpath-provisioner')!.status.storagePoolStatuses[1]
      .claimStatuses;
    expect(claims.map((x: { name: string }) => x.name)).toEqual(poolPvcs().map((p) => p.metadata.name));

    const obj = c.store.get('HostPathProvisioner', 'hostpath-provisioner')!;
    obj.spec.storagePools = [{ name: 'basic', path: '/var/hpvolumes' }];
    c.store.update(obj);
    c.settle(controllers);
    expect(poolPvcs()).toEqual([]);
  });
});
