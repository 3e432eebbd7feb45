import type { Locator, Page } from '@playwright/test';
import { load } from 'js-yaml';
import { expect, saveModalScreenshots, switchUser, test, type K8sClient, type SimControls } from './fixtures';
import { control, dataVolumes, LIST, next, openWizard, set } from './data-volume-wizard';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';

interface Dv {
  metadata: { name: string; namespace: string };
  spec: Record<string, unknown>;
  status?: { phase?: string; progress?: string };
}

const createButton = (dialog: Locator) => dialog.getByRole('button', { name: 'Create', exact: true });
/** The help text that a control's aria-describedby points at. */
const helpOf = async (page: Page, input: Locator) => {
  const id = await input.getAttribute('aria-describedby');
  return id ? ((await page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
};

/** Scrolls the wizard's body back to its top (filling a field scrolled it), for screenshots. */
const scrollToTop = (dialog: Locator) =>
  dialog.locator('.pf-v6-c-wizard__main').evaluate((e) => e.scrollTo(0, 0));

/** POSTs of DataVolumes the page sends (bad input must send none). */
const recordDvPosts = (page: Page) => {
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/datavolumes(\?|$)/.test(r.url())) posts.push(r.url());
  });
  return posts;
};

type Source =
  | { kind: 'HTTP / HTTPS'; url: string }
  | { kind: 'Container registry'; url: string; pull?: 'node' }
  | { kind: 'Upload' | 'Blank' }
  | { kind: 'Clone a PVC' | 'Clone a VolumeSnapshot' | 'DataSource'; namespace?: string; name: string };

const fillSource = async (dialog: Locator, name: string, source: Source) => {
  await set(dialog, 'Name', name);
  await dialog.getByRole('radio', { name: new RegExp(`^${source.kind.replace(/[/]/g, '\\/')}`) }).check();
  if ('url' in source) await set(dialog, source.kind === 'HTTP / HTTPS' ? 'URL' : 'Image URL', source.url);
  if (source.kind === 'Container registry' && source.pull === 'node')
    await dialog.getByRole('radio', { name: /^Node \(the container runtime pulls\)/ }).check();
  if ('name' in source) {
    if (source.namespace) await set(dialog, 'Source namespace', source.namespace);
    const what = {
      'Clone a PVC': 'PVC',
      'Clone a VolumeSnapshot': 'VolumeSnapshot',
      DataSource: 'DataSource',
    }[source.kind];
    await set(dialog, `${what} name`, source.name);
  }
};

/** Source → Storage (size) → Options → Review. */
const toReview = async (dialog: Locator, size: string) => {
  await next(dialog).click();
  await expect(control(dialog, 'Size')).toBeVisible();
  if (size) await set(dialog, 'Size', size);
  await next(dialog).click();
  await expect(dialog.getByRole('heading', { name: 'Annotations' })).toBeVisible();
  await next(dialog).click();
  await expect(dialog.getByRole('region', { name: 'DataVolume YAML' })).toBeVisible();
};

const createAndFollow = async (page: Page, dialog: Locator, name: string) => {
  await createButton(dialog).click();
  const progress = page.getByRole('dialog', { name: `DataVolume ${name}` });
  await expect(progress.getByTestId('vsp-dv-progress')).toBeVisible();
  return progress;
};

/** Moves simulated time until the DataVolume reaches `phase` (and the progress dialog shows it). */
const untilPhase = async (sim: SimControls, k8s: K8sClient, ns: string, name: string, phase: string) =>
  expect
    .poll(
      async () => {
        await sim.advance(30);
        return (await k8s.get<Dv>(`${dataVolumes(ns)}/${name}`)).status?.phase;
      },
      { timeout: 60_000 },
    )
    .toBe(phase);

