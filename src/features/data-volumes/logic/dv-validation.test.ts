import { describe, expect, it } from 'vitest';
import { emptyDataVolumeForm, type DataVolumeForm } from './dv-form';
import { checkHttpUrl, checkRegistryUrl, hasErrors, validateDataVolumeForm } from './dv-validation';

const form = (patch: Partial<DataVolumeForm>): DataVolumeForm => ({
  ...emptyDataVolumeForm('vms'),
  name: 'disk',
  size: '30Gi',
  http: { url: 'https://example.com/disk.qcow2', secretRef: '', certConfigMap: '' },
  ...patch,
});
const codes = (f: DataVolumeForm, ctx = {}) =>
  validateDataVolumeForm(f, ctx).map((p) => `${p.field}:${p.code}:${p.severity}`);

describe('validateDataVolumeForm', () => {
  it('accepts a complete HTTP import', () => {
    expect(validateDataVolumeForm(form({}), { namespaces: ['vms'] })).toEqual([]);
  });

  it('names: required, DNS-1123 subdomain, at most 253, not taken', () => {
    expect(codes(form({ name: '' }))).toEqual(['name:required:error']);
    expect(codes(form({ name: 'Disk_1' }))).toEqual(['name:dns1123-subdomain:error']);
    expect(codes(form({ name: 'a'.repeat(254) }))).toEqual(['name:too-long:error']);
    expect(codes(form({ name: 'a'.repeat(253) }))).toEqual([]);
    expect(codes(form({ name: 'disk' }), { takenNames: ['disk'] })).toEqual(['name:name-taken:error']);
  });

  it('an unknown target namespace, only when the namespaces are known', () => {
    expect(codes(form({ namespace: 'nope' }), { namespaces: ['vms'] })).toEqual([
      'namespace:namespace-unknown:error',
    ]);
    expect(codes(form({ namespace: 'nope' }))).toEqual([]);
  });

  it('HTTP URLs: scheme http, https or gs, as a request URI', () => {
    expect(checkHttpUrl('https://example.com/a.img')).toBeUndefined();
    expect(checkHttpUrl('HTTP://example.com/a.img')).toBeUndefined();
    expect(checkHttpUrl('gs://bucket/a.img')).toBeUndefined();
    expect(checkHttpUrl('')).toBe('required');
    expect(checkHttpUrl('ftp://example.com/a.img')).toBe('url-scheme');
    expect(checkHttpUrl('s3://bucket/a')).toBe('url-scheme');
    expect(checkHttpUrl('example.com/a.img')).toBe('url-invalid');
    expect(checkHttpUrl('http:example.com')).toBe('url-invalid');
    expect(checkHttpUrl('https://exa mple.com/a')).toBe('url-invalid');
    expect(checkHttpUrl('http:///a.img')).toBe('url-no-host');
    expect(codes(form({ http: { url: 'ftp://x/y', secretRef: '', certConfigMap: '' } }))).toEqual([
      'http.url:url-scheme:error',
    ]);
    expect(codes(form({ http: { url: 'http:///y', secretRef: '', certConfigMap: '' } }))).toEqual([
      'http.url:url-no-host:warning',
    ]);
  });

  it('registry URLs: docker:// or oci-archive://', () => {
    expect(checkRegistryUrl('docker://quay.io/containerdisks/fedora:41')).toBeUndefined();
    expect(checkRegistryUrl('oci-archive:///data/image.tar')).toBeUndefined();
    expect(checkRegistryUrl('quay.io/containerdisks/fedora:41')).toBe('url-scheme');
    expect(checkRegistryUrl('https://quay.io/x')).toBe('url-scheme');
    expect(checkRegistryUrl('')).toBe('required');
    const registry = (url: string) =>
      form({
        sourceKind: 'registry',
        registry: { url, pullMethod: 'pod', secretRef: '', certConfigMap: '' },
      });
    expect(codes(registry('quay.io/x'))).toEqual(['registry.url:url-scheme:error']);
  });

  it('archive content is refused for blank and registry sources, allowed for HTTP', () => {
    expect(codes(form({ sourceKind: 'blank', contentType: 'archive' }))).toEqual([
      'contentType:archive-not-allowed:error',
    ]);
    expect(
      codes(
        form({
          sourceKind: 'registry',
          contentType: 'archive',
          registry: { url: 'docker://q/x', pullMethod: 'pod', secretRef: '', certConfigMap: '' },
        }),
      ),
    ).toEqual(['contentType:archive-not-allowed:error']);
    expect(codes(form({ contentType: 'archive' }))).toEqual([]);
  });

  it('size: a real quantity, > 0 and at least 1Mi', () => {
    expect(codes(form({ size: '' }))).toEqual(['size:required:error']);
    expect(codes(form({ size: '10gb' }))).toEqual(['size:size:error']);
    expect(validateDataVolumeForm(form({ size: '0' }))[0]).toMatchObject({ error: { code: 'zero' } });
    expect(validateDataVolumeForm(form({ size: '1000Ki' }))[0]).toMatchObject({
      error: { code: 'too-small', minimum: '1Mi' },
    });
    expect(codes(form({ size: '1Mi' }))).toEqual([]);
  });

  it('clones: size may be empty through the profile but not with spec.pvc, and at least the source size', () => {
    const clone = (patch: Partial<DataVolumeForm>) =>
      form({ sourceKind: 'pvc', pvc: { namespace: 'golden', name: 'fedora' }, ...patch });
    expect(codes(clone({ size: '' }))).toEqual([]);
    expect(
      codes(
        clone({
          size: '',
          storageMode: 'explicit',
          storageClassName: 'x',
          accessModes: ['ReadWriteOnce'],
          volumeMode: 'Block',
        }),
      ),
    ).toEqual(['size:required:error']);
    const ctx = { sourceSize: { bytes: 30 * 2 ** 30 } };
    expect(codes(clone({ size: '20Gi' }), ctx)).toEqual(['size:smaller-than-source:error']);
    expect(codes(clone({ size: '30Gi' }), ctx)).toEqual([]);
    expect(codes(clone({ size: '20Gi' }))).toEqual([]);
  });

  it('clone sources: a name, a known namespace, and one that exists', () => {
    const snap = (namespace: string, name: string) =>
      form({ sourceKind: 'snapshot', snapshot: { namespace, name } });
    expect(codes(snap('', ''))).toEqual(['source.name:required:error']);
    expect(codes(snap('other', 's1'), { namespaces: ['vms'] })).toEqual([
      'source.namespace:namespace-unknown:error',
    ]);
    expect(codes(snap('', 's1'), { sourceExists: false })).toEqual(['source.name:source-not-found:error']);
    expect(codes(form({ sourceKind: 'dataSource', dataSource: { namespace: '', name: 'Bad' } }))).toEqual([
      'source.name:dns1123-subdomain:error',
    ]);
  });

  it('explicit storage needs a class, exactly one access mode and a volume mode', () => {
    expect(codes(form({ storageMode: 'explicit' }))).toEqual([
      'storageClassName:required:error',
      'accessModes:required:error',
      'volumeMode:required:error',
    ]);
    expect(
      codes(
        form({
          storageMode: 'explicit',
          storageClassName: 'c',
          accessModes: ['ReadWriteOnce', 'ReadWriteMany'],
          volumeMode: 'Filesystem',
        }),
      ),
    ).toEqual(['accessModes:multiple:error']);
    // Through the profile, access and volume mode are CDI's to pick.
    expect(codes(form({ storageMode: 'profile' }))).toEqual([]);
  });

  it('preallocation on a clone is a note, not an error', () => {
    const problems = validateDataVolumeForm(
      form({ sourceKind: 'pvc', pvc: { namespace: '', name: 'src' }, preallocation: true }),
    );
    expect(problems.map((p) => `${p.field}:${p.code}:${p.severity}`)).toEqual([
      'preallocation:preallocation-clone:note',
    ]);
    expect(hasErrors(problems)).toBe(false);
    expect(codes(form({ preallocation: true }))).toEqual([]);
  });

  it('annotation keys: qualified names, unique, and a key for every value', () => {
    const problems = validateDataVolumeForm(
      form({
        annotations: [
          { key: 'k8s.v1.cni.cncf.io/networks', value: 'a' },
          { key: 'bad key', value: 'x' },
          { key: 'k8s.v1.cni.cncf.io/networks', value: 'b' },
          { key: '', value: 'orphan' },
          { key: '', value: '' },
          { key: 'cdi.kubevirt.io/storage.bind.immediate.requested', value: 'true' },
          { key: 'UPPER_/x', value: '' },
        ],
      }),
    );
    expect(problems.map((p) => [p.field === 'annotations' && p.index, p.code, p.severity])).toEqual([
      [1, 'qualified-name', 'error'],
      [2, 'duplicate', 'error'],
      [3, 'key-required', 'error'],
      [5, 'use-immediate-bind', 'warning'],
      [6, 'qualified-name', 'error'],
    ]);
  });
});
