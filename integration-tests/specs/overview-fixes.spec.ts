import type { Page } from '@playwright/test';
import { expect, PATHS, test } from './fixtures';
import { finding, openOverview } from './overview-page';

/**
 * Each finding of the overview, tested the way a cluster breaks: break the demo world through the API, see
 * the finding appear live (no reload), follow its fix link, fix it on the linked page, and see the finding
 * disappear from the overview.
 */
const VIRT = 'storageclass.kubevirt.io/is-default-virt-class';
const K8S_DEFAULT = 'storageclass.kubernetes.io/is-default-class';
const VIRT_DEFAULT_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';
const CLUSTER_DEFAULT_CLASS = 'ocs-storagecluster-ceph-rbd';
const DATA_VOLUMES = (ns: string) => `/apis/cdi.kubevirt.io/v1beta1/namespaces/${ns}/datavolumes`;

/** Back to the overview through the nav, as a user would after fixing. */
const backToOverview = async (page: Page) => {
  await page.getByRole('navigation', { name: 'Global' }).getByRole('link', { name: 'Overview' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Virtualization storage overview' }),
  ).toBeVisible();
};

test.describe('Overview: break, see the finding, fix through its link', () => {
  test('an incomplete storage profile: fixed in the profile edit form', async ({ page, k8s }) => {
    await openOverview(page);
    const profiles = finding(page, 'Storage profiles are incomplete');
    await expect(profiles.getByText('acme-fast', { exact: true })).toBeVisible();

    // A new class of a provisioner CDI does not know: CDI creates its profile without access modes.
    await k8s.create(PATHS.storageClasses, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'vendor-x' },
      provisioner: 'csi.vendor-x.example.com',
    });
    await expect(profiles.getByText('vendor-x', { exact: true })).toBeVisible();

    await profiles.getByRole('link', { name: 'Edit storage profile: vendor-x' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Edit storage profile vendor-x' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Add claim property set' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Storage profile vendor-x saved.')).toBeVisible();

    await backToOverview(page);
    await expect(profiles.getByText('acme-fast', { exact: true })).toBeVisible();
    await expect(profiles.getByText('vendor-x', { exact: true })).toHaveCount(0);
  });

  test('two virt default classes: fixed with the default-class switch', async ({ page, k8s }) => {
    await openOverview(page);
    const title = 'More than one default storage class for virtualization';
    await expect(finding(page, title)).toHaveCount(0);

    await k8s.mergePatch(`${PATHS.storageClasses}/nfs-csi`, {
      metadata: { annotations: { [VIRT]: 'true' } },
    });
    const several = finding(page, title);
    await expect(several).toBeVisible();
    await expect(several.getByText('nfs-csi', { exact: true })).toBeVisible();
    await expect(several.getByText(VIRT_DEFAULT_CLASS, { exact: true })).toBeVisible();

    await several.getByRole('link', { name: 'Change the default storage class' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Storage settings' })).toBeVisible();
    const panel = page.getByTestId('vsp-default-virt-panel');
    const warning = panel.getByTestId('vsp-default-virt-several');
    await warning.scrollIntoViewIfNeeded();
    await warning.getByRole('button', { name: `Keep only ${VIRT_DEFAULT_CLASS}` }).click();
    await expect(
      panel.getByText(`${VIRT_DEFAULT_CLASS} is now the default for virtualization`),
    ).toBeVisible();

    await backToOverview(page);
    await expect(page.getByTestId('vsp-health-summary')).toBeVisible();
    await expect(finding(page, title)).toHaveCount(0);
  });

  test('no default class while a DataVolume waits: fixed by choosing a default', async ({ page, k8s }) => {
    await openOverview(page);
    const title = 'No default storage class, and DataVolumes are waiting for one';
    // Remove both default annotations (an admin "cleaning up"), then a DataVolume without a class waits.
    await k8s.mergePatch(`${PATHS.storageClasses}/${CLUSTER_DEFAULT_CLASS}`, {
      metadata: { annotations: { [K8S_DEFAULT]: null } },
    });
    await k8s.mergePatch(`${PATHS.storageClasses}/${VIRT_DEFAULT_CLASS}`, {
      metadata: { annotations: { [VIRT]: null } },
    });
    await expect(finding(page, title)).toHaveCount(0); // nothing waits yet: CDI's alert needs a pending DV
    await k8s.create(DATA_VOLUMES('team-a'), {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'no-class-disk', namespace: 'team-a' },
      spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '1Gi' } } } },
    });
    const noDefault = finding(page, title);
    await expect(noDefault).toBeVisible();
    await expect(noDefault.getByText('no-class-disk', { exact: true })).toBeVisible();

    await noDefault.getByRole('link', { name: 'Change the default storage class' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Storage settings' })).toBeVisible();
    const panel = page.getByTestId('vsp-default-virt-panel');
    await panel.scrollIntoViewIfNeeded();
    await panel.getByLabel('New default for virtualization').selectOption(VIRT_DEFAULT_CLASS);
    await panel.getByRole('button', { name: 'Switch default for virtualization' }).click();
    await expect(
      panel.getByText(`${VIRT_DEFAULT_CLASS} is now the default for virtualization`),
    ).toBeVisible();

    await backToOverview(page);
    await expect(page.getByTestId('vsp-health-summary')).toBeVisible();
    await expect(finding(page, title)).toHaveCount(0);
  });
});

