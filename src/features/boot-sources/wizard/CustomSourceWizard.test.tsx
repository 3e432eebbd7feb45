// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiserver, fakeSdk, statusError } from '../../../k8s/testing/fake-apiserver';
import { asV1 } from '../../../k8s/testing/hco-v1';
import type { HyperConverged, StorageClass } from '../../../k8s/types';
import { specTemplates } from '../logic/template-edits';
import { CustomSourceWizard, type CustomSourceWizardProps } from './CustomSourceWizard';

// The SDK cannot run outside the console: the shared fake apiserver stands behind k8sPatch/k8sGet, and the
// namespace watch answers from a fixed list.
vi.mock('@openshift-console/dynamic-plugin-sdk', async () => ({
  ...(await import('../../../k8s/testing/fake-apiserver')).fakeSdk,
  useK8sWatchResource: vi.fn((req: unknown) =>
    req
      ? [
          [{ metadata: { name: 'openshift-virtualization-os-images' } }, { metadata: { name: 'team-a' } }],
          true,
          undefined,
        ]
      : [undefined, true, undefined],
  ),
}));

const custom = {
  metadata: { name: 'tools-image-cron', labels: { keep: 'me' } },
  spec: {
    garbageCollect: 'Outdated' as const,
    importsToKeep: 2,
    managedDataSource: 'tools',
    retentionPolicy: 'None' as const,
    schedule: '0 4 * * 1',
    template: {
      spec: {
        source: { registry: { url: 'docker://registry.corp.example.com:5000/vm-images/tools:latest' } },
        storage: { storageClassName: 'lvms', resources: { requests: { storage: '8Gi' } } },
      },
    },
  },
};

const HCO = 'kubevirt-hyperconverged';
const hcoWith = (urlOfTools = custom.spec.template.spec.source.registry.url): HyperConverged => ({
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', resourceVersion: '7' },
  spec: {
    enableCommonBootImageImport: true,
    dataImportCronTemplates: [
      {
        ...custom,
        spec: {
          ...custom.spec,
          template: { spec: { ...custom.spec.template.spec, source: { registry: { url: urlOfTools } } } },
        },
      },
    ],
  },
  status: {
    dataImportCronTemplates: [
      {
        metadata: { name: 'rhel9-image-cron' },
        spec: {
          importsToKeep: 1,
          managedDataSource: 'rhel9',
          retentionPolicy: 'None',
          schedule: '17 3/12 * * *',
          template: {
            spec: {
              source: { registry: { url: 'docker://registry.redhat.io/rhel9/rhel-guest-image:latest' } },
              storage: { resources: { requests: { storage: '10Gi' } } },
            },
          },
        },
        status: { commonTemplate: true },
      },
    ],
  },
});

const classes: StorageClass[] = [
  {
    metadata: { name: 'ceph-rbd', annotations: { 'storageclass.kubevirt.io/is-default-virt-class': 'true' } },
    provisioner: 'rbd',
    volumeBindingMode: 'Immediate',
  },
  { metadata: { name: 'lvms' }, provisioner: 'topolvm.io', volumeBindingMode: 'WaitForFirstConsumer' },
];

const open = (props: Partial<CustomSourceWizardProps> = {}) => {
  const hco = props.hco ?? hcoWith();
  apiserver.reset([hco]);
  const onClose = vi.fn();
  const onSaved = vi.fn();
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <CustomSourceWizard
        hco={hco}
        mode={{ kind: 'add' }}
        storageClasses={classes}
        onClose={onClose}
        onSaved={onSaved}
        now={new Date('2026-01-01T00:00:00Z')}
        {...props}
      />
    </QueryClientProvider>,
  );
  return { onClose, onSaved };
};

const field = (label: RegExp | string) => screen.getByLabelText(label) as HTMLInputElement;
const typeInto = async (label: RegExp | string, value: string) => {
  await userEvent.clear(field(label));
  // Pasted rather than typed key by key: one change per value keeps the test fast.
  if (value) await userEvent.paste(value);
};
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: {}, showSupportNotice: false } as never);
});
afterEach(cleanup);

