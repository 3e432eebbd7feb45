// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import i18next, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toDataVolumeRow } from '../logic/dv-rows';
import { ConditionsCell, PhaseCell, phaseStatus, preallocationText, shortAge } from './dv-cells';

let t: TFunction;
beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    resources: {},
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as never);
  t = i18next.t;
});
afterEach(cleanup);

const row = (status: object, spec: object = {}, pvcAnnotations?: Record<string, string>) =>
  toDataVolumeRow(
    { metadata: { name: 'disk', namespace: 'ns' }, spec: { storage: {}, ...spec }, status },
    pvcAnnotations ? { metadata: { name: 'disk', annotations: pvcAnnotations }, spec: {} } : undefined,
  );

describe('DataVolume cells', () => {
  it('shows phase, restarts and the progress bar of a running import', () => {
    render(
      <PhaseCell
        row={row({ phase: 'ImportInProgress', progress: '37.52%', restartCount: 2 })}
        t={t}
        srText="Phase"
      />,
    );
    expect(screen.getByText('ImportInProgress')).toBeTruthy();
    expect(screen.getByText('Restarts: 2')).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Progress of disk' });
    expect(bar.getAttribute('aria-valuenow')).toBe('37.5');
  });

  it('has no progress bar for N/A or once Succeeded', () => {
    render(<PhaseCell row={row({ phase: 'ImportInProgress', progress: 'N/A' })} t={t} srText="Phase" />);
    render(<PhaseCell row={row({ phase: 'Succeeded', progress: '100.0%' })} t={t} srText="Phase" />);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('says each condition with its status to screen readers, and the reason when it is not True', () => {
    render(
      <ConditionsCell
        row={row({
          conditions: [
            { type: 'Bound', status: 'True', reason: 'Bound' },
            { type: 'Running', status: 'False', reason: 'Error', message: 'Unable to connect' },
          ],
        })}
        t={t}
      />,
    );
    expect(screen.getByText('Bound: True')).toBeTruthy();
    expect(screen.getByText('Running: False')).toBeTruthy();
    expect(screen.getByText('Ready: not reported')).toBeTruthy();
    expect(screen.getByText('Error', { exact: false })).toBeTruthy();
    // Bound's reason repeats the type: not shown for a True condition.
    expect(screen.queryAllByText(/^\s*Bound\s*$/)).toHaveLength(1);
  });

  it('words preallocation requested and applied', () => {
    expect(preallocationText(t, row({}))).toEqual({ requested: 'Global setting', applied: undefined });
    expect(
      preallocationText(
        t,
        row({}, { preallocation: true }, { 'cdi.kubevirt.io/storage.preallocation': 'true' }),
      ),
    ).toEqual({ requested: 'Yes', applied: 'Applied' });
    expect(preallocationText(t, row({}, { preallocation: false })).requested).toBe('No');
  });

  it('maps phases to status looks and ages to kubectl-like text', () => {
    expect(phaseStatus('Failed')).toBe('danger');
    expect(phaseStatus('ImportInProgress', 3)).toBe('warning');
    expect(phaseStatus('ImportInProgress')).toBe('in-progress');
    expect(phaseStatus('Succeeded')).toBe('success');
    expect([shortAge(59), shortAge(600), shortAge(3 * 3600), shortAge(5 * 86400)]).toEqual([
      '59s',
      '10m',
      '3h',
      '5d',
    ]);
  });
});
