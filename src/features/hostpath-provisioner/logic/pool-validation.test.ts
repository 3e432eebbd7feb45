import { describe, expect, it } from 'vitest';
import { formFromCr, newPoolForm, type HppForm, type PoolFormValues } from './hpp-spec';
import { HPP_LEGACY_PROVISIONER, type StoragePool } from './hpp-types';
import {
  countMatchingNodes,
  findingsFor,
  hasErrorUnder,
  severityOf,
  validateHppForm,
  type ValidationContext,
  type ValidationFinding,
} from './pool-validation';
import { hpp, node, sc } from './test-fixtures';
import { isLabelValue, isQualifiedName } from '../../../k8s/names';

const basic = (name: string, path: string): PoolFormValues => ({ ...newPoolForm('basic'), name, path });
const template = (name: string, path: string, extra: Partial<PoolFormValues> = {}): PoolFormValues => ({
  ...newPoolForm('pvcTemplate'),
  name,
  path,
  size: '10Gi',
  storageClassName: 'local-block',
  ...extra,
});
const form = (pools: PoolFormValues[], extra: Partial<HppForm> = {}): HppForm => ({
  ...formFromCr(undefined),
  pools,
  ...extra,
});
const classes = [
  sc('local-block', 'kubernetes.io/no-provisioner'),
  sc('hpp-csi', undefined, { storagePool: 'local' }),
  sc('hpp-legacy', HPP_LEGACY_PROVISIONER),
  sc('hpp-overlay', undefined, { storagePool: 'shared', overlayCSI: 'true' }),
];
const codes = (list: ValidationFinding[]) => list.map((f) => `${f.field}:${f.code}`);
const all = (f: HppForm, ctx: ValidationContext = { storageClasses: classes }) => {
  const r = validateHppForm(f, ctx);
  return { errors: codes(r.errors), warnings: codes(r.warnings), notes: codes(r.notes), result: r };
};

describe('validateHppForm: the webhook rules', () => {
  it('a good basic pool only carries the OS-partition warning', () => {
    expect(all(form([basic('local', '/var/hpp')]))).toMatchObject({
      errors: [],
      warnings: ['pools[0].path:os-partition'],
      notes: [],
    });
  });

  it('either pathConfig or pools, not both, and pathConfig needs a path', () => {
    expect(all(form([], { pathConfig: { path: '/var/x' } })).errors).toEqual([]);
    expect(all(form([basic('a', '/var/a')], { pathConfig: { path: '/var/x' } })).errors).toEqual([
      'pools:path-config-and-pools',
    ]);
    expect(all(form([])).errors).toEqual(['pools:no-path-config-or-pools']);
    expect(all(form([], { pathConfig: { path: ' ' } })).errors).toEqual([
      'pathConfig.path:path-config-path-required',
    ]);
    expect(all(form([], { pathConfig: {} })).errors).toEqual(['pathConfig.path:path-config-path-required']);
    expect(all(form([], { pathConfig: { path: 'rel' } })).errors).toEqual([
      'pathConfig.path:path-not-absolute',
    ]);
  });

  it('names: required, at most 50, unique (reported at the later one, like the webhook)', () => {
    const r = all(
      form([
        basic('', '/var/a'),
        basic('x'.repeat(51), '/var/b'),
        basic('dup', '/var/c'),
        basic('dup', '/var/d'),
      ]),
    );
    expect(r.errors).toEqual([
      'pools[0].name:name-required',
      'pools[1].name:name-too-long',
      'pools[3].name:name-duplicate',
    ]);
    expect(r.result.errors[1]).toMatchObject({ max: 50 });
    expect(r.result.errors[2]).toMatchObject({ of: 2 });
  });

  it('names must make valid DaemonSet volume (and pool PVC) names', () => {
    const r = all(
      form([
        basic('My_Pool', '/var/a'),
        template('a.b', '/var/b'),
        basic('-x', '/var/c'),
        basic('ok-1-', '/var/d'),
      ]),
    );
    expect(r.errors).toEqual([
      'pools[0].name:name-not-dns1123',
      'pools[1].name:name-not-dns1123',
      'pools[2].name:name-not-dns1123',
    ]);
    expect(r.result.errors[0]).toMatchObject({ resources: ['daemonset-volume'] });
    expect(r.result.errors[1]).toMatchObject({ resources: ['daemonset-volume', 'pool-pvc'] });
  });

  it('paths: required, at most 255, unique, absolute, no ".."', () => {
    const r = all(
      form([
        basic('a', ''),
        basic('b', `/${'p'.repeat(255)}`),
        basic('c', '/var/x'),
        basic('d', '/var/x'),
        basic('e', 'var/y'),
        basic('f', '/var/../etc'),
      ]),
    );
    expect(r.errors).toEqual([
      'pools[0].path:path-required',
      'pools[1].path:path-too-long',
      'pools[3].path:path-duplicate',
      'pools[4].path:path-not-absolute',
      'pools[5].path:path-has-backsteps',
    ]);
  });

  it('image pull policy from corev1.PullPolicy', () => {
    const r = all(form([basic('a', '/var/a')], { imagePullPolicy: 'Sometimes' }));
    expect(r.errors).toEqual(['imagePullPolicy:image-pull-policy-invalid']);
    expect(r.result.errors[0]).toMatchObject({
      value: 'Sometimes',
      allowed: ['Always', 'IfNotPresent', 'Never'],
    });
    expect(all(form([basic('a', '/var/a')], { imagePullPolicy: '' })).errors).toEqual([]);
  });
});

