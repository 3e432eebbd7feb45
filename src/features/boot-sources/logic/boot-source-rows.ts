import { hcoValue } from '../../../k8s/hco-paths';
import type {
  DataImportCron,
  DataImportCronTemplate,
  DataSource,
  HyperConverged,
  K8sCondition,
  ObjectReference,
} from '../../../k8s/types';
import { isEnabledEntry, specTemplates } from './template-edits';

/**
 * One row per golden image, merged from the HyperConverged (spec: what the admin wrote; status: the
 * effective list HCO hands to SSP), the DataImportCrons SSP made from it and the DataSources CDI keeps
 * pointed at the latest import (api-facts 1.2, 3, 4).
 */

/** Where SSP puts the crons of templates without a namespace on OpenShift (api-facts 1.1). */
export const DEFAULT_GOLDEN_IMAGES_NAMESPACE = 'openshift-virtualization-os-images';

export type SourceKind =
  /** Built into HCO, unchanged. */
  | 'system'
  /** Built into HCO, with the admin's own spec (HCO `status.modified`). */
  | 'customised'
  /** Defined by the admin in `spec.dataImportCronTemplates`. */
  | 'custom'
  /** A DataImportCron that no HyperConverged template made (created by hand). */
  | 'standalone';

/** Worst first: the order the dashboard lists rows in. */
export const HEALTH_ORDER = [
  'failing',
  'outdated',
  'not-deployed',
  'importing',
  'pending',
  'unknown',
  'up-to-date',
  'disabled',
] as const;
export type SourceHealth = (typeof HEALTH_ORDER)[number];

export type TemplateStatusItem = NonNullable<
  NonNullable<HyperConverged['status']>['dataImportCronTemplates']
>[number];

export interface BootSourceRow {
  /** The template's (and the cron's) name. */
  name: string;
  kind: SourceKind;
  enabled: boolean;
  health: SourceHealth;
  /** Why the row has its health, for the status cell: the condition HCO or CDI reported. */
  healthCondition?: K8sCondition;
  namespace: string;
  /** In effect: the cron's, else the template's; `''` for a customised system source (HCO's schedule). */
  schedule?: string;
  url?: string;
  pullMethod?: string;
  /** A PVC source instead of a registry one. */
  pvcSource?: ObjectReference;
  /** The class the last import used (CDI's annotation), else the template's, else the default in effect. */
  storageClass?: string;
  /** The template names its class itself (rather than following the default). */
  storageClassFromTemplate: boolean;
  sourceFormat?: string;
  upToDate?: K8sCondition;
  progressing?: K8sCondition;
  lastImport?: string;
  lastExecution?: string;
  currentImports: { DataVolumeName: string; Digest?: string }[];
  retentionPolicy?: string;
  importsToKeep?: number;
  dataSourceName?: string;
  dataSourceReady?: K8sCondition;
  /** What the DataSource points at now. */
  pointsTo?: {
    kind: 'PersistentVolumeClaim' | 'VolumeSnapshot' | 'DataSource';
    name: string;
    namespace: string;
  };
  /** The admin's entry in `spec.dataImportCronTemplates`, if any (disable entries included). */
  specEntry?: DataImportCronTemplate;
  /** HCO's effective item (absent for disabled sources). */
  effective?: TemplateStatusItem;
  cron?: DataImportCron;
  dataSource?: DataSource;
}

export interface RowInputs {
  hco: HyperConverged;
  crons: readonly DataImportCron[];
  dataSources: readonly DataSource[];
  /** The class a cron without its own class imports to (virt default, else k8s default). */
  defaultClassName?: string;
}

const condition = (conditions: K8sCondition[] | undefined, type: string) =>
  conditions?.find((c) => c.type === type);

const key = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

const SSP_MANAGED_BY = 'ssp-operator';

const isSspCron = (cron: DataImportCron) =>
  cron.metadata?.labels?.['app.kubernetes.io/managed-by'] === SSP_MANAGED_BY;

/** Failed DataVolume phases CDI copies into the cron's Progressing reason. */
const FAILED_PHASES = new Set(['Failed', 'ImportFailed', 'Unknown']);

