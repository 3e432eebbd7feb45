// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiserver as server, statusError } from '../../../k8s/testing/fake-apiserver';
import type { StorageClass, StorageProfile } from '../../../k8s/types';
import { buildPoolStorageClass } from '../logic/storage-class-spec';
import { useRecreateClass, type RecreateClassOptions } from './use-recreate-class';

/**
 * StorageProfiles live in the shared fake apiserver (its k8sPatch records and guards every patch); the
 * StorageClasses, which have the same names, in `classes` here, with create and delete as the apiserver does
 * them (409 AlreadyExists, delete preconditions on uid and resourceVersion, 404).
 */
const world = vi.hoisted(() => ({
  classes: new Map<string, Record<string, unknown>>(),
  calls: [] as string[],
  fail: new Map<string, unknown>(),
  nextUid: 1,
}));

vi.mock('@openshift-console/dynamic-plugin-sdk', async () => {
  const { fakeSdk, statusError: status } = await import('../../../k8s/testing/fake-apiserver');
  type Args = {
    model: { kind: string };
    data?: { metadata: { name: string } };
    resource?: { metadata: { name: string } };
    name?: string;
    json?: { preconditions?: { uid?: string; resourceVersion?: string } };
  };
  const fault = (call: string) => {
    world.calls.push(call);
    const n = world.calls.filter((c) => c === call).length;
    const key = `${call}#${n}`;
    if (world.fail.has(key)) throw world.fail.get(key);
  };
  const notFound = (name: string) =>
    status(404, 'NotFound', `storageclasses.storage.k8s.io "${name}" not found`);
  return {
    ...fakeSdk,
    k8sCreate: vi.fn(async ({ model, data }: Args) => {
      const name = data!.metadata.name;
      fault(`create ${model.kind} ${name}`);
      if (world.classes.has(name))
        throw status(409, 'AlreadyExists', `storageclasses.storage.k8s.io "${name}" already exists`);
      const stored = structuredClone(data) as Record<string, unknown> & { metadata: Record<string, unknown> };
      stored.metadata = { ...stored.metadata, uid: `sc-uid-${world.nextUid++}`, resourceVersion: '10' };
      world.classes.set(name, stored);
      return structuredClone(stored);
    }),
    k8sDelete: vi.fn(async ({ model, resource, json }: Args) => {
      const name = resource!.metadata.name;
      fault(`delete ${model.kind} ${name}`);
      const now = world.classes.get(name) as
        { metadata: { uid: string; resourceVersion: string } } | undefined;
      if (!now) throw notFound(name);
      const pre = json?.preconditions ?? {};
      if (pre.uid !== now.metadata.uid || pre.resourceVersion !== now.metadata.resourceVersion)
        throw status(
          409,
          'Conflict',
          `Operation cannot be fulfilled on storageclasses.storage.k8s.io "${name}"`,
        );
      world.classes.delete(name);
      return {};
    }),
    k8sGet: vi.fn(async (args: Args) => {
      if (args.model.kind === 'StorageProfile') return fakeSdk.k8sGet(args as never);
      const sc = world.classes.get(args.name!);
      if (!sc) throw notFound(args.name!);
      return structuredClone(sc);
    }),
  };
});

const CLASS: StorageClass = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name: 'hostpath-csi-basic',
    uid: 'sc-uid-old',
    resourceVersion: '7',
    creationTimestamp: '2026-11-04T07:50:00Z',
    annotations: { description: 'local disks' },
  },
  provisioner: 'kubevirt.io.hostpath-provisioner',
  parameters: { storagePool: 'basic-pool' },
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};
const profile = (uid: string, spec: StorageProfile['spec']): StorageProfile => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: { name: 'hostpath-csi-basic', uid },
  spec,
});
const OLD_PROFILE = profile('sp-uid-old', { cloneStrategy: 'copy' });
const DESIRED = buildPoolStorageClass({
  name: 'hostpath-csi-basic',
  pool: 'basic-pool',
  reclaimPolicy: 'Retain',
});

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
    {children}
  </QueryClientProvider>
);

const start = (overrides: Partial<RecreateClassOptions> = {}) =>
  renderHook<ReturnType<typeof useRecreateClass>, RecreateClassOptions>((props) => useRecreateClass(props), {
    wrapper,
    initialProps: {
      storageClass: CLASS,
      profile: OLD_PROFILE,
      desired: DESIRED,
      profiles: [OLD_PROFILE],
      ...overrides,
    },
  });

/** What CDI does once the class is back: a new, empty profile (uid `sp-uid-new`), seen by the watch. */
const cdiCreatesProfile = () => {
  const fresh = profile('sp-uid-new', {});
  server.reset([fresh]);
  return fresh;
};

