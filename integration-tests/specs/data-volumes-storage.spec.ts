import type { Locator, Page } from '@playwright/test';
import { load } from 'js-yaml';
import { expect, saveModalScreenshots, test, type K8sClient, type SimControls } from './fixtures';
import { CDI_API, control, dataVolumes, next, openWizard, set } from './data-volume-wizard';

/**
 * The Create DataVolume wizard's Storage and Options steps and its scratch-space advice, end to end against
 * the simulator: what the steps say is what CDI (as simulated) then does.
 */

const pvcs = (ns: string) => `/api/v1/namespaces/${ns}/persistentvolumeclaims`;
const pods = (ns: string) => `/api/v1/namespaces/${ns}/pods`;
const HCO = '/apis/hco.kubevirt.io/v1beta1/namespaces/openshift-cnv/hyperconvergeds/kubevirt-hyperconverged';
const CDI_CONFIG = `${CDI_API}/cdiconfigs/config`;

const FEDORA = 'docker://quay.io/containerdisks/fedora:latest';
const VIRT_DEFAULT = 'ocs-storagecluster-ceph-rbd-virtualization';
/** The demo's HyperConverged sets this scratch space class (30-hyperconverged.yaml). */
const DEMO_SCRATCH = 'ocs-storagecluster-ceph-rbd';

