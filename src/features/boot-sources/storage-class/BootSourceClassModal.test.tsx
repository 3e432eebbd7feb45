// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CLASS_ANNOTATION, DEFAULT_VIRT_CLASS_ANNOTATION } from '../../../k8s/default-storage-class';
import { apiserver as server, statusError } from '../../../k8s/testing/fake-apiserver';
import type { StorageClass, StorageProfile, VolumeSnapshotClass } from '../../../k8s/types';
import { BootSourceClassModal } from './BootSourceClassModal';

vi.mock(
  '@openshift-console/dynamic-plugin-sdk',
  async () => (await import('../../../k8s/testing/fake-apiserver')).fakeSdk,
);

const sc = (name: string, provisioner: string, created: string, annotations?: Record<string, string>) =>
  ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, creationTimestamp: created, ...(annotations ? { annotations } : {}) },
    provisioner,
  }) as StorageClass;
const CLASSES = [
  sc('rbd-virt', 'openshift-storage.rbd.csi.ceph.com', '2026-01-01T00:00:00Z', {
    [DEFAULT_VIRT_CLASS_ANNOTATION]: 'true',
  }),
  sc('rbd', 'openshift-storage.rbd.csi.ceph.com', '2026-01-01T00:00:01Z', {
    [DEFAULT_CLASS_ANNOTATION]: 'true',
  }),
  sc('lvms', 'topolvm.io', '2026-01-02T00:00:00Z'),
  sc('acme-fast', 'csi.acme.example.com', '2026-01-03T00:00:00Z'),
];
const profile = (name: string, complete: boolean, format = 'pvc'): StorageProfile => ({
  metadata: { name },
  spec: {},
  status: {
    dataImportCronSourceFormat: format,
    ...(complete ? { claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Block' }] } : {}),
  },
});
const PROFILES = [
  profile('rbd-virt', true, 'snapshot'),
  profile('rbd', true),
  profile('lvms', true),
  profile('acme-fast', false),
];
const VSCS: VolumeSnapshotClass[] = [
  { metadata: { name: 'rbd-snap' }, driver: 'openshift-storage.rbd.csi.ceph.com', deletionPolicy: 'Delete' },
];

const annotation = (name: string, key = DEFAULT_VIRT_CLASS_ANNOTATION) =>
  (server.objects.get(name) as StorageClass).metadata?.annotations?.[key];

const open = () =>
  render(
    <BootSourceClassModal
      storageClasses={CLASSES}
      storageProfiles={PROFILES}
      snapshotClasses={VSCS}
      onClose={() => undefined}
    />,
  );
const dialog = () => screen.getByRole('dialog');
const choose = async (name: string) =>
  userEvent.selectOptions(within(dialog()).getByLabelText(/Storage class/), name);

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {} });
});
beforeEach(() => {
  server.reset(CLASSES);
});
afterEach(cleanup);

describe('BootSourceClassModal', () => {
  it('explains where boot sources go today and why', () => {
    open();
    expect(
      within(dialog()).getByText(/imported to rbd-virt: it is the default storage class for virtualization/),
    ).toBeTruthy();
    expect(within(dialog()).getByText(/Customise storage/)).toBeTruthy();
    expect(within(dialog()).getByRole('button', { name: 'Switch default' })).toHaveProperty('disabled', true);
  });

  it('previews the ordered patches, runs the switch and shows each step done', async () => {
    open();
    await choose('lvms');
    const patches = within(dialog()).getAllByRole('region', { name: 'JSON patch that will be sent' });
    // Two steps and the undo of step 1.
    expect(patches).toHaveLength(3);
    expect(patches[0].textContent).toContain('"op": "test"');
    expect(within(dialog()).getByText(/Step 1: make lvms the default for virtualization/)).toBeTruthy();
    expect(within(dialog()).getByText(/Step 2: the previous default rbd-virt/)).toBeTruthy();
    expect(
      within(dialog()).getByText(/CDI deletes its newest image on rbd-virt and imports it again onto lvms/),
    ).toBeTruthy();
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Switch default' }));
    expect(await within(dialog()).findByText('lvms is now the default for virtualization')).toBeTruthy();
    expect(within(dialog()).getByText('Step 1 (lvms): Done')).toBeTruthy();
    expect(within(dialog()).getByText('Step 2 (rbd-virt): Done')).toBeTruthy();
    expect(server.sent.map((s) => s.name)).toEqual(['lvms', 'rbd-virt']);
    expect(annotation('lvms')).toBe('true');
    expect(annotation('rbd-virt')).toBe('false');
  });

  it('puts the old default back when the second write fails and shows the error verbatim', async () => {
    server.fail.set(
      'rbd-virt#1',
      statusError(403, 'Forbidden', 'storageclasses.storage.k8s.io "rbd-virt" is forbidden'),
    );
    open();
    await choose('lvms');
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Switch default' }));
    expect(
      await within(dialog()).findByText(/Could not change rbd-virt; the earlier steps were undone/),
    ).toBeTruthy();
    expect(within(dialog()).getByText('storageclasses.storage.k8s.io "rbd-virt" is forbidden')).toBeTruthy();
    expect(within(dialog()).getByText('Step 1 (lvms): Undone')).toBeTruthy();
    expect(within(dialog()).getByText('Step 2 (rbd-virt): Failed')).toBeTruthy();
    expect(annotation('lvms')).toBeUndefined();
    expect(annotation('rbd-virt')).toBe('true');
  });

  it('names the class to fix when the undo fails as well', async () => {
    server.fail.set('rbd-virt#1', statusError(500, 'InternalError', 'etcdserver: request timed out'));
    server.fail.set('lvms#2', statusError(500, 'InternalError', 'etcdserver: leader changed'));
    open();
    await choose('lvms');
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Switch default' }));
    expect(await within(dialog()).findByText('The switch could not be undone: fix it by hand')).toBeTruthy();
    expect(within(dialog()).getByText(/marked on: lvms, rbd-virt. In use: lvms/)).toBeTruthy();
    expect(
      within(dialog()).getByText(
        'oc annotate storageclass lvms storageclass.kubevirt.io/is-default-virt-class- --overwrite',
      ),
    ).toBeTruthy();
    expect(within(dialog()).getByText('etcdserver: leader changed')).toBeTruthy();
  });

  it('warns that boot sources will fail to import onto a class with an incomplete profile', async () => {
    open();
    await choose('acme-fast');
    expect(within(dialog()).getByText('Boot sources will fail to import onto acme-fast')).toBeTruthy();
  });

  it('as the cluster default, says boot sources stay on the virt default', async () => {
    open();
    await userEvent.click(within(dialog()).getByLabelText('The cluster default'));
    await choose('lvms');
    expect(within(dialog()).getByText(/rbd-virt stays the default for virtualization/)).toBeTruthy();
    expect(
      within(dialog()).getByText(/Step 2: the previous default rbd is no longer the cluster default/),
    ).toBeTruthy();
  });

  it('has nothing to do for the class that already is the only default', async () => {
    open();
    await choose('rbd-virt');
    expect(
      within(dialog()).getByText('rbd-virt is already the only default for virtualization'),
    ).toBeTruthy();
    await waitFor(() =>
      expect(within(dialog()).getByRole('button', { name: 'Switch default' })).toHaveProperty(
        'disabled',
        true,
      ),
    );
  });
});
