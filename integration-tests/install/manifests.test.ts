import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { beforeAll, expect, it } from 'vitest';
import { NGINX_CONF, repoRoot } from './nginx-plugin-server';
import { DEPLOY_DIR, kubectlMissingReason, only, renderDeploy, type Manifest } from './rendered-manifests';
import { describeWhenInstalled } from './requires';

/**
 * What `kubectl kustomize deploy/` renders, read as an administrator would review it: the objects agree with
 * each other, with package.json and with deploy/nginx.conf, and the pod is built to survive. The simulator
 * test (cluster-install.test.ts) then has the API server judge the same objects.
 */

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  consolePlugin: { name: string; displayName: string };
};
const nginxConf = fs.readFileSync(NGINX_CONF, 'utf8');
const CLUSTER_SCOPED = new Set(['Namespace', 'ConsolePlugin']);

/** Directive arguments in nginx.conf, e.g. all `*_temp_path` paths. */
const directiveValues = (pattern: RegExp) =>
  [...nginxConf.matchAll(new RegExp(`^\\s*(?:${pattern.source})\\s+([^;\\s]+)`, 'gm'))].map((m) => m[1]);

const isUnder = (file: string, dir: string) => file === dir || file.startsWith(dir.replace(/\/?$/, '/'));

describeWhenInstalled('deploy/: the rendered manifests', kubectlMissingReason(), () => {
  let objects: Manifest[];
  let deployment: Manifest;
  let pod: Manifest;
  let container: Manifest;

  beforeAll(() => {
    objects = renderDeploy().objects;
    deployment = only(objects, 'Deployment');
    pod = deployment.spec.template.spec;
    container = pod.containers[0];
  });

  it('holds the objects an installation needs, each namespaced one in the plugin namespace', () => {
    expect(objects.map((o) => o.kind).sort()).toEqual(
      [
        'ConfigMap',
        'ConsolePlugin',
        'Deployment',
        'Namespace',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Service',
        'ServiceAccount',
      ].sort(),
    );
    const namespace = only(objects, 'Namespace').metadata.name;
    for (const o of objects) {
      if (CLUSTER_SCOPED.has(o.kind)) expect(o.metadata.namespace, o.kind).toBeUndefined();
      else expect(o.metadata.namespace, o.kind).toBe(namespace);
    }
  });

  it('registers the plugin under the name and title the build gives it, backed by the Service', () => {
    const plugin = only(objects, 'ConsolePlugin');
    const service = only(objects, 'Service');
    expect(plugin.apiVersion).toBe('console.openshift.io/v1');
    expect(plugin.metadata.name).toBe(pkg.consolePlugin.name);
    expect(plugin.spec.displayName).toBe(pkg.consolePlugin.displayName);
    expect(plugin.spec.i18n).toEqual({ loadType: 'Preload' });
    expect(plugin.spec.backend).toEqual({
      type: 'Service',
      service: {
        name: service.metadata.name,
        namespace: service.metadata.namespace,
        port: service.spec.ports[0].port,
        basePath: '/',
      },
    });
  });

  it('serves TLS from the certificate OpenShift writes for the Service, on the port nginx listens on', () => {
    const service = only(objects, 'Service');
    const secretName = service.metadata.annotations?.['service.beta.openshift.io/serving-cert-secret-name'];
    const certVolume = pod.volumes.find((v: Manifest) => v.secret?.secretName === secretName);
    expect(certVolume, `a volume of Secret ${secretName}`).toBeDefined();
    const certMount = container.volumeMounts.find((m: Manifest) => m.name === certVolume.name);
    for (const file of directiveValues(/ssl_certificate|ssl_certificate_key/)) {
      expect(isUnder(file, certMount.mountPath), file).toBe(true);
    }
    const listen = [...nginxConf.matchAll(/^\s*listen\s+(?:\[::\]:)?(\d+)\s+ssl;/gm)].map((m) =>
      Number(m[1]),
    );
    expect(listen.length).toBeGreaterThan(0);
    expect(nginxConf).not.toMatch(/^\s*listen\s+(?![^;]*\bssl\b)/m);
    const port = container.ports.find((p: Manifest) => p.name === service.spec.ports[0].targetPort);
    expect(new Set(listen)).toEqual(new Set([port.containerPort]));
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });

  it('runs nginx with the ConfigMap made from deploy/nginx.conf, writing only to an emptyDir', () => {
    const configMap = only(objects, 'ConfigMap');
    expect(configMap.data['nginx.conf']).toBe(nginxConf);
    const confVolume = pod.volumes.find((v: Manifest) => v.configMap?.name === configMap.metadata.name);
    const confMount = container.volumeMounts.find((m: Manifest) => m.name === confVolume.name);
    expect(confMount).toMatchObject({ mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf' });

    const writable = container.volumeMounts
      .filter((m: Manifest) => pod.volumes.find((v: Manifest) => v.name === m.name)?.emptyDir)
      .map((m: Manifest) => m.mountPath);
    const written = [...directiveValues(/pid|[a-z_]+_temp_path/)];
    expect(written.length).toBeGreaterThanOrEqual(6);
    for (const file of written) {
      expect(
        writable.some((dir: string) => isUnder(file, dir)),
        `${file} is on an emptyDir`,
      ).toBe(true);
    }
  });

  it('builds a pod that meets the restricted Pod Security level and keeps serving through disruptions', () => {
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsUser).toBeUndefined(); // restricted-v2 assigns one
    expect(pod.automountServiceAccountToken).toBe(false);
    for (const c of pod.containers) {
      expect(c.securityContext, c.name).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(Object.keys(c.resources.requests).sort(), c.name).toEqual(['cpu', 'memory']);
      expect(Object.keys(c.resources.limits).sort(), c.name).toEqual(['cpu', 'memory']);
      for (const probe of [c.readinessProbe, c.livenessProbe]) {
        expect(probe.httpGet, c.name).toMatchObject({ path: '/plugin-manifest.json', scheme: 'HTTPS' });
      }
    }
    expect(pod.volumes.every((v: Manifest) => v.secret || v.configMap || v.emptyDir)).toBe(true);

    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    const spread = pod.topologySpreadConstraints.find(
      (t: Manifest) => t.topologyKey === 'kubernetes.io/hostname',
    );
    expect(spread).toMatchObject({ maxSkew: 1, labelSelector: deployment.spec.selector });
    const pdb = only(objects, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ minAvailable: 1, selector: deployment.spec.selector });
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);

    const ns = only(objects, 'Namespace');
    for (const mode of ['enforce', 'warn', 'audit']) {
      expect(ns.metadata.labels?.[`pod-security.kubernetes.io/${mode}`], mode).toBe('restricted');
    }
  });

  it("lets only the console's pods reach the server, and the server reach nothing", () => {
    const policy = only(objects, 'NetworkPolicy');
    expect(policy.spec.podSelector).toEqual(deployment.spec.selector);
    expect(policy.spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    expect(policy.spec.egress).toEqual([]);
    expect(policy.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-console' } },
            podSelector: { matchLabels: { app: 'console', component: 'ui' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: container.ports[0].containerPort }],
      },
    ]);
  });

  it('names the image in one place: kustomization.yaml images:', () => {
    const kustomization = yaml.load(fs.readFileSync(path.join(DEPLOY_DIR, 'kustomization.yaml'), 'utf8')) as {
      images: { name: string; newName: string; newTag: string }[];
    };
    expect(kustomization.images).toHaveLength(1);
    const [{ name, newName, newTag }] = kustomization.images;
    const images = pod.containers.map((c: Manifest) => c.image);
    expect(images).toEqual([`${newName}:${newTag}`]);
    // The manifests only name the placeholder that images: replaces.
    for (const file of fs
      .readdirSync(DEPLOY_DIR)
      .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')) {
      for (const m of fs.readFileSync(path.join(DEPLOY_DIR, file), 'utf8').matchAll(/^\s*image:\s*(\S+)/gm)) {
        expect(m[1], file).toBe(name);
      }
    }
  });
});
