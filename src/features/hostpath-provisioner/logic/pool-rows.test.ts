import { describe, expect, it } from 'vitest';
import { HPP_LEGACY_PROVISIONER, type HppSpec, type HppStatus } from './hpp-types';
import { poolPvcName } from './pool-names';
import { buildPoolRows, orphanClasses, servedPools, type PoolRow } from './pool-rows';
import { hpp, node, poolPvc, profile, sc, vsc } from './test-fixtures';

const spec: HppSpec = {
  imagePullPolicy: 'IfNotPresent',
  storagePools: [
    { name: 'local', path: '/var/hpp-local', snapshotProvider: 'reflink' },
    {
      name: 'blk',
      path: '/var/hpp-blk',
      pvcTemplate: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '10Gi' } },
        storageClassName: 'local-block',
        volumeMode: 'Block',
      },
    },
    {
      name: 'shared',
      path: '/var/hpp-shared',
      pvcTemplate: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '50Gi' } } },
    },
  ],
};
const status: HppStatus = {
  storagePoolStatuses: [
    {
      name: 'blk',
      phase: 'Ready',
      desiredReady: 2,
      currentReady: 2,
      claimStatuses: [
        { name: 'hpp-pool-blk-worker-0', status: { phase: 'Bound' } },
        { name: 'hpp-pool-blk-worker-1', status: { phase: 'Bound' } },
      ],
    },
    { name: 'local', phase: 'Ready' },
  ],
};
const classes = [
  sc(
    'hpp-local',
    undefined,
    { storagePool: 'local' },
    { 'storageclass.kubevirt.io/is-default-virt-class': 'true' },
  ),
  sc('hpp-blk', undefined, { storagePool: 'blk' }, { 'storageclass.kubernetes.io/is-default-class': 'true' }),
  sc('hpp-overlay', undefined, { storagePool: 'shared', overlayCSI: 'true' }),
  sc('hpp-legacy-csi'),
  sc('hpp-ghost', undefined, { storagePool: 'ghost' }),
  sc('old-legacy', HPP_LEGACY_PROVISIONER),
  sc('ceph', 'rbd.csi.ceph.com', { pool: 'x' }),
];
const snapshotClasses = [
  vsc('hpp-local-snap', { storagePool: 'local' }, undefined, {
    'snapshot.storage.kubernetes.io/is-default-class': 'true',
  }),
  vsc('ceph-snap', { storagePool: 'local' }, 'rbd.csi.ceph.com'),
];
const profiles = [profile('hpp-local'), profile('hpp-blk', false)];
const longNode = `worker-${'x'.repeat(60)}.example.com`;
const pvcs = [
  poolPvc('hpp-pool-blk-worker-0', 'blk-hpp', 'Bound'),
  // The status says Bound but is stale: the live PVC wins.
  poolPvc('hpp-pool-blk-worker-1', 'blk-hpp', 'Pending'),
  // Not in status yet (the operator cannot write statuses while a pool PVC is not Bound).
  poolPvc(poolPvcName('blk', longNode), 'blk-hpp', 'Bound'),
  // A name that does not encode the node: the provisioning node annotation tells.
  poolPvc('blk-by-hand', 'blk-hpp', 'Bound', { 'volume.kubernetes.io/selected-node': 'worker-9' }),
  poolPvc('hpp-pool-shared-shared', 'shared-hpp', 'Bound'),
  poolPvc('unrelated', 'other-hpp', 'Pending'),
];
const nodes = [node('worker-0'), node('worker-1'), node(longNode)];

const rowsOf = (rows: PoolRow[]) => Object.fromEntries(rows.map((r) => [r.name, r]));

