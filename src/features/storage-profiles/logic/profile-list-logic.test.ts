import * as fs from 'fs';
import * as path from 'path';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import {
  buildProfileRows,
  createProfileRowBuilder,
  effectiveClaimPropertySets,
  needsAttention,
  profileSortValues,
  type ProfileRow,
} from './profile-list-logic';
import { filterRows, sortRows } from '../../../components/resource-table-logic';
import { describeWithShared, SHARED } from '../../../k8s/testing/shared-dir';

const sc = (
  name: string,
  provisioner: string,
  annotations?: Record<string, string>,
  parameters?: Record<string, string>,
): StorageClass => ({
  metadata: { name, annotations },
  provisioner,
  parameters,
});

const sp = (
  name: string,
  status: StorageProfile['status'] = {},
  spec: StorageProfile['spec'] = {},
): StorageProfile => ({
  metadata: { name },
  spec,
  status: { storageClass: name, ...status },
});

const recognized = (ok: boolean, reason = ok ? 'RecognizedProvisioner' : 'UnrecognizedProvisioner') => ({
  conditions: [
    { type: 'Recognized', status: ok ? ('True' as const) : ('False' as const), reason, message: 'm' },
  ],
});

const rwxBlock = { accessModes: ['ReadWriteMany' as const], volumeMode: 'Block' as const };
const rwoFs = { accessModes: ['ReadWriteOnce' as const], volumeMode: 'Filesystem' as const };

const byName = (rows: ProfileRow[], name: string) => rows.find((r) => r.name === name)!;

describe('buildProfileRows', () => {
  const classes = [
    sc('ceph', 'rbd.csi.ceph.com', { 'storageclass.kubernetes.io/is-default-class': 'true' }),
    sc('ceph-virt', 'rbd.csi.ceph.com', { 'storageclass.kubevirt.io/is-default-virt-class': 'true' }),
    sc('fake-default', 'x', { 'storageclass.kubernetes.io/is-default-class': 'True' }),
    sc('acme', 'csi.acme.example.com'),
    sc('bucket', 'openshift-storage.noobaa.io/obc'),
  ];
  const snapshotClasses: VolumeSnapshotClass[] = [
    { metadata: { name: 'z-snap' }, driver: 'rbd.csi.ceph.com', deletionPolicy: 'Delete' },
    {
      metadata: {
        name: 'ceph-snap',
        annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' },
      },
      driver: 'rbd.csi.ceph.com',
      deletionPolicy: 'Delete',
    },
  ];
  const profiles = [
    sp('ceph', {
      provisioner: 'rbd.csi.ceph.com',
      claimPropertySets: [rwxBlock, rwoFs],
      cloneStrategy: 'csi-clone',
      ...recognized(true),
    }),
    sp('ceph-virt', {
      provisioner: 'rbd.csi.ceph.com',
      claimPropertySets: [rwxBlock],
      snapshotClass: 'mine',
      ...recognized(true),
    }),
    sp('fake-default', { provisioner: 'x', claimPropertySets: [rwoFs], ...recognized(true) }),
    sp('acme', { provisioner: 'csi.acme.example.com', ...recognized(false) }),
    sp('bucket', { provisioner: 'openshift-storage.noobaa.io/obc', ...recognized(false) }),
    sp('orphan', { provisioner: 'rbd.csi.ceph.com', claimPropertySets: [rwoFs] }),
  ];
  const rows = buildProfileRows(profiles, classes, snapshotClasses);

  it('makes one row per profile, joined with its StorageClass', () => {
    expect(rows.map((r) => r.name)).toEqual([
      'ceph',
      'ceph-virt',
      'fake-default',
      'acme',
      'bucket',
      'orphan',
    ]);
    expect(byName(rows, 'ceph').storageClass?.provisioner).toBe('rbd.csi.ceph.com');
  });

  it('detects the default and default-virt classes only for the exact value "true"', () => {
    expect(byName(rows, 'ceph')).toMatchObject({ isDefaultClass: true, isDefaultVirtClass: false });
    expect(byName(rows, 'ceph-virt')).toMatchObject({ isDefaultClass: false, isDefaultVirtClass: true });
    expect(byName(rows, 'fake-default').isDefaultClass).toBe(false);
  });

  it('flags a profile without claim property sets as incomplete and unrecognized', () => {
    expect(byName(rows, 'acme').problems).toEqual(['incomplete', 'unrecognized']);
    expect(byName(rows, 'acme').recognized?.reason).toBe('UnrecognizedProvisioner');
    expect(byName(rows, 'ceph').problems).toEqual([]);
  });

  it('marks provisioners CDI does not support, without also calling them incomplete', () => {
    expect(byName(rows, 'bucket').problems).toEqual(['unsupported', 'unrecognized']);
  });

  it('flags a profile whose StorageClass is gone', () => {
    expect(byName(rows, 'orphan').problems).toContain('missing-storage-class');
  });

  it("uses the profile's snapshot class, else the driver's default VolumeSnapshotClass", () => {
    expect(byName(rows, 'ceph-virt')).toMatchObject({
      snapshotClass: 'mine',
      snapshotClassFromDriverMatch: false,
    });
    expect(byName(rows, 'ceph')).toMatchObject({
      snapshotClass: 'ceph-snap',
      snapshotClassFromDriverMatch: true,
    });
    expect(byName(rows, 'acme').snapshotClass).toBeUndefined();
  });

  it('keeps the claim property sets in CDI preference order', () => {
    expect(byName(rows, 'ceph').claimPropertySets).toEqual([rwxBlock, rwoFs]);
  });
});

