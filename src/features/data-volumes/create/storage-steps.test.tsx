// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useState } from 'react';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildDataVolume, emptyDataVolumeForm, type DataVolumeForm } from '../logic/dv-form';
import { validateDataVolumeForm, type DvValidationContext } from '../logic/dv-validation';
import { OptionsStep } from './OptionsStep';
import { ScratchAdvicePanel } from './ScratchAdvicePanel';
import { StorageStep } from './StorageStep';
import { useStorageFacts } from './use-storage-facts';

// The SDK cannot run outside the console: its watch hook answers from `cluster` by kind.
const cluster = vi.hoisted(() => ({
  answers: {} as Record<string, [unknown, boolean, unknown]>,
}));
vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  useK8sWatchResource: vi.fn(
    (req: { groupVersionKind: { kind: string } }) =>
      cluster.answers[req.groupVersionKind.kind] ?? [undefined, false, undefined],
  ),
}));

const statusError = (code: number, reason: string, message: string) =>
  Object.assign(new Error(message), { code, json: { kind: 'Status', code, reason, message } });

const VIRT = { 'storageclass.kubevirt.io/is-default-virt-class': 'true' };
const K8S = { 'storageclass.kubernetes.io/is-default-class': 'true' };
const classes = [
  { metadata: { name: 'rbd-virt', annotations: VIRT }, provisioner: 'rbd', volumeBindingMode: 'Immediate' },
  { metadata: { name: 'rbd', annotations: K8S }, provisioner: 'rbd', volumeBindingMode: 'Immediate' },
  { metadata: { name: 'acme-fast' }, provisioner: 'acme', volumeBindingMode: 'Immediate' },
  { metadata: { name: 'lvms-vg1' }, provisioner: 'topolvm.io', volumeBindingMode: 'WaitForFirstConsumer' },
];
const profiles = [
  {
    metadata: { name: 'rbd-virt' },
    spec: {},
    status: {
      claimPropertySets: [
        { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
        { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
      ],
      cloneStrategy: 'csi-clone',
    },
  },
  {
    metadata: { name: 'rbd' },
    spec: {},
    status: { claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }] },
  },
  { metadata: { name: 'acme-fast' }, spec: {}, status: { cloneStrategy: 'copy' } },
  {
    metadata: { name: 'lvms-vg1' },
    spec: {},
    status: { claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Block' }] },
  },
];
const config = (status: Record<string, unknown>) => ({ metadata: { name: 'config' }, status });

const Harness = ({
  initial,
  ctx,
  showErrors,
}: {
  initial: Partial<DataVolumeForm>;
  ctx: DvValidationContext;
  showErrors: boolean;
}) => {
  const [form, setForm] = useState<DataVolumeForm>({
    ...emptyDataVolumeForm('team-a'),
    name: 'disk',
    ...initial,
  });
  const facts = useStorageFacts(form);
  const problems = validateDataVolumeForm(form, ctx);
  const props = { form, setForm, problems, showErrors, facts };
  return (
    <MemoryRouter>
      <section aria-label="storage">
        <StorageStep {...props} />
      </section>
      <section aria-label="options">
        <OptionsStep {...props} />
      </section>
      <ScratchAdvicePanel form={form} facts={facts} />
      <output data-testid="dv">{JSON.stringify(buildDataVolume(form))}</output>
      <output data-testid="blockers">{facts.blockers.length}</output>
    </MemoryRouter>
  );
};

const open = (initial: Partial<DataVolumeForm> = {}, ctx: DvValidationContext = {}, showErrors = false) =>
  render(<Harness initial={initial} ctx={ctx} showErrors={showErrors} />);
const dv = () => JSON.parse(screen.getByTestId('dv').textContent ?? '{}');
const storage = () => within(screen.getByRole('region', { name: 'storage' }));
const options = () => within(screen.getByRole('region', { name: 'options' }));

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    resources: {},
    nsSeparator: '~', // as the console
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as never);
});
beforeEach(() => {
  cluster.answers = {
    StorageClass: [classes, true, undefined],
    StorageProfile: [profiles, true, undefined],
    CDIConfig: [
      config({ scratchSpaceStorageClass: '', preallocation: true, filesystemOverhead: { global: '0.06' } }),
      true,
      undefined,
    ],
  };
});
afterEach(cleanup);

