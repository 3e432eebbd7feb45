import { ApiError, type Controller, type K8sObject, type SimContext, type StoreEvent } from '../sim-api';
import { BUNDLE_DATA_SOURCES, deployableTemplates, type TemplateItem } from './golden-images';
import { GOLDEN_IMAGES_NAMESPACE, clone, jsonEqual, mutateObject, scan } from './util';

/**
 * SSP's golden-image effect (ssp-operator v0.26.0 internal/operands/data-sources/reconcile.go): one
 * DataImportCron per deployable item of HyperConverged `status.dataImportCronTemplates`, in the item's namespace
 * or the golden-images namespace; crons it made for items that are gone are deleted. DataImportCron spec is
 * immutable, so a changed item is re-created.
 *
 * The template bundle's DataSources (BUNDLE_DATA_SOURCES, in the golden-images namespace) stay whatever happens
 * to their crons. While a cron imports one ("auto-update", dataSourceAutoUpdateEnabled :509-554) SSP keeps its
 * `cdi.kubevirt.io/dataImportCron` label (reconcileDataSource :673-695) and CDI owns its spec. Without a cron
 * (disabled, or common imports off) SSP takes it back: its own app labels, the cron label removed and the spec
 * reset to `pvc: {name: <name>, namespace: <golden-images>}` (newDataSource, resource.go:19-34), so CDI's
 * retentionPolicy None cleanup, which selects by that label, no longer deletes it. A DataSource a user points
 * at a PVC that exists (Ready) keeps auto-update off, and then SSP does not deploy its cron (:252-256).
 * Simplification: SSP creates a missing bundle DataSource only when no cron imports it (CDI creates the others).
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

const LABEL_CRON = 'cdi.kubevirt.io/dataImportCron';

const defaultDataSourceSpec = (name: string) => ({
  source: { pvc: { name, namespace: GOLDEN_IMAGES_NAMESPACE } },
});

/** dataSourceAutoUpdateEnabled (reconcile.go:509-554) for a bundle DataSource some cron would import. */
function autoUpdateEnabled(ctx: SimContext, name: string): boolean {
  const pvcExists = () => !!ctx.store.get('PersistentVolumeClaim', name, GOLDEN_IMAGES_NAMESPACE);
  const found = ctx.store.get('DataSource', name, GOLDEN_IMAGES_NAMESPACE);
  if (!found) return !pvcExists();
  if (found.metadata.labels?.[LABEL_CRON] !== undefined) return true;
  const ready = (found.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  if (ready && jsonEqual(found.spec?.source?.pvc, defaultDataSourceSpec(name).source.pvc))
    return ready.status !== 'True';
  return !pvcExists();
}

/** reconcileDataSource (reconcile.go:673-695). */
function reconcileBundleDataSource(ctx: SimContext, name: string, cronName: string | undefined): void {
  const existing = ctx.store.get('DataSource', name, GOLDEN_IMAGES_NAMESPACE);
  if (cronName) {
    if (existing)
      mutateObject(ctx.store, existing, (ds) => {
        ds.metadata.labels = { ...ds.metadata.labels, [LABEL_CRON]: cronName };
      });
    return;
  }
  if (!existing) {
    ctx.store.create({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataSource',
      metadata: { name, namespace: GOLDEN_IMAGES_NAMESPACE, labels: { ...SSP_LABELS } },
      spec: defaultDataSourceSpec(name),
    });
    return;
  }
  mutateObject(ctx.store, existing, (ds) => {
    const labels: Record<string, string> = { ...ds.metadata.labels, ...SSP_LABELS };
    delete labels[LABEL_CRON];
    ds.metadata.labels = labels;
    ds.spec = defaultDataSourceSpec(name);
  });
}

function reconcile(ctx: SimContext): void {
  const hc = ctx.store.list('HyperConverged')[0];
  if (!hc?.status?.dataImportCronTemplates) return;
  let wanted = deployableTemplates(hc.status.dataImportCronTemplates as TemplateItem[]).map(desiredCron);
  if (ensureNamespace(ctx, GOLDEN_IMAGES_NAMESPACE)) {
    for (const name of BUNDLE_DATA_SOURCES) {
      const cron = wanted.find(
        (c) => c.metadata.namespace === GOLDEN_IMAGES_NAMESPACE && c.spec?.managedDataSource === name,
      );
      const auto = !!cron && autoUpdateEnabled(ctx, name);
      // getDataSourcesAndCrons (:252-256): no auto-update, no cron.
      if (cron && !auto) wanted = wanted.filter((c) => c !== cron);
      reconcileBundleDataSource(ctx, name, auto ? cron!.metadata.name : undefined);
    }
  }
  const wantedKeys = new Set(wanted.map((c) => `${c.metadata.namespace}/${c.metadata.name}`));

  for (const cron of scan(ctx.store, 'DataImportCron')) {
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

/**
 * What SSP watches: the HyperConverged (its SSP CR), namespaces, bundle DataSources, and crons appearing,
 * going, or changing spec or labels. A cron's status and CDI's annotations (every poll) are not its business,
 * so 500 crons polling do not make it list them all again.
 */
function concernsSsp(e: StoreEvent): boolean {
  const { kind, metadata } = e.object;
  if (kind === 'HyperConverged' || kind === 'Namespace') return true;
  if (kind === 'DataSource')
    return (
      metadata.namespace === GOLDEN_IMAGES_NAMESPACE && BUNDLE_DATA_SOURCES.includes(metadata.name ?? '')
    );
  if (kind !== 'DataImportCron') return false;
  return (
    e.type !== 'MODIFIED' ||
    !jsonEqual(e.object.spec, e.oldObject?.spec) ||
    !jsonEqual(metadata.labels, e.oldObject?.metadata.labels)
  );
}

export function createBootSourceController(): Controller {
  let primed = false;
  return {
    name: 'ssp-golden-images',
    reconcile(ctx, events) {
      if (primed && !events.some(concernsSsp)) return;
      primed = true;
      reconcile(ctx);
    },
  };
}
