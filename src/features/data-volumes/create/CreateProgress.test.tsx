// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DataVolume } from '../../../k8s/types';
import { CreateProgress } from './CreateProgress';

const watched = vi.hoisted(() => ({ dv: undefined as unknown, error: undefined as unknown }));
vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  useK8sWatchResource: () => [watched.dv, true, watched.error],
}));

const dv = (source: DataVolume['spec']['source'], status: DataVolume['status']): DataVolume => ({
  metadata: { name: 'fedora', namespace: 'team-a' },
  spec: { source, storage: { resources: { requests: { storage: '30Gi' } } } },
  status,
});

const show = (value: DataVolume) => {
  watched.dv = value;
  render(
    <MemoryRouter>
      <CreateProgress namespace="team-a" name="fedora" />
    </MemoryRouter>,
  );
};

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    resources: {},
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as never);
});
afterEach(cleanup);

describe('CreateProgress', () => {
  it("a restarting import: the Running condition's message, the restarts and the details link", () => {
    show(
      dv(
        { http: { url: 'https://mirror.example.com/missing.qcow2' } },
        {
          phase: 'ImportInProgress',
          progress: 'N/A',
          restartCount: 3,
          conditions: [
            {
              type: 'Running',
              status: 'False',
              reason: 'Error',
              message:
                'Unable to connect to http data source: expected status code 200, got 404. Status: 404 Not Found',
            },
          ],
        },
      ),
    );
    const alert = screen.getByTestId('vsp-dv-failure');
    expect(alert.textContent).toContain('The worker pod restarted 3 times');
    expect(alert.textContent).toContain('expected status code 200, got 404');
    expect(screen.getByText('False (Error)')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'View details' })[0].getAttribute('href')).toBe(
      '/virtualization-storage/data-volumes/team-a/fedora',
    );
  });

  it('an upload waiting for data: the virtctl command, no progress bar', () => {
    show(dv({ upload: {} }, { phase: 'UploadReady', progress: 'N/A' }));
    expect((screen.getByRole('textbox', { name: 'Upload command' }) as HTMLInputElement).value).toBe(
      'virtctl image-upload dv fedora -n team-a --image-path=<path to the image> --no-create',
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('succeeded: full bar and the ready message; failed: the message', () => {
    show(dv({ blank: {} }, { phase: 'Succeeded', progress: '100.0%', claimName: 'fedora' }));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText('The DataVolume is ready')).toBeTruthy();
    cleanup();
    show(
      dv(
        { http: { url: 'https://x/y.qcow2' } },
        { phase: 'Failed', conditions: [{ type: 'Running', status: 'False', message: 'boom: disk full' }] },
      ),
    );
    expect(screen.getByTestId('vsp-dv-failure').textContent).toContain(
      'The DataVolume failedboom: disk full',
    );
  });
});
