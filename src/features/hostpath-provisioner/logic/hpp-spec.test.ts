import { describe, expect, it } from 'vitest';
import { buildGuardedPatch } from '../../../k8s/json-patch';
import { applyAsApiserver } from '../../../k8s/testing/apply-as-apiserver';
import {
  buildPool,
  crEdits,
  formFromCr,
  migrateLegacyPathConfig,
  newHostPathProvisioner,
  newPoolForm,
  PoolEditError,
  removedPools,
  renamedPools,
  specFromForm,
  type HppForm,
} from './hpp-spec';
import {
  HPP_LEGACY_PROVISIONER,
  type HostPathProvisioner,
  type HppSpec,
  type StoragePool,
} from './hpp-types';
import { hpp, sc } from './test-fixtures';

const local: StoragePool = { name: 'local', path: '/var/hpp-local' };
const blk: StoragePool = {
  name: 'blk',
  path: '/var/hpp-blk',
  pvcTemplate: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '10Gi' }, limits: { storage: '20Gi' } },
    storageClassName: 'local-block',
    volumeMode: 'Block',
    selector: { matchLabels: { tier: 'fast' } },
  },
  snapshotProvider: 'reflink',
  futureField: { kept: true },
};
const richSpec: HppSpec = {
  imagePullPolicy: 'IfNotPresent',
  storagePools: [local, blk],
  workload: {
    nodeSelector: { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/worker': '' },
    tolerations: [{ key: 'storage', operator: 'Exists', effect: 'NoSchedule' }],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
  },
  featureGates: ['Snapshotting', 'Other'],
};

/** Applies the guarded patch of `changes` to `cr` as the apiserver would. */
const applied = (cr: HostPathProvisioner, changes = crEdits(cr, formFromCr(cr))) =>
  applyAsApiserver(cr, buildGuardedPatch(cr, changes));

const edit = (cr: HostPathProvisioner, change: (form: HppForm) => void): HppForm => {
  const form = formFromCr(cr);
  change(form);
  return form;
};

describe('form ↔ spec', () => {
  it('a new CR: documentation defaults, workload inside spec, empty optional fields omitted', () => {
    const form = formFromCr(undefined);
    expect(form.pools).toEqual([newPoolForm('basic')]);
    form.pools[0] = { ...form.pools[0], name: ' local ', path: '/var/hpp ' };
    expect(newHostPathProvisioner(form)).toEqual({
      apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
      kind: 'HostPathProvisioner',
      metadata: { name: 'hostpath-provisioner' },
      spec: {
        imagePullPolicy: 'IfNotPresent',
        storagePools: [{ name: 'local', path: '/var/hpp' }],
        workload: { nodeSelector: { 'kubernetes.io/os': 'linux' } },
      },
    });
    expect(newHostPathProvisioner(form, 'other').metadata?.name).toBe('other');
  });

  it('reads a CR and writes the same spec back, unshown fields included', () => {
    const form = formFromCr(hpp(richSpec));
    expect(form.pools[1]).toMatchObject({
      name: 'blk',
      kind: 'pvcTemplate',
      size: '10Gi',
      storageClassName: 'local-block',
      volumeMode: 'Block',
      accessModes: ['ReadWriteOnce'],
      snapshotProvider: 'reflink',
      overlayClassName: '',
    });
    expect(form.snapshotting).toBe(true);
    expect(form.otherFeatureGates).toEqual(['Other']);
    expect(form.nodeSelector).toEqual([
      { key: 'kubernetes.io/os', value: 'linux' },
      { key: 'node-role.kubernetes.io/worker', value: '' },
    ]);
    expect(specFromForm(form)).toEqual({ ...richSpec, featureGates: ['Other', 'Snapshotting'] });
  });

  it('a legacy CR keeps its pathConfig as read', () => {
    const spec = { pathConfig: { path: '/var/hpvolumes', useNamingPrefix: false } };
    const form = formFromCr(hpp(spec));
    expect(form.pathConfig).toEqual(spec.pathConfig);
    expect(form.imagePullPolicy).toBe('');
    expect(specFromForm(form)).toEqual(spec);
    expect(specFromForm({ ...form, pathConfig: {} })).toEqual({ pathConfig: {} });
  });

  it('reads a bare-number size and a CR without spec', () => {
    const form = formFromCr(
      hpp({
        storagePools: [
          {
            name: 'n',
            path: '/n',
            pvcTemplate: { resources: { requests: { storage: 5 as unknown as string } } },
          },
        ],
      }),
    );
    expect(form.pools[0]).toMatchObject({ size: '5', accessModes: [] });
    expect(formFromCr({ metadata: { name: 'x' } })).toMatchObject({
      pools: [],
      nodeSelector: [],
      imagePullPolicy: '',
    });
  });

  it('omits what is empty and keeps a template pool a template pool', () => {
    const pool = { ...newPoolForm('pvcTemplate'), name: 'p', path: '/p', accessModes: [] };
    expect(buildPool(pool)).toEqual({ name: 'p', path: '/p', pvcTemplate: {} });
    expect(
      buildPool({
        ...pool,
        size: '5Gi',
        volumeMode: 'Filesystem',
        storageClassName: 'x',
        overlayClassName: 'ov',
      }),
    ).toEqual({
      name: 'p',
      path: '/p',
      pvcTemplate: {
        resources: { requests: { storage: '5Gi' } },
        storageClassName: 'x',
        volumeMode: 'Filesystem',
      },
      overlayClassName: 'ov',
    });
    // Switching an existing template pool to basic drops its template; unshown keys stay.
    const form = formFromCr(hpp(richSpec));
    expect(buildPool({ ...form.pools[1], kind: 'basic', snapshotProvider: '' })).toEqual({
      name: 'blk',
      path: '/var/hpp-blk',
      futureField: { kept: true },
    });
    // Clearing the size keeps the other requests and limits.
    expect(buildPool({ ...form.pools[1], size: '' }).pvcTemplate?.resources).toEqual({
      limits: { storage: '20Gi' },
    });
  });

  it('ignores node selector rows with neither key nor value', () => {
    const form = {
      ...formFromCr(undefined),
      nodeSelector: [
        { key: ' ', value: '' },
        { key: 'a', value: ' b ' },
      ],
    };
    expect(specFromForm(form).workload).toEqual({ nodeSelector: { a: 'b' } });
  });
});

describe('crEdits', () => {
  const cr = hpp(richSpec, { storagePoolStatuses: [{ name: 'local', phase: 'Ready' }] });

  it('nothing changed, nothing to send', () => {
    expect(crEdits(cr, formFromCr(cr))).toEqual([]);
    // Even for a number size the operator wrote as int-or-string.
    const numeric = hpp({
      storagePools: [
        {
          name: 'n',
          path: '/n',
          pvcTemplate: { resources: { requests: { storage: 5 as unknown as string } } },
        },
      ],
    });
    expect(crEdits(numeric, formFromCr(numeric))).toEqual([]);
    // Empty lists and maps as read count as absent.
    const empties = hpp({ storagePools: [local], featureGates: [], workload: { nodeSelector: {} } });
    expect(crEdits(empties, formFromCr(empties))).toEqual([]);
  });

  it('a scalar: one change, guarded on its old value', () => {
    const changes = crEdits(
      cr,
      edit(cr, (f) => (f.imagePullPolicy = 'Always')),
    );
    expect(changes).toEqual([{ path: ['spec', 'imagePullPolicy'], value: 'Always' }]);
    expect(buildGuardedPatch(cr, changes)).toEqual([
      { op: 'test', path: '/spec/imagePullPolicy', value: 'IfNotPresent' },
      { op: 'replace', path: '/spec/imagePullPolicy', value: 'Always' },
    ]);
    expect(
      crEdits(
        cr,
        edit(cr, (f) => (f.imagePullPolicy = '')),
      ),
    ).toEqual([{ path: ['spec', 'imagePullPolicy'], value: undefined }]);
  });

  it('storagePools is replaced whole, untouched pools exactly as read, guarded on the old list', () => {
    const form = edit(cr, (f) => {
      f.pools[0] = { ...f.pools[0], path: '/var/hpp-new' };
      f.pools.push({ ...newPoolForm('basic'), name: 'more', path: '/var/more' });
    });
    const changes = crEdits(cr, form);
    expect(changes).toEqual([
      {
        path: ['spec', 'storagePools'],
        value: [{ name: 'local', path: '/var/hpp-new' }, blk, { name: 'more', path: '/var/more' }],
      },
    ]);
    expect((changes[0].value as StoragePool[])[1]).toBe(blk);
    const patch = buildGuardedPatch(cr, changes);
    expect(patch[0]).toEqual({ op: 'test', path: '/spec/storagePools', value: [local, blk] });
    expect(applied(cr, changes).spec?.storagePools).toEqual(changes[0].value);
  });

  it('removing and reordering pools are edits of the list', () => {
    expect(
      crEdits(
        cr,
        edit(cr, (f) => f.pools.splice(0, 1)),
      ),
    ).toEqual([{ path: ['spec', 'storagePools'], value: [blk] }]);
    expect(
      crEdits(
        cr,
        edit(cr, (f) => f.pools.reverse()),
      ),
    ).toEqual([{ path: ['spec', 'storagePools'], value: [blk, local] }]);
    expect(
      crEdits(
        hpp({ storagePools: [local] }),
        edit(hpp({ storagePools: [local] }), (f) => (f.pools = [])),
      ),
    ).toEqual([{ path: ['spec', 'storagePools'], value: undefined }]);
  });

  it('node selector key by key, so other keys survive', () => {
    const changes = crEdits(
      cr,
      edit(cr, (f) => {
        f.nodeSelector = [
          { key: 'kubernetes.io/os', value: 'linux' },
          { key: 'storage', value: 'yes' },
        ];
      }),
    );
    expect(changes).toEqual([
      { path: ['spec', 'workload', 'nodeSelector', 'node-role.kubernetes.io/worker'], value: undefined },
      { path: ['spec', 'workload', 'nodeSelector', 'storage'], value: 'yes' },
    ]);
    expect(buildGuardedPatch(cr, changes)).toEqual([
      { op: 'test', path: '/spec/workload/nodeSelector/node-role.kubernetes.io~1worker', value: '' },
      { op: 'test', path: '/spec/workload/nodeSelector/storage', value: null },
      { op: 'remove', path: '/spec/workload/nodeSelector/node-role.kubernetes.io~1worker' },
      { op: 'add', path: '/spec/workload/nodeSelector/storage', value: 'yes' },
    ]);
    // Clearing every key removes the map; a map that was absent is added whole.
    expect(
      crEdits(
        cr,
        edit(cr, (f) => (f.nodeSelector = [])),
      ),
    ).toEqual([{ path: ['spec', 'workload', 'nodeSelector'], value: undefined }]);
    const bare = hpp({ storagePools: [local] });
    const added = crEdits(
      bare,
      edit(bare, (f) => (f.nodeSelector = [{ key: 'a', value: 'b' }])),
    );
    expect(added).toEqual([{ path: ['spec', 'workload', 'nodeSelector'], value: { a: 'b' } }]);
    expect(applied(bare, added).spec?.workload).toEqual({ nodeSelector: { a: 'b' } });
  });

  it('feature gates as a set: toggling Snapshotting keeps the others', () => {
    expect(
      crEdits(
        cr,
        edit(cr, (f) => (f.snapshotting = false)),
      ),
    ).toEqual([{ path: ['spec', 'featureGates'], value: ['Other'] }]);
    const bare = hpp({ storagePools: [local] });
    expect(
      crEdits(
        bare,
        edit(bare, (f) => (f.snapshotting = true)),
      ),
    ).toEqual([{ path: ['spec', 'featureGates'], value: ['Snapshotting'] }]);
    const only = hpp({ storagePools: [local], featureGates: ['Snapshotting'] });
    expect(
      crEdits(
        only,
        edit(only, (f) => (f.snapshotting = false)),
      ),
    ).toEqual([{ path: ['spec', 'featureGates'], value: undefined }]);
  });

  it('affinity and tolerations change only when the form changes them', () => {
    expect(
      crEdits(
        cr,
        edit(cr, (f) => (f.tolerations = undefined)),
      ),
    ).toEqual([{ path: ['spec', 'workload', 'tolerations'], value: undefined }]);
    expect(
      crEdits(
        cr,
        edit(cr, (f) => (f.affinity = { podAffinity: {} })),
      ),
    ).toEqual([{ path: ['spec', 'workload', 'affinity'], value: { podAffinity: {} } }]);
  });

  it('writes into a CR without spec', () => {
    const empty: HostPathProvisioner = { metadata: { name: 'hostpath-provisioner' } };
    const form = { ...formFromCr(undefined), pools: [{ ...newPoolForm(), name: 'a', path: '/var/a' }] };
    const after = applied(empty, crEdits(empty, form));
    expect(after.spec).toEqual(specFromForm(form));
  });

  describe('re-applied on a newer CR after a conflict', () => {
    const mine = edit(cr, (f) => {
      f.pools[0] = { ...f.pools[0], path: '/var/moved' };
      f.nodeSelector.push({ key: 'mine', value: 'x' });
      f.imagePullPolicy = 'Always';
    });

    it('keeps their pools, keys and gates and re-applies only mine', () => {
      const theirs = hpp({
        ...richSpec,
        storagePools: [local, blk, { name: 'theirs', path: '/var/theirs' }],
        workload: { ...richSpec.workload, nodeSelector: { ...richSpec.workload?.nodeSelector, theirs: 'y' } },
        featureGates: ['Snapshotting', 'Other', 'Theirs'],
      });
      const changes = crEdits(cr, mine, theirs);
      const after = applyAsApiserver(theirs, buildGuardedPatch(theirs, changes));
      expect(after.spec?.storagePools).toEqual([
        { name: 'local', path: '/var/moved' },
        blk,
        { name: 'theirs', path: '/var/theirs' },
      ]);
      expect(after.spec?.workload?.nodeSelector).toEqual({
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/worker': '',
        theirs: 'y',
        mine: 'x',
      });
      expect(after.spec?.featureGates).toEqual(['Snapshotting', 'Other', 'Theirs']);
      expect(after.spec?.imagePullPolicy).toBe('Always');
    });

    it('nothing to send when they already made my change', () => {
      const same = hpp({ ...richSpec, imagePullPolicy: 'Always' });
      expect(
        crEdits(
          cr,
          edit(cr, (f) => (f.imagePullPolicy = 'Always')),
          same,
        ),
      ).toEqual([]);
      const samePool = hpp({
        ...richSpec,
        storagePools: [{ ...local, path: '/var/moved' }, blk, { name: 'x', path: '/x' }],
      });
      expect(
        crEdits(
          cr,
          edit(cr, (f) => (f.pools[0] = { ...f.pools[0], path: '/var/moved' })),
          samePool,
        ),
      ).toEqual([]);
    });

    it('refuses when a pool I edited or removed changed, went, or my new name is taken', () => {
      const changedLocal = hpp({
        ...richSpec,
        storagePools: [{ ...local, path: '/var/theirs' }, blk, { name: 'z', path: '/z' }],
      });
      const run = (form: HppForm, latest: HostPathProvisioner) => () => crEdits(cr, form, latest);
      expect(run(mine, changedLocal)).toThrow(PoolEditError);
      expect(run(mine, changedLocal)).toThrow(
        expect.objectContaining({ reason: 'changed-meanwhile', poolName: 'local' }),
      );
      const gone = hpp({ ...richSpec, storagePools: [blk, { name: 'z', path: '/z' }] });
      expect(run(mine, gone)).toThrow(expect.objectContaining({ reason: 'gone', poolName: 'local' }));
      const removeLocal = edit(cr, (f) => f.pools.splice(0, 1));
      expect(run(removeLocal, changedLocal)).toThrow(
        expect.objectContaining({ reason: 'changed-meanwhile' }),
      );
      // Removing a pool someone else already removed is fine.
      expect(crEdits(cr, removeLocal, gone)).toEqual([]);
      const addTaken = edit(cr, (f) => f.pools.push({ ...newPoolForm(), name: 'z', path: '/mine' }));
      expect(run(addTaken, gone)).toThrow(expect.objectContaining({ reason: 'exists', poolName: 'z' }));
      const addSame = edit(cr, (f) => f.pools.push({ ...newPoolForm(), name: 'z', path: '/z' }));
      expect(crEdits(cr, addSame, gone)).toEqual([]);
      const rename = edit(cr, (f) => (f.pools[0] = { ...f.pools[0], name: 'z' }));
      expect(
        run(rename, hpp({ ...richSpec, storagePools: [local, blk, { name: 'z', path: '/z' }] })),
      ).toThrow(expect.objectContaining({ reason: 'exists', poolName: 'z' }));
      // My edit of a pool they did not touch, with other changes of theirs.
      const addNew = edit(cr, (f) => f.pools.push({ ...newPoolForm(), name: 'n', path: '/n' }));
      const theirsBlk = { ...blk, path: '/var/blk2' };
      expect(crEdits(cr, addNew, hpp({ ...richSpec, storagePools: [local, theirsBlk] }))).toEqual([
        { path: ['spec', 'storagePools'], value: [local, theirsBlk, { name: 'n', path: '/n' }] },
      ]);
    });
  });
});

describe('removed and renamed pools', () => {
  it('names them against the CR the form was read from', () => {
    const cr = hpp(richSpec);
    const form = edit(cr, (f) => {
      f.pools.splice(0, 1);
      f.pools[0] = { ...f.pools[0], name: 'blk2' };
    });
    expect(removedPools(cr, form)).toEqual(['local']);
    expect(renamedPools(cr, form)).toEqual([{ from: 'blk', to: 'blk2' }]);
    expect(removedPools(cr, formFromCr(cr))).toEqual([]);
  });
});

describe('migrateLegacyPathConfig', () => {
  const legacy = hpp({
    imagePullPolicy: 'IfNotPresent',
    pathConfig: { path: '/var/hpvolumes', useNamingPrefix: true },
  });
  const classes = [
    sc('hostpath-csi'),
    sc('hostpath-provisioner', HPP_LEGACY_PROVISIONER),
    sc('pooled', undefined, { storagePool: 'x' }),
  ];

  it('only applies to a CR with pathConfig', () => {
    expect(migrateLegacyPathConfig(hpp({ storagePools: [local] }))).toEqual({
      ok: false,
      code: 'no-path-config',
    });
  });

  it('replaces pathConfig with the pool "legacy" on the same path', () => {
    const result = migrateLegacyPathConfig(legacy, undefined, classes);
    if (!result.ok) throw new Error('expected a migration');
    expect(specFromForm(result.form)).toEqual({
      imagePullPolicy: 'IfNotPresent',
      storagePools: [{ name: 'legacy', path: '/var/hpvolumes' }],
    });
    expect(result.findings).toEqual([
      { code: 'legacy-provisioner-removed', classes: ['hostpath-provisioner'] },
      { code: 'naming-prefix-dropped' },
    ]);
    const changes = crEdits(legacy, result.form);
    expect(changes).toEqual([
      { path: ['spec', 'pathConfig'], value: undefined },
      { path: ['spec', 'storagePools'], value: [{ name: 'legacy', path: '/var/hpvolumes' }] },
    ]);
    expect(applied(legacy, changes).spec).toEqual({
      imagePullPolicy: 'IfNotPresent',
      storagePools: [{ name: 'legacy', path: '/var/hpvolumes' }],
    });
  });

  it('another pool name breaks the legacy CSI classes and volumes: said, with the classes', () => {
    const result = migrateLegacyPathConfig(hpp({ pathConfig: { path: '/p' } }), 'local', [
      sc('hostpath-csi'),
    ]);
    expect(result.ok && result.findings).toEqual([
      { code: 'legacy-pool-name-changed', expected: 'legacy', classes: ['hostpath-csi'] },
    ]);
  });

  it('unreadable classes: the findings say so without a list', () => {
    const result = migrateLegacyPathConfig(hpp({ pathConfig: {} }), 'local');
    expect(result.ok && result.findings).toEqual([
      { code: 'legacy-pool-name-changed', expected: 'legacy' },
      { code: 'legacy-provisioner-removed' },
    ]);
    expect(result.ok && result.form.pools[0]).toMatchObject({ name: 'local', path: '' });
  });
});
