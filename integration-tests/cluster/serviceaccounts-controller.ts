import type { Controller, SimContext, StoreEvent } from './sim-api';

/**
 * kube-controller-manager's serviceaccount controller (kubernetes pkg/controller/serviceaccount/
 * serviceaccounts_controller.go syncNamespace, DefaultServiceAccountsControllerOptions): every namespace that is
 * not terminating has a ServiceAccount `default`, created when missing and again when deleted. OpenShift's
 * `builder`/`deployer` accounts and token or pull secrets are not modelled.
 */
function ensureDefaultServiceAccounts(ctx: SimContext): void {
  const existing = new Set(
    (ctx.store.listView?.('ServiceAccount') ?? ctx.store.list('ServiceAccount'))
      .filter((sa) => sa.metadata.name === 'default')
      .map((sa) => sa.metadata.namespace),
  );
  for (const ns of ctx.store.listView?.('Namespace') ?? ctx.store.list('Namespace')) {
    const name = ns.metadata.name ?? '';
    if (existing.has(name) || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') continue;
    ctx.store.create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: name },
    });
  }
}

const concerns = (e: StoreEvent) =>
  e.object.kind === 'Namespace' || (e.object.kind === 'ServiceAccount' && e.type === 'DELETED');

/** The controller: on its first run, then when a namespace appears or changes or a ServiceAccount goes. */
export function createServiceAccountsController(): Controller {
  let primed = false;
  return {
    name: 'serviceaccount',
    reconcile(ctx, events) {
      if (primed && !events.some(concerns)) return;
      primed = true;
      ensureDefaultServiceAccounts(ctx);
    },
  };
}
