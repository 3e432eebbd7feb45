import {
  lookupCapabilities,
  USE_RWO_FOR_DATA_IMPORT_CRON_KEYS,
  type CapabilityLookup,
} from './cdi-storage-capabilities';
import { ApiError, type Controller, type K8sObject, type SimContext } from '../sim-api';
import { clone, eventDriven, mutateObject, ownerRef, scan, setCondition, timestamp, type Json } from './util';

/**
 * CDI's StorageProfile controller (pkg/controller/storageprofile-controller.go, v1.65.0): one profile per
 * StorageClass, same name, created with `spec: {}`, deleted with the class; status from the capability table.
 * This is the test double of CDI: the capability table is the simulator's own (./cdi-storage-capabilities.ts, guarded
 * by its oracle test) and every rule and value check here is written from CDI's source, so it can disagree with
 * the plugin.
 */

const ANN_CLONE_STRATEGY = 'cdi.kubevirt.io/clone-strategy';
const ANN_MIN_PVC_SIZE = 'cdi.kubevirt.io/minimumSupportedPvcSize';
const ANN_RWO_FOR_CRON = 'cdi.kubevirt.io/useReadWriteOnceForDataImportCron';
const ANN_SNAPSHOT_CLASS_FOR_CRON = 'cdi.kubevirt.io/snapshotClassForDataImportCron';
const ANN_DEFAULT_SNAPSHOT_CLASS = 'snapshot.storage.kubernetes.io/is-default-class';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
/** The strategies the `cdi.kubevirt.io/clone-strategy` annotation may name (getCloneStrategyFromStorageClass). */
const ANNOTATION_CLONE_STRATEGIES = ['copy', 'snapshot', 'csi-clone'];
/** Keys with a DataImportCron VolumeSnapshotClass matcher (storagecapabilities.go:221-240). */
const CRON_SNAPSHOT_CLASS_MATCHER_KEYS = ['pd.csi.storage.gke.io', 'pd.csi.storage.gke.io/hyperdisk'];
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

const byName = (a: K8sObject, b: K8sObject) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

/**
 * Of the classes `matches` accepts, the one CDI picks: the first default-annotated one in list order (the API
 * lists by name), else the first name in sort order (cc.GetVolumeSnapshotClass, findSnapshotClassForDataImportCron).
 */
function pickSnapshotClass(
  snapshotClasses: K8sObject[],
  matches: (vsc: K8sObject) => boolean,
): K8sObject | undefined {
  const matching = snapshotClasses.filter(matches).sort(byName);
  return (
    matching.find((vsc) => vsc.metadata.annotations?.[ANN_DEFAULT_SNAPSHOT_CLASS] === 'true') ?? matching[0]
  );
}

/** The VolumeSnapshotClass CDI would use for a driver: the default-annotated one, else the first by name. */
export function snapshotClassFor(snapshotClasses: K8sObject[], driver: string): K8sObject | undefined {
  return pickSnapshotClass(snapshotClasses, (vsc) => vsc.driver === driver);
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
  /** `undefined` when the snapshot API is not served (CDI then never picks a class). */
  snapshotClasses: K8sObject[] | undefined;
  persistentVolumes: K8sObject[];
}

/**
 * `spec.snapshotClass` wins when it names a class of the provisioner's driver (else none); without it, the
 * driver's default or first class (cc.GetSnapshotClassForSmartClone). `error` when the named class does not
 * exist: CDI's reconcile returns that error before writing anything.
 */
function resolveSnapshotClass(input: ProfileInputs, driver: string): { name?: string; error?: string } {
  const wanted: unknown = input.profileSpec.snapshotClass;
  if (!input.snapshotClasses) return {};
  if (wanted === undefined || wanted === null)
    return { name: snapshotClassFor(input.snapshotClasses, driver)?.metadata.name };
  const named = input.snapshotClasses.find((vsc) => vsc.metadata.name === wanted);
  if (!named) return { error: `volumesnapshotclasses.snapshot.storage.k8s.io "${String(wanted)}" not found` };
  return named.driver === driver ? { name: String(wanted) } : {};
}

/** reconcileCloneStrategy (storageprofile-controller.go:247-288). */
function cloneStrategyOf(
  spec: Json,
  sc: K8sObject,
  advised: string | undefined,
  snapshotClass: string | undefined,
): string {
  if (spec.cloneStrategy !== undefined && spec.cloneStrategy !== null) return spec.cloneStrategy;
  const annotations = sc.metadata.annotations ?? {};
  if (Object.prototype.hasOwnProperty.call(annotations, ANN_CLONE_STRATEGY)) {
    // Present but not one of the three: CDI sets an empty strategy (no fallback to the default).
    const value = annotations[ANN_CLONE_STRATEGY];
    return ANNOTATION_CLONE_STRATEGIES.includes(value) ? value : '';
  }
  const strategy = advised ?? (snapshotClass ? 'snapshot' : 'copy');
  // An advised csi-clone stays without a snapshot class; only snapshot falls back to copy.
  return strategy === 'snapshot' && !snapshotClass ? 'copy' : strategy;
}

