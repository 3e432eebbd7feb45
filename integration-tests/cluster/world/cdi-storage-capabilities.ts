/**
 * The simulated CDI's own model of CDI v1.65.0's pkg/storagecapabilities/storagecapabilities.go (commit
 * d97a33c2f063258d14c6df27d297e84e3f48b779), written from that file and laid out as it is: one map of provisioner
 * keys to capability lists, separate advice maps keyed the same way, the unsupported provisioners, and the
 * parameter mappers that turn a StorageClass into its provisioner key. `storagecapabilities.go:N` cites its lines.
 *
 * This is the test double's copy, NOT the plugin's (src/k8s/storage-capabilities.ts): nothing here comes from src/,
 * so the two can disagree, and integration-tests/cluster/world/cdi-storage-capabilities.oracle.test.ts checks this
 * one against the upstream oracle on its own.
 */

/** v1.PersistentVolumeAccessMode / v1.PersistentVolumeMode values the table uses. */
export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany';
export type VolumeMode = 'Block' | 'Filesystem';
/** cdiv1.CDICloneStrategy (types.go:926-932) and cdiv1.DataImportCronSourceFormat (types.go:981-984). */
export type CloneStrategy = 'copy' | 'snapshot' | 'csi-clone';
export type SourceFormat = 'snapshot' | 'pvc';

/** StorageCapabilities (storagecapabilities.go:23-27): one access mode with one volume mode. */
export interface StorageCapability {
  readonly accessMode: AccessMode;
  readonly volumeMode: VolumeMode;
}

/** The part of a StorageClass CDI reads here. */
export interface StorageClassLike {
  provisioner?: string;
  parameters?: Record<string, string>;
}

// storagecapabilities.go:29-36
const rwo: AccessMode = 'ReadWriteOnce';
const rox: AccessMode = 'ReadOnlyMany';
const rwx: AccessMode = 'ReadWriteMany';
const block: VolumeMode = 'Block';
const file: VolumeMode = 'Filesystem';

/** `{accessMode, volumeMode}` pairs as Go's composite literals `{{rwx, block}, ...}` write them. */
const caps = (...pairs: [AccessMode, VolumeMode][]): readonly StorageCapability[] =>
  Object.freeze(pairs.map(([accessMode, volumeMode]) => Object.freeze({ accessMode, volumeMode })));

// The create*Capabilities helpers (storagecapabilities.go:546-612).
const createRbdCapabilities = () => caps([rwx, block], [rwo, block], [rwo, file]); // :546-552
const createAllButRWXFileCapabilities = () =>
  caps([rwx, block], [rwo, block], [rwo, file], [rox, block], [rox, file]); // :554-562
const createDellPowerMaxCapabilities = () => caps([rwx, block], [rwo, block], [rwo, file], [rox, block]); // :564-571
const createDellPowerFlexCapabilities = () =>
  caps([rwx, block], [rwo, block], [rwo, file], [rox, block], [rox, file]); // :573-581
const createAllFSCapabilities = () => caps([rwx, file], [rwo, file], [rox, file]); // :583-589
const createDellPowerStoreCapabilities = () => caps([rwx, block], [rwo, block], [rwo, file], [rox, block]); // :591-598
const createTopoLVMCapabilities = () => caps([rwo, block], [rwo, file]); // :600-605
const createRWOBlockAndFilesystemCapabilities = () => caps([rwo, block], [rwo, file]); // :607-612

