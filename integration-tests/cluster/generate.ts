import type { K8sObject } from './sim-api';
import { sourceDigest } from './world/import-sources';
import { PROFILE_LABELS, computeProfileStatus } from './world/storage-profile-controller';
import { CDI_NAME, stableUid } from './world/util';

/**
 * Bulk objects for large-cluster tests (`--generate storageclasses=2000,dataimportcrons=500,datavolumes=10000`):
 * StorageClasses with the StorageProfiles CDI would keep for them, golden-image DataImportCrons with
 * their DataSources and imported PVCs (one in ten with an unreachable registry, at NoDigest), and DataVolumes
 * with their PVCs across a few namespaces (mostly Succeeded; one in a hundred Failed, one in a hundred an
 * import from an unreachable host that keeps restarting).
 * Everything is deterministic, and already in the state the controllers would put it in, so loading a large
 * cluster does not start a storm of writes. Profiles are owned by the demo seed's CDI CR.
 */

/** `metadata.uid` of `CDI/cdi-kubevirt-hyperconverged` in integration-tests/fixtures/demo. */
const DEMO_CDI_UID = '4da92e38-f0ca-4f8c-a2b2-8e1544a556a2';
export const GENERATED_IMAGES_NAMESPACE = 'generated-golden-images';
const CREATED = '2026-11-20T00:00:00Z';

/** Provisioners the generated classes cycle through: known, parameter-dependent, unknown and unsupported. */
const PROVISIONERS: { provisioner: string; parameters?: Record<string, string>; binding?: string }[] = [
  { provisioner: 'rbd.csi.ceph.com', parameters: { clusterID: 'ceph', pool: 'vms' } },
  { provisioner: 'cephfs.csi.ceph.com', parameters: { clusterID: 'ceph', fsName: 'fs' } },
  { provisioner: 'topolvm.cybozu.com', binding: 'WaitForFirstConsumer' },
  { provisioner: 'nfs.csi.k8s.io', parameters: { server: 'nfs.example.com', share: '/exports' } },
  { provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, binding: 'WaitForFirstConsumer' },
  { provisioner: 'ebs.csi.aws.com', parameters: { type: 'io2' }, binding: 'WaitForFirstConsumer' },
  {
    provisioner: 'kubevirt.io.hostpath-provisioner',
    parameters: { storagePool: 'local' },
    binding: 'WaitForFirstConsumer',
  },
  { provisioner: 'driver.longhorn.io', parameters: { migratable: 'true' } },
  { provisioner: 'pxd.portworx.com', parameters: { repl: '2' } },
  { provisioner: 'csi.trident.netapp.io', parameters: { backendType: 'ontap-nas' } },
  { provisioner: 'csi.trident.netapp.io', parameters: { backendType: 'solidfire-san' } },
  { provisioner: 'csi.vendor.example.com', parameters: { tier: 'gold' } },
  { provisioner: 'kubernetes.io/no-provisioner', binding: 'WaitForFirstConsumer' },
];

const pad = (i: number) => String(i).padStart(4, '0');

