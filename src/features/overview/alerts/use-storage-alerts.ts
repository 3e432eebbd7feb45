import { PrometheusEndpoint, usePrometheusPoll } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import {
  parseAlertStatuses,
  pollErrorStatus,
  STORAGE_ALERT_NAMES,
  type AlertStatus,
  type RulesApiResponse,
} from './firing-alerts';

/** How often the rules are polled (the console's own default for `usePrometheusPoll`, url-poll-hook.ts). */
export const ALERTS_POLL_MS = 15_000;

export interface StorageAlerts {
  /** Active (firing or pending) storage alerts by name; empty until loaded and when unreachable. */
  statuses: Map<string, AlertStatus>;
  /** The first poll answered (with the rules or an error). */
  loaded: boolean;
  /** Set when the last poll failed (Prometheus not reachable, or the user may not read it). */
  unavailable?: { status?: number; message: string };
}

/**
 * The storage alerts active in the console's Prometheus (`/api/prometheus/api/v1/rules` through the SDK's
 * `usePrometheusPoll`), by name: CDI's and HCO's storage alerts plus `extraNames` (the findings' alerts).
 */
export const useStorageAlerts = (extraNames: readonly string[] = []): StorageAlerts => {
  const [response, loaded, error] = usePrometheusPoll({
    endpoint: PrometheusEndpoint.RULES,
    delay: ALERTS_POLL_MS,
  });
  const namesKey = [...new Set([...STORAGE_ALERT_NAMES, ...extraNames])].join(',');
  const statuses = useMemo(
    () =>
      error
        ? new Map<string, AlertStatus>()
        : parseAlertStatuses(response as RulesApiResponse, namesKey.split(',')),
    [response, error, namesKey],
  );
  const failed = (response as RulesApiResponse | undefined)?.status === 'error';
  return {
    statuses,
    loaded,
    unavailable:
      error || failed
        ? {
            status: pollErrorStatus(error),
            message: error instanceof Error ? error.message : String(error ?? 'error'),
          }
        : undefined,
  };
};