interface Obj {
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown> & { storageClassName?: string };
  status?: {
    phase?: string;
    scratchSpaceStorageClass?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

const registrySource = async (dialog: Locator, name: string, url = FEDORA) => {
  await set(dialog, 'Name', name);
  await dialog.getByRole('radio', { name: /^Container registry/ }).check();
  await set(dialog, 'Image URL', url);
  await next(dialog).click();
  await expect(control(dialog, 'Size')).toBeVisible();
};
const blankSource = async (dialog: Locator, name: string) => {
  await set(dialog, 'Name', name);
  await dialog.getByRole('radio', { name: /^Blank/ }).check();
  await next(dialog).click();
  await expect(control(dialog, 'Size')).toBeVisible();
};
const toOptions = async (dialog: Locator) => {
  await next(dialog).click();
  await expect(dialog.getByRole('heading', { name: 'Annotations' })).toBeVisible();
};
const toReview = async (dialog: Locator) => {
  await next(dialog).click();
  await expect(dialog.getByRole('region', { name: 'DataVolume YAML' })).toBeVisible();
};
const reviewYaml = async (dialog: Locator) =>
  load((await dialog.getByRole('region', { name: 'DataVolume YAML' }).textContent()) ?? '') as Obj;
const create = async (page: Page, dialog: Locator, name: string) => {
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  const progress = page.getByRole('dialog', { name: `DataVolume ${name}` });
  await expect(progress.getByTestId('vsp-dv-progress')).toBeVisible();
  return progress;
};

/** Moves simulated time in small steps until `probe` answers something (then returns it). */
const advanceUntil = async <T>(
  sim: SimControls,
  probe: () => Promise<T | undefined>,
  step = 5,
): Promise<T> => {
  let found: T | undefined;
  await expect
    .poll(
      async () => {
        found = await probe();
        if (found === undefined) await sim.advance(step);
        return found !== undefined;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return found as T;
};
const getOrUndefined = async (k8s: K8sClient, path: string): Promise<Obj | undefined> => {
  const res = await k8s.request<Obj>('GET', path);
  return res.status === 200 ? res.body : undefined;
};
const untilPhase = (sim: SimControls, k8s: K8sClient, ns: string, name: string, phase: string) =>
  advanceUntil(
    sim,
    async () => {
      const dv = await getOrUndefined(k8s, `${dataVolumes(ns)}/${name}`);
      return dv?.status?.phase === phase ? dv : undefined;
    },
    30,
  );

test.describe('Data volumes: storage, options and scratch space', () => {
  // Wizards, axe and simulated imports take longer than the default minute on 2 cores.
  test.slow();
  // Simulated time moves only when a test advances it, so a short import cannot finish (and take its scratch
  // PVC away) between two looks.
  test.use({ clusterOptions: { timeScale: 0 } });

  test('demo journey: a preallocated registry import with the storage network, scratch space as advised', async ({
    page,
    k8s,
    sim,
    consoleUI,
  }) => {
    const dialog = await openWizard(page);
    await registrySource(dialog, 'fedora-prealloc');

    // Storage: the default class and what CDI takes from its profile.
    await set(dialog, 'Size', '10Gi');
    await expect(control(dialog, 'StorageClass')).toHaveValue('');
    await expect(control(dialog, 'StorageClass').locator('option:checked')).toHaveText(
      `Default: ${VIRT_DEFAULT} (virtualization default)`,
    );
    await expect(dialog.getByTestId('vsp-dv-profile-pick')).toContainText(
      `CDI picks access and volume mode from the profile ${VIRT_DEFAULT}: RWX Block`,
    );
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'data-volume-create-storage');

    // Options: preallocation (the global setting is named), the storage network offered and added.
    await toOptions(dialog);
    await expect(dialog.getByLabel("CDI's global setting (now: do not preallocate)")).toBeChecked();
    await dialog.getByLabel('Preallocate', { exact: true }).check();
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'data-volume-create-options');
    await dialog.getByRole('button', { name: 'Add k8s.v1.cni.cncf.io/networks' }).click();
    const value = control(dialog, 'Value');
    await expect(value).toBeFocused();
    await value.fill('team-a/storage-net');
    await expect(control(dialog, 'Key')).toHaveValue('k8s.v1.cni.cncf.io/networks');
    const keyHelp = await control(dialog, 'Key').getAttribute('aria-describedby');
    await expect(dialog.locator(`[id="${keyHelp}"]`)).toContainText(
      'CDI copies it to its importer, uploader and cloner pods',
    );
    await expect(dialog.getByLabel('Bind immediately')).toBeDisabled();
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'data-volume-create-options-annotations', { height: 1300 });

    // Review: scratch space on the class the setting names.
    await toReview(dialog);
    const advice = dialog.getByTestId('vsp-dv-scratch-advice');
    await expect(advice).toContainText(`Needs scratch space on ${DEMO_SCRATCH}`);
    await expect(advice).toContainText('the scratch space class CDI applies');
    await expect(advice.getByRole('link', { name: /Change the scratch space class/ })).toHaveAttribute(
      'href',
      /\/virtualization-storage\/settings$/,
    );
    expect(await reviewYaml(dialog)).toMatchObject({
      metadata: { annotations: { 'k8s.v1.cni.cncf.io/networks': 'team-a/storage-net' } },
      spec: {
        source: { registry: { url: FEDORA, pullMethod: 'pod' } },
        storage: { resources: { requests: { storage: '10Gi' } } },
        preallocation: true,
      },
    });

    await create(page, dialog, 'fedora-prealloc');
    // While the import runs: the scratch PVC on the advised class, the importer pod on the storage network.
    const scratch = await advanceUntil(sim, () =>
      getOrUndefined(k8s, `${pvcs('team-a')}/fedora-prealloc-scratch`),
    );
    expect(scratch.spec?.storageClassName).toBe(DEMO_SCRATCH);
    const importer = await advanceUntil(sim, () =>
      getOrUndefined(k8s, `${pods('team-a')}/importer-fedora-prealloc`),
    );
    expect(importer.metadata.annotations?.['k8s.v1.cni.cncf.io/networks']).toBe('team-a/storage-net');

    const dv = await untilPhase(sim, k8s, 'team-a', 'fedora-prealloc', 'Succeeded');
    const pvc = await k8s.get<Obj>(`${pvcs('team-a')}/fedora-prealloc`);
    expect(pvc.metadata.annotations).toMatchObject({
      'k8s.v1.cni.cncf.io/networks': 'team-a/storage-net',
      'cdi.kubevirt.io/storage.preallocation.requested': 'true',
      'cdi.kubevirt.io/storage.preallocation': 'true',
    });
    expect(pvc.spec?.storageClassName).toBe(VIRT_DEFAULT);
    // CDI v1.65.0's importer writes a JSON termination message: the Running condition says "Import Complete"
    // and preallocation shows only in the PVC annotation (pkg/controller/util.go:352-374).
    expect(dv.status?.conditions?.find((c) => c.type === 'Running')?.message).toBe('Import Complete');
    expect(await getOrUndefined(k8s, `${pvcs('team-a')}/fedora-prealloc-scratch`)).toBeUndefined();
  });

  test('an incomplete profile blocks Next with a link to it; explicit mode writes spec.pvc with the chosen modes', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    const dialog = await openWizard(page);
    await blankSource(dialog, 'acme-disk');
    await set(dialog, 'Size', '5Gi');
    await set(dialog, 'StorageClass', 'acme-fast');
    const blocker = dialog.getByTestId('vsp-dv-storage-blocker');
    await expect(blocker).toContainText('StorageProfile acme-fast is incomplete');
    await expect(blocker.getByRole('link', { name: 'Complete the profile' })).toHaveAttribute(
      'href',
      /\/virtualization-storage\/storage-profiles\/acme-fast$/,
    );
    await expect(next(dialog)).toBeDisabled();
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'data-volume-create-storage-incomplete-profile');

    await blocker.getByRole('button', { name: 'Set access and volume mode explicitly' }).click();
    await expect(blocker).toBeHidden();
    await expect(dialog.getByRole('radio', { name: 'Explicit (spec.pvc)' })).toBeChecked();
    await expect(next(dialog)).toBeDisabled(); // no access or volume mode yet
    await dialog.getByRole('radio', { name: 'ReadWriteOnce', exact: true }).check();
    await dialog.getByRole('radio', { name: 'Block', exact: true }).check();
    await expect(next(dialog)).toBeEnabled();
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await toOptions(dialog);
    await toReview(dialog);
    await create(page, dialog, 'acme-disk');
    const dv = await k8s.get<Obj>(`${dataVolumes('team-a')}/acme-disk`);
    expect(dv.spec?.pvc).toEqual({
      storageClassName: 'acme-fast',
      accessModes: ['ReadWriteOnce'],
      volumeMode: 'Block',
      resources: { requests: { storage: '5Gi' } },
    });
    expect(dv.spec?.storage).toBeUndefined();
  });

