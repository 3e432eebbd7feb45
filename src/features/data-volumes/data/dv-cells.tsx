import type { ReactNode } from 'react';
import { useNow } from '../../../components/use-now';
import { Tooltip } from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { CellStack, Muted } from '../../../components/plain-markup';
import { StatusIcon, type StatusKind } from '../../../components/StatusIcon';
import type { DataVolumeRow, DvConditionType, DvRowCondition, DvRowSourceKind } from '../logic/dv-rows';
import { ageSeconds, DV_CONDITION_TYPES } from '../logic/dv-rows';

/** The status look of a DataVolume phase. */
export const phaseStatus = (phase: string, restartCount = 0): StatusKind => {
  switch (phase) {
    case 'Succeeded':
      return 'success';
    case 'Failed':
      return 'danger';
    case 'Paused':
    case 'PendingPopulation':
    case 'WaitForFirstConsumer':
      return 'info';
    case '':
    case 'Unknown':
      return 'unknown';
    default:
      return restartCount > 0 ? 'warning' : 'in-progress';
  }
};

/** Words for the source kinds (CDI's field names, which users know from YAML). */
export const sourceKindText = (t: TFunction, kind: DvRowSourceKind): string => {
  switch (kind) {
    case 'http':
      return t('HTTP');
    case 's3':
      return t('S3');
    case 'gcs':
      return t('GCS');
    case 'registry':
      return t('Registry');
    case 'upload':
      return t('Upload');
    case 'blank':
      return t('Blank');
    case 'pvc':
      return t('PVC clone');
    case 'snapshot':
      return t('Snapshot clone');
    case 'imageio':
      return t('oVirt ImageIO');
    case 'vddk':
      return t('VMware VDDK');
    case 'dataSource':
      return t('DataSource');
    case 'external':
      return t('Volume populator');
    default:
      return t('Unknown');
  }
};

/** "5s", "12m", "3h", "4d" — as `kubectl get` prints ages. */
export const shortAge = (seconds: number | undefined): string => {
  if (seconds === undefined) return '';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
};

/**
 * PatternFly's small `<Progress measureLocation="outside">` as plain markup (a page renders 50 of them at once;
 * the component measures its title on mount).
 */
export const ProgressBar = ({ value, label }: { value: number; label: string }) => {
  const rounded = Math.round(value * 10) / 10;
  return (
    <div className="pf-v6-c-progress pf-m-sm pf-m-outside vsp-dv-progress">
      <div className="pf-v6-c-progress__status" aria-hidden="true">
        <span className="pf-v6-c-progress__measure">{`${rounded}%`}</span>
      </div>
      <div
        className="pf-v6-c-progress__bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={rounded}
        aria-valuetext={`${rounded}%`}
        aria-label={label}
      >
        <div className="pf-v6-c-progress__indicator" style={{ width: `${rounded}%` }} />
      </div>
    </div>
  );
};

/** Phase (with restarts) and progress of an import or clone. */
export const PhaseCell = ({ row, t, srText }: { row: DataVolumeRow; t: TFunction; srText: string }) => {
  const status = phaseStatus(row.phase, row.restartCount);
  return (
    <CellStack>
      {[
        <StatusIcon key="phase" status={status} srText={srText} className="vsp-nowrap">
          {row.phase || t('Pending')}
        </StatusIcon>,
        row.restartCount > 0 && (
          <Muted key="restarts">{t('Restarts: {{count}}', { count: row.restartCount })}</Muted>
        ),
        row.progress !== undefined && row.phase !== 'Succeeded' && (
          <ProgressBar
            key="progress"
            value={row.progress}
            label={t('Progress of {{name}}', { name: row.name })}
          />
        ),
      ]}
    </CellStack>
  );
};

const conditionStatus = (type: DvConditionType, c: DvRowCondition | undefined): StatusKind => {
  if (!c || c.status === 'Unknown') return 'unknown';
  if (c.status === 'True') return 'success';
  const reason = c.reason ?? '';
  // CDI's error reasons: "Error", "ErrClaimNotValid", "ImportFailed"…
  if (/^err|error|fail/i.test(reason)) return type === 'Running' ? 'warning' : 'danger';
  // Not running because the transfer completed: done. Not ready while the transfer runs: on its way.
  if (reason === 'Completed') return 'success';
  if (reason === 'TransferRunning') return 'in-progress';
  if (type === 'Running') return 'unknown';
  return 'warning';
};

/** Bound, Running and Ready: an icon each with the reason; the message in a tooltip. */
export const ConditionsCell = ({ row, t }: { row: DataVolumeRow; t: TFunction }) => (
  <CellStack>
    {DV_CONDITION_TYPES.map((type) => {
      const c = row.conditions[type];
      const status = conditionStatus(type, c);
      const text = c
        ? t('{{type}}: {{status}}', { type, status: c.status })
        : t('{{type}}: not reported', { type });
      // The reason of a condition that is not True (e.g. "Running: Error"); True ones need no words.
      const content = (
        <span className="vsp-nowrap">
          <StatusIcon status={status} srText={text}>
            <span aria-hidden="true">{type}</span>
          </StatusIcon>
          {c?.reason && c.status !== 'True' && <Muted> {c.reason}</Muted>}
        </span>
      );
      return c?.message ? (
        <Tooltip key={type} content={c.message}>
          <span tabIndex={0} className="vsp-dv-condition">
            {content}
          </span>
        </Tooltip>
      ) : (
        <span key={type}>{content}</span>
      );
    })}
  </CellStack>
);

/** Requested (spec) and applied (the PVC's annotation) preallocation. */
export const preallocationText = (
  t: TFunction,
  row: DataVolumeRow,
): { requested: string; applied?: string } => ({
  requested: row.preallocation === undefined ? t('Global setting') : row.preallocation ? t('Yes') : t('No'),
  applied:
    row.preallocationApplied === undefined
      ? undefined
      : row.preallocationApplied
        ? t('Applied')
        : t('Not applied'),
});

/**
 * A row's age that keeps counting: the list re-renders a row only when its DataVolume or PVC changes, so
 * the cell keeps its own clock (one timer per visible row; the list shows at most 100).
 */
export const AgeText = ({ row, unknown }: { row: DataVolumeRow; unknown: ReactNode }) => {
  const now = useNow();
  return <>{shortAge(ageSeconds(row, now)) || unknown}</>;
};
