import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../sim-api';
import {
  createHppController,
  DAEMONSET_ROLLOUT_SECONDS,
  POOL_BIND_SECONDS,
  POOL_MOUNT_SECONDS,
  POOL_PREPARE_SECONDS,
  resourceNameWithMaxLength,
  STORAGE_POOL_LABEL,
} from './hpp-controller';
import { storageClass, testCluster, testNode, testNodes, type TestCluster } from './test-helpers';
import type { Json } from './util';

const NS = 'openshift-cnv';
const namespace: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } };
const DEFAULT_NS: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } };

const hpp = (pools: Json[], extra: Json = {}, name = 'hostpath-provisioner'): K8sObject => ({
  apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
  kind: 'HostPathProvisioner',
  metadata: { name, uid: `${name}-uid` },
  spec: {
    imagePullPolicy: 'IfNotPresent',
    storagePools: pools,
    workload: { nodeSelector: { 'kubernetes.io/os': 'linux' } },
    ...extra,
  },
});

const template = (storageClassName: string, extra: Json = {}) => ({
  accessModes: ['ReadWriteOnce'],
  resources: { requests: { storage: '50Gi' } },
  storageClassName,
  volumeMode: 'Block',
  ...extra,
});

/** gp3 on EBS: dynamic, WaitForFirstConsumer; local-block: no provisioner. */
const gp3 = storageClass('gp3-csi', 'ebs.csi.aws.com', { volumeBindingMode: 'WaitForFirstConsumer' });
const localBlock = storageClass('local-block', 'kubernetes.io/no-provisioner', {
  volumeBindingMode: 'WaitForFirstConsumer',
});

const localPv = (node: string, size = '894Gi', name = `local-pv-${node}`): K8sObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: {
    accessModes: ['ReadWriteOnce'],
    capacity: { storage: size },
    local: { path: `/dev/disk/by-id/nvme-${node}` },
    nodeAffinity: {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
        ],
      },
    },
    persistentVolumeReclaimPolicy: 'Retain',
    storageClassName: 'local-block',
    volumeMode: 'Block',
  },
  status: { phase: 'Available' },
});

function cluster(...objects: K8sObject[]) {
  const c = testCluster([DEFAULT_NS, namespace, ...testNodes(), gp3, localBlock, ...objects]);
  const controllers = [createHppController()];
  c.settle(controllers);
  return { c, controllers };
}

const get = (c: TestCluster, name = 'hostpath-provisioner') => c.store.get('HostPathProvisioner', name)!;
const conditions = (c: TestCluster, name?: string) =>
  Object.fromEntries(
    (get(c, name).status?.conditions ?? []).map((x: Json) => [
      x.type,
      [x.status, x.reason, x.message].filter((v) => v !== undefined).join(' '),
    ]),
  );
const poolPvcs = (c: TestCluster) =>
  c.store.list('PersistentVolumeClaim', NS).filter((p) => p.metadata.labels?.[STORAGE_POOL_LABEL]);
const pvcNames = (c: TestCluster) => poolPvcs(c).map((p) => p.metadata.name);
const pvc = (c: TestCluster, name: string) => c.store.get('PersistentVolumeClaim', name, NS)!;
const events = (c: TestCluster, namespace = 'default') =>
  (c.store.list('Event', namespace) as Json[])
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .map((e) => `${e.involvedObject.name} ${e.type} ${e.reason}: ${e.message}`);
const statusOf = (c: TestCluster, pool: string) =>
  get(c).status?.storagePoolStatuses?.find((p: Json) => p.name === pool);

