// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StorageClass } from '../../../k8s/types';
import type { Watched } from '../../../k8s/watch-state';
import type { HppData } from '../shared/use-hpp-data';
import PoolClassModal from './PoolClassModal';

const sdk = vi.hoisted(() => ({ created: [] as unknown[], refuse: undefined as unknown }));
vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  useAccessReview: () => [true, false],
  k8sCreate: vi.fn(async ({ data }: { data: unknown }) => {
    if (sdk.refuse) throw sdk.refuse;
    sdk.created.push(data);
    return data;
  }),
  k8sPatch: vi.fn(),
  k8sGet: vi.fn(),
}));

const loaded = <T,>(data: T): Watched<T> => ({ status: 'loaded', loaded: true, data });
const sc = (name: string, pool: string): StorageClass => ({
  metadata: { name },
  provisioner: 'kubevirt.io.hostpath-provisioner',
  parameters: { storagePool: pool },
});
const DATA: HppData = {
  crs: loaded([
    {
      metadata: { name: 'hostpath-provisioner' },
      spec: { storagePools: [{ name: 'local', path: '/var/local' }] },
    },
  ]),
  storageClasses: loaded([sc('hostpath-csi-local', 'local')]),
  snapshotClasses: loaded([]),
  profiles: loaded([]),
  poolClaims: loaded([]),
  nodes: loaded([]),
};

const open = () =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
      <PoolClassModal pool="local" data={DATA} onClose={() => undefined} />
    </QueryClientProvider>,
  );

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {} });
});
beforeEach(() => {
  sdk.created = [];
  sdk.refuse = undefined;
});
afterEach(cleanup);

describe('PoolClassModal', () => {
  it('suggests a free name, refuses a taken one, and creates the CSI class of the pool', async () => {
    open();
    const dialog = screen.getByRole('dialog', { name: 'Create StorageClass for pool local' });
    const name = within(dialog).getByRole('textbox', { name: /Name/ });
    // hostpath-csi-local is taken.
    expect(name).toHaveProperty('value', 'hostpath-csi-local-2');
    expect(
      within(dialog).getByText(/Classes that already provision from local: hostpath-csi-local/),
    ).toBeTruthy();
    await userEvent.clear(name);
    await userEvent.type(name, 'hostpath-csi-local');
    expect(within(dialog).getByText('A storage class named hostpath-csi-local already exists.')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(sdk.created).toEqual([]);

    await userEvent.clear(name);
    await userEvent.type(name, 'hpp-local');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Immediate' }));
    expect(within(dialog).getByText('Immediate binding pins VMs to a node chosen in advance')).toBeTruthy();
    expect(
      within(dialog).getByRole('region', { name: 'YAML of the StorageClass that will be created' })
        .textContent,
    ).toContain('volumeBindingMode: Immediate');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(within(dialog).getByText('StorageClass hpp-local was created')).toBeTruthy());
    expect(sdk.created).toEqual([
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'hpp-local' },
        provisioner: 'kubevirt.io.hostpath-provisioner',
        parameters: { storagePool: 'local' },
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
      },
    ]);
  });

  it('shows a refusal verbatim', async () => {
    sdk.refuse = Object.assign(new Error('denied'), {
      code: 403,
      json: {
        kind: 'Status',
        code: 403,
        reason: 'Forbidden',
        message: 'storageclasses.storage.k8s.io is forbidden: User "x" cannot create resource',
      },
    });
    open();
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(
        within(dialog).getByText(
          'storageclasses.storage.k8s.io is forbidden: User "x" cannot create resource',
        ),
      ).toBeTruthy(),
    );
  });
});
