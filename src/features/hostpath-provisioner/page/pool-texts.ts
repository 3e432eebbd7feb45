import type { TFunction } from 'i18next';
import type { StatusKind } from '../../../components/StatusIcon';
import type { HealthState } from '../logic/hpp-status';
import type { PoolFinding, PoolKind, PoolRow } from '../logic/pool-rows';

/** The page's words for the logic's codes. */

export const poolKindText = (t: TFunction, kind: PoolKind): string =>
  ({
    basic: t('Basic (node directory)'),
    pvcTemplate: t('PVC template'),
    legacy: t('Legacy (pathConfig)'),
  })[kind];

export const healthView = (t: TFunction, state: HealthState): { status: StatusKind; text: string } =>
  ({
    unknown: { status: 'unknown', text: t('Not reported yet') },
    healthy: { status: 'success', text: t('Available') },
    deploying: { status: 'in-progress', text: t('Deploying') },
    progressing: { status: 'in-progress', text: t('Progressing') },
    upgrading: { status: 'in-progress', text: t('Upgrading') },
    healing: { status: 'in-progress', text: t('Recovering') },
    degraded: { status: 'warning', text: t('Degraded') },
    failed: { status: 'danger', text: t('Failed') },
    unavailable: { status: 'danger', text: t('Not available') },
  })[state] as { status: StatusKind; text: string };

export const poolPhaseView = (t: TFunction, row: PoolRow): { status: StatusKind; text: string } => {
  const counts =
    row.desiredReady !== undefined
      ? t('{{current}} of {{desired}} nodes ready', {
          current: row.currentReady ?? 0,
          desired: row.desiredReady,
        })
      : '';
  switch (row.phase) {
    case 'Ready':
      return { status: 'success', text: [t('Ready'), counts].filter(Boolean).join(': ') };
    case 'Preparing':
    case 'Mounting':
      return {
        status: 'in-progress',
        text: [row.phase === 'Preparing' ? t('Preparing') : t('Mounting'), counts].filter(Boolean).join(': '),
      };
    case undefined:
      return { status: 'unknown', text: t('Not reported yet') };
    default:
      return { status: 'warning', text: [row.phase, counts].filter(Boolean).join(': ') };
  }
};

export const findingText = (t: TFunction, f: PoolFinding): string | undefined => {
  switch (f.code) {
    case 'no-storage-class':
      return t('No StorageClass uses this pool: nothing can provision volumes from it yet.');
    case 'claims-pending':
      return t(
        'Pool PVCs not bound: {{claims}}. The operator cannot report pool status until they bind (check their storage class).',
        { claims: f.claims.join(', ') },
      );
    case 'status-missing':
      return t('The operator has not reported this pool yet.');
    case 'snapshots-unavailable':
      return f.missing.includes('feature-gate')
        ? t('VolumeSnapshotClasses {{classes}} use this pool, but the Snapshotting feature gate is off.', {
            classes: f.snapshotClasses.join(', '),
          })
        : t(
            'VolumeSnapshotClasses {{classes}} use this pool, but the pool has no snapshot provider (reflink).',
            {
              classes: f.snapshotClasses.join(', '),
            },
          );
    case 'not-ready':
      // The status column shows the phase.
      return undefined;
  }
};
