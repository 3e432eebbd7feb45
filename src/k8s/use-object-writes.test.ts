import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: { fn: string; args: unknown }[] = [];
vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  k8sCreate: (args: unknown) => {
    calls.push({ fn: 'create', args });
    return Promise.resolve({});
  },
  k8sDelete: (args: unknown) => {
    calls.push({ fn: 'delete', args });
    return Promise.resolve({});
  },
}));

const { createObject, deleteObject } = await import('./use-object-writes');
const model = {
  kind: 'StorageClass',
  apiVersion: 'v1',
  apiGroup: 'storage.k8s.io',
  plural: 'storageclasses',
};

describe('object writes', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('deletes only the object the user saw: preconditions on its uid and resourceVersion', async () => {
    await deleteObject({
      model: model as never,
      resource: { metadata: { name: 'hpp', uid: 'u-1', resourceVersion: '42' } },
    });
    expect(calls[0]).toMatchObject({
      fn: 'delete',
      args: { json: { kind: 'DeleteOptions', preconditions: { uid: 'u-1', resourceVersion: '42' } } },
    });
  });

  it('refuses to delete without a uid, sending nothing', () => {
    expect(() => deleteObject({ model: model as never, resource: { metadata: { name: 'hpp' } } })).toThrow(
      /without its uid/,
    );
    expect(calls).toHaveLength(0);
  });

  it('creates, or only validates with a server-side dry run', async () => {
    await createObject({ model: model as never, data: { metadata: { name: 'a' } } });
    await createObject({ model: model as never, data: { metadata: { name: 'a' } }, dryRun: true });
    expect(calls.map((c) => (c.args as { queryParams?: unknown }).queryParams)).toEqual([
      undefined,
      { dryRun: 'All' },
    ]);
  });
});