function storageClasses(count: number): K8sObject[] {
  const out: K8sObject[] = [];
  for (let i = 0; i < count; i++) {
    const { provisioner, parameters, binding } = PROVISIONERS[i % PROVISIONERS.length];
    const name = `gen-sc-${pad(i)}`;
    const sc: K8sObject = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name, uid: stableUid(`sc/${name}`), creationTimestamp: CREATED },
      provisioner,
      ...(parameters ? { parameters } : {}),
      reclaimPolicy: 'Delete',
      volumeBindingMode: binding ?? 'Immediate',
      allowVolumeExpansion: true,
    };
    const computed = computeProfileStatus({
      storageClass: sc,
      profileSpec: {},
      snapshotClasses: [],
      persistentVolumes: [],
    });
    const profile: K8sObject = {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'StorageProfile',
      metadata: {
        name,
        uid: stableUid(`sp/${name}`),
        creationTimestamp: CREATED,
        labels: { ...PROFILE_LABELS, 'app.kubernetes.io/part-of': 'hyperconverged-cluster' },
        ...(computed.minimumSupportedPvcSize
          ? { annotations: { 'cdi.kubevirt.io/minimumSupportedPvcSize': computed.minimumSupportedPvcSize } }
          : {}),
        ownerReferences: [
          {
            apiVersion: 'cdi.kubevirt.io/v1beta1',
            kind: 'CDI',
            name: CDI_NAME,
            uid: DEMO_CDI_UID,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {},
      status: {
        ...computed.status,
        conditions: [
          {
            type: 'Recognized',
            ...computed.recognized,
            lastHeartbeatTime: CREATED,
            lastTransitionTime: CREATED,
          },
        ],
      },
    };
    out.push(sc, profile);
  }
  return out;
}

function condition(type: string, status: 'True' | 'False', reason: string, message: string) {
  return { type, status, reason, message, lastHeartbeatTime: CREATED, lastTransitionTime: CREATED };
}

interface ImportClass {
  name: string;
  claim: { accessModes: string[]; volumeMode: string };
}

function dataImportCrons(count: number, importClass: ImportClass | undefined): K8sObject[] {
  const storageClassName = importClass?.name;
  const claim = importClass?.claim ?? { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' };
  if (count === 0) return [];
  const ns = GENERATED_IMAGES_NAMESPACE;
  const out: K8sObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    // What the serviceaccount controller would give the namespace, so nothing is written on start.
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } },
  ];
  for (let i = 0; i < count; i++) {
    const image = `gen-image-${pad(i)}`;
    const cronName = `${image}-cron`;
    const failing = i % 10 === 9;
    const url = failing
      ? `docker://registry.generated.invalid/images/${image}:latest`
      : `docker://registry.example.com/generated/${image}:latest`;
    const digest = sourceDigest(url);
    const imported = `${image}-${digest.slice('sha256:'.length, 'sha256:'.length + 12)}`;
    const labels = {
      'app.kubernetes.io/component': 'storage',
      'app.kubernetes.io/managed-by': 'cdi-controller',
      'cdi.kubevirt.io/dataImportCron': cronName,
    };
    const storage = {
      ...(storageClassName ? { storageClassName } : {}),
      resources: { requests: { storage: '10Gi' } },
    };
    const annotations: Record<string, string> = {
      'cdi.kubevirt.io/storage.bind.immediate.requested': 'true',
    };
    if (storageClassName) annotations['cdi.kubevirt.io/storage.import.storageClass'] = storageClassName;
    if (!failing) {
      annotations['cdi.kubevirt.io/storage.import.sourceDesiredDigest'] = digest;
      annotations['cdi.kubevirt.io/storage.import.lastCronTime'] = CREATED;
    }
    out.push({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataImportCron',
      metadata: {
        name: cronName,
        namespace: ns,
        uid: stableUid(`dic/${cronName}`),
        creationTimestamp: CREATED,
        annotations,
      },
      spec: {
        garbageCollect: 'Outdated',
        importsToKeep: 3,
        managedDataSource: image,
        retentionPolicy: 'All',
        schedule: `${i % 60} ${i % 24} * * *`,
        template: { metadata: {}, spec: { source: { registry: { url } }, storage } },
      },
      status: failing
        ? {
            conditions: [
              condition('Progressing', 'False', 'NoImport', 'No current import'),
              condition('UpToDate', 'False', 'NoDigest', 'No source digest'),
            ],
            lastExecutionTimestamp: CREATED,
            sourceFormat: 'pvc',
          }
        : {
            conditions: [
              condition('Progressing', 'False', 'NoImport', 'No current import'),
              condition('UpToDate', 'True', 'UpToDate', 'Latest import is up to date'),
            ],
            lastExecutionTimestamp: CREATED,
            lastImportTimestamp: CREATED,
            lastImportedPVC: { name: imported, namespace: ns },
            sourceFormat: 'pvc',
          },
    });
    const source = failing ? {} : { pvc: { name: imported, namespace: ns } };
    out.push({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataSource',
      metadata: {
        name: image,
        namespace: ns,
        uid: stableUid(`ds/${image}`),
        creationTimestamp: CREATED,
        labels,
      },
      spec: { source },
      status: {
        source,
        conditions: [
          failing
            ? condition('Ready', 'False', 'NoSource', 'No source PVC set')
            : condition('Ready', 'True', 'Ready', 'DataSource is ready to be consumed'),
        ],
      },
    });
    if (!failing) {
      out.push({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: imported,
          namespace: ns,
          uid: stableUid(`pvc/${imported}`),
          creationTimestamp: CREATED,
          labels,
        },
        spec: {
          accessModes: claim.accessModes,
          resources: { requests: { storage: '10Gi' } },
          ...(storageClassName ? { storageClassName } : {}),
          volumeMode: claim.volumeMode,
        },
        status: { phase: 'Bound', accessModes: claim.accessModes, capacity: { storage: '10Gi' } },
      });
    }
  }
  return out;
}