describe('validateHppForm: paths the admin most likely does not want', () => {
  it('the same directory spelled twice, and a directory right under /', () => {
    const r = all(form([basic('a', '/var/hpp'), basic('b', '/var//hpp/./'), basic('c', '/hpvolumes')]));
    expect(r.warnings).toEqual([
      'pools[0].path:os-partition',
      'pools[1].path:path-same-directory',
      'pools[1].path:os-partition',
      'pools[2].path:path-in-root-directory',
      'pools[2].path:os-partition',
    ]);
    expect(r.result.warnings[1]).toMatchObject({ of: 0 });
  });
});

describe('validateHppForm: PVC templates', () => {
  it('a good template pool has no OS-partition warning', () => {
    expect(all(form([template('blk', '/var/blk')]))).toMatchObject({ errors: [], warnings: [], notes: [] });
  });

  it('size required and a valid storage request', () => {
    expect(all(form([template('a', '/var/a', { size: '' })])).errors).toEqual([
      'pools[0].size:size-required',
    ]);
    const r = all(
      form([template('a', '/var/a', { size: '10gb' }), template('b', '/var/b', { size: '1Ki' })]),
    );
    expect(r.errors).toEqual(['pools[0].size:size-invalid', 'pools[1].size:size-invalid']);
    expect(r.result.errors[0]).toMatchObject({ error: { code: 'suffix' } });
    expect(r.result.errors[1]).toMatchObject({ error: { code: 'too-small', minimum: '1Mi' } });
  });

  it('access modes: at least one, known ones, ReadWriteOncePod alone', () => {
    expect(all(form([template('a', '/var/a', { accessModes: [] })])).errors).toEqual([
      'pools[0].accessModes:access-modes-required',
    ]);
    const r = all(form([template('a', '/var/a', { accessModes: ['RWO', 'ReadWriteOncePod'] })]));
    expect(r.errors).toEqual([
      'pools[0].accessModes:access-mode-invalid',
      'pools[0].accessModes:access-mode-rwop-combined',
    ]);
    expect(r.result.errors[0]).toMatchObject({ value: 'RWO' });
  });

  it('volume mode: Filesystem or Block; Block is formatted XFS; shared Block is unsafe', () => {
    expect(all(form([template('a', '/var/a', { volumeMode: 'Raw' })])).errors).toEqual([
      'pools[0].volumeMode:volume-mode-invalid',
    ]);
    expect(all(form([template('a', '/var/a', { volumeMode: 'Block' })])).notes).toEqual([
      'pools[0].volumeMode:block-needs-xfs',
    ]);
    const shared = all(
      form([template('shared', '/var/a', { volumeMode: 'Block', accessModes: ['ReadWriteMany'] })]), // the pool hpp-overlay serves
    );
    expect(shared.warnings).toEqual(['pools[0].volumeMode:shared-block']);
    expect(shared.notes).toEqual(['pools[0].volumeMode:block-needs-xfs', 'pools[0].accessModes:shared-pool']);
    expect(shared.result.notes[1]).toMatchObject({ overlayClassName: 'hpp-overlay' });
  });

  it('the template class: an HPP class (a pool on itself), missing, or an omitted class and the default', () => {
    expect(all(form([template('a', '/var/a', { storageClassName: 'hpp-csi' })])).warnings).toEqual([
      'pools[0].storageClassName:template-class-is-hpp',
    ]);
    expect(all(form([template('a', '/var/a', { storageClassName: 'hpp-legacy' })])).warnings).toEqual([
      'pools[0].storageClassName:template-class-is-hpp',
    ]);
    expect(all(form([template('a', '/var/a', { storageClassName: 'nope' })])).result.warnings).toEqual([
      { field: 'pools[0].storageClassName', code: 'template-class-missing', name: 'nope' },
    ]);
    const omitted = template('a', '/var/a', { storageClassName: '' });
    expect(all(form([omitted])).warnings).toEqual(['pools[0].storageClassName:template-class-no-default']);
    const hppDefault = [
      ...classes,
      sc(
        'hpp-default',
        undefined,
        { storagePool: 'local' },
        { 'storageclass.kubernetes.io/is-default-class': 'true' },
      ),
    ];
    expect(all(form([omitted]), { storageClasses: hppDefault }).result.warnings).toEqual([
      { field: 'pools[0].storageClassName', code: 'template-class-default-is-hpp', name: 'hpp-default' },
    ]);
    const otherDefault = [
      sc('ceph', 'rbd.csi.ceph.com', {}, { 'storageclass.kubernetes.io/is-default-class': 'true' }),
    ];
    expect(all(form([omitted]), { storageClasses: otherDefault }).warnings).toEqual([]);
    // Classes unreadable: nothing said about them.
    expect(all(form([template('a', '/var/a', { storageClassName: 'nope' })]), {}).warnings).toEqual([]);
  });

  it('overlay class: only for shared pools, a valid name, not shared with another pool or class', () => {
    expect(
      all(
        form([basic('a', '/var/a'), template('b', '/var/b')].map((p) => ({ ...p, overlayClassName: 'ov' }))),
      ).warnings,
    ).toEqual([
      'pools[0].path:os-partition',
      'pools[0].overlayClassName:overlay-class-unused',
      'pools[1].overlayClassName:overlay-class-unused',
    ]);
    expect(
      all(form([basic('a', '/var/a')].map((p) => ({ ...p, overlayClassName: 'Bad_Name' })))).errors,
    ).toEqual(['pools[0].overlayClassName:overlay-class-name-invalid']);
    const rwx = (name: string, path: string, overlayClassName = '') =>
      template(name, path, { accessModes: ['ReadWriteMany'], overlayClassName });
    const r = all(form([rwx('shared', '/var/s'), rwx('two', '/var/t'), rwx('three', '/var/u', 'hpp-csi')]));
    expect(r.warnings).toEqual([
      'pools[1].overlayClassName:overlay-class-shared',
      'pools[1].overlayClassName:overlay-class-taken',
      'pools[2].overlayClassName:overlay-class-taken',
    ]);
    expect(r.result.warnings[0]).toMatchObject({ name: 'hpp-overlay', of: 0 });
  });

  it('snapshot provider: only reflink, and it needs the Snapshotting gate', () => {
    const r = all(
      form(
        [basic('a', '/var/a'), basic('b', '/var/b')].map((p, i) => ({
          ...p,
          snapshotProvider: i ? 'reflink' : 'zfs',
        })),
      ),
    );
    expect(r.errors).toEqual(['pools[0].snapshotProvider:snapshot-provider-invalid']);
    expect(r.warnings).toContain('pools[1].snapshotProvider:snapshotting-gate-off');
    expect(
      all(form([{ ...basic('b', '/var/b'), snapshotProvider: 'reflink' }], { snapshotting: true })).warnings,
    ).not.toContain('pools[0].snapshotProvider:snapshotting-gate-off');
  });
});

