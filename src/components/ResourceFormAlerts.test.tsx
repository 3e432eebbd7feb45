// @vitest-environment jsdom
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useState } from 'react';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { optionalStringField } from '../k8s/edit-session';
import { apiserver, statusError } from '../k8s/testing/fake-apiserver';
import { useResourceForm } from '../k8s/use-resource-form';
import { ConfirmModal } from './ConfirmModal';
import { ResourceFormAlerts } from './ResourceFormAlerts';

// The SDK package cannot run outside the console: the shared fake apiserver stands behind k8sPatch and
// k8sGet (a patch whose test fails gets the apiserver's generic 422, without causes).
vi.mock(
  '@openshift-console/dynamic-plugin-sdk',
  async () => (await import('../k8s/testing/fake-apiserver')).fakeSdk,
);

const Model = { kind: 'StorageProfile', apiVersion: 'v1beta1', apiGroup: 'cdi.kubevirt.io' } as K8sModel;
const text = (id: string) => optionalStringField(id, ['spec', id]);
const FIELDS = [text('cloneStrategy'), text('dataImportCronSourceFormat')];
const LABELS: Record<string, string> = {
  cloneStrategy: 'Clone strategy',
  dataImportCronSourceFormat: 'Boot source format',
};

const profile = (rv: string, spec: Record<string, string>) => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: { name: 'acme-fast', resourceVersion: rv },
  spec,
  status: { provisioner: 'csi.acme.example.com' },
});
type Profile = ReturnType<typeof profile>;
const NAME = 'acme-fast';
/** The profile as the apiserver holds it now. */
const stored = () => apiserver.objects.get(NAME) as Profile;
/** Someone else's write (or the starting state): what the apiserver holds from now on. */
const store = (p: Profile) => apiserver.objects.set(NAME, p);

/** A minimal page on the engine: two text fields, save, a confirmed "reset", and the engine's alerts. */
const TestForm = ({ object }: { object: Profile }) => {
  const form = useResourceForm<Profile>({ model: Model, object, fields: FIELDS });
  const [confirm, setConfirm] = useState(false);
  return (
    <>
      <ResourceFormAlerts
        form={form}
        fieldLabel={(id) => LABELS[id]}
        formatValue={(_id, v) => (v as string) || 'Not set'}
        failureTitle={(f) => (f.conflict ? `Conflict on ${f.action}` : `Could not ${f.action}`)}
      />
      {FIELDS.map((f) => (
        <label key={f.id}>
          {LABELS[f.id]}
          <input value={form.value<string>(f.id)} onChange={(e) => form.set(f.id, e.target.value)} />
        </label>
      ))}
      <button disabled={!form.canSave} onClick={form.save}>
        Save
      </button>
      <button onClick={() => setConfirm(true)}>Reset</button>
      <ConfirmModal
        isOpen={confirm}
        title="Reset?"
        confirmLabel="Remove values"
        isInProgress={form.pendingAction === 'reset'}
        error={form.failure?.action === 'reset' ? form.failure.error : undefined}
        onCancel={() => setConfirm(false)}
        onConfirm={() => form.saveWith('reset', { cloneStrategy: '', dataImportCronSourceFormat: '' })}
      >
        This removes every value.
      </ConfirmModal>
    </>
  );
};

const renderForm = (object: Profile) => {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <TestForm object={object} />
    </QueryClientProvider>,
  );
  const rerender = (next: Profile) =>
    view.rerender(
      <QueryClientProvider client={client}>
        <TestForm object={next} />
      </QueryClientProvider>,
    );
  return { rerender };
};

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const typeInto = async (label: string, value: string) => {
  await userEvent.clear(input(label));
  if (value) await userEvent.type(input(label), value);
};

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {} });
});
beforeEach(() => {
  apiserver.reset([]);
});
afterEach(cleanup);

