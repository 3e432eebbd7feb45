import type {
  AccessMode,
  ClaimPropertySet,
  CloneStrategy,
  DataImportCronSourceFormat,
  VolumeMode,
} from './types';

/**
 * CDI v1.65.0's built-in knowledge about storage provisioners (pkg/storagecapabilities), as data.
 * CDI fills an empty StorageProfile from this table; the UI uses it to explain a profile and to offer
 * "recommended values". Keys are provisioner names, or `provisioner/variant` where CDI looks at
 * StorageClass parameters to pick a variant.
 */
export interface StorageCapabilities {
  key: string;
  claimPropertySets: ClaimPropertySet[];
  cloneStrategy?: CloneStrategy;
  dataImportCronSourceFormat?: DataImportCronSourceFormat;
  minimumSupportedPvcSize?: string;
}

export type CapabilityLookup =
  | { kind: 'known'; capabilities: StorageCapabilities }
  /** CDI knows the provisioner but not these parameters: Recognized=False/UnrecognizedStorageClassParameters. */
  | { kind: 'unrecognized-parameters'; key: string; parameters: UnmappedParameter[] }
  /** CDI does not know the provisioner: Recognized=False/UnrecognizedProvisioner. */
  | { kind: 'unknown' }
  /** CDI says the provisioner does not work with CDI at all. */
  | { kind: 'unsupported' };

/** A StorageClass parameter CDI reads to pick a table entry, with the values it maps. */
export interface UnmappedParameter {
  name: string;
  /** The class's value; undefined when the parameter is missing. */
  value?: string;
  /** The values (or prefixes, ending in `*`) CDI maps to an entry. */
  known: readonly string[];
}

type Advice = Omit<StorageCapabilities, 'key' | 'claimPropertySets'>;

const set = (accessMode: AccessMode, volumeMode: VolumeMode): ClaimPropertySet => ({
  accessModes: [accessMode],
  volumeMode,
});
const RWX_B = set('ReadWriteMany', 'Block');
const RWX_FS = set('ReadWriteMany', 'Filesystem');
const RWO_B = set('ReadWriteOnce', 'Block');
const RWO_FS = set('ReadWriteOnce', 'Filesystem');
const ROX_B = set('ReadOnlyMany', 'Block');
const ROX_FS = set('ReadOnlyMany', 'Filesystem');

// Recurring combinations in CDI's table (preference order matters).
const RWX_B__RWO_B__RWO_FS = [RWX_B, RWO_B, RWO_FS];
const ALL_BUT_RWX_FS = [RWX_B, RWO_B, RWO_FS, ROX_B, ROX_FS];
const ALL_FS = [RWX_FS, RWO_FS, ROX_FS];
const RWX_B__RWO_B__RWO_FS__ROX_B = [RWX_B, RWO_B, RWO_FS, ROX_B];
const RWO_B__RWO_FS = [RWO_B, RWO_FS];
const RWX_FS__RWO_FS = [RWX_FS, RWO_FS];
const PORTWORX = [RWX_B, RWX_FS, RWO_B, RWO_FS];

const CSI_CLONE: Advice = { cloneStrategy: 'csi-clone' };
const COPY: Advice = { cloneStrategy: 'copy' };
const SNAPSHOT_BOTH: Advice = { cloneStrategy: 'snapshot', dataImportCronSourceFormat: 'snapshot' };