describe('validateHppForm: node selector', () => {
  it('keys are qualified names, values label values, keys unique; empty rows are ignored', () => {
    const r = all(
      form([template('a', '/var/a')], {
        nodeSelector: [
          { key: '', value: '' },
          { key: '', value: 'x' },
          { key: 'bad key', value: 'ok' },
          { key: 'kubernetes.io/os', value: 'linux' },
          { key: 'kubernetes.io/os', value: 'not valid!' },
        ],
      }),
    );
    expect(r.errors).toEqual([
      'workload.nodeSelector[1].key:selector-key-required',
      'workload.nodeSelector[2].key:selector-key-invalid',
      'workload.nodeSelector[4].key:selector-key-duplicate',
      'workload.nodeSelector[4].value:selector-value-invalid',
    ]);
  });

  it('warns when no node matches (only when the nodes are known)', () => {
    const f = form([template('a', '/var/a')], { nodeSelector: [{ key: 'storage', value: 'yes' }] });
    expect(all(f, { nodes: [node('w0')] }).warnings).toEqual([
      'workload.nodeSelector:selector-matches-no-nodes',
    ]);
    expect(all(f, { nodes: [node('w0', { storage: 'yes' })] }).warnings).toEqual([]);
    expect(all(f, {}).warnings).toEqual([]);
  });

  it('qualified names and label values as apimachinery has them', () => {
    expect(['a', 'A.b-c_d', 'example.com/x', 'a/b', 'x'.repeat(63)].every(isQualifiedName)).toBe(true);
    expect(
      ['', '/a', 'a/', 'a/b/c', 'Bad.Prefix/x', '-a', 'a-', 'x'.repeat(64), 'a b'].some(isQualifiedName),
    ).toBe(false);
    expect(['', 'a', 'A-b_c.d', 'x'.repeat(63)].every(isLabelValue)).toBe(true);
    expect(['-a', 'a-', 'a b', 'x'.repeat(64)].some(isLabelValue)).toBe(false);
  });
});