describe('buildPoolRows', () => {
  const rows = rowsOf(
    buildPoolRows({ cr: hpp(spec, status), storageClasses: classes, snapshotClasses, profiles, pvcs, nodes }),
  );

  it('one row per pool in spec order, with kind and path', () => {
    const list = buildPoolRows({ cr: hpp(spec, status) });
    expect(list.map((r) => [r.name, r.kind, r.path, r.shared])).toEqual([
      ['local', 'basic', '/var/hpp-local', false],
      ['blk', 'pvcTemplate', '/var/hpp-blk', false],
      ['shared', 'pvcTemplate', '/var/hpp-shared', true],
    ]);
    expect(list[1].pool).toBe(spec.storagePools?.[1]);
  });

  it('joins the classes of each pool with default flags and profile state', () => {
    expect(rows.local.storageClasses).toEqual([
      {
        name: 'hpp-local',
        provisioner: 'kubevirt.io.hostpath-provisioner',
        legacyProvisioner: false,
        overlay: false,
        isDefault: false,
        isVirtDefault: true,
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'WaitForFirstConsumer',
        profile: 'complete',
      },
    ]);
    expect(rows.blk.storageClasses?.map((c) => [c.name, c.isDefault, c.profile])).toEqual([
      ['hpp-blk', true, 'incomplete'],
    ]);
    expect(rows.local.overlayClasses).toEqual([]);
  });

  it('puts the backend class of a shared pool apart', () => {
    expect(rows.shared.storageClasses).toEqual([]);
    expect(rows.shared.overlayClasses?.map((c) => [c.name, c.overlay, c.profile])).toEqual([
      ['hpp-overlay', true, 'missing'],
    ]);
    expect(rows.shared.overlayClassName).toBe('hpp-overlay');
    expect(rows.local.overlayClassName).toBeUndefined();
    // An overlay class counts as something that can use the pool.
    expect(rows.shared.findings.map((f) => f.code)).not.toContain('no-storage-class');
  });

  it('lists the VolumeSnapshotClasses of the HPP driver for the pool', () => {
    expect(rows.local.snapshotClasses).toEqual([
      { name: 'hpp-local-snap', isDefault: true, deletionPolicy: 'Delete' },
    ]);
    expect(rows.blk.snapshotClasses).toEqual([]);
  });

  it('merges reported and live pool claims, live phase first, with their nodes', () => {
    expect(rows.blk.claims).toEqual([
      {
        name: 'blk-by-hand',
        namespace: 'openshift-cnv',
        node: 'worker-9',
        shared: false,
        livePhase: 'Bound',
        phase: 'Bound',
        inStatus: false,
        live: true,
      },
      expect.objectContaining({ name: poolPvcName('blk', longNode), node: longNode, inStatus: false }),
      {
        name: 'hpp-pool-blk-worker-0',
        namespace: 'openshift-cnv',
        node: 'worker-0',
        shared: false,
        reportedPhase: 'Bound',
        livePhase: 'Bound',
        phase: 'Bound',
        inStatus: true,
        live: true,
      },
      {
        name: 'hpp-pool-blk-worker-1',
        namespace: 'openshift-cnv',
        node: 'worker-1',
        shared: false,
        reportedPhase: 'Bound',
        livePhase: 'Pending',
        phase: 'Pending',
        inStatus: true,
        live: true,
      },
    ]);
    expect(poolPvcName('blk', longNode)).toMatch(/^hpp-pool-[0-9a-f]{8}$/);
    expect(rows.shared.claims).toEqual([
      {
        name: 'hpp-pool-shared-shared',
        namespace: 'openshift-cnv',
        shared: true,
        livePhase: 'Bound',
        phase: 'Bound',
        inStatus: false,
        live: true,
      },
    ]);
    expect(rows.local.claims).toEqual([]);
  });

  it('reports findings as codes', () => {
    expect(rows.local.findings).toEqual([
      { code: 'snapshots-unavailable', snapshotClasses: ['hpp-local-snap'], missing: ['feature-gate'] },
    ]);
    expect(rows.blk.findings).toEqual([{ code: 'claims-pending', claims: ['hpp-pool-blk-worker-1'] }]);
    expect(rows.shared.findings).toEqual([{ code: 'status-missing' }]);
  });

  it('a pool nothing uses yet', () => {
    const [row] = buildPoolRows({
      cr: hpp({ storagePools: [{ name: 'new', path: '/var/new' }] }),
      storageClasses: [],
    });
    expect(row.findings).toEqual([{ code: 'no-storage-class' }, { code: 'status-missing' }]);
  });

  it('not ready: a phase other than Ready, or fewer ready mounts than desired (zero counts are omitted)', () => {
    const cr = hpp(
      {
        storagePools: [
          { name: 'a', path: '/a', pvcTemplate: {} },
          { name: 'b', path: '/b', pvcTemplate: {} },
          { name: 'c', path: '/c', pvcTemplate: {} },
        ],
      },
      {
        storagePoolStatuses: [
          { name: 'a', phase: 'Mounting' },
          { name: 'b', phase: 'Ready', desiredReady: 3 },
          { name: 'c', phase: 'Ready', desiredReady: 3, currentReady: 1 },
        ],
      },
    );
    const [a, b, c] = buildPoolRows({ cr });
    expect(a.findings).toEqual([{ code: 'not-ready', phase: 'Mounting' }]);
    expect(b.findings).toEqual([{ code: 'not-ready', phase: 'Ready', currentReady: 0, desiredReady: 3 }]);
    expect(c.findings).toEqual([{ code: 'not-ready', phase: 'Ready', currentReady: 1, desiredReady: 3 }]);
    expect(c).toMatchObject({ phase: 'Ready', currentReady: 1, desiredReady: 3 });
  });

  it('snapshots need the provider and the Snapshotting gate', () => {
    const cr = hpp({
      featureGates: ['Snapshotting'],
      storagePools: [
        { name: 'a', path: '/a', snapshotProvider: 'reflink' },
        { name: 'b', path: '/b' },
      ],
    });
    const [a, b] = buildPoolRows({
      cr,
      snapshotClasses: [vsc('sa', { storagePool: 'a' }), vsc('sb', { storagePool: 'b' })],
    });
    expect(a.findings.map((f) => f.code)).not.toContain('snapshots-unavailable');
    expect(b.findings).toContainEqual({
      code: 'snapshots-unavailable',
      snapshotClasses: ['sb'],
      missing: ['snapshot-provider'],
    });
  });

  it('unreadable inputs leave the derived fields unknown, never empty', () => {
    const [local, blk] = buildPoolRows({ cr: hpp(spec) });
    expect(local.storageClasses).toBeUndefined();
    expect(local.overlayClasses).toBeUndefined();
    expect(local.snapshotClasses).toBeUndefined();
    expect(local.findings).toEqual([{ code: 'status-missing' }]);
    // No status entry and no PVC list: nobody can say which claims exist.
    expect(blk.claims).toBeUndefined();
    const [withProfilesUnknown] = buildPoolRows({ cr: hpp(spec), storageClasses: classes });
    expect(withProfilesUnknown.storageClasses?.[0].profile).toBeUndefined();
  });

  it('claims from the status alone when PVCs are unreadable', () => {
    const [, blk] = buildPoolRows({ cr: hpp(spec, status) });
    expect(blk.claims?.map((c) => [c.name, c.node, c.phase, c.live])).toEqual([
      ['hpp-pool-blk-worker-0', 'worker-0', 'Bound', undefined],
      ['hpp-pool-blk-worker-1', 'worker-1', 'Bound', undefined],
    ]);
  });

  it('a hashed claim name without the node list has no node', () => {
    const cr = hpp(spec, {
      storagePoolStatuses: [
        { name: 'blk', phase: 'Ready', claimStatuses: [{ name: poolPvcName('blk', longNode), status: {} }] },
      ],
    });
    const [, blk] = buildPoolRows({ cr });
    expect(blk.claims).toEqual([{ name: poolPvcName('blk', longNode), shared: false, inStatus: true }]);
  });
});