const OS_IMAGES = 'openshift-virtualization-os-images';
const CRON = 'centos-stream9-image-cron';
const CRON_PATH = `/apis/cdi.kubevirt.io/v1beta1/namespaces/${OS_IMAGES}/dataimportcrons/${CRON}`;
interface Cron {
  metadata: { name: string };
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}
const upToDate = (cron: Cron) => cron.status?.conditions?.find((c) => c.type === 'UpToDate');

test.describe('Overview: a boot source falls behind its registry', () => {
  // The simulated clock stands still: the new import waits until the test moves time on.
  test.use({ clusterOptions: { timeScale: 0 } });

  test('a new image digest: outdated after 15 minutes, gone once the import completes', async ({
    page,
    k8s,
    sim,
  }) => {
    // The browser's clock too, so the page can live through CDIDataImportCronOutdated's 15 minutes.
    await page.clock.install();
    await openOverview(page);
    const title = 'Boot sources are outdated';
    const outdated = finding(page, title);
    await expect(outdated.getByText(CRON, { exact: true })).toHaveCount(0);

    await sim.publishDigest('docker://quay.io/containerdisks/centos-stream:9');
    await sim.advance(12 * 3600); // the cron's next scheduled poll sees the new digest and starts the import
    await expect
      .poll(async () => upToDate(await k8s.get<Cron>(CRON_PATH))?.status, { message: 'the cron is outdated' })
      .toBe('False');
    // Importing is normal: no finding until the cron has been outdated for 15 minutes.
    await expect(outdated.getByText(CRON, { exact: true })).toHaveCount(0);
    await page.clock.fastForward('16:00');
    await expect(outdated.getByText(CRON, { exact: true })).toBeVisible();

    await outdated.getByRole('link', { name: 'Open boot sources' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Boot sources' })).toBeVisible();
    // The fix here is time: the import runs to its end and the boot source is up to date again.
    await sim.advance(3600);
    await expect
      .poll(async () => upToDate(await k8s.get<Cron>(CRON_PATH))?.status, { message: 'the import completed' })
      .toBe('True');

    await backToOverview(page);
    await expect(outdated.getByText(CRON, { exact: true })).toHaveCount(0);
  });
});

test.describe('Overview: an out-of-band CDI edit', () => {
  test('HCO reverts it: the finding names the event, and goes after the alert’s 10 minutes', async ({
    page,
    k8s,
  }) => {
    await page.clock.install();
    await openOverview(page);
    const title = 'Changes to the CDI resource were reverted';
    await expect(finding(page, title)).toHaveCount(0);

    // An admin edits CDI directly instead of through the HyperConverged: HCO puts the spec back at once.
    await k8s.mergePatch('/apis/cdi.kubevirt.io/v1beta1/cdis/cdi-kubevirt-hyperconverged', {
      spec: { imagePullPolicy: 'Always' },
    });
    const reverted = finding(page, title);
    await expect(reverted).toBeVisible();
    await expect(reverted.getByText('cdi-kubevirt-hyperconverged', { exact: true })).toBeVisible();

    // The fix: make the change where HCO reads it.
    await reverted.getByRole('link', { name: 'Open storage settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Storage settings' })).toBeVisible();
    await backToOverview(page);
    await expect(finding(page, title)).toBeVisible();

    // KubeVirtCRModified counts modifications in the last 10 minutes.
    await page.clock.fastForward('11:00');
    await expect(finding(page, title)).toHaveCount(0);
  });
});

test.describe('Overview: an import that keeps failing', () => {
  test('its DataVolume restarts: the finding links to it, deleting it clears the finding', async ({
    page,
    k8s,
  }) => {
    await openOverview(page);
    const restarting = finding(page, 'DataVolumes restarting');
    await expect(restarting.getByText('broken-import', { exact: true })).toBeVisible();

    // A disk imported from a mirror that does not resolve: the importer pod restarts again and again.
    await k8s.create(DATA_VOLUMES('team-a'), {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'app-disk', namespace: 'team-a' },
      spec: {
        source: { http: { url: 'https://images.mirror.invalid/app-server.qcow2' } },
        storage: { resources: { requests: { storage: '10Gi' } } },
      },
    });
    await expect(restarting.getByText('app-disk', { exact: true })).toBeVisible();

    await restarting.getByRole('link', { name: 'View DataVolume: app-disk' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /app-disk/ })).toBeVisible();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete DataVolume?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/virtualization-storage\/data-volumes\?namespace=team-a$/);

    await backToOverview(page);
    await expect(restarting.getByText('broken-import', { exact: true })).toBeVisible();
    await expect(restarting.getByText('app-disk', { exact: true })).toHaveCount(0);
  });
});
