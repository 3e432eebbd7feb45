import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../sim-api';
import { computeMetrics, formatMetrics, type MetricFamily } from './metrics';
import { testCluster } from './test-helpers';

const sc = (name: string, provisioner: string, annotations: Record<string, string> = {}): K8sObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, annotations },
  provisioner,
});

const profile = (name: string, provisioner: string, status: Record<string, unknown> = {}): K8sObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: { name },
  spec: {},
  status: { storageClass: name, provisioner, ...status },
});

const RWX_BLOCK = { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] };
const VIRT_DEFAULT = { 'storageclass.kubevirt.io/is-default-virt-class': 'true' };
const K8S_DEFAULT = { 'storageclass.kubernetes.io/is-default-class': 'true' };

const family = (families: MetricFamily[], name: string) => {
  const f = families.find((x) => x.name === name);
  if (!f) throw new Error(`no family ${name}`);
  return f;
};
const info = (objects: K8sObject[]) =>
  Object.fromEntries(
    family(computeMetrics(testCluster(objects).store), 'kubevirt_cdi_storageprofile_info').samples.map(
      (s) => [s.labels.storageclass, s.labels],
    ),
  );

describe('kubevirt_cdi_storageprofile_info (storageprofile-controller.go computeMetrics)', () => {
  it('a profile without claimPropertySets is incomplete, unless its provisioner is one CDI does not support', () => {
    const labels = info([
      sc('acme', 'csi.acme.example.com'),
      profile('acme', 'csi.acme.example.com'),
      sc('local', 'kubernetes.io/no-provisioner'),
      profile('local', 'kubernetes.io/no-provisioner'),
    ]);
    expect(labels.acme).toMatchObject({
      provisioner: 'csi.acme.example.com',
      complete: 'false',
      degraded: 'true',
    });
    expect(labels.local.complete).toBe('true');
  });

  it('reads default and virtdefault from the class, rwx from the status, smartclone from snapshot classes', () => {
    const rbd = 'openshift-storage.rbd.csi.ceph.com';
    const labels = info([
      sc('rbd', rbd, K8S_DEFAULT),
      profile('rbd', rbd, RWX_BLOCK),
      sc('rbd-virt', rbd, VIRT_DEFAULT),
      profile('rbd-virt', rbd, { ...RWX_BLOCK, cloneStrategy: 'copy' }),
      {
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshotClass',
        metadata: { name: 'rbd-snap' },
        driver: rbd,
        deletionPolicy: 'Delete',
      },
    ]);
    expect(labels.rbd).toEqual({
      storageclass: 'rbd',
      provisioner: rbd,
      complete: 'true',
      default: 'true',
      virtdefault: 'false',
      rwx: 'true',
      smartclone: 'true',
      degraded: 'false',
    });
    // host-assisted clone ("copy") is no smart clone, so the class is degraded
    expect(labels['rbd-virt']).toMatchObject({ virtdefault: 'true', smartclone: 'false', degraded: 'true' });
  });

  it('two virt-default classes give two virtdefault="true" series; a profile whose class is gone none', () => {
    const p = 'topolvm.io';
    const labels = info([
      sc('a', p, VIRT_DEFAULT),
      profile('a', p, RWX_BLOCK),
      sc('b', p, VIRT_DEFAULT),
      profile('b', p, RWX_BLOCK),
      profile('orphan', p, RWX_BLOCK),
    ]);
    expect(Object.values(labels).filter((l) => l.virtdefault === 'true')).toHaveLength(2);
    expect(labels.orphan).toBeUndefined();
  });
});

describe('DataImportCron, DataVolume and CDI gauges', () => {
  const cron = (name: string, upToDate: string, storageClassName?: string): K8sObject => ({
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataImportCron',
    metadata: { name, namespace: 'golden' },
    spec: {
      schedule: '0 */12 * * *',
      managedDataSource: name,
      template: { spec: { source: { registry: { url: 'docker://x' } }, storage: { storageClassName } } },
    },
    status: { conditions: [{ type: 'UpToDate', status: upToDate }] },
  });
  const dv = (name: string, phase: string | undefined, storageClassName?: string): K8sObject => ({
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name, namespace: 'team-a' },
    spec: { source: { blank: {} }, storage: { storageClassName } },
    ...(phase ? { status: { phase } } : {}),
  });
  const ns = (name: string): K8sObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

  it('an outdated cron is 1, pending="true" when it waits for a default class; an up-to-date one 0', () => {
    const families = computeMetrics(
      testCluster([
        ns('golden'),
        cron('fresh', 'True'),
        cron('stale', 'False', 'rbd'),
        cron('waiting', 'False'),
      ]).store,
    );
    const samples = family(families, 'kubevirt_cdi_dataimportcron_outdated').samples;
    const by = Object.fromEntries(samples.map((s) => [s.labels.cron_name, s]));
    expect(by.fresh).toEqual({
      labels: { namespace: 'golden', cron_name: 'fresh', pending: 'false' },
      value: 0,
    });
    expect(by.stale).toEqual({
      labels: { namespace: 'golden', cron_name: 'stale', pending: 'false' },
      value: 1,
    });
    expect(by.waiting.labels.pending).toBe('true');
  });

  it('counts the Pending (or phase-less) DataVolumes that use the default class', () => {
    const families = computeMetrics(
      testCluster([
        ns('team-a'),
        dv('no-class-pending', 'Pending'),
        dv('no-class-new', undefined),
        dv('classed-pending', 'Pending', 'rbd'),
        dv('no-class-done', 'Succeeded'),
      ]).store,
    );
    expect(family(families, 'kubevirt_cdi_datavolume_pending').samples).toEqual([{ labels: {}, value: 2 }]);
  });

  it('kubevirt_cdi_cr_ready: 1 when CDI is Available, 0 when neither Available nor Progressing', () => {
    const cdi = (conditions: { type: string; status: string }[]): K8sObject => ({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'CDI',
      metadata: { name: 'cdi' },
      spec: {},
      status: { conditions },
    });
    const ready = (c: K8sObject) =>
      family(computeMetrics(testCluster([c]).store), 'kubevirt_cdi_cr_ready').samples[0].value;
    expect(ready(cdi([{ type: 'Available', status: 'True' }]))).toBe(1);
    expect(
      ready(
        cdi([
          { type: 'Available', status: 'False' },
          { type: 'Progressing', status: 'False' },
        ]),
      ),
    ).toBe(0);
    expect(
      ready(
        cdi([
          { type: 'Available', status: 'False' },
          { type: 'Progressing', status: 'True' },
        ]),
      ),
    ).toBe(-1);
  });

  it("exposes kube-state-metrics' restart counter per container", () => {
    const pod: K8sObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'importer-dv1', namespace: 'team-a', uid: 'u1' },
      spec: { containers: [{ name: 'importer', image: 'x' }] },
      status: { containerStatuses: [{ name: 'importer', restartCount: 4 }] },
    };
    const samples = family(
      computeMetrics(testCluster([ns('team-a'), pod]).store),
      'kube_pod_container_status_restarts_total',
    ).samples;
    expect(samples).toEqual([
      { labels: { namespace: 'team-a', pod: 'importer-dv1', uid: 'u1', container: 'importer' }, value: 4 },
    ]);
  });
});

