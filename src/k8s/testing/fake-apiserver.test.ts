import { describe, expect, it } from 'vitest';
import { apiserver, fakeSdk, statusError } from './fake-apiserver';

const patch = (name: string, value: string) =>
  fakeSdk.k8sPatch({
    resource: { metadata: { name } },
    data: [{ op: 'replace', path: '/spec/x', value }],
  });

describe('fake apiserver', () => {
  it('applies patches to the named object and records them', async () => {
    apiserver.reset([{ metadata: { name: 'a' }, spec: { x: '1' } } as never]);
    expect(await patch('a', '2')).toEqual({ metadata: { name: 'a' }, spec: { x: '2' } });
    expect(await fakeSdk.k8sGet({ name: 'a' })).toEqual({ metadata: { name: 'a' }, spec: { x: '2' } });
    expect(apiserver.sent).toEqual([{ name: 'a', patch: [{ op: 'replace', path: '/spec/x', value: '2' }] }]);
  });

  it('fails only the numbered PATCH with `name#n`, every PATCH with a bare name until it is deleted', async () => {
    apiserver.reset([{ metadata: { name: 'a' }, spec: { x: '1' } } as never]);
    const once = statusError(409, 'Conflict', 'once');
    apiserver.fail.set('a#1', once);
    await expect(patch('a', '2')).rejects.toBe(once);
    expect(await patch('a', '3')).toMatchObject({ spec: { x: '3' } });

    const always = statusError(403, 'Forbidden', 'always');
    apiserver.fail.set('a', always);
    await expect(patch('a', '4')).rejects.toBe(always);
    await expect(patch('a', '5')).rejects.toBe(always);
    expect(apiserver.objects.get('a')).toMatchObject({ spec: { x: '3' } });
    apiserver.fail.delete('a');
    expect(await patch('a', '6')).toMatchObject({ spec: { x: '6' } });
    expect(apiserver.sent).toHaveLength(5);
  });

  it('words a Status error as the SDK throws it, with causes when given', () => {
    const plain = statusError(403, 'Forbidden', 'no');
    expect(plain.message).toBe('no');
    expect(plain.json).toEqual({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'no' });
    const causes = [{ field: 'spec.x', message: 'Unsupported value: "y"' }];
    expect(statusError(422, 'Invalid', 'bad', causes).json).toEqual({
      kind: 'Status',
      code: 422,
      reason: 'Invalid',
      message: 'bad',
      details: { causes },
    });
  });
});
