import {
  useK8sWatchResource,
  type K8sResourceCommon,
  type WatchK8sResource,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { useNow } from '../components/use-now';
import {
  CDIModel,
  CSIDriverModel,
  DataImportCronModel,
  DataVolumeModel,
  EventModel,
  gvk,
  HostPathProvisionerModel,
  InfrastructureModel,
  StorageClassModel,
  StorageProfileModel,
  VolumeSnapshotClassModel,
} from '../k8s/models';
import { useHyperConverged } from '../k8s/use-hyperconverged';
import { watchState, type Watched } from '../k8s/watch-state';
import { inputsForRules, rulesForPage, type HealthInputKey } from './catalog';
import { computeHealth } from './findings';
import type { HealthInputs, HealthPage, HealthReport } from './types';

/** The field selector of the HyperConverged's events (HCO's `Overwritten` events are about the HC). */
export const HCO_EVENTS_FIELD_SELECTOR = 'involvedObject.kind=HyperConverged';

/** How often `now` moves on (time windows: KubeVirtCRModified's 10 minutes, the outdated cron's 15). */
export const HEALTH_CLOCK_MS = 30_000;

const LISTS: Record<Exclude<HealthInputKey, 'hyperConverged' | 'hcoEvents'>, WatchK8sResource> = {
  storageProfiles: { groupVersionKind: gvk(StorageProfileModel) },
  storageClasses: { groupVersionKind: gvk(StorageClassModel) },
  dataImportCrons: { groupVersionKind: gvk(DataImportCronModel) },
  dataVolumes: { groupVersionKind: gvk(DataVolumeModel) },
  cdis: { groupVersionKind: gvk(CDIModel) },
  hostPathProvisioners: { groupVersionKind: gvk(HostPathProvisionerModel) },
  volumeSnapshotClasses: { groupVersionKind: gvk(VolumeSnapshotClassModel) },
  csiDrivers: { groupVersionKind: gvk(CSIDriverModel) },
  infrastructures: { groupVersionKind: gvk(InfrastructureModel) },
};

const NOT_WATCHED: Watched<K8sResourceCommon[]> = { status: 'loading', loaded: false };

/**
 * A cluster-wide list, or no watch at all when `needed` is false (the SDK opens none for a null resource).
 */
const useListIf = (needed: boolean, resource: WatchK8sResource): Watched<K8sResourceCommon[]> => {
  const [data, loaded, error] = useK8sWatchResource<K8sResourceCommon[]>(
    needed ? { ...resource, isList: true } : null,
  );
  return useMemo(
    () => (needed ? watchState(data, loaded, error, true) : NOT_WATCHED),
    [needed, data, loaded, error],
  );
};

/**
 * The storage health of the cluster, live: the findings of the rules that concern `page` (every rule for
 * 'overview'), opening only the watches those rules read. `loading` while any of them is still loading.
 * The HyperConverged is always watched (useHyperConverged has no "off"; other pages watch it anyway).
 */
export const useStorageHealth = (page: HealthPage = 'overview'): HealthReport & { loading: boolean } => {
  const ids = useMemo(() => rulesForPage(page), [page]);
  const needed = useMemo(() => inputsForRules(ids), [ids]);
  const need = (key: HealthInputKey) => needed.has(key);

  const storageProfiles = useListIf(need('storageProfiles'), LISTS.storageProfiles);
  const storageClasses = useListIf(need('storageClasses'), LISTS.storageClasses);
  const dataImportCrons = useListIf(need('dataImportCrons'), LISTS.dataImportCrons);
  const dataVolumes = useListIf(need('dataVolumes'), LISTS.dataVolumes);
  const cdis = useListIf(need('cdis'), LISTS.cdis);
  const hostPathProvisioners = useListIf(need('hostPathProvisioners'), LISTS.hostPathProvisioners);
  const volumeSnapshotClasses = useListIf(need('volumeSnapshotClasses'), LISTS.volumeSnapshotClasses);
  const csiDrivers = useListIf(need('csiDrivers'), LISTS.csiDrivers);
  const infrastructures = useListIf(need('infrastructures'), LISTS.infrastructures);
  const hyperConverged = useHyperConverged();

  // HCO's events are in the HyperConverged's namespace, which is known only once it is found.
  const hcNamespace =
    hyperConverged.state === 'found' ? hyperConverged.hyperConverged.metadata?.namespace : undefined;
  const eventsNeeded = need('hcoEvents') && !!hcNamespace;
  const eventsWatched = useListIf(eventsNeeded, {
    groupVersionKind: gvk(EventModel),
    namespace: hcNamespace,
    fieldSelector: HCO_EVENTS_FIELD_SELECTOR,
  });
  const now = useNow(HEALTH_CLOCK_MS);

  return useMemo(() => {
    // Without a HyperConverged there is nothing HCO could revert: the rule passes on it (events unused).
    const hcoEvents: Watched<K8sResourceCommon[]> =
      hyperConverged.state === 'not-installed'
        ? { status: 'api-missing', loaded: true, absent: 'api-missing' }
        : eventsWatched;
    const report = computeHealth(
      {
        storageProfiles,
        storageClasses,
        dataImportCrons,
        dataVolumes,
        cdis,
        hostPathProvisioners,
        hyperConverged,
        hcoEvents,
        volumeSnapshotClasses,
        csiDrivers,
        infrastructures,
        now,
      } as unknown as HealthInputs,
      ids,
    );
    return { ...report, loading: report.unchecked.some((u) => u.reason === 'loading') };
  }, [
    ids,
    storageProfiles,
    storageClasses,
    dataImportCrons,
    dataVolumes,
    cdis,
    hostPathProvisioners,
    hyperConverged,
    eventsWatched,
    volumeSnapshotClasses,
    csiDrivers,
    infrastructures,
    now,
  ]);
};