/** Namespaces the generated DataVolumes spread over. */
export const GENERATED_DV_NAMESPACES = ['gen-dv-a', 'gen-dv-b', 'gen-dv-c', 'gen-dv-d'];
/** A class of the demo seed (integration-tests/fixtures/demo/10-storage-classes.yaml). */
const DV_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';
const DV_SIZES = ['10Gi', '20Gi', '30Gi', '40Gi', '64Gi'];

/**
 * `count` DataVolumes (gen-dv-00000…) with their bound PVCs, round-robin over GENERATED_DV_NAMESPACES:
 * i % 100 == 0 Failed (CDI gave up: Running False with an error), i % 100 == 1 an import from a `.invalid`
 * host in ImportInProgress with restarts (the simulator keeps it failing, like the demo's broken-import),
 * the rest Succeeded imports (HTTP, registry, blank or a clone) as CDI leaves them: PVC annotations from
 * newPersistentVolumeClaim (datavolume/controller-base.go:1138-1214), owned by the DataVolume.
 */
function dataVolumes(count: number): K8sObject[] {
  if (count === 0) return [];
  const out: K8sObject[] = GENERATED_DV_NAMESPACES.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: stableUid(`ns/${name}`), creationTimestamp: CREATED },
  }));
  for (let i = 0; i < count; i++) {
    const ns = GENERATED_DV_NAMESPACES[i % GENERATED_DV_NAMESPACES.length];
    const name = `gen-dv-${String(i).padStart(5, '0')}`;
    const uid = stableUid(`dv/${ns}/${name}`);
    const size = DV_SIZES[i % DV_SIZES.length];
    const kind = i % 100 === 0 ? 'failed' : i % 100 === 1 ? 'restarting' : 'succeeded';
    const variant = i % 4;
    const source =
      kind !== 'succeeded'
        ? { http: { url: `https://images.unreachable.invalid/gen/${name}.qcow2` } }
        : variant === 0
          ? { http: { url: `https://images.example.com/gen/${name}.qcow2` } }
          : variant === 1
            ? { registry: { url: 'docker://quay.io/containerdisks/fedora:40' } }
            : variant === 2
              ? { blank: {} }
              : { pvc: { namespace: 'golden-images', name: 'rhel9-base' } };
    const created = new Date(Date.parse(CREATED) + i * 1000).toISOString();
    const t = (type: string, status: string, reason: string, message?: string) => ({
      type,
      status,
      reason,
      ...(message ? { message } : {}),
      lastHeartbeatTime: created,
      lastTransitionTime: created,
    });
    const status =
      kind === 'succeeded'
        ? {
            claimName: name,
            phase: 'Succeeded',
            progress: '100.0%',
            restartCount: 0,
            conditions: [
              t('Bound', 'True', 'Bound', `PVC ${name} Bound`),
              t('Ready', 'True', 'Ready'),
              t('Running', 'False', 'Completed'),
            ],
          }
        : {
            claimName: name,
            phase: kind === 'failed' ? 'Failed' : 'ImportInProgress',
            progress: 'N/A',
            restartCount: 3,
            conditions: [
              t('Bound', 'True', 'Bound', `PVC ${name} Bound`),
              t('Ready', 'False', kind === 'failed' ? 'Error' : 'TransferRunning'),
              t(
                'Running',
                'False',
                'Error',
                `Unable to connect to http data source: dial tcp: lookup images.unreachable.invalid: no such host`,
              ),
            ],
          };
    out.push({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name, namespace: ns, uid, creationTimestamp: created, generation: 1 },
      spec: {
        source,
        storage: { storageClassName: DV_CLASS, resources: { requests: { storage: size } } },
        ...(i % 7 === 0 ? { preallocation: true } : {}),
      },
      status,
    });
    out.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: ns,
        uid: stableUid(`pvc/${ns}/${name}`),
        creationTimestamp: created,
        labels: {
          app: 'containerized-data-importer',
          'app.kubernetes.io/component': 'storage',
          'app.kubernetes.io/managed-by': 'cdi-controller',
        },
        annotations: {
          'cdi.kubevirt.io/createdForDataVolume': uid,
          'cdi.kubevirt.io/storage.pod.phase': kind === 'succeeded' ? 'Succeeded' : 'Running',
          'cdi.kubevirt.io/storage.pod.restarts': String(status.restartCount),
          ...(i % 7 === 0
            ? {
                'cdi.kubevirt.io/storage.preallocation.requested': 'true',
                ...(kind === 'succeeded' ? { 'cdi.kubevirt.io/storage.preallocation': 'true' } : {}),
              }
            : {}),
        },
        ownerReferences: [
          {
            apiVersion: 'cdi.kubevirt.io/v1beta1',
            kind: 'DataVolume',
            name,
            uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        accessModes: ['ReadWriteMany'],
        resources: { requests: { storage: size } },
        storageClassName: DV_CLASS,
        volumeMode: 'Block',
        volumeName: `pvc-${stableUid(`pvc/${ns}/${name}`)}`,
      },
      status: { phase: 'Bound', accessModes: ['ReadWriteMany'], capacity: { storage: size } },
    });
  }
  return out;
}

const GENERATORS = ['storageclasses', 'dataimportcrons', 'datavolumes'];

/** Objects for `spec` (kind -> count); throws on a kind it cannot generate. */
export function generateObjects(spec: Record<string, number>): K8sObject[] {
  for (const [kind, count] of Object.entries(spec)) {
    if (!GENERATORS.includes(kind))
      throw new Error(`cannot generate "${kind}"; known: ${GENERATORS.join(', ')}`);
    if (!Number.isInteger(count) || count < 0)
      throw new Error(`count for "${kind}" must be a non-negative integer`);
  }
  const classes = storageClasses(spec.storageclasses ?? 0);
  // Imports go to the first generated class CDI recognises with pvc format, so they stay up to date.
  const profile = classes.find(
    (o) =>
      o.kind === 'StorageProfile' &&
      o.status.dataImportCronSourceFormat === 'pvc' &&
      o.status.claimPropertySets?.length &&
      o.status.conditions[0].status === 'True',
  );
  const importClass = profile && { name: profile.metadata.name!, claim: profile.status.claimPropertySets[0] };
  return [
    ...classes,
    ...dataImportCrons(spec.dataimportcrons ?? 0, importClass),
    ...dataVolumes(spec.datavolumes ?? 0),
  ];
}
