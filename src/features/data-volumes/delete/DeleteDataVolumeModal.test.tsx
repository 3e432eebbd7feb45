// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { statusError } from '../../../k8s/testing/fake-apiserver';
import type { DataVolume } from '../../../k8s/types';
import DeleteDataVolumeModal from './DeleteDataVolumeModal';

const api = vi.hoisted(() => ({
  calls: [] as { name: string; json: unknown }[],
  fail: undefined as unknown,
}));
vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  k8sDelete: vi.fn(
    async ({ resource, json }: { resource: { metadata: { name: string } }; json: unknown }) => {
      api.calls.push({ name: resource.metadata.name, json });
      if (api.fail) throw api.fail;
      return resource;
    },
  ),
}));

const dv: DataVolume = {
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name: 'disk', namespace: 'team-a', uid: 'uid-1', resourceVersion: '42' },
  spec: { source: { blank: {} } },
  status: { claimName: 'disk-pvc', phase: 'ImportInProgress' },
};

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    resources: {},
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as never);
});
beforeEach(() => {
  api.calls = [];
  api.fail = undefined;
});
afterEach(cleanup);

describe('DeleteDataVolumeModal', () => {
  it('names the DataVolume and its PVC, and deletes guarded by the uid only', async () => {
    const onClose = vi.fn();
    const onDeleted = vi.fn();
    render(<DeleteDataVolumeModal dataVolume={dv} onClose={onClose} onDeleted={onDeleted} />);
    expect(screen.getByText('DataVolume disk in namespace team-a will be deleted.')).toBeTruthy();
    expect(screen.getByText(/Its PVC disk-pvc and the data on it are deleted with it/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await vi.waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(onClose).toHaveBeenCalled();
    // An import bumps resourceVersion every second: only the uid guards the delete.
    expect(api.calls).toEqual([
      {
        name: 'disk',
        json: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'uid-1' } },
      },
    ]);
  });

  it('says "already deleted by someone else" on 404, as information', async () => {
    api.fail = statusError(404, 'NotFound', 'datavolumes.cdi.kubevirt.io "disk" not found');
    const onDeleted = vi.fn();
    render(<DeleteDataVolumeModal dataVolume={dv} onClose={vi.fn()} onDeleted={onDeleted} />);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Already deleted by someone else')).toBeTruthy();
    expect(screen.queryByText('Not found')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(onDeleted).toHaveBeenCalled();
  });

  it('shows other errors verbatim and keeps the dialog open', async () => {
    api.fail = statusError(
      409,
      'Conflict',
      'Operation cannot be fulfilled on datavolumes.cdi.kubevirt.io "disk": Precondition failed: UID in precondition: uid-1, UID in object meta: uid-2',
    );
    const onClose = vi.fn();
    render(<DeleteDataVolumeModal dataVolume={dv} onClose={onClose} />);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText(/Precondition failed: UID in precondition: uid-1/)).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });
});
