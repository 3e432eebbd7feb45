import type { Controller, K8sObject, SimContext } from '../sim-api';
import { clone, eventDriven, mutateObject, ownerRef, parseQuantity, scan, type Json } from './util';

/**
 * CDI's config controller (pkg/controller/config-controller.go): CDIConfig `config` mirrors CDI.spec.config
 * when the CDI CR holds the config authority, and its status is what the importer pods really use.
 */

const OVERHEAD_PATTERN = /^(0(?:\.\d{1,3})?|1)$/;
export const DEFAULT_OVERHEAD = '0.06';
const DEFAULT_POD_RESOURCES = {
  limits: { cpu: '750m', memory: '600M' },
  requests: { cpu: '100m', memory: '60M' },
};
const UPLOAD_PROXY_URL = 'cdi-uploadproxy-openshift-cnv.apps.sim.example.com';

const validOverhead = (value: unknown): value is string =>
  typeof value === 'string' && OVERHEAD_PATTERN.test(value);

/** The status CDI computes from a CDIConfig spec and the StorageClasses that exist. */
export function cdiConfigStatus(spec: Json, classes: K8sObject[], previous?: Json) {
  const global = validOverhead(spec.filesystemOverhead?.global)
    ? spec.filesystemOverhead.global
    : DEFAULT_OVERHEAD;
  const perClass: Record<string, string> = {};
  for (const sc of classes) {
    const name = sc.metadata.name ?? '';
    const override = spec.filesystemOverhead?.storageClass?.[name];
    perClass[name] = validOverhead(override) ? override : global;
  }
  // reconcileStorageClass: the named class when it exists, else "" (importers then use the target's class).
  const scratch: string = classes.some((sc) => sc.metadata.name === spec.scratchSpaceStorageClass)
    ? spec.scratchSpaceStorageClass
    : '';
  const resources = clone(DEFAULT_POD_RESOURCES);
  for (const bucket of ['limits', 'requests'] as const) {
    for (const res of ['cpu', 'memory'] as const) {
      const value = spec.podResourceRequirements?.[bucket]?.[res];
      if (value !== undefined && !Number.isNaN(parseQuantity(value))) resources[bucket][res] = String(value);
    }
  }
  const proxy = spec.importProxy ?? {};
  const status: Record<string, unknown> = {
    ...previous,
    defaultPodResourceRequirements: resources,
    filesystemOverhead: { global, storageClass: perClass },
    importProxy: {
      HTTPProxy: proxy.HTTPProxy ?? '',
      HTTPSProxy: proxy.HTTPSProxy ?? '',
      noProxy: proxy.noProxy ?? '',
      trustedCAProxy: proxy.trustedCAProxy ?? '',
    },
    preallocation: spec.preallocation === true,
    scratchSpaceStorageClass: scratch,
    uploadProxyURL: spec.uploadProxyURLOverride ?? UPLOAD_PROXY_URL,
  };
  if (spec.imagePullSecrets) status.imagePullSecrets = clone(spec.imagePullSecrets);
  else delete status.imagePullSecrets;
  return status;
}

const CONFIG_LABELS = {
  app: 'containerized-data-importer',
  'cdi.kubevirt.io': '',
  'app.kubernetes.io/component': 'storage',
  'app.kubernetes.io/managed-by': 'cdi-controller',
};

function reconcile(ctx: SimContext): void {
  const cdi = ctx.store.list('CDI')[0];
  if (!cdi) return;
  const authority = cdi.metadata.annotations?.['cdi.kubevirt.io/configAuthority'] !== undefined;
  const classes = scan(ctx.store, 'StorageClass');
  const existing = ctx.store.get('CDIConfig', 'config');
  const spec = authority ? clone(cdi.spec?.config ?? {}) : (existing?.spec ?? {});
  if (!existing) {
    ctx.store.create({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'CDIConfig',
      metadata: { name: 'config', labels: { ...CONFIG_LABELS }, ownerReferences: [ownerRef(cdi)] },
      spec,
      status: cdiConfigStatus(spec, classes),
    });
    return;
  }
  mutateObject(ctx.store, existing, (config) => {
    config.spec = spec;
    config.status = cdiConfigStatus(spec, classes, config.status);
  });
}

export const createCdiConfigController = (): Controller =>
  eventDriven('cdi-config', ['CDI', 'CDIConfig', 'StorageClass'], reconcile);
