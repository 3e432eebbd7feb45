// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiserver } from '../../../k8s/testing/fake-apiserver';
import type { CDIConfig, HyperConverged, StorageClass } from '../../../k8s/types';
import type { Watched } from '../../../k8s/watch-state';
import { FilesystemOverheadSection } from './FilesystemOverheadSection';

vi.mock(
  '@openshift-console/dynamic-plugin-sdk',
  async () => (await import('../../../k8s/testing/fake-apiserver')).fakeSdk,
);

const hco = (filesystemOverhead?: object): HyperConverged => ({
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', resourceVersion: '3' },
  spec: { enableCommonBootImageImport: true, ...(filesystemOverhead ? { filesystemOverhead } : {}) },
});
const classes = (...names: string[]): Watched<StorageClass[]> => ({
  status: 'loaded',
  loaded: true,
  data: names.map((name) => ({ metadata: { name }, provisioner: 'x' })),
});
const config = (filesystemOverhead: object): Watched<CDIConfig> => ({
  status: 'loaded',
  loaded: true,
  data: { metadata: { name: 'config' }, status: { filesystemOverhead } },
});

const show = (props: {
  hc: HyperConverged;
  cdiConfig: Watched<CDIConfig>;
  storageClasses: Watched<StorageClass[]>;
  canWrite?: boolean;
}) => {
  apiserver.reset([props.hc]);
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <FilesystemOverheadSection
        hco={props.hc}
        cdiConfig={props.cdiConfig}
        storageClasses={props.storageClasses}
        storageProfiles={{ status: 'loaded', loaded: true, data: [] }}
        canWrite={props.canWrite ?? true}
      />
    </QueryClientProvider>,
  );
  return screen.getByRole('region', { name: 'Filesystem overhead' });
};

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {} });
});
afterEach(cleanup);

describe('FilesystemOverheadSection', () => {
  it('shows CDI default 0.06 when unset, and writes only the global key', async () => {
    const s = show({
      hc: hco(),
      cdiConfig: config({ global: '0.06', storageClass: { a: '0.06' } }),
      storageClasses: classes('a'),
    });
    expect(within(s).getByTestId('vsp-overhead-global-configured').textContent).toBe('Not set');
    expect(within(s).getByTestId('vsp-overhead-global-applied').textContent).toContain('6 % (0.06)');
    expect(within(s).getByTestId('vsp-overhead-global-notes').textContent).toMatch(/CDI applies its default/);
    await userEvent.type(within(s).getByRole('textbox', { name: 'Global overhead' }), '5.5');
    const expected = [
      { op: 'test', path: '/spec/filesystemOverhead', value: null },
      { op: 'add', path: '/spec/filesystemOverhead', value: { global: '0.055' } },
    ];
    expect(
      JSON.parse(within(s).getByRole('region', { name: 'JSON patch that will be sent' }).textContent ?? ''),
    ).toEqual(expected);
    await userEvent.click(within(s).getByRole('button', { name: 'Save' }));
    expect(
      await within(s).findByText('Filesystem overhead saved. HCO copies it to CDI shortly.'),
    ).toBeTruthy();
    expect(apiserver.sent).toEqual([{ name: 'kubevirt-hyperconverged', patch: expected }]);
  });

  it('refuses a fourth decimal at the field and offers nothing to send', async () => {
    const s = show({
      hc: hco({ global: '0.08' }),
      cdiConfig: config({ global: '0.08' }),
      storageClasses: classes(),
    });
    const input = within(s).getByRole('textbox', { name: 'Global overhead' });
    await userEvent.clear(input);
    await userEvent.type(input, '5.55');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(within(s).getByText(/At most one decimal/)).toBeTruthy();
    expect(within(s).queryByRole('region', { name: 'JSON patch that will be sent' })).toBeNull();
    expect((within(s).getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(input, '{Enter}');
    expect(apiserver.sent).toEqual([]);
  });

  it('explains differences: not applied yet, an override for a missing class, CDIConfig unknown', () => {
    const s = show({
      hc: hco({ global: '0.1', storageClass: { gone: '0.2' } }),
      cdiConfig: config({ global: '0.06', storageClass: { a: '0.06' } }),
      storageClasses: classes('a'),
    });
    expect(within(s).getByTestId('vsp-overhead-global-notes').textContent).toMatch(
      /CDI applies 6 % \(0.06\), not 10 % \(0.1\): HCO has not copied/,
    );
    expect(within(s).getByTestId('vsp-overhead-notes-gone').textContent).toMatch(
      /No StorageClass has this name/,
    );
    cleanup();
    const unknown = show({
      hc: hco({ global: '0.1' }),
      cdiConfig: { status: 'forbidden', loaded: true },
      storageClasses: classes('a'),
    });
    expect(within(unknown).getByTestId('vsp-overhead-global-applied').textContent).toMatch(
      /you may not read CDIConfig/,
    );
    expect(within(unknown).queryByText(/HCO has not copied/)).toBeNull();
  });

  it('gives a viewer disabled inputs and no enabled write button', () => {
    const s = show({
      hc: hco({ global: '0.08', storageClass: { a: '0.1' } }),
      cdiConfig: config({ global: '0.08', storageClass: { a: '0.1' } }),
      storageClasses: classes('a'),
      canWrite: false,
    });
    expect((within(s).getByRole('textbox', { name: 'Global overhead' }) as HTMLInputElement).disabled).toBe(
      true,
    );
    expect((within(s).getByRole('textbox', { name: 'Override for a' }) as HTMLInputElement).disabled).toBe(
      true,
    );
    for (const name of ['Save', 'Use the CDI default', 'Remove the override for a']) {
      expect((within(s).getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
    }
  });
});
