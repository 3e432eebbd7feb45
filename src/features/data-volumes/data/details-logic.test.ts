import { describe, expect, it } from 'vitest';
import type { DataVolume, K8sEvent, Pod } from '../../../k8s/types';
import {
  relatedEvents,
  relatedNames,
  sourceLocation,
  splitPvcAnnotations,
  workerPods,
} from './details-logic';

const dv: DataVolume = {
  metadata: { name: 'disk', namespace: 'team-a', uid: 'dv-uid' },
  spec: { source: { http: { url: 'https://x.example.com/a.qcow2' } } },
  status: { claimName: 'disk' },
};
const ev = (
  kind: string,
  name: string,
  last: string,
  extra: Partial<K8sEvent['involvedObject']> = {},
): K8sEvent => ({
  metadata: { name: `${name}.${last}`, uid: `${kind}/${name}/${last}` },
  involvedObject: { kind, name, ...extra },
  lastTimestamp: last,
});

describe('details logic', () => {
  it("names the DataVolume's PVC, worker pods (also from the PVC's annotations) and scratch PVC", () => {
    expect(relatedNames(dv)).toEqual({
      pvcName: 'disk',
      podNames: ['importer-disk', 'cdi-upload-disk'],
      scratchPvcName: 'disk-scratch',
    });
    const pvc = {
      metadata: {
        name: 'disk',
        annotations: { 'cdi.kubevirt.io/storage.import.importPodName': 'importer-prime-x' },
      },
      spec: {},
    };
    expect(relatedNames(dv, pvc).podNames).toContain('importer-prime-x');
  });

  it("keeps the events of the DataVolume, its PVCs and its pods, newest first; not other objects' or an older DV's", () => {
    const events = [
      ev('DataVolume', 'disk', '2026-01-01T00:00:01Z'),
      ev('Pod', 'importer-disk', '2026-01-01T00:00:03Z'),
      ev('PersistentVolumeClaim', 'disk', '2026-01-01T00:00:02Z'),
      ev('PersistentVolumeClaim', 'disk-scratch', '2026-01-01T00:00:04Z'),
      ev('Pod', 'importer-other', '2026-01-01T00:00:05Z'),
      ev('DataVolume', 'disk', '2026-01-01T00:00:06Z', { uid: 'old-uid' }),
      ev('VirtualMachine', 'disk', '2026-01-01T00:00:07Z'),
    ];
    expect(
      relatedEvents(events, dv, relatedNames(dv)).map(
        (e) => `${e.involvedObject.kind}/${e.involvedObject.name}`,
      ),
    ).toEqual([
      'PersistentVolumeClaim/disk-scratch',
      'Pod/importer-disk',
      'PersistentVolumeClaim/disk',
      'DataVolume/disk',
    ]);
  });

  it('picks worker pods by name', () => {
    const pods: Pod[] = [{ metadata: { name: 'importer-disk' } }, { metadata: { name: 'importer-disk2' } }];
    expect(workerPods(pods, relatedNames(dv)).map((p) => p.metadata?.name)).toEqual(['importer-disk']);
  });

  it('tells the source location and splits CDI annotations from the others', () => {
    expect(sourceLocation(dv)).toBe('https://x.example.com/a.qcow2');
    expect(
      sourceLocation({
        metadata: { namespace: 'ns' },
        spec: { sourceRef: { kind: 'DataSource', name: 'fedora' } },
      }),
    ).toBe('DataSource ns/fedora');
    expect(
      splitPvcAnnotations({
        'k8s.v1.cni.cncf.io/networks': 'n',
        'cdi.kubevirt.io/storage.pod.phase': 'Running',
      }),
    ).toEqual({
      cdi: [['cdi.kubevirt.io/storage.pod.phase', 'Running']],
      other: [['k8s.v1.cni.cncf.io/networks', 'n']],
    });
  });
});