const statuses = (r: { current: ReturnType<typeof useRecreateClass> }) =>
  r.current.progress.map((s) => `${s.id}:${s.status}`);

beforeEach(() => {
  world.classes = new Map([[CLASS.metadata!.name!, structuredClone(CLASS) as never]]);
  world.calls = [];
  world.fail = new Map();
  world.nextUid = 1;
  server.reset([OLD_PROFILE]);
});

describe('useRecreateClass', () => {
  it('deletes the class, creates it with the new reclaim policy and puts the profile spec back', async () => {
    const { result, rerender } = start();
    expect(result.current.plan?.immutableChanges).toEqual(['reclaimPolicy']);
    act(() => result.current.run());
    await waitFor(() => expect(statuses(result)).toContain('wait-profile:running'));
    expect(result.current.saved).toEqual({
      storageClass: expect.objectContaining({
        metadata: { name: CLASS.metadata!.name, annotations: { description: 'local disks' } },
      }),
      profileSpec: { cloneStrategy: 'copy' },
      oldProfileUid: 'sp-uid-old',
    });
    expect(world.calls).toEqual([
      'delete StorageClass hostpath-csi-basic',
      'create StorageClass hostpath-csi-basic',
    ]);
    // The delete was guarded by what the dialog saw.
    expect(world.classes.get('hostpath-csi-basic')).toMatchObject({
      reclaimPolicy: 'Retain',
      parameters: { storagePool: 'basic-pool' },
      metadata: { annotations: { description: 'local disks' } },
    });

    // The old profile is still in the watch: not taken for the new one.
    rerender({ storageClass: CLASS, profile: OLD_PROFILE, desired: DESIRED, profiles: [OLD_PROFILE] });
    expect(statuses(result)).toContain('wait-profile:running');
    const fresh = cdiCreatesProfile();
    rerender({ storageClass: CLASS, profile: OLD_PROFILE, desired: DESIRED, profiles: [fresh] });

    await waitFor(() => expect(result.current.outcome).toEqual({ kind: 'done', run: 'recreate' }));
    expect(statuses(result)).toEqual([
      'save:done',
      'delete-class:done',
      'create-class:done',
      'wait-profile:done',
      'reapply-profile-spec:done',
    ]);
    expect(server.sent).toEqual([
      {
        name: 'hostpath-csi-basic',
        patch: [
          { op: 'test', path: '/spec/cloneStrategy', value: null },
          { op: 'add', path: '/spec/cloneStrategy', value: 'copy' },
        ],
      },
    ]);
    expect((server.objects.get('hostpath-csi-basic') as StorageProfile).spec).toEqual({
      cloneStrategy: 'copy',
    });
  });

  it('stops when the create is refused, says the class is deleted, and restores it with its profile spec', async () => {
    const refused = statusError(
      500,
      'InternalError',
      'Internal error occurred: etcdserver: request timed out',
    );
    world.fail.set('create StorageClass hostpath-csi-basic#1', refused);
    const { result, rerender } = start();
    act(() => result.current.run());
    await waitFor(() => expect(result.current.outcome?.kind).toBe('failed'));
    expect(result.current.outcome).toEqual({
      kind: 'failed',
      run: 'recreate',
      step: 'create-class',
      error: refused,
      state: { code: 'class-deleted-not-recreated', offers: ['restore-class', 'reapply-profile-spec'] },
    });
    expect(statuses(result)).toEqual([
      'save:done',
      'delete-class:done',
      'create-class:failed',
      'wait-profile:not-run',
      'reapply-profile-spec:not-run',
    ]);
    expect(world.classes.has('hostpath-csi-basic')).toBe(false);
    // CDI deletes the orphaned profile.
    server.reset([]);
    rerender({ storageClass: undefined, profile: null, desired: DESIRED, profiles: [] });

    act(() => result.current.restore());
    await waitFor(() => expect(statuses(result)).toContain('wait-profile:running'));
    // The saved class comes back as it was: old reclaim policy, annotations kept, server fields dropped.
    const restored = world.classes.get('hostpath-csi-basic') as unknown as StorageClass;
    expect(restored).toMatchObject({
      reclaimPolicy: 'Delete',
      parameters: { storagePool: 'basic-pool' },
      metadata: { annotations: { description: 'local disks' } },
    });
    expect(restored.metadata?.uid).not.toBe('sc-uid-old');
    expect(restored.metadata?.creationTimestamp).toBeUndefined();

    const fresh = cdiCreatesProfile();
    rerender({ storageClass: restored, profile: fresh, desired: DESIRED, profiles: [fresh] });
    await waitFor(() => expect(result.current.outcome).toEqual({ kind: 'done', run: 'restore' }));
    expect(statuses(result)).toEqual([
      'restore-class:done',
      'wait-profile:done',
      'reapply-profile-spec:done',
    ]);
    expect((server.objects.get('hostpath-csi-basic') as StorageProfile).spec).toEqual({
      cloneStrategy: 'copy',
    });
  });

  it('changes nothing when the delete is refused (the class changed since the dialog read it)', async () => {
    const stale = { ...CLASS, metadata: { ...CLASS.metadata, resourceVersion: '6' } };
    const { result } = start({ storageClass: stale });
    act(() => result.current.run());
    await waitFor(() => expect(result.current.outcome?.kind).toBe('failed'));
    expect(result.current.outcome).toMatchObject({
      step: 'delete-class',
      state: { code: 'nothing-changed' },
      error: expect.objectContaining({ code: 409 }),
    });
    expect(world.calls).toEqual(['delete StorageClass hostpath-csi-basic']);
    expect(world.classes.get('hostpath-csi-basic')).toMatchObject({ reclaimPolicy: 'Delete' });
  });

  it('tells a delete that happened though its answer was lost', async () => {
    const lost = statusError(
      504,
      'Timeout',
      'the server was unable to return a response in the time allotted',
    );
    const sdk = await import('@openshift-console/dynamic-plugin-sdk');
    vi.mocked(sdk.k8sDelete).mockImplementationOnce(async () => {
      world.classes.delete('hostpath-csi-basic');
      throw lost;
    });
    const { result } = start();
    act(() => result.current.run());
    await waitFor(() => expect(result.current.outcome?.kind).toBe('failed'));
    expect(result.current.outcome).toMatchObject({
      step: 'delete-class',
      deletedAnyway: true,
      state: { code: 'class-deleted-not-recreated' },
    });
  });

  it('when the profile spec cannot be written, the class stays new and the spec can be applied again', async () => {
    const denied = statusError(
      403,
      'Forbidden',
      'storageprofiles.cdi.kubevirt.io "hostpath-csi-basic" is forbidden',
    );
    const { result, rerender } = start();
    act(() => result.current.run());
    await waitFor(() => expect(statuses(result)).toContain('wait-profile:running'));
    const fresh = cdiCreatesProfile();
    server.fail.set('hostpath-csi-basic#1', denied);
    rerender({ storageClass: CLASS, profile: OLD_PROFILE, desired: DESIRED, profiles: [fresh] });
    await waitFor(() => expect(result.current.outcome?.kind).toBe('failed'));
    expect(result.current.outcome).toMatchObject({
      step: 'reapply-profile-spec',
      error: denied,
      state: { code: 'profile-spec-not-restored', offers: ['reapply-profile-spec'] },
    });
    act(() => result.current.reapplyProfileSpec());
    await waitFor(() => expect(result.current.outcome).toEqual({ kind: 'done', run: 'reapply' }));
    expect((server.objects.get('hostpath-csi-basic') as StorageProfile).spec).toEqual({
      cloneStrategy: 'copy',
    });
  });

  it('gives up waiting for the profile after the timeout, and takes a profile CDI kept after the grace', async () => {
    const { result, rerender } = start({ profileTimeoutMs: 300 });
    act(() => result.current.run());
    await waitFor(() => expect(result.current.outcome?.kind).toBe('failed'));
    expect(result.current.outcome).toMatchObject({
      step: 'wait-profile',
      state: { code: 'profile-spec-not-restored' },
    });
    // CDI kept the old profile (the class was back before it reconciled the delete): spec still there.
    rerender({
      storageClass: CLASS,
      profile: OLD_PROFILE,
      desired: DESIRED,
      profiles: [OLD_PROFILE],
      oldProfileGraceMs: 0,
    });
    act(() => result.current.reapplyProfileSpec());
    await waitFor(() => expect(result.current.outcome).toEqual({ kind: 'done', run: 'reapply' }));
    // Nothing to send: the profile already has the saved spec.
    expect(server.sent).toEqual([]);
    expect(result.current.profilePatch).toEqual([]);
  });

  it('offers nothing to run when no immutable field changes', () => {
    const { result } = start({ desired: { ...DESIRED, reclaimPolicy: 'Delete' } });
    expect(result.current.plan?.findings).toContainEqual({ code: 'not-needed' });
    act(() => result.current.run());
    expect(result.current.progress).toEqual([]);
    expect(world.calls).toEqual([]);
  });
});