describe('HostPathProvisioner operator: install', () => {
  it('deploys: per-worker PVCs, then Ready pools with counts, then Available, then every mount ready', () => {
    const { c, controllers } = cluster(
      hpp([
        { name: 'fast', path: '/var/fast', pvcTemplate: template('gp3-csi') },
        { name: 'basic', path: '/var/hpvolumes' },
      ]),
    );
    // t=0: the DaemonSet's nodes are the workers (control-plane nodes are tainted), one PVC each.
    expect(pvcNames(c)).toEqual([
      'hpp-pool-fast-worker-0',
      'hpp-pool-fast-worker-1',
      'hpp-pool-fast-worker-2',
    ]);
    const first = pvc(c, 'hpp-pool-fast-worker-0');
    expect(first.metadata.labels).toEqual({
      'k8s-app': 'hostpath-provisioner',
      'app.kubernetes.io/managed-by': 'hostpath-provisioner-operator',
      'app.kubernetes.io/component': 'storage',
      [STORAGE_POOL_LABEL]: 'fast-hpp',
    });
    expect(first.spec).toEqual(template('gp3-csi'));
    expect(first.status).toEqual({ phase: 'Pending' });
    // A Pending pool PVC makes the status write fail: no pool statuses yet, Degraded StoragePoolNotReady.
    expect(get(c).status.storagePoolStatuses).toBeUndefined();
    expect(conditions(c)).toEqual({
      Available: 'False',
      Progressing: 'True',
      Degraded: 'True StoragePoolNotReady error: Pool PVC hpp-pool-fast-worker-0 is Pending instead of Bound',
    });
    expect(get(c).status).toMatchObject({ operatorVersion: 'v0.25.2', targetVersion: 'v0.25.2' });
    expect(get(c).status.observedVersion).toBeUndefined();
    expect(c.store.get('CSIDriver', 'kubevirt.io.hostpath-provisioner')).toMatchObject({
      metadata: { labels: { 'k8s-app': 'hostpath-provisioner' } },
      spec: {
        attachRequired: false,
        fsGroupPolicy: 'File',
        podInfoOnMount: true,
        requiresRepublish: false,
        storageCapacity: true,
        volumeLifecycleModes: ['Persistent', 'Ephemeral'],
      },
    });

    // The provisioner binds the claims (on the node whose mount pod consumes them).
    c.advance(controllers, POOL_BIND_SECONDS);
    expect(pvc(c, 'hpp-pool-fast-worker-1')).toMatchObject({
      metadata: {
        annotations: {
          'pv.kubernetes.io/bind-completed': 'yes',
          'volume.kubernetes.io/selected-node': 'worker-1',
          'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
        },
      },
      spec: { volumeName: `pvc-${pvc(c, 'hpp-pool-fast-worker-1').metadata.uid}` },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '50Gi' } },
    });
    // Statuses sorted by name; no currentReady while no mount is ready (omitempty).
    expect(get(c).status.storagePoolStatuses).toEqual([
      { name: 'basic', phase: 'Ready' },
      {
        name: 'fast',
        phase: 'Ready',
        desiredReady: 3,
        claimStatuses: ['worker-0', 'worker-1', 'worker-2'].map((n) => ({
          name: `hpp-pool-fast-${n}`,
          status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '50Gi' } },
        })),
      },
    ]);
    expect(conditions(c)).toEqual({
      Available: 'False',
      Progressing: 'True DeployStarted Started Deployment',
      Degraded: 'False',
    });

    c.advance(controllers, DAEMONSET_ROLLOUT_SECONDS - POOL_BIND_SECONDS);
    expect(conditions(c)).toEqual({
      Available: 'True Complete Application Available',
      Progressing: 'False',
      Degraded: 'False',
    });
    expect(get(c).status.observedVersion).toBe('v0.25.2');
    expect(statusOf(c, 'fast').currentReady).toBeUndefined();

    c.advance(controllers, POOL_PREPARE_SECONDS - DAEMONSET_ROLLOUT_SECONDS);
    expect(statusOf(c, 'fast')).toMatchObject({ desiredReady: 3, currentReady: 3 });
    expect(events(c)).toEqual([
      'hostpath-provisioner Normal DeployStarted: Started Deployment',
      ...[0, 1, 2].map(
        (i) =>
          `hostpath-provisioner Normal CreateResourceSuccess: Successfully created resource *v1.PersistentVolumeClaim hpp-pool-fast-worker-${i}`,
      ),
      'hostpath-provisioner Normal CreateResourceSuccess: Successfully created resource *v1.CSIDriver kubevirt.io.hostpath-provisioner',
      'hostpath-provisioner Normal ProvisionerHealthy: Provisioner Healthy',
    ]);
  });

  it('is Available with only basic pools once the DaemonSet is ready; never without a node to run on', () => {
    const { c, controllers } = cluster(hpp([{ name: 'basic', path: '/var/hpvolumes' }]));
    expect(get(c).status.storagePoolStatuses).toEqual([{ name: 'basic', phase: 'Ready' }]);
    expect(conditions(c).Progressing).toBe('True DeployStarted Started Deployment');
    c.advance(controllers, DAEMONSET_ROLLOUT_SECONDS);
    expect(conditions(c).Available).toBe('True Complete Application Available');

    const none = cluster(
      hpp([{ name: 'basic', path: '/var/hpvolumes' }], { workload: { nodeSelector: { gpu: 'true' } } }),
    );
    none.c.advance(none.controllers, 60);
    expect(conditions(none.c)).toEqual({
      Available: 'False',
      Progressing: 'True DeployStarted Started Deployment',
      Degraded: 'False',
    });
  });

  it('reports a legacy pathConfig as the pool "legacy"', () => {
    const legacy = hpp([]);
    delete legacy.spec.storagePools;
    legacy.spec.pathConfig = { path: '/var/hpvolumes', useNamingPrefix: false };
    const { c } = cluster(legacy);
    expect(get(c).status.storagePoolStatuses).toEqual([{ name: 'legacy', phase: 'Ready' }]);
  });

  it('names PVCs as getResourceNameWithMaxLength does (FNV-1a hash past 63 characters)', () => {
    expect(resourceNameWithMaxLength('hpp-pool', 'fast-worker-0')).toBe('hpp-pool-fast-worker-0');
    // Cross-checked with an independent FNV-1a 32 implementation.
    expect(resourceNameWithMaxLength('hpp-pool', `${'p'.repeat(50)}-worker-0`)).toBe('hpp-pool-0b082179');
    expect(resourceNameWithMaxLength('a-long-base-name', 'suffix', 20)).toBe('a-lo-80a2c71b-suffix');
  });
});

