import type { Locator, Page } from '@playwright/test';
import { load } from 'js-yaml';
import { expect, saveModalScreenshots, test, type K8sClient } from './fixtures';

const PAGE = '/virtualization-storage/clone-permissions';
const SA_USER = 'system:serviceaccount:team-b:default';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const CLUSTER_ROLES = `${RBAC}/clusterroles`;
const roleBindings = (ns: string) => `${RBAC}/namespaces/${ns}/rolebindings`;
const dataVolumes = (ns: string) => `/apis/cdi.kubevirt.io/v1beta1/namespaces/${ns}/datavolumes`;
const OS_IMAGES = 'openshift-virtualization-os-images';
/** The demo has the documentation's `datavolume-cloner` ("*"), so the wizard suggests the next free name. */
const NEW_ROLE = 'datavolume-cloner-2';
const NEW_BINDING = `team-b-default-${NEW_ROLE}`;
const CDI_REFUSAL =
  /^admission webhook "[^"]+" denied the request:\s+User system:serviceaccount:team-b:default has insufficient permissions in clone source namespace golden-images$/;

/** A DataVolume in team-b cloning golden-images/rhel9-base, by PVC or through the DataSource. */
const cloneDv = (name: string, via: 'pvc' | 'dataSource') => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name, namespace: 'team-b' },
  spec: {
    ...(via === 'pvc'
      ? { source: { pvc: { namespace: 'golden-images', name: 'rhel9-base' } } }
      : { sourceRef: { kind: 'DataSource', namespace: 'golden-images', name: 'rhel9-base' } }),
    storage: { resources: { requests: { storage: '30Gi' } } },
  },
});
/** Creates the DataVolume as team-b's default service account; the HTTP status and the Status message. */
const createAsSa = async (k8s: K8sClient, name: string, via: 'pvc' | 'dataSource') => {
  const res = await k8s
    .as(SA_USER)
    .request<{ message?: string }>('POST', dataVolumes('team-b'), cloneDv(name, via));
  return { status: res.status, message: res.body?.message ?? '' };
};

