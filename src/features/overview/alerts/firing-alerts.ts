/**
 * Which storage alerts are active in Prometheus, from its rules API (`GET /api/v1/rules`, what the
 * console's `usePrometheusPoll({ endpoint: PrometheusEndpoint.RULES })` returns). Pure: parses the answer
 * into one status per alert name.
 */

/** An alert instance as the rules API lists it under its rule (Prometheus web/api/v1 `Alert`). */
export interface RulesApiAlert {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  state?: string;
  activeAt?: string;
  value?: string | number;
}

export interface RulesApiRule {
  name?: string;
  type?: string;
  state?: string;
  alerts?: RulesApiAlert[];
}

/** The rules API answer (`PrometheusRulesResponse` of the SDK, read defensively). */
export interface RulesApiResponse {
  status?: string;
  data?: { groups?: { name?: string; rules?: RulesApiRule[] }[] };
}

export type ActiveState = 'firing' | 'pending';

export interface AlertInstance {
  state: ActiveState;
  /** When the instance became active (pending), RFC 3339. */
  activeAt?: string;
  labels: Record<string, string>;
  /** The rule's annotations with the labels filled in, as Prometheus renders them. */
  summary?: string;
  description?: string;
}

/** One alert name: firing when any instance fires, else pending; since the earliest instance in that state. */
export interface AlertStatus {
  name: string;
  state: ActiveState;
  activeAt?: string;
  severity?: string;
  instances: AlertInstance[];
}

/**
 * The CDI and HCO alerts about VM storage (api-facts 9). CDI v1.65.0 pkg/monitoring/rules/alerts/*.go;
 * HCO v1.18.1 pkg/monitoring/hyperconverged/rules/alerts/operator_alerts.go lines 10-16.
 */
export const STORAGE_ALERT_NAMES: readonly string[] = [
  'CDIOperatorDown',
  'CDINotReady',
  'CDIDataVolumeUnusualRestartCount',
  'CDIStorageProfilesIncomplete',
  'CDIDataImportCronOutdated',
  'CDINoDefaultStorageClass',
  'CDIMultipleDefaultVirtStorageClasses',
  'CDIDefaultStorageClassDegraded',
  'KubeVirtCRModified',
  'UnsupportedHCOModification',
  'HCOGoldenImageWithNoSupportedArchitecture',
  'HCOGoldenImageWithNoArchitectureAnnotation',
  'HCOMultiArchGoldenImagesDisabled',
];

/**
 * HCO's alerts also cover operands other than storage: KubeVirtCRModified is `sum by(component_name)` of
 * `kubevirt_hco_out_of_band_modifications_total`, whose label is `lower(kind + "/" + name)` (HCO v1.18.1
 * pkg/monitoring/hyperconverged/metrics/operator_metrics.go:237), so CDI's is `cdi/<name>`;
 * UnsupportedHCOModification is `sum by(annotation_name, namespace)`: CDI's jsonpatch annotation is
 * `containerizeddataimporter.kubevirt.io/jsonpatch`. An instance without the label is kept.
 */
export const isStorageInstance = (name: string, labels: Record<string, string>): boolean => {
  if (name === 'KubeVirtCRModified' && labels.component_name) {
    return labels.component_name.startsWith('cdi/');
  }
  if (name === 'UnsupportedHCOModification' && labels.annotation_name) {
    return labels.annotation_name.startsWith('containerizeddataimporter.');
  }
  return true;
};

const isActive = (state: string | undefined): state is ActiveState =>
  state === 'firing' || state === 'pending';

const earliest = (times: (string | undefined)[]): string | undefined =>
  times
    .filter((t): t is string => !!t && !Number.isNaN(Date.parse(t)))
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];

const instanceKey = (labels: Record<string, string>) =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The active alerts among `names`, by name. Recording rules, inactive alerts and instances about other
 * operands are left out; a rule listed in two groups (two rule files) counts once per label set.
 */
export const parseAlertStatuses = (
  response: RulesApiResponse | null | undefined,
  names: Iterable<string> = STORAGE_ALERT_NAMES,
): Map<string, AlertStatus> => {
  const wanted = new Set(names);
  const byName = new Map<string, Map<string, AlertInstance>>();
  const severities = new Map<string, string>();
  for (const group of response?.data?.groups ?? []) {
    for (const rule of group?.rules ?? []) {
      if (!rule?.name || !wanted.has(rule.name) || (rule.type && rule.type !== 'alerting')) continue;
      for (const alert of rule.alerts ?? []) {
        const labels = alert?.labels ?? {};
        if (!isActive(alert?.state) || !isStorageInstance(rule.name, labels)) continue;
        const instances = byName.get(rule.name) ?? new Map<string, AlertInstance>();
        byName.set(rule.name, instances);
        const key = instanceKey(labels);
        const known = instances.get(key);
        if (known?.state === 'firing' && alert.state === 'pending') continue;
        instances.set(key, {
          state: alert.state,
          activeAt: alert.activeAt,
          labels,
          summary: alert.annotations?.summary,
          description: alert.annotations?.description,
        });
        if (labels.severity && !severities.has(rule.name)) severities.set(rule.name, labels.severity);
      }
    }
  }
  const result = new Map<string, AlertStatus>();
  for (const [name, instanceMap] of byName) {
    const instances = [...instanceMap.values()].sort(
      (a, b) =>
        (a.state === b.state ? 0 : a.state === 'firing' ? -1 : 1) ||
        (Date.parse(a.activeAt ?? '') || 0) - (Date.parse(b.activeAt ?? '') || 0),
    );
    const state: ActiveState = instances.some((i) => i.state === 'firing') ? 'firing' : 'pending';
    result.set(name, {
      name,
      state,
      activeAt: earliest(instances.filter((i) => i.state === state).map((i) => i.activeAt)),
      severity: severities.get(name),
      instances,
    });
  }
  return result;
};

/** The firing ones, in the order of `STORAGE_ALERT_NAMES` and then by name. */
export const firingAlerts = (statuses: Map<string, AlertStatus>): AlertStatus[] => {
  const order = (name: string) => {
    const i = STORAGE_ALERT_NAMES.indexOf(name);
    return i < 0 ? STORAGE_ALERT_NAMES.length : i;
  };
  return [...statuses.values()]
    .filter((s) => s.state === 'firing')
    .sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name));
};

/**
 * The HTTP status of a failed poll, if any: the console's fetch throws an `HttpError` with `code` and the
 * `response` (SDK lib/utils/error/http-error.js).
 */
export const pollErrorStatus = (error: unknown): number | undefined => {
  const e = error as { code?: unknown; response?: { status?: unknown } } | null;
  const status = typeof e?.code === 'number' ? e.code : e?.response?.status;
  return typeof status === 'number' ? status : undefined;
};
