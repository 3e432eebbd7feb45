import type { Patch } from '@openshift-console/dynamic-plugin-sdk';
import { vi } from 'vitest';
import { applyAsApiserver } from './apply-as-apiserver';

/** An apiserver `Status` error as the SDK throws it (with `details.causes` when given, as for a 422). */
export const statusError = (code: number, reason: string, message: string, causes?: unknown[]) =>
  Object.assign(new Error(message), {
    code,
    json: { kind: 'Status', code, reason, message, ...(causes ? { details: { causes } } : {}) },
  });

/**
 * A fake apiserver for tests that mock the SDK's k8sPatch/k8sGet with `fakeSdk`: objects by name, every
 * PATCH recorded in `sent`, and faults per (name, call number): `fail.set('lvms#2', error)` answers the
 * second PATCH of `lvms` with `error`, `fail.set('lvms', error)` every PATCH of `lvms` (until deleted). A
 * patch whose `test` fails is rejected with the apiserver's generic 422.
 *
 * Mock the SDK with it through a dynamic import (the mock factory is hoisted above the imports):
 * `vi.mock('@openshift-console/dynamic-plugin-sdk', async () => (await import('…/fake-apiserver')).fakeSdk)`;
 * the test's own `import { apiserver } from '…/fake-apiserver'` gets the same module, hence the same state.
 */
export const apiserver = {
  objects: new Map<string, unknown>(),
  sent: [] as { name: string; patch: Patch[] }[],
  fail: new Map<string, unknown>(),
  /** Starts over with (copies of) these objects, no requests and no faults. */
  reset(objects: readonly { metadata?: { name?: string } }[]) {
    this.objects = new Map(objects.map((o) => [o.metadata?.name ?? '', structuredClone(o)]));
    this.sent = [];
    this.fail = new Map();
  },
};

export const fakeSdk = {
  k8sPatch: vi.fn(async ({ resource, data }: { resource: { metadata: { name: string } }; data: Patch[] }) => {
    const name = resource.metadata.name;
    apiserver.sent.push({ name, patch: data });
    const key = `${name}#${apiserver.sent.filter((s) => s.name === name).length}`;
    if (apiserver.fail.has(key)) throw apiserver.fail.get(key);
    if (apiserver.fail.has(name)) throw apiserver.fail.get(name);
    let next: object;
    try {
      next = applyAsApiserver(apiserver.objects.get(name) as object, data);
    } catch {
      throw statusError(422, 'Invalid', 'the server rejected our request due to an error in our request');
    }
    apiserver.objects.set(name, next);
    return structuredClone(next);
  }),
  k8sGet: vi.fn(async ({ name }: { name: string }) => structuredClone(apiserver.objects.get(name))),
};
