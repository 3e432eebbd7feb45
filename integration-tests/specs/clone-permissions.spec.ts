import type { Locator, Page } from '@playwright/test';
import { expect, saveModalScreenshots, test, type K8sClient } from './fixtures';

const PAGE = '/virtualization-storage/clone-permissions';
const OS_IMAGES = 'openshift-virtualization-os-images';
const SA_USER = 'system:serviceaccount:team-b:default';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const PLUGIN_LABELS = { 'app.kubernetes.io/created-by': 'virt-storage-plugin' };

const table = (page: Page) => page.getByRole('table', { name: 'Who can clone from where' });
/** The table rows whose text has every one of `texts`. */
const rowsWith = (page: Page, ...texts: (string | RegExp)[]): Locator => {
  let rows = table(page).locator('tbody tr');
  for (const text of texts) rows = rows.filter({ hasText: text });
  return rows;
};
const heading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Clone permissions' });
const namespaceFilter = (page: Page) => page.getByLabel('Source namespace', { exact: true });

/** A clone-only ClusterRole and a RoleBinding of it, both labelled as created by the plugin. */
const createPluginGrant = async (
  k8s: K8sClient,
  { role, binding, namespace }: { role: string; binding: string; namespace: string },
) => {
  await k8s.create(`${RBAC}/clusterroles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: role, labels: PLUGIN_LABELS },
    rules: [{ apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] }],
  });
  await k8s.create(`${RBAC}/namespaces/${namespace}/rolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: binding, namespace, labels: PLUGIN_LABELS },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'team-b' }],
  });
};

