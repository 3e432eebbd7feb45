import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as yaml from 'js-yaml';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../cluster/server';
import { kubectlFor, type Kubectl } from '../cluster/testing';
import { DEPLOY_DIR, kubectlMissingReason, only, renderDeploy, type Manifest } from './rendered-manifests';
import { describeWhenInstalled } from './requires';

/**
 * deploy/ judged by the cluster simulator through kubectl, as an administrator installs it: the API server
 * (with the ConsolePlugin and Console CRDs and Pod Security admission) accepts every object, the namespace
 * enforces the restricted level on the pod the Deployment makes, and deploy/enable-plugin.sh edits the
 * console's plugin list without losing anyone else's entry.
 */

const run = promisify(execFile);
const ENABLE = path.join(DEPLOY_DIR, 'enable-plugin.sh');
const PLUGIN = 'virt-storage-plugin';

describeWhenInstalled('deploy/ against the cluster simulator', kubectlMissingReason(), () => {
  let cluster: RunningCluster;
  let kubectl: Kubectl;
  let kubeconfig: string;
  let objects: Manifest[];
  let namespace: Manifest;
  let dir: string;

  beforeAll(async () => {
    cluster = await startCluster({ port: 0, seeds: [] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'install-'));
    ({ kubectl, kubeconfig } = kubectlFor(cluster.url, dir));
    objects = renderDeploy().objects;
    namespace = only(objects, 'Namespace');
  });
  afterAll(async () => {
    await cluster?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => cluster.sim.reset());

  const createNamespace = async () => {
    const file = path.join(dir, 'namespace.yaml');
    fs.writeFileSync(file, yaml.dump(namespace));
    const r = await kubectl('apply', '-f', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  };

  it('accepts every object with apply --dry-run=server, with no Pod Security warning, and stores none', async () => {
    // Namespaced objects need their namespace to exist, even in a dry run (NamespaceLifecycle).
    await createNamespace();
    const r = await kubectl('apply', '--dry-run=server', '-k', DEPLOY_DIR);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const accepted = r.out.trim().split('\n');
    expect(accepted).toHaveLength(objects.length);
    for (const o of objects) {
      expect(
        accepted.some((line) => line.includes(`/${o.metadata.name} `) && line.endsWith('(server dry run)')),
      ).toBe(true);
    }
    expect(
      (await kubectl('get', 'deploy,svc,cm,pdb,netpol', '-n', namespace.metadata.name, '-o', 'name')).out,
    ).toBe('');
    expect((await kubectl('get', 'consoleplugins', '-o', 'name')).out).toBe('');
  });

  it('installs with apply -k, and a second apply changes nothing', async () => {
    const first = await kubectl('apply', '-k', DEPLOY_DIR);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out.match(/ created$/gm)).toHaveLength(objects.length);
    const versions = async () =>
      (await kubectl('get', 'ns,sa,cm,svc,deploy,pdb,netpol,consoleplugins', '-A', '-o', 'name')).out +
      (
        await kubectl(
          'get',
          'cm,svc,deploy,pdb,netpol,sa',
          '-n',
          namespace.metadata.name,
          '-o',
          'jsonpath={range .items[*]}{.metadata.name}={.metadata.resourceVersion}{"\\n"}{end}',
        )
      ).out;
    const before = await versions();
    // A second apply writes nothing new. (kubectl reports the PodDisruptionBudget "configured" every time: it
    // always re-sends spec.selector, whose patch strategy is "replace"; the server stores no change.)
    const again = await kubectl('apply', '-k', DEPLOY_DIR);
    expect(again.code).toBe(0);
    expect(again.out).not.toMatch(/ created$/m);
    expect(await versions()).toBe(before);
    const plugin = JSON.parse((await kubectl('get', 'consoleplugin', PLUGIN, '-o', 'json')).out) as Manifest;
    expect(plugin.spec.backend.service).toMatchObject({
      name: PLUGIN,
      namespace: namespace.metadata.name,
      port: 9443,
    });
  });

  it('admits the pod the Deployment makes under enforce=restricted, and refuses a weakened one', async () => {
    await createNamespace();
    const template = only(objects, 'Deployment').spec.template;
    const pod = (spec: Manifest['spec']) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'plugin-pod', namespace: namespace.metadata.name, labels: template.metadata.labels },
      spec,
    });
    const file = path.join(dir, 'pod.yaml');
    fs.writeFileSync(file, yaml.dump(pod(template.spec)));
    const ok = await kubectl('apply', '--dry-run=server', '-f', file);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);

    const weakened = structuredClone(template.spec);
    delete weakened.containers[0].securityContext.capabilities;
    delete weakened.securityContext.seccompProfile;
    fs.writeFileSync(file, yaml.dump(pod(weakened)));
    const refused = await kubectl('apply', '--dry-run=server', '-f', file);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('violates PodSecurity "restricted:latest"');
    expect(refused.err).toContain('unrestricted capabilities');
    expect(refused.err).toContain('seccompProfile');
  });

  it('refuses a ConsolePlugin the CRD does not allow (the schema is really checked)', async () => {
    const plugin = structuredClone(only(objects, 'ConsolePlugin'));
    plugin.spec.backend.service.port = 0;
    delete plugin.spec.displayName;
    const file = path.join(dir, 'plugin.yaml');
    fs.writeFileSync(file, yaml.dump(plugin));
    const r = await kubectl('apply', '--dry-run=server', '-f', file);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/spec\.displayName: Required value/);
    expect(r.err).toMatch(/spec\.backend\.service\.port/);
  });

  // deploy/enable-plugin.sh against the Console operator config object.
  const consoleConfig = (plugins?: string[]) => ({
    apiVersion: 'operator.openshift.io/v1',
    kind: 'Console',
    metadata: { name: 'cluster' },
    spec: { managementState: 'Managed', ...(plugins ? { plugins } : {}) },
  });
  const enable = async (...args: (string | Record<string, string>)[]) => {
    const env = Object.assign({}, ...args.filter((a) => typeof a !== 'string')) as Record<string, string>;
    try {
      const r = await run('bash', [ENABLE, ...args.filter((a) => typeof a === 'string')], {
        env: { ...process.env, KUBECONFIG: kubeconfig, KUBECTL: 'kubectl', ...env },
        timeout: 30_000,
      });
      return { code: 0, out: r.stdout, err: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  };
  const plugins = async () =>
    (
      JSON.parse(
        (await kubectl('get', 'consoles.operator.openshift.io', 'cluster', '-o', 'json')).out,
      ) as Manifest
    ).spec.plugins as string[] | undefined;
  const setUp = async (list?: string[]) => {
    expect((await kubectl('apply', '-k', DEPLOY_DIR)).code).toBe(0);
    const file = path.join(dir, 'console.yaml');
    fs.writeFileSync(file, yaml.dump(consoleConfig(list)));
    expect((await kubectl('create', '-f', file)).code).toBe(0);
  };

  it('enable-plugin.sh appends the plugin to the list, keeping the others, and only once', async () => {
    await setUp(['kubevirt-plugin', 'monitoring-plugin']);
    const r = await enable();
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Enabled ${PLUGIN}`);
    expect(await plugins()).toEqual(['kubevirt-plugin', 'monitoring-plugin', PLUGIN]);
    const again = await enable();
    expect(again.code).toBe(0);
    expect(again.out).toContain('already enabled');
    expect(await plugins()).toEqual(['kubevirt-plugin', 'monitoring-plugin', PLUGIN]);
  });

  it('enable-plugin.sh creates the list when there is none', async () => {
    await setUp();
    expect((await enable()).code).toBe(0);
    expect(await plugins()).toEqual([PLUGIN]);
  });

  it('enable-plugin.sh --disable removes only this plugin', async () => {
    await setUp(['kubevirt-plugin', PLUGIN, 'monitoring-plugin']);
    const r = await enable('--disable');
    expect(r.code).toBe(0);
    expect(await plugins()).toEqual(['kubevirt-plugin', 'monitoring-plugin']);
    expect((await enable('--disable')).out).toContain('is not enabled');
  });

  it('enable-plugin.sh keeps a plugin someone else enables between its read and its write', async () => {
    await setUp(['kubevirt-plugin']);
    // kubectl for the script, except that just before its first patch another administrator enables a plugin.
    const mark = path.join(dir, 'raced');
    const wrapper = path.join(dir, 'racing-kubectl.sh');
    fs.writeFileSync(
      wrapper,
      `if [ "$1" = patch ] && [ ! -e ${mark} ]; then
  touch ${mark}
  kubectl patch consoles.operator.openshift.io cluster --type=json \\
    -p '[{"op":"add","path":"/spec/plugins/-","value":"other-plugin"}]' >/dev/null
fi
exec kubectl "$@"
`,
    );
    const r = await enable({ KUBECTL: `bash ${wrapper}` });
    expect(fs.existsSync(mark)).toBe(true);
    expect(r.code).toBe(0);
    expect(r.err).toContain('changed while this script was writing');
    expect(await plugins()).toEqual(['kubevirt-plugin', 'other-plugin', PLUGIN]);
  });

  it('enable-plugin.sh refuses to enable a plugin that is not installed, and writes nothing', async () => {
    const file = path.join(dir, 'console.yaml');
    fs.writeFileSync(file, yaml.dump(consoleConfig(['kubevirt-plugin'])));
    expect((await kubectl('create', '-f', file)).code).toBe(0);
    const r = await enable();
    expect(r.code).toBe(1);
    expect(r.err).toContain(`ConsolePlugin ${PLUGIN} does not exist`);
    expect(await plugins()).toEqual(['kubevirt-plugin']);
  });
});
