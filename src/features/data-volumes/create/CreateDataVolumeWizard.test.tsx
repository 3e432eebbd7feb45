// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { load } from 'js-yaml';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { statusError } from '../../../k8s/testing/fake-apiserver';
import type { AccessReview } from '../../../k8s/types';
import CreateDataVolumeWizard from './CreateDataVolumeWizard';

/**
 * The SDK cannot run outside the console: watches answer from `api.lists` ("Kind/namespace"), creates are
 * recorded and answered here (SelfSubjectAccessReviews by `api.allowed`).
 */
const api = vi.hoisted(() => ({
  lists: new Map<string, unknown>(),
  creates: [] as { kind: string; data: Record<string, unknown>; dryRun: boolean }[],
  /** "verb resource/subresource in namespace" the user may do. */
  allowed: new Set<string>(),
  fail: undefined as unknown,
}));
vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  useAccessReview: () => [true, false],
  useK8sWatchResource: (
    req: { groupVersionKind: { kind: string }; namespace?: string; name?: string } | null,
  ) => {
    if (!req) return [undefined, false, undefined];
    const key = `${req.groupVersionKind.kind}/${req.namespace ?? ''}${req.name ? `/${req.name}` : ''}`;
    const value = api.lists.get(key);
    if (value instanceof Error) return [undefined, true, value];
    return [value ?? (req.name ? undefined : []), true, undefined];
  },
  k8sCreate: vi.fn(
    async ({
      model,
      data,
      queryParams,
    }: {
      model: { kind: string };
      data: Record<string, unknown>;
      queryParams?: { dryRun?: string };
    }) => {
      const dryRun = queryParams?.dryRun === 'All';
      api.creates.push({ kind: model.kind, data, dryRun });
      if (model.kind === 'SelfSubjectAccessReview') {
        const ra = (data as unknown as AccessReview).spec.resourceAttributes;
        const what = `${ra.verb} ${ra.resource}${ra.subresource ? `/${ra.subresource}` : ''} in ${ra.namespace}`;
        return { ...data, status: { allowed: api.allowed.has(what) } };
      }
      if (api.fail) throw api.fail;
      return data;
    },
  ),
}));
// The Storage and Options steps are another engineer's: a stand-in with the size field is enough here.
vi.mock('./StorageStep', () => ({
  StorageStep: ({
    form,
    setForm,
  }: {
    form: { size: string };
    setForm: (u: (f: object) => object) => void;
  }) => (
    <label>
      Size
      <input value={form.size} onChange={(e) => setForm((f) => ({ ...f, size: e.target.value }))} />
    </label>
  ),
}));
vi.mock('./OptionsStep', () => ({ OptionsStep: () => null }));
vi.mock('./ScratchAdvicePanel', () => ({ ScratchAdvicePanel: () => null }));
vi.mock('./use-storage-facts', () => ({
  useStorageFacts: () => ({
    targetClass: 'lvms',
    targetClassFrom: 'default',
    blockers: [],
    scratchSpaceStorageClass: undefined,
  }),
}));

const ns = (name: string) => ({ metadata: { name } });
const pvc = (namespace: string, name: string, storage: string) => ({
  metadata: { name, namespace },
  spec: { resources: { requests: { storage } } },
  status: { phase: 'Bound', capacity: { storage } },
});

/** `open({})`: the list shows all namespaces. */
const open = ({ namespace }: { namespace?: string } = { namespace: 'team-a' }) => {
  const onClose = vi.fn();
  render(
    <MemoryRouter>
      <CreateDataVolumeWizard namespace={namespace} onClose={onClose} />
    </MemoryRouter>,
  );
  return { onClose };
};

/** The Name field's label (PatternFly's required marker may follow), not Namespace's. */
const NAME = /^Name(\s*\*)?$/;
const field = (label: RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const type = async (input: HTMLElement, value: string) => {
  await userEvent.clear(input);
  if (value) {
    await userEvent.click(input);
    await userEvent.paste(value);
  }
  await userEvent.tab();
};
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const next = () => userEvent.click(button('Next'));
const dvPosts = () => api.creates.filter((c) => c.kind === 'DataVolume');
const reviews = () =>
  api.creates
    .filter((c) => c.kind === 'SelfSubjectAccessReview')
    .map((c) => (c.data as unknown as AccessReview).spec.resourceAttributes);
/** The text of the helper that describes a control. */
const helpOf = (input: HTMLElement) => {
  const id = input.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? '') : '';
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
  api.lists = new Map<string, unknown>([
    ['Namespace/', [ns('team-a'), ns('team-b'), ns('golden-images')]],
    ['DataVolume/team-a', [{ metadata: { name: 'web-root-disk', namespace: 'team-a' }, spec: {} }]],
    ['PersistentVolumeClaim/team-a', [pvc('team-a', 'web-root-disk', '30Gi')]],
    ['PersistentVolumeClaim/golden-images', [pvc('golden-images', 'rhel9-base', '30Gi')]],
  ]);
  api.creates = [];
  api.allowed = new Set();
  api.fail = undefined;
});
afterEach(cleanup);