const TABLE: Record<string, [ClaimPropertySet[], Advice?]> = {
  // hostpath provisioner (CSI, CSI with overlay, legacy) and minikube
  'kubevirt.io.hostpath-provisioner': [[RWO_FS]],
  'kubevirt.io.hostpath-provisioner/overlay': [[RWX_FS]],
  'kubevirt.io/hostpath-provisioner': [[RWO_FS]],
  'k8s.io/minikube-hostpath': [[RWO_FS]],
  // NFS
  'nfs.csi.k8s.io': [[RWX_FS]],
  'k8s-sigs.io/nfs-subdir-external-provisioner': [[RWX_FS]],
  // Ceph RBD (the in-tree driver gets no clone advice) and CephFS
  'kubernetes.io/rbd': [RWX_B__RWO_B__RWO_FS],
  'rbd.csi.ceph.com': [RWX_B__RWO_B__RWO_FS, CSI_CLONE],
  'rook-ceph.rbd.csi.ceph.com': [
    RWX_B__RWO_B__RWO_FS,
    { ...CSI_CLONE, dataImportCronSourceFormat: 'snapshot' },
  ],
  'openshift-storage.rbd.csi.ceph.com': [
    RWX_B__RWO_B__RWO_FS,
    { ...CSI_CLONE, dataImportCronSourceFormat: 'snapshot' },
  ],
  'cephfs.csi.ceph.com': [RWX_FS__RWO_FS, CSI_CLONE],
  'rook-ceph.cephfs.csi.ceph.com': [RWX_FS__RWO_FS, CSI_CLONE],
  'openshift-storage.cephfs.csi.ceph.com': [RWX_FS__RWO_FS, CSI_CLONE],
  // LINSTOR
  'linstor.csi.linbit.com': [ALL_BUT_RWX_FS],
  // Dell
  'csi-unity.dellemc.com': [ALL_BUT_RWX_FS],
  'csi-unity.dellemc.com/nfs': [ALL_FS],
  'csi-vxflexos.dellemc.com': [ALL_BUT_RWX_FS, CSI_CLONE],
  'csi-vxflexos.dellemc.com/nfs': [ALL_FS],
  'csi-isilon.dellemc.com': [ALL_FS, CSI_CLONE],
  'csi-powermax.dellemc.com': [RWX_B__RWO_B__RWO_FS__ROX_B, CSI_CLONE],
  'csi-powermax.dellemc.com/nfs': [ALL_FS],
  'csi-powerstore.dellemc.com': [RWX_B__RWO_B__RWO_FS__ROX_B, COPY],
  'csi-powerstore.dellemc.com/nfs': [ALL_FS],
  // StorageOS
  'kubernetes.io/storageos': [[RWO_FS]],
  storageos: [[RWO_FS]],
  // AWS
  'kubernetes.io/aws-ebs': [[RWO_B]],
  'ebs.csi.aws.com': [[RWO_B]],
  'ebs.csi.aws.com/io1': [[RWO_B], { minimumSupportedPvcSize: '4Gi' }],
  'ebs.csi.aws.com/io2': [RWX_B__RWO_B__RWO_FS, { minimumSupportedPvcSize: '4Gi' }],
  'ebs.csi.aws.com/gp': [[RWO_B], { minimumSupportedPvcSize: '1Gi' }],
  'efs.csi.aws.com': [RWX_FS__RWO_FS],
  // Azure
  'kubernetes.io/azure-disk': [[RWO_B]],
  'disk.csi.azure.com': [[RWO_B]],
  'kubernetes.io/azure-file': [[RWX_FS]],
  'file.csi.azure.com': [[RWX_FS]],
  // Google (snapshot advice only for the CSI driver)
  'kubernetes.io/gce-pd': [RWO_B__RWO_FS],
  'pd.csi.storage.gke.io': [RWO_B__RWO_FS, SNAPSHOT_BOTH],
  'pd.csi.storage.gke.io/hyperdisk': [
    RWX_B__RWO_B__RWO_FS,
    { ...SNAPSHOT_BOTH, minimumSupportedPvcSize: '4Gi' },
  ],
  // Hitachi, HPE, IBM
  'hspc.csi.hitachi.com': [RWX_B__RWO_B__RWO_FS, CSI_CLONE],
  'csi.hpe.com': [RWX_B__RWO_B__RWO_FS, CSI_CLONE],
  'block.csi.ibm.com': [RWX_B__RWO_B__RWO_FS, CSI_CLONE],
  'spectrumscale.csi.ibm.com': [RWX_FS__RWO_FS, CSI_CLONE],
  'vpc.block.csi.ibm.io': [RWO_B__RWO_FS, COPY],
  // Portworx (in-tree and CSI)
  'kubernetes.io/portworx-volume': [PORTWORX],
  'kubernetes.io/portworx-volume/nfs': [RWX_FS__RWO_FS],
  'pxd.portworx.com': [PORTWORX, CSI_CLONE],
  'pxd.portworx.com/nfs': [RWX_FS__RWO_FS, CSI_CLONE],
  'pxd.portworx.com/pure_block': [RWX_B__RWO_B__RWO_FS],
  'pxd.portworx.com/pure_fa_file': [RWX_FS__RWO_FS],
  // NetApp Trident
  'csi.trident.netapp.io/ontap-nas': [RWX_FS__RWO_FS, SNAPSHOT_BOTH],
  'csi.trident.netapp.io/ontap-san': [[RWX_B], SNAPSHOT_BOTH],
  'csi.trident.netapp.io/gcnv-flex': [RWX_FS__RWO_FS, { ...SNAPSHOT_BOTH, minimumSupportedPvcSize: '1Gi' }],
  // TopoLVM / LVMS
  'topolvm.cybozu.com': [RWO_B__RWO_FS, COPY],
  'topolvm.io': [RWO_B__RWO_FS, COPY],
  // OpenStack, oVirt
  'cinder.csi.openstack.org': [RWO_B__RWO_FS],
  'csi.ovirt.org': [RWO_B__RWO_FS],
  'manila.csi.openstack.org': [[RWX_FS]],
  // Infinidat
  'infinibox-csi-driver/iscsiorfibrechannel': [RWX_B__RWO_B__RWO_FS, CSI_CLONE],
  'infinibox-csi-driver/nvme': [RWX_B__RWO_B__RWO_FS, CSI_CLONE],
  'infinibox-csi-driver/nfs': [RWX_FS__RWO_FS, CSI_CLONE],
  // vSphere
  'csi.vsphere.vmware.com': [RWO_B__RWO_FS],
  'csi.vsphere.vmware.com/nfs': [[RWX_FS, RWO_B, RWO_FS]],
  // Huawei
  'csi.huawei.com': [ALL_BUT_RWX_FS],
  'csi.huawei.com/nfs': [ALL_FS],
  // KubeSAN
  'kubesan.gitlab.io': [[RWX_B, ROX_B, RWO_B, RWO_FS], CSI_CLONE],
  // Longhorn
  'driver.longhorn.io': [[RWO_B]],
  'driver.longhorn.io/migratable': [[RWX_B, RWO_B]],
  'driver.longhorn.io/nfs': [RWX_FS__RWO_FS],
  'driver.longhorn.io/fs': [[RWO_FS]],
  // Oracle Cloud
  'blockvolume.csi.oraclecloud.com': [RWX_B__RWO_B__RWO_FS, CSI_CLONE],
  // Synology
  'csi.san.synology.com/iscsi': [RWX_B__RWO_B__RWO_FS, { ...CSI_CLONE, minimumSupportedPvcSize: '1Gi' }],
  'csi.san.synology.com/nfs': [RWX_FS__RWO_FS, { ...CSI_CLONE, minimumSupportedPvcSize: '1Gi' }],
  'csi.san.synology.com/smb': [RWX_FS__RWO_FS, { ...CSI_CLONE, minimumSupportedPvcSize: '1Gi' }],
};