// Provisioner names CDI names as constants (storagecapabilities.go:242-257).
export const PROVISIONER_NOOBAA = 'openshift-storage.noobaa.io/obc';
export const PROVISIONER_OCS_BUCKET = 'openshift-storage.ceph.rook.io/bucket';
export const PROVISIONER_ROOK_CEPH_BUCKET = 'rook-ceph.ceph.rook.io/bucket';
export const PROVISIONER_STORK_SNAPSHOT = 'stork-snapshot';
export const PROVISIONER_HPP_CSI = 'kubevirt.io.hostpath-provisioner';
export const PROVISIONER_HPP_OVERLAY_CSI = 'kubevirt.io.hostpath-provisioner/overlay';
export const PROVISIONER_HPP_LEGACY = 'kubevirt.io/hostpath-provisioner';
/** storagehelpers.NotSupportedProvisioner (k8s.io/component-helpers storage/volume/pv_helpers.go:56). */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The key a mapper returns for parameters it does not know (storagecapabilities.go:281, 425, 437, 537). */
export const UNKNOWN_PROVISIONER_KEY = 'UNKNOWN';

/** CapabilitiesByProvisionerKey (storagecapabilities.go:38-148). A Map, so no key is inherited. */
export const CAPABILITIES_BY_PROVISIONER_KEY: ReadonlyMap<string, readonly StorageCapability[]> = new Map([
  // hostpath-provisioner (:40-44)
  [PROVISIONER_HPP_CSI, caps([rwo, file])],
  [PROVISIONER_HPP_OVERLAY_CSI, caps([rwx, file])],
  [PROVISIONER_HPP_LEGACY, caps([rwo, file])],
  ['k8s.io/minikube-hostpath', caps([rwo, file])],
  // nfs-csi (:45-47)
  ['nfs.csi.k8s.io', caps([rwx, file])],
  ['k8s-sigs.io/nfs-subdir-external-provisioner', caps([rwx, file])],
  // ceph-rbd (:48-52)
  ['kubernetes.io/rbd', createRbdCapabilities()],
  ['rbd.csi.ceph.com', createRbdCapabilities()],
  ['rook-ceph.rbd.csi.ceph.com', createRbdCapabilities()],
  ['openshift-storage.rbd.csi.ceph.com', createRbdCapabilities()],
  // ceph-fs (:53-56)
  ['cephfs.csi.ceph.com', caps([rwx, file], [rwo, file])],
  ['rook-ceph.cephfs.csi.ceph.com', caps([rwx, file], [rwo, file])],
  ['openshift-storage.cephfs.csi.ceph.com', caps([rwx, file], [rwo, file])],
  // LINSTOR (:57-58)
  ['linstor.csi.linbit.com', createAllButRWXFileCapabilities()],
  // DELL Unity XT (:59-61)
  ['csi-unity.dellemc.com', createAllButRWXFileCapabilities()],
  ['csi-unity.dellemc.com/nfs', createAllFSCapabilities()],
  // DELL PowerFlex (:62-64)
  ['csi-vxflexos.dellemc.com', createDellPowerFlexCapabilities()],
  ['csi-vxflexos.dellemc.com/nfs', createAllFSCapabilities()],
  // DELL PowerScale (:65-66)
  ['csi-isilon.dellemc.com', createAllFSCapabilities()],
  // DELL PowerMax (:67-69)
  ['csi-powermax.dellemc.com', createDellPowerMaxCapabilities()],
  ['csi-powermax.dellemc.com/nfs', createAllFSCapabilities()],
  // DELL PowerStore (:70-72)
  ['csi-powerstore.dellemc.com', createDellPowerStoreCapabilities()],
  ['csi-powerstore.dellemc.com/nfs', createAllFSCapabilities()],
  // storageos (:73-75)
  ['kubernetes.io/storageos', caps([rwo, file])],
  ['storageos', caps([rwo, file])],
  // AWSElasticBlockStore (:76-81)
  ['kubernetes.io/aws-ebs', caps([rwo, block])],
  ['ebs.csi.aws.com', caps([rwo, block])],
  ['ebs.csi.aws.com/io1', caps([rwo, block])],
  ['ebs.csi.aws.com/io2', caps([rwx, block], [rwo, block], [rwo, file])],
  ['ebs.csi.aws.com/gp', caps([rwo, block])],
  // AWSElasticFileSystem (:82-83)
  ['efs.csi.aws.com', caps([rwx, file], [rwo, file])],
  // Azure disk (:84-86)
  ['kubernetes.io/azure-disk', caps([rwo, block])],
  ['disk.csi.azure.com', caps([rwo, block])],
  // Azure file (:87-89)
  ['kubernetes.io/azure-file', caps([rwx, file])],
  ['file.csi.azure.com', caps([rwx, file])],
  // GCE Persistent Disk (:90-93)
  ['kubernetes.io/gce-pd', caps([rwo, block], [rwo, file])],
  ['pd.csi.storage.gke.io', caps([rwo, block], [rwo, file])],
  ['pd.csi.storage.gke.io/hyperdisk', caps([rwx, block], [rwo, block], [rwo, file])],
  // Hitachi (:94-95)
  ['hspc.csi.hitachi.com', caps([rwx, block], [rwo, block], [rwo, file])],
  // HPE (:96-97)
  ['csi.hpe.com', caps([rwx, block], [rwo, block], [rwo, file])],
  // IBM HCI/GPFS2 (:98-99)
  ['spectrumscale.csi.ibm.com', caps([rwx, file], [rwo, file])],
  // IBM block arrays (:100-101)
  ['block.csi.ibm.com', caps([rwx, block], [rwo, block], [rwo, file])],
  // IBM VPC Block CSI (:102-103)
  ['vpc.block.csi.ibm.io', caps([rwo, block], [rwo, file])],
  // Portworx in-tree CSI (:104-106)
  ['kubernetes.io/portworx-volume/nfs', caps([rwx, file], [rwo, file])],
  ['kubernetes.io/portworx-volume', caps([rwx, block], [rwx, file], [rwo, block], [rwo, file])],
  // Portworx CSI (:107-111)
  ['pxd.portworx.com/nfs', caps([rwx, file], [rwo, file])],
  ['pxd.portworx.com', caps([rwx, block], [rwx, file], [rwo, block], [rwo, file])],
  ['pxd.portworx.com/pure_block', caps([rwx, block], [rwo, block], [rwo, file])],
  ['pxd.portworx.com/pure_fa_file', caps([rwx, file], [rwo, file])],
  // Trident (:112-115)
  ['csi.trident.netapp.io/ontap-nas', caps([rwx, file], [rwo, file])],
  ['csi.trident.netapp.io/ontap-san', caps([rwx, block])],
  ['csi.trident.netapp.io/gcnv-flex', caps([rwx, file], [rwo, file])],
  // topolvm (:116-118)
  ['topolvm.cybozu.com', createTopoLVMCapabilities()],
  ['topolvm.io', createTopoLVMCapabilities()],
  // OpenStack Cinder (:119-120)
  ['cinder.csi.openstack.org', createRWOBlockAndFilesystemCapabilities()],
  // OpenStack manila (:121-122)
  ['manila.csi.openstack.org', caps([rwx, file])],
  // ovirt csi (:123-124)
  ['csi.ovirt.org', createRWOBlockAndFilesystemCapabilities()],
  // Infinidat (:125-128)
  ['infinibox-csi-driver/iscsiorfibrechannel', caps([rwx, block], [rwo, block], [rwo, file])],
  ['infinibox-csi-driver/nvme', caps([rwx, block], [rwo, block], [rwo, file])],
  ['infinibox-csi-driver/nfs', caps([rwx, file], [rwo, file])],
  // vSphere (:129-131)
  ['csi.vsphere.vmware.com', caps([rwo, block], [rwo, file])],
  ['csi.vsphere.vmware.com/nfs', caps([rwx, file], [rwo, block], [rwo, file])],
  // huawei (:132-134)
  ['csi.huawei.com', createAllButRWXFileCapabilities()],
  ['csi.huawei.com/nfs', createAllFSCapabilities()],
  // KubeSAN (:135-136)
  ['kubesan.gitlab.io', caps([rwx, block], [rox, block], [rwo, block], [rwo, file])],
  // Longhorn (:137-141)
  ['driver.longhorn.io', caps([rwo, block])],
  ['driver.longhorn.io/migratable', caps([rwx, block], [rwo, block])],
  ['driver.longhorn.io/nfs', caps([rwx, file], [rwo, file])],
  ['driver.longhorn.io/fs', caps([rwo, file])],
  // Oracle cloud (:142-143)
  ['blockvolume.csi.oraclecloud.com', caps([rwx, block], [rwo, block], [rwo, file])],
  // Synology (:144-147)
  ['csi.san.synology.com/iscsi', caps([rwx, block], [rwo, block], [rwo, file])],
  ['csi.san.synology.com/nfs', caps([rwx, file], [rwo, file])],
  ['csi.san.synology.com/smb', caps([rwx, file], [rwo, file])],
]);

