import type { AdmissionPlugin, K8sObject } from '../sim-api';
import { WEBHOOKS, controllerRuntimeDenial } from './webhook-errors';

/** The HostPathProvisioner operator's validating webhook (v1beta1 hostpathprovisioner_webhook.go, v0.25.2). */

const MAX_POOL_NAME = 50;
const MAX_PATH = 255;

export function hppSpecError(hpp: K8sObject): string | undefined {
  const pathConfig = hpp.spec?.pathConfig;
  const pools: { name?: string; path?: string }[] = hpp.spec?.storagePools ?? [];
  if (pathConfig && pools.length > 0) return 'pathConfig and storage pools cannot be both set';
  if (!pathConfig && pools.length === 0) return 'either pathConfig or storage pools must be set';
  if (pathConfig && !pathConfig.path) return 'pathconfig path must be set';
  const paths = new Map<string, number>();
  const names = new Map<string, number>();
  for (const [i, pool] of pools.entries()) {
    if (!pool.name) return 'storagePool.name cannot be blank';
    if (pool.name.length > MAX_POOL_NAME)
      return `storagePool.name cannot have a length greater than ${MAX_POOL_NAME}`;
    if (!pool.path) return 'storagePool.path cannot be blank';
    if (pool.path.length > MAX_PATH) return `storagePool.path cannot have a length greater than ${MAX_PATH}`;
    const samePath = paths.get(pool.path);
    if (samePath !== undefined) {
      return `spec.storagePools[${i}].path is the same as spec.storagePools[${samePath}].path, cannot have duplicate paths`;
    }
    paths.set(pool.path, i);
    const sameName = names.get(pool.name);
    if (sameName !== undefined) {
      return `spec.storagePools[${i}].name is the same as spec.storagePools[${sameName}].name, cannot have duplicate names`;
    }
    names.set(pool.name, i);
  }
  return undefined;
}

export const hppValidator: AdmissionPlugin = (req, ctx) => {
  if (req.kind !== 'HostPathProvisioner' || req.subresource || !req.object) return;
  if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return;
  const error = hppSpecError(req.object);
  if (error) throw controllerRuntimeDenial(WEBHOOKS.hppValidate, error);
  // Upstream does not reject a second CR (the operator goes into an error state instead); the simulator
  // refuses it so a cluster never holds two, as architecture.md asks.
  if (req.operation === 'CREATE') {
    const existing = ctx.store
      .list('HostPathProvisioner')
      .filter((h) => h.metadata.name !== req.object?.metadata.name);
    if (existing.length > 0) {
      throw controllerRuntimeDenial(
        WEBHOOKS.hppValidate,
        `only one HostPathProvisioner is supported, and "${existing[0].metadata.name}" already exists`,
      );
    }
  }
};
