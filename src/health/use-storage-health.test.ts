// @vitest-environment jsdom
import type { WatchK8sResource } from '@openshift-console/dynamic-plugin-sdk';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HyperConvergedLookup } from '../k8s/hyperconverged';
import {
  cdi,
  dataVolume,
  found,
  hyperConverged,
  overwrittenEvent,
  RBD,
  storageClass,
  storageProfile,
} from './testing/health-fixtures';
import { HCO_EVENTS_FIELD_SELECTOR, HEALTH_CLOCK_MS, useStorageHealth } from './use-storage-health';

/**
 * A fake of the SDK's watch hook: every resource the hook asks for is recorded (a null resource opens no
 * watch, as in the SDK), and answers come from `lists` by kind (a kind not there is still loading).
 */
const watch = vi.hoisted(() => ({
  opened: [] as WatchK8sResource[],
  lists: new Map<string, unknown[]>(),
  hc: { state: 'loading' } as unknown,
}));

vi.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  useK8sWatchResource: (resource: WatchK8sResource | null) => {
    if (!resource) return [undefined, true, undefined];
    watch.opened.push(resource);
    const kind = resource.groupVersionKind?.kind ?? '';
    return watch.lists.has(kind) ? [watch.lists.get(kind), true, undefined] : [[], false, undefined];
  },
}));
vi.mock('../k8s/use-hyperconverged', () => ({
  useHyperConverged: () => watch.hc as HyperConvergedLookup,
}));

const kindsOpened = () => [...new Set(watch.opened.map((r) => r.groupVersionKind?.kind))].sort();

beforeEach(() => {
  watch.opened = [];
  watch.lists = new Map();
  watch.hc = found(hyperConverged());
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useStorageHealth', () => {
  it("opens only the storage-profiles page's watches: no DataVolumes, crons, HPP or events", () => {
    renderHook(() => useStorageHealth('storage-profiles'));
    expect(kindsOpened()).toEqual([
      'CDI',
      'CSIDriver',
      'Infrastructure',
      'StorageClass',
      'StorageProfile',
      'VolumeSnapshotClass',
    ]);
  });

  it('opens no DataVolume watch on the hostpath-provisioner page', () => {
    renderHook(() => useStorageHealth('hostpath-provisioner'));
    expect(kindsOpened()).toEqual(['HostPathProvisioner']);
  });

  it("watches every input on the overview, HCO's events in the HyperConverged's namespace", () => {
    renderHook(() => useStorageHealth());
    expect(kindsOpened()).toEqual([
      'CDI',
      'CSIDriver',
      'DataImportCron',
      'DataVolume',
      'Event',
      'HostPathProvisioner',
      'Infrastructure',
      'StorageClass',
      'StorageProfile',
      'VolumeSnapshotClass',
    ]);
    expect(watch.opened.find((r) => r.groupVersionKind?.kind === 'Event')).toMatchObject({
      namespace: 'openshift-cnv',
      fieldSelector: HCO_EVENTS_FIELD_SELECTOR,
      isList: true,
    });
  });

  it('is loading until its inputs load, then reports the findings of the page only', () => {
    const { result, rerender } = renderHook(() => useStorageHealth('storage-profiles'));
    expect(result.current.loading).toBe(true);
    expect(result.current.passed).toEqual([]);
    watch.lists.set('StorageClass', [storageClass('ocs-rbd', RBD, { k8s: 'true' })]);
    watch.lists.set('StorageProfile', [
      storageProfile('ocs-rbd', RBD, { cloneStrategy: 'csi-clone' }),
      storageProfile('acme', 'csi.acme.example.com', { sets: [] }),
    ]);
    watch.lists.set('CDI', [cdi()]);
    watch.lists.set('DataVolume', [
      dataVolume('team-a', 'x', { phase: 'ImportInProgress', restartCount: 9 }),
    ]);
    watch.lists.set('VolumeSnapshotClass', []);
    watch.lists.set('CSIDriver', []);
    watch.lists.set('Infrastructure', []);
    rerender();
    expect(result.current.loading).toBe(false);
    // The restarting DataVolume concerns the data-volumes page, not this one.
    expect(result.current.findings.map((f) => f.id)).toEqual([
      'default-class-degraded',
      'profiles-incomplete',
    ]);
    expect(result.current.unchecked).toEqual([]);
  });

  it('moves its clock every 30 s, so a reverted edit drops out of the 10-minute window', () => {
    vi.useFakeTimers({ now: Date.parse('2026-08-20T12:00:00Z') });
    watch.lists.set('Event', [
      overwrittenEvent({ first: '2026-08-20T11:55:00Z', last: '2026-08-20T11:59:50Z' }),
    ]);
    const { result } = renderHook(() => useStorageHealth('storage-settings'));
    const modified = () => result.current.findings.some((f) => f.id === 'cdi-modified');
    expect(modified()).toBe(true);
    act(() => {
      vi.advanceTimersByTime(10 * 60 * 1000 + HEALTH_CLOCK_MS);
    });
    expect(modified()).toBe(false);
  });
});