/** SourceFormatsByProvisionerKey (storagecapabilities.go:150-160). */
export const SOURCE_FORMATS_BY_PROVISIONER_KEY: ReadonlyMap<string, SourceFormat> = new Map([
  ['rook-ceph.rbd.csi.ceph.com', 'snapshot'],
  ['openshift-storage.rbd.csi.ceph.com', 'snapshot'],
  ['csi.trident.netapp.io/ontap-nas', 'snapshot'],
  ['csi.trident.netapp.io/ontap-san', 'snapshot'],
  ['csi.trident.netapp.io/gcnv-flex', 'snapshot'],
  ['pd.csi.storage.gke.io', 'snapshot'],
  ['pd.csi.storage.gke.io/hyperdisk', 'snapshot'],
]);

// cdiv1.CloneStrategyCsiClone / CloneStrategySnapshot / CloneStrategyHostAssisted (types.go:926-932).
const CSI_CLONE: CloneStrategy = 'csi-clone';
const SNAPSHOT: CloneStrategy = 'snapshot';
const HOST_ASSISTED: CloneStrategy = 'copy';

/** CloneStrategyByProvisionerKey (storagecapabilities.go:162-196). */
export const CLONE_STRATEGY_BY_PROVISIONER_KEY: ReadonlyMap<string, CloneStrategy> = new Map([
  ['csi-vxflexos.dellemc.com', CSI_CLONE],
  ['csi-isilon.dellemc.com', CSI_CLONE],
  ['csi-powermax.dellemc.com', CSI_CLONE],
  ['csi-powerstore.dellemc.com', HOST_ASSISTED],
  ['hspc.csi.hitachi.com', CSI_CLONE],
  ['csi.hpe.com', CSI_CLONE],
  ['spectrumscale.csi.ibm.com', CSI_CLONE],
  ['block.csi.ibm.com', CSI_CLONE],
  ['vpc.block.csi.ibm.io', HOST_ASSISTED],
  ['rbd.csi.ceph.com', CSI_CLONE],
  ['rook-ceph.rbd.csi.ceph.com', CSI_CLONE],
  ['openshift-storage.rbd.csi.ceph.com', CSI_CLONE],
  ['cephfs.csi.ceph.com', CSI_CLONE],
  ['rook-ceph.cephfs.csi.ceph.com', CSI_CLONE],
  ['openshift-storage.cephfs.csi.ceph.com', CSI_CLONE],
  ['pxd.portworx.com/nfs', CSI_CLONE],
  ['pxd.portworx.com', CSI_CLONE],
  ['topolvm.cybozu.com', HOST_ASSISTED],
  ['topolvm.io', HOST_ASSISTED],
  ['infinibox-csi-driver/iscsiorfibrechannel', CSI_CLONE],
  ['infinibox-csi-driver/nvme', CSI_CLONE],
  ['infinibox-csi-driver/nfs', CSI_CLONE],
  ['csi.trident.netapp.io/ontap-nas', SNAPSHOT],
  ['csi.trident.netapp.io/ontap-san', SNAPSHOT],
  ['csi.trident.netapp.io/gcnv-flex', SNAPSHOT],
  ['kubesan.gitlab.io', CSI_CLONE],
  ['pd.csi.storage.gke.io', SNAPSHOT],
  ['pd.csi.storage.gke.io/hyperdisk', SNAPSHOT],
  ['csi.san.synology.com/iscsi', CSI_CLONE],
  ['csi.san.synology.com/nfs', CSI_CLONE],
  ['csi.san.synology.com/smb', CSI_CLONE],
  ['blockvolume.csi.oraclecloud.com', CSI_CLONE],
]);

