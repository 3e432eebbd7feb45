import { describe, expect, it } from 'vitest';
import { lookupCapabilities } from '../../../k8s/storage-capabilities';
import type { ClaimPropertySet, VolumeSnapshotClass } from '../../../k8s/types';
import { ACCESS_MODES } from '../../../k8s/access-modes';
import {
  addClaimPropertySet,
  MAX_CLAIM_PROPERTY_SETS,
  moveClaimPropertySet,
  recommendValues,
  removeClaimPropertySet,
  specFormWarnings,
  toggleAccessMode,
  validateSpecForm,
  type SpecFormState,
} from './spec-form-logic';

const RWX_B = { accessModes: ['ReadWriteMany' as const], volumeMode: 'Block' as const };
const RWO_FS = { accessModes: ['ReadWriteOnce' as const], volumeMode: 'Filesystem' as const };
const empty: SpecFormState = {
  claimPropertySets: [],
  cloneStrategy: '',
  dataImportCronSourceFormat: '',
  snapshotClass: '',
};
const vsc = (name: string, driver: string): VolumeSnapshotClass => ({
  metadata: { name },
  driver,
  deletionPolicy: 'Delete',
});

describe('claim property set list editing', () => {
  it('adds sets up to the CRD limit of 8 and no further', () => {
    let sets: ClaimPropertySet[] = [RWX_B];
    for (let i = 0; i < 20; i += 1) sets = addClaimPropertySet(sets);
    expect(sets).toHaveLength(MAX_CLAIM_PROPERTY_SETS);
    expect(MAX_CLAIM_PROPERTY_SETS).toBe(8);
  });

  it('moves a set up and down, ignoring moves past either end', () => {
    const sets = [RWX_B, RWO_FS];
    expect(moveClaimPropertySet(sets, 1, -1)).toEqual([RWO_FS, RWX_B]);
    expect(moveClaimPropertySet(sets, 0, 1)).toEqual([RWO_FS, RWX_B]);
    expect(moveClaimPropertySet(sets, 0, -1)).toEqual(sets);
    expect(moveClaimPropertySet(sets, 1, 1)).toEqual(sets);
  });

  it('removes one set', () => {
    expect(removeClaimPropertySet([RWX_B, RWO_FS], 0)).toEqual([RWO_FS]);
  });

  it('toggles access modes in a stable order', () => {
    const on = toggleAccessMode([RWO_FS], 0, 'ReadWriteMany', true, ACCESS_MODES);
    expect(on[0].accessModes).toEqual(['ReadWriteMany', 'ReadWriteOnce']);
    const off = toggleAccessMode(on, 0, 'ReadWriteOnce', false, ACCESS_MODES);
    expect(off[0].accessModes).toEqual(['ReadWriteMany']);
  });
});

describe('validateSpecForm', () => {
  it('rejects a set without an access mode, naming the set', () => {
    expect(
      validateSpecForm({ ...empty, claimPropertySets: [RWX_B, { accessModes: [], volumeMode: 'Block' }] }),
    ).toEqual([{ code: 'no-access-mode', index: 1 }]);
  });

  it('rejects more than 8 sets', () => {
    const sets = Array.from({ length: 9 }, () => RWO_FS);
    expect(validateSpecForm({ ...empty, claimPropertySets: sets })).toContainEqual({
      code: 'too-many-sets',
      count: 9,
    });
  });

  it('rejects clone strategies and source formats CDI does not know (the CRD has no enum)', () => {
    expect(
      validateSpecForm({ ...empty, cloneStrategy: 'fast', dataImportCronSourceFormat: 'image' }),
    ).toEqual([
      { code: 'invalid-clone-strategy', value: 'fast' },
      { code: 'invalid-source-format', value: 'image' },
    ]);
  });

  it('accepts a complete form', () => {
    expect(
      validateSpecForm({
        claimPropertySets: [RWX_B, RWO_FS],
        cloneStrategy: 'snapshot',
        dataImportCronSourceFormat: 'pvc',
        snapshotClass: 'x',
      }),
    ).toEqual([]);
  });
});

