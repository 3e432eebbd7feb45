import type { Page } from '@playwright/test';
import { expect, PATHS, test, type K8sClient, type K8sObject } from './fixtures';

const UNKNOWN = 'acme-fast';
const UNKNOWN_PROVISIONER = 'csi.acme.example.com';
const detailsPath = (name: string) => `/virtualization-storage/storage-profiles/${name}`;
const profilePath = (name: string) => `${PATHS.storageProfiles}/${name}`;

interface Condition {
  type: string;
  status: string;
  reason?: string;
}
interface StorageProfile extends K8sObject {
  spec: Record<string, unknown>;
  status?: { claimPropertySets?: unknown[]; cloneStrategy?: string; conditions?: Condition[] };
}

const getProfile = (k8s: K8sClient, name: string) => k8s.get<StorageProfile>(profilePath(name));
const recognized = (p: StorageProfile) => p.status?.conditions?.find((c) => c.type === 'Recognized');

/** Metadata without the fields the apiserver itself bumps on every write. */
const stableMetadata = (p: StorageProfile) => {
  const { resourceVersion, generation, managedFields, ...rest } = p.metadata as Record<string, unknown>;
  void resourceVersion;
  void generation;
  void managedFields;
  return rest;
};

const setGroup = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Set ${n}\\b`) });
const hasSnapshotClassFor = async (k8s: K8sClient, driver: string) =>
  (await k8s.list<K8sObject & { driver?: string }>(PATHS.volumeSnapshotClasses)).some(
    (v) => v.driver === driver,
  );

const openEditForm = async (page: Page, name: string) => {
  await page.goto(detailsPath(name));
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit storage profile ${name}` })).toBeVisible();
};