describe('HCO metrics', () => {
  const hc = (annotations: Record<string, string> = {}, status: Record<string, unknown> = {}): K8sObject => ({
    apiVersion: 'hco.kubevirt.io/v1beta1',
    kind: 'HyperConverged',
    metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', uid: 'hc-uid', annotations },
    spec: {},
    status,
  });
  const event = (message: string, count: number): K8sObject => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `e-${count}`, namespace: 'openshift-cnv' },
    involvedObject: { kind: 'HyperConverged', name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
    reason: message.split(' ')[0],
    message,
    count,
    type: 'Warning',
  });
  const ns: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openshift-cnv' } };

  it('counts Overwritten events per component as the out-of-band counter, jsonpatch operations as unsafe', () => {
    const families = computeMetrics(
      testCluster([
        ns,
        hc(
          {
            'containerizeddataimporter.kubevirt.io/jsonpatch':
              '[{"op":"add","path":"/a","value":1},{"op":"remove","path":"/b"}]',
          },
          { systemHealthStatus: 'warning' },
        ),
        event('Overwritten CDI cdi-kubevirt-hyperconverged', 3),
        event('Updated CDI cdi-kubevirt-hyperconverged', 5),
      ]).store,
    );
    expect(family(families, 'kubevirt_hco_out_of_band_modifications_total').samples).toEqual([
      { labels: { component_name: 'cdi/cdi-kubevirt-hyperconverged' }, value: 3 },
    ]);
    const unsafe = family(families, 'kubevirt_hco_unsafe_modifications').samples;
    expect(unsafe.find((s) => s.labels.annotation_name.startsWith('containerized'))?.value).toBe(2);
    expect(unsafe.filter((s) => s.value === 0)).toHaveLength(3);
    expect(family(families, 'kubevirt_hco_system_health_status').samples[0].value).toBe(1);
    expect(family(families, 'kubevirt_hco_hyperconverged_cr_exists').samples[0].value).toBe(1);
  });

  it('without a HyperConverged: cr_exists 0 and no HCO gauges', () => {
    const families = computeMetrics(testCluster([]).store);
    expect(family(families, 'kubevirt_hco_hyperconverged_cr_exists').samples[0].value).toBe(0);
    expect(families.find((f) => f.name === 'kubevirt_hco_system_health_status')).toBeUndefined();
  });
});

/** A parser for the text format 0.0.4, enough to read our output back. */
const parse = (text: string) => {
  const types = new Map<string, string>();
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const t = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (t) {
      types.set(t[1], t[2]);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1]] = l[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return { types, samples };
};

describe('formatMetrics (text format 0.0.4)', () => {
  const families: MetricFamily[] = [
    {
      name: 'x_info',
      help: 'a \\ help\nline',
      type: 'gauge',
      samples: [{ labels: { name: 'quote " back \\ slash\nnewline' }, value: 1 }],
    },
    { name: 'y_total', help: 'c', type: 'counter', samples: [{ labels: {}, value: 7 }] },
  ];
  const text = formatMetrics(families);

  it('escapes HELP and label values and reads back to the same samples', () => {
    expect(text).toContain('# HELP x_info a \\\\ help\\nline\n# TYPE x_info gauge\n');
    const parsed = parse(text);
    expect(parsed.types).toEqual(
      new Map([
        ['x_info', 'gauge'],
        ['y_total', 'counter'],
      ]),
    );
    expect(parsed.samples).toEqual([
      { name: 'x_info', labels: { name: 'quote " back \\ slash\nnewline' }, value: 1 },
      { name: 'y_total', labels: {}, value: 7 },
    ]);
  });

  it('passes promtool check metrics', (ctx) => {
    if (!existsSync('/usr/bin/promtool')) {
      console.log('skipped: /usr/bin/promtool missing (Debian package prometheus)');
      ctx.skip();
    }
    // promtool lints counters without _total and the like; only a parse error exits 1 with "error while linting"
    const out = (() => {
      try {
        return execFileSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      } catch (e) {
        return `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`;
      }
    })();
    expect(out).not.toMatch(/error while linting|parse/i);
  });
});
