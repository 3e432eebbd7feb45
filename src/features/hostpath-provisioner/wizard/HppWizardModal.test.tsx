// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { load } from 'js-yaml';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CLASS_ANNOTATION } from '../../../k8s/default-storage-class';
import { apiserver, statusError } from '../../../k8s/testing/fake-apiserver';
import type { StorageClass } from '../../../k8s/types';
import type { Watched } from '../../../k8s/watch-state';
import type { HostPathProvisioner, NodeLike } from '../logic/hpp-types';
import { hpp, node, sc } from '../logic/test-fixtures';
import type { HppData } from '../shared/use-hpp-data';
import HppWizardModal from './HppWizardModal';

// The SDK cannot run outside the console: the fake apiserver answers k8sPatch/k8sGet, creates are recorded.
const created = vi.hoisted(() => ({ objects: [] as unknown[], error: undefined as unknown }));
vi.mock('@openshift-console/dynamic-plugin-sdk', async () => ({
  ...(await import('../../../k8s/testing/fake-apiserver')).fakeSdk,
  k8sCreate: vi.fn(async ({ data }: { data: unknown }) => {
    created.objects.push(data);
    if (created.error) throw created.error;
    return data;
  }),
}));

const loaded = <T,>(data: T): Watched<T> => ({ status: 'loaded', loaded: true, data });
const forbidden: Watched<never> = {
  status: 'forbidden',
  loaded: true,
  error: statusError(403, 'Forbidden', 'nodes is forbidden'),
};

