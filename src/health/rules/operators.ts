import { translatable } from '../../k8s/translatable';
import type { K8sCondition, K8sEvent } from '../../k8s/types';
import { dataVolumeFix, hostpathProvisionerFix, storageSettingsFix } from '../fix-links';
import type { FindingObject } from '../types';
import { restartsUnusually } from './boot-sources';
import {
  condition,
  isConditionTrue,
  nameOf,
  namespaceOf,
  parseTime,
  sortObjects,
  type Rule,
} from './context';

/**
 * Ready as CDI and HPP compute their `*_cr_ready` gauge: Available=True is ready; otherwise it is not ready
 * unless Progressing=True ("not an issue if progress is still ongoing"). CDI v1.65.0
 * pkg/operator/controller/controller.go:248-254; HPP operator v0.25.2
 * pkg/controller/hostpathprovisioner/controller.go:377-383.
 */
const notReady = (conditions: readonly K8sCondition[] | undefined): boolean =>
  !isConditionTrue(conditions, 'Available') && !isConditionTrue(conditions, 'Progressing');

/** The API's own explanation: Degraded's message when it is True, else Available's. */
const whyNotReady = (conditions: readonly K8sCondition[] | undefined): string | undefined => {
  const degraded = condition(conditions, 'Degraded');
  if (degraded?.status === 'True' && degraded.message) return degraded.message;
  return condition(conditions, 'Available')?.message || undefined;
};

/** CDINotReady: `kubevirt_cdi_cr_ready == 0` (pkg/monitoring/rules/alerts/operator.go:23-34). */
export const cdiNotReady: Rule = ({ cdis }) => {
  const objects: FindingObject[] = cdis
    .filter((cdi) => notReady(cdi.status?.conditions))
    .map((cdi) => {
      const message = whyNotReady(cdi.status?.conditions);
      return {
        kind: 'CDI',
        name: nameOf(cdi),
        ...(message
          ? { detail: message }
          : {
              detail: translatable('Phase: {{phase}}'),
              detailTranslatable: true,
              detailParams: { phase: cdi.status?.phase ?? '—' },
            }),
      };
    });
  return objects.length ? { objects: sortObjects(objects) } : null;
};

/** HPPNotReady: `kubevirt_hpp_cr_ready == 0` (HPP operator v0.25.2 pkg/monitoring/rules/alerts/operator.go:40-51). */
export const hppDegraded: Rule = ({ hostPathProvisioners }) => {
  const objects: FindingObject[] = hostPathProvisioners
    .filter((hpp) => notReady(hpp.status?.conditions))
    .map((hpp) => {
      const message = whyNotReady(hpp.status?.conditions);
      return {
        kind: 'HostPathProvisioner',
        name: nameOf(hpp),
        ...(message
          ? { detail: message }
          : { detail: translatable('Not available'), detailTranslatable: true }),
        fix: hostpathProvisionerFix(nameOf(hpp)),
      };
    });
  return objects.length ? { objects: sortObjects(objects) } : null;
};

/**
 * CDIDataVolumeUnusualRestartCount (operator.go:35-46): a population pod restarted more than 3 times. The pod
 * metric exists only while the pod does, so a Succeeded DataVolume (its pod is gone) is not counted.
 */
export const dataVolumesRestarting: Rule = ({ dataVolumes }) => {
  const objects: FindingObject[] = dataVolumes
    .filter((dv) => restartsUnusually(dv) && dv.status?.phase !== 'Succeeded')
    .map((dv) => ({
      kind: 'DataVolume',
      name: nameOf(dv),
      namespace: namespaceOf(dv),
      detail: translatable('{{count}} restarts'),
      detailTranslatable: true,
      detailParams: { count: dv.status?.restartCount ?? 0 },
      fix: dataVolumeFix(namespaceOf(dv) ?? '', nameOf(dv)),
    }));
  return objects.length ? { objects: sortObjects(objects) } : null;
};

/** KubeVirtCRModified's window: `increase(kubevirt_hco_out_of_band_modifications_total[10m])`. */
export const CR_MODIFIED_WINDOW_MS = 10 * 60 * 1000;

const OVERWRITTEN_CDI = /^Overwritten CDI (\S+)$/;

/** When the event last happened (an aggregated core/v1 Event keeps its last time in lastTimestamp). */
const lastSeen = (e: K8sEvent): number | undefined =>
  parseTime(e.lastTimestamp) ??
  parseTime((e as { series?: { lastObservedTime?: string } }).series?.lastObservedTime) ??
  parseTime(e.eventTime) ??
  parseTime(e.metadata?.creationTimestamp);

/**
 * KubeVirtCRModified for the CDI CR (HCO v1.18.1 pkg/monitoring/hyperconverged/rules/alerts/
 * operator_alerts.go:24-35, window 10m): HCO emits a Warning event `Overwritten` with message
 * `Overwritten CDI <name>` on the HyperConverged each time it reverts an edit and increments the counter
 * (controllers/operandhandler/operandHandler.go:224-233). Here: such an event seen within the last 10 minutes.
 */
export const cdiModified: Rule = ({ hyperConverged, hcoEvents, now }) => {
  const hc = hyperConverged[0];
  if (!hc) return null;
  const byCdi = new Map<string, { count: number; first?: number; last: number }>();
  hcoEvents.forEach((e) => {
    if (e.type !== 'Warning' || e.reason !== 'Overwritten') return;
    if (e.involvedObject?.kind !== 'HyperConverged') return;
    if (e.involvedObject.name && e.involvedObject.name !== nameOf(hc)) return;
    const cdiName = OVERWRITTEN_CDI.exec(e.message ?? '')?.[1];
    const last = lastSeen(e);
    if (!cdiName || last === undefined || now - last > CR_MODIFIED_WINDOW_MS) return;
    const prev = byCdi.get(cdiName);
    const first = parseTime(e.firstTimestamp) ?? parseTime(e.eventTime) ?? last;
    byCdi.set(cdiName, {
      count: (prev?.count ?? 0) + (e.count ?? 1),
      first: Math.min(prev?.first ?? first, first),
      last: Math.max(prev?.last ?? last, last),
    });
  });
  if (byCdi.size === 0) return null;
  const objects: FindingObject[] = [...byCdi].map(([name, { count, first }]) => ({
    kind: 'CDI',
    name,
    detail: translatable('Reverted {{count}} times since {{since}}'),
    detailTranslatable: true,
    detailParams: { count, since: new Date(first ?? now).toISOString() },
  }));
  return { objects: sortObjects(objects), fix: storageSettingsFix(hc) };
};
