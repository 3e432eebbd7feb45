import { describe, expect, it } from 'vitest';
import {
  firingAlerts,
  isStorageInstance,
  parseAlertStatuses,
  pollErrorStatus,
  type RulesApiResponse,
  type RulesApiRule,
} from './firing-alerts';

const rule = (name: string, alerts: RulesApiRule['alerts'], type = 'alerting'): RulesApiRule => ({
  name,
  type,
  state: alerts?.some((a) => a.state === 'firing') ? 'firing' : alerts?.length ? 'pending' : 'inactive',
  alerts,
});
const response = (...rules: RulesApiRule[]): RulesApiResponse => ({
  status: 'success',
  data: { groups: [{ name: 'cdi.rules', rules }] },
});

describe('parseAlertStatuses', () => {
  it('reads a firing alert with its since-time, severity and rendered summary', () => {
    const statuses = parseAlertStatuses(
      response(
        rule('CDIStorageProfilesIncomplete', [
          {
            state: 'firing',
            activeAt: '2026-12-02T10:00:05Z',
            labels: {
              alertname: 'CDIStorageProfilesIncomplete',
              storageclass: 'acme-fast',
              severity: 'info',
            },
            annotations: { summary: 'Incomplete StorageProfile acme-fast' },
          },
          {
            state: 'firing',
            activeAt: '2026-12-02T09:59:00Z',
            labels: {
              alertname: 'CDIStorageProfilesIncomplete',
              storageclass: 'local-block',
              severity: 'info',
            },
          },
        ]),
      ),
    );
    const status = statuses.get('CDIStorageProfilesIncomplete');
    expect(status).toMatchObject({ state: 'firing', activeAt: '2026-12-02T09:59:00Z', severity: 'info' });
    expect(status?.instances.map((i) => i.labels.storageclass)).toEqual(['local-block', 'acme-fast']);
    expect(status?.instances[1].summary).toBe('Incomplete StorageProfile acme-fast');
  });

  it('says pending while the rule waits for its `for`, firing as soon as one instance fires', () => {
    const pending = parseAlertStatuses(
      response(
        rule('CDIMultipleDefaultVirtStorageClasses', [
          { state: 'pending', activeAt: '2026-12-02T10:00:00Z' },
        ]),
      ),
    );
    expect(pending.get('CDIMultipleDefaultVirtStorageClasses')?.state).toBe('pending');
    expect(firingAlerts(pending)).toEqual([]);

    const mixed = parseAlertStatuses(
      response(
        rule('CDIDataImportCronOutdated', [
          { state: 'pending', activeAt: '2026-12-02T08:00:00Z', labels: { cron_name: 'a' } },
          { state: 'firing', activeAt: '2026-12-02T09:00:00Z', labels: { cron_name: 'b' } },
        ]),
      ),
    );
    // Since when it fires: the firing instance's time, not the older pending one.
    expect(mixed.get('CDIDataImportCronOutdated')).toMatchObject({
      state: 'firing',
      activeAt: '2026-12-02T09:00:00Z',
    });
  });

  it('leaves out inactive rules, recording rules and alerts that are not about storage', () => {
    const statuses = parseAlertStatuses(
      response(
        rule('CDINotReady', []),
        rule('CDIOperatorDown', [{ state: 'inactive' }]),
        rule('cluster:kubevirt_cdi_operator_up:sum', [{ state: 'firing' }], 'recording'),
        rule('KubeVirtComponentExceedsRequestedMemory', [{ state: 'firing' }]),
        rule('KubeVirtCRModified', [
          { state: 'firing', labels: { component_name: 'kubevirt/kubevirt-kubevirt-hyperconverged' } },
        ]),
      ),
    );
    expect([...statuses.keys()]).toEqual([]);
  });

  it('keeps HCO alerts about CDI only', () => {
    const statuses = parseAlertStatuses(
      response(
        rule('KubeVirtCRModified', [
          { state: 'firing', labels: { component_name: 'networkaddonsconfig/cluster' } },
          {
            state: 'firing',
            activeAt: '2026-12-02T10:00:00Z',
            labels: { component_name: 'cdi/cdi-kubevirt-hyperconverged' },
          },
        ]),
      ),
    );
    expect(statuses.get('KubeVirtCRModified')?.instances.map((i) => i.labels.component_name)).toEqual([
      'cdi/cdi-kubevirt-hyperconverged',
    ]);
    expect(
      isStorageInstance('UnsupportedHCOModification', { annotation_name: 'kubevirt.kubevirt.io/jsonpatch' }),
    ).toBe(false);
    expect(
      isStorageInstance('UnsupportedHCOModification', {
        annotation_name: 'containerizeddataimporter.kubevirt.io/jsonpatch',
      }),
    ).toBe(true);
  });

  it('counts a rule listed in two rule files once per label set', () => {
    const alert = { state: 'firing', activeAt: '2026-12-02T10:00:00Z', labels: { storageclass: 'x' } };
    const statuses = parseAlertStatuses({
      data: {
        groups: [
          { rules: [rule('CDIStorageProfilesIncomplete', [alert])] },
          { rules: [rule('CDIStorageProfilesIncomplete', [alert])] },
        ],
      },
    });
    expect(statuses.get('CDIStorageProfilesIncomplete')?.instances).toHaveLength(1);
  });

  it('survives an empty, partial or failed answer', () => {
    expect(parseAlertStatuses(undefined).size).toBe(0);
    expect(parseAlertStatuses(null).size).toBe(0);
    expect(parseAlertStatuses({ status: 'error' }).size).toBe(0);
    expect(parseAlertStatuses({ data: { groups: [{ name: 'g' }] } }).size).toBe(0);
  });

  it('looks only for the names it is given', () => {
    const r = response(
      rule('CDINotReady', [{ state: 'firing' }]),
      rule('MyStorageAlert', [{ state: 'firing' }]),
    );
    expect([...parseAlertStatuses(r).keys()]).toEqual(['CDINotReady']);
    expect([...parseAlertStatuses(r, ['MyStorageAlert']).keys()]).toEqual(['MyStorageAlert']);
  });
});

describe('firingAlerts', () => {
  it('lists the firing ones, CDI operator problems first', () => {
    const statuses = parseAlertStatuses(
      response(
        rule('CDIStorageProfilesIncomplete', [{ state: 'firing' }]),
        rule('CDINotReady', [{ state: 'firing' }]),
        rule('CDINoDefaultStorageClass', [{ state: 'pending' }]),
      ),
    );
    expect(firingAlerts(statuses).map((a) => a.name)).toEqual([
      'CDINotReady',
      'CDIStorageProfilesIncomplete',
    ]);
  });
});

describe('pollErrorStatus', () => {
  it('reads the HTTP status of the console fetch error', () => {
    expect(pollErrorStatus({ code: 503 })).toBe(503);
    expect(pollErrorStatus({ response: { status: 403 } })).toBe(403);
    expect(pollErrorStatus(new TypeError('Failed to fetch'))).toBeUndefined();
    expect(pollErrorStatus(null)).toBeUndefined();
  });
});
