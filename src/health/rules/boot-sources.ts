import { translatable } from '../../k8s/translatable';
import type { DataImportCron, DataVolume } from '../../k8s/types';
import { bootSourcesFix, dataVolumeFix } from '../fix-links';
import type { FindingObject } from '../types';
import { condition, nameOf, namespaceOf, parseTime, sortObjects, type Rule } from './context';

/** CDI's `cdi.kubevirt.io/storage.import.storageClass` cron annotation (dataimportcron-controller.go:102). */
export const CRON_STORAGE_CLASS_ANNOTATION = 'cdi.kubevirt.io/storage.import.storageClass';
/** The label CDI puts on a cron's import DataVolumes (api-facts 3). */
export const CRON_LABEL = 'cdi.kubevirt.io/dataImportCron';

/** CDIDataImportCronOutdated's `for` (CDI v1.65.0 pkg/monitoring/rules/alerts/operator.go:60-71). */
export const OUTDATED_FOR_MS = 15 * 60 * 1000;

/**
 * CDI's UnusualRestartCountThreshold (pkg/common/common.go:306-307): the recording rules count pods with
 * more than 3 restarts (pkg/monitoring/rules/recordingrules/pods.go:23). A DataVolume's
 * `status.restartCount` is its population pod's restart count (datavolume/controller-base.go:971-973).
 */
export const RESTART_THRESHOLD = 3;
export const restartsUnusually = (dv: DataVolume): boolean =>
  (dv.status?.restartCount ?? 0) > RESTART_THRESHOLD;

/**
 * The DataVolumes a cron imports with: `status.currentImports[].DataVolumeName`, and its labelled DVs in the
 * same namespace.
 */
const importDataVolumes = (cron: DataImportCron, dvs: readonly DataVolume[]): DataVolume[] => {
  const names = new Set((cron.status?.currentImports ?? []).map((i) => i.DataVolumeName));
  return dvs.filter(
    (dv) =>
      namespaceOf(dv) === namespaceOf(cron) &&
      (names.has(nameOf(dv)) || dv.metadata?.labels?.[CRON_LABEL] === nameOf(cron)),
  );
};

const neverSucceeded = (cron: DataImportCron): boolean =>
  !cron.status?.lastImportedPVC && !cron.status?.lastImportTimestamp;

const isFailing = (dv: DataVolume): boolean => dv.status?.phase === 'Failed' || restartsUnusually(dv);

/** The failing import DataVolume of a cron that never imported, if any. */
export const failingImport = (cron: DataImportCron, dvs: readonly DataVolume[]): DataVolume | undefined =>
  neverSucceeded(cron) ? importDataVolumes(cron, dvs).find(isFailing) : undefined;

/** Why the DataVolume fails, from the API: its Running condition, else Ready (they are exclusive). */
const dvMessage = (dv: DataVolume): string | undefined => {
  const running = condition(dv.status?.conditions, 'Running');
  const ready = condition(dv.status?.conditions, 'Ready');
  return running?.message || ready?.message || undefined;
};

/**
 * Not an upstream alert: a boot source whose import fails before it ever succeeded (CDI's outdated alert
 * fires for it too, after 15 minutes, but names no cause). Failing = the import DataVolume is Failed or
 * restarted more than CDI's unusual-restart threshold.
 */
export const bootSourcesFailing: Rule = ({ dataImportCrons, dataVolumes }) => {
  const objects: FindingObject[] = dataImportCrons.flatMap((cron) => {
    const dv = failingImport(cron, dataVolumes);
    if (!dv) return [];
    const message = dvMessage(dv);
    return [
      {
        kind: 'DataImportCron',
        name: nameOf(cron),
        namespace: namespaceOf(cron),
        ...(message
          ? { detail: message }
          : {
              detail: translatable('Import DataVolume {{name}} is {{phase}} ({{restarts}} restarts)'),
              detailTranslatable: true,
              detailParams: {
                name: nameOf(dv),
                phase: dv.status?.phase ?? '',
                restarts: dv.status?.restartCount ?? 0,
              },
            }),
        fix: dataVolumeFix(namespaceOf(dv) ?? '', nameOf(dv)),
      },
    ];
  });
  return objects.length ? { objects: sortObjects(objects), fix: bootSourcesFix() } : null;
};

/**
 * `kubevirt_cdi_dataimportcron_outdated{pending="false"} == 1` for 15 minutes
 * (dataimportcron-conditions.go:56-70): the UpToDate condition is not True, and the cron is not pending
 * for a default class (pending = no storage-class annotation on the cron and no class in its template).
 * The `for` is mirrored with the condition's lastTransitionTime, so a normal import (UpToDate=False while
 * it runs) is not reported. Crons reported by boot-sources-failing are left out here (same cause).
 */
export const bootSourcesOutdated: Rule = ({ dataImportCrons, dataVolumes, now }) => {
  // An optional input here: undefined when DataVolumes cannot be read (then nothing is left out).
  const dvs: readonly DataVolume[] = (dataVolumes as DataVolume[] | undefined) ?? [];
  const objects: FindingObject[] = dataImportCrons.flatMap((cron) => {
    const upToDate = condition(cron.status?.conditions, 'UpToDate');
    if (!upToDate || upToDate.status === 'True') return [];
    const template = cron.spec?.template?.spec;
    const className = template?.pvc ? template.pvc.storageClassName : template?.storage?.storageClassName;
    // `_, scExists := cron.Annotations[AnnStorageClass]`: present, even empty, is not pending.
    const pending =
      cron.metadata?.annotations?.[CRON_STORAGE_CLASS_ANNOTATION] === undefined &&
      (className ?? null) === null;
    if (pending) return [];
    const since = parseTime(upToDate.lastTransitionTime);
    if (since !== undefined && now - since < OUTDATED_FOR_MS) return [];
    if (failingImport(cron, dvs)) return [];
    return [
      {
        kind: 'DataImportCron',
        name: nameOf(cron),
        namespace: namespaceOf(cron),
        ...(upToDate.message ? { detail: upToDate.message } : {}),
      },
    ];
  });
  return objects.length ? { objects: sortObjects(objects), fix: bootSourcesFix() } : null;
};

/**
 * HCOGoldenImageWithNoSupportedArchitecture (HCO v1.18.1 pkg/monitoring/hyperconverged/rules/alerts/
 * operator_alerts.go:72-83): a `status.dataImportCronTemplates[]` item with condition Deployed=False
 * (reason UnsupportedArchitectures; controllers/handlers/golden-images/golden_images.go:37-40, 86-100).
 */
export const goldenImagesUnsupportedArch: Rule = ({ hyperConverged }) => {
  const hc = hyperConverged[0];
  if (!hc) return null;
  const objects: FindingObject[] = (hc.status?.dataImportCronTemplates ?? []).flatMap((dict) => {
    const deployed = condition(dict.status?.conditions, 'Deployed');
    if (deployed?.status !== 'False') return [];
    return [
      {
        kind: 'DataImportCronTemplate',
        name: dict.metadata?.name ?? '',
        ...(deployed.message ? { detail: deployed.message } : {}),
      },
    ];
  });
  return objects.length ? { objects: sortObjects(objects), fix: bootSourcesFix(hc) } : null;
};
