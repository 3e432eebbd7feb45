// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiserver } from '../../../k8s/testing/fake-apiserver';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { UseSnapshotsModal } from './UseSnapshotsModal';

vi.mock(
  '@openshift-console/dynamic-plugin-sdk',
  async () => (await import('../../../k8s/testing/fake-apiserver')).fakeSdk,
);

const LVMS: StorageClass = { metadata: { name: 'lvms-vg1' }, provisioner: 'topolvm.io' };
const NFS: StorageClass = { metadata: { name: 'nfs-csi' }, provisioner: 'nfs.csi.k8s.io' };
const VSCS: VolumeSnapshotClass[] = [
  { metadata: { name: 'lvms-vg1' }, driver: 'topolvm.io', deletionPolicy: 'Delete' },
  { metadata: { name: 'rbd' }, driver: 'openshift-storage.rbd.csi.ceph.com', deletionPolicy: 'Delete' },
];
const profile = (name: string, spec: StorageProfile['spec'], format = 'pvc'): StorageProfile => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: { name, resourceVersion: '7' },
  spec,
  status: { dataImportCronSourceFormat: format },
});

const open = (storageClass: StorageClass, p: StorageProfile) => {
  apiserver.reset([p]);
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <UseSnapshotsModal
        storageClass={storageClass}
        profile={p}
        snapshotClasses={VSCS}
        onClose={() => undefined}
      />
    </QueryClientProvider>,
  );
  return screen.getByRole('dialog');
};

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {} });
});
afterEach(cleanup);

describe('UseSnapshotsModal', () => {
  it('previews and writes the guarded patch when a VolumeSnapshotClass serves the driver', async () => {
    const d = open(LVMS, profile('lvms-vg1', {}));
    expect(within(d).getByText(/with the VolumeSnapshotClass lvms-vg1/)).toBeTruthy();
    const expected = [
      { op: 'test', path: '/spec/dataImportCronSourceFormat', value: null },
      { op: 'add', path: '/spec/dataImportCronSourceFormat', value: 'snapshot' },
    ];
    expect(
      JSON.parse(within(d).getByRole('region', { name: 'JSON patch that will be sent' }).textContent ?? ''),
    ).toEqual(expected);
    await userEvent.click(within(d).getByRole('button', { name: 'Use snapshots' }));
    expect(await within(d).findByText('Boot sources on lvms-vg1 now use snapshots')).toBeTruthy();
    expect(apiserver.sent).toEqual([{ name: 'lvms-vg1', patch: expected }]);
    expect((apiserver.objects.get('lvms-vg1') as StorageProfile).spec.dataImportCronSourceFormat).toBe(
      'snapshot',
    );
  });

  it('replaces an explicit pvc, testing the old value', async () => {
    const d = open(LVMS, profile('lvms-vg1', { dataImportCronSourceFormat: 'pvc' }));
    expect(within(d).getByText(/replaces the profile's current value pvc/)).toBeTruthy();
    expect(within(d).getByRole('region', { name: 'JSON patch that will be sent' }).textContent).toContain(
      '"value": "pvc"',
    );
  });

  it('explains why not and offers no write without a VolumeSnapshotClass for the driver', () => {
    const d = open(NFS, profile('nfs-csi', {}));
    expect(within(d).getByText('Snapshots are not possible on nfs-csi yet')).toBeTruthy();
    expect(within(d).getAllByText(/No VolumeSnapshotClass has driver nfs.csi.k8s.io/).length).toBeGreaterThan(
      0,
    );
    expect(within(d).queryByRole('button', { name: 'Use snapshots' })).toBeNull();
  });

  it('says so when boot sources already are snapshots', () => {
    const d = open(LVMS, profile('lvms-vg1', { dataImportCronSourceFormat: 'snapshot' }, 'snapshot'));
    expect(within(d).getByText('Boot sources on lvms-vg1 are already snapshots')).toBeTruthy();
    expect(within(d).queryByRole('button', { name: 'Use snapshots' })).toBeNull();
  });
});