describe('HostPathProvisioner operator: nodes', () => {
  it('places the DaemonSet by workload nodeSelector and affinity, not on tainted control-plane nodes', () => {
    const { c } = cluster(
      hpp([{ name: 'fast', path: '/var/fast', pvcTemplate: template('gp3-csi') }], {
        workload: {
          nodeSelector: { 'node-role.kubernetes.io/worker': '' },
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  {
                    matchExpressions: [
                      { key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['worker-2'] },
                    ],
                  },
                ],
              },
            },
          },
        },
      }),
    );
    expect(pvcNames(c)).toEqual(['hpp-pool-fast-worker-0', 'hpp-pool-fast-worker-1']);
  });

  it('runs on control-plane nodes when tolerated, where the mount pods (no tolerations) cannot go', () => {
    const { c, controllers } = cluster(
      hpp([{ name: 'fast', path: '/var/fast', pvcTemplate: template('gp3-csi') }], {
        workload: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }],
        },
      }),
    );
    expect(pvcNames(c)).toHaveLength(6);
    c.advance(controllers, POOL_PREPARE_SECONDS + 30);
    // WaitForFirstConsumer: no pod scheduled on a control-plane node, so its claim never binds.
    expect(pvc(c, 'hpp-pool-fast-control-plane-0').status).toEqual({ phase: 'Pending' });
    expect(pvc(c, 'hpp-pool-fast-worker-0').status.phase).toBe('Bound');
    expect(conditions(c).Degraded).toBe(
      'True StoragePoolNotReady error: Pool PVC hpp-pool-fast-control-plane-0 is Pending instead of Bound',
    );
  });

  it('counts only mounts on Ready nodes; a NotReady node makes the DaemonSet not ready (Degraded)', () => {
    const { c, controllers } = cluster(
      hpp([{ name: 'fast', path: '/var/fast', pvcTemplate: template('gp3-csi') }]),
    );
    c.advance(controllers, POOL_PREPARE_SECONDS);
    expect(conditions(c).Available).toBe('True Complete Application Available');
    const node = c.store.get('Node', 'worker-1')!;
    node.status.conditions[0].status = 'False';
    c.store.update(node);
    c.settle(controllers);
    expect(conditions(c)).toEqual({
      Available: 'False',
      Progressing: 'False',
      Degraded: 'True Degraded CR is deployed but DaemonSets are not ready',
    });
    expect(statusOf(c, 'fast')).toMatchObject({ desiredReady: 3, currentReady: 2 });
  });

  it('follows a workload change: mounts of deselected nodes go (their PVCs stay), new nodes get PVCs', () => {
    const { c, controllers } = cluster(
      hpp([{ name: 'fast', path: '/var/fast', pvcTemplate: template('gp3-csi') }]),
    );
    c.advance(controllers, POOL_PREPARE_SECONDS);
    const worker0 = c.store.get('Node', 'worker-0')!;
    worker0.metadata.labels!['hpp-storage'] = 'true';
    c.store.update(worker0);
    const obj = get(c);
    obj.spec.workload = { nodeSelector: { 'hpp-storage': 'true' } };
    c.store.update(obj);
    c.settle(controllers);
    expect(pvcNames(c)).toHaveLength(3);
    // A rollout: the DaemonSet is not ready for a while.
    expect(conditions(c).Degraded).toBe('True Degraded CR is deployed but DaemonSets are not ready');
    expect(statusOf(c, 'fast')).toMatchObject({ desiredReady: 1, currentReady: 1 });
    expect(statusOf(c, 'fast').claimStatuses).toHaveLength(3);
    c.advance(controllers, DAEMONSET_ROLLOUT_SECONDS);
    expect(conditions(c).Available).toBe('True Complete Application Available');
    c.store.create(testNode('worker-3', { labels: { 'hpp-storage': 'true' } }));
    c.settle(controllers);
    expect(pvcNames(c)).toContain('hpp-pool-fast-worker-3');
  });
});