test.describe('Data volumes: create wizard', () => {
  // Several wizards, axe and the simulator's phases take longer than the default minute on 2 cores.
  test.slow();

  test('HTTP import: each step checked with axe, the YAML previewed, created and followed to Succeeded', async ({
    page,
    k8s,
    sim,
    consoleUI,
  }) => {
    const dialog = await openWizard(page);
    await fillSource(dialog, 'fedora-http', {
      kind: 'HTTP / HTTPS',
      url: 'https://mirror.example.com/fedora/Fedora-Cloud-41.qcow2',
    });
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await scrollToTop(dialog);
    await saveModalScreenshots(page, 'data-volume-create-source');
    await next(dialog).click();
    await set(dialog, 'Size', '30Gi');
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await next(dialog).click();
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await next(dialog).click();

    const yaml = load((await dialog.getByRole('region', { name: 'DataVolume YAML' }).textContent()) ?? '');
    expect(yaml).toEqual({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'fedora-http', namespace: 'team-a' },
      spec: {
        source: { http: { url: 'https://mirror.example.com/fedora/Fedora-Cloud-41.qcow2' } },
        storage: { resources: { requests: { storage: '30Gi' } } },
      },
    });
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await expect(dialog.getByTestId('vsp-dv-dry-run')).toContainText(
      'The server would accept this DataVolume',
    );
    expect(await k8s.request('GET', `${dataVolumes('team-a')}/fedora-http`)).toMatchObject({ status: 404 });
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await scrollToTop(dialog);
    await saveModalScreenshots(page, 'data-volume-create-review', { height: 1200 });

    const progress = await createAndFollow(page, dialog, 'fedora-http');
    await expect(progress.getByTestId('vsp-dv-phase')).toContainText(
      /Pending|ImportScheduled|ImportInProgress/,
    );
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'data-volume-create-progress');
    await untilPhase(sim, k8s, 'team-a', 'fedora-http', 'Succeeded');
    await expect(progress.getByTestId('vsp-dv-phase')).toContainText('Succeeded');
    await expect(progress.getByText('The DataVolume is ready')).toBeVisible();
    await expect(progress.getByRole('link', { name: 'View details' }).first()).toHaveAttribute(
      'href',
      /\/virtualization-storage\/data-volumes\/team-a\/fedora-http$/,
    );
  });

  test('registry, blank and upload: the right objects; the upload waits, shows virtctl, then succeeds', async ({
    page,
    k8s,
    sim,
  }) => {
    await page.goto(LIST);
    let dialog = await openWizard(page, { goto: false });
    await fillSource(dialog, 'fedora-registry', {
      kind: 'Container registry',
      url: 'docker://quay.io/containerdisks/fedora:41',
      pull: 'node',
    });
    await toReview(dialog, '10Gi');
    let progress = await createAndFollow(page, dialog, 'fedora-registry');
    await progress.getByRole('button', { name: 'Close' }).last().click();
    expect((await k8s.get<Dv>(`${dataVolumes('team-a')}/fedora-registry`)).spec).toMatchObject({
      source: { registry: { url: 'docker://quay.io/containerdisks/fedora:41', pullMethod: 'node' } },
    });

    dialog = await openWizard(page, { goto: false });
    await fillSource(dialog, 'scratch-disk', { kind: 'Blank' });
    await toReview(dialog, '5Gi');
    progress = await createAndFollow(page, dialog, 'scratch-disk');
    await progress.getByRole('button', { name: 'Close' }).last().click();
    expect((await k8s.get<Dv>(`${dataVolumes('team-a')}/scratch-disk`)).spec).toMatchObject({
      source: { blank: {} },
    });
    await untilPhase(sim, k8s, 'team-a', 'fedora-registry', 'Succeeded');
    await untilPhase(sim, k8s, 'team-a', 'scratch-disk', 'Succeeded');

    dialog = await openWizard(page, { goto: false });
    await fillSource(dialog, 'win-iso', { kind: 'Upload' });
    await toReview(dialog, '8Gi');
    progress = await createAndFollow(page, dialog, 'win-iso');
    await untilPhase(sim, k8s, 'team-a', 'win-iso', 'UploadReady');
    await expect(progress.getByText('Ready for the upload')).toBeVisible();
    await expect(progress.getByRole('textbox', { name: 'Upload command' })).toHaveValue(
      'virtctl image-upload dv win-iso -n team-a --image-path=<path to the image> --no-create',
    );
    await sim.completeUpload('team-a', 'win-iso');
    await expect(progress.getByTestId('vsp-dv-phase')).toContainText('Succeeded');
  });

  test('clones: a PVC and a VolumeSnapshot of this namespace, and the DataSource golden-images/rhel9-base', async ({
    page,
    k8s,
    sim,
  }) => {
    // The demo has no VolumeSnapshot in team-a: one of web-root-disk, ready.
    const snapshots = '/apis/snapshot.storage.k8s.io/v1/namespaces/team-a/volumesnapshots';
    const snap = await k8s.create<Record<string, unknown>>(snapshots, {
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshot',
      metadata: { name: 'web-root-snap', namespace: 'team-a' },
      spec: { source: { persistentVolumeClaimName: 'web-root-disk' } },
    });
    await k8s.request('PUT', `${snapshots}/web-root-snap/status`, {
      ...snap,
      status: { readyToUse: true, restoreSize: '30Gi' },
    });

    await page.goto(LIST);
    let dialog = await openWizard(page, { goto: false });
    await fillSource(dialog, 'web-copy', { kind: 'Clone a PVC', name: 'web-root-disk' });
    expect(await helpOf(page, control(dialog, 'PVC name'))).toContain('Source size: 30 GiB.');
    await toReview(dialog, '');
    let progress = await createAndFollow(page, dialog, 'web-copy');
    await progress.getByRole('button', { name: 'Close' }).last().click();

    dialog = await openWizard(page, { goto: false });
    await fillSource(dialog, 'web-restore', { kind: 'Clone a VolumeSnapshot', name: 'web-root-snap' });
    expect(await helpOf(page, control(dialog, 'VolumeSnapshot name'))).toContain('Source size: 30 GiB.');
    await toReview(dialog, '');
    progress = await createAndFollow(page, dialog, 'web-restore');
    await progress.getByRole('button', { name: 'Close' }).last().click();

    dialog = await openWizard(page, { goto: false });
    await fillSource(dialog, 'rhel9', { kind: 'DataSource', namespace: 'golden-images', name: 'rhel9-base' });
    await expect(dialog.getByText('You may clone from golden-images')).toBeVisible();
    expect(await helpOf(page, control(dialog, 'DataSource name'))).toContain(
      'Points at PVC golden-images/rhel9-base.',
    );
    await toReview(dialog, '');
    progress = await createAndFollow(page, dialog, 'rhel9');

    const spec = async (name: string) => (await k8s.get<Dv>(`${dataVolumes('team-a')}/${name}`)).spec;
    expect(await spec('web-copy')).toMatchObject({
      source: { pvc: { namespace: 'team-a', name: 'web-root-disk' } },
    });
    expect(await spec('web-restore')).toMatchObject({
      source: { snapshot: { namespace: 'team-a', name: 'web-root-snap' } },
    });
    expect(await spec('rhel9')).toMatchObject({
      sourceRef: { kind: 'DataSource', namespace: 'golden-images', name: 'rhel9-base' },
    });
    for (const name of ['web-copy', 'web-restore', 'rhel9'])
      await untilPhase(sim, k8s, 'team-a', name, 'Succeeded');
    await expect(progress.getByTestId('vsp-dv-phase')).toContainText('Succeeded');
  });

  test('bad input is caught at the field and nothing is sent', async ({ page }) => {
    const posts = recordDvPosts(page);
    const dialog = await openWizard(page);

    await set(dialog, 'Name', 'Fedora Disk');
    await set(dialog, 'URL', 'ftp://mirror.example.com/fedora.qcow2');
    await next(dialog).click();
    const name = control(dialog, 'Name');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toBeFocused();
    expect(await helpOf(page, name)).toContain('Lowercase letters, digits');
    const url = control(dialog, 'URL');
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(await helpOf(page, url)).toContain('CDI imports only http://, https:// and gs:// URLs.');

    // A clone source that does not exist.
    await set(dialog, 'Name', 'fedora');
    await dialog.getByRole('radio', { name: /^Clone a PVC/ }).check();
    await set(dialog, 'Source namespace', 'golden-images');
    await expect(control(dialog, 'PVC name')).toHaveJSProperty('tagName', 'SELECT');
    await next(dialog).click();
    expect(await helpOf(page, control(dialog, 'PVC name'))).toContain('Choose the PVC to clone.');
    await dialog.getByRole('radio', { name: /^Clone a VolumeSnapshot/ }).check();
    await set(dialog, 'Source namespace', 'team-a');
    await next(dialog).click();
    await expect(control(dialog, 'VolumeSnapshot name')).toHaveAttribute('aria-invalid', 'true');

    // Back to HTTP: a size Kubernetes does not understand.
    await dialog.getByRole('radio', { name: /^HTTP \/ HTTPS/ }).check();
    await set(dialog, 'URL', 'https://mirror.example.com/fedora.qcow2');
    await next(dialog).click();
    await set(dialog, 'Size', '10 GB');
    const size = control(dialog, 'Size');
    await expect(size).toHaveAttribute('aria-invalid', 'true');
    expect(await helpOf(page, size)).toContain('Not a size Kubernetes understands');
    await expect(next(dialog)).toBeDisabled();
    await set(dialog, 'Size', '10Gi');
    await next(dialog).click();

    // An annotation key that is not a qualified name.
    await dialog.getByRole('button', { name: 'Add annotation' }).click();
    await set(dialog, 'Key', 'not a key!');
    await next(dialog).click();
    const key = control(dialog, 'Key');
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('region', { name: 'DataVolume YAML' })).toBeHidden();

    expect(posts).toEqual([]);
  });

  test('a cross-namespace clone: CDI would refuse, the wizard links to Clone permissions; granted, it is created', async ({
    page,
    k8s,
    sim,
    consoleUI,
  }) => {
    await page.goto(LIST);
    await switchUser(page, 'project-user');
    await page.goto(LIST);
    const posts = recordDvPosts(page);
    const dialog = await openWizard(page, { goto: false });
    await fillSource(dialog, 'rhel9-copy', {
      kind: 'Clone a PVC',
      namespace: 'golden-images',
      name: 'rhel9-base',
    });
    const check = dialog.getByTestId('vsp-dv-clone-check');
    await expect(check).toContainText(
      'CDI will refuse this clone: you may not create datavolumes/source (or pods) in golden-images',
    );
    await expect(check.getByRole('link', { name: 'Grant clone permission' })).toHaveAttribute(
      'href',
      '/virtualization-storage/clone-permissions?namespace=golden-images',
    );
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await check.evaluate((e) => e.scrollIntoView({ block: 'end' }));
    await saveModalScreenshots(page, 'data-volume-create-clone-refused');
    await next(dialog).click();
    await expect(control(dialog, 'Size')).toBeHidden();

    // An administrator grants it (as the clone-permissions page would).
    await k8s.create(`${RBAC}/namespaces/golden-images/rolebindings`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'project-user-cloner', namespace: 'golden-images' },
      subjects: [{ kind: 'User', name: 'project-user', apiGroup: 'rbac.authorization.k8s.io' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'datavolume-cloner' },
    });
    await check.getByRole('button', { name: 'Check again' }).click();
    await expect(check).toContainText('You may clone from golden-images');
    await toReview(dialog, '');
    expect(posts).toEqual([]);
    const progress = await createAndFollow(page, dialog, 'rhel9-copy');
    await untilPhase(sim, k8s, 'team-a', 'rhel9-copy', 'Succeeded');
    await expect(progress.getByTestId('vsp-dv-phase')).toContainText('Succeeded');
  });

  test("CDI's webhook refusal is shown verbatim and the wizard stays on Review", async ({ page, sim }) => {
    const refusal =
      'admission webhook "datavolume-validate.cdi.kubevirt.io" denied the request:  Destination PVC team-a/fedora already exists';
    await sim.fault({
      method: 'POST',
      pathRegex: '/namespaces/team-a/datavolumes$',
      status: 403,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: refusal,
        reason: 'Forbidden',
        code: 403,
      },
      times: 1,
    });
    const dialog = await openWizard(page);
    await fillSource(dialog, 'fedora', {
      kind: 'HTTP / HTTPS',
      url: 'https://mirror.example.com/fedora.qcow2',
    });
    await toReview(dialog, '30Gi');
    await createButton(dialog).click();
    const error = dialog.getByTestId('vsp-dv-create-error');
    await expect(error.getByTestId('api-error-message')).toHaveText(refusal);
    await expect(dialog.getByRole('region', { name: 'DataVolume YAML' })).toContainText('fedora');
    await expect(createButton(dialog)).toBeEnabled();
  });
});