test.describe('Storage profile editing', () => {
  test('configures the unknown provisioner end to end; CDI then uses the admin values', async ({
    page,
    k8s,
  }) => {
    const before = await getProfile(k8s, UNKNOWN);
    expect(before.spec, 'the demo profile has an empty spec object').toEqual({});
    expect(before.status?.claimPropertySets ?? [], 'the demo profile starts incomplete').toEqual([]);
    expect(recognized(before)?.status).toBe('False');

    await page.goto(detailsPath(UNKNOWN));
    await expect(page.getByText('Incomplete profile: no access and volume modes')).toBeVisible();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();

    // CDI has no table entry for this provisioner: nothing to recommend.
    await expect(page.getByRole('button', { name: 'Use recommended values' })).toBeDisabled();

    await page.getByRole('button', { name: 'Add claim property set' }).click();
    const first = setGroup(page, 1);
    await first.getByRole('checkbox', { name: /^ReadWriteMany/ }).check();
    await first.getByRole('checkbox', { name: /^ReadWriteOnce \(RWO\)/ }).uncheck();
    await first.getByRole('radio', { name: /^Block/ }).check();
    await page.getByRole('button', { name: 'Add claim property set' }).click();
    const second = setGroup(page, 2);
    await expect(second.getByRole('checkbox', { name: /^ReadWriteOnce \(RWO\)/ })).toBeChecked();
    await expect(second.getByRole('radio', { name: /^Filesystem/ })).toBeChecked();

    // Snapshot without a VolumeSnapshotClass for the driver is explained before anything is saved.
    await page.getByRole('radio', { name: /^Snapshot \(snapshot\)/ }).check();
    if (!(await hasSnapshotClassFor(k8s, UNKNOWN_PROVISIONER))) {
      await expect(page.getByText(/so snapshot clones cannot work/)).toBeVisible();
    }
    await page.getByRole('radio', { name: /^CSI clone/ }).check();

    const preview = page.getByRole('region', { name: 'JSON patch that will be sent' });
    const patch = JSON.parse((await preview.textContent()) ?? '[]');
    // Each added field is guarded by a null test: it fails if someone else set that field meanwhile.
    expect(patch).toEqual([
      { op: 'test', path: '/spec/claimPropertySets', value: null },
      { op: 'test', path: '/spec/cloneStrategy', value: null },
      {
        op: 'add',
        path: '/spec/claimPropertySets',
        value: [
          { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
          { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
        ],
      },
      { op: 'add', path: '/spec/cloneStrategy', value: 'csi-clone' },
    ]);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Storage profile ${UNKNOWN}` })).toBeVisible();
    await expect(page.getByText(`Storage profile ${UNKNOWN} saved.`)).toBeVisible();

    const expectedSets = [
      { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
      { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
    ];
    await expect
      .poll(async () => (await getProfile(k8s, UNKNOWN)).status?.claimPropertySets, {
        message: 'CDI applies the admin sets',
      })
      .toEqual(expectedSets);
    const after = await getProfile(k8s, UNKNOWN);
    expect(after.spec).toEqual({ claimPropertySets: expectedSets, cloneStrategy: 'csi-clone' });
    expect(after.status?.cloneStrategy).toBe('csi-clone');
    expect(recognized(after)?.status, 'CDI still does not know the provisioner').toBe('False');
    expect(stableMetadata(after), 'nothing else in the object changed').toEqual(stableMetadata(before));

    // The page reads the new state: no longer incomplete, and it says whose values are used.
    await expect(page.getByText('Incomplete profile: no access and volume modes')).toHaveCount(0);
    await expect(page.getByText(/CDI uses the values an administrator set on this profile/)).toBeVisible();
    const values = page.getByRole('table', { name: 'Values set by an administrator and values CDI applies' });
    await expect(values.getByRole('row', { name: /Access and volume modes/ })).toContainText('1. RWX Block');
    await expect(values.getByRole('row', { name: /Access and volume modes/ })).toContainText('Administrator');
  });

  test('leaves stored empty values alone when the user changes only the clone strategy', async ({
    page,
    k8s,
  }) => {
    await k8s.mergePatch(profilePath(UNKNOWN), {
      spec: { snapshotClass: '', claimPropertySets: [], cloneStrategy: 'copy' },
    });
    await openEditForm(page, UNKNOWN);
    await page.getByRole('radio', { name: /^CSI clone/ }).check();

    const preview = page.getByRole('region', { name: 'JSON patch that will be sent' });
    await expect(preview).toContainText('"op": "replace"');
    const patch = JSON.parse((await preview.textContent()) ?? '[]') as { op: string; path: string }[];
    expect(patch.filter((op) => op.op !== 'test')).toEqual([
      { op: 'replace', path: '/spec/cloneStrategy', value: 'csi-clone' },
    ]);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText(`Storage profile ${UNKNOWN} saved.`)).toBeVisible();
    expect((await getProfile(k8s, UNKNOWN)).spec).toEqual({
      snapshotClass: '',
      claimPropertySets: [],
      cloneStrategy: 'csi-clone',
    });
  });

  test('refuses a set without an access mode and sends nothing', async ({ page, k8s }) => {
    const before = await getProfile(k8s, UNKNOWN);
    await openEditForm(page, UNKNOWN);
    await page.getByRole('button', { name: 'Add claim property set' }).click();
    await setGroup(page, 1)
      .getByRole('checkbox', { name: /^ReadWriteOnce \(RWO\)/ })
      .uncheck();

    await expect(
      page.getByText('Set 1 has no access mode. Pick at least one, or remove the set.').first(),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    expect((await getProfile(k8s, UNKNOWN)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  test('moves sets with keyboard-operable buttons', async ({ page }) => {
    await openEditForm(page, UNKNOWN);
    await page.getByRole('button', { name: 'Add claim property set' }).click();
    await page.getByRole('button', { name: 'Add claim property set' }).click();
    await setGroup(page, 2)
      .getByRole('radio', { name: /^Block/ })
      .check();

    await page.getByRole('button', { name: 'Move set 2 up' }).focus();
    await page.keyboard.press('Enter');
    await expect(setGroup(page, 1).getByRole('radio', { name: /^Block/ })).toBeChecked();
    await expect(page.getByRole('button', { name: 'Move set 1 up' })).toBeDisabled();
    await page.getByRole('button', { name: 'Remove set 1' }).click();
    await expect(setGroup(page, 1).getByRole('radio', { name: /^Filesystem/ })).toBeChecked();
    await expect(setGroup(page, 2)).toHaveCount(0);
  });

  test('"Use recommended values" never pins snapshot when no VolumeSnapshotClass serves the driver', async ({
    page,
    k8s,
  }) => {
    const rbd = 'openshift-storage.rbd.csi.ceph.com';
    const classes = await k8s.list<K8sObject & { driver?: string }>(PATHS.volumeSnapshotClasses);
    for (const vsc of classes.filter((v) => v.driver === rbd)) {
      await k8s.delete(`${PATHS.volumeSnapshotClasses}/${vsc.metadata.name}`);
    }
    const name = 'ocs-storagecluster-ceph-rbd';
    await openEditForm(page, name);
    await expect(
      page.getByText(/says snapshot, but no VolumeSnapshotClass has driver/).first(),
    ).toBeVisible();
    const recommend = page.getByRole('button', { name: 'Use recommended values' });
    if (await recommend.isEnabled()) await recommend.click();
    const preview = page.getByRole('region', { name: 'JSON patch that will be sent' });
    await expect(page.getByText(/No changes yet|JSON patch/).first()).toBeVisible();
    if (await preview.count()) await expect(preview).not.toContainText('"snapshot"');
  });

  test('two administrators edit different fields at the same time: both changes survive', async ({
    page,
    context,
    k8s,
  }) => {
    test.slow(); // two console windows load the plugin
    const other = await context.newPage();
    await openEditForm(page, UNKNOWN);
    await openEditForm(other, UNKNOWN);
    // A changes only the clone strategy and saves. (A background tab gets no animation frames: bring each
    // window to the front before using it, as a person switching windows would.)
    await other.bringToFront();
    await other.getByRole('radio', { name: /^CSI clone/ }).check();
    await other.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(other.getByText(`Storage profile ${UNKNOWN} saved.`)).toBeVisible();
    // B, whose form opened before A saved, changes only the boot-source format and saves.
    await page.bringToFront();
    await page.getByRole('radio', { name: /^PersistentVolumeClaim \(pvc\)/ }).check();
    const preview = page.getByRole('region', { name: 'JSON patch that will be sent' });
    await expect(preview).not.toContainText('cloneStrategy');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText(`Storage profile ${UNKNOWN} saved.`)).toBeVisible();
    await expect
      .poll(async () => (await getProfile(k8s, UNKNOWN)).spec)
      .toEqual({ cloneStrategy: 'csi-clone', dataImportCronSourceFormat: 'pvc' });
  });

  test('a field both changed: nothing is saved, both values are shown, the user picks', async ({
    page,
    k8s,
  }) => {
    await openEditForm(page, UNKNOWN);
    await page.getByRole('button', { name: 'Add claim property set' }).click();
    await page.getByRole('radio', { name: /^CSI clone/ }).check();

    // Another admin changes the clone strategy between opening the form and saving.
    await k8s.patch(profilePath(UNKNOWN), [{ op: 'add', path: '/spec/cloneStrategy', value: 'copy' }]);
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await expect(page.getByText('Someone else changed this profile, so nothing was saved')).toBeVisible();
    await expect(page.getByTestId('api-error-message')).not.toBeEmpty();
    const both = page.getByRole('region', { name: 'Clone strategy was changed by you and by someone else' });
    await expect(both).toBeVisible();
    await expect(both).toContainText(/Their value\s*copy/);
    await expect(both).toContainText(/Your value\s*csi-clone/);
    expect((await getProfile(k8s, UNKNOWN)).spec, "the other admin's change survived").toEqual({
      cloneStrategy: 'copy',
    });
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await both.getByRole('button', { name: 'Keep my value' }).click();

    // The preview is now against the new state; saving again applies the user's values deliberately.
    const preview = page.getByRole('region', { name: 'JSON patch that will be sent' });
    await expect(preview).toContainText('"value": "copy"');
    await expect(preview).toContainText('"op": "replace"');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText(`Storage profile ${UNKNOWN} saved.`)).toBeVisible();
    await expect
      .poll(async () => (await getProfile(k8s, UNKNOWN)).spec)
      .toEqual({
        claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
        cloneStrategy: 'csi-clone',
      });
  });

  test('reports a 409 Conflict from the server verbatim and saves nothing', async ({ page, k8s, sim }) => {
    const before = await getProfile(k8s, UNKNOWN);
    await openEditForm(page, UNKNOWN);
    await page.getByRole('button', { name: 'Add claim property set' }).click();
    await sim.fault({ method: 'PATCH', pathRegex: 'storageprofiles/acme-fast', conflict: true, times: 1 });
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    // Nothing the patch tests changed: the form keeps the user's set and can simply be saved again.
    await expect(page.getByText('Could not save the storage profile')).toBeVisible();
    await expect(page.getByTestId('api-error-message')).not.toBeEmpty();
    expect((await getProfile(k8s, UNKNOWN)).spec).toEqual(before.spec);
    await expect(setGroup(page, 1)).toBeVisible();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText(`Storage profile ${UNKNOWN} saved.`)).toBeVisible();
  });

  test('resets a profile to CDI defaults after confirmation', async ({ page, k8s }) => {
    await k8s.patch(profilePath(UNKNOWN), [
      {
        op: 'add',
        path: '/spec/claimPropertySets',
        value: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }],
      },
      { op: 'add', path: '/spec/dataImportCronSourceFormat', value: 'pvc' },
    ]);
    await openEditForm(page, UNKNOWN);
    await page.getByRole('button', { name: 'Reset to CDI defaults' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset to CDI defaults?' });
    await expect(dialog).toContainText('"op": "remove"');
    await dialog.getByRole('button', { name: 'Remove administrator values' }).click();
    await expect(page.getByText(/Administrator values removed from acme-fast/)).toBeVisible();
    await expect.poll(async () => (await getProfile(k8s, UNKNOWN)).spec).toEqual({});
    await expect(page.getByText('Incomplete profile: no access and volume modes')).toBeVisible();
  });

  test('list: "needs attention" filter, "values from" column and the Edit row action', async ({
    page,
    k8s,
  }) => {
    const list = page.getByRole('table', { name: 'Storage profiles' });
    const row = (name: string) =>
      list.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await page.goto('/virtualization-storage/storage-profiles');
    await page.getByRole('checkbox', { name: 'Only profiles that need attention' }).check();
    await expect(row(UNKNOWN)).toBeVisible();
    await expect(row(UNKNOWN)).toContainText('CDI');

    // Once an admin completes the profile it no longer needs attention, though CDI still does not recognize it.
    await k8s.patch(profilePath(UNKNOWN), [
      {
        op: 'add',
        path: '/spec/claimPropertySets',
        value: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }],
      },
    ]);
    await expect(row(UNKNOWN)).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'Only profiles that need attention' }).uncheck();
    await expect(row(UNKNOWN)).toContainText('Administrator');

    await row(UNKNOWN)
      .getByRole('button', { name: `Edit ${UNKNOWN}` })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: `Edit storage profile ${UNKNOWN}` }),
    ).toBeVisible();
    await expect(setGroup(page, 1).getByRole('checkbox', { name: /^ReadWriteMany/ })).toBeChecked();
  });

  test('warns that CDI.spec.cloneStrategyOverride beats the chosen clone strategy', async ({ page, k8s }) => {
    // The CDI CR belongs to HCO, which reverts direct edits: set the override the supported way.
    const [hc] = await k8s.list(PATHS.hyperConvergeds);
    const hcPath = `/apis/hco.kubevirt.io/v1beta1/namespaces/${hc.metadata.namespace}/hyperconvergeds/${hc.metadata.name}`;
    await k8s.mergePatch(hcPath, {
      metadata: {
        annotations: {
          'containerizeddataimporter.kubevirt.io/jsonpatch': JSON.stringify([
            { op: 'add', path: '/spec/cloneStrategyOverride', value: 'copy' },
          ]),
        },
      },
    });
    await expect
      .poll(async () => {
        const [cdi] = await k8s.list<K8sObject & { spec?: { cloneStrategyOverride?: string } }>(
          '/apis/cdi.kubevirt.io/v1beta1/cdis',
        );
        return cdi?.spec?.cloneStrategyOverride;
      })
      .toBe('copy');

    await openEditForm(page, UNKNOWN);
    await page.getByRole('radio', { name: /^CSI clone/ }).check();
    await expect(
      page.getByText(/sets cloneStrategyOverride to copy, which applies to every storage profile/),
    ).toBeVisible();
    await page.getByRole('radio', { name: /^Host-assisted copy/ }).check();
    await expect(page.getByText(/sets cloneStrategyOverride/)).toHaveCount(0);
  });

  test('shows a viewer everything read-only, with the reason', async ({ page, consoleUI, k8s }) => {
    const before = await getProfile(k8s, UNKNOWN);
    await page.goto(detailsPath(UNKNOWN));
    await consoleUI.switchUser('viewer');
    await expect(page.getByText(/You are not allowed to patch storageprofiles/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeDisabled();

    await page.goto(`${detailsPath(UNKNOWN)}/edit`);
    await expect(page.getByText(/You are not allowed to patch storageprofiles/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add claim property set' })).toBeDisabled();
    await expect(page.getByRole('radio', { name: /^CSI clone/ })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Reset to CDI defaults' })).toBeDisabled();
    expect((await getProfile(k8s, UNKNOWN)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });
});

// The console host scrolls inside its page area, so a tall window shows the whole page in one screenshot.
test.describe('Storage profile edit page: accessibility and screenshots', () => {
  test.use({ viewport: { width: 1280, height: 2700 } });

  test('has no serious accessibility violations and looks right in light and dark', async ({
    page,
    consoleUI,
  }) => {
    await openEditForm(page, UNKNOWN);
    await page.getByRole('button', { name: 'Add claim property set' }).click();
    await page.getByRole('button', { name: 'Add claim property set' }).click();
    await setGroup(page, 1)
      .getByRole('checkbox', { name: /^ReadWriteMany/ })
      .check();
    await setGroup(page, 1)
      .getByRole('radio', { name: /^Block/ })
      .check();
    await page.getByRole('radio', { name: /^Snapshot \(snapshot\)/ }).check();
    // The guard of a field the profile does not have yet is a null test of exactly that field.
    const preview = page.getByRole('region', { name: 'JSON patch that will be sent' });
    expect(JSON.parse((await preview.textContent()) ?? '[]')[0]).toEqual({
      op: 'test',
      path: '/spec/claimPropertySets',
      value: null,
    });
    await consoleUI.expectNoA11yViolations();
    await consoleUI.saveScreenshots('storage-profile-edit');
  });
});