const wizard = (page: Page) => page.getByRole('dialog');
/** A control by its label (PatternFly's required marker " *" is not part of the name). */
const control = (scope: Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?$`));
const fill = async (scope: Locator, label: string, value: string) => {
  const input = control(scope, label);
  await input.fill(value);
  await input.blur();
};
const next = (dialog: Locator) => dialog.getByRole('button', { name: 'Next', exact: true });
const createButton = (dialog: Locator) => dialog.getByRole('button', { name: 'Create', exact: true });
const yamlOf = async (dialog: Locator, label: string) =>
  load((await dialog.getByRole('region', { name: label }).textContent()) ?? '');

/** POSTs of RoleBindings and ClusterRoles the page sends (bad input must send none). */
const recordRbacWrites = (page: Page) => {
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/(rolebindings|clusterroles)(\?|$)/.test(r.url()))
      writes.push(`${r.method()} ${r.url()}`);
  });
  return writes;
};

const openWizard = async (page: Page, query = '') => {
  await page.goto(`${PAGE}${query}`);
  const grant = page.getByRole('button', { name: 'Grant clone access' });
  await expect(grant).toBeEnabled();
  await grant.click();
  const dialog = wizard(page);
  await expect(dialog.getByRole('heading', { name: 'Grant clone access' })).toBeVisible();
  return dialog;
};

/** Source namespace, then a service account (name preselected `default`). */
const toRoleStep = async (dialog: Locator, source: string, saNamespace: string) => {
  await fill(dialog, 'Source namespace', source);
  await next(dialog).click();
  await expect(control(dialog, 'Service account name')).toHaveValue('default');
  await fill(dialog, 'Namespace of the service account', saNamespace);
  await next(dialog).click();
  await expect(dialog.getByRole('radio', { name: /^Create a ClusterRole/ })).toBeVisible();
};

test.describe('Clone permissions: grant wizard', () => {
  // Screenshots, axe and the clone's phases take longer than the default minute on 2 cores.
  test.slow();

  test('the demo: refused clone, grant, check, clone succeeds, revoke, refused again', async ({
    page,
    k8s,
    sim,
    consoleUI,
  }) => {
    // The seed gives team-b/default edit in team-b (default-sa-edit): only CDI's clone check can refuse it.
    for (const via of ['pvc', 'dataSource'] as const) {
      const refused = await createAsSa(k8s, `rhel9-${via.toLowerCase()}-before`, via);
      expect(refused.status, refused.message).toBeGreaterThanOrEqual(400);
      expect(refused.message).toMatch(CDI_REFUSAL);
    }

    const dialog = await openWizard(page);
    await toRoleStep(dialog, 'golden-images', 'team-b');
    await expect(dialog.getByRole('radio', { name: /^Create a ClusterRole/ })).toBeChecked();
    await expect(control(dialog, 'ClusterRole name')).toHaveValue(NEW_ROLE);
    await expect(
      dialog.getByRole('radio', { name: /^create on datavolumes\/source \(least privilege/ }),
    ).toBeChecked();
    await next(dialog).click();

    await expect(control(dialog, 'RoleBinding name')).toHaveValue(NEW_BINDING);
    expect(await yamlOf(dialog, 'ClusterRole YAML')).toMatchObject({
      kind: 'ClusterRole',
      metadata: { name: NEW_ROLE },
      rules: [{ apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] }],
    });
    await createButton(dialog).click();
    const result = page.getByRole('dialog', { name: 'Clone access granted' });
    await expect(result).toContainText(
      'Service account team-b/default may now clone DataVolumes and PVCs from namespace golden-images.',
    );
    await expect(result.getByText(`${NEW_ROLE} (created)`)).toBeVisible();
    await expect(result.getByText(`${NEW_BINDING} in namespace golden-images (created)`)).toBeVisible();
    await consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    const binding = await k8s.get<{ subjects: unknown[]; roleRef: { name: string } }>(
      `${roleBindings('golden-images')}/${NEW_BINDING}`,
    );
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'default', namespace: 'team-b' }]);
    expect(binding.roleRef.name).toBe(NEW_ROLE);

    // Proof: the check dialog, prefilled with the subject and the namespace.
    await result.getByRole('button', { name: 'Check access now' }).click();
    const check = page.getByRole('dialog', { name: 'Check clone access' });
    await check.getByRole('button', { name: 'Check', exact: true }).click();
    const allowed = check.getByText('Service account team-b/default can clone from golden-images');
    await expect(allowed).toBeVisible();
    await expect(check.getByText(`RoleBinding ${NEW_BINDING} in namespace golden-images`)).toBeVisible();
    await check.getByRole('button', { name: 'Close' }).first().click();
    await expect(check).toBeHidden();

    // The same clones now pass CDI's check and complete.
    for (const via of ['pvc', 'dataSource'] as const) {
      const created = await createAsSa(k8s, `rhel9-${via.toLowerCase()}`, via);
      expect(created.status, created.message).toBe(201);
    }
    await expect
      .poll(
        async () => {
          await sim.advance(30);
          const dvs = await k8s.list<{ metadata: { name: string }; status?: { phase?: string } }>(
            dataVolumes('team-b'),
          );
          return dvs.map((d) => `${d.metadata.name}=${d.status?.phase}`).sort();
        },
        { timeout: 60_000 },
      )
      .toEqual(['rhel9-datasource=Succeeded', 'rhel9-pvc=Succeeded']);

    // Revoke from the page; the next clone is refused again.
    await page
      .getByRole('button', {
        name: `Revoke RoleBinding golden-images/${NEW_BINDING} for team-b/default`,
        exact: true,
      })
      .click();
    const revoke = page.getByRole('dialog', { name: /Revoke clone access through/ });
    await revoke.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(revoke).toBeHidden();
    await expect
      .poll(async () => (await k8s.request('GET', `${roleBindings('golden-images')}/${NEW_BINDING}`)).status)
      .toBe(404);
    const again = await createAsSa(k8s, 'rhel9-pvc-after', 'pvc');
    expect(again.message).toMatch(CDI_REFUSAL);
  });

  test('an equivalent binding already exists: said, and nothing written', async ({ page, k8s }) => {
    await k8s.create(CLUSTER_ROLES, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'cdi-cloner' },
      rules: [{ apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] }],
    });
    await k8s.create(roleBindings('golden-images'), {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'team-b-cloner', namespace: 'golden-images' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'team-b' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cdi-cloner' },
    });
    const count = async () =>
      (await k8s.list(`${RBAC}/rolebindings`)).length + (await k8s.list(CLUSTER_ROLES)).length;
    const before = await count();
    const writes = recordRbacWrites(page);

    const dialog = await openWizard(page);
    await toRoleStep(dialog, 'golden-images', 'team-b');
    await next(dialog).click();
    const covered = dialog.getByTestId('vsp-grant-covered');
    await expect(covered).toContainText('An equivalent binding already exists');
    await expect(covered).toContainText(
      'Service account team-b/default may already clone from golden-images: RoleBinding golden-images/team-b-cloner binds ClusterRole cdi-cloner',
    );
    await expect(createButton(dialog)).toBeDisabled();

    // SSP opens the golden-images namespace to every authenticated user.
    await dialog.getByRole('button', { name: 'Source namespace' }).click();
    await fill(dialog, 'Source namespace', OS_IMAGES);
    await dialog.getByRole('button', { name: 'Review' }).click();
    await expect(covered).toContainText(
      `Every authenticated user may already clone from ${OS_IMAGES}: RoleBinding ${OS_IMAGES}/os-images.kubevirt.io:view binds Role os-images.kubevirt.io:view, which grants create on datavolumes/source.`,
    );
    await expect(covered).toContainText('Owner: SSP operator.');
    await expect(createButton(dialog)).toBeDisabled();
    expect(writes).toEqual([]);
    expect(await count()).toBe(before);
  });

  test('a RoleBinding that fails after the ClusterRole was created: the ClusterRole is removed again', async ({
    page,
    k8s,
    sim,
  }) => {
    const dialog = await openWizard(page);
    await toRoleStep(dialog, 'golden-images', 'team-b');
    await next(dialog).click();
    await sim.fault({
      method: 'POST',
      pathRegex: 'rolebindings',
      status: 500,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'etcdserver: request timed out',
        reason: 'InternalError',
        code: 500,
      },
      times: 1,
    });
    await createButton(dialog).click();
    const failure = dialog.getByTestId('vsp-grant-failure');
    await expect(failure).toContainText('The RoleBinding could not be created');
    await expect(failure.getByTestId('api-error-message')).toHaveText('etcdserver: request timed out');
    await expect(failure.getByTestId('vsp-grant-rollback')).toHaveText(
      `The ClusterRole ${NEW_ROLE} created a moment ago was removed again, so nothing was left behind.`,
    );
    expect((await k8s.request('GET', `${CLUSTER_ROLES}/${NEW_ROLE}`)).status).toBe(404);
    expect((await k8s.request('GET', `${roleBindings('golden-images')}/${NEW_BINDING}`)).status).toBe(404);

    // The fault was for once: trying again works.
    await createButton(dialog).click();
    await expect(page.getByRole('dialog', { name: 'Clone access granted' })).toBeVisible();
    expect((await k8s.request('GET', `${CLUSTER_ROLES}/${NEW_ROLE}`)).status).toBe(200);
  });

  test('bad input is caught at the field and nothing is sent', async ({ page }) => {
    const writes = recordRbacWrites(page);
    const dialog = await openWizard(page);
    await fill(dialog, 'Source namespace', 'Golden_Images');
    await expect(dialog.getByText(/^Not a valid namespace name/)).toBeVisible();
    await expect(control(dialog, 'Source namespace')).toHaveAttribute('aria-invalid', 'true');
    await expect(next(dialog)).toBeDisabled();
    await fill(dialog, 'Source namespace', 'nowhere');
    await expect(dialog.getByText('There is no namespace nowhere.')).toBeVisible();
    await expect(next(dialog)).toBeDisabled();
    await fill(dialog, 'Source namespace', 'golden-images');
    await next(dialog).click();

    await fill(dialog, 'Namespace of the service account', 'golden-images');
    await expect(dialog.getByText(/CDI does not check clones within one namespace/)).toBeVisible();
    await fill(dialog, 'Namespace of the service account', 'team-b');
    await fill(dialog, 'Service account name', 'Default');
    await expect(dialog.getByText(/^Not a valid name/)).toBeVisible();
    await expect(control(dialog, 'Service account name')).toHaveAttribute('aria-invalid', 'true');
    await expect(next(dialog)).toBeDisabled();
    await fill(dialog, 'Service account name', 'default');
    await next(dialog).click();

    await fill(dialog, 'ClusterRole name', 'datavolume-cloner');
    await expect(dialog.getByText(/^A ClusterRole datavolume-cloner already exists/)).toBeVisible();
    await expect(next(dialog)).toBeDisabled();
    await fill(dialog, 'ClusterRole name', 'my-cloner');
    await next(dialog).click();

    await fill(dialog, 'RoleBinding name', 'Bad Name');
    await expect(control(dialog, 'RoleBinding name')).toHaveAttribute('aria-invalid', 'true');
    await expect(createButton(dialog)).toBeDisabled();
    await fill(dialog, 'RoleBinding name', '');
    await expect(dialog.getByText('Enter a name for the RoleBinding.')).toBeVisible();
    await expect(createButton(dialog)).toBeDisabled();
    expect(writes).toEqual([]);
  });

  test('a namespace admin: the "*" role is refused as escalation, verbatim; a create-only role works', async ({
    page,
    k8s,
    consoleUI,
  }) => {
    await k8s.create(CLUSTER_ROLES, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'cdi-cloner' },
      rules: [{ apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] }],
    });
    await page.goto(PAGE);
    await consoleUI.switchUser('project-user');
    const dialog = await openWizard(page, '?namespace=team-a');
    await expect(control(dialog, 'Source namespace')).toHaveValue('team-a');
    await next(dialog).click();
    await fill(dialog, 'Namespace of the service account', 'team-b');
    await next(dialog).click();
    await dialog.getByRole('radio', { name: /^Use an existing ClusterRole/ }).check();
    await fill(dialog, 'ClusterRole name', 'datavolume-cloner');
    await next(dialog).click();
    await createButton(dialog).click();
    const failure = dialog.getByTestId('vsp-grant-failure');
    await expect(failure).toContainText('The server refused the grant in a dry run');
    await expect(failure.getByTestId('api-error-message')).toContainText(
      'is attempting to grant RBAC permissions not currently held',
    );
    await expect(failure).toContainText('a namespace admin holds only create');
    expect((await k8s.list(roleBindings('team-a'))).map((b) => b.metadata.name)).not.toContain(
      'team-b-default-datavolume-cloner',
    );

    await dialog.getByRole('button', { name: 'Role', exact: true }).click();
    await fill(dialog, 'ClusterRole name', 'cdi-cloner');
    await dialog.getByRole('button', { name: 'Review', exact: true }).click();
    await expect(control(dialog, 'RoleBinding name')).toHaveValue('team-b-default-cdi-cloner');
    await createButton(dialog).click();
    await expect(page.getByRole('dialog', { name: 'Clone access granted' })).toBeVisible();
    const binding = await k8s.get<{ roleRef: { name: string } }>(
      `${roleBindings('team-a')}/team-b-default-cdi-cloner`,
    );
    expect(binding.roleRef.name).toBe('cdi-cloner');
  });

  test('every step passes axe; role and review steps in light and dark', async ({ page, consoleUI }) => {
    const dialog = await openWizard(page);
    const axe = () => consoleUI.expectNoA11yViolations({ include: '[role="dialog"]' });
    await axe();
    await fill(dialog, 'Source namespace', 'golden-images');
    await next(dialog).click();
    await axe();
    await fill(dialog, 'Namespace of the service account', 'team-b');
    await next(dialog).click();
    await dialog.getByRole('radio', { name: /^All verbs/ }).check();
    await axe();
    await dialog.getByRole('radio', { name: /^create on datavolumes\/source/ }).check();
    await saveModalScreenshots(page, 'clone-permissions-grant-role', { height: 1100 });
    await next(dialog).click();
    await axe();
    await saveModalScreenshots(page, 'clone-permissions-grant-review', { height: 1100 });
  });
});
