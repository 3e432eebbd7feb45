import { describe, expect, it } from 'vitest';
import { emptyDataVolumeForm, type DataVolumeForm } from './dv-form';
import { scratchAdvice, scratchClassFor } from './scratch-advice';

const ctx = { scratchSpaceStorageClass: '', targetClass: 'ceph-rbd' };
const http = (url: string, patch: Partial<DataVolumeForm['http']> = {}, more: Partial<DataVolumeForm> = {}) =>
  scratchAdvice(
    {
      ...emptyDataVolumeForm('vms'),
      sourceKind: 'http',
      http: { url, secretRef: '', certConfigMap: '', ...patch },
      ...more,
    },
    ctx,
  );
const kind = (patch: Partial<DataVolumeForm>) =>
  scratchAdvice({ ...emptyDataVolumeForm('vms'), ...patch }, ctx);
const registry = (pullMethod: 'pod' | 'node') =>
  kind({
    sourceKind: 'registry',
    registry: { url: 'docker://quay.io/x', pullMethod, secretRef: '', certConfigMap: '' },
  });

describe('scratchAdvice: does this import need scratch space', () => {
  it('a registry import with kubevirt content needs scratch; pullMethod node does not', () => {
    const pod = registry('pod');
    expect(pod.needed).toBe(true);
    expect(pod.why).toMatchObject({ code: 'matrix', endpoint: 'registry' });
    expect(registry('node')).toMatchObject({ needed: false, why: { code: 'node-pull' } });
  });

  it("HTTP(S) KubeVirt content is streamed: no scratch for any format, custom CA or credentials (CDI's code, not the docs)", () => {
    for (const url of [
      'http://example.com/disk.qcow2',
      'http://example.com/disk.qcow2.xz',
      'https://example.com/disk.qcow2.gz?token=1',
      'http://example.com/disk.raw.gz',
      'http://example.com/download',
    ])
      expect(http(url), url).toMatchObject({ needed: false, why: { code: 'http-streamed' } });
    expect(http('https://example.com/disk.qcow2', { certConfigMap: 'ca' }).needed).toBe(false);
    expect(http('http://example.com/disk.qcow2.xz', { secretRef: 'creds' }).needed).toBe(false);
  });

  it('archive content always gets scratch (CDI code), gs:// is not in the matrix', () => {
    expect(http('http://example.com/files.tar', {}, { contentType: 'archive' })).toMatchObject({
      needed: true,
      why: { code: 'archive' },
    });
    expect(http('gs://bucket/disk.qcow2').needed).toBe('depends');
  });

  it('uploads always need scratch; blank and clones need none', () => {
    expect(kind({ sourceKind: 'upload' })).toMatchObject({ needed: true, why: { endpoint: 'upload' } });
    for (const sourceKind of ['blank', 'pvc', 'snapshot', 'dataSource'] as const)
      expect(kind({ sourceKind })).toMatchObject({ needed: false, why: { code: 'no-transfer' } });
  });
});

describe('scratchClassFor: GetScratchPvcStorageClass', () => {
  it('the scratch setting, else the target class, else none', () => {
    expect(scratchClassFor({ scratchSpaceStorageClass: 'fast', targetClass: 'ceph' })).toEqual({
      scratchClass: 'fast',
      classFrom: 'scratch-setting',
    });
    expect(scratchClassFor({ scratchSpaceStorageClass: '', targetClass: 'ceph' })).toEqual({
      scratchClass: 'ceph',
      classFrom: 'target-class',
    });
    expect(scratchClassFor({ scratchSpaceStorageClass: '', targetClass: '' })).toEqual({
      scratchClass: undefined,
      classFrom: 'none',
    });
    expect(scratchClassFor({ scratchSpaceStorageClass: undefined, targetClass: 'ceph' }).classFrom).toBe(
      'unknown',
    );
    expect(registry('pod').scratchClass).toBe('ceph-rbd');
  });
});