export const healthOf = (
  row: Pick<BootSourceRow, 'enabled' | 'upToDate' | 'progressing' | 'currentImports' | 'dataSourceReady'> & {
    notDeployed?: boolean;
    hasCron: boolean;
  },
): SourceHealth => {
  if (!row.enabled) return 'disabled';
  if (row.notDeployed) return 'not-deployed';
  if (!row.hasCron) return 'pending';
  const { upToDate, progressing } = row;
  if (upToDate?.reason === 'NoDigest' || FAILED_PHASES.has(progressing?.reason ?? '')) return 'failing';
  if (upToDate?.reason === 'Outdated') return 'outdated';
  if (
    row.currentImports.length > 0 ||
    progressing?.status === 'True' ||
    upToDate?.reason === 'ImportProgressing'
  ) {
    return 'importing';
  }
  if (upToDate?.status === 'True') return 'up-to-date';
  if (!upToDate) return 'pending';
  return 'unknown';
};

const pointsToOf = (ds: DataSource | undefined, namespace: string): BootSourceRow['pointsTo'] => {
  const src = ds?.status?.source ?? ds?.spec?.source;
  if (src?.snapshot?.name)
    return {
      kind: 'VolumeSnapshot',
      name: src.snapshot.name,
      namespace: src.snapshot.namespace ?? namespace,
    };
  if (src?.pvc?.name)
    return { kind: 'PersistentVolumeClaim', name: src.pvc.name, namespace: src.pvc.namespace ?? namespace };
  if (src?.dataSource?.name)
    return {
      kind: 'DataSource',
      name: src.dataSource.name,
      namespace: src.dataSource.namespace ?? namespace,
    };
  return undefined;
};

