import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../sim-api';
import { hppValidator } from './hpp-admission';
import { rejection, request, testCluster } from './test-helpers';

const hpp = (spec: Record<string, unknown>, name = 'hostpath-provisioner'): K8sObject => ({
  apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
  kind: 'HostPathProvisioner',
  metadata: { name },
  spec,
});
const admit = (object: K8sObject, operation: 'CREATE' | 'UPDATE' = 'CREATE', existing: K8sObject[] = []) =>
  hppValidator(request({ operation, kind: 'HostPathProvisioner', object }), testCluster(existing).ctx);

describe('HostPathProvisioner validating webhook', () => {
  it.each([
    [
      { pathConfig: { path: '/var/hp' }, storagePools: [{ name: 'a', path: '/a' }] },
      'pathConfig and storage pools cannot be both set',
    ],
    [{}, 'either pathConfig or storage pools must be set'],
    [{ pathConfig: { path: '' } }, 'pathconfig path must be set'],
    [{ storagePools: [{ name: '', path: '/a' }] }, 'storagePool.name cannot be blank'],
    [
      { storagePools: [{ name: 'n'.repeat(51), path: '/a' }] },
      'storagePool.name cannot have a length greater than 50',
    ],
    [{ storagePools: [{ name: 'a', path: '' }] }, 'storagePool.path cannot be blank'],
    [
      { storagePools: [{ name: 'a', path: `/${'p'.repeat(255)}` }] },
      'storagePool.path cannot have a length greater than 255',
    ],
    [
      {
        storagePools: [
          { name: 'a', path: '/x' },
          { name: 'b', path: '/x' },
        ],
      },
      'spec.storagePools[1].path is the same as spec.storagePools[0].path, cannot have duplicate paths',
    ],
    [
      {
        storagePools: [
          { name: 'a', path: '/x' },
          { name: 'a', path: '/y' },
        ],
      },
      'spec.storagePools[1].name is the same as spec.storagePools[0].name, cannot have duplicate names',
    ],
  ])('denies %j on create and update', (spec, message) => {
    for (const op of ['CREATE', 'UPDATE'] as const) {
      const err = rejection(() => admit(hpp(spec), op));
      expect(err.code).toBe(403);
      expect(err.message).toBe(
        `admission webhook "validate-hostpath-provisioner.kubevirt.io" denied the request: ${message}`,
      );
    }
  });

  it('accepts pools with unique names and paths, and the legacy pathConfig', () => {
    expect(() =>
      admit(
        hpp({
          storagePools: [
            { name: 'a', path: '/a' },
            { name: 'b', path: '/b' },
          ],
        }),
      ),
    ).not.toThrow();
    expect(() =>
      admit(hpp({ pathConfig: { path: '/var/hpvolumes', useNamingPrefix: false } })),
    ).not.toThrow();
  });

  it('allows only one HostPathProvisioner', () => {
    const existing = hpp({ storagePools: [{ name: 'a', path: '/a' }] });
    const err = rejection(() =>
      admit(hpp({ storagePools: [{ name: 'b', path: '/b' }] }, 'second'), 'CREATE', [existing]),
    );
    expect(err.message).toContain(
      'only one HostPathProvisioner is supported, and "hostpath-provisioner" already exists',
    );
    expect(() =>
      admit(hpp({ storagePools: [{ name: 'b', path: '/b' }] }), 'UPDATE', [existing]),
    ).not.toThrow();
  });
});
