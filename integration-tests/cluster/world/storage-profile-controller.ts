import { lookupCapabilities, type CapabilityLookup } from '../../../src/k8s/storage-capabilities';
import { isCloneStrategy } from '../../../src/k8s/storage-profile-values';
import type { Controller, K8sObject, SimContext } from '../sim-api';
import {
  clone,
  eventDriven,
  listIfServed,
  mutateObject,
  ownerRef,
  scan,
  setCondition,
  timestamp,
  type Json,
} from './util';

/**
 * CDI's StorageProfile controller (pkg/controller/storageprofile-controller.go, v1.65.0): one profile per
 * StorageClass, same name, created with `spec: {}`, deleted with the class; status from the capability table.
 */

const ANN_CLONE_STRATEGY = 'cdi.kubevirt.io/clone-strategy';
const ANN_MIN_PVC_SIZE = 'cdi.kubevirt.io/minimumSupportedPvcSize';
const ANN_RWO_FOR_CRON = 'cdi.kubevirt.io/useReadWriteOnceForDataImportCron';
const ANN_DEFAULT_SNAPSHOT_CLASS = 'snapshot.storage.kubernetes.io/is-default-class';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const RELEVANT_KINDS = [
  'StorageClass',
  'StorageProfile',
  'VolumeSnapshotClass',
  'CDI',
  'PersistentVolume',
] as const;

export const PROFILE_LABELS: Record<string, string> = {
  app: 'containerized-data-importer',
  'cdi.kubevirt.io': '',
  'app.kubernetes.io/component': 'storage',
  'app.kubernetes.io/managed-by': 'cdi-controller',
};

const RECOGNIZED = { reason: 'RecognizedProvisioner', message: 'Provisioner is recognized' };
const UNRECOGNIZED_PROVISIONER = {
  reason: 'UnrecognizedProvisioner',
  message: 'Provisioner is not recognized',
};
const UNRECOGNIZED_PARAMETERS = {
  reason: 'UnrecognizedStorageClassParameters',
  message: 'Storage class parameters are not recognized',
};

/** The VolumeSnapshotClass CDI would use for a driver: the default-annotated one, else the first by name. */
export function snapshotClassFor(snapshotClasses: K8sObject[], driver: string): K8sObject | undefined {
  const matching = snapshotClasses
    .filter((vsc) => vsc.driver === driver)
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  return (
    matching.find((vsc) => vsc.metadata.annotations?.[ANN_DEFAULT_SNAPSHOT_CLASS] === 'true') ?? matching[0]
  );
}

/** For `kubernetes.io/no-provisioner`, CDI reads the access and volume modes of the class's existing PVs. */
function setsFromPersistentVolumes(pvs: K8sObject[], className: string) {
  const sets: { accessModes: string[]; volumeMode: string }[] = [];
  for (const pv of pvs.filter((p) => p.spec?.storageClassName === className)) {
    const volumeMode = pv.spec?.volumeMode ?? 'Filesystem';
    for (const mode of pv.spec?.accessModes ?? []) {
      if (!sets.some((s) => s.accessModes[0] === mode && s.volumeMode === volumeMode)) {
        sets.push({ accessModes: [mode], volumeMode });
      }
    }
  }
  return sets;
}

export interface ProfileInputs {
  storageClass: K8sObject;
  profileSpec: Json;
  snapshotClasses: K8sObject[];
  persistentVolumes: K8sObject[];
  cloneStrategyOverride?: string;
}