describe('effectiveClaimPropertySets', () => {
  it('prefers status (what CDI applies), then spec, then none', () => {
    expect(
      effectiveClaimPropertySets(sp('a', { claimPropertySets: [rwoFs] }, { claimPropertySets: [rwxBlock] })),
    ).toEqual([rwoFs]);
    expect(effectiveClaimPropertySets(sp('a', {}, { claimPropertySets: [rwxBlock] }))).toEqual([rwxBlock]);
    expect(effectiveClaimPropertySets(sp('a', { claimPropertySets: [] }))).toEqual([]);
  });

  it('treats sets with no access modes as unusable', () => {
    expect(
      effectiveClaimPropertySets(sp('a', { claimPropertySets: [{ accessModes: [], volumeMode: 'Block' }] })),
    ).toEqual([]);
  });
});

describe('problems and the needs-attention rule', () => {
  it('does not flag a no-provisioner profile once CDI derived sets from its PersistentVolumes', () => {
    const [withPvs, withoutPvs] = buildProfileRows(
      [
        sp('local', { provisioner: 'kubernetes.io/no-provisioner', claimPropertySets: [rwoFs] }),
        sp('local-empty', { provisioner: 'kubernetes.io/no-provisioner' }),
      ],
      [sc('local', 'kubernetes.io/no-provisioner'), sc('local-empty', 'kubernetes.io/no-provisioner')],
    );
    expect(withPvs.problems).toEqual([]);
    expect(withoutPvs.problems).toEqual(['incomplete']);
    expect([withPvs, withoutPvs].filter(needsAttention)).toEqual([withoutPvs]);
  });

  it('keeps other unsupported provisioners flagged as unsupported, not incomplete', () => {
    const [row] = buildProfileRows(
      [sp('bucket', { provisioner: 'openshift-storage.noobaa.io/obc' })],
      [sc('bucket', 'openshift-storage.noobaa.io/obc')],
    );
    expect(row.problems).toEqual(['unsupported']);
  });

  it('flags invalid admin-set values for the needs-attention filter, but not empty ones', () => {
    const rows = buildProfileRows(
      [
        sp(
          'bad',
          { provisioner: 'nfs.csi.k8s.io', claimPropertySets: [rwoFs] },
          { cloneStrategy: 'Snapshot' },
        ),
        sp(
          'bad-format',
          { provisioner: 'nfs.csi.k8s.io', claimPropertySets: [rwoFs] },
          {
            dataImportCronSourceFormat: 'PVC',
          },
        ),
        sp('empty', { provisioner: 'nfs.csi.k8s.io', claimPropertySets: [rwoFs] }, { cloneStrategy: '' }),
      ],
      [sc('bad', 'nfs.csi.k8s.io'), sc('bad-format', 'nfs.csi.k8s.io'), sc('empty', 'nfs.csi.k8s.io')],
    );
    expect(byName(rows, 'bad').invalidSpecValues).toEqual([{ field: 'cloneStrategy', value: 'Snapshot' }]);
    expect(byName(rows, 'bad').problems).toEqual(['invalid-spec']);
    expect(rows.filter(needsAttention).map((r) => r.name)).toEqual(['bad', 'bad-format']);
  });

  it('does not call a class missing when the StorageClasses could not be read', () => {
    const profiles = [
      sp('ceph', {
        provisioner: 'rbd.csi.ceph.com',
        claimPropertySets: [rwxBlock],
        cloneStrategy: 'csi-clone',
        ...recognized(true),
      }),
    ];
    const [unknown] = buildProfileRows(profiles, [], [], {
      storageClassesUnknown: true,
      snapshotClassesUnknown: true,
    });
    expect(unknown.problems).toEqual([]);
    expect(unknown.storageClassUnknown).toBe(true);
    expect(unknown.provisioner).toBe('rbd.csi.ceph.com');
    expect(unknown.snapshotClassUnknown).toBe(true);
    expect(buildProfileRows(profiles, [])[0].problems).toEqual(['missing-storage-class']);
  });

  it('treats empty strings as not set, falling back to the next source', () => {
    const [row] = buildProfileRows(
      [sp('a', { provisioner: '', cloneStrategy: '', snapshotClass: '' }, { cloneStrategy: 'copy' })],
      [sc('a', 'nfs.csi.k8s.io')],
    );
    expect(row.provisioner).toBe('nfs.csi.k8s.io');
    expect(row.cloneStrategy).toBe('copy');
    expect(row.dataImportCronSourceFormat).toBeUndefined();
    expect(row.snapshotClass).toBeUndefined();
  });
});

