// @vitest-environment jsdom
import type { Patch } from '@openshift-console/dynamic-plugin-sdk';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HyperConvergedModel } from './models';
import { applyAsApiserver } from './testing/apply-as-apiserver';
import type { HyperConverged } from './types';
import { useIntentWrite, type Intent } from './use-intent-write';

// A fake apiserver behind the SDK's k8sPatch/k8sGet, with one object and queued faults.
const server = vi.hoisted(() => ({
  object: undefined as unknown,
  sent: [] as unknown[][],
  faults: [] as unknown[],
}));
vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  k8sPatch: vi.fn(async ({ data }: { data: unknown[] }) => {
    server.sent.push(data);
    const fault = server.faults.shift();
    if (fault) throw fault;
    try {
      server.object = applyAsApiserver(server.object as object, data as Patch[]);
      return structuredClone(server.object);
    } catch {
      throw statusError(422, 'Invalid', 'the server rejected our request due to an error in our request');
    }
  }),
  k8sGet: vi.fn(async () => structuredClone(server.object)),
}));

const statusError = (code: number, reason: string, message: string) =>
  Object.assign(new Error(message), { code, json: { kind: 'Status', code, reason, message } });

const hco = (list: { metadata: { name: string } }[]): HyperConverged => ({
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', resourceVersion: '1' },
  spec: { enableCommonBootImageImport: true, dataImportCronTemplates: list as never },
});
const append =
  (name: string): Intent<HyperConverged> =>
  (o) => [
    {
      path: ['spec', 'dataImportCronTemplates'],
      value: [...(o.spec.dataImportCronTemplates ?? []), { metadata: { name } }],
    },
  ];
const names = () =>
  ((server.object as HyperConverged).spec.dataImportCronTemplates ?? []).map((t) => t.metadata.name);

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
    {children}
  </QueryClientProvider>
);
const start = (seen: HyperConverged) =>
  renderHook(() => useIntentWrite<HyperConverged>({ model: HyperConvergedModel, object: seen }), { wrapper });

beforeEach(() => {
  server.object = hco([{ metadata: { name: 'a' } }]);
  server.sent = [];
  server.faults = [];
});

describe('useIntentWrite', () => {
  it('sends the guarded patch it previews', async () => {
    const { result } = start(server.object as HyperConverged);
    const preview = result.current.preview(append('b'));
    const onSuccess = vi.fn();
    act(() => result.current.run('add', append('b'), { onSuccess }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(expect.anything(), false));
    expect(server.sent).toEqual([preview]);
    expect(names()).toEqual(['a', 'b']);
  });

  it('re-applies the intent on the fresh object when the tested list changed meanwhile', async () => {
    const seen = structuredClone(server.object) as HyperConverged;
    // Someone else adds "x" after the page read the object.
    server.object = hco([{ metadata: { name: 'a' } }, { metadata: { name: 'x' } }]);
    const { result } = start(seen);
    const onSuccess = vi.fn();
    act(() => result.current.run('add', append('b'), { onSuccess }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(expect.anything(), true));
    expect(server.sent).toHaveLength(2);
    expect(names()).toEqual(['a', 'x', 'b']);
    expect(result.current.reappliedOnNewer).toBe('add');
    expect(result.current.failure).toBeUndefined();
  });

  it('shows a rejection that is not a conflict verbatim, and does not retry it', async () => {
    const webhook = statusError(
      422,
      'Invalid',
      'admission webhook "validate-hco.kubevirt.io" denied the request: b DataImportCronTable is already defined',
    );
    server.faults.push(webhook);
    const { result } = start(server.object as HyperConverged);
    act(() => result.current.run('add', append('b')));
    await waitFor(() =>
      expect(result.current.failure).toEqual({ action: 'add', error: webhook, conflict: false }),
    );
    expect(server.sent).toHaveLength(1);
    expect(names()).toEqual(['a']);
  });

  it('stops after a second conflict and says so', async () => {
    const seen = structuredClone(server.object) as HyperConverged;
    server.object = hco([{ metadata: { name: 'x' } }]);
    const conflict = statusError(409, 'Conflict', 'the object has been modified');
    server.faults.push(undefined, conflict);
    const { result } = start(seen);
    act(() => result.current.run('add', append('b')));
    await waitFor(() => expect(result.current.failure?.conflict).toBe(true));
    expect(result.current.failure?.error).toBe(conflict);
    expect(names()).toEqual(['x']);
  });

  it('sends nothing when the intent no longer applies', async () => {
    const { result } = start(server.object as HyperConverged);
    const gone: Intent<HyperConverged> = () => {
      throw new Error('The boot source b is no longer in the HyperConverged.');
    };
    act(() => result.current.run('remove', gone));
    await waitFor(() => expect(result.current.failure?.action).toBe('remove'));
    expect((result.current.failure?.error as Error).message).toMatch(/no longer/);
    expect(server.sent).toEqual([]);
  });
});