test.describe('Clone permissions page', () => {
  test('lists who can clone from where, live, with filters kept in the URL', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    test.slow();
    await page.goto(PAGE);
    await expect(heading(page)).toBeVisible();
    await expect(
      page.getByText('On this cluster, viewing a namespace is enough to clone from it'),
    ).toBeVisible();

    // SSP's golden-images binding: every authenticated user (and every service account).
    const ssp = rowsWith(page, OS_IMAGES, 'system:authenticated');
    await expect(ssp).toHaveCount(1);
    await expect(ssp).toContainText('Every authenticated user');
    await expect(ssp).toContainText(
      'RoleBinding openshift-virtualization-os-images/os-images.kubevirt.io:view',
    );
    await expect(ssp).toContainText('Clone source');
    await expect(ssp).toContainText('SSP operator');
    await expect(ssp.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
    await expect(rowsWith(page, OS_IMAGES, 'system:serviceaccounts')).toContainText(
      'Every service account in the cluster',
    );

    // project-user is admin of team-a: admin aggregates CDI's roles.
    const admin = rowsWith(page, 'team-a', 'project-user');
    await expect(admin).toHaveCount(1);
    await expect(admin).toContainText('RoleBinding team-a/project-user-admin');
    await expect(admin).toContainText('ClusterRole admin');
    await expect(admin).toContainText(/Aggregated from .*cdi\.kubevirt\.io:(admin|edit)/);
    await expect(admin).toContainText('The role grants more than cloning');

    // A binding created elsewhere shows up without a reload: the documentation's `*` role.
    await k8s.create(`${RBAC}/namespaces/golden-images/rolebindings`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'team-b-cloner', namespace: 'golden-images' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'datavolume-cloner' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'team-b' }],
    });
    const cloner = rowsWith(page, 'golden-images', 'team-b/default');
    await expect(cloner).toHaveCount(1);
    await expect(cloner).toContainText('ClusterRole datavolume-cloner');
    await expect(cloner).toContainText('Through the wildcard * in verbs');
    await expect(cloner).toContainText('Someone else (by hand or another tool)');

    await consoleUI.expectNoA11yViolations();
    await consoleUI.saveScreenshots('clone-permissions');

    // Subject filter.
    await page.getByLabel('Filter by subject').fill('team-b/default');
    await expect(cloner).toBeVisible();
    await expect(table(page).locator('tbody tr').filter({ hasNotText: 'team-b/default' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Clear the subject filter' }).click();

    // Namespace filter: that namespace's rows (plus cluster-wide ones), kept in the URL and across a reload.
    await namespaceFilter(page).selectOption('golden-images');
    await expect(page).toHaveURL(/\?namespace=golden-images$/);
    await expect(cloner).toBeVisible();
    await expect(rowsWith(page, OS_IMAGES)).toHaveCount(0);
    await expect(rowsWith(page, 'team-a')).toHaveCount(0);
    await page.reload();
    await expect(namespaceFilter(page)).toHaveValue('golden-images');
    await expect(cloner).toBeVisible();
    await expect(rowsWith(page, 'project-user')).toHaveCount(0);

    await namespaceFilter(page).selectOption('openshift-cnv');
    await expect(page).toHaveURL(/\?namespace=openshift-cnv$/);
    await expect(page.getByText('No clone access matches the filters')).toBeVisible();
    await page.getByRole('button', { name: 'Clear all filters' }).click();
    await expect(page).not.toHaveURL(/namespace=/);
    await expect(rowsWith(page, OS_IMAGES, 'system:authenticated')).toHaveCount(1);
  });

  test("checks access as CDI does: team-b's service account is refused golden-images, allowed the OS images", async ({
    page,
    k8s,
  }) => {
    test.slow();
    const reviews: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/subjectaccessreviews$/.test(r.url())) reviews.push(r.url());
    });
    await page.goto(PAGE);
    await expect(table(page)).toBeVisible();
    // The header's button (the rows have their own, named after the subject).
    await page.getByRole('button', { name: 'Check access', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Check clone access' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: 'A service account' })).toBeChecked();

    // Bad input is caught at the field; nothing is sent.
    await dialog.getByLabel('Service account namespace').selectOption('team-b');
    await dialog.getByRole('textbox', { name: 'Service account name' }).fill('Default_SA');
    await dialog.getByLabel('Source PVC name (optional)').fill('Not A Name');
    await dialog.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(dialog.getByText('Choose the namespace the source PVC is in.')).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Service account name' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(dialog.getByLabel('Source PVC name (optional)')).toHaveAttribute('aria-invalid', 'true');
    expect(reviews).toEqual([]);

    await dialog.getByRole('textbox', { name: 'Service account name' }).fill('default');
    await dialog.getByLabel('Source PVC name (optional)').fill('');
    await dialog.getByLabel('Source namespace').selectOption('golden-images');
    await dialog.getByRole('button', { name: 'Check', exact: true }).click();
    const result = dialog.getByTestId('check-access-result');
    await expect(result).toHaveAttribute('aria-live', 'polite');
    await expect(result).toContainText('Service account team-b/default cannot clone from golden-images');
    const refusal = `User ${SA_USER} has insufficient permissions in clone source namespace golden-images`;
    await expect(result).toContainText(refusal);
    await expect(result.getByRole('button', { name: 'Grant clone access' })).toBeVisible();
    // Both of CDI's questions were asked (datavolumes/source, then pods).
    expect(reviews).toHaveLength(2);
    await saveModalScreenshots(page, 'clone-permissions-check-denied', { height: 1100 });

    // The very words a real clone gets from CDI's webhook (the seed lets the account create DataVolumes in
    // team-b).
    const clone = await k8s
      .as(SA_USER)
      .request('POST', '/apis/cdi.kubevirt.io/v1beta1/namespaces/team-b/datavolumes', {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: { name: 'rhel9-copy', namespace: 'team-b' },
        spec: { source: { pvc: { name: 'rhel9-base', namespace: 'golden-images' } }, storage: {} },
      });
    expect(clone.status).toBeGreaterThanOrEqual(400);
    expect((clone.body as { message?: string }).message).toContain(refusal);

    // Allowed where SSP opens the golden images to everyone: the binding is named.
    await dialog.getByLabel('Source namespace').selectOption(OS_IMAGES);
    await expect(result).toBeEmpty();
    await dialog.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(result).toContainText(`Service account team-b/default can clone from ${OS_IMAGES}`);
    await expect(result).toContainText(`RoleBinding os-images.kubevirt.io:view in namespace ${OS_IMAGES}`);
    await expect(result).toContainText('Role os-images.kubevirt.io:view');
    await expect(result).toContainText('create on datavolumes/source (cdi.kubevirt.io)');
    await expect(result).toContainText('RBAC: allowed by RoleBinding');
    await saveModalScreenshots(page, 'clone-permissions-check-allowed', { height: 1100 });
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(dialog).toBeHidden();

    // A row's button opens the dialog for that subject and namespace.
    await page
      .getByRole('button', { name: `Check access of system:serviceaccounts to ${OS_IMAGES}` })
      .click();
    await expect(dialog.getByRole('radio', { name: 'A group' })).toBeChecked();
    await expect(dialog.getByLabel('Group name')).toHaveValue('system:serviceaccounts');
    await expect(dialog.getByLabel('Source namespace')).toHaveValue(OS_IMAGES);

    // A denial offers the grant wizard, for the same subject and namespace.
    await dialog.getByLabel('Source namespace').selectOption('golden-images');
    await dialog.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(result).toContainText('Group system:serviceaccounts cannot clone from golden-images');
    await expect(result).toContainText('CDI checks the user who creates the clone');
    await result.getByRole('button', { name: 'Grant clone access' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('dialog', { name: 'Grant clone access' })).toBeVisible();
  });

  test('revokes a plugin-made grant, the unused ClusterRole with it, and refuses a binding changed meanwhile', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    test.slow();
    await createPluginGrant(k8s, {
      role: 'golden-cloner',
      binding: 'team-b-golden',
      namespace: 'golden-images',
    });
    await page.goto(`${PAGE}?namespace=golden-images`);
    const row = rowsWith(page, 'golden-images', 'team-b/default');
    await expect(row).toContainText('This plugin');
    await row.getByRole('button', { name: /^Revoke RoleBinding golden-images\/team-b-golden/ }).click();

    const dialog = page.getByRole('dialog', { name: 'Revoke clone access through team-b-golden?' });
    await expect(dialog).toContainText('Deletes RoleBinding team-b-golden in namespace golden-images');
    await expect(dialog.getByRole('list', { name: 'Subjects of RoleBinding team-b-golden' })).toContainText(
      'Service account team-b/default loses access',
    );
    const alsoRole = dialog.getByRole('checkbox', {
      name: 'Also delete ClusterRole golden-cloner, which no other binding uses',
    });
    await expect(alsoRole).not.toBeChecked();
    await alsoRole.check();
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await saveModalScreenshots(page, 'clone-permissions-revoke', { height: 800 });
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveCount(0);
    expect(
      (await k8s.request('GET', `${RBAC}/namespaces/golden-images/rolebindings/team-b-golden`)).status,
    ).toBe(404);
    expect((await k8s.request('GET', `${RBAC}/clusterroles/golden-cloner`)).status).toBe(404);

    // Changed after the dialog opened: the guarded delete is refused and says so; the binding stays.
    await createPluginGrant(k8s, {
      role: 'golden-cloner-2',
      binding: 'team-b-golden-2',
      namespace: 'golden-images',
    });
    const row2 = rowsWith(page, 'team-b-golden-2');
    await row2.getByRole('button', { name: /^Revoke/ }).click();
    const dialog2 = page.getByRole('dialog', { name: 'Revoke clone access through team-b-golden-2?' });
    await expect(dialog2).toBeVisible();
    await k8s.mergePatch(`${RBAC}/namespaces/golden-images/rolebindings/team-b-golden-2`, {
      metadata: { labels: { reviewed: 'yes' } },
    });
    await dialog2.getByRole('button', { name: 'Revoke' }).click();
    await expect(dialog2).toContainText(
      'RoleBinding team-b-golden-2 was changed since this dialog opened: nothing was deleted.',
    );
    await expect(dialog2.getByTestId('api-error-message')).not.toBeEmpty();
    await dialog2.getByRole('button', { name: 'Cancel' }).click();
    expect(
      (await k8s.request('GET', `${RBAC}/namespaces/golden-images/rolebindings/team-b-golden-2`)).status,
    ).toBe(200);
    expect((await k8s.request('GET', `${RBAC}/clusterroles/golden-cloner-2`)).status).toBe(200);
  });

  test('viewer: read-only, no Revoke, Grant disabled, checks only their own access', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    test.slow();
    await createPluginGrant(k8s, {
      role: 'golden-cloner',
      binding: 'team-b-golden',
      namespace: 'golden-images',
    });
    await page.goto(PAGE);
    await consoleUI.switchUser('viewer');
    await expect(heading(page)).toBeVisible();
    await expect(page.getByText('Read-only')).toBeVisible();
    await expect(rowsWith(page, 'team-b-golden')).toHaveCount(1);
    await expect(page.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Grant clone access' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );

    await page.getByRole('button', { name: 'Check access', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Check clone access' });
    await expect(dialog.getByRole('radio')).toHaveCount(1);
    await expect(dialog.getByRole('radio', { name: 'Myself' })).toBeChecked();
    await expect(dialog).toContainText('You can check only your own access');
    await dialog.getByLabel('Source namespace').selectOption(OS_IMAGES);
    await dialog.getByRole('button', { name: 'Check', exact: true }).click();
    const result = dialog.getByTestId('check-access-result');
    await expect(result).toContainText(`You can clone from ${OS_IMAGES}`);
    await expect(result).toContainText('Group system:authenticated');
    await expect(result.getByRole('button', { name: 'Grant clone access' })).toHaveCount(0);
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
  });

  test('project-user: warned what cannot be read, sees team-a through the namespace filter', async ({
    page,
    consoleUI,
  }) => {
    test.slow();
    await page.goto(PAGE);
    await consoleUI.switchUser('project-user');
    await expect(heading(page)).toBeVisible();
    const blindspots = page.getByTestId('clone-blindspots');
    await expect(blindspots).toContainText(
      'You may not read ClusterRoleBindings: subjects allowed to clone in every namespace are not shown.',
    );
    await expect(blindspots).toContainText('You may not read RoleBindings in every namespace');
    await expect(page.getByText('Nobody can clone across namespaces')).toHaveCount(0);

    // Namespaces cannot be listed: the filter is a text field.
    await namespaceFilter(page).fill('Team_A');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByText('A namespace name is lowercase letters')).toBeVisible();
    await expect(page).not.toHaveURL(/namespace=/);
    await namespaceFilter(page).fill('team-a');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/\?namespace=team-a$/);
    await expect(
      page.getByText(
        'You may not list Roles and RoleBindings in every namespace: showing those of namespace team-a.',
      ),
    ).toBeVisible();
    // Its own admin binding is read; admin itself (a ClusterRole) is not, so it is named as unknown, not hidden.
    await expect(page.getByTestId('clone-role-unknown')).toContainText(
      'RoleBinding team-a/project-user-admin refers to ClusterRole admin',
    );
    // May grant in team-a (admin there).
    await expect(page.getByRole('button', { name: 'Grant clone access' })).not.toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await consoleUI.expectNoA11yViolations();
    await consoleUI.saveScreenshots('clone-permissions-project-user');
  });
});
