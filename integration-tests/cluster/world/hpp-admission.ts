import type { AdmissionPlugin, K8sObject } from '../sim-api';
import { WEBHOOKS, controllerRuntimeDenial } from './webhook-errors';

/**
 * The HostPathProvisioner operator's validating webhook `validate-hostpath-provisioner.kubevirt.io`
 * (hostpath-provisioner-operator v0.25.2, 19e72bf8, pkg/apis/hostpathprovisioner/v1beta1/hostpathprovisioner_webhook.go:59-102;
 * registered for CREATE, UPDATE and DELETE in deploy/webhook.yaml:45-70, DELETE always allowed). It checks
 * pathConfig against storagePools and each pool's name and path, nothing else: no pvcTemplate or workload
 * rule, and no limit on the number of CRs (a second one is admitted; the operator then stops reconciling,
 * see hpp-controller.ts).
 */

/** hostpathprovisioner_webhook.go:27-30; Go's len() counts bytes. */
const MAX_POOL_NAME = 50;
const MAX_PATH = 255;
const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

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
    if (byteLength(pool.name) > MAX_POOL_NAME)
      return `storagePool.name cannot have a length greater than ${MAX_POOL_NAME}`;
    if (!pool.path) return 'storagePool.path cannot be blank';
    if (byteLength(pool.path) > MAX_PATH)
      return `storagePool.path cannot have a length greater than ${MAX_PATH}`;
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

export const hppValidator: AdmissionPlugin = (req) => {
  if (req.kind !== 'HostPathProvisioner' || req.subresource || !req.object) return;
  if (req.operation !== 'CREATE' && req.operation !== 'UPDATE') return;
  const error = hppSpecError(req.object);
  if (error) throw controllerRuntimeDenial(WEBHOOKS.hppValidate, error);
};