describe('validateHppForm: changes to existing pools', () => {
  const blk: StoragePool = {
    name: 'blk',
    path: '/var/blk',
    pvcTemplate: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      storageClassName: 'local-block',
    },
  };
  const base = hpp({ storagePools: [{ name: 'local', path: '/var/local' }, blk] });
  const storageClasses = [...classes, sc('old-users', undefined, { storagePool: 'local' })];

  it('renaming, moving, switching kind, changing the template', () => {
    const f = formFromCr(base);
    f.pools[0] = {
      ...f.pools[0],
      name: 'renamed',
      path: '/var/elsewhere',
      kind: 'pvcTemplate',
      size: '1Gi',
      storageClassName: 'local-block',
    };
    f.pools[1] = { ...f.pools[1], size: '20Gi' };
    const r = all(f, { storageClasses, base });
    expect(r.warnings).toEqual([
      'pools[0].name:pool-renamed',
      'pools[0].path:path-changed',
      'pools[0]:kind-changed',
      'pools[1]:template-change-not-applied',
    ]);
    expect(r.result.warnings[0]).toMatchObject({ from: 'local', classes: ['hpp-csi', 'old-users'] });
    expect(r.result.warnings[1]).toMatchObject({ from: '/var/local' });
    expect(r.result.warnings[2]).toMatchObject({ from: 'basic' });
    // Unreadable classes: the rename is still said, without a list.
    expect(validateHppForm(f, { base }).warnings[0]).toEqual({
      field: 'pools[0].name',
      code: 'pool-renamed',
      from: 'local',
    });
  });

  it('an unchanged CR has no change warnings; new pools have none either', () => {
    const f = formFromCr(base);
    f.pools.push(template('new', '/var/new'));
    expect(all(f, { storageClasses, base }).warnings).toEqual(['pools[0].path:os-partition']);
  });
});

describe('helpers', () => {
  it('severities', () => {
    expect(severityOf('name-required')).toBe('error');
    expect(severityOf('os-partition')).toBe('warning');
    expect(severityOf('block-needs-xfs')).toBe('note');
  });

  it('findings of a field and errors under a prefix', () => {
    const r = validateHppForm(form([basic('', '/var/a'), template('b', '/var/b', { size: '' })]));
    expect(findingsFor(r, 'pools[0].path').map((f) => f.code)).toEqual(['os-partition']);
    expect(hasErrorUnder(r, 'pools[0]')).toBe(true);
    expect(hasErrorUnder(r, 'pools[1]')).toBe(true);
    expect(hasErrorUnder(r, 'workload')).toBe(false);
    expect(hasErrorUnder(validateHppForm(form([])), 'pools')).toBe(true);
  });

  it('countMatchingNodes', () => {
    const nodes = [node('a', { zone: '1', storage: 'yes' }), node('b', { zone: '1' }), node('c')];
    expect(countMatchingNodes({ zone: '1' }, nodes)).toBe(2);
    expect(
      countMatchingNodes(
        [
          { key: 'storage', value: 'yes' },
          { key: '', value: '' },
        ],
        nodes,
      ),
    ).toBe(1);
    expect(countMatchingNodes({}, nodes)).toBe(3);
    expect(countMatchingNodes({ zone: '1' }, undefined)).toBeUndefined();
  });
});
