import { describe, expect, it } from 'vitest';
import { provisionerHealth, summarizeProvisioner } from './hpp-status';
import { cond, hpp } from './test-fixtures';

const spec = { storagePools: [{ name: 'local', path: '/var/hpp' }] };
const withConditions = (a: string, p: string, d: string, reason?: string, message?: string) =>
  hpp(spec, {
    conditions: [
      cond('Available', a as 'True', a === 'True' && !reason ? 'Complete' : undefined),
      cond(
        'Progressing',
        p as 'True',
        p === 'True' && d !== 'True' ? reason : undefined,
        d !== 'True' ? message : undefined,
      ),
      cond('Degraded', d as 'True', d === 'True' ? reason : undefined, d === 'True' ? message : undefined),
    ],
    observedVersion: 'v0.25.2',
    targetVersion: 'v0.25.2',
    operatorVersion: 'v0.25.2',
  });

describe('summarizeProvisioner', () => {
  it('unreadable is unknown, never "none"', () => {
    expect(summarizeProvisioner(undefined)).toEqual({ state: 'unknown' });
  });
  it('none, one, several', () => {
    expect(summarizeProvisioner([])).toEqual({ state: 'none' });
    const one = hpp(spec);
    const summary = summarizeProvisioner([one]);
    expect(summary.state).toBe('one');
    expect(summary.state === 'one' && summary.cr).toBe(one);
    expect(summarizeProvisioner([hpp(spec, undefined, 'b'), hpp(spec, undefined, 'a')])).toEqual({
      state: 'several',
      names: ['a', 'b'],
    });
  });
});

describe('provisionerHealth (operator cr.go combinations)', () => {
  it('unknown while the operator has not written conditions', () => {
    expect(provisionerHealth(hpp(spec))).toEqual({ state: 'unknown', versions: {} });
    expect(provisionerHealth(hpp(spec, { conditions: [] })).state).toBe('unknown');
  });

  it('healthy: Available=True with reason Complete', () => {
    const health = provisionerHealth(withConditions('True', 'False', 'False'));
    expect(health.state).toBe('healthy');
    expect(health.reason).toBe('Complete');
    expect(health.versions).toEqual({ observed: 'v0.25.2', target: 'v0.25.2', operator: 'v0.25.2' });
    expect(health.available?.status).toBe('True');
  });

  it('deploying: Progressing=True explains', () => {
    const health = provisionerHealth(
      withConditions('False', 'True', 'False', 'DeployStarted', 'Started Deployment'),
    );
    expect(health).toMatchObject({
      state: 'deploying',
      reason: 'DeployStarted',
      message: 'Started Deployment',
    });
  });

  it('upgrading, healing, failed: Degraded=True explains', () => {
    expect(provisionerHealth(withConditions('True', 'True', 'True', 'UpgradeStarted')).state).toBe(
      'upgrading',
    );
    const healing = provisionerHealth(
      withConditions(
        'False',
        'True',
        'True',
        'StoragePoolNotReady',
        'error: Pool PVC x is Pending instead of Bound',
      ),
    );
    expect(healing).toMatchObject({
      state: 'healing',
      reason: 'StoragePoolNotReady',
      message: 'error: Pool PVC x is Pending instead of Bound',
    });
    expect(
      provisionerHealth(
        withConditions('False', 'False', 'True', 'Degraded', 'CR is deployed but DaemonSets are not ready'),
      ),
    ).toMatchObject({ state: 'failed', reason: 'Degraded' });
  });

  it('classifies combinations v0.25.2 does not write instead of hiding them', () => {
    expect(provisionerHealth(withConditions('True', 'False', 'True', 'X')).state).toBe('degraded');
    expect(provisionerHealth(withConditions('True', 'True', 'False', 'Y')).state).toBe('progressing');
    expect(provisionerHealth(withConditions('False', 'False', 'False')).state).toBe('unavailable');
    // Only some conditions present.
    expect(provisionerHealth(hpp(spec, { conditions: [cond('Degraded', 'True', 'R', 'M')] }))).toMatchObject({
      state: 'failed',
      reason: 'R',
      message: 'M',
    });
    expect(provisionerHealth(hpp(spec, { conditions: [cond('Other', 'True')] }))).toMatchObject({
      state: 'unavailable',
    });
  });
});
