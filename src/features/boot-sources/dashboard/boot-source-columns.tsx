import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BreakableText } from '../../../components/BreakableText';
import { CellStack, CompactLabel, Muted, PlainTimestamp } from '../../../components/plain-markup';
import type { ResourceTableColumn } from '../../../components/ResourceTable';
import { StatusIcon, type StatusKind } from '../../../components/StatusIcon';
import type { BootSourceRow, SourceHealth, SourceKind } from '../logic/boot-source-rows';
import { HEALTH_ORDER } from '../logic/boot-source-rows';
import { describeSchedule, nextRuns } from '../logic/schedule';
import '../../../components/plugin.css';

export type BootSourceColumn = ResourceTableColumn<BootSourceRow>;

export const HEALTH_LOOK: Record<SourceHealth, StatusKind> = {
  failing: 'danger',
  outdated: 'warning',
  'not-deployed': 'warning',
  importing: 'in-progress',
  pending: 'in-progress',
  unknown: 'unknown',
  'up-to-date': 'success',
  disabled: 'unknown',
};

export const healthLabel = (t: TFunction, health: SourceHealth): string =>
  ({
    failing: t('Failing'),
    outdated: t('Outdated'),
    'not-deployed': t('Not deployed'),
    importing: t('Importing'),
    pending: t('Waiting for the first import'),
    unknown: t('Unknown'),
    'up-to-date': t('Up to date'),
    disabled: t('Disabled'),
  })[health];

export const kindLabel = (t: TFunction, kind: SourceKind): string =>
  ({
    system: t('System-defined'),
    customised: t('Customised system'),
    custom: t('Custom'),
    standalone: t('Not from HyperConverged'),
  })[kind];

const DATA_SOURCE_GVK = { group: 'cdi.kubevirt.io', version: 'v1beta1', kind: 'DataSource' };
const PVC_GVK = { version: 'v1', kind: 'PersistentVolumeClaim' };
const SNAPSHOT_GVK = { group: 'snapshot.storage.k8s.io', version: 'v1', kind: 'VolumeSnapshot' };
const DATA_VOLUME_GVK = { group: 'cdi.kubevirt.io', version: 'v1beta1', kind: 'DataVolume' };

/** Greyed text for disabled sources: still listed so they can be turned back on. */
const Dim = ({ row, children }: { row: BootSourceRow; children: React.ReactNode }) =>
  row.enabled ? <>{children}</> : <span className="vsp-muted">{children}</span>;

/** The schedule in words and its next run, or why neither can be said. */
const ScheduleCell = ({ row, t, now }: { row: BootSourceRow; t: TFunction; now: Date }) => {
  if (!row.schedule) {
    return <Muted>{row.enabled ? t('HCO default schedule') : t('Not scheduled')}</Muted>;
  }
  const words = describeSchedule(row.schedule);
  const next = words && row.enabled ? nextRuns(row.schedule, 1, now)[0] : undefined;
  if (!words) {
    return (
      <StatusIcon status="warning">
        {t('Invalid schedule "{{schedule}}"', { schedule: row.schedule })}
      </StatusIcon>
    );
  }
  return (
    <CellStack>
      {[
        <span key="words" title={row.schedule}>
          <Dim row={row}>{words}</Dim>
        </span>,
        next && (
          <Muted key="next">
            {t('Next check:')} <PlainTimestamp timestamp={next} />
          </Muted>
        ),
      ]}
    </CellStack>
  );
};

