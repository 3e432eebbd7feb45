import { useK8sWatchResource, type K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import {
  DataSourceModel,
  DataVolumeModel,
  gvk,
  NamespaceModel,
  PersistentVolumeClaimModel,
  VolumeSnapshotModel,
} from '../../../k8s/models';
import { metadataName } from '../../../k8s/names';
import { quantityToInteger } from '../../../k8s/quantity';
import type {
  DataSource,
  DataVolume,
  Namespace,
  PersistentVolumeClaim,
  VolumeSnapshot,
} from '../../../k8s/types';
import type { WatchRequest } from '../../../k8s/use-watch';
import { listOrEmpty, watchState, type Watched } from '../../../k8s/watch-state';
import { cloneSource, isCloneKind, type DataVolumeForm } from '../logic/dv-form';
import type { DvValidationContext } from '../logic/dv-validation';

/** One object the user may clone from, as the source list offers it. */
export interface SourceOption {
  name: string;
  /** A quantity ("30Gi"): PVC capacity (else request), snapshot restoreSize; undefined when unknown. */
  size?: string;
  /** For a DataSource: what it points at, in its namespace resolved. */
  target?: { kind: 'pvc' | 'snapshot'; namespace: string; name: string };
}

/** The PVC or VolumeSnapshot CDI clones from, with a DataSource resolved to it. */
export interface ResolvedSource {
  kind: 'pvc' | 'snapshot';
  namespace: string;
  name: string;
}

export interface SourceFacts {
  /** Known namespaces; undefined when they cannot be listed. */
  namespaces: string[] | undefined;
  /** The list of the chosen kind in the source namespace; undefined while loading or unreadable. */
  options: SourceOption[] | undefined;
  /** The source list's watch, for its loading / forbidden state. */
  optionsState: Watched<unknown[]>['status'] | undefined;
  /** The chosen source in that list, when the list was read and has it. */
  chosen: SourceOption | undefined;
  /** What CDI clones from (for a DataSource: its PVC or snapshot); undefined for non-clones or unknown. */
  resolved: ResolvedSource | undefined;
  ctx: DvValidationContext;
}

const dataSourceTarget = (ds: DataSource): SourceOption['target'] => {
  const ns = ds.metadata?.namespace ?? '';
  const src = ds.spec?.source;
  if (src?.pvc?.name) return { kind: 'pvc', namespace: src.pvc.namespace || ns, name: src.pvc.name };
  if (src?.snapshot?.name)
    return { kind: 'snapshot', namespace: src.snapshot.namespace || ns, name: src.snapshot.name };
  return undefined;
};

/** A list watch that watches nothing (and stays 'loading') while `request` is null. */
const useListIf = <T extends K8sResourceCommon>(request: Omit<WatchRequest, 'name'> | null): Watched<T[]> => {
  const [data, loaded, error] = useK8sWatchResource<T[]>(request ? { ...request, isList: true } : null);
  return useMemo(() => watchState(data, loaded, error, true), [data, loaded, error]);
};

const pvcSize = (pvc: PersistentVolumeClaim) =>
  pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage;

const bytesOf = (q: string | undefined): { bytes: number } | undefined => {
  if (!q) return undefined;
  const b = quantityToInteger(q);
  return b === undefined ? undefined : { bytes: Number(b) };
};

/**
 * Everything the Source step and the validation need from the cluster: namespaces, names already taken in the
 * target namespace, and the clone source's list in its namespace (with sizes, and a DataSource resolved to the
 * PVC or snapshot it points at).
 */
export const useSourceFacts = (form: DataVolumeForm): SourceFacts => {
  const clone = isCloneKind(form.sourceKind);
  const source = cloneSource(form);
  const sourceNs = clone ? source?.namespace || undefined : undefined;
  const target = form.namespace || undefined;

  const namespacesW = useListIf<Namespace>({ groupVersionKind: gvk(NamespaceModel) });
  const dvsW = useListIf<DataVolume>(
    target ? { groupVersionKind: gvk(DataVolumeModel), namespace: target } : null,
  );
  const pvcsW = useListIf<PersistentVolumeClaim>(
    target ? { groupVersionKind: gvk(PersistentVolumeClaimModel), namespace: target } : null,
  );
  // The source lists, watched only for the chosen kind (and its namespace).
  const srcPvcsW = useListIf<PersistentVolumeClaim>(
    form.sourceKind === 'pvc' && sourceNs
      ? { groupVersionKind: gvk(PersistentVolumeClaimModel), namespace: sourceNs }
      : null,
  );
  const srcSnapsW = useListIf<VolumeSnapshot>(
    form.sourceKind === 'snapshot' && sourceNs
      ? { groupVersionKind: gvk(VolumeSnapshotModel), namespace: sourceNs, optional: true }
      : null,
  );
  const srcDsW = useListIf<DataSource>(
    form.sourceKind === 'dataSource' && sourceNs
      ? { groupVersionKind: gvk(DataSourceModel), namespace: sourceNs, optional: true }
      : null,
  );
  // A DataSource's PVC or snapshot may live in another namespace: watched there for its size.
  const srcDsList = listOrEmpty(srcDsW);
  const dsChosen =
    form.sourceKind === 'dataSource' ? srcDsList?.find((d) => metadataName(d) === source?.name) : undefined;
  const dsTarget = dsChosen ? dataSourceTarget(dsChosen) : undefined;
  const dsTargetPvcsW = useListIf<PersistentVolumeClaim>(
    dsTarget?.kind === 'pvc'
      ? { groupVersionKind: gvk(PersistentVolumeClaimModel), namespace: dsTarget.namespace }
      : null,
  );
  const dsTargetSnapsW = useListIf<VolumeSnapshot>(
    dsTarget?.kind === 'snapshot'
      ? { groupVersionKind: gvk(VolumeSnapshotModel), namespace: dsTarget.namespace, optional: true }
      : null,
  );

  return useMemo(() => {
    const nsList = listOrEmpty(namespacesW);
    const namespaces = nsList?.map((n) => metadataName(n)).sort();
    const dvs = target ? listOrEmpty(dvsW) : undefined;
    const pvcs = target ? listOrEmpty(pvcsW) : undefined;
    const takenNames =
      dvs && pvcs ? [...dvs.map((d) => metadataName(d)), ...pvcs.map((p) => metadataName(p))] : undefined;

    let options: SourceOption[] | undefined;
    let optionsState: SourceFacts['optionsState'];
    if (clone && sourceNs) {
      if (form.sourceKind === 'pvc') {
        optionsState = srcPvcsW.status;
        options = listOrEmpty(srcPvcsW)?.map((p) => ({ name: metadataName(p), size: pvcSize(p) }));
      } else if (form.sourceKind === 'snapshot') {
        optionsState = srcSnapsW.status;
        options = listOrEmpty(srcSnapsW)?.map((s) => ({
          name: metadataName(s),
          size: s.status?.restoreSize,
        }));
      } else {
        optionsState = srcDsW.status;
        const tPvcs = listOrEmpty(dsTargetPvcsW);
        const tSnaps = listOrEmpty(dsTargetSnapsW);
        options = srcDsList?.map((d) => {
          const tg = dataSourceTarget(d);
          let size: string | undefined;
          if (tg && dsTarget && tg.namespace === dsTarget.namespace) {
            size =
              tg.kind === 'pvc'
                ? (() => {
                    const p = tPvcs?.find((x) => metadataName(x) === tg.name);
                    return p ? pvcSize(p) : undefined;
                  })()
                : tSnaps?.find((x) => metadataName(x) === tg.name)?.status?.restoreSize;
          }
          return { name: metadataName(d), size, target: tg };
        });
      }
      options?.sort((a, b) => a.name.localeCompare(b.name));
    }
    const chosen = options && source?.name ? options.find((o) => o.name === source.name) : undefined;
    const sourceExists =
      clone && options && source?.name ? options.some((o) => o.name === source.name) : undefined;

    let resolved: ResolvedSource | undefined;
    if (clone && source && source.name) {
      if (form.sourceKind === 'pvc' || form.sourceKind === 'snapshot')
        resolved = { kind: form.sourceKind, namespace: source.namespace, name: source.name };
      else if (chosen?.target) resolved = chosen.target;
    }
    const ctx: DvValidationContext = {
      namespaces,
      takenNames,
      sourceSize: bytesOf(chosen?.size),
      sourceExists: sourceExists === false ? false : undefined,
    };
    return { namespaces, options, optionsState, chosen, resolved, ctx };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    namespacesW,
    dvsW,
    pvcsW,
    srcPvcsW,
    srcSnapsW,
    srcDsW,
    dsTargetPvcsW,
    dsTargetSnapsW,
    form.sourceKind,
    sourceNs,
    source?.name,
    target,
  ]);
};