describe("the list columns' sort values and filters (through ResourceTable's logic)", () => {
  const rows = buildProfileRows(
    [
      sp('b-nfs', { provisioner: 'nfs.csi.k8s.io', claimPropertySets: [rwoFs], ...recognized(true) }),
      sp('a-acme', { provisioner: 'csi.acme.example.com', ...recognized(false) }),
      sp('c-ceph', { provisioner: 'rbd.csi.ceph.com', claimPropertySets: [rwxBlock], ...recognized(true) }),
      sp('sc10', { provisioner: 'nfs.csi.k8s.io', claimPropertySets: [rwoFs], ...recognized(true) }),
      sp('sc9', { provisioner: 'nfs.csi.k8s.io', claimPropertySets: [rwoFs], ...recognized(true) }),
    ],
    [
      sc('b-nfs', 'nfs.csi.k8s.io', { 'storageclass.kubevirt.io/is-default-virt-class': 'true' }),
      sc('a-acme', 'csi.acme.example.com'),
      sc('c-ceph', 'rbd.csi.ceph.com', { 'storageclass.kubernetes.io/is-default-class': 'true' }),
      sc('sc10', 'nfs.csi.k8s.io'),
      sc('sc9', 'nfs.csi.k8s.io'),
    ],
  );
  const names = (r: ProfileRow[]) => r.map((x) => x.name);
  const sortBy = (key: keyof typeof profileSortValues, direction: 'asc' | 'desc') =>
    sortRows(rows, profileSortValues[key], direction, (r) => r.name);

  it('sorts by name with natural number order, both directions', () => {
    expect(names(sortBy('name', 'asc'))).toEqual(['a-acme', 'b-nfs', 'c-ceph', 'sc9', 'sc10']);
    expect(names(sortBy('name', 'desc'))).toEqual(['sc10', 'sc9', 'c-ceph', 'b-nfs', 'a-acme']);
  });

  it('sorts by provisioner with the name as tie-breaker', () => {
    expect(names(sortBy('provisioner', 'asc'))).toEqual(['a-acme', 'b-nfs', 'sc9', 'sc10', 'c-ceph']);
  });

  it('puts not-recognized profiles first when sorting by Recognized', () => {
    expect(names(sortBy('recognized', 'asc'))[0]).toBe('a-acme');
  });

  it('does not mutate its input', () => {
    const before = names(rows);
    sortBy('name', 'desc');
    expect(names(rows)).toEqual(before);
  });

  it('filters by a case-insensitive name substring, and by problems', () => {
    const nameOf = (r: ProfileRow) => r.name;
    expect(names(filterRows(rows, '  SC', nameOf))).toEqual(['sc10', 'sc9']);
    expect(names(filterRows(rows, '', nameOf))).toHaveLength(5);
    expect(names(filterRows(rows, '', nameOf, needsAttention))).toEqual(['a-acme']);
  });
});