describe('specFormWarnings', () => {
  const ctx = { provisioner: 'csi.acme.example.com', snapshotClasses: [vsc('rbd', 'rbd.csi.ceph.com')] };

  it('warns when snapshot clone or snapshot boot sources have no VolumeSnapshotClass for the driver', () => {
    const codes = specFormWarnings(
      {
        ...empty,
        claimPropertySets: [RWX_B],
        cloneStrategy: 'snapshot',
        dataImportCronSourceFormat: 'snapshot',
      },
      ctx,
    ).map((w) => w.code);
    expect(codes).toEqual([
      'snapshot-clone-without-snapshot-class',
      'snapshot-format-without-snapshot-class',
    ]);
  });

  it('does not warn about snapshots when a matching VolumeSnapshotClass exists', () => {
    const withVsc = {
      ...ctx,
      snapshotClasses: [...ctx.snapshotClasses, vsc('acme', 'csi.acme.example.com')],
    };
    expect(
      specFormWarnings({ ...empty, claimPropertySets: [RWX_B], cloneStrategy: 'snapshot' }, withVsc),
    ).toEqual([]);
  });

  it('warns about csi-clone when no CSIDriver of the provisioner exists, and only then', () => {
    const state = { ...empty, claimPropertySets: [RWX_B], cloneStrategy: 'csi-clone' };
    expect(specFormWarnings(state, { ...ctx, csiDriverNames: ['rbd.csi.ceph.com'] })).toEqual([
      { code: 'csi-clone-without-csi-driver' },
    ]);
    expect(specFormWarnings(state, { ...ctx, csiDriverNames: ['csi.acme.example.com'] })).toEqual([]);
    expect(specFormWarnings(state, ctx), 'unknown CSIDrivers: no claim either way').toEqual([]);
  });

  it('warns when CDI.spec.cloneStrategyOverride will replace the chosen strategy', () => {
    expect(
      specFormWarnings({ ...empty, cloneStrategy: 'csi-clone' }, { ...ctx, cloneStrategyOverride: 'copy' }),
    ).toContainEqual({ code: 'clone-strategy-overridden', override: 'copy', chosen: 'csi-clone' });
    expect(
      specFormWarnings({ ...empty, cloneStrategy: 'copy' }, { ...ctx, cloneStrategyOverride: 'copy' }).map(
        (w) => w.code,
      ),
    ).not.toContain('clone-strategy-overridden');
  });

  it('warns about a snapshot class of another driver or one that does not exist', () => {
    expect(specFormWarnings({ ...empty, snapshotClass: 'rbd' }, ctx)).toContainEqual({
      code: 'snapshot-class-other-driver',
      name: 'rbd',
      driver: 'rbd.csi.ceph.com',
    });
    expect(specFormWarnings({ ...empty, snapshotClass: 'gone' }, ctx)).toContainEqual({
      code: 'snapshot-class-not-found',
      name: 'gone',
    });
  });

  it('warns about repeated sets and about no RWX set (no live migration)', () => {
    expect(specFormWarnings({ ...empty, claimPropertySets: [RWO_FS, RWO_FS] }, ctx)).toEqual([
      { code: 'duplicate-set', index: 1, firstIndex: 0 },
      { code: 'no-rwx' },
    ]);
  });
});

describe('recommendValues', () => {
  const CEPH = 'openshift-storage.rbd.csi.ceph.com';
  const table = lookupCapabilities(CEPH);
  const RWO_B = { accessModes: ['ReadWriteOnce' as const], volumeMode: 'Block' as const };
  const cephSets = [RWX_B, RWO_B, RWO_FS];

  it('pins the table values the cluster can serve and CDI does not apply by itself', () => {
    const r = recommendValues(
      table,
      { ...empty, snapshotClass: 'mine' },
      {
        provisioner: CEPH,
        snapshotClasses: [vsc('ceph-snap', CEPH)],
        csiDriverNames: [CEPH],
        status: {},
      },
    );
    expect(r?.values).toEqual({
      claimPropertySets: cephSets,
      cloneStrategy: 'csi-clone',
      dataImportCronSourceFormat: 'snapshot',
    });
    expect(r?.notes).toEqual([]);
  });

  it('never recommends snapshot when no VolumeSnapshotClass serves the driver, and says why', () => {
    const r = recommendValues(table, empty, {
      provisioner: CEPH,
      snapshotClasses: [vsc('other', 'other.csi.example.com')],
      csiDriverNames: [CEPH],
      status: {},
    });
    expect(r?.values.dataImportCronSourceFormat).toBeUndefined();
    expect(r?.notes).toContainEqual({ code: 'snapshot-not-served', field: 'dataImportCronSourceFormat' });
  });

  it('does not recommend snapshot while the snapshot classes are unknown', () => {
    const r = recommendValues(table, empty, { provisioner: CEPH, snapshotClasses: undefined, status: {} });
    expect(r?.values.dataImportCronSourceFormat).toBeUndefined();
    expect(r?.notes).toContainEqual({ code: 'snapshot-unknown', field: 'dataImportCronSourceFormat' });
  });

  it('does not recommend csi-clone without a CSIDriver of the provisioner', () => {
    const r = recommendValues(table, empty, {
      provisioner: CEPH,
      snapshotClasses: [vsc('ceph-snap', CEPH)],
      csiDriverNames: [],
      status: {},
    });
    expect(r?.values.cloneStrategy).toBeUndefined();
    expect(r?.notes).toContainEqual({ code: 'csi-clone-not-served' });
  });

  it('says CDI already applies a value instead of pinning it into spec', () => {
    const r = recommendValues(table, empty, {
      provisioner: CEPH,
      snapshotClasses: [vsc('ceph-snap', CEPH)],
      csiDriverNames: [CEPH],
      status: {
        claimPropertySets: cephSets,
        cloneStrategy: 'csi-clone',
        dataImportCronSourceFormat: 'snapshot',
      },
    });
    expect(r?.values).toEqual({});
    expect(r?.notes.map((n) => n.code)).toEqual([
      'cdi-already-applies',
      'cdi-already-applies',
      'cdi-already-applies',
    ]);
  });

  it('has nothing to recommend for an unknown provisioner', () => {
    expect(
      recommendValues(lookupCapabilities('csi.acme.example.com'), empty, { status: {} }),
    ).toBeUndefined();
  });
});
