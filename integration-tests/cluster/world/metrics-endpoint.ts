import type { ServerResponse } from 'node:http';
import type { SimStore } from '../sim-api';
import { computeMetrics, formatMetrics, METRICS_CONTENT_TYPE } from './metrics';

/**
 * The scrape target of the cdi-operator pod. CDIOperatorDown reads `up{namespace, pod=~'cdi-operator-.*'}`
 * (CDI pkg/monitoring/rules/recordingrules/operator.go), a series Prometheus itself writes per target; the
 * launcher scrapes this path with those target labels. The simulator does not model the operator's pod, so it
 * is always up; its metrics are all on /metrics.
 */
export const CDI_OPERATOR_METRICS_PATH = '/metrics/cdi-operator';

/** GET /metrics: every family computed now; GET /metrics/cdi-operator: an empty exposition (the target is up). */
export function serveMetrics(store: SimStore, path: string, res: ServerResponse): void {
  const body = path === CDI_OPERATOR_METRICS_PATH ? '' : formatMetrics(computeMetrics(store));
  res.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE });
  res.end(body);
}