/** MinimumSupportedPVCSizeByProvisionerKey (storagecapabilities.go:198-211). */
export const MINIMUM_SUPPORTED_PVC_SIZE_BY_PROVISIONER_KEY: ReadonlyMap<string, string> = new Map([
  ['pd.csi.storage.gke.io/hyperdisk', '4Gi'],
  ['ebs.csi.aws.com/io1', '4Gi'],
  ['ebs.csi.aws.com/io2', '4Gi'],
  ['ebs.csi.aws.com/gp', '1Gi'],
  ['csi.san.synology.com/iscsi', '1Gi'],
  ['csi.san.synology.com/nfs', '1Gi'],
  ['csi.san.synology.com/smb', '1Gi'],
  ['csi.trident.netapp.io/gcnv-flex', '1Gi'],
]);

/** UseReadWriteOnceForDataImportCronByProvisionerKey (storagecapabilities.go:213-217). */
export const USE_READ_WRITE_ONCE_FOR_DATA_IMPORT_CRON_BY_PROVISIONER_KEY: ReadonlySet<string> = new Set([
  'pd.csi.storage.gke.io',
  'pd.csi.storage.gke.io/hyperdisk',
]);

/** The same keys as a list (what the StorageProfile controller tests a profile's key against). */
export const USE_RWO_FOR_DATA_IMPORT_CRON_KEYS: readonly string[] = [
  ...USE_READ_WRITE_ONCE_FOR_DATA_IMPORT_CRON_BY_PROVISIONER_KEY,
];