/** reconcileDataImportCronSourceFormat (storageprofile-controller.go:290-311). */
function sourceFormatOf(spec: Json, advised: string | undefined, snapshotClass: string | undefined): string {
  const wanted = spec.dataImportCronSourceFormat;
  if (wanted !== undefined && wanted !== null) return wanted;
  const format = advised ?? 'pvc';
  return format === 'snapshot' && !snapshotClass ? 'pvc' : format;
}

/** The class CDI names in `cdi.kubevirt.io/snapshotClassForDataImportCron` (storageprofile-controller.go:339-384). */
function cronSnapshotClassOf(input: ProfileInputs, key: string | undefined, provisioner: string) {
  if (!key || !CRON_SNAPSHOT_CLASS_MATCHER_KEYS.includes(key) || !input.snapshotClasses) return undefined;
  return pickSnapshotClass(
    input.snapshotClasses,
    (vsc) =>
      vsc.driver === provisioner &&
      (vsc.parameters as Record<string, string> | undefined)?.['snapshot-type'] === 'images',
  )?.metadata.name;
}

/** The status CDI computes for one profile (without condition timestamps), or the error its reconcile stops at. */
export function computeProfileStatus(input: ProfileInputs) {
  const sc = input.storageClass as K8sObject & { provisioner?: string; parameters?: Record<string, string> };
  const provisioner = sc.provisioner ?? '';
  const lookup: CapabilityLookup = lookupCapabilities(provisioner, sc.parameters ?? {});
  const known = lookup.kind === 'known' ? lookup.capabilities : undefined;
  const spec = input.profileSpec;
  const snapshot = resolveSnapshotClass(input, provisioner);
  const snapshotClass = snapshot.name;

  let error = snapshot.error;
  const specSets: Json[] | undefined = spec.claimPropertySets?.length ? spec.claimPropertySets : undefined;
  if (!error && specSets?.some((set) => !set.volumeMode || !set.accessModes?.length)) {
    error = 'each ClaimPropertySet must provide both volume mode and access modes';
  }
  const claimPropertySets = specSets
    ? clone(specSets)
    : (known?.claimPropertySets ??
      (provisioner === NO_PROVISIONER
        ? setsFromPersistentVolumes(input.persistentVolumes, sc.metadata.name ?? '')
        : []));

  const recognized =
    lookup.kind === 'known'
      ? { status: 'True' as const, ...RECOGNIZED }
      : lookup.kind === 'unrecognized-parameters'
        ? { status: 'False' as const, ...UNRECOGNIZED_PARAMETERS }
        : { status: 'False' as const, ...UNRECOGNIZED_PROVISIONER };

  const status: Record<string, unknown> = {
    storageClass: sc.metadata.name,
    provisioner,
    cloneStrategy: cloneStrategyOf(spec, sc, known?.cloneStrategy, snapshotClass),
    dataImportCronSourceFormat: sourceFormatOf(spec, known?.dataImportCronSourceFormat, snapshotClass),
  };
  if (claimPropertySets.length) status.claimPropertySets = claimPropertySets;
  if (snapshotClass) status.snapshotClass = snapshotClass;
  return {
    error,
    status,
    recognized,
    minimumSupportedPvcSize: known?.minimumSupportedPvcSize,
    useReadWriteOnceForDataImportCron: !!known && USE_RWO_FOR_DATA_IMPORT_CRON_KEYS.includes(known.key),
    snapshotClassForDataImportCron: cronSnapshotClassOf(input, known?.key, provisioner),
    key: known?.key,
  };
}

/** VolumeSnapshotClasses, or `undefined` when the snapshot API is not served (CDI's isCsiCrdsDeployed). */
function servedSnapshotClasses(ctx: SimContext): K8sObject[] | undefined {
  try {
    return scan(ctx.store, 'VolumeSnapshotClass');
  } catch (err) {
    if (err instanceof ApiError && err.code === 404) return undefined;
    throw err;
  }
}

function reconcileProfiles(ctx: SimContext): void {
  const cdi = ctx.store.list('CDI')[0];
  if (!cdi) return; // CDI not installed: nobody manages profiles
  const classes = scan(ctx.store, 'StorageClass');
  const profiles = new Map(scan(ctx.store, 'StorageProfile').map((p) => [p.metadata.name, p]));
  const snapshotClasses = servedSnapshotClasses(ctx);
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
    });
    // CDI's reconcile returns the error before its update: the profile keeps what it had.
    if (computed.error) continue;
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
      if (computed.useReadWriteOnceForDataImportCron && annotations[ANN_RWO_FOR_CRON] === undefined) {
        annotations[ANN_RWO_FOR_CRON] = 'true';
      }
      if (computed.snapshotClassForDataImportCron) {
        annotations[ANN_SNAPSHOT_CLASS_FOR_CRON] = computed.snapshotClassForDataImportCron;
      } else {
        delete annotations[ANN_SNAPSHOT_CLASS_FOR_CRON];
      }
      if (Object.keys(annotations).length) draft.metadata.annotations = annotations;
      else delete draft.metadata.annotations;
      // CDI updates these status fields and keeps the rest; a snapshotClass it no longer finds stays.
      const { claimPropertySets: _previousSets, ...previous } = draft.status ?? {};
      draft.status = {
        ...previous,
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