describe('HostPathProvisioner operator: claims that cannot bind', () => {
  it('keeps a pool whose class does not exist Pending, with the PV controller event, and the CR Degraded', () => {
    const { c, controllers } = cluster(
      hpp([{ name: 'fast', path: '/var/fast', pvcTemplate: template('no-such-class') }]),
    );
    c.advance(controllers, 120);
    expect(poolPvcs(c).map((p) => p.status?.phase)).toEqual(['Pending', 'Pending', 'Pending']);
    expect(conditions(c)).toEqual({
      Available: 'False',
      Progressing: 'True',
      Degraded: 'True StoragePoolNotReady error: Pool PVC hpp-pool-fast-worker-0 is Pending instead of Bound',
    });
    expect(get(c).status.storagePoolStatuses).toBeUndefined();
    expect(events(c, NS)).toEqual(
      [0, 1, 2].map(
        (i) =>
          `hpp-pool-fast-worker-${i} Warning ProvisioningFailed: storageclass.storage.k8s.io "no-such-class" not found`,
      ),
    );
    expect(c.store.list('Event', NS)[0].source).toEqual({ component: 'persistentvolume-controller' });
  });

  it('binds no-provisioner claims to local PVs on their node only; a PV created later binds on the next pass', () => {
    const { c, controllers } = cluster(
      localPv('worker-0'),
      localPv('worker-1', '10Gi'),
      hpp([{ name: 'local', path: '/var/local', pvcTemplate: template('local-block') }]),
    );
    c.advance(controllers, POOL_PREPARE_SECONDS);
    expect(pvc(c, 'hpp-pool-local-worker-0')).toMatchObject({
      spec: { volumeName: 'local-pv-worker-0' },
      status: { phase: 'Bound', capacity: { storage: '894Gi' } },
    });
    expect(c.store.get('PersistentVolume', 'local-pv-worker-0')).toMatchObject({
      spec: { claimRef: { kind: 'PersistentVolumeClaim', namespace: NS, name: 'hpp-pool-local-worker-0' } },
      status: { phase: 'Bound' },
    });
    // worker-1's PV is too small, worker-2 has none.
    expect(pvc(c, 'hpp-pool-local-worker-1').status).toEqual({ phase: 'Pending' });
    expect(conditions(c).Degraded).toBe(
      'True StoragePoolNotReady error: Pool PVC hpp-pool-local-worker-1 is Pending instead of Bound',
    );
    c.store.create(localPv('worker-1', '1Ti', 'local-pv-worker-1-big'));
    c.store.create(localPv('worker-2'));
    c.settle(controllers);
    expect(poolPvcs(c).map((p) => p.spec.volumeName)).toEqual([
      'local-pv-worker-0',
      'local-pv-worker-1-big',
      'local-pv-worker-2',
    ]);
    expect(statusOf(c, 'local')).toMatchObject({ phase: 'Ready', desiredReady: 3, currentReady: 1 });
    c.advance(controllers, POOL_MOUNT_SECONDS);
    expect(statusOf(c, 'local')).toMatchObject({ desiredReady: 3, currentReady: 3 });
    expect(conditions(c).Available).toBe('True Complete Application Available');
  });

  it('refuses a template the apiserver refuses: Reconcile Failed, and nothing after it is reconciled', () => {
    const { c } = cluster(
      hpp([
        { name: 'fast', path: '/var/fast', pvcTemplate: { resources: { requests: { storage: '1Gi' } } } },
      ]),
    );
    const message =
      'PersistentVolumeClaim "hpp-pool-fast-worker-0" is invalid: spec.accessModes: Required value: at least 1 access mode is required';
    expect(conditions(c).Degraded).toBe(`True Reconcile Failed Unable to successfully reconcile: ${message}`);
    expect(pvcNames(c)).toEqual([]);
    expect(c.store.get('CSIDriver', 'kubevirt.io.hostpath-provisioner')).toBeUndefined();
    expect(events(c)).toContain(
      `hostpath-provisioner Warning CreateResourceFailed: Failed to create resource hpp-pool-fast-worker-0, ${message}`,
    );
  });
});

