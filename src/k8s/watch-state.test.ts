import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnreadable, listOrEmpty, NO_MODEL_MESSAGE, watchState } from './watch-state';

const httpError = (code: number, message: string) =>
  Object.assign(new Error(message), { code, json: { kind: 'Status', code, message } });

/** The SDK's own NoModelError message, read from the installed SDK (its module needs the console to run). */
const sdkNoModelMessage = (): string | undefined => {
  const require = createRequire(import.meta.url);
  const lib = dirname(require.resolve('@openshift-console/dynamic-plugin-sdk/package.json'));
  const src = readFileSync(join(lib, 'lib/utils/k8s/hooks/k8s-watcher.js'), 'utf8');
  return /class NoModelError[\s\S]*?super\('([^']+)'\)/.exec(src)?.[1];
};

describe('watchState', () => {
  it('knows the message the installed SDK gives a kind the console did not discover', () => {
    expect(sdkNoModelMessage()).toBe(NO_MODEL_MESSAGE);
  });

  it('treats the SDK error as "API not installed" by its message, whatever minification named the class', () => {
    const minified = Object.assign(new Error(NO_MODEL_MESSAGE), { name: 'e' });
    // The SDK hands `{}` (not undefined) as data with that error: it must not pass for an object.
    const w = watchState({}, true, minified, false);
    expect(w).toMatchObject({ status: 'api-missing', absent: 'api-missing', loaded: true });
    expect(w.data).toBeUndefined();
  });

  it('tells a missing object (404 on the object) from a missing API (404 on the list)', () => {
    const notFound = httpError(404, 'storageprofiles.cdi.kubevirt.io "x" not found');
    expect(watchState(undefined, true, notFound, false).status).toBe('not-found');
    expect(watchState(undefined, true, notFound, true).status).toBe('api-missing');
  });

  it('keeps "forbidden" and other errors apart from absence, with no data', () => {
    const forbidden = watchState([], true, httpError(403, 'forbidden'), true);
    expect(forbidden.status).toBe('forbidden');
    expect(forbidden.absent).toBeUndefined();
    expect(forbidden.data).toBeUndefined();
    expect(watchState([], true, httpError(500, 'etcd'), true).status).toBe('error');
    expect(isUnreadable(forbidden)).toBe(true);
    expect(isUnreadable(watchState([], true, new Error(NO_MODEL_MESSAGE), true))).toBe(false);
  });

  it('is loading until the SDK says loaded, even with (empty) data', () => {
    expect(watchState([], false, undefined, true)).toEqual({ status: 'loading', loaded: false });
    expect(watchState([1], true, undefined, true)).toEqual({ status: 'loaded', loaded: true, data: [1] });
  });
});

describe('listOrEmpty', () => {
  it('is [] only when the API is absent, undefined when unknown', () => {
    expect(listOrEmpty(watchState<number[]>(undefined, true, new Error(NO_MODEL_MESSAGE), true))).toEqual([]);
    expect(listOrEmpty(watchState<number[]>(undefined, true, httpError(403, 'no'), true))).toBeUndefined();
    expect(listOrEmpty(watchState<number[]>(undefined, false, undefined, true))).toBeUndefined();
    expect(listOrEmpty(watchState([2], true, undefined, true))).toEqual([2]);
  });
});