/** The status CDI computes for one profile (without condition timestamps). */
export function computeProfileStatus(input: ProfileInputs) {
  const sc = input.storageClass as K8sObject & { provisioner?: string; parameters?: Record<string, string> };
  const provisioner = sc.provisioner ?? '';
  const lookup: CapabilityLookup = lookupCapabilities(
    provisioner,
    sc.parameters ?? {},
    (sc.mountOptions as string[]) ?? [],
  );
  const known = lookup.kind === 'known' ? lookup.capabilities : undefined;
  const vsc = snapshotClassFor(input.snapshotClasses, provisioner);
  const spec = input.profileSpec;

  const claimPropertySets = spec.claimPropertySets?.length
    ? clone(spec.claimPropertySets)
    : (known?.claimPropertySets ??
      (provisioner === NO_PROVISIONER
        ? setsFromPersistentVolumes(input.persistentVolumes, sc.metadata.name ?? '')
        : []));

  const annotated = sc.metadata.annotations?.[ANN_CLONE_STRATEGY];
  const advised = known?.cloneStrategy === 'snapshot' && !vsc ? 'copy' : known?.cloneStrategy;
  const cloneStrategy =
    input.cloneStrategyOverride ??
    spec.cloneStrategy ??
    (isCloneStrategy(annotated) ? annotated : undefined) ??
    advised ??
    (vsc ? 'snapshot' : 'copy');

  const advisedFormat =
    known?.dataImportCronSourceFormat === 'snapshot' && !vsc ? 'pvc' : known?.dataImportCronSourceFormat;
  const dataImportCronSourceFormat = spec.dataImportCronSourceFormat ?? advisedFormat ?? 'pvc';
  const snapshotClass = spec.snapshotClass ?? vsc?.metadata.name;

  const recognized =
    lookup.kind === 'known'
      ? { status: 'True' as const, ...RECOGNIZED }
      : lookup.kind === 'unrecognized-parameters'
        ? { status: 'False' as const, ...UNRECOGNIZED_PARAMETERS }
        : { status: 'False' as const, ...UNRECOGNIZED_PROVISIONER };

  const status: Record<string, unknown> = {
    storageClass: sc.metadata.name,
    provisioner,
    cloneStrategy,
    dataImportCronSourceFormat,
  };
  if (claimPropertySets.length) status.claimPropertySets = claimPropertySets;
  if (snapshotClass) status.snapshotClass = snapshotClass;
  return { status, recognized, minimumSupportedPvcSize: known?.minimumSupportedPvcSize, key: known?.key };
}

function reconcileProfiles(ctx: SimContext): void {
  const cdi = ctx.store.list('CDI')[0];
  if (!cdi) return; // CDI not installed: nobody manages profiles
  const classes = scan(ctx.store, 'StorageClass');
  const profiles = new Map(scan(ctx.store, 'StorageProfile').map((p) => [p.metadata.name, p]));
  const snapshotClasses = listIfServed(ctx.store, 'VolumeSnapshotClass');
  const pvs = scan(ctx.store, 'PersistentVolume');
  const now = timestamp(ctx);
  const labels = { ...PROFILE_LABELS };
  for (const key of ['app.kubernetes.io/part-of', 'app.kubernetes.io/version']) {
    const value = cdi.metadata.labels?.[key];
    if (value !== undefined) labels[key] = value;
  }

  for (const sc of classes) {
    const name = sc.metadata.name ?? '';
    let profile = profiles.get(name);
    profiles.delete(name);
    if (!profile) {
      profile = ctx.store.create({
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'StorageProfile',
        metadata: { name, labels, ownerReferences: [ownerRef(cdi)] },
        spec: {},
      });
    }
    const computed = computeProfileStatus({
      storageClass: sc,
      profileSpec: profile.spec ?? {},
      snapshotClasses,
      persistentVolumes: pvs,
      cloneStrategyOverride: cdi.spec?.cloneStrategyOverride,
    });
    mutateObject(ctx.store, profile, (draft) => {
      draft.spec ??= {};
      draft.metadata.labels = { ...draft.metadata.labels, ...labels };
      if (!draft.metadata.ownerReferences?.some((o) => o.uid === cdi.metadata.uid)) {
        draft.metadata.ownerReferences = [ownerRef(cdi)];
      }
      const annotations = { ...draft.metadata.annotations };
      // Added only when absent, so an admin's own minimum is kept.
      if (computed.minimumSupportedPvcSize && annotations[ANN_MIN_PVC_SIZE] === undefined) {
        annotations[ANN_MIN_PVC_SIZE] = computed.minimumSupportedPvcSize;
      }
      if (computed.key?.startsWith('pd.csi.storage.gke.io')) annotations[ANN_RWO_FOR_CRON] = 'true';
      if (Object.keys(annotations).length) draft.metadata.annotations = annotations;
      draft.status = {
        ...computed.status,
        conditions: setCondition(
          draft.status?.conditions,
          { type: 'Recognized', ...computed.recognized },
          now,
          true,
        ),
      };
    });
  }
  // Profiles whose StorageClass is gone.
  for (const orphan of profiles.values()) ctx.store.delete('StorageProfile', orphan.metadata.name ?? '');
}

/** A fresh controller (its own "already ran once" state). */
export const createStorageProfileController = (): Controller =>
  eventDriven('storage-profile', RELEVANT_KINDS, reconcileProfiles);