/** Builds every row. Pure and linear in the number of objects (500 crons stay cheap). */
export const buildBootSourceRows = ({
  hco,
  crons,
  dataSources,
  defaultClassName,
}: RowInputs): BootSourceRow[] => {
  const entries = specTemplates(hco);
  const entryByName = new Map(entries.map((e) => [e.metadata?.name, e]));
  const effective = hco.status?.dataImportCronTemplates ?? [];
  const configuredNamespace: unknown = hcoValue(hco, 'commonBootImageNamespace');
  const commonNamespace =
    (typeof configuredNamespace === 'string' && configuredNamespace) || DEFAULT_GOLDEN_IMAGES_NAMESPACE;
  const cronByKey = new Map(crons.map((c) => [key(c.metadata?.namespace, c.metadata?.name), c]));
  const dsByKey = new Map(dataSources.map((d) => [key(d.metadata?.namespace, d.metadata?.name), d]));
  const seenCrons = new Set<DataImportCron>();

  const makeRow = (
    name: string,
    kind: SourceKind,
    item: DataImportCronTemplate | undefined,
    namespace: string,
    enabled: boolean,
    notDeployed: K8sCondition | undefined,
    standaloneCron?: DataImportCron,
  ): BootSourceRow => {
    const cron = standaloneCron ?? (enabled ? cronByKey.get(key(namespace, name)) : undefined);
    if (cron) seenCrons.add(cron);
    // The effective definition (HCO status) first: the cron is re-created from it when they differ.
    const spec = item?.spec ?? cron?.spec;
    const dvSpec = spec?.template?.spec;
    const dataSourceName = spec?.managedDataSource;
    const dataSource = dataSourceName ? dsByKey.get(key(namespace, dataSourceName)) : undefined;
    const status = cron?.status;
    const templateClass = dvSpec?.storage?.storageClassName ?? dvSpec?.pvc?.storageClassName;
    const upToDate = condition(status?.conditions, 'UpToDate');
    const progressing = condition(status?.conditions, 'Progressing');
    const currentImports = status?.currentImports ?? [];
    const dataSourceReady = condition(dataSource?.status?.conditions, 'Ready');
    const health = healthOf({
      enabled,
      notDeployed: !!notDeployed,
      hasCron: !!cron,
      upToDate,
      progressing,
      currentImports,
      dataSourceReady,
    });
    const healthCondition =
      health === 'not-deployed'
        ? notDeployed
        : health === 'failing' && FAILED_PHASES.has(progressing?.reason ?? '')
          ? progressing
          : health === 'importing' && progressing?.status === 'True'
            ? progressing
            : upToDate;
    return {
      name,
      kind,
      enabled,
      health,
      healthCondition,
      namespace,
      schedule: spec?.schedule,
      url: dvSpec?.source?.registry?.url,
      pullMethod: dvSpec?.source?.registry?.pullMethod,
      pvcSource: dvSpec?.source?.pvc,
      // A source that is not deployed imports nowhere: only the class it names, if any.
      storageClass:
        cron?.metadata?.annotations?.['cdi.kubevirt.io/storage.import.storageClass'] ??
        templateClass ??
        (enabled && !notDeployed ? defaultClassName : undefined),
      storageClassFromTemplate: !!templateClass,
      sourceFormat: status?.sourceFormat,
      upToDate,
      progressing,
      lastImport: status?.lastImportTimestamp,
      lastExecution: status?.lastExecutionTimestamp,
      currentImports,
      retentionPolicy: spec?.retentionPolicy,
      importsToKeep: spec?.importsToKeep,
      dataSourceName,
      dataSourceReady,
      pointsTo: pointsToOf(dataSource, namespace),
      specEntry: entryByName.get(name),
      effective: item && 'status' in item ? (item as TemplateStatusItem) : undefined,
      cron,
      dataSource,
    };
  };

  const rows: BootSourceRow[] = [];
  const listed = new Set<string>();
  for (const item of effective) {
    const name = item.metadata?.name;
    if (!name) continue;
    listed.add(name);
    const kind: SourceKind = item.status?.commonTemplate
      ? item.status?.modified
        ? 'customised'
        : 'system'
      : 'custom';
    const namespace =
      item.metadata.namespace || (kind === 'system' ? commonNamespace : DEFAULT_GOLDEN_IMAGES_NAMESPACE);
    const notDeployed = item.status?.conditions?.find((c) => c.type === 'Deployed' && c.status === 'False');
    rows.push(makeRow(name, kind, item, namespace, true, notDeployed));
  }
  // Disabled entries are left out of HCO's status; they stay listed (greyed) so they can be turned back on.
  for (const entry of entries) {
    const name = entry.metadata?.name;
    if (!name || listed.has(name) || isEnabledEntry(entry)) continue;
    listed.add(name);
    // Only a system source can be switched off by a bare entry; an entry with a spec may be either.
    const kind: SourceKind = entry.spec ? 'custom' : 'system';
    const namespace =
      entry.metadata.namespace || (kind === 'system' ? commonNamespace : DEFAULT_GOLDEN_IMAGES_NAMESPACE);
    rows.push(makeRow(name, kind, entry, namespace, false, undefined));
  }
  // Crons no template made: listed so nothing importing into the cluster is hidden.
  for (const cron of crons) {
    if (seenCrons.has(cron) || isSspCron(cron)) continue;
    const name = cron.metadata?.name ?? '';
    rows.push(makeRow(name, 'standalone', undefined, cron.metadata?.namespace ?? '', true, undefined, cron));
  }
  return rows;
};

export const compareRows = (a: BootSourceRow, b: BootSourceRow): number =>
  HEALTH_ORDER.indexOf(a.health) - HEALTH_ORDER.indexOf(b.health) || a.name.localeCompare(b.name);

export interface HealthCounts {
  upToDate: number;
  /** Importing now or waiting for the first import. */
  importing: number;
  outdated: number;
  /** Failing imports, sources HCO did not deploy, and states the page cannot read. */
  failing: number;
  disabled: number;
}

const COUNTED_AS: Record<SourceHealth, keyof HealthCounts> = {
  'up-to-date': 'upToDate',
  importing: 'importing',
  pending: 'importing',
  outdated: 'outdated',
  failing: 'failing',
  'not-deployed': 'failing',
  unknown: 'failing',
  disabled: 'disabled',
};

export const countHealth = (rows: readonly BootSourceRow[]): HealthCounts => {
  const counts: HealthCounts = { upToDate: 0, importing: 0, outdated: 0, failing: 0, disabled: 0 };
  for (const row of rows) counts[COUNTED_AS[row.health]] += 1;
  return counts;
};