/** UnsupportedProvisioners (storagecapabilities.go:259-267): raw provisioner names, never mapped keys. */
export const UNSUPPORTED_PROVISIONERS: ReadonlySet<string> = new Set([
  PROVISIONER_OCS_BUCKET,
  PROVISIONER_ROOK_CEPH_BUCKET,
  PROVISIONER_NOOBAA,
  PROVISIONER_STORK_SNAPSHOT,
  NOT_SUPPORTED_PROVISIONER,
]);

/** StorageClassRecognizeReason (storagecapabilities.go:269-276). */
export type StorageClassRecognizeReason =
  'RecognizedProvisioner' | 'UnrecognizedProvisioner' | 'UnrecognizedStorageClassParameters';

type Parameters = Record<string, string>;

/** Go's `sc.Parameters[name]`: the value, or "" when the key is absent (own keys only, nothing inherited). */
const param = (params: Parameters, name: string): string =>
  Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : '';
/** Go's `_, exists := sc.Parameters[name]`. */
const hasParam = (params: Parameters, name: string): boolean =>
  Object.prototype.hasOwnProperty.call(params, name);
/**
 * strings.ToLower. JS's toLowerCase uses full case mapping, Go simple mapping; they differ only for a few
 * characters (U+0130) none of which lower-cases to the ASCII letters the mappers compare with.
 */
const goToLower = (s: string): string => s.toLowerCase();
/**
 * regexp.MustCompile(`\s*[;,]\s*`) (storagecapabilities.go:420). RE2's `\s` is `[\t\n\f\r ]` only; JS's `\s`
 * also matches \v, NBSP and the other Unicode spaces, so it is spelled out.
 */
const TRIDENT_SELECTOR_SEPARATOR = /[\t\n\f\r ]*[;,][\t\n\f\r ]*/;

/** getFSType (storagecapabilities.go:542-544). */
const getFSType = (params: Parameters): string => goToLower(param(params, 'csi.storage.k8s.io/fstype'));