const dir = path.join(SHARED, 'fixtures-upstream/cluster');

describeWithShared('with the upstream-derived fixture cluster', () => {
  const docs = (file: string) => loadAll(fs.readFileSync(path.join(dir, file), 'utf8')) as { kind: string }[];
  const objects = [
    ...docs('derived-storageprofiles.yaml'),
    ...docs('derived-storageclasses-and-snapshotclasses.yaml'),
  ];
  const rows = buildProfileRows(
    objects.filter((o) => o?.kind === 'StorageProfile') as StorageProfile[],
    objects.filter((o) => o?.kind === 'StorageClass') as StorageClass[],
    objects.filter((o) => o?.kind === 'VolumeSnapshotClass') as VolumeSnapshotClass[],
  );

  it('flags the unknown acme provisioner as incomplete, and the no-provisioner class only while no PV gave sets', () => {
    expect(byName(rows, 'acme-fast').problems).toEqual(['incomplete', 'unrecognized']);
    const local = byName(rows, 'local-block');
    expect(local.noProvisioner).toBe(true);
    expect(local.problems).not.toContain('unsupported');
    expect(local.problems).toContain('incomplete');
  });

  it('finds exactly one default class and one default-virt class', () => {
    expect(rows.filter((r) => r.isDefaultClass).map((r) => r.name)).toEqual(['ocs-storagecluster-ceph-rbd']);
    expect(rows.filter((r) => r.isDefaultVirtClass).map((r) => r.name)).toEqual([
      'ocs-storagecluster-ceph-rbd-virtualization',
    ]);
  });
});

describe('createProfileRowBuilder', () => {
  const sp = (name: string): StorageProfile => ({
    metadata: { name },
    spec: {},
    status: { provisioner: 'x' },
  });
  const sc = (name: string): StorageClass => ({ metadata: { name }, provisioner: 'x' });

  it('keeps a row object while its profile and class are the same objects, rebuilds it when one changes', () => {
    const build = createProfileRowBuilder();
    const a = sp('a');
    const b = sp('b');
    const classA = sc('a');
    const vscs: VolumeSnapshotClass[] = [];
    const first = build([a, b], [classA], vscs);
    // A later page of classes: a new array, the same class object for "a".
    const second = build([a, b], [classA, sc('b')], vscs);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1].storageClass?.metadata?.name).toBe('b');
    // A changed profile object, or different read gaps, give a new row.
    const a2 = { ...a, spec: { cloneStrategy: 'copy' } };
    expect(build([a2, b], [classA], vscs)[0]).not.toBe(first[0]);
    expect(build([a, b], [classA], vscs, { snapshotClassesUnknown: true })[0]).not.toBe(first[0]);
  });
});
