import { ApiError, type Controller, type K8sObject, type SimContext } from '../sim-api';
import { deployableTemplates, type TemplateItem } from './golden-images';
import { GOLDEN_IMAGES_NAMESPACE, clone, eventDriven, jsonEqual, mutateObject } from './util';

/**
 * SSP's golden-image effect: one DataImportCron per deployable item of HyperConverged
 * `status.dataImportCronTemplates`, in the item's namespace or the golden-images namespace; crons it made
 * for items that are gone are deleted. DataImportCron spec is immutable, so a changed item is re-created.
 */

export const SSP_LABELS = {
  'app.kubernetes.io/component': 'templating',
  'app.kubernetes.io/managed-by': 'ssp-operator',
  'app.kubernetes.io/name': 'data-sources',
  'app.kubernetes.io/part-of': 'hyperconverged-cluster',
};

const isSspOwned = (cron: K8sObject) =>
  cron.metadata.labels?.['app.kubernetes.io/managed-by'] === 'ssp-operator';

function desiredCron(item: TemplateItem): K8sObject {
  const annotations = Object.fromEntries(
    Object.entries(item.metadata.annotations ?? {}).filter(([k]) => !k.startsWith('ssp.kubevirt.io/')),
  );
  const spec = clone(item.spec ?? {});
  spec.template ??= {};
  spec.template.metadata ??= {};
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataImportCron',
    metadata: {
      name: item.metadata.name,
      namespace: item.metadata.namespace || GOLDEN_IMAGES_NAMESPACE,
      labels: { ...item.metadata.labels, ...SSP_LABELS },
      annotations,
    },
    spec,
  };
}

function ensureNamespace(ctx: SimContext, name: string): boolean {
  if (ctx.store.get('Namespace', name)) return true;
  // SSP creates only its own golden-images namespace; a template naming another one waits for it.
  if (name !== GOLDEN_IMAGES_NAMESPACE) return false;
  ctx.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return true;
}

function reconcile(ctx: SimContext): void {
  const hc = ctx.store.list('HyperConverged')[0];
  if (!hc?.status?.dataImportCronTemplates) return;
  const wanted = deployableTemplates(hc.status.dataImportCronTemplates as TemplateItem[]).map(desiredCron);
  const wantedKeys = new Set(wanted.map((c) => `${c.metadata.namespace}/${c.metadata.name}`));

  for (const cron of ctx.store.list('DataImportCron')) {
    if (isSspOwned(cron) && !wantedKeys.has(`${cron.metadata.namespace}/${cron.metadata.name}`)) {
      ctx.store.delete('DataImportCron', cron.metadata.name ?? '', cron.metadata.namespace);
    }
  }
  for (const cron of wanted) {
    const ns = cron.metadata.namespace!;
    if (!ensureNamespace(ctx, ns)) continue;
    const existing = ctx.store.get('DataImportCron', cron.metadata.name!, ns);
    if (existing && !jsonEqual(existing.spec, cron.spec)) {
      ctx.store.delete('DataImportCron', cron.metadata.name!, ns);
    } else if (existing) {
      mutateObject(ctx.store, existing, (draft) => {
        draft.metadata.labels = { ...draft.metadata.labels, ...cron.metadata.labels };
        draft.metadata.annotations = { ...draft.metadata.annotations, ...cron.metadata.annotations };
      });
      continue;
    }
    try {
      ctx.store.create(cron);
    } catch (err) {
      // A user-made cron of the same name: SSP reports it and leaves it alone.
      if (!(err instanceof ApiError && err.code === 409)) throw err;
    }
  }
}

export const createBootSourceController = (): Controller =>
  eventDriven('ssp-golden-images', ['HyperConverged', 'DataImportCron', 'Namespace'], reconcile);