  test('the scratch advice follows the scratch space setting, and so does the scratch PVC', async ({
    page,
    k8s,
    sim,
  }) => {
    const dialog = await openWizard(page);
    await registrySource(dialog, 'fedora-scratch');
    await set(dialog, 'Size', '2Gi');
    await toOptions(dialog);
    await toReview(dialog);
    const advice = dialog.getByTestId('vsp-dv-scratch-advice');
    await expect(advice).toContainText(`Needs scratch space on ${DEMO_SCRATCH}`);

    // As the storage settings page does: the HyperConverged's spec.scratchSpaceStorageClass, which HCO
    // passes to CDI; the open wizard follows CDIConfig's status live.
    await k8s.mergePatch(HCO, { spec: { scratchSpaceStorageClass: 'ocs-storagecluster-cephfs' } });
    await advanceUntil(sim, async () => {
      const c = await k8s.get<Obj>(CDI_CONFIG);
      return c.status?.scratchSpaceStorageClass === 'ocs-storagecluster-cephfs' ? c : undefined;
    });
    await expect(advice).toContainText('Needs scratch space on ocs-storagecluster-cephfs');

    // Without a setting, the scratch PVC takes the DataVolume's own class.
    await k8s.mergePatch(HCO, { spec: { scratchSpaceStorageClass: null } });
    await advanceUntil(sim, async () => {
      const c = await k8s.get<Obj>(CDI_CONFIG);
      return (c.status?.scratchSpaceStorageClass ?? '') === '' ? c : undefined;
    });
    await expect(advice).toContainText(`Needs scratch space on ${VIRT_DEFAULT}`);
    await expect(advice).toContainText(
      'no scratch space class is set, so CDI takes the class of the PVC it fills',
    );

    // And back to cephfs: the import's scratch PVC uses what the advice says.
    await k8s.mergePatch(HCO, { spec: { scratchSpaceStorageClass: 'ocs-storagecluster-cephfs' } });
    await advanceUntil(sim, async () => {
      const c = await k8s.get<Obj>(CDI_CONFIG);
      return c.status?.scratchSpaceStorageClass === 'ocs-storagecluster-cephfs' ? c : undefined;
    });
    await expect(advice).toContainText('Needs scratch space on ocs-storagecluster-cephfs');
    await create(page, dialog, 'fedora-scratch');
    const scratch = await advanceUntil(sim, () =>
      getOrUndefined(k8s, `${pvcs('team-a')}/fedora-scratch-scratch`),
    );
    expect(scratch.spec?.storageClassName).toBe('ocs-storagecluster-cephfs');
  });

