// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hyperConvergedModel } from './models';
import { apiserver as server, statusError } from './testing/fake-apiserver';
import type { HyperConverged } from './types';
import { useIntentWrite, type Intent } from './use-intent-write';

vi.mock(
  '@openshift-console/dynamic-plugin-sdk',
  async () => (await import('./testing/fake-apiserver')).fakeSdk,
);

const HCO = 'kubevirt-hyperconverged';
const hco = (list: { metadata: { name: string } }[]): HyperConverged => ({
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: { name: HCO, namespace: 'openshift-cnv', resourceVersion: '1' },
  spec: { enableCommonBootImageImport: true, dataImportCronTemplates: list as never },
});
const append =
  (name: string): Intent<HyperConverged> =>
  (o) => [
    {
      path: ['spec', 'dataImportCronTemplates'],
      value: [
        ...((o.spec.dataImportCronTemplates as { metadata: { name: string } }[]) ?? []),
        { metadata: { name } },
      ],
    },
  ];
/** The HyperConverged as the server has it now. */
const current = () => server.objects.get(HCO) as HyperConverged;
const names = () =>
  ((current().spec.dataImportCronTemplates as { metadata: { name: string } }[]) ?? []).map(
    (t) => t.metadata.name,
  );

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
    {children}
  </QueryClientProvider>
);
const start = (seen: HyperConverged) =>
  renderHook(() => useIntentWrite<HyperConverged>({ model: hyperConvergedModel('v1beta1'), object: seen }), {
    wrapper,
  });

beforeEach(() => {
  server.reset([hco([{ metadata: { name: 'a' } }])]);
});

describe('useIntentWrite', () => {
  it('sends the guarded patch it previews', async () => {
    const { result } = start(current());
    const preview = result.current.preview(append('b'));
    const onSuccess = vi.fn();
    act(() => result.current.run('add', append('b'), { onSuccess }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(expect.anything(), false));
    expect(server.sent.map((s) => s.patch)).toEqual([preview]);
    expect(names()).toEqual(['a', 'b']);
  });

  it('re-applies the intent on the fresh object when the tested list changed meanwhile', async () => {
    const seen = structuredClone(current());
    // Someone else adds "x" after the page read the object.
    server.objects.set(HCO, hco([{ metadata: { name: 'a' } }, { metadata: { name: 'x' } }]));
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
    server.fail.set(`${HCO}#1`, webhook);
    const { result } = start(current());
    act(() => result.current.run('add', append('b')));
    await waitFor(() =>
      expect(result.current.failure).toEqual({ action: 'add', error: webhook, conflict: false }),
    );
    expect(server.sent).toHaveLength(1);
    expect(names()).toEqual(['a']);
  });

  it('stops after a second conflict and says so', async () => {
    const seen = structuredClone(current());
    server.objects.set(HCO, hco([{ metadata: { name: 'x' } }]));
    const conflict = statusError(409, 'Conflict', 'the object has been modified');
    server.fail.set(`${HCO}#2`, conflict);
    const { result } = start(seen);
    act(() => result.current.run('add', append('b')));
    await waitFor(() => expect(result.current.failure?.conflict).toBe(true));
    expect(result.current.failure?.error).toBe(conflict);
    expect(names()).toEqual(['x']);
  });

  it('sends nothing when the intent no longer applies', async () => {
    const { result } = start(current());
    const gone: Intent<HyperConverged> = () => {
      throw new Error('The boot source b is no longer in the HyperConverged.');
    };
    act(() => result.current.run('remove', gone));
    await waitFor(() => expect(result.current.failure?.action).toBe('remove'));
    expect((result.current.failure?.error as Error).message).toMatch(/no longer/);
    expect(server.sent).toEqual([]);
  });
});
