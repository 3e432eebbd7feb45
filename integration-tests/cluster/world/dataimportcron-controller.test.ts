import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../sim-api';
import { createDataImportCronController } from './dataimportcron-controller';
import { testCluster } from './test-helpers';
import { createWorld } from './index';
import { Sim } from '../sim';
import { defaultCrdsDir } from '../server';
import { HAS_SHARED, UPSTREAM_CLUSTER } from '../testing';

const dataSource = (name: string, source: Record<string, unknown>, namespace = 'team-a'): K8sObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataSource',
  metadata: { name, namespace },
  spec: { source },
});
const pvc: K8sObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'base-disk', namespace: 'team-a' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
  status: { phase: 'Bound' },
};
const ref = (name: string, namespace = 'team-a') => ({ dataSource: { name, namespace } });

describe('DataSources no cron manages', () => {
  it('resolve their PVC, or a DataSource one level down, and report Ready', () => {
    const c = testCluster([
      pvc,
      dataSource('base', { pvc: { name: 'base-disk', namespace: 'team-a' } }),
      dataSource('alias', ref('base')),
      dataSource('alias-of-alias', ref('alias')),
      dataSource('self', ref('self')),
      dataSource('elsewhere', ref('base', 'team-a'), 'default'),
      dataSource('missing', { pvc: { name: 'nope', namespace: 'team-a' } }),
    ]);
    c.settle([createDataImportCronController()]);
    const ready = (name: string, ns = 'team-a') => {
      const ds = c.store.get('DataSource', name, ns)!;
      const cond = ds.status.conditions.find((x: { type: string }) => x.type === 'Ready');
      return [cond.status, cond.reason];
    };
    expect(ready('base')).toEqual(['True', 'Ready']);
    expect(ready('alias')).toEqual(['True', 'Ready']);
    expect(c.store.get('DataSource', 'alias', 'team-a')!.status.source).toEqual({
      pvc: { name: 'base-disk', namespace: 'team-a' },
    });
    expect(ready('alias-of-alias')).toEqual(['False', 'MaxReferenceDepthReached']);
    expect(ready('self')).toEqual(['False', 'SelfReference']);
    expect(ready('elsewhere', 'default')).toEqual(['False', 'CrossNamespaceReference']);
    expect(ready('missing')).toEqual(['False', 'NotFound']);
  });

  it('turn Ready when their PVC appears', () => {
    const c = testCluster([dataSource('base', { pvc: { name: 'base-disk', namespace: 'team-a' } })]);
    const controllers = [createDataImportCronController()];
    c.settle(controllers);
    const reason = () => c.store.get('DataSource', 'base', 'team-a')!.status.conditions[0].reason;
    expect(reason()).toBe('NotFound');
    c.store.create(pvc);
    c.settle(controllers);
    expect(reason()).toBe('Ready');
  });
});

if (!HAS_SHARED) {
  console.warn(
    `../shared not present: ${UPSTREAM_CLUSTER} is missing; skipping "crons sharing a managed DataSource (upstream seed)"`,
  );
}

describe.skipIf(!HAS_SHARED)('crons sharing a managed DataSource (upstream seed)', () => {
  it('leave it to one owner, so the cluster settles and idle ticks write nothing', () => {
    const sim = new Sim({ crdsDir: defaultCrdsDir(), seeds: [UPSTREAM_CLUSTER], world: createWorld });
    const writes: string[] = [];
    sim.store.subscribe((e) => writes.push(`${e.type} ${e.object.kind}/${e.object.metadata.name}`));
    for (let i = 0; i < 30; i++) sim.advance(60);
    const rhel8 = sim.store.get('DataSource', 'rhel8', 'openshift-virtualization-os-images')!;
    const owner = rhel8.metadata.labels?.['cdi.kubevirt.io/dataImportCron'];
    expect(['rhel8-image-cron', 'rhel8-image-import-cron']).toContain(owner);
    expect(writes.filter((w) => w === 'MODIFIED DataSource/rhel8').length).toBeLessThan(10);
    writes.length = 0;
    sim.advance(60);
    sim.advance(60);
    expect(writes.filter((w) => /DataSource|DataImportCron/.test(w))).toEqual([]);
    expect(
      sim.store.get('DataSource', 'rhel8', 'openshift-virtualization-os-images')!.metadata.labels,
    ).toEqual(rhel8.metadata.labels);
  });
});