  test('immediate bind on a WaitForFirstConsumer class writes the annotation and the PVC binds', async ({
    page,
    k8s,
    sim,
  }) => {
    const dialog = await openWizard(page);
    await blankSource(dialog, 'lvms-disk');
    await set(dialog, 'Size', '1Gi');
    await set(dialog, 'StorageClass', 'lvms-vg1');
    await toOptions(dialog);
    const bind = dialog.getByLabel('Bind immediately');
    await expect(bind).toBeEnabled();
    await expect(dialog.getByText(/lvms-vg1 binds volumes only when a pod uses them/)).toBeVisible();
    await bind.check();
    await toReview(dialog);
    expect((await reviewYaml(dialog)).metadata.annotations).toEqual({
      'cdi.kubevirt.io/storage.bind.immediate.requested': 'true',
    });
    await create(page, dialog, 'lvms-disk');
    const pvc = await advanceUntil(sim, async () => {
      const p = await getOrUndefined(k8s, `${pvcs('team-a')}/lvms-disk`);
      return p?.status?.phase === 'Bound' ? p : undefined;
    });
    expect(pvc.spec?.storageClassName).toBe('lvms-vg1');
    await untilPhase(sim, k8s, 'team-a', 'lvms-disk', 'Succeeded');
  });

  test('unreadable StorageProfiles and CDIConfig are said so, with the API message, and do not block', async ({
    page,
    sim,
  }) => {
    const forbidden = (what: string) => ({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: `${what} is forbidden: User "cluster-admin" cannot list resource "${what}" in API group "cdi.kubevirt.io" at the cluster scope`,
      reason: 'Forbidden',
      code: 403,
    });
    await sim.fault({
      method: 'GET',
      pathRegex: '/storageprofiles',
      status: 403,
      body: forbidden('storageprofiles'),
    });
    await sim.fault({ method: 'GET', pathRegex: '/cdiconfigs', status: 403, body: forbidden('cdiconfigs') });
    const dialog = await openWizard(page);
    await registrySource(dialog, 'fedora-unknown');
    await set(dialog, 'Size', '10Gi');
    await set(dialog, 'StorageClass', 'acme-fast');
    await expect(
      dialog.getByText('Could not read StorageProfiles: what CDI picks from a profile is unknown'),
    ).toBeVisible();
    await expect(dialog.getByText(/storageprofiles is forbidden/)).toBeVisible();
    await expect(dialog.getByTestId('vsp-dv-profile-pick')).toContainText(
      'What CDI picks from the profile of acme-fast is unknown',
    );
    await expect(dialog.getByTestId('vsp-dv-storage-blocker')).toHaveCount(0);
    await expect(next(dialog)).toBeEnabled();
    await toOptions(dialog);
    await expect(
      dialog.getByLabel("CDI's global setting (unknown: CDIConfig could not be read)"),
    ).toBeChecked();
    await toReview(dialog);
    const advice = dialog.getByTestId('vsp-dv-scratch-advice');
    await expect(advice).toContainText('Needs scratch space');
    await expect(advice).not.toContainText('Needs scratch space on');
    await expect(advice).toContainText('Which class the scratch PVC uses is unknown');
  });
});