const classes: StorageClass[] = [
  sc('gp3-csi', 'ebs.csi.aws.com', undefined, { [DEFAULT_CLASS_ANNOTATION]: 'true' }),
  sc('hpp-basic', undefined, { storagePool: 'basic-pool' }),
  sc('local-block', 'kubernetes.io/no-provisioner'),
];
const nodes: NodeLike[] = [
  node('master-0', { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/master': '' }),
  node('worker-0', { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/worker': '' }),
  node('worker-1', { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/worker': '' }),
];

const existing = (): HostPathProvisioner =>
  hpp({
    imagePullPolicy: 'IfNotPresent',
    storagePools: [{ name: 'basic-pool', path: '/var/hpvolumes/basic' }],
    workload: { nodeSelector: { 'kubernetes.io/os': 'linux' } },
  });

const dataOf = (crs: HostPathProvisioner[], over: Partial<HppData> = {}): HppData => ({
  crs: loaded(crs),
  storageClasses: loaded(classes),
  snapshotClasses: loaded([]),
  profiles: loaded([]),
  poolClaims: loaded([]),
  nodes: loaded(nodes),
  ...over,
});

const open = (cr?: HostPathProvisioner, over: Partial<HppData> = {}) => {
  apiserver.reset(cr ? [cr] : []);
  const onClose = vi.fn();
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <HppWizardModal cr={cr} data={dataOf(cr ? [cr] : [], over)} onClose={onClose} />
    </QueryClientProvider>,
  );
  return { onClose, dialog: screen.getByRole('dialog') };
};

const pool = (n: number) => screen.getByRole('region', { name: new RegExp(`^Storage pool ${n}\\b`) });
const inPool = (n: number, label: RegExp | string) =>
  within(pool(n)).getByLabelText(label) as HTMLInputElement;
const paste = async (input: HTMLElement, value: string) => {
  await userEvent.clear(input);
  if (value) {
    await userEvent.click(input);
    await userEvent.paste(value);
  }
  await userEvent.tab();
};
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const patchShown = () =>
  JSON.parse(screen.getByRole('region', { name: 'JSON patch that will be sent' }).textContent ?? '');

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    resources: {},
    interpolation: { escapeValue: false }, // as the console
    showSupportNotice: false,
  } as never);
});
beforeEach(() => {
  created.objects = [];
  created.error = undefined;
});
afterEach(cleanup);

describe('HppWizardModal: create', () => {
  it('creates the CR with a basic and a PVC-template pool, shown as YAML first', async () => {
    const { onClose } = open();
    expect(button('Next').disabled).toBe(true); // the first pool is still empty
    await paste(inPool(1, /^Name/), 'local');
    await paste(inPool(1, /^Path on the node/), '/var/hpvolumes/local');
    // The basic pool's directory shares the node's disk unless mounted separately.
    expect(within(pool(1)).getByText(/Do not put it on the operating system partition/)).toBeTruthy();
    await userEvent.click(button('Add storage pool'));
    await paste(inPool(2, /^Name/), 'ebs');
    await paste(inPool(2, /^Path on the node/), '/var/hpvolumes/ebs');
    await userEvent.click(within(pool(2)).getByLabelText(/^PVC template/));
    expect(button('Next').disabled).toBe(true); // size missing
    await paste(inPool(2, /^Size per node/), '50Gi');
    await userEvent.selectOptions(inPool(2, 'Volume mode'), 'Block');
    expect(within(pool(2)).getByText(/formats an empty device as XFS/)).toBeTruthy();
    await userEvent.selectOptions(inPool(2, 'StorageClass of the pool volumes'), 'gp3-csi');
    await userEvent.click(button('Next'));

    expect(screen.getByTestId('vsp-hpp-matching-nodes').textContent).toBe('3 nodes match');
    await paste(screen.getByLabelText('Label key 1'), 'node-role.kubernetes.io/worker');
    await paste(screen.getByLabelText('Label value 1'), '');
    expect(screen.getByTestId('vsp-hpp-matching-nodes').textContent).toBe('2 nodes match');
    await userEvent.selectOptions(screen.getByLabelText('Image pull policy'), 'Always');
    await userEvent.click(button('Next'));

    const expected = {
      apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
      kind: 'HostPathProvisioner',
      metadata: { name: 'hostpath-provisioner' },
      spec: {
        imagePullPolicy: 'Always',
        storagePools: [
          { name: 'local', path: '/var/hpvolumes/local' },
          {
            name: 'ebs',
            path: '/var/hpvolumes/ebs',
            pvcTemplate: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '50Gi' } },
              storageClassName: 'gp3-csi',
              volumeMode: 'Block',
            },
          },
        ],
        workload: { nodeSelector: { 'node-role.kubernetes.io/worker': '' } },
      },
    };
    const yaml = screen.getByRole('region', { name: 'YAML that will be created' }).textContent ?? '';
    expect(load(yaml)).toEqual(expected);
    await userEvent.click(button('Create'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(created.objects).toEqual([expected]);
  });

  it('catches bad input at the field and sends nothing', async () => {
    open();
    await paste(inPool(1, /^Name/), 'Fast_Pool');
    expect(within(pool(1)).getByText(/Use lower-case letters, digits and "-"/)).toBeTruthy();
    expect(inPool(1, /^Name/).getAttribute('aria-invalid')).toBe('true');
    const help = inPool(1, /^Name/).getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(help)?.textContent).toMatch(/lower-case letters/);
    await paste(inPool(1, /^Path on the node/), 'var/hpvolumes');
    expect(within(pool(1)).getByText('The path must be absolute (start with /).')).toBeTruthy();
    await paste(inPool(1, /^Path on the node/), '/hpvolumes');
    expect(within(pool(1)).getByText(/The root directory is read-only/)).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
    await userEvent.click(within(pool(1)).getByLabelText(/^PVC template/));
    await paste(inPool(1, /^Size per node/), '-5Gi');
    expect(within(pool(1)).getByText('The size cannot be negative.')).toBeTruthy();
    await userEvent.click(within(pool(1)).getByLabelText('ReadWriteOnce'));
    expect(within(pool(1)).getByText('Choose at least one access mode.')).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
    expect(created.objects).toEqual([]);
  });

  it('warns about an HPP class and a default class that is HPP; unknown nodes say so', async () => {
    const hppDefault = sc(
      'hpp-default',
      undefined,
      { storagePool: 'x' },
      { [DEFAULT_CLASS_ANNOTATION]: 'true' },
    );
    open(undefined, { storageClasses: loaded([hppDefault, ...classes.slice(1)]), nodes: forbidden });
    await userEvent.click(within(pool(1)).getByLabelText(/^PVC template/));
    expect(
      within(pool(1)).getByText(/The cluster default class hpp-default is a hostpath provisioner class/),
    ).toBeTruthy();
    await userEvent.selectOptions(inPool(1, 'StorageClass of the pool volumes'), 'hpp-basic');
    expect(within(pool(1)).getByText(/hpp-basic is itself a hostpath provisioner class/)).toBeTruthy();
    await paste(inPool(1, /^Name/), 'p');
    await paste(inPool(1, /^Path on the node/), '/var/p');
    await paste(inPool(1, /^Size per node/), '1Gi');
    await userEvent.click(button('Next'));
    expect(screen.getByTestId('vsp-hpp-matching-nodes').textContent).toMatch(/unknown/);
  });

  it('shows a refused create verbatim and stays open with the input', async () => {
    created.error = statusError(
      403,
      'Forbidden',
      'admission webhook "validate-hostpath-provisioner.kubevirt.io" denied the request: storagePool.path cannot be blank',
    );
    const { onClose } = open();
    await paste(inPool(1, /^Name/), 'local');
    await paste(inPool(1, /^Path on the node/), '/var/hpvolumes/local');
    await userEvent.click(button('Next'));
    await userEvent.click(button('Next'));
    await userEvent.click(button('Create'));
    expect(await screen.findByText(/denied the request: storagePool.path cannot be blank/)).toBeTruthy();
    expect(screen.getByText('Could not create the hostpath provisioner')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    await userEvent.click(button('Back'));
    await userEvent.click(button('Back'));
    expect(inPool(1, /^Name/).value).toBe('local');
  });
});