describe('HostPathProvisioner operator: shared pools and the overlay class', () => {
  it('gives a ReadWriteMany pool one shared PVC and the backend class, which stay when the pool goes', () => {
    const { c, controllers } = cluster(
      storageClass('cephfs', 'openshift-storage.cephfs.csi.ceph.com'),
      hpp([
        {
          name: 'shared',
          path: '/var/shared',
          pvcTemplate: template('cephfs', { accessModes: ['ReadWriteMany'], volumeMode: 'Filesystem' }),
        },
        {
          name: 'other',
          path: '/var/other',
          overlayClassName: 'my-overlay',
          pvcTemplate: template('cephfs', { accessModes: ['ReadWriteMany'], volumeMode: 'Filesystem' }),
        },
      ]),
    );
    expect(pvcNames(c)).toEqual(['hpp-pool-other-shared', 'hpp-pool-shared-shared']);
    const overlay = c.store.get('StorageClass', 'hpp-overlay')!;
    expect({ ...overlay, metadata: { name: overlay.metadata.name } }).toEqual({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'hpp-overlay' },
      provisioner: 'kubevirt.io.hostpath-provisioner',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      parameters: { storagePool: 'shared', overlayCSI: 'true' },
    });
    expect(c.store.get('StorageClass', 'my-overlay')!.parameters).toEqual({
      storagePool: 'other',
      overlayCSI: 'true',
    });
    c.advance(controllers, POOL_PREPARE_SECONDS);
    expect(statusOf(c, 'shared')).toMatchObject({ phase: 'Ready', desiredReady: 3, currentReady: 3 });
    expect(statusOf(c, 'shared').claimStatuses.map((x: Json) => x.name)).toEqual(['hpp-pool-shared-shared']);

    const obj = get(c);
    obj.spec.storagePools = [{ name: 'basic', path: '/var/hpvolumes' }];
    c.store.update(obj);
    c.settle(controllers);
    // storagepool.go deletes neither the pool PVCs nor the backend class.
    expect(c.store.get('StorageClass', 'hpp-overlay')).toBeDefined();
    expect(pvcNames(c)).toEqual(['hpp-pool-other-shared', 'hpp-pool-shared-shared']);
    expect(get(c).status.storagePoolStatuses).toEqual([{ name: 'basic', phase: 'Ready' }]);
  });
});

