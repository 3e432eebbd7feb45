import { useCallback, useEffect, useRef, useState } from 'react';
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { consoleFetchJSON } from './console-fetch';

/**
 * `usePrometheusPoll` and `PrometheusEndpoint` as console 4.22 has them (openshift/console release-4.22):
 * - the enum: frontend/packages/console-dynamic-plugin-sdk/src/api/common-types.ts (the SDK's
 *   lib/api/common-types.js defines the same object at run time);
 * - the URL: frontend/public/components/graphs/helpers.ts:39-48 `getPrometheusURL`: nothing to fetch without a
 *   query unless the endpoint is RULES; `<base>/<endpoint>?<params>`, base /api/prometheus, or
 *   /api/prometheus-tenancy when a namespace is given; QUERY_RANGE adds start/end/step from endTime, timespan
 *   (default one hour) and samples (default 60), graphs/consts.ts:10-11;
 * - the poll: graphs/prometheus-poll-hook.ts and utils/url-poll-hook.ts: fetch at once and every `delay` ms
 *   (default 15 s), again when url, delay, query or timespan change; a failure clears the response and keeps
 *   the error; an aborted request (unmount) is ignored;
 * - the SDK's order (console-dynamic-plugin-sdk/src/api/core-api.ts:707-712): `[response, loaded, error]`,
 *   loaded = !loading.
 * The console's SERVER_FLAGS.prometheusBaseURL is `${basePath}api/prometheus` when monitoring is enabled; the
 * dev host always has these paths and answers 503 when it has no Prometheus.
 */

export const PrometheusEndpoint = {
  LABEL: 'api/v1/label',
  QUERY: 'api/v1/query',
  QUERY_RANGE: 'api/v1/query_range',
  RULES: 'api/v1/rules',
  TARGETS: 'api/v1/targets',
} as unknown as typeof SDK.PrometheusEndpoint;

export const PROMETHEUS_BASE_PATH = '/api/prometheus';
export const PROMETHEUS_TENANCY_BASE_PATH = '/api/prometheus-tenancy';
const DEFAULT_PROMETHEUS_SAMPLES = 60;
const DEFAULT_PROMETHEUS_TIMESPAN = 60 * 60 * 1000;
export const URL_POLL_DEFAULT_DELAY = 15000;

interface PrometheusURLProps {
  endpoint: SDK.PrometheusEndpoint;
  endTime?: number;
  namespace?: string;
  query?: string;
  samples?: number;
  timeout?: string;
  timespan?: number;
}

export const getPrometheusURL = (
  { endpoint, endTime, timespan, samples, ...params }: PrometheusURLProps,
  basePath: string = params.namespace ? PROMETHEUS_TENANCY_BASE_PATH : PROMETHEUS_BASE_PATH,
): string => {
  if ((endpoint as string) !== 'api/v1/rules' && !params.query) {
    return '';
  }
  const search = new URLSearchParams();
  if ((endpoint as string) === 'api/v1/query_range') {
    const end = endTime ?? Date.now();
    const span = timespan ?? DEFAULT_PROMETHEUS_TIMESPAN;
    search.append('start', `${(end - span) / 1000}`);
    search.append('end', `${end / 1000}`);
    search.append('step', `${span / (samples ?? DEFAULT_PROMETHEUS_SAMPLES) / 1000}`);
  }
  // lodash `_.each(params, (value, key) => value && append(key, value))`: the console's key order.
  for (const [key, value] of Object.entries(params)) {
    if (value) {
      search.append(key, value.toString());
    }
  }
  return `${basePath}/${endpoint}?${search.toString()}`;
};

export const usePrometheusPoll: typeof SDK.usePrometheusPoll = ({
  delay = URL_POLL_DEFAULT_DELAY,
  endpoint,
  endTime,
  namespace,
  query,
  samples = DEFAULT_PROMETHEUS_SAMPLES,
  timeout,
  timespan = DEFAULT_PROMETHEUS_TIMESPAN,
  customDataSource,
}) => {
  const url = getPrometheusURL(
    { endpoint, endTime, namespace, query, samples, timeout, timespan },
    customDataSource?.basePath,
  );
  const [response, setResponse] = useState<SDK.PrometheusResponse>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);

  // useSafeFetch: one AbortController for the component's life, aborted on unmount.
  const controller = useRef<AbortController>(undefined);
  useEffect(() => {
    controller.current = new AbortController();
    return () => controller.current?.abort();
  }, []);

  const tick = useCallback(() => {
    if (!url) {
      setLoading(false);
      return;
    }
    (consoleFetchJSON(url, 'GET', { signal: controller.current?.signal }) as Promise<SDK.PrometheusResponse>)
      .then((data) => {
        setResponse(data);
        setError(null);
      })
      .catch((err: Error) => {
        if (err?.name !== 'AbortError') {
          setResponse(null as unknown as undefined);
          setError(err);
          console.error(`Error polling URL: ${err}`);
        }
      })
      .finally(() => setLoading(false));
  }, [url]);

  // usePoll: the latest tick, run at once and then every `delay` ms.
  const saved = useRef(tick);
  useEffect(() => {
    saved.current = tick;
  }, [tick]);
  useEffect(() => {
    saved.current();
    if (!delay) {
      return undefined;
    }
    const id = setInterval(() => saved.current(), delay);
    return () => clearInterval(id);
  }, [delay, query, timespan]);

  return [response, !loading, error];
};