/** `strings.Split(sc.Parameters["sharedv4_mount_options"], ",")` has both "vers=3.0" and "nolock" (:389-390). */
const hasNfsV3NolockMountOptions = (params: Parameters): boolean => {
  const opts = param(params, 'sharedv4_mount_options').split(',');
  return opts.includes('vers=3.0') && opts.includes('nolock');
};

/** storageClassToProvisionerKeyMapper (storagecapabilities.go:381-540). */
export const STORAGE_CLASS_TO_PROVISIONER_KEY_MAPPER: ReadonlyMap<string, (params: Parameters) => string> =
  new Map<string, (params: Parameters) => string>([
    [
      PROVISIONER_HPP_CSI, // :382-387
      (p) => (hasParam(p, 'overlayCSI') ? PROVISIONER_HPP_OVERLAY_CSI : PROVISIONER_HPP_CSI),
    ],
    [
      'kubernetes.io/portworx-volume', // :388-394
      (p) =>
        hasNfsV3NolockMountOptions(p) ? 'kubernetes.io/portworx-volume/nfs' : 'kubernetes.io/portworx-volume',
    ],
    [
      'pxd.portworx.com', // :395-410
      (p) => {
        if (hasParam(p, 'backend')) {
          const val = param(p, 'backend');
          if (val === 'pure_block') return 'pxd.portworx.com/pure_block';
          if (val === 'pure_fa_file') return 'pxd.portworx.com/pure_fa_file';
        } else if (hasNfsV3NolockMountOptions(p)) {
          return 'pxd.portworx.com/nfs';
        }
        return 'pxd.portworx.com';
      },
    ],
    [
      'csi.trident.netapp.io', // :411-426
      (p) => {
        const val = param(p, 'backendType');
        if (val.startsWith('ontap-nas')) return 'csi.trident.netapp.io/ontap-nas';
        if (val.startsWith('ontap-san')) return 'csi.trident.netapp.io/ontap-san';
        const selector = param(p, 'selector').split(TRIDENT_SELECTOR_SEPARATOR);
        if (val === 'google-cloud-netapp-volumes' && selector.includes('performance=flex')) {
          return 'csi.trident.netapp.io/gcnv-flex';
        }
        return UNKNOWN_PROVISIONER_KEY;
      },
    ],
    [
      'infinibox-csi-driver', // :427-439
      (p) => {
        switch (param(p, 'storage_protocol')) {
          case 'iscsi':
          case 'fc':
            return 'infinibox-csi-driver/iscsiorfibrechannel';
          case 'nvme':
            return 'infinibox-csi-driver/nvme';
          case 'nfs':
          case 'nfs_treeq':
            return 'infinibox-csi-driver/nfs';
          default:
            return UNKNOWN_PROVISIONER_KEY;
        }
      },
    ],
    [
      'csi.vsphere.vmware.com', // :440-446
      (p) => (getFSType(p).includes('nfs') ? 'csi.vsphere.vmware.com/nfs' : 'csi.vsphere.vmware.com'),
    ],
    [
      'csi-unity.dellemc.com', // :447-455
      (p) =>
        goToLower(param(p, 'protocol')) === 'nfs' ? 'csi-unity.dellemc.com/nfs' : 'csi-unity.dellemc.com',
    ],
    [
      'csi-powerstore.dellemc.com', // :456-465
      (p) => (getFSType(p) === 'nfs' ? 'csi-powerstore.dellemc.com/nfs' : 'csi-powerstore.dellemc.com'),
    ],
    [
      'csi-vxflexos.dellemc.com', // :466-475
      (p) => (getFSType(p) === 'nfs' ? 'csi-vxflexos.dellemc.com/nfs' : 'csi-vxflexos.dellemc.com'),
    ],
    [
      'csi-powermax.dellemc.com', // :476-485
      (p) => (getFSType(p) === 'nfs' ? 'csi-powermax.dellemc.com/nfs' : 'csi-powermax.dellemc.com'),
    ],
    [
      'csi.huawei.com', // :486-493 (case-sensitive, unlike Unity)
      (p) => (param(p, 'protocol') === 'nfs' ? 'csi.huawei.com/nfs' : 'csi.huawei.com'),
    ],
    [
      'driver.longhorn.io', // :494-506
      (p) => {
        if (param(p, 'migratable') === 'true') return 'driver.longhorn.io/migratable';
        if (param(p, 'nfsOptions') !== '') return 'driver.longhorn.io/nfs';
        if (param(p, 'fsType') !== '') return 'driver.longhorn.io/fs';
        return 'driver.longhorn.io';
      },
    ],
    [
      'ebs.csi.aws.com', // :507-518
      (p) => {
        switch (param(p, 'type')) {
          case 'io1':
            return 'ebs.csi.aws.com/io1';
          case 'io2':
            return 'ebs.csi.aws.com/io2';
          case 'gp2':
          case 'gp3':
            return 'ebs.csi.aws.com/gp';
          default:
            return 'ebs.csi.aws.com';
        }
      },
    ],
    [
      'pd.csi.storage.gke.io', // :519-526
      (p) => {
        switch (param(p, 'type')) {
          case 'hyperdisk-balanced':
          case 'hyperdisk-balanced-high-availability':
            return 'pd.csi.storage.gke.io/hyperdisk';
          default:
            return 'pd.csi.storage.gke.io';
        }
      },
    ],
    [
      'csi.san.synology.com', // :527-539 (a missing protocol is "" and so iSCSI)
      (p) => {
        switch (param(p, 'protocol')) {
          case 'iscsi':
          case '':
            return 'csi.san.synology.com/iscsi';
          case 'smb':
            return 'csi.san.synology.com/smb';
          case 'nfs':
          case 'nfs_treeq':
            return 'csi.san.synology.com/nfs';
          default:
            return UNKNOWN_PROVISIONER_KEY;
        }
      },
    ],
  ]);