describe('HostPathProvisioner operator: edits, a second CR, deletion', () => {
  it('adding a pool to a healthy CR: a DaemonSet rollout and pending claims, then healthy again', () => {
    const { c, controllers } = cluster(hpp([{ name: 'basic', path: '/var/hpvolumes' }]));
    c.advance(controllers, DAEMONSET_ROLLOUT_SECONDS);
    const obj = get(c);
    obj.spec.storagePools.push({ name: 'fast', path: '/var/fast', pvcTemplate: template('gp3-csi') });
    c.store.update(obj);
    c.settle(controllers);
    expect(conditions(c).Degraded).toBe(
      'True StoragePoolNotReady error: Pool PVC hpp-pool-fast-worker-0 is Pending instead of Bound',
    );
    // The failed write leaves the statuses as they were.
    expect(get(c).status.storagePoolStatuses).toEqual([{ name: 'basic', phase: 'Ready' }]);
    c.advance(controllers, POOL_BIND_SECONDS);
    expect(conditions(c).Degraded).toBe('True Degraded CR is deployed but DaemonSets are not ready');
    expect(statusOf(c, 'fast')).toMatchObject({ phase: 'Ready', desiredReady: 3 });
    c.advance(controllers, POOL_MOUNT_SECONDS);
    expect(conditions(c).Available).toBe('True Complete Application Available');
    expect(statusOf(c, 'fast')).toMatchObject({ desiredReady: 3, currentReady: 3 });
  });

  it('admits a second CR but then reconciles neither: no status on the new one, the first untouched', () => {
    const { c, controllers } = cluster(
      hpp([{ name: 'fast', path: '/var/fast', pvcTemplate: template('gp3-csi') }]),
    );
    c.advance(controllers, POOL_PREPARE_SECONDS);
    const firstStatus = get(c).status;
    c.add(hpp([{ name: 'other', path: '/var/other', pvcTemplate: template('gp3-csi') }], {}, 'second'));
    const obj = get(c);
    obj.spec.storagePools.push({ name: 'more', path: '/var/more', pvcTemplate: template('gp3-csi') });
    c.store.update(obj);
    c.advance(controllers, 60);
    expect(get(c, 'second').status).toBeUndefined();
    expect(get(c).status).toEqual(firstStatus);
    expect(pvcNames(c)).toEqual([
      'hpp-pool-fast-worker-0',
      'hpp-pool-fast-worker-1',
      'hpp-pool-fast-worker-2',
    ]);

    c.store.delete('HostPathProvisioner', 'second');
    c.settle(controllers);
    expect(pvcNames(c)).toContain('hpp-pool-more-worker-0');
  });

  it('deletes the CSIDriver with the last CR; pool PVCs stay; a cluster without a CR keeps its CSIDriver', () => {
    const { c, controllers } = cluster(
      hpp([{ name: 'fast', path: '/var/fast', pvcTemplate: template('gp3-csi') }]),
    );
    expect(c.store.get('CSIDriver', 'kubevirt.io.hostpath-provisioner')).toBeDefined();
    c.store.delete('HostPathProvisioner', 'hostpath-provisioner');
    c.settle(controllers);
    expect(c.store.get('CSIDriver', 'kubevirt.io.hostpath-provisioner')).toBeUndefined();
    expect(pvcNames(c)).toHaveLength(3);

    const driver: K8sObject = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIDriver',
      metadata: { name: 'kubevirt.io.hostpath-provisioner' },
      spec: {},
    };
    const other = cluster(driver);
    other.c.advance(other.controllers, 30);
    expect(other.c.store.get('CSIDriver', 'kubevirt.io.hostpath-provisioner')).toBeDefined();
  });

  it('changes nothing on a seeded, settled install (status, PVCs, CSIDriver)', () => {
    const { c, controllers } = cluster(
      hpp([{ name: 'fast', path: '/var/fast', pvcTemplate: template('gp3-csi') }]),
    );
    c.advance(controllers, POOL_PREPARE_SECONDS);
    const snapshot = [get(c), ...poolPvcs(c), c.store.get('CSIDriver', 'kubevirt.io.hostpath-provisioner')!];
    // A fresh controller (a restarted simulator) over the same objects writes nothing.
    const seeded = testCluster([DEFAULT_NS, namespace, ...testNodes(), gp3, localBlock, ...snapshot]);
    const writes: string[] = [];
    seeded.store.subscribe((e) => writes.push(`${e.type} ${e.object.kind} ${e.object.metadata.name}`));
    const fresh = [createHppController()];
    seeded.settle(fresh);
    seeded.advance(fresh, 60);
    expect(writes).toEqual([]);
    expect(
      seeded.store.get('HostPathProvisioner', 'hostpath-provisioner')!.status.storagePoolStatuses,
    ).toEqual(get(c).status.storagePoolStatuses);
  });
});