describe('CreateDataVolumeWizard', () => {
  it('keeps the user on Source until name and URL are right, saying why at the field, with no request', async () => {
    open();
    await next();
    const name = field(NAME);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(helpOf(name)).toContain('Enter a name for the DataVolume.');
    expect(document.activeElement).toBe(name);
    expect(screen.getByRole('heading', { name: 'HTTP / HTTPS' })).toBeTruthy();

    await type(name, 'Fedora_Disk');
    expect(helpOf(name)).toContain('Lowercase letters, digits');
    await type(name, 'web-root-disk');
    expect(helpOf(name)).toContain(
      'A DataVolume or PVC named web-root-disk already exists in namespace team-a.',
    );
    await type(name, 'fedora');
    const url = field(/^URL/);
    await type(url, 'ftp://mirror.example.com/fedora.qcow2');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(helpOf(url)).toContain('CDI imports only http://, https:// and gs:// URLs.');
    await next();
    expect(screen.queryByLabelText(/^Size/)).toBeNull();

    await type(url, 'https://mirror.example.com/fedora.qcow2');
    await next();
    expect(field(/^Size/)).toBeTruthy();
    expect(api.creates).toEqual([]);
  });

  it('disables Next on Storage while the size is wrong, then creates the DataVolume and follows it', async () => {
    open();
    await type(field(NAME), 'fedora');
    await type(field(/^URL/), 'https://mirror.example.com/fedora.qcow2');
    await next();
    expect(button('Next').disabled).toBe(true);
    await type(field(/^Size/), '10 GB');
    expect(button('Next').disabled).toBe(true);
    await type(field(/^Size/), '10Gi');
    await next(); // Storage → Options
    await next(); // Options → Review
    const yaml = load(screen.getByRole('region', { name: 'DataVolume YAML' }).textContent ?? '');
    expect(yaml).toEqual({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'fedora', namespace: 'team-a' },
      spec: {
        source: { http: { url: 'https://mirror.example.com/fedora.qcow2' } },
        storage: { resources: { requests: { storage: '10Gi' } } },
      },
    });
    api.lists.set('DataVolume/team-a/fedora', {
      ...(yaml as object),
      status: { phase: 'ImportInProgress', progress: '42.00%', restartCount: 0 },
    });
    await userEvent.click(button('Create'));
    expect(dvPosts()).toEqual([{ kind: 'DataVolume', data: yaml, dryRun: false }]);
    const progress = await screen.findByTestId('vsp-dv-progress');
    expect(within(progress).getByTestId('vsp-dv-phase').textContent).toContain('ImportInProgress');
    expect(within(progress).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('42');
  });

  it("shows CDI's refusal verbatim and stays on Review with the form intact", async () => {
    const refusal =
      'admission webhook "datavolume-validate.cdi.kubevirt.io" denied the request:  Destination PVC team-a/fedora already exists';
    api.fail = statusError(403, 'Forbidden', refusal);
    open();
    await type(field(NAME), 'fedora');
    await type(field(/^URL/), 'https://mirror.example.com/fedora.qcow2');
    await next();
    await type(field(/^Size/), '10Gi');
    await next();
    await next();
    await userEvent.click(button('Create'));
    const error = await screen.findByTestId('vsp-dv-create-error');
    expect(within(error).getByTestId('api-error-message').textContent).toBe(refusal);
    expect(screen.getByRole('region', { name: 'DataVolume YAML' }).textContent).toContain('fedora');
    expect(button('Create').disabled).toBe(false);
  });

  it('checks clone permission in the source namespace, blocks and links to Clone permissions when missing, and re-checks', async () => {
    open();
    await type(field(NAME), 'rhel9');
    await userEvent.click(screen.getByRole('radio', { name: /^Clone a PVC/ }));
    await userEvent.selectOptions(field(/^Source namespace/), 'golden-images');
    await userEvent.selectOptions(field(/^PVC name/), 'rhel9-base');
    expect(helpOf(field(/^PVC name/))).toContain('Source size: 30 GiB.');

    const denied = await screen.findByText(
      'CDI will refuse this clone: you may not create datavolumes/source (or pods) in golden-images',
      {},
      { timeout: 3000 },
    );
    expect(reviews()).toEqual([
      {
        namespace: 'golden-images',
        verb: 'create',
        group: 'cdi.kubevirt.io',
        resource: 'datavolumes',
        subresource: 'source',
        name: 'rhel9-base',
      },
      { namespace: 'golden-images', verb: 'create', resource: 'pods', name: 'rhel9-base' },
    ]);
    const alert = denied.closest('.pf-v6-c-alert') as HTMLElement;
    expect(within(alert).getByRole('link', { name: 'Grant clone permission' }).getAttribute('href')).toBe(
      '/virtualization-storage/clone-permissions?namespace=golden-images',
    );
    await next();
    expect(screen.queryByLabelText(/^Size/)).toBeNull();

    api.allowed.add('create datavolumes/source in golden-images');
    await userEvent.click(within(alert).getByRole('button', { name: 'Check again' }));
    await screen.findByText('You may clone from golden-images', {}, { timeout: 3000 });
    await next();
    expect(field(/^Size/)).toBeTruthy();
    expect(dvPosts()).toEqual([]);
  });

  it('asks for the namespace when the list shows all namespaces, and warns without blocking when the check fails', async () => {
    open({});
    await type(field(NAME), 'rhel9');
    await next();
    const namespace = field(/^Namespace/);
    expect(namespace.getAttribute('aria-invalid')).toBe('true');
    expect(helpOf(namespace)).toContain('Choose the namespace to create the DataVolume in.');
    await userEvent.selectOptions(namespace, 'team-a');

    const k8sCreate = (await import('@openshift-console/dynamic-plugin-sdk'))
      .k8sCreate as unknown as ReturnType<typeof vi.fn>;
    k8sCreate.mockImplementationOnce(async () => {
      throw statusError(500, 'InternalError', 'etcdserver: request timed out');
    });
    await userEvent.click(screen.getByRole('radio', { name: /^Clone a PVC/ }));
    await userEvent.selectOptions(field(/^Source namespace/), 'golden-images');
    await userEvent.selectOptions(field(/^PVC name/), 'rhel9-base');
    const unknown = await screen.findByText(
      'Could not check whether you may clone from golden-images',
      {},
      { timeout: 3000 },
    );
    expect((unknown.closest('.pf-v6-c-alert') as HTMLElement).textContent).toContain(
      'etcdserver: request timed out',
    );
    await next();
    expect(field(/^Size/)).toBeTruthy();
    await next();
    await next();
    expect(screen.getByText('Could not check whether you may clone from golden-images')).toBeTruthy();
    expect(button('Create').disabled).toBe(false);
  });

  it('does not check a clone in the same namespace, and catches a missing source at the field', async () => {
    open();
    await type(field(NAME), 'copy');
    await userEvent.click(screen.getByRole('radio', { name: /^Clone a PVC/ }));
    expect(field(/^Source namespace/).value).toBe('team-a');
    await next();
    expect(helpOf(field(/^PVC name/))).toContain('Choose the PVC to clone.');
    await userEvent.selectOptions(field(/^PVC name/), 'web-root-disk');
    await new Promise((r) => setTimeout(r, 500));
    expect(reviews()).toEqual([]);

    // A list that cannot be read: a text field, and no claim that the source is missing.
    api.lists.set('PersistentVolumeClaim/team-b', statusError(403, 'Forbidden', 'pvcs is forbidden'));
    await userEvent.selectOptions(field(/^Source namespace/), 'team-b');
    const name = field(/^PVC name/);
    expect(name.tagName).toBe('INPUT');
    expect(helpOf(name)).toContain('You cannot list them in team-b: type the name.');
    // A readable list without it: not found.
    await userEvent.selectOptions(field(/^Source namespace/), 'golden-images');
    await next();
    expect(helpOf(field(/^PVC name/))).toContain('No PVC of this name exists in the source namespace.');
  });
});