/** storageProvisionerKey (storagecapabilities.go:372-379): the mapper's key, else the provisioner name itself. */
export function storageProvisionerKey(sc: StorageClassLike): string {
  const provisioner = sc.provisioner ?? '';
  const keyMapper = STORAGE_CLASS_TO_PROVISIONER_KEY_MAPPER.get(provisioner);
  return keyMapper ? keyMapper(sc.parameters ?? {}) : provisioner;
}

/** IsRecognized (storagecapabilities.go:278-288). Unsupported provisioners are not in the table: Unrecognized. */
export function isRecognized(sc: StorageClassLike): StorageClassRecognizeReason {
  const provisionerKey = storageProvisionerKey(sc);
  if (provisionerKey === UNKNOWN_PROVISIONER_KEY) return 'UnrecognizedStorageClassParameters';
  if (CAPABILITIES_BY_PROVISIONER_KEY.has(provisionerKey)) return 'RecognizedProvisioner';
  return 'UnrecognizedProvisioner';
}

/**
 * GetCapabilities (storagecapabilities.go:290-298) for the table only: the `kubernetes.io/no-provisioner` branch
 * (capabilitiesForNoProvisioner, :339-358) needs the cluster's PersistentVolumes, which the StorageProfile
 * controller reads itself; here that provisioner has no entry (`undefined`).
 */
export function getCapabilities(sc: StorageClassLike): readonly StorageCapability[] | undefined {
  return CAPABILITIES_BY_PROVISIONER_KEY.get(storageProvisionerKey(sc));
}

/** GetAdvisedSourceFormat (storagecapabilities.go:300-305). */
export const getAdvisedSourceFormat = (sc: StorageClassLike): SourceFormat | undefined =>
  SOURCE_FORMATS_BY_PROVISIONER_KEY.get(storageProvisionerKey(sc));

/** GetAdvisedCloneStrategy (storagecapabilities.go:307-312). */
export const getAdvisedCloneStrategy = (sc: StorageClassLike): CloneStrategy | undefined =>
  CLONE_STRATEGY_BY_PROVISIONER_KEY.get(storageProvisionerKey(sc));