/** Provisioners CDI says do not work with CDI (object buckets, Stork snapshots, static PVs). */
export const UNSUPPORTED_PROVISIONERS: readonly string[] = [
  'openshift-storage.ceph.rook.io/bucket',
  'rook-ceph.ceph.rook.io/bucket',
  'openshift-storage.noobaa.io/obc',
  'stork-snapshot',
  'kubernetes.io/no-provisioner',
];

/** Marks a provisioner CDI knows whose parameters select no entry of its table. */
const UNRECOGNIZED = Symbol('unrecognized parameters');
const ownEntry = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

type KeyResolver = (params: Record<string, string>) => string | typeof UNRECOGNIZED;

const fsType = (params: Record<string, string>): string =>
  (params['csi.storage.k8s.io/fstype'] ?? '').toLowerCase();
const commaList = (value: string | undefined): string[] => (value ?? '').split(',');
const hasPortworxNfsMountOptions = (params: Record<string, string>): boolean => {
  const opts = commaList(params.sharedv4_mount_options);
  return opts.includes('vers=3.0') && opts.includes('nolock');
};
const hasParameter = (params: Record<string, string>, name: string): boolean =>
  Object.prototype.hasOwnProperty.call(params, name);
const variantIf = (provisioner: string, variant: string, when: boolean): string =>
  when ? `${provisioner}/${variant}` : provisioner;

