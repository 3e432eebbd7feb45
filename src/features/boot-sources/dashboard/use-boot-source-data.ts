import { useMemo } from 'react';
import {
  DataImportCronModel,
  DataSourceModel,
  gvk,
  StorageClassModel,
  StorageProfileModel,
  VolumeSnapshotClassModel,
} from '../../../k8s/models';
import type {
  DataImportCron,
  DataSource,
  HyperConverged,
  StorageClass,
  StorageProfile,
  VolumeSnapshotClass,
} from '../../../k8s/types';
import { useWatchList } from '../../../k8s/use-watch';
import { isUnreadable, listOrEmpty, type Watched } from '../../../k8s/watch-state';
import { buildBootSourceRows, compareRows, type BootSourceRow } from '../logic/boot-source-rows';
import { findClusterProblems, type ClusterProblem } from '../logic/cluster-problems';
import { bootSourceDefaultClass, defaultClassNames } from './default-classes';

export interface BootSourceData {
  /** Settled: every essential list has an answer (loaded, absent or failed). */
  settled: boolean;
  rows: BootSourceRow[];
  problems: ClusterProblem[];
  crons: Watched<DataImportCron[]>;
  dataSources: Watched<DataSource[]>;
  storageClasses: Watched<StorageClass[]>;
  profiles: Watched<StorageProfile[]>;
  snapshotClasses: Watched<VolumeSnapshotClass[]>;
  /** Loaded lists for the dialogs (empty while unknown: they say so from the Watched states). */
  classList: StorageClass[];
  profileList: StorageProfile[];
  snapshotClassList: VolumeSnapshotClass[];
}

/**
 * One watch per kind for the whole page; the dialogs get what they need from here. The lists start at once,
 * alongside the HyperConverged lookup (`hco` undefined until it is found), not after it.
 */
export const useBootSourceData = (hco: HyperConverged | undefined): BootSourceData => {
  const crons = useWatchList<DataImportCron>({ groupVersionKind: gvk(DataImportCronModel) });
  const dataSources = useWatchList<DataSource>({ groupVersionKind: gvk(DataSourceModel) });
  const storageClasses = useWatchList<StorageClass>({ groupVersionKind: gvk(StorageClassModel) });
  const profiles = useWatchList<StorageProfile>({ groupVersionKind: gvk(StorageProfileModel) });
  const snapshotClasses = useWatchList<VolumeSnapshotClass>({
    groupVersionKind: gvk(VolumeSnapshotClassModel),
    optional: true,
  });
  const settled =
    crons.loaded && dataSources.loaded && storageClasses.loaded && profiles.loaded && snapshotClasses.loaded;
  const classList = listOrEmpty(storageClasses);
  const profileList = listOrEmpty(profiles);
  const snapshotClassList = listOrEmpty(snapshotClasses);

  const rows = useMemo(() => {
    if (!settled || !hco) return [];
    return buildBootSourceRows({
      hco,
      crons: listOrEmpty(crons) ?? [],
      dataSources: listOrEmpty(dataSources) ?? [],
      defaultClassName: classList ? bootSourceDefaultClass(classList) : undefined,
    }).sort(compareRows);
  }, [settled, hco, crons, dataSources, classList]);

  const problems = useMemo(
    () =>
      settled && hco
        ? findClusterProblems({
            hco,
            rows,
            defaults: classList ? defaultClassNames(classList) : undefined,
            profiles: profileList,
            snapshotClasses: isUnreadable(snapshotClasses) ? undefined : snapshotClassList,
          })
        : [],
    [settled, hco, rows, classList, profileList, snapshotClasses, snapshotClassList],
  );

  return {
    settled,
    rows,
    problems,
    crons,
    dataSources,
    storageClasses,
    profiles,
    snapshotClasses,
    classList: classList ?? [],
    profileList: profileList ?? [],
    snapshotClassList: snapshotClassList ?? [],
  };
};
