import { describe, expect, it } from 'vitest';
import { buildDataVolume, emptyDataVolumeForm, type DataVolumeForm } from './dv-form';

const form = (patch: Partial<DataVolumeForm>): DataVolumeForm => ({
  ...emptyDataVolumeForm('vms'),
  name: 'disk',
  size: '30Gi',
  ...patch,
});

describe('buildDataVolume', () => {
  it('writes an HTTP import through the storage profile in the upstream shape', () => {
    expect(
      buildDataVolume(
        form({ http: { url: ' https://example.com/f.qcow2 ', secretRef: 'creds', certConfigMap: '' } }),
      ),
    ).toEqual({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'disk', namespace: 'vms' },
      spec: {
        source: { http: { url: 'https://example.com/f.qcow2', secretRef: 'creds' } },
        storage: { resources: { requests: { storage: '30Gi' } } },
      },
    });
  });

  it('a form with preallocation true always yields spec.preallocation: true (the docs example forgets it)', () => {
    for (const sourceKind of [
      'http',
      'registry',
      'upload',
      'blank',
      'pvc',
      'snapshot',
      'dataSource',
    ] as const)
      for (const storageMode of ['profile', 'explicit'] as const)
        expect(
          buildDataVolume(form({ sourceKind, storageMode, preallocation: true })).spec.preallocation,
        ).toBe(true);
  });

  it('writes preallocation false (overrides a global true) and omits it when left to CDI', () => {
    expect(buildDataVolume(form({ preallocation: false })).spec.preallocation).toBe(false);
    expect('preallocation' in buildDataVolume(form({})).spec).toBe(false);
  });

  it('references a DataSource through spec.sourceRef, never spec.source', () => {
    const dv = buildDataVolume(
      form({ sourceKind: 'dataSource', dataSource: { namespace: 'os-images', name: 'fedora' }, size: '' }),
    );
    expect(dv.spec.sourceRef).toEqual({ kind: 'DataSource', name: 'fedora', namespace: 'os-images' });
    expect(dv.spec.source).toBeUndefined();
    expect(dv.spec.storage).toEqual({});
  });

  it('clones omit size when empty and resolve an empty source namespace to their own', () => {
    const dv = buildDataVolume(form({ sourceKind: 'pvc', pvc: { namespace: '', name: 'golden' }, size: '' }));
    expect(dv.spec.source).toEqual({ pvc: { namespace: 'vms', name: 'golden' } });
    expect(dv.spec.storage).toEqual({});
    expect(
      buildDataVolume(form({ sourceKind: 'snapshot', snapshot: { namespace: 'b', name: 's' } })).spec,
    ).toMatchObject({ source: { snapshot: { namespace: 'b', name: 's' } } });
  });

  it('explicit storage writes spec.pvc with class, access and volume mode', () => {
    const dv = buildDataVolume(
      form({
        storageMode: 'explicit',
        storageClassName: 'ceph-rbd',
        accessModes: ['ReadWriteMany'],
        volumeMode: 'Block',
      }),
    );
    expect(dv.spec.storage).toBeUndefined();
    expect(dv.spec.pvc).toEqual({
      storageClassName: 'ceph-rbd',
      accessModes: ['ReadWriteMany'],
      volumeMode: 'Block',
      resources: { requests: { storage: '30Gi' } },
    });
  });

  it('registry, upload and blank sources; contentType only when archive', () => {
    expect(
      buildDataVolume(
        form({
          sourceKind: 'registry',
          registry: { url: 'docker://quay.io/x:1', pullMethod: 'node', secretRef: '', certConfigMap: 'ca' },
        }),
      ).spec.source,
    ).toEqual({ registry: { url: 'docker://quay.io/x:1', pullMethod: 'node', certConfigMap: 'ca' } });
    expect(buildDataVolume(form({ sourceKind: 'upload' })).spec.source).toEqual({ upload: {} });
    expect(buildDataVolume(form({ sourceKind: 'blank' })).spec.source).toEqual({ blank: {} });
    expect(buildDataVolume(form({})).spec.contentType).toBeUndefined();
    expect(buildDataVolume(form({ contentType: 'archive' })).spec.contentType).toBe('archive');
  });

  it('writes annotations and the immediate-bind request, dropping empty rows', () => {
    const dv = buildDataVolume(
      form({
        annotations: [
          { key: 'k8s.v1.cni.cncf.io/networks', value: 'storage-net' },
          { key: '', value: '' },
        ],
        immediateBind: true,
      }),
    );
    expect(dv.metadata?.annotations).toEqual({
      'k8s.v1.cni.cncf.io/networks': 'storage-net',
      'cdi.kubevirt.io/storage.bind.immediate.requested': 'true',
    });
    expect(buildDataVolume(form({})).metadata).toEqual({ name: 'disk', namespace: 'vms' });
  });
});
