import { expect, PATHS, test, type K8sObject } from './fixtures';

const detailsPath = (name: string) => `/virtualization-storage/storage-profiles/${name}`;

interface StorageClass extends K8sObject {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
}
interface StorageProfile extends K8sObject {
  spec: Record<string, unknown>;
  status?: {
    claimPropertySets?: unknown[];
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

test.describe('Storage profile details', () => {
  test('explains an incomplete profile of an unknown provisioner with its consequence', async ({
    page,
    k8s,
  }) => {
    const sc = await k8s.get<StorageClass>(`${PATHS.storageClasses}/acme-fast`);
    await page.goto(detailsPath('acme-fast'));
    await expect(page.getByRole('heading', { level: 1, name: 'Storage profile acme-fast' })).toBeVisible();
    await expect(page.getByText('Incomplete profile: no access and volume modes')).toBeVisible();
    await expect(
      page.getByText(/DataVolumes and PVCs that omit accessModes will not be provisioned/),
    ).toBeVisible();
    await expect(page.getByText('Degraded for virtualization')).toBeVisible();
    await expect(page.getByText('Has no entry for this provisioner')).toBeVisible();
    await expect(page.getByText('UnrecognizedProvisioner')).toBeVisible();
    await expect(page.getByText(sc.provisioner, { exact: true })).toBeVisible();
    for (const [key, value] of Object.entries(sc.parameters ?? {})) {
      await expect(page.getByText(key, { exact: true })).toBeVisible();
      await expect(page.getByText(value, { exact: true })).toBeVisible();
    }
  });

  test('shows a recognized profile with CDI values, its StorageClass and its VolumeSnapshotClasses', async ({
    page,
    k8s,
  }) => {
    const classes = await k8s.list<StorageClass>(PATHS.storageClasses);
    const snapshotClasses = await k8s.list<K8sObject & { driver: string }>(PATHS.volumeSnapshotClasses);
    const profiles = await k8s.list<StorageProfile>(PATHS.storageProfiles);
    // A class CDI recognizes and that has a VolumeSnapshotClass (ODF RBD in the demo cluster).
    const sc = classes.find(
      (c) =>
        snapshotClasses.some((v) => v.driver === c.provisioner) &&
        profiles
          .find((p) => p.metadata.name === c.metadata.name)
          ?.status?.conditions?.some((cond) => cond.type === 'Recognized' && cond.status === 'True'),
    );
    expect(sc, 'the demo cluster has a recognized class with snapshot support').toBeDefined();
    const name = sc!.metadata.name;

    await page.goto(detailsPath(name));
    await expect(page.getByRole('heading', { level: 1, name: `Storage profile ${name}` })).toBeVisible();
    await expect(page.getByText('Incomplete profile: no access and volume modes')).toHaveCount(0);
    await expect(page.getByText('Knows this provisioner (entry')).toBeVisible();
    await expect(page.getByText('RecognizedProvisioner')).toBeVisible();

    const values = page.getByRole('table', { name: 'Values set by an administrator and values CDI applies' });
    await expect(values.getByRole('columnheader', { name: 'Set by an administrator (spec)' })).toBeVisible();
    await expect(values.getByRole('columnheader', { name: 'Applied by CDI (status)' })).toBeVisible();
    await expect(values.getByRole('row', { name: /Access and volume modes/ })).toContainText('CDI');

    const related = page.getByRole('table', { name: 'VolumeSnapshotClasses for this provisioner' });
    const matching = snapshotClasses.filter((v) => v.driver === sc!.provisioner);
    await expect(related.locator('tbody > tr')).toHaveCount(matching.length);
    for (const v of matching) {
      await expect(related).toContainText(v.metadata.name);
    }
    const others = snapshotClasses.filter((v) => v.driver !== sc!.provisioner);
    for (const v of others) {
      await expect(related).not.toContainText(v.metadata.name);
    }
  });

  test('treats a StorageClass it may not read as unknown, not missing, and gives no snapshot advice', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    const name = 'ocs-storagecluster-ceph-rbd';
    const asUser = k8s.as('project-user');
    const denied = await asUser.request<{ message: string }>('GET', `${PATHS.storageClasses}/${name}`);
    expect(denied.status, 'project-user may not read StorageClasses').toBe(403);

    await page.goto(detailsPath(name));
    await consoleUI.switchUser('project-user');
    await expect(page.getByRole('heading', { level: 1, name: `Storage profile ${name}` })).toBeVisible();
    await expect(
      page.getByText('Could not read the StorageClass: its settings and default status are unknown'),
    ).toBeVisible();
    await expect(page.getByText(denied.body.message, { exact: true })).toBeVisible();
    await expect(page.getByText(`StorageClass ${name} does not exist`)).toHaveCount(0);
    await expect(page.getByText('The StorageClass of this profile was not found.')).toHaveCount(0);
    await expect(page.getByText('Nothing was saved')).toHaveCount(0);
    // VolumeSnapshotClasses and CSIDrivers are unreadable too: no claim that snapshots do not work.
    await expect(page.getByText(/No VolumeSnapshotClass has driver/)).toHaveCount(0);
    await expect(page.getByText(/cannot be determined/).first()).toBeVisible();
  });

  test('explains local volumes without calling them unusable', async ({ page, k8s }) => {
    const profile = await k8s.get<StorageProfile>(`${PATHS.storageProfiles}/local-block`);
    expect(profile.status?.claimPropertySets?.length, 'CDI derived sets from the local PVs').toBeGreaterThan(
      0,
    );
    await page.goto(detailsPath('local-block'));
    await expect(
      page.getByText('Local volumes: only pre-created PersistentVolumes can be bound'),
    ).toBeVisible();
    await expect(
      page.getByText(/CDI takes the access and volume modes of this profile from the PersistentVolumes/),
    ).toBeVisible();
    await expect(page.getByText('This provisioner does not work with CDI')).toHaveCount(0);
    await expect(page.getByText(/Use another storage class/)).toHaveCount(0);
  });

  test('marks an invalid spec value and shows empty values as not set', async ({ page, k8s }) => {
    const name = 'nfs-csi';
    await k8s.mergePatch(`${PATHS.storageProfiles}/${name}`, {
      spec: { cloneStrategy: 'Snapshot', snapshotClass: '' },
    });
    await page.goto(detailsPath(name));
    await expect(
      page.getByText('spec.cloneStrategy has a value CDI does not know: "Snapshot"'),
    ).toBeVisible();
    const values = page.getByRole('table', { name: 'Values set by an administrator and values CDI applies' });
    const snapshotRow = values
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'VolumeSnapshotClass', exact: true }) });
    await expect(snapshotRow.getByRole('cell').first()).toHaveText('Not set');
  });

  test('shows the annotations CDI manages, with what they do', async ({ page, k8s }) => {
    const profile = await k8s.get<StorageProfile>(`${PATHS.storageProfiles}/gp3-csi`);
    const size = (profile.metadata.annotations as Record<string, string>)[
      'cdi.kubevirt.io/minimumSupportedPvcSize'
    ];
    expect(size, 'the demo gp3 profile has a minimum size').toBeTruthy();
    await page.goto(detailsPath('gp3-csi'));
    await expect(page.getByRole('heading', { name: 'Annotations CDI manages' })).toBeVisible();
    await expect(page.getByText('cdi.kubevirt.io/minimumSupportedPvcSize')).toBeVisible();
    await expect(page.getByText(size, { exact: true })).toBeVisible();
    await expect(page.getByText(/enlarged to at least this size/)).toBeVisible();
  });

  test('says when a profile is not found', async ({ page }) => {
    await page.goto(detailsPath('no-such-class'));
    await expect(page.getByText('Storage profile no-such-class not found')).toBeVisible();
  });
});

// The console host scrolls inside its page area, so a tall window shows the whole page in one screenshot.
test.describe('Storage profile details page: accessibility and screenshots', () => {
  test.use({ viewport: { width: 1280, height: 1400 } });

  test('has no serious accessibility violations and looks right in light and dark', async ({
    page,
    consoleUI,
  }) => {
    await page.goto(detailsPath('acme-fast'));
    await expect(page.getByText('Incomplete profile: no access and volume modes')).toBeVisible();
    await consoleUI.expectNoA11yViolations();
    await consoleUI.saveScreenshots('storage-profile-details');
  });
});