describe('Storage step', () => {
  it('shows the default class CDI takes and what it picks from its profile', () => {
    open({
      sourceKind: 'registry',
      registry: { url: 'docker://quay.io/x', pullMethod: 'pod', secretRef: '', certConfigMap: '' },
    });
    const select = storage().getByLabelText('StorageClass') as HTMLSelectElement;
    expect(select.value).toBe('');
    expect(
      within(select).getByRole('option', { name: 'Default: rbd-virt (virtualization default)' }),
    ).toBeTruthy();
    expect(within(select).getByRole('option', { name: 'rbd (default)' })).toBeTruthy();
    expect(screen.getByTestId('vsp-dv-profile-pick').textContent).toMatch(/profile rbd-virt: RWX Block/);
    expect(dv().spec.storage).toEqual({});
  });

  it('blocks on an incomplete profile with a link to it, and explicit mode writes spec.pvc with the chosen modes', async () => {
    open({ sourceKind: 'blank', size: '10Gi' });
    await userEvent.selectOptions(storage().getByLabelText('StorageClass'), 'acme-fast');
    const alert = screen.getByTestId('vsp-dv-storage-blocker');
    expect(alert.textContent).toMatch(/StorageProfile acme-fast is incomplete/);
    expect(
      within(alert)
        .getByRole('link', { name: /^Complete the profile/ })
        .getAttribute('href'),
    ).toBe('/virtualization-storage/storage-profiles/acme-fast');
    expect(screen.getByTestId('blockers').textContent).toBe('1');
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Set access and volume mode explicitly' }),
    );
    expect(screen.queryByTestId('vsp-dv-storage-blocker')).toBeNull();
    expect(screen.getByTestId('blockers').textContent).toBe('0');
    await userEvent.click(storage().getByLabelText('ReadWriteOnce'));
    await userEvent.click(storage().getByLabelText('Block'));
    expect(dv().spec.pvc).toEqual({
      storageClassName: 'acme-fast',
      accessModes: ['ReadWriteOnce'],
      volumeMode: 'Block',
      resources: { requests: { storage: '10Gi' } },
    });
  });

  it("offers the profile's sets in explicit mode", async () => {
    open({ sourceKind: 'blank', size: '1Gi', storageMode: 'explicit', storageClassName: 'rbd-virt' });
    await userEvent.click(storage().getByRole('button', { name: 'Use RWO Filesystem' }));
    expect(dv().spec.pvc).toMatchObject({ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' });
  });

  it('shows size errors at the field and the source size for a clone that is too small', async () => {
    open({ sourceKind: 'blank' }, {}, false);
    const size = storage().getByLabelText(/^Size/);
    await userEvent.type(size, '12 apples');
    await userEvent.tab();
    expect(storage().getByText(/Not a size Kubernetes understands/)).toBeTruthy();
    expect(size.getAttribute('aria-invalid')).toBe('true');
    cleanup();
    open(
      { sourceKind: 'pvc', pvc: { namespace: '', name: 'src' }, size: '1Gi' },
      { sourceSize: { bytes: 10 * 2 ** 30 } },
      true,
    );
    expect(storage().getByText(/The clone source is 10 GiB/)).toBeTruthy();
  });

  it('lets a clone leave the size empty in profile mode (CDI takes the source size)', () => {
    open({ sourceKind: 'pvc', pvc: { namespace: '', name: 'src' } }, {}, true);
    expect(storage().getByText('Empty: CDI gives the DataVolume the size of the clone source.')).toBeTruthy();
    expect(dv().spec.storage).toEqual({});
  });

  it('says when profiles cannot be read, and does not block on it', () => {
    cluster.answers.StorageProfile = [
      undefined,
      true,
      statusError(403, 'Forbidden', 'storageprofiles is forbidden'),
    ];
    open({ sourceKind: 'blank', size: '1Gi', storageClassName: 'acme-fast' });
    expect(
      screen.getByText('Could not read StorageProfiles: what CDI picks from a profile is unknown'),
    ).toBeTruthy();
    expect(screen.getByText('storageprofiles is forbidden')).toBeTruthy();
    expect(screen.getByTestId('vsp-dv-profile-pick').textContent).toMatch(/unknown/);
    expect(screen.getByTestId('blockers').textContent).toBe('0');
  });
});

describe('Storage step while StorageClasses are unknown', () => {
  it('shows them loading (nothing to choose yet), never as "none"', () => {
    cluster.answers.StorageClass = [undefined, false, undefined];
    open({ sourceKind: 'blank', size: '1Gi' });
    const select = storage().getByLabelText('StorageClass') as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    expect(select.textContent).toBe('Loading StorageClasses…');
    expect(screen.queryByText(/none is set/)).toBeNull();
  });

  it('lets the user type a class when they cannot be read, with the API message', async () => {
    cluster.answers.StorageClass = [
      undefined,
      true,
      statusError(403, 'Forbidden', 'storageclasses is forbidden'),
    ];
    open({ sourceKind: 'blank', size: '1Gi' });
    expect(
      screen.getByText('Could not read StorageClasses: which class is the default is unknown'),
    ).toBeTruthy();
    expect(screen.getByText('storageclasses is forbidden')).toBeTruthy();
    await userEvent.type(storage().getByLabelText('StorageClass'), 'lvms-vg1');
    expect(dv().spec.storage).toEqual({
      storageClassName: 'lvms-vg1',
      resources: { requests: { storage: '1Gi' } },
    });
  });
});

describe('Options step', () => {
  it("preallocation: states CDI's global setting and writes the choice", async () => {
    open({ sourceKind: 'blank', size: '1Gi' });
    expect(options().getByLabelText("CDI's global setting (now: preallocate)")).toBeTruthy();
    expect(options().getByText(/fallocate where the filesystem supports it/)).toBeTruthy();
    expect(dv().spec.preallocation).toBeUndefined();
    await userEvent.click(options().getByLabelText('Do not preallocate'));
    expect(dv().spec.preallocation).toBe(false);
    await userEvent.click(options().getByLabelText('Preallocate'));
    expect(dv().spec.preallocation).toBe(true);
  });

  it('notes that clones ignore preallocation unless copied through a pod', async () => {
    open({ sourceKind: 'pvc', pvc: { namespace: '', name: 'src' } });
    await userEvent.click(options().getByLabelText('Preallocate'));
    expect(options().getByText(/Clones ignore this unless CDI copies through a pod/)).toBeTruthy();
  });

  it('adds an offered annotation with one click, explains it and focuses its value', async () => {
    open({ sourceKind: 'blank', size: '1Gi' });
    await userEvent.click(options().getByRole('button', { name: 'Add k8s.v1.cni.cncf.io/networks' }));
    const value = options().getByLabelText('Value') as HTMLInputElement;
    expect(document.activeElement).toBe(value);
    await userEvent.type(value, 'team-a/storage-net');
    expect(dv().metadata.annotations).toEqual({ 'k8s.v1.cni.cncf.io/networks': 'team-a/storage-net' });
    const key = options().getByLabelText('Key');
    const help = document.getElementById(key.getAttribute('aria-describedby') ?? '');
    expect(help?.textContent).toMatch(
      /Multus networks.*CDI copies it to its importer, uploader and cloner pods/,
    );
    expect(options().queryByRole('button', { name: 'Add k8s.v1.cni.cncf.io/networks' })).toBeNull();
    await userEvent.click(
      options().getByRole('button', { name: 'Remove annotation k8s.v1.cni.cncf.io/networks' }),
    );
    expect(dv().metadata.annotations).toBeUndefined();
  });

  it('shows a bad annotation key at its row', async () => {
    open({ sourceKind: 'blank', size: '1Gi' });
    await userEvent.click(options().getByRole('button', { name: 'Add annotation' }));
    const key = options().getByLabelText('Key');
    expect(document.activeElement).toBe(key);
    await userEvent.type(key, 'bad key');
    await userEvent.tab();
    expect(options().getByText(/Not a valid annotation key/)).toBeTruthy();
    expect(key.getAttribute('aria-invalid')).toBe('true');
  });

  it('offers immediate bind on a WaitForFirstConsumer class only', async () => {
    open({ sourceKind: 'blank', size: '1Gi' });
    const box = options().getByLabelText('Bind immediately') as HTMLInputElement;
    expect(box.disabled).toBe(true);
    expect(options().getByText(/rbd-virt binds volumes immediately/)).toBeTruthy();
    await userEvent.selectOptions(storage().getByLabelText('StorageClass'), 'lvms-vg1');
    expect(box.disabled).toBe(false);
    expect(options().getByText(/lvms-vg1 binds volumes only when a pod uses them/)).toBeTruthy();
    await userEvent.click(box);
    expect(dv().metadata.annotations).toEqual({ 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' });
  });
});

describe('Scratch advice', () => {
  const registry = {
    url: 'docker://quay.io/containerdisks/fedora:latest',
    pullMethod: 'pod' as const,
    secretRef: '',
    certConfigMap: '',
  };

  it("names the target's class when no scratch class is set", () => {
    open({ sourceKind: 'registry', registry });
    const panel = screen.getByTestId('vsp-dv-scratch-advice');
    expect(panel.textContent).toMatch(/Needs scratch space on rbd-virt/);
    expect(screen.getByTestId('vsp-dv-scratch-class').textContent).toMatch(/the class of the DataVolume/);
    expect(within(panel).getByRole('link').getAttribute('href')).toBe('/virtualization-storage/settings');
  });

  it('names the scratch space class when CDI applies one', () => {
    cluster.answers.CDIConfig = [config({ scratchSpaceStorageClass: 'rbd' }), true, undefined];
    open({ sourceKind: 'registry', registry });
    expect(screen.getByTestId('vsp-dv-scratch-advice').textContent).toMatch(/Needs scratch space on rbd/);
    expect(screen.getByTestId('vsp-dv-scratch-class').textContent).toMatch(/scratch space class CDI applies/);
  });

  it('says the class is unknown when CDIConfig cannot be read', () => {
    cluster.answers.CDIConfig = [undefined, true, statusError(403, 'Forbidden', 'cdiconfigs is forbidden')];
    open({ sourceKind: 'registry', registry });
    expect(screen.getByTestId('vsp-dv-scratch-advice').textContent).toMatch(/^.*Needs scratch space(?! on)/);
    expect(screen.getByTestId('vsp-dv-scratch-class').textContent).toMatch(/unknown/);
  });

  it('warns when the scratch PVC would land on a Block-only class', () => {
    open({ sourceKind: 'registry', registry, storageClassName: 'lvms-vg1' });
    expect(screen.getByTestId('vsp-dv-scratch-advice').textContent).toMatch(
      /Needs scratch space on lvms-vg1/,
    );
    expect(screen.getByTestId('vsp-dv-scratch-block-only').textContent).toMatch(
      /StorageProfile of lvms-vg1 offers only Block volumes/,
    );
    cleanup();
    open({ sourceKind: 'registry', registry, storageClassName: 'rbd' });
    expect(screen.queryByTestId('vsp-dv-scratch-block-only')).toBeNull();
  });

  it('explains that HTTP images are streamed without scratch space', () => {
    open({
      sourceKind: 'http',
      http: { url: 'https://example.com/disk.qcow2.xz', secretRef: '', certConfigMap: '' },
    });
    const panel = screen.getByTestId('vsp-dv-scratch-advice');
    expect(panel.textContent).toMatch(/No scratch space needed/);
    expect(panel.textContent).toMatch(/nbdkit/);
  });
});