const columns = (t: TFunction, now: Date): BootSourceColumn[] => [
  {
    id: 'name',
    title: t('Name'),
    sortValue: (row) => row.name,
    cell: (row) => (
      <CellStack>
        {[
          <strong key="name">
            <Dim row={row}>
              <BreakableText text={row.name} />
            </Dim>
          </strong>,
          <CompactLabel
            key="kind"
            color={row.kind === 'custom' ? 'purple' : row.kind === 'customised' ? 'blue' : 'grey'}
          >
            {kindLabel(t, row.kind)}
          </CompactLabel>,
          <Muted key="ns">{t('Namespace: {{namespace}}', { namespace: row.namespace })}</Muted>,
        ]}
      </CellStack>
    ),
  },
  {
    id: 'status',
    title: t('Status'),
    sortValue: (row) => HEALTH_ORDER.indexOf(row.health),
    cell: (row) => (
      <CellStack>
        {[
          <StatusIcon key="icon" status={HEALTH_LOOK[row.health]}>
            {healthLabel(t, row.health)}
          </StatusIcon>,
          row.enabled && row.healthCondition?.reason && (
            <Muted key="why">
              {row.healthCondition.message
                ? t('{{reason}}: {{message}}', {
                    reason: row.healthCondition.reason,
                    message: row.healthCondition.message,
                  })
                : row.healthCondition.reason}
            </Muted>
          ),
          row.health !== 'not-deployed' && row.progressing && row.progressing !== row.healthCondition && (
            <Muted key="progressing">
              {t('Progressing: {{reason}}', { reason: row.progressing.reason ?? row.progressing.status })}
            </Muted>
          ),
          ...row.currentImports.map((imp) => (
            <span key={imp.DataVolumeName}>
              <ResourceLink
                groupVersionKind={DATA_VOLUME_GVK}
                name={imp.DataVolumeName}
                namespace={row.namespace}
                inline
              />
            </span>
          )),
        ]}
      </CellStack>
    ),
  },
  {
    id: 'schedule',
    title: t('Schedule'),
    cell: (row) => <ScheduleCell row={row} t={t} now={now} />,
  },
  {
    id: 'source',
    title: t('Source'),
    sortValue: (row) => row.url ?? row.pvcSource?.name,
    cell: (row) => (
      <CellStack>
        {[
          row.url ? (
            <Dim key="url" row={row}>
              <BreakableText text={row.url} />
            </Dim>
          ) : row.pvcSource ? (
            <span key="pvc">
              {t('PVC {{namespace}}/{{name}}', {
                namespace: row.pvcSource.namespace ?? row.namespace,
                name: row.pvcSource.name,
              })}
            </span>
          ) : (
            <Muted key="none">{row.enabled ? t('Unknown') : t('Not set')}</Muted>
          ),
          row.url && (
            <Muted key="pull">
              {row.pullMethod === 'node' ? t('Pulled by the node') : t('Pulled by the importer pod')}
            </Muted>
          ),
        ]}
      </CellStack>
    ),
  },
  {
    id: 'storage',
    title: t('Storage'),
    sortValue: (row) => row.storageClass,
    cell: (row) => (
      <CellStack>
        {[
          row.storageClass ? (
            <Dim key="class" row={row}>
              <BreakableText text={row.storageClass} />
            </Dim>
          ) : (
            <Muted key="class">{t('No storage class')}</Muted>
          ),
          row.storageClass && (
            <Muted key="from">
              {row.storageClassFromTemplate ? t('Set on this source') : t('Default class')}
            </Muted>
          ),
          row.sourceFormat && (
            <Muted key="format">
              {row.sourceFormat === 'snapshot' ? t('Kept as VolumeSnapshot') : t('Kept as PVC')}
            </Muted>
          ),
        ]}
      </CellStack>
    ),
  },
  {
    id: 'lastImport',
    title: t('Last import'),
    sortValue: (row) => row.lastImport,
    cell: (row) => (
      <CellStack>
        {[
          row.lastImport ? (
            <PlainTimestamp key="import" timestamp={row.lastImport} />
          ) : (
            <Muted key="import">{t('Never')}</Muted>
          ),
          row.lastExecution && (
            <Muted key="exec">
              {t('Last check:')} <PlainTimestamp timestamp={row.lastExecution} />
            </Muted>
          ),
        ]}
      </CellStack>
    ),
  },
  {
    id: 'dataSource',
    title: t('DataSource'),
    sortValue: (row) => row.dataSourceName,
    cell: (row) =>
      !row.dataSourceName ? (
        <Muted>{t('Not set')}</Muted>
      ) : (
        <CellStack>
          {[
            row.dataSource ? (
              <ResourceLink
                key="ds"
                groupVersionKind={DATA_SOURCE_GVK}
                name={row.dataSourceName}
                namespace={row.namespace}
                inline
              />
            ) : (
              <Muted key="ds">{t('{{name}} (not created yet)', { name: row.dataSourceName })}</Muted>
            ),
            row.dataSource && (
              <StatusIcon key="ready" status={row.dataSourceReady?.status === 'True' ? 'success' : 'warning'}>
                {row.dataSourceReady?.status === 'True'
                  ? t('Ready')
                  : t('Not ready: {{reason}}', { reason: row.dataSourceReady?.reason ?? t('Unknown') })}
              </StatusIcon>
            ),
            row.pointsTo && (
              <span key="points">
                <ResourceLink
                  groupVersionKind={
                    row.pointsTo.kind === 'VolumeSnapshot'
                      ? SNAPSHOT_GVK
                      : row.pointsTo.kind === 'DataSource'
                        ? DATA_SOURCE_GVK
                        : PVC_GVK
                  }
                  name={row.pointsTo.name}
                  namespace={row.pointsTo.namespace}
                  inline
                />
              </span>
            ),
            (row.retentionPolicy || row.importsToKeep !== undefined) && (
              <Muted key="retention">
                {t('Keeps {{count}} import(s); {{policy}}', {
                  count: row.importsToKeep ?? 3,
                  policy:
                    row.retentionPolicy === 'None'
                      ? t('deleted with the source')
                      : t('kept when the source is removed'),
                })}
              </Muted>
            ),
          ]}
        </CellStack>
      ),
  },
];

/** The dashboard's columns, stable across renders; `now` is when the page computed next runs. */
export const useBootSourceColumns = (now: Date): BootSourceColumn[] => {
  const { t } = useTranslation('plugin__virt-storage-plugin');
  return useMemo(() => columns(t, now), [t, now]);
};
