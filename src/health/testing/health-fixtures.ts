import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import type { HyperConvergedLookup } from '../../k8s/hyperconverged';
import type {
  CDI,
  ClaimPropertySet,
  DataImportCron,
  DataVolume,
  HostPathProvisioner,
  HyperConverged,
  K8sCondition,
  K8sEvent,
  StorageClass,
  StorageProfile,
  VolumeSnapshotClass,
} from '../../k8s/types';
import type { Watched } from '../../k8s/watch-state';
import type { ClusterInfrastructure, HealthInputs } from '../types';

/**
 * Objects shaped as CDI v1.65.0, HCO v1.18.1 and the HPP operator write them (see
 * /work/shared/fixtures-upstream/cluster), built small for the rule tests. A healthy ODF cluster by default.
 */

export const NOW = Date.parse('2026-08-20T12:00:00Z');
export const minutesAgo = (m: number): string => new Date(NOW - m * 60_000).toISOString();

export const loaded = <T>(data: T[]): Watched<T[]> => ({ status: 'loaded', loaded: true, data });
export const LOADING: Watched<never[]> = { status: 'loading', loaded: false };
export const API_MISSING: Watched<never[]> = {
  status: 'api-missing',
  loaded: true,
  absent: 'api-missing',
  error: new Error('Model does not exist'),
};
const statusErr = (code: number, reason: string) =>
  Object.assign(new Error(reason), { code, json: { kind: 'Status', code, reason, message: reason } });
export const FORBIDDEN: Watched<never[]> = {
  status: 'forbidden',
  loaded: true,
  error: statusErr(403, 'Forbidden'),
};
export const FAILED: Watched<never[]> = { status: 'error', loaded: true, error: new Error('boom') };

const cond = (type: string, status: K8sCondition['status'], reason = '', message = ''): K8sCondition => ({
  type,
  status,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
  lastTransitionTime: '2026-08-18T09:14:02Z',
});

export const storageClass = (
  name: string,
  provisioner: string,
  defaults: { k8s?: string; virt?: string; beta?: string } = {},
  created = '2026-08-18T09:00:00Z',
): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name,
    creationTimestamp: created,
    annotations: {
      ...(defaults.k8s !== undefined ? { 'storageclass.kubernetes.io/is-default-class': defaults.k8s } : {}),
      ...(defaults.virt !== undefined
        ? { 'storageclass.kubevirt.io/is-default-virt-class': defaults.virt }
        : {}),
      ...(defaults.beta !== undefined
        ? { 'storageclass.beta.kubernetes.io/is-default-class': defaults.beta }
        : {}),
    },
  },
  provisioner,
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'Immediate',
});

const RWX_BLOCK: ClaimPropertySet = { accessModes: ['ReadWriteMany'], volumeMode: 'Block' };
const RWO_BLOCK: ClaimPropertySet = { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' };
const RWO_FS: ClaimPropertySet = { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' };
export const RBD_SETS = [RWX_BLOCK, RWO_BLOCK, RWO_FS];
export const RWO_SETS = [RWO_BLOCK, RWO_FS];

export const storageProfile = (
  name: string,
  provisioner: string,
  opts: {
    sets?: ClaimPropertySet[];
    cloneStrategy?: string;
    recognized?: K8sCondition;
    noStatus?: boolean;
  } = {},
): StorageProfile => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: { name, labels: { 'cdi.kubevirt.io': '' } },
  spec: {},
  ...(opts.noStatus
    ? {}
    : {
        status: {
          storageClass: name,
          provisioner,
          claimPropertySets: opts.sets ?? RBD_SETS,
          ...(opts.cloneStrategy !== undefined ? { cloneStrategy: opts.cloneStrategy } : {}),
          conditions: [
            opts.recognized ??
              cond('Recognized', 'True', 'RecognizedProvisioner', 'Provisioner is recognized'),
          ],
        },
      }),
});

export const unrecognized = cond(
  'Recognized',
  'False',
  'UnrecognizedProvisioner',
  'Provisioner is not recognized',
);

export const snapshotClass = (name: string, driver: string): VolumeSnapshotClass => ({
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshotClass',
  metadata: { name },
  driver,
  deletionPolicy: 'Delete',
});

export const csiDriver = (name: string): K8sResourceCommon => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'CSIDriver',
  metadata: { name },
});

export const infrastructure = (topology: string): ClusterInfrastructure => ({
  apiVersion: 'config.openshift.io/v1',
  kind: 'Infrastructure',
  metadata: { name: 'cluster' },
  status: { controlPlaneTopology: topology, infrastructureTopology: topology },
});

export const dataVolume = (
  namespace: string,
  name: string,
  opts: {
    phase?: string;
    restartCount?: number;
    storageClassName?: string;
    pvcSpec?: boolean;
    labels?: Record<string, string>;
    conditions?: K8sCondition[];
  } = {},
): DataVolume => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name, namespace, ...(opts.labels ? { labels: opts.labels } : {}) },
  spec: {
    source: { registry: { url: 'docker://quay.io/containerdisks/fedora:latest' } },
    ...(opts.pvcSpec
      ? {
          pvc: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '10Gi' } },
            ...(opts.storageClassName !== undefined ? { storageClassName: opts.storageClassName } : {}),
          },
        }
      : {
          storage: {
            resources: { requests: { storage: '10Gi' } },
            ...(opts.storageClassName !== undefined ? { storageClassName: opts.storageClassName } : {}),
          },
        }),
  },
  status: {
    ...(opts.phase !== undefined ? { phase: opts.phase } : {}),
    ...(opts.restartCount !== undefined ? { restartCount: opts.restartCount } : {}),
    ...(opts.conditions ? { conditions: opts.conditions } : {}),
  },
});