describe('CustomSourceWizard', () => {
  it('shows errors at the fields and keeps Next (and so Save) unavailable with a bad URL', async () => {
    open();
    expect(button('Next').disabled).toBe(true); // nothing entered yet
    await typeInto(/^Name\s*\*?$/, 'My_Image');
    expect(screen.getByText(/Use lower-case letters, digits, "-" and "."/)).toBeTruthy();
    expect(field(/^Name\s*\*?$/).getAttribute('aria-invalid')).toBe('true');
    await typeInto(/^Name\s*\*?$/, 'rhel9-image-cron');
    expect(screen.getByText(/This is the name of a system boot source/)).toBeTruthy();
    await typeInto(/^Name\s*\*?$/, 'debian-image-cron');
    await typeInto(/^Registry URL/, 'https://quay.io/containerdisks/debian:12');
    expect(screen.getByText(/The URL must start with docker:\/\//)).toBeTruthy();
    expect(field(/^Registry URL/).getAttribute('aria-invalid')).toBe('true');
    expect(button('Next').disabled).toBe(true);
    await typeInto(/^Registry URL/, 'docker://quay.io/ContainerDisks/debian');
    expect(screen.getByText('Repository paths must be lower case.')).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(apiserver.sent).toEqual([]);
  });

  it('adds a source: previews the exact patch and sends it on Save', async () => {
    const { onSaved, onClose } = open();
    await typeInto(/^Name\s*\*?$/, 'debian-image-cron');
    await typeInto(/^Registry URL/, 'docker://quay.io/containerdisks/debian:12');
    await userEvent.click(button('Next'));
    // Schedule: a preset by default, with words and next runs
    expect(screen.getByText('Next checks')).toBeTruthy();
    await userEvent.click(screen.getByLabelText('Custom cron schedule'));
    await typeInto(/^Cron schedule/, '0 0 * * * *');
    expect(screen.getByText(/no seconds field/)).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
    await typeInto(/^Cron schedule/, '30 2 * * 6');
    expect(screen.getByText('At 02:30, only on Saturday')).toBeTruthy();
    await userEvent.click(button('Next'));
    // Storage: WFFC class explained
    await typeInto(/^Disk size/, '0');
    expect(screen.getByText('The size must be greater than zero.')).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
    await typeInto(/^Disk size/, '12Gi');
    await userEvent.selectOptions(screen.getByLabelText('StorageClass'), 'lvms');
    expect(screen.getByText(/cdi.kubevirt.io\/storage.bind.immediate.requested/)).toBeTruthy();
    await userEvent.click(button('Next'));
    // DataSource suggested from the name
    expect(field(/^DataSource name/).value).toBe('debian');
    await userEvent.click(button('Next'));
    const item = {
      metadata: {
        name: 'debian-image-cron',
        annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
      },
      spec: {
        schedule: '30 2 * * 6',
        managedDataSource: 'debian',
        retentionPolicy: 'None',
        importsToKeep: 1,
        template: {
          spec: {
            source: { registry: { url: 'docker://quay.io/containerdisks/debian:12' } },
            storage: { resources: { requests: { storage: '12Gi' } }, storageClassName: 'lvms' },
          },
        },
      },
    };
    const before = specTemplates(hcoWith());
    const expected = [
      { op: 'test', path: '/spec/dataImportCronTemplates', value: before },
      { op: 'replace', path: '/spec/dataImportCronTemplates', value: [...before, item] },
    ];
    expect(
      JSON.parse(screen.getByRole('region', { name: 'JSON patch that will be sent' }).textContent!),
    ).toEqual(expected);
    await userEvent.click(button('Save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('debian-image-cron'));
    expect(onClose).toHaveBeenCalled();
    expect(apiserver.sent).toEqual([{ name: HCO, patch: expected }]);
  });

  it('shows a rejected write verbatim and keeps the wizard open', async () => {
    const { onSaved } = open({ mode: { kind: 'edit', name: 'tools-image-cron' } });
    for (let i = 0; i < 4; i++) await userEvent.click(button('Next'));
    apiserver.fail.set(
      HCO,
      statusError(
        400,
        'BadRequest',
        'admission webhook "validate-hco.kubevirt.io" denied the request: tools-image-cron DataImportCronTable is already defined',
      ),
    );
    await userEvent.click(button('Save'));
    expect(await screen.findByText(/DataImportCronTable is already defined/)).toBeTruthy();
    expect(screen.getByText('Could not save the boot source')).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('edit: an entry with a bad URL shows the error at once and cannot be saved', async () => {
    open({ hco: hcoWith('http://example.com/disk.img'), mode: { kind: 'edit', name: 'tools-image-cron' } });
    expect(field(/^Name\s*\*?$/).value).toBe('tools-image-cron');
    expect(screen.getByText(/The URL must start with docker:\/\//)).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('customise: only storage, with the whole-spec warning, and the size checked', async () => {
    open({ mode: { kind: 'customise', name: 'rhel9-image-cron' } });
    expect(screen.getByText('HCO replaces the whole spec of this system source with yours')).toBeTruthy();
    expect(screen.queryByLabelText(/^Registry URL/)).toBeNull();
    await typeInto(/^Disk size/, '-1Gi');
    expect(screen.getByText('The size cannot be negative.')).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
    await typeInto(/^Disk size/, '5Gi');
    expect(screen.getByText(/Smaller than the built-in 10Gi/)).toBeTruthy();
    await typeInto(/^Disk size/, '20Gi');
    await userEvent.click(button('Next'));
    await userEvent.click(button('Save'));
    await waitFor(() => expect(apiserver.sent).toHaveLength(1));
    const list = specTemplates(apiserver.objects.get(HCO) as HyperConverged);
    expect(list.map((i) => i.metadata.name)).toEqual(['tools-image-cron', 'rhel9-image-cron']);
    expect(list[1]).toEqual({
      metadata: { name: 'rhel9-image-cron' },
      spec: {
        ...hcoWith().status!.dataImportCronTemplates![0].spec,
        template: {
          spec: {
            source: { registry: { url: 'docker://registry.redhat.io/rhel9/rhel-guest-image:latest' } },
            storage: { resources: { requests: { storage: '20Gi' } } },
          },
        },
      },
    });
  });

  it('v1: previews and sends the list at spec.workloadSources to the v1 resource', async () => {
    const v1 = asV1(hcoWith());
    open({ hco: v1, mode: { kind: 'customise', name: 'rhel9-image-cron' } });
    await typeInto(/^Disk size/, '20Gi');
    await userEvent.click(button('Next'));
    expect(
      screen.getByText(/The list spec\.workloadSources\.dataImportCronTemplates is sent whole/),
    ).toBeTruthy();
    const preview = JSON.parse(
      screen.getByRole('region', { name: 'JSON patch that will be sent' }).textContent!,
    ) as { op: string; path: string }[];
    expect(preview.map((op) => [op.op, op.path])).toEqual([
      ['test', '/spec/workloadSources/dataImportCronTemplates'],
      ['replace', '/spec/workloadSources/dataImportCronTemplates'],
    ]);
    await userEvent.click(button('Save'));
    await waitFor(() => expect(apiserver.sent).toHaveLength(1));
    expect(fakeSdk.k8sPatch.mock.lastCall?.[0]).toMatchObject({ model: { apiVersion: 'v1' } });
    const saved = apiserver.objects.get(HCO) as HyperConverged;
    expect(specTemplates(saved).map((i) => i.metadata.name)).toEqual([
      'tools-image-cron',
      'rhel9-image-cron',
    ]);
    expect(saved.spec.dataImportCronTemplates).toBeUndefined();
  });
});
