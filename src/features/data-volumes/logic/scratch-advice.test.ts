import { describe, expect, it } from 'vitest';
import { emptyDataVolumeForm, type DataVolumeForm } from './dv-form';
import { guessImageFormat, scratchAdvice, scratchClassFor } from './scratch-advice';

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

  it('HTTP: QCOW2 and raw need none, compressed QCOW2 needs scratch, compressed raw none', () => {
    expect(http('http://example.com/disk.qcow2')).toMatchObject({ needed: false, why: { format: 'QCOW2' } });
    expect(http('http://example.com/disk.img')).toMatchObject({ needed: false, why: { format: 'raw' } });
    expect(http('http://example.com/disk.qcow2.xz').needed).toBe(true);
    expect(http('http://example.com/disk.qcow2.gz?token=1').needed).toBe(true);
    expect(http('http://example.com/disk.raw.gz').needed).toBe(false);
  });

  it('HTTP with an unknown format depends on the image', () => {
    expect(http('http://example.com/download').needed).toBe('depends');
    expect(http('http://example.com/disk.gz').needed).toBe('depends');
  });

  it('HTTPS QCOW2 needs scratch only with a custom CA', () => {
    expect(http('https://example.com/disk.qcow2').needed).toBe(false);
    expect(http('https://example.com/disk.qcow2', { certConfigMap: 'ca' }).needed).toBe(true);
    expect(http('https://example.com/disk.img', { certConfigMap: 'ca' }).needed).toBe(false);
    expect(http('http://example.com/disk.qcow2', { secretRef: 'creds' }).why).toMatchObject({
      endpoint: 'http-basic-auth',
    });
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

describe('guessImageFormat', () => {
  it('reads the file name', () => {
    expect(guessImageFormat('https://x/y/Fedora.QCOW2')).toEqual({
      contentType: 'kubevirt-qcow2',
      format: 'QCOW2',
    });
    expect(guessImageFormat('https://x/y/a.iso.xz')).toEqual({ contentType: 'kubevirt-raw', format: 'XZ' });
    expect(guessImageFormat('https://x/y/a.gz')).toEqual({ contentType: undefined, format: 'GZ' });
    expect(guessImageFormat('https://x/latest')).toEqual({ contentType: undefined, format: undefined });
  });
});
