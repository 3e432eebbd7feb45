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