describe('the legacy pathConfig row', () => {
  const cr = hpp(
    { pathConfig: { path: '/var/hpvolumes', useNamingPrefix: true } },
    { storagePoolStatuses: [{ name: 'legacy', phase: 'Ready' }] },
  );

  it('shows the legacy provisioner classes and CSI classes without storagePool (or naming "legacy")', () => {
    const [row] = buildPoolRows({
      cr,
      storageClasses: [...classes, sc('explicit-legacy', undefined, { storagePool: 'legacy' })],
    });
    expect(row).toMatchObject({
      name: 'legacy',
      kind: 'legacy',
      path: '/var/hpvolumes',
      useNamingPrefix: true,
    });
    expect(row.storageClasses?.map((c) => [c.name, c.legacyProvisioner])).toEqual([
      ['explicit-legacy', false],
      ['hpp-legacy-csi', false],
      ['old-legacy', true],
    ]);
    expect(row.phase).toBe('Ready');
    expect(row.claims).toEqual([]);
    expect(row.findings).toEqual([]);
  });

  it('legacy snapshots never work (no snapshot path for pathConfig)', () => {
    const [row] = buildPoolRows({ cr, snapshotClasses: [vsc('legacy-snap')] });
    expect(row.findings).toEqual([
      {
        code: 'snapshots-unavailable',
        snapshotClasses: ['legacy-snap'],
        missing: ['snapshot-provider', 'feature-gate'],
      },
    ]);
  });

  it('an empty pathConfig still gets its row', () => {
    const [row] = buildPoolRows({ cr: hpp({ pathConfig: {} }) });
    expect(row).toMatchObject({ name: 'legacy', path: '', useNamingPrefix: false });
  });
});

describe('servedPools and orphanClasses', () => {
  it('names the pools the driver serves', () => {
    expect(servedPools(hpp(spec))).toEqual(['local', 'blk', 'shared']);
    expect(servedPools(hpp({ pathConfig: { path: '/x' } }))).toEqual(['legacy']);
    expect(servedPools(hpp({}))).toEqual([]);
  });

  it('finds classes nothing serves', () => {
    expect(orphanClasses(hpp(spec), classes)).toEqual([
      { name: 'hpp-ghost', pool: 'ghost', legacyProvisioner: false },
      { name: 'hpp-legacy-csi', pool: 'legacy', legacyProvisioner: false },
      { name: 'old-legacy', legacyProvisioner: true },
    ]);
    expect(orphanClasses(hpp({ pathConfig: { path: '/x' } }), classes)?.map((o) => o.name)).toEqual([
      'hpp-blk',
      'hpp-ghost',
      'hpp-local',
      'hpp-overlay',
    ]);
    expect(orphanClasses(hpp(spec), undefined)).toBeUndefined();
  });
});
