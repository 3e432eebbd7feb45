// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { load } from 'js-yaml';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { statusError } from '../../../k8s/testing/fake-apiserver';
import type { ClusterRole, RoleBinding } from '../../../k8s/types';
import { cloneAccess } from '../logic/clone-access';
import type { CloneSubject, RbacSnapshot } from '../logic/types';
import GrantWizard from './GrantWizard';

// The SDK cannot run outside the console: creates and deletes are recorded and answered here.
const api = vi.hoisted(() => ({
  calls: [] as { verb: 'create' | 'delete'; kind: string; name: string; dryRun?: boolean; json?: unknown }[],
  fail: new Map<string, unknown>(),
}));
vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  useAccessReview: () => [true, false],
  k8sCreate: vi.fn(
    async ({
      model,
      data,
      queryParams,
    }: {
      model: { kind: string };
      data: { metadata: { name: string } };
      queryParams?: { dryRun?: string };
    }) => {
      const dryRun = queryParams?.dryRun === 'All';
      api.calls.push({ verb: 'create', kind: model.kind, name: data.metadata.name, dryRun });
      const key = `${dryRun ? 'dry-' : ''}create ${model.kind}`;
      if (api.fail.has(key)) throw api.fail.get(key);
      return {
        ...data,
        metadata: { ...data.metadata, uid: `uid-${data.metadata.name}`, resourceVersion: '7' },
      };
    },
  ),
  k8sDelete: vi.fn(
    async ({
      model,
      resource,
      json,
    }: {
      model: { kind: string };
      resource: { metadata: { name: string } };
      json: unknown;
    }) => {
      api.calls.push({ verb: 'delete', kind: model.kind, name: resource.metadata.name, json });
      if (api.fail.has(`delete ${model.kind}`)) throw api.fail.get(`delete ${model.kind}`);
      return resource;
    },
  ),
}));

const CDI = 'cdi.kubevirt.io';
const cr = (name: string, verbs: string[], resources = ['datavolumes/source']): ClusterRole => ({
  metadata: { name },
  rules: [{ apiGroups: [CDI], resources, verbs }],
});
const rb = (
  namespace: string,
  name: string,
  roleRef: { kind: 'ClusterRole' | 'Role'; name: string },
  subjects: RoleBinding['subjects'],
): RoleBinding => ({
  metadata: { name, namespace },
  subjects,
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
});
const OS_IMAGES = 'openshift-virtualization-os-images';

const snapshotOf = (over: Partial<RbacSnapshot> = {}): RbacSnapshot => ({
  clusterRoles: [
    cr('datavolume-cloner', ['*']),
    cr('datavolume-admin', ['*'], ['datavolumes']),
    // CDI >= 1.66: view no longer grants datavolumes/source.
    cr('cdi.kubevirt.io:view', ['get', 'list', 'watch'], ['datavolumes']),
  ],
  clusterRoleBindings: [],
  roles: [
    {
      ...cr('os-images.kubevirt.io:view', ['create']),
      metadata: { name: 'os-images.kubevirt.io:view', namespace: OS_IMAGES },
    },
  ],
  roleBindings: [
    rb(OS_IMAGES, 'os-images.kubevirt.io:view', { kind: 'Role', name: 'os-images.kubevirt.io:view' }, [
      { kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' },
    ]),
  ],
  ...over,
});
const NAMESPACES = ['golden-images', 'team-a', 'team-b', OS_IMAGES];

const open = (
  props: { snapshot?: RbacSnapshot; namespaces?: string[] | undefined; initialSubject?: CloneSubject } = {},
) => {
  const snapshot = props.snapshot ?? snapshotOf();
  const onClose = vi.fn();
  const onCheckAccess = vi.fn();
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <GrantWizard
        snapshot={snapshot}
        rows={cloneAccess(snapshot).rows}
        namespaces={'namespaces' in props ? props.namespaces : NAMESPACES}
        initialSubject={props.initialSubject}
        onClose={onClose}
        onCheckAccess={onCheckAccess}
      />
    </QueryClientProvider>,
  );
  return { onClose, onCheckAccess };
};

