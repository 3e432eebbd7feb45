import { describe, expect, it } from 'vitest';
import { pickHyperConverged } from './hyperconverged';
import type { HyperConverged } from './types';
import { NO_MODEL_MESSAGE, watchState } from './watch-state';

const list = (items: HyperConverged[] | undefined, loaded: boolean, error?: unknown) =>
  watchState(items, loaded, error, true);

const hc = (namespace: string, name = 'kubevirt-hyperconverged', extra: object = {}): HyperConverged => ({
  metadata: { name, namespace, creationTimestamp: '2026-01-01T00:00:00Z', ...extra },
  spec: {},
});

describe('pickHyperConverged', () => {
  it('finds the CR in whatever namespace it lives (not only openshift-cnv)', () => {
    const r = pickHyperConverged(list([hc('kubevirt-hyperconverged')], true));
    expect(r.state === 'found' && r.hyperConverged.metadata?.namespace).toBe('kubevirt-hyperconverged');
  });

  it('stamps the watched version on items without apiVersion, and keeps an apiVersion it has', () => {
    const r = pickHyperConverged(list([hc('openshift-cnv')], true), 'v1');
    expect(r.state === 'found' && r.hyperConverged.apiVersion).toBe('hco.kubevirt.io/v1');
    const own = { ...hc('openshift-cnv'), apiVersion: 'hco.kubevirt.io/v1beta1' };
    const kept = pickHyperConverged(list([own], true), 'v1');
    expect(kept.state === 'found' && kept.hyperConverged.apiVersion).toBe('hco.kubevirt.io/v1beta1');
  });

  it('is loading until the list arrives', () => {
    expect(pickHyperConverged(list(undefined, false))).toEqual({ state: 'loading' });
  });

  it('reports not-installed for an empty list or a missing API', () => {
    expect(pickHyperConverged(list([], true)).state).toBe('not-installed');
    const missingApi = Object.assign(new Error('404'), { code: 404 });
    expect(pickHyperConverged(list(undefined, true, missingApi)).state).toBe('not-installed');
    expect(pickHyperConverged(list(undefined, true, new Error(NO_MODEL_MESSAGE))).state).toBe(
      'not-installed',
    );
  });

  it('passes other errors through', () => {
    const forbidden = { kind: 'Status', code: 403, message: 'forbidden' };
    expect(pickHyperConverged(list(undefined, true, forbidden))).toEqual({
      state: 'error',
      error: forbidden,
    });
  });

  it('prefers the canonical name and reports extra CRs; ignores ones being deleted', () => {
    const r = pickHyperConverged(
      list(
        [
          hc('a', 'kubevirt-hyperconverged-copy'),
          hc('b', 'kubevirt-hyperconverged', { deletionTimestamp: '2026-02-01T00:00:00Z' }),
          hc('c'),
        ],
        true,
      ),
    );
    expect(r.state).toBe('found');
    if (r.state !== 'found') return;
    expect(r.hyperConverged.metadata?.namespace).toBe('c');
    expect(r.others.map((o) => o.metadata?.namespace)).toEqual(['a']);
  });
});