describe('write engine in a form', () => {
  it('the lost update: after a conflict both concurrent edits survive, and the other change is shown', async () => {
    const seen = profile('1', {});
    store(seen);
    renderForm(seen);
    await typeInto('Boot source format', 'snapshot');
    // Someone else sets the clone strategy and the format meanwhile.
    store(profile('5', { cloneStrategy: 'csi-clone', dataImportCronSourceFormat: 'pvc' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Conflict on save')).toBeTruthy();
    // The untouched field shows their value; the touched one is a decision.
    expect(input('Clone strategy').value).toBe('csi-clone');
    const both = screen
      .getByText('Boot source format was changed by you and by someone else')
      .closest('div')!;
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(both.parentElement!).getByRole('button', { name: 'Keep my value' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(stored().spec).toEqual({
        cloneStrategy: 'csi-clone',
        dataImportCronSourceFormat: 'snapshot',
      }),
    );
    expect(apiserver.sent.at(-1)?.patch).toEqual([
      { op: 'test', path: '/spec/dataImportCronSourceFormat', value: 'pvc' },
      { op: 'replace', path: '/spec/dataImportCronSourceFormat', value: 'snapshot' },
    ]);
  });

  it('a field changed by both: "use their value" drops my edit and leaves nothing to save', async () => {
    store(profile('1', { cloneStrategy: 'copy' }));
    renderForm(profile('1', { cloneStrategy: 'copy' }));
    await typeInto('Clone strategy', 'snapshot');
    store(profile('2', { cloneStrategy: 'csi-clone' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Use their value' }));
    expect(input('Clone strategy').value).toBe('csi-clone');
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(stored().spec).toEqual({ cloneStrategy: 'csi-clone' });
  });

  it("an older object arriving after the re-read (a lagging watch) does not undo the user's choice", async () => {
    store(profile('10', { cloneStrategy: 'copy' }));
    const { rerender } = renderForm(profile('10', { cloneStrategy: 'copy' }));
    await typeInto('Clone strategy', 'snapshot');
    // The re-read answers rv 12; the watch only later delivers rv 11.
    store(profile('12', { cloneStrategy: 'csi-clone' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Keep my value' }));
    rerender(profile('11', { cloneStrategy: 'copy' }));
    expect(input('Clone strategy').value).toBe('snapshot');
    expect(screen.queryByText('Someone else changed this while you were editing')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Keep my value' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(false);
    // A newer change seen by the watch is announced and can be loaded without losing the edit.
    rerender(profile('13', { cloneStrategy: 'csi-clone', dataImportCronSourceFormat: 'pvc' }));
    expect(await screen.findByText('Someone else changed this while you were editing')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Load their changes and keep mine' }));
    expect(input('Boot source format').value).toBe('pvc');
    expect(input('Clone strategy').value).toBe('snapshot');
  });

  it('a re-read that answers late, older than what the user already rebased on, is dropped', async () => {
    store(profile('10', {}));
    const { rerender } = renderForm(profile('10', {}));
    await typeInto('Clone strategy', 'copy');
    store(profile('20', { cloneStrategy: 'snapshot' }));
    let answerLate: (v: Profile) => void = () => {};
    const sdk = await import('@openshift-console/dynamic-plugin-sdk');
    vi.mocked(sdk.k8sGet).mockImplementationOnce(
      () => new Promise((r) => (answerLate = r as (v: unknown) => void)),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    // While the re-read hangs, the watch brings rv 20; the user loads it and keeps their value.
    rerender(profile('20', { cloneStrategy: 'snapshot' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Load their changes and keep mine' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Keep my value' }));
    await act(async () => answerLate(profile('15', { cloneStrategy: 'csi-clone' })));
    expect(await screen.findByText('Conflict on save')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Keep my value' })).toBeNull();
    expect(input('Clone strategy').value).toBe('copy');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(stored().spec).toEqual({ cloneStrategy: 'copy' }));
  });

  it('a 403 in the middle of an edit is shown verbatim, keeps the edits, and reads nothing again', async () => {
    const sdk = await import('@openshift-console/dynamic-plugin-sdk');
    store(profile('1', {}));
    renderForm(profile('1', {}));
    await typeInto('Clone strategy', 'copy');
    apiserver.fail.set(
      NAME,
      statusError(
        403,
        'Forbidden',
        'storageprofiles.cdi.kubevirt.io "acme-fast" is forbidden: User "viewer" cannot patch resource',
      ),
    );
    vi.mocked(sdk.k8sGet).mockClear();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Could not save')).toBeTruthy();
    expect(screen.getByText(/User "viewer" cannot patch resource/)).toBeTruthy();
    expect(screen.getByText(/Ask a cluster administrator for access/)).toBeTruthy();
    expect(input('Clone strategy').value).toBe('copy');
    expect(sdk.k8sGet).not.toHaveBeenCalled();
  });

  it('a 422 with causes is a validation error, not a conflict: causes shown, edits kept', async () => {
    store(profile('1', {}));
    renderForm(profile('1', {}));
    await typeInto('Clone strategy', 'Snapshot');
    apiserver.fail.set(
      NAME,
      statusError(422, 'Invalid', 'StorageProfile.cdi.kubevirt.io "acme-fast" is invalid', [
        { field: 'spec.cloneStrategy', message: 'Unsupported value: "Snapshot"' },
      ]),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Could not save')).toBeTruthy();
    expect(screen.getByText('spec.cloneStrategy: Unsupported value: "Snapshot"')).toBeTruthy();
    expect(screen.queryByText('Conflict on save')).toBeNull();
    expect(input('Clone strategy').value).toBe('Snapshot');
  });

  it('a failed reset stays visible on the page after its dialog closes', async () => {
    store(profile('1', { cloneStrategy: 'copy' }));
    renderForm(profile('1', { cloneStrategy: 'copy' }));
    apiserver.fail.set(NAME, statusError(500, 'InternalError', 'etcdserver: request timed out'));
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove values' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('etcdserver: request timed out')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('Could not reset')).toBeTruthy();
    expect(screen.getByText('etcdserver: request timed out')).toBeTruthy();
    expect(stored().spec).toEqual({ cloneStrategy: 'copy' });
  });
});
