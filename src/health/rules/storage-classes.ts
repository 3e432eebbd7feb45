import {
  DEFAULT_CLASS_ANNOTATION,
  DEFAULT_VIRT_CLASS_ANNOTATION,
  defaultClasses,
  effectiveBootSourceClass,
} from '../../k8s/default-storage-class';
import { UNSUPPORTED_PROVISIONERS } from '../../k8s/storage-capabilities';
import { translatable } from '../../k8s/translatable';
import type { DataVolume, StorageClass, StorageProfile } from '../../k8s/types';
import type { HealthInputKey } from '../catalog';
import { dataVolumeFix, defaultClassFix, profileEditFix } from '../fix-links';
import type { FindingObject } from '../types';
import { condition, nameOf, namespaceOf, sortObjects, type Rule, type RuleData } from './context';

/**
 * The StorageProfile metric `kubevirt_cdi_storageprofile_info` and the alerts on it, CDI v1.65.0:
 * pkg/controller/storageprofile-controller.go:425-466 (computeMetrics), :468-494 (hasSmartClone),
 * :626-650 (isIncomplete, hasRWX); pkg/monitoring/rules/alerts/operator.go:47-117.
 * CDI computes the labels only for a profile whose status names its class and provisioner (:426).
 */
const hasMetric = (p: StorageProfile): boolean => !!p.status?.storageClass && !!p.status?.provisioner;

/** storageprofile-controller.go:626-638: no set, or a set without access modes or volume mode. */
const isIncomplete = (p: StorageProfile): boolean => {
  const sets = p.status?.claimPropertySets ?? [];
  return sets.length === 0 || sets.some((s) => !s.accessModes?.length || !s.volumeMode);
};

/** :433-435 — explicitly unsupported provisioners do not count as incomplete. */
const isComplete = (p: StorageProfile): boolean =>
  UNSUPPORTED_PROVISIONERS.includes(p.status?.provisioner ?? '') || !isIncomplete(p);

export const profilesIncomplete: Rule = ({ storageProfiles }) => {
  const objects: FindingObject[] = storageProfiles
    .filter((p) => hasMetric(p) && !isComplete(p))
    .map((p) => {
      const recognized = condition(p.status?.conditions, 'Recognized');
      const name = nameOf(p);
      return {
        kind: 'StorageProfile',
        name,
        ...(recognized?.status === 'False' && recognized.message
          ? { detail: recognized.message }
          : {
              detail: translatable('CDI does not know the access and volume modes of {{provisioner}}'),
              detailTranslatable: true,
              detailParams: { provisioner: p.status?.provisioner ?? '' },
            }),
        fix: profileEditFix(name),
      };
    });
  return objects.length ? { objects: sortObjects(objects) } : null;
};

/**
 * CDI reads only the GA default annotation and the virt one (AnnDefaultStorageClass,
 * AnnDefaultVirtStorageClass; storageprofile-controller.go:436-437), exact value "true".
 */
const isK8sDefaultForCdi = (sc: StorageClass): boolean =>
  sc.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true';
const isVirtDefault = (sc: StorageClass): boolean =>
  sc.metadata?.annotations?.[DEFAULT_VIRT_CLASS_ANNOTATION] === 'true';

/**
 * A DataVolume counted by `kubevirt_cdi_datavolume_pending`: phase Pending or unset, and no storage class
 * in its spec (pkg/controller/datavolume/controller-base.go:422-455; common/util.go:520-535
 * IsDataVolumeUsingDefaultStorageClass: `spec.pvc.storageClassName`, else `spec.storage.storageClassName`).
 */
export const waitsForDefaultClass = (dv: DataVolume): boolean => {
  const phase = dv.status?.phase ?? '';
  if (phase !== 'Pending' && phase !== '') return false;
  const className = dv.spec?.pvc ? dv.spec.pvc.storageClassName : dv.spec?.storage?.storageClassName;
  return className === undefined || className === null;
};

/**
 * CDINoDefaultStorageClass (operator.go:73-84): no profile with default="true", none with virtdefault="true",
 * and `kubevirt_cdi_datavolume_pending` not 0. CDI's own fallback order is the same as
 * `effectiveBootSourceClass` (virt default, else the GA Kubernetes default).
 */
export const noDefaultClass: Rule = ({ storageClasses, dataVolumes }) => {
  if (effectiveBootSourceClass(storageClasses).source !== 'none') return null;
  const waiting = dataVolumes.filter(waitsForDefaultClass);
  if (waiting.length === 0) return null;
  return {
    objects: sortObjects(
      waiting.map((dv) => ({
        kind: 'DataVolume',
        name: nameOf(dv),
        namespace: namespaceOf(dv),
        detail: translatable('Names no storage class and waits for a default one'),
        detailTranslatable: true,
        fix: dataVolumeFix(namespaceOf(dv) ?? '', nameOf(dv)),
      })),
    ),
    fix: defaultClassFix(),
  };
};

