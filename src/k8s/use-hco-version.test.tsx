// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HyperConverged } from './types';
import { useHyperConverged } from './use-hyperconverged';
import { HCO_DISCOVERY_PATH, hcoVersionFromDiscovery, useHcoVersion } from './use-hco-version';

const sdk = vi.hoisted(() => ({
  consoleFetchJSON: vi.fn(),
  useK8sWatchResource: vi.fn(),
}));
vi.mock('@openshift-console/dynamic-plugin-sdk', () => sdk);

/** The APIGroup document a real apiserver serves for the group. */
const group = (preferred: string, versions = [preferred]) => ({
  kind: 'APIGroup',
  apiVersion: 'v1',
  name: 'hco.kubevirt.io',
  versions: versions.map((v) => ({ groupVersion: `hco.kubevirt.io/${v}`, version: v })),
  preferredVersion: { groupVersion: `hco.kubevirt.io/${preferred}`, version: preferred },
});
/** consoleFetchJSON's error for an HTTP status (the SDK's HttpError: message, code, response). */
const httpError = (code: number) =>
  Object.assign(new Error(code === 404 ? '404 page not found' : 'Internal Server Error'), {
    code,
    response: { status: code },
  });

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
    {children}
  </QueryClientProvider>
);

const hc = (version: string): HyperConverged => ({
  apiVersion: `hco.kubevirt.io/${version}`,
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
  spec: {},
});

beforeEach(() => {
  sdk.consoleFetchJSON.mockReset();
  sdk.useK8sWatchResource.mockReset();
  // The SDK answers a null resource with [undefined, true, undefined]; a list while loading with [[], false].
  sdk.useK8sWatchResource.mockImplementation((r: unknown) =>
    r ? [[], false, undefined] : [undefined, true, undefined],
  );
});

describe('hcoVersionFromDiscovery', () => {
  it('takes the preferred version when the plugin knows it', () => {
    expect(hcoVersionFromDiscovery(group('v1', ['v1', 'v1beta1']))).toBe('v1');
    expect(hcoVersionFromDiscovery(group('v1beta1'))).toBe('v1beta1');
  });
  it('falls back to a served known version for an unknown preferred one, else nothing', () => {
    expect(hcoVersionFromDiscovery(group('v2', ['v2', 'v1', 'v1beta1']))).toBe('v1beta1');
    expect(hcoVersionFromDiscovery(group('v2', ['v2', 'v1']))).toBe('v1');
    expect(hcoVersionFromDiscovery(group('v2'))).toBeUndefined();
    expect(hcoVersionFromDiscovery({})).toBeUndefined();
  });
});

describe('useHcoVersion', () => {
  it('asks discovery through the console proxy and finds v1 where v1 is preferred', async () => {
    sdk.consoleFetchJSON.mockResolvedValue(group('v1', ['v1', 'v1beta1']));
    const { result } = renderHook(() => useHcoVersion(), { wrapper });
    expect(result.current).toEqual({ state: 'loading' });
    await waitFor(() => expect(result.current).toEqual({ state: 'found', version: 'v1' }));
    expect(sdk.consoleFetchJSON).toHaveBeenCalledWith(HCO_DISCOVERY_PATH);
    expect(HCO_DISCOVERY_PATH).toBe('/api/kubernetes/apis/hco.kubevirt.io');
  });

  it('works on a page without a QueryClientProvider (the plugin’s own client)', async () => {
    sdk.consoleFetchJSON.mockResolvedValue(group('v1beta1'));
    const { result } = renderHook(() => useHcoVersion());
    await waitFor(() => expect(result.current).toEqual({ state: 'found', version: 'v1beta1' }));
  });

  it('finds v1beta1 where only v1beta1 is served', async () => {
    sdk.consoleFetchJSON.mockResolvedValue(group('v1beta1'));
    const { result } = renderHook(() => useHcoVersion(), { wrapper });
    await waitFor(() => expect(result.current).toEqual({ state: 'found', version: 'v1beta1' }));
  });

  it('reports a group that is not served (404) as not installed', async () => {
    sdk.consoleFetchJSON.mockRejectedValue(httpError(404));
    const { result } = renderHook(() => useHcoVersion(), { wrapper });
    await waitFor(() => expect(result.current).toEqual({ state: 'not-installed' }));
  });

  it('reports any other failure as an error, never as a version', async () => {
    const failure = httpError(500);
    sdk.consoleFetchJSON.mockRejectedValue(failure);
    const { result } = renderHook(() => useHcoVersion(), { wrapper });
    await waitFor(() => expect(result.current).toEqual({ state: 'error', error: failure }));
  });
});

describe('useHyperConverged', () => {
  it('stays loading and watches nothing while the version is unknown', async () => {
    sdk.consoleFetchJSON.mockReturnValue(new Promise(() => {}));
    const { result } = renderHook(() => useHyperConverged(), { wrapper });
    expect(result.current).toEqual({ state: 'loading' });
    expect(sdk.useK8sWatchResource).toHaveBeenCalled();
    expect(sdk.useK8sWatchResource.mock.calls.every(([r]) => r === null)).toBe(true);
  });

  it('watches the HyperConverged in the preferred version and hands it out with its apiVersion', async () => {
    sdk.consoleFetchJSON.mockResolvedValue(group('v1', ['v1', 'v1beta1']));
    const { apiVersion: _dropped, ...withoutApiVersion } = hc('v1');
    sdk.useK8sWatchResource.mockImplementation((r: unknown) =>
      r ? [[withoutApiVersion], true, undefined] : [undefined, true, undefined],
    );
    const { result } = renderHook(() => useHyperConverged(), { wrapper });
    await waitFor(() => expect(result.current.state).toBe('found'));
    expect(sdk.useK8sWatchResource).toHaveBeenLastCalledWith({
      groupVersionKind: { group: 'hco.kubevirt.io', version: 'v1', kind: 'HyperConverged' },
      isList: true,
    });
    expect(result.current.state === 'found' && result.current.hyperConverged.apiVersion).toBe(
      'hco.kubevirt.io/v1',
    );
  });

  it('watches v1beta1 where only v1beta1 is served', async () => {
    sdk.consoleFetchJSON.mockResolvedValue(group('v1beta1'));
    sdk.useK8sWatchResource.mockImplementation((r: unknown) =>
      r ? [[hc('v1beta1')], true, undefined] : [undefined, true, undefined],
    );
    const { result } = renderHook(() => useHyperConverged(), { wrapper });
    await waitFor(() => expect(result.current.state).toBe('found'));
    expect(sdk.useK8sWatchResource).toHaveBeenLastCalledWith(
      expect.objectContaining({ groupVersionKind: expect.objectContaining({ version: 'v1beta1' }) }),
    );
  });

  it('is an error when discovery fails, and not installed when the group is not served', async () => {
    const failure = httpError(500);
    sdk.consoleFetchJSON.mockRejectedValue(failure);
    const failed = renderHook(() => useHyperConverged(), { wrapper });
    await waitFor(() => expect(failed.result.current).toEqual({ state: 'error', error: failure }));
    sdk.consoleFetchJSON.mockRejectedValue(httpError(404));
    const missing = renderHook(() => useHyperConverged(), { wrapper });
    await waitFor(() => expect(missing.result.current).toEqual({ state: 'not-installed' }));
    expect(sdk.useK8sWatchResource.mock.calls.every(([r]) => r === null)).toBe(true);
  });
});