const field = (label: RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const type = async (input: HTMLElement, value: string) => {
  await userEvent.clear(input);
  if (value) {
    await userEvent.click(input);
    await userEvent.paste(value);
  }
  await userEvent.tab();
};
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const next = () => userEvent.click(button('Next'));
const yamlOf = (label: string) => load(screen.getByRole('region', { name: label }).textContent ?? '');

/** Source golden-images, service account team-b/default: the 8.6.1 example. */
const toRoleStep = async (source = 'golden-images', saNamespace = 'team-b') => {
  await type(field(/^Source namespace/), source);
  await next();
  expect(field(/^Service account name/).value).toBe('default');
  await type(field(/^Namespace of the service account/), saNamespace);
  await next();
};

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    resources: {},
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as never);
});
beforeEach(() => {
  api.calls = [];
  api.fail = new Map();
});
afterEach(cleanup);

describe('GrantWizard', () => {
  it('creates a least-privilege ClusterRole (a free name: the docs one exists) and its RoleBinding, dry run first', async () => {
    const { onCheckAccess, onClose } = open();
    await toRoleStep();
    expect(screen.getByRole('radio', { name: /^Create a ClusterRole/ })).toHaveProperty('checked', true);
    expect(field(/^ClusterRole name/).value).toBe('datavolume-cloner-2');
    expect(screen.getByText('On this cluster, cloning needs an explicit grant')).toBeTruthy();
    await next();

    expect(field(/^RoleBinding name/).value).toBe('team-b-default-datavolume-cloner-2');
    expect(yamlOf('ClusterRole YAML')).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'datavolume-cloner-2',
        labels: { 'app.kubernetes.io/created-by': 'virt-storage-plugin' },
      },
      rules: [{ apiGroups: [CDI], resources: ['datavolumes/source'], verbs: ['create'] }],
    });
    expect(yamlOf('RoleBinding YAML')).toMatchObject({
      kind: 'RoleBinding',
      metadata: { name: 'team-b-default-datavolume-cloner-2', namespace: 'golden-images' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'team-b' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'datavolume-cloner-2' },
    });
    await userEvent.click(button('Create'));
    await screen.findByText('Clone access granted', { selector: 'h1, h1 *' });
    expect(api.calls.map((c) => `${c.dryRun ? 'dry ' : ''}${c.verb} ${c.kind} ${c.name}`)).toEqual([
      'dry create ClusterRole datavolume-cloner-2',
      'create ClusterRole datavolume-cloner-2',
      'create RoleBinding team-b-default-datavolume-cloner-2',
    ]);
    await userEvent.click(button('Check access now'));
    expect(onCheckAccess).toHaveBeenCalledWith(
      { kind: 'ServiceAccount', name: 'default', namespace: 'team-b' },
      'golden-images',
    );
    expect(onClose).not.toHaveBeenCalled();
  });

  it('removes the ClusterRole it created when the RoleBinding fails, and says so', async () => {
    api.fail.set('create RoleBinding', statusError(500, 'InternalError', 'etcdserver: request timed out'));
    open();
    await toRoleStep();
    await next();
    await userEvent.click(button('Create'));
    const failure = await screen.findByTestId('vsp-grant-failure');
    expect(failure.textContent).toContain('The RoleBinding could not be created');
    expect(failure.textContent).toContain('etcdserver: request timed out');
    expect(failure.textContent).toContain(
      'The ClusterRole datavolume-cloner-2 created a moment ago was removed again, so nothing was left behind.',
    );
    const del = api.calls.find((c) => c.verb === 'delete');
    expect(del).toMatchObject({
      kind: 'ClusterRole',
      name: 'datavolume-cloner-2',
      json: { preconditions: { uid: 'uid-datavolume-cloner-2', resourceVersion: '7' } },
    });
  });

  it('says what is left when the rollback fails too', async () => {
    api.fail.set('create RoleBinding', statusError(500, 'InternalError', 'boom'));
    api.fail.set(
      'delete ClusterRole',
      statusError(409, 'Conflict', 'Precondition failed: UID in precondition'),
    );
    open();
    await toRoleStep();
    await next();
    await userEvent.click(button('Create'));
    const failure = await screen.findByTestId('vsp-grant-failure');
    expect(failure.textContent).toContain('could not be removed again and is still there');
    expect(failure.textContent).toContain('Precondition failed: UID in precondition');
  });

  it('writes nothing when every authenticated user may already clone there (SSP)', async () => {
    open();
    await toRoleStep(OS_IMAGES);
    await next();
    const covered = screen.getByTestId('vsp-grant-covered');
    expect(covered.textContent).toContain('An equivalent binding already exists');
    expect(covered.textContent).toContain('Every authenticated user may already clone from ' + OS_IMAGES);
    expect(covered.textContent).toContain(
      'RoleBinding openshift-virtualization-os-images/os-images.kubevirt.io:view binds Role os-images.kubevirt.io:view',
    );
    expect(covered.textContent).toContain('Owner: SSP operator.');
    expect(button('Create').disabled).toBe(true);
    expect(api.calls).toEqual([]);
  });

  it('catches bad input at the field and sends nothing', async () => {
    open();
    await type(field(/^Source namespace/), 'Golden_Images');
    expect(field(/^Source namespace/).getAttribute('aria-invalid')).toBe('true');
    const help = field(/^Source namespace/).getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(help)?.textContent).toMatch(/Not a valid namespace name/);
    expect(button('Next').disabled).toBe(true);
    await type(field(/^Source namespace/), 'nowhere');
    expect(screen.getByText('There is no namespace nowhere.')).toBeTruthy();
    await type(field(/^Source namespace/), 'golden-images');
    await next();
    await type(field(/^Namespace of the service account/), 'golden-images');
    expect(screen.getByText(/CDI does not check clones within one namespace/)).toBeTruthy();
    await type(field(/^Namespace of the service account/), 'team-b');
    await type(field(/^Service account name/), 'Default');
    expect(screen.getByText(/Not a valid name/)).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
    await type(field(/^Service account name/), 'default');
    await next();
    await type(field(/^ClusterRole name/), 'datavolume-cloner');
    expect(screen.getByText(/A ClusterRole datavolume-cloner already exists/)).toBeTruthy();
    expect(button('Next').disabled).toBe(true);
    await type(field(/^ClusterRole name/), 'my-cloner');
    await next();
    await type(field(/^RoleBinding name/), 'Bad Name');
    expect(field(/^RoleBinding name/).getAttribute('aria-invalid')).toBe('true');
    expect(button('Create').disabled).toBe(true);
    expect(api.calls).toEqual([]);
  });

  it('reusing the "*" role: the escalation refusal of the dry run verbatim, nothing created', async () => {
    const refusal =
      'rolebindings.rbac.authorization.k8s.io "team-a-default-datavolume-cloner" is forbidden: user "project-user" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["cdi.kubevirt.io"], Resources:["datavolumes/source"], Verbs:["*"]}';
    api.fail.set('dry-create RoleBinding', statusError(403, 'Forbidden', refusal));
    open();
    await toRoleStep('team-a', 'team-b');
    await userEvent.click(screen.getByRole('radio', { name: /^Use an existing ClusterRole/ }));
    const star = screen.getByRole('radio', { name: /^datavolume-cloner/ });
    expect(star.closest('.pf-v6-c-radio')?.textContent).toMatch(/Broader/);
    await userEvent.click(star);
    await next();
    expect(screen.queryByRole('region', { name: 'ClusterRole YAML' })).toBeNull();
    await userEvent.click(button('Create'));
    const failure = await screen.findByTestId('vsp-grant-failure');
    expect(screen.getByTestId('api-error-message').textContent).toBe(refusal);
    expect(failure.textContent).toContain('a namespace admin holds only create');
    expect(api.calls.map((c) => `${c.dryRun ? 'dry ' : ''}${c.verb} ${c.kind}`)).toEqual([
      'dry create RoleBinding',
    ]);
  });

  it('reuses CDI clone-sourcer by default when the cluster has it', async () => {
    const snapshot = snapshotOf();
    snapshot.clusterRoles = [
      ...(snapshot.clusterRoles ?? []),
      cr('cdi.kubevirt.io:clone-sourcer', ['create']),
    ];
    open({ snapshot, namespaces: undefined, initialSubject: { kind: 'User', name: 'joe' } });
    await type(field(/^Source namespace/), 'golden-images');
    await next();
    expect(field(/^User name/).value).toBe('joe');
    await next();
    expect(screen.getByRole('radio', { name: /^cdi.kubevirt.io:clone-sourcer/ })).toHaveProperty(
      'checked',
      true,
    );
    await next();
    expect(field(/^RoleBinding name/).value).toBe('joe-clone-sourcer');
    await userEvent.click(button('Create'));
    await screen.findByText('Clone access granted', { selector: 'h1, h1 *' });
    expect(api.calls.map((c) => `${c.dryRun ? 'dry ' : ''}${c.verb} ${c.kind} ${c.name}`)).toEqual([
      'dry create RoleBinding joe-clone-sourcer',
      'create RoleBinding joe-clone-sourcer',
    ]);
  });
});