/** CDIMultipleDefaultVirtStorageClasses (operator.go:85-96): more than one virt-default class. */
export const multipleVirtDefaults: Rule = ({ storageClasses }) => {
  const virt = defaultClasses(storageClasses, 'virt');
  if (virt.length <= 1) return null;
  // CDI picks the newest, then by name (common/util.go:592-617); say which one it uses.
  const used = nameOf(virt[0]);
  return {
    objects: sortObjects(
      virt.map((sc) => ({
        kind: 'StorageClass',
        name: nameOf(sc),
        ...(nameOf(sc) === used
          ? { detail: translatable('CDI uses this one (the newest)'), detailTranslatable: true }
          : { detail: translatable('Ignored by CDI'), detailTranslatable: true }),
      })),
    ),
    fix: defaultClassFix(),
  };
};

/** A tri-state: undefined when an input that decides it could not be read. */
type Maybe = boolean | undefined;

/** hasSmartClone (storageprofile-controller.go:468-494), on the profile's status (not the CDI override). */
const smartClone = (p: StorageProfile, data: RuleData): { value: Maybe; needs?: HealthInputKey } => {
  const strategy = p.status?.cloneStrategy;
  const provisioner = p.status?.provisioner;
  if (strategy !== undefined) {
    if (strategy === 'copy') return { value: false };
    if (strategy === 'csi-clone' && provisioner) {
      if (!data.csiDrivers) return { value: undefined, needs: 'csiDrivers' };
      return { value: data.csiDrivers.some((d) => nameOf(d) === provisioner) };
    }
  }
  if ((strategy === undefined || strategy === 'snapshot') && provisioner) {
    if (!data.volumeSnapshotClasses) return { value: undefined, needs: 'volumeSnapshotClasses' };
    return { value: data.volumeSnapshotClasses.some((v) => v.driver === provisioner) };
  }
  return { value: false };
};

/**
 * Single-node OpenShift (storageprofile-controller.go:444-453): Infrastructure `cluster` with both topologies
 * `SingleReplica`. Not served (not OpenShift) or absent = not single-node, as CDI.
 */
const singleNode = (data: RuleData): Maybe => {
  if (!data.infrastructures) return undefined;
  const infra =
    data.infrastructures.find((i) => nameOf(i) === 'cluster') ?? data.infrastructures[0] ?? undefined;
  return (
    infra?.status?.controlPlaneTopology === 'SingleReplica' &&
    infra?.status?.infrastructureTopology === 'SingleReplica'
  );
};

/**
 * CDIDefaultStorageClassDegraded (operator.go:97-116): there is a default or virt-default profile, and none
 * of them is `degraded="false"`. degraded = (!SNO && !rwx) || !smartclone (:455).
 */
export const defaultClassDegraded: Rule = (data) => {
  const profiles = new Map(data.storageProfiles.map((p) => [nameOf(p), p]));
  const defaults = data.storageClasses
    .filter((sc) => isK8sDefaultForCdi(sc) || isVirtDefault(sc))
    .map((sc) => profiles.get(nameOf(sc)))
    .filter((p): p is StorageProfile => !!p && hasMetric(p));
  if (defaults.length === 0) return null;
  const sno = singleNode(data);
  const unknown = new Set<HealthInputKey>();
  const degraded: FindingObject[] = [];
  for (const p of defaults) {
    const rwx = (p.status?.claimPropertySets ?? []).some((s) => s.accessModes?.includes('ReadWriteMany'));
    const smart = smartClone(p, data);
    const noRwx: Maybe = rwx ? false : sno === undefined ? undefined : !sno;
    if (noRwx === false && smart.value === true) return null; // one clean default: no alert
    if (noRwx === undefined) unknown.add('infrastructures');
    if (smart.value === undefined && smart.needs) unknown.add(smart.needs);
    if (noRwx !== true && smart.value !== false) continue; // undecided
    const name = nameOf(p);
    degraded.push({
      kind: 'StorageProfile',
      name,
      detail:
        noRwx === true && smart.value === false
          ? translatable('No ReadWriteMany (no live migration); no smart clone (slow clones)')
          : noRwx === true
            ? translatable('No ReadWriteMany (no live migration)')
            : translatable('No smart clone (slow clones)'),
      detailTranslatable: true,
      fix: profileEditFix(name),
    });
  }
  if (degraded.length < defaults.length) return { undetermined: [...unknown] };
  return { objects: sortObjects(degraded), fix: defaultClassFix() };
};
