// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_VIRT_CLASS_ANNOTATION } from './default-storage-class';
import { apiserver as server, statusError } from './testing/fake-apiserver';
import type { StorageClass } from './types';
import { useDefaultClassSwitch } from './use-default-class-switch';

vi.mock(
  '@openshift-console/dynamic-plugin-sdk',
  async () => (await import('./testing/fake-apiserver')).fakeSdk,
);

const sc = (name: string, created: string, annotations?: Record<string, string>): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, creationTimestamp: created, ...(annotations ? { annotations } : {}) },
  provisioner: 'csi.example.com',
});
const CLASSES = [
  sc('rbd-virt', '2026-01-01T00:00:00Z', { [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true' }),
  sc('lvms', '2026-01-02T00:00:00Z', { description: 'LVMS' }),
];
const annotation = (name: string) =>
  (server.objects.get(name) as StorageClass).metadata?.annotations?.[DEFAULT_VIRT_CLASS_ANNOTATION];

beforeEach(() => {
  server.reset(CLASSES);
});

const start = () =>
  renderHook(() => useDefaultClassSwitch({ classes: CLASSES, newName: 'lvms', kind: 'virt' }));

describe('useDefaultClassSwitch', () => {
  it('previews the ordered, guarded patches and sends exactly them', async () => {
    const { result } = start();
    expect(result.current.preview.map((p) => p.id)).toEqual(['set-new:lvms', 'unset-old:rbd-virt']);
    expect(result.current.rollbackPreview.map((p) => p.id)).toEqual(['undo-set-new:lvms']);
    act(() => result.current.run());
    await waitFor(() => expect(result.current.outcome).toEqual({ kind: 'done', newClass: 'lvms' }));
    expect(server.sent.map((s) => s.patch)).toEqual(result.current.preview.map((p) => p.patch));
    expect(result.current.progress.map((p) => p.status)).toEqual(['done', 'done']);
    expect(annotation('lvms')).toBe('true');
    expect(annotation('rbd-virt')).toBe('false');
  });

  it('puts the old default back when the second write fails, and keeps the error verbatim', async () => {
    const denied = statusError(403, 'Forbidden', 'storageclasses.storage.k8s.io "rbd-virt" is forbidden');
    server.fail.set('rbd-virt#1', denied);
    const { result } = start();
    act(() => result.current.run());
    await waitFor(() => expect(result.current.outcome?.kind).toBe('rolled-back'));
    expect(result.current.outcome).toMatchObject({
      failed: { className: 'rbd-virt', error: denied, conflict: false },
    });
    expect(result.current.progress.map((p) => p.status)).toEqual(['rolled-back', 'failed']);
    expect(server.sent.map((s) => s.name)).toEqual(['lvms', 'rbd-virt', 'lvms']);
    expect(annotation('lvms')).toBeUndefined();
    expect(annotation('rbd-virt')).toBe('true');
    expect(server.objects.get('lvms')).toMatchObject({ metadata: { annotations: { description: 'LVMS' } } });
  });

  it('tells a conflict when the tested annotation changed meanwhile', async () => {
    // Someone already set rbd-virt to "false" after the dialog read it: the guard fails.
    (server.objects.get('rbd-virt') as StorageClass).metadata!.annotations![DEFAULT_VIRT_CLASS_ANNOTATION] =
      'false';
    const { result } = start();
    act(() => result.current.run());
    await waitFor(() => expect(result.current.outcome?.kind).toBe('rolled-back'));
    expect(result.current.outcome).toMatchObject({ failed: { className: 'rbd-virt', conflict: true } });
  });

  it('says which classes are defaults now and what to fix when the rollback fails too', async () => {
    server.fail.set('rbd-virt#1', statusError(500, 'InternalError', 'etcdserver: request timed out'));
    server.fail.set('lvms#2', statusError(500, 'InternalError', 'etcdserver: leader changed'));
    const { result } = start();
    act(() => result.current.run());
    await waitFor(() => expect(result.current.outcome?.kind).toBe('rollback-failed'));
    const outcome = result.current.outcome;
    if (outcome?.kind !== 'rollback-failed') throw new Error('unexpected');
    // Both are virt defaults; the newer (lvms) is in use.
    expect(outcome.defaultsNow).toEqual(['lvms', 'rbd-virt']);
    expect(outcome.fixes).toEqual([
      {
        className: 'lvms',
        changes: [{ path: ['metadata', 'annotations', DEFAULT_VIRT_CLASS_ANNOTATION], value: undefined }],
        error: expect.objectContaining({ message: 'etcdserver: leader changed' }),
      },
    ]);
    expect(result.current.progress.map((p) => p.status)).toEqual(['rollback-failed', 'failed']);
  });

  it('changes nothing when the first write fails', async () => {
    server.fail.set('lvms#1', statusError(403, 'Forbidden', 'forbidden'));
    const { result } = start();
    act(() => result.current.run());
    await waitFor(() => expect(result.current.outcome?.kind).toBe('failed'));
    expect(result.current.progress.map((p) => p.status)).toEqual(['failed', 'not-run']);
    expect(server.sent).toHaveLength(1);
  });
});