describe('HppWizardModal: edit', () => {
  const addPoolAndSelector = async () => {
    await userEvent.click(button('Add storage pool'));
    await paste(inPool(2, /^Name/), 'extra');
    await paste(inPool(2, /^Path on the node/), '/var/hpvolumes/extra');
    await userEvent.click(button('Next'));
    await userEvent.click(button('Add label'));
    await paste(screen.getByLabelText('Label key 2'), 'node-role.kubernetes.io/worker');
    await userEvent.click(button('Next'));
  };

  it('sends only the user changes, guarded, and nothing when nothing changed', async () => {
    const { onClose } = open(existing());
    await userEvent.click(button('Next'));
    await userEvent.click(button('Next'));
    expect(screen.getByText('No changes yet: the patch is empty.')).toBeTruthy();
    expect(button('Save').disabled).toBe(true);
    await userEvent.click(button('Back'));
    await userEvent.click(button('Back'));
    await addPoolAndSelector();
    // Every guard first, then the changes.
    const expected = [
      { op: 'test', path: '/spec/storagePools', value: existing().spec!.storagePools },
      { op: 'test', path: '/spec/workload/nodeSelector/node-role.kubernetes.io~1worker', value: null },
      {
        op: 'replace',
        path: '/spec/storagePools',
        value: [...existing().spec!.storagePools!, { name: 'extra', path: '/var/hpvolumes/extra' }],
      },
      { op: 'add', path: '/spec/workload/nodeSelector/node-role.kubernetes.io~1worker', value: '' },
    ];
    expect(patchShown()).toEqual(expected);
    await userEvent.click(button('Save'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(apiserver.sent.map((s) => s.patch)).toEqual([expected]);
  });

  it('after a conflict re-applies only the user edits on the fresh CR', async () => {
    const { onClose } = open(existing());
    await addPoolAndSelector();
    // Meanwhile someone else adds a pool and changes the pull policy.
    const theirs = existing();
    theirs.spec!.imagePullPolicy = 'Always';
    theirs.spec!.storagePools!.push({ name: 'theirs', path: '/var/hpvolumes/theirs' });
    apiserver.objects.set('hostpath-provisioner', theirs);
    await userEvent.click(button('Save'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const saved = apiserver.objects.get('hostpath-provisioner') as HostPathProvisioner;
    expect(saved.spec).toEqual({
      imagePullPolicy: 'Always',
      storagePools: [
        { name: 'basic-pool', path: '/var/hpvolumes/basic' },
        { name: 'theirs', path: '/var/hpvolumes/theirs' },
        { name: 'extra', path: '/var/hpvolumes/extra' },
      ],
      workload: { nodeSelector: { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/worker': '' } },
    });
    expect(apiserver.sent).toHaveLength(2);
  });

  it('explains an edit that no longer applies (the pool was changed by someone else)', async () => {
    const { onClose } = open(existing());
    await paste(inPool(1, /^Path on the node/), '/var/hpvolumes/moved');
    expect(within(pool(1)).getByText(/The pool moves from \/var\/hpvolumes\/basic/)).toBeTruthy();
    await userEvent.click(button('Next'));
    await userEvent.click(button('Next'));
    const theirs = existing();
    theirs.spec!.storagePools![0].path = '/var/hpvolumes/other';
    apiserver.objects.set('hostpath-provisioner', theirs);
    await userEvent.click(button('Save'));
    expect(await screen.findByText(/Someone else changed the pool basic-pool meanwhile/)).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('shows a webhook refusal verbatim and keeps the wizard open', async () => {
    const { onClose } = open(existing());
    await addPoolAndSelector();
    apiserver.fail.set(
      'hostpath-provisioner#1',
      statusError(
        403,
        'Forbidden',
        'admission webhook "validate-hostpath-provisioner.kubevirt.io" denied the request: spec.storagePools[1].path is the same as spec.storagePools[0].path, cannot have duplicate paths',
      ),
    );
    await userEvent.click(button('Save'));
    expect(await screen.findByTestId('api-error-message')).toHaveProperty(
      'textContent',
      'admission webhook "validate-hostpath-provisioner.kubevirt.io" denied the request: spec.storagePools[1].path is the same as spec.storagePools[0].path, cannot have duplicate paths',
    );
    expect(onClose).not.toHaveBeenCalled();
    expect(button('Save').disabled).toBe(false);
  });

  it('migrates the legacy pathConfig to a pool named legacy, with the findings', async () => {
    const legacy = hpp({ pathConfig: { path: '/var/hpvolumes', useNamingPrefix: true } });
    const { onClose } = open(legacy, {
      storageClasses: loaded([...classes, sc('hpp-legacy', 'kubevirt.io/hostpath-provisioner')]),
    });
    expect(screen.getByText('This provisioner uses the deprecated legacy path')).toBeTruthy();
    await userEvent.click(button('Migrate to a storage pool'));
    expect(screen.getByText(/claims of hpp-legacy stay Pending/)).toBeTruthy();
    expect(screen.getByText(/useNamingPrefix applied only to the legacy provisioner/)).toBeTruthy();
    expect(inPool(1, /^Name/).value).toBe('legacy');
    expect(inPool(1, /^Path on the node/).value).toBe('/var/hpvolumes');
    await userEvent.click(button('Next'));
    await userEvent.click(button('Next'));
    expect(patchShown()).toEqual([
      { op: 'test', path: '/spec/pathConfig', value: { path: '/var/hpvolumes', useNamingPrefix: true } },
      { op: 'test', path: '/spec/storagePools', value: null },
      { op: 'remove', path: '/spec/pathConfig' },
      { op: 'add', path: '/spec/storagePools', value: [{ name: 'legacy', path: '/var/hpvolumes' }] },
    ]);
    await userEvent.click(button('Save'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect((apiserver.objects.get('hostpath-provisioner') as HostPathProvisioner).spec).toEqual({
      storagePools: [{ name: 'legacy', path: '/var/hpvolumes' }],
    });
  });
});