// CDI reads StorageClass parameters (never `mountOptions`) to pick a variant of these provisioners.
const KEY_RESOLVERS: Record<string, KeyResolver> = {
  // CDI checks only that the key exists: `overlayCSI: "false"` or `""` still selects the overlay variant.
  'kubevirt.io.hostpath-provisioner': (p) =>
    variantIf('kubevirt.io.hostpath-provisioner', 'overlay', hasParameter(p, 'overlayCSI')),
  'kubernetes.io/portworx-volume': (p) =>
    variantIf('kubernetes.io/portworx-volume', 'nfs', hasPortworxNfsMountOptions(p)),
  'pxd.portworx.com': (p) => {
    // An explicit `backend` wins; sharedv4 mount options are only looked at without one.
    if (hasParameter(p, 'backend')) {
      return p.backend === 'pure_block' || p.backend === 'pure_fa_file'
        ? `pxd.portworx.com/${p.backend}`
        : 'pxd.portworx.com';
    }
    return variantIf('pxd.portworx.com', 'nfs', hasPortworxNfsMountOptions(p));
  },
  'csi.trident.netapp.io': (p) => {
    const backendType = p.backendType ?? '';
    if (backendType.startsWith('ontap-nas')) return 'csi.trident.netapp.io/ontap-nas';
    if (backendType.startsWith('ontap-san')) return 'csi.trident.netapp.io/ontap-san';
    // RE2's \s (Go regexp, storagecapabilities.go:420-422) is [\t\n\f\r ] only, not JS's Unicode spaces.
    const selector = (p.selector ?? '').split(/[\t\n\f\r ]*[;,][\t\n\f\r ]*/);
    if (backendType === 'google-cloud-netapp-volumes' && selector.includes('performance=flex')) {
      return 'csi.trident.netapp.io/gcnv-flex';
    }
    return UNRECOGNIZED;
  },
  'infinibox-csi-driver': (p) => {
    switch (p.storage_protocol) {
      case 'iscsi':
      case 'fc':
        return 'infinibox-csi-driver/iscsiorfibrechannel';
      case 'nvme':
        return 'infinibox-csi-driver/nvme';
      case 'nfs':
      case 'nfs_treeq':
        return 'infinibox-csi-driver/nfs';
      default:
        return UNRECOGNIZED;
    }
  },
  'csi.vsphere.vmware.com': (p) => variantIf('csi.vsphere.vmware.com', 'nfs', fsType(p).includes('nfs')),
  'csi-unity.dellemc.com': (p) =>
    variantIf('csi-unity.dellemc.com', 'nfs', (p.protocol ?? '').toLowerCase() === 'nfs'),
  'csi-powerstore.dellemc.com': (p) => variantIf('csi-powerstore.dellemc.com', 'nfs', fsType(p) === 'nfs'),
  'csi-vxflexos.dellemc.com': (p) => variantIf('csi-vxflexos.dellemc.com', 'nfs', fsType(p) === 'nfs'),
  'csi-powermax.dellemc.com': (p) => variantIf('csi-powermax.dellemc.com', 'nfs', fsType(p) === 'nfs'),
  'csi.huawei.com': (p) => variantIf('csi.huawei.com', 'nfs', p.protocol === 'nfs'),
  'driver.longhorn.io': (p) => {
    if (p.migratable === 'true') return 'driver.longhorn.io/migratable';
    if (p.nfsOptions) return 'driver.longhorn.io/nfs';
    if (p.fsType) return 'driver.longhorn.io/fs';
    return 'driver.longhorn.io';
  },
  'ebs.csi.aws.com': (p) => {
    switch (p.type) {
      case 'io1':
      case 'io2':
        return `ebs.csi.aws.com/${p.type}`;
      case 'gp2':
      case 'gp3':
        return 'ebs.csi.aws.com/gp';
      default:
        return 'ebs.csi.aws.com';
    }
  },
  'pd.csi.storage.gke.io': (p) =>
    variantIf(
      'pd.csi.storage.gke.io',
      'hyperdisk',
      p.type === 'hyperdisk-balanced' || p.type === 'hyperdisk-balanced-high-availability',
    ),
  'csi.san.synology.com': (p) => {
    switch (p.protocol ?? '') {
      case 'iscsi':
      case '':
        return 'csi.san.synology.com/iscsi';
      case 'smb':
        return 'csi.san.synology.com/smb';
      case 'nfs':
      case 'nfs_treeq':
        return 'csi.san.synology.com/nfs';
      default:
        return UNRECOGNIZED;
    }
  },
};

