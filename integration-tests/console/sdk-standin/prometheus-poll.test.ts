// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as sdkCommonTypes from '@openshift-console/dynamic-plugin-sdk/lib/api/common-types';
import type { PrometheusEndpoint as SdkEndpoint } from '@openshift-console/dynamic-plugin-sdk';
import { getPrometheusURL, PrometheusEndpoint, usePrometheusPoll } from './prometheus-poll';

const rules = { status: 'success', data: { groups: [] } };

const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('PrometheusEndpoint', () => {
  it('has the values of the SDK enum', () => {
    expect({ ...PrometheusEndpoint }).toEqual({ ...sdkCommonTypes.PrometheusEndpoint });
  });
});

describe('getPrometheusURL (console graphs/helpers.ts)', () => {
  it('builds /api/prometheus/<endpoint>?query=… and nothing without a query except for rules', () => {
    expect(getPrometheusURL({ endpoint: PrometheusEndpoint.QUERY, query: 'up == 0' })).toBe(
      '/api/prometheus/api/v1/query?query=up+%3D%3D+0',
    );
    expect(getPrometheusURL({ endpoint: PrometheusEndpoint.QUERY })).toBe('');
    expect(getPrometheusURL({ endpoint: PrometheusEndpoint.RULES })).toBe('/api/prometheus/api/v1/rules?');
  });

  it('uses the tenancy path with a namespace and adds start/end/step for ranges', () => {
    expect(
      getPrometheusURL({
        endpoint: PrometheusEndpoint.QUERY_RANGE,
        query: 'x',
        namespace: 'team-a',
        endTime: 3_600_000,
        timespan: 3_600_000,
        samples: 60,
      }),
    ).toBe('/api/prometheus-tenancy/api/v1/query_range?start=0&end=3600&step=60&query=x&namespace=team-a');
  });
});

describe('usePrometheusPoll', () => {
  it('returns [response, loaded, error] and polls every delay ms', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(rules));
    const { result } = renderHook(() =>
      usePrometheusPoll({ endpoint: PrometheusEndpoint.RULES as SdkEndpoint, delay: 50 }),
    );
    expect(result.current).toEqual([undefined, false, undefined]);
    await waitFor(() => expect(result.current).toEqual([rules, true, null]));
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/prometheus/api/v1/rules?');
    await waitFor(() => expect(fetchMock.mock.calls.length).toBeGreaterThanOrEqual(3));
  });

  it('reports a failed request (a host without monitoring answers 503) as the error, without a response', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      async () =>
        new Response('Monitoring is not available', { status: 503, statusText: 'Service Unavailable' }),
    );
    const { result } = renderHook(() =>
      usePrometheusPoll({ endpoint: PrometheusEndpoint.QUERY as SdkEndpoint, query: 'up' }),
    );
    await waitFor(() => expect(result.current[1]).toBe(true));
    expect(result.current[0]).toBeNull();
    expect((result.current[2] as { response?: Response }).response?.status).toBe(503);
  });

  it('does not fetch without a query, and is loaded at once', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    const { result } = renderHook(() =>
      usePrometheusPoll({ endpoint: PrometheusEndpoint.QUERY as SdkEndpoint }),
    );
    await act(async () => undefined);
    expect(result.current).toEqual([undefined, true, undefined]);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
