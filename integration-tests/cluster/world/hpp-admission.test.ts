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
const admit = (
  object: K8sObject,
  operation: 'CREATE' | 'UPDATE' | 'DELETE' = 'CREATE',
  existing: K8sObject[] = [],
) => hppValidator(request({ operation, kind: 'HostPathProvisioner', object }), testCluster(existing).ctx);

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

  it('admits a second HostPathProvisioner (upstream has no such rule; the operator stops reconciling)', () => {
    const existing = hpp({ storagePools: [{ name: 'a', path: '/a' }] });
    expect(() =>
      admit(hpp({ storagePools: [{ name: 'b', path: '/b' }] }, 'second'), 'CREATE', [existing]),
    ).not.toThrow();
  });

  it('has no pvcTemplate or workload rule, and counts bytes as Go does', () => {
    expect(() =>
      admit(
        hpp({
          storagePools: [{ name: 'a', path: '/a', pvcTemplate: {} }],
          workload: { nodeSelector: { 'no-such-label': 'x' } },
        }),
      ),
    ).not.toThrow();
    // 26 two-byte characters are 52 bytes: over the 50-byte limit.
    const err = rejection(() => admit(hpp({ storagePools: [{ name: 'é'.repeat(26), path: '/a' }] })));
    expect(err.message).toContain('storagePool.name cannot have a length greater than 50');
  });

  it('allows every delete (ValidateDelete returns nil)', () => {
    expect(() => admit(hpp({}), 'DELETE')).not.toThrow();
  });
});