// The parameters the resolvers above read for the provisioners that can end in UNRECOGNIZED, and what they map.
const SELECTING_PARAMETERS: Record<string, readonly Omit<UnmappedParameter, 'value'>[]> = {
  'csi.trident.netapp.io': [
    { name: 'backendType', known: ['ontap-nas*', 'ontap-san*', 'google-cloud-netapp-volumes'] },
    { name: 'selector', known: ['performance=flex (with google-cloud-netapp-volumes)'] },
  ],
  'infinibox-csi-driver': [{ name: 'storage_protocol', known: ['iscsi', 'fc', 'nvme', 'nfs', 'nfs_treeq'] }],
  'csi.san.synology.com': [{ name: 'protocol', known: ['iscsi', 'smb', 'nfs', 'nfs_treeq'] }],
};

const cloneSets = (sets: ClaimPropertySet[]): ClaimPropertySet[] =>
  sets.map((s) => ({ accessModes: [...s.accessModes], volumeMode: s.volumeMode }));

/**
 * What CDI v1.65.0 knows about a StorageClass's provisioner, resolved the way CDI resolves it.
 * `mountOptions` is accepted for callers that have a whole StorageClass at hand; CDI itself only reads
 * `parameters` (Portworx's NFS variant comes from the `sharedv4_mount_options` parameter).
 * For `unrecognized-parameters`, `key` is the provisioner whose parameters matched no variant.
 */
export function lookupCapabilities(
  provisioner: string,
  parameters: Record<string, string> = {},
  _mountOptions: string[] = [],
): CapabilityLookup {
  if (UNSUPPORTED_PROVISIONERS.includes(provisioner)) return { kind: 'unsupported' };
  // Own properties only: a provisioner may be named like an Object.prototype method (e.g. `valueOf`).
  const resolver = ownEntry(KEY_RESOLVERS, provisioner);
  const key = resolver ? resolver(parameters) : provisioner;
  if (key === UNRECOGNIZED) {
    const unmapped = (ownEntry(SELECTING_PARAMETERS, provisioner) ?? []).map((p) => ({
      ...p,
      value: parameters[p.name],
    }));
    return { kind: 'unrecognized-parameters', key: provisioner, parameters: unmapped };
  }
  const capabilities = capabilitiesForKey(key);
  return capabilities ? { kind: 'known', capabilities } : { kind: 'unknown' };
}

/** Every key of CDI's table, for pages that list what CDI knows. */
export const KNOWN_CAPABILITY_KEYS: readonly string[] = Object.keys(TABLE);

/** Provisioners whose StorageClass parameters select the key (CDI's storageClassToProvisionerKeyMapper). */
export const PARAMETER_DEPENDENT_PROVISIONERS: readonly string[] = Object.keys(KEY_RESOLVERS);

/**
 * Keys for which CDI annotates the StorageProfile `cdi.kubevirt.io/useReadWriteOnceForDataImportCron: "true"`
 * (UseReadWriteOnceForDataImportCronByProvisionerKey).
 */
export const USE_RWO_FOR_DATA_IMPORT_CRON_KEYS: readonly string[] = [
  'pd.csi.storage.gke.io',
  'pd.csi.storage.gke.io/hyperdisk',
];

/** The table entry of one key (as `lookupCapabilities` returns it once parameters have chosen the key). */
export function capabilitiesForKey(key: string): StorageCapabilities | undefined {
  const entry = ownEntry(TABLE, key);
  if (!entry) return undefined;
  const [sets, advice = {}] = entry;
  return { key, claimPropertySets: cloneSets(sets), ...advice };
}