export const dvRunningError = (message: string): K8sCondition[] => [
  cond('Bound', 'True', 'Bound', 'PVC fedora-0123456789ab Bound'),
  cond('Running', 'False', 'Error', message),
  cond('Ready', 'False', 'TransferRunning'),
];

export const GOLDEN_NS = 'openshift-virtualization-os-images';

export const dataImportCron = (
  name: string,
  opts: {
    upToDate?: K8sCondition;
    imported?: boolean;
    currentImport?: string;
    storageClassAnnotation?: string;
    templateClass?: string;
    namespace?: string;
  } = {},
): DataImportCron => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataImportCron',
  metadata: {
    name,
    namespace: opts.namespace ?? GOLDEN_NS,
    annotations: {
      'cdi.kubevirt.io/storage.bind.immediate.requested': 'true',
      ...(opts.storageClassAnnotation !== undefined
        ? { 'cdi.kubevirt.io/storage.import.storageClass': opts.storageClassAnnotation }
        : {}),
    },
  },
  spec: {
    schedule: '17 */12 * * *',
    managedDataSource: name.replace(/-image-cron$/, ''),
    template: {
      spec: {
        source: { registry: { url: 'docker://quay.io/containerdisks/fedora:latest' } },
        storage: {
          resources: { requests: { storage: '30Gi' } },
          ...(opts.templateClass ? { storageClassName: opts.templateClass } : {}),
        },
      },
    },
  },
  status: {
    conditions: [
      cond('Progressing', 'False', 'NoImport', 'No current import'),
      opts.upToDate ?? cond('UpToDate', 'True', 'UpToDate', 'Latest import is up to date'),
    ],
    ...(opts.currentImport
      ? { currentImports: [{ DataVolumeName: opts.currentImport, Digest: 'sha256:0123' }] }
      : {}),
    ...(opts.imported === false
      ? {}
      : {
          lastImportedPVC: { name: 'fedora-0123456789ab', namespace: opts.namespace ?? GOLDEN_NS },
          lastImportTimestamp: '2026-08-18T09:40:00Z',
        }),
  },
});

export const upToDateFalse = (reason: string, message: string, since: string): K8sCondition => ({
  type: 'UpToDate',
  status: 'False',
  reason,
  message,
  lastTransitionTime: since,
});

const available = (message: string, reason: string) => [
  cond('Available', 'True', reason, message),
  cond('Progressing', 'False'),
  cond('Degraded', 'False'),
];

export const cdi = (
  conditions = available('Deployment Completed', 'DeployCompleted'),
  phase = 'Deployed',
): CDI => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'CDI',
  metadata: { name: 'cdi-kubevirt-hyperconverged' },
  spec: {},
  status: { phase, conditions },
});

export const hpp = (conditions = available('Application Available', 'Complete')): HostPathProvisioner => ({
  apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
  kind: 'HostPathProvisioner',
  metadata: { name: 'hostpath-provisioner' },
  spec: { storagePools: [{ name: 'local', path: '/var/hpvolumes' }] },
  status: { conditions },
});

export { cond };

export const hyperConverged = (
  templates: NonNullable<NonNullable<HyperConverged['status']>['dataImportCronTemplates']> = [],
): HyperConverged => ({
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
  spec: {},
  status: { conditions: [], dataImportCronTemplates: templates },
});

export const found = (hc: HyperConverged): HyperConvergedLookup => ({
  state: 'found',
  hyperConverged: hc,
  others: [],
});

export const overwrittenEvent = (opts: {
  count?: number;
  first: string;
  last: string;
  name?: string;
}): K8sEvent => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: `kubevirt-hyperconverged.${opts.first}`, namespace: 'openshift-cnv' },
  involvedObject: {
    kind: 'HyperConverged',
    name: 'kubevirt-hyperconverged',
    namespace: 'openshift-cnv',
  },
  reason: 'Overwritten',
  message: `Overwritten CDI ${opts.name ?? 'cdi-kubevirt-hyperconverged'}`,
  type: 'Warning',
  count: opts.count ?? 1,
  firstTimestamp: opts.first,
  lastTimestamp: opts.last,
  source: { component: 'kubevirt-hyperconverged' },
});

export const RBD = 'openshift-storage.rbd.csi.ceph.com';

/** A healthy cluster: ODF RBD as virt default and as k8s default, CDI and HPP available, boot sources fresh. */
export const healthyInputs = (over: Partial<HealthInputs> = {}): HealthInputs => ({
  storageProfiles: loaded([
    storageProfile('ocs-virt', RBD, { cloneStrategy: 'csi-clone' }),
    storageProfile('ocs-rbd', RBD, { cloneStrategy: 'csi-clone' }),
  ]),
  storageClasses: loaded([
    storageClass('ocs-virt', RBD, { virt: 'true' }),
    storageClass('ocs-rbd', RBD, { k8s: 'true' }),
  ]),
  dataImportCrons: loaded([dataImportCron('fedora-image-cron')]),
  dataVolumes: loaded([
    dataVolume(GOLDEN_NS, 'fedora-0123456789ab', {
      phase: 'Succeeded',
      labels: { 'cdi.kubevirt.io/dataImportCron': 'fedora-image-cron' },
    }),
  ]),
  cdis: loaded([cdi()]),
  hostPathProvisioners: loaded([hpp()]),
  hyperConverged: found(hyperConverged()),
  hcoEvents: loaded([]),
  volumeSnapshotClasses: loaded([snapshotClass('ocs-storagecluster-rbdplugin-snapclass', RBD)]),
  csiDrivers: loaded([csiDriver(RBD)]),
  infrastructures: loaded([infrastructure('HighlyAvailable')]),
  now: NOW,
  ...over,
});