/** GetMinimumSupportedPVCSize (storagecapabilities.go:314-319). */
export const getMinimumSupportedPVCSize = (sc: StorageClassLike): string | undefined =>
  MINIMUM_SUPPORTED_PVC_SIZE_BY_PROVISIONER_KEY.get(storageProvisionerKey(sc));

/** ShouldUseReadWriteOnceForDataImportCron (storagecapabilities.go:321-326). */
export const shouldUseReadWriteOnceForDataImportCron = (sc: StorageClassLike): boolean =>
  USE_READ_WRITE_ONCE_FOR_DATA_IMPORT_CRON_BY_PROVISIONER_KEY.has(storageProvisionerKey(sc));

/** What the StorageProfile controller fills an empty profile with, for a recognised class. */
export interface ProfileCapabilities {
  /** The provisioner key (storageProvisionerKey). */
  key: string;
  /** One ClaimPropertySet per capability, in table order (storageprofile-controller.go:232-245); fresh copies. */
  claimPropertySets: { accessModes: AccessMode[]; volumeMode: VolumeMode }[];
  cloneStrategy?: CloneStrategy;
  dataImportCronSourceFormat?: SourceFormat;
  minimumSupportedPvcSize?: string;
}

/** A StorageClass as CDI's IsRecognized sees it, with the table's answers when recognised. */
export type CapabilityLookup =
  /** RecognizedProvisioner: the key is in CapabilitiesByProvisionerKey. */
  | { kind: 'known'; capabilities: ProfileCapabilities }
  /** UnrecognizedStorageClassParameters: the provisioner's mapper returned "UNKNOWN". */
  | { kind: 'unrecognized-parameters'; provisioner: string }
  /**
   * UnrecognizedProvisioner: the key is not in the table. `unsupported` when the raw provisioner is one of
   * UnsupportedProvisioners (CDI only uses that for its metrics, storageprofile-controller.go:433-435).
   */
  | { kind: 'unrecognized-provisioner'; key: string; unsupported: boolean };

/**
 * IsRecognized, GetCapabilities and the advice getters for one StorageClass, in one answer. The advice maps are
 * only read for a recognised key: every key they hold is a table key (the oracle test checks that), so nothing
 * CDI would advise is lost.
 */
export function lookupCapabilities(provisioner: string, parameters: Parameters = {}): CapabilityLookup {
  const sc: StorageClassLike = { provisioner, parameters };
  const key = storageProvisionerKey(sc);
  switch (isRecognized(sc)) {
    case 'UnrecognizedStorageClassParameters':
      return { kind: 'unrecognized-parameters', provisioner };
    case 'UnrecognizedProvisioner':
      return {
        kind: 'unrecognized-provisioner',
        key,
        unsupported: UNSUPPORTED_PROVISIONERS.has(provisioner),
      };
    case 'RecognizedProvisioner':
      break;
  }
  const capabilities: ProfileCapabilities = {
    key,
    claimPropertySets: (CAPABILITIES_BY_PROVISIONER_KEY.get(key) ?? []).map((c) => ({
      accessModes: [c.accessMode],
      volumeMode: c.volumeMode,
    })),
  };
  const cloneStrategy = CLONE_STRATEGY_BY_PROVISIONER_KEY.get(key);
  const sourceFormat = SOURCE_FORMATS_BY_PROVISIONER_KEY.get(key);
  const minimumSize = MINIMUM_SUPPORTED_PVC_SIZE_BY_PROVISIONER_KEY.get(key);
  if (cloneStrategy !== undefined) capabilities.cloneStrategy = cloneStrategy;
  if (sourceFormat !== undefined) capabilities.dataImportCronSourceFormat = sourceFormat;
  if (minimumSize !== undefined) capabilities.minimumSupportedPvcSize = minimumSize;
  return { kind: 'known', capabilities };
}
