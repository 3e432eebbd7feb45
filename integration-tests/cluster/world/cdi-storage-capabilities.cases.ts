/**
 * Test support (not a test file): StorageClass parameters for each of CDI v1.65.0's provisioner-key mappers
 * (storageClassToProvisionerKeyMapper, pkg/storagecapabilities/storagecapabilities.go:381-540) with the key that
 * mapper returns, worked out from the Go source. Used by the oracle test and by the cross-check with the plugin.
 */

/** `[parameters, key]`; the key is 'UNKNOWN' where the mapper recognises none (Recognized=False). */
export type RuleCase = [parameters: Record<string, string>, key: string];

export const RULE_CASES: Record<string, RuleCase[]> = {
  // :382-387 — only whether the key exists counts.
  'kubevirt.io.hostpath-provisioner': [
    [{}, 'kubevirt.io.hostpath-provisioner'],
    [{ storagePool: 'local' }, 'kubevirt.io.hostpath-provisioner'],
    [{ overlayCSI: 'true' }, 'kubevirt.io.hostpath-provisioner/overlay'],
    [{ overlayCSI: 'false' }, 'kubevirt.io.hostpath-provisioner/overlay'],
    [{ overlayCSI: '' }, 'kubevirt.io.hostpath-provisioner/overlay'],
  ],
  // :388-394 — strings.Split on ",", items compared exactly (no trimming).
  'kubernetes.io/portworx-volume': [
    [{}, 'kubernetes.io/portworx-volume'],
    [{ sharedv4_mount_options: 'vers=3.0,nolock' }, 'kubernetes.io/portworx-volume/nfs'],
    [{ sharedv4_mount_options: 'timeo=600,nolock,vers=3.0' }, 'kubernetes.io/portworx-volume/nfs'],
    [{ sharedv4_mount_options: 'vers=3.0, nolock' }, 'kubernetes.io/portworx-volume'],
    [{ sharedv4_mount_options: 'vers=3.0;nolock' }, 'kubernetes.io/portworx-volume'],
    [{ sharedv4_mount_options: 'nolock' }, 'kubernetes.io/portworx-volume'],
    [{ backend: 'pure_block' }, 'kubernetes.io/portworx-volume'],
  ],
  // :395-410 — a present `backend` decides alone; the mount options count only without it.
  'pxd.portworx.com': [
    [{}, 'pxd.portworx.com'],
    [{ backend: 'pure_block' }, 'pxd.portworx.com/pure_block'],
    [{ backend: 'pure_fa_file' }, 'pxd.portworx.com/pure_fa_file'],
    [{ backend: 'PURE_BLOCK' }, 'pxd.portworx.com'],
    [{ backend: '', sharedv4_mount_options: 'vers=3.0,nolock' }, 'pxd.portworx.com'],
    [{ backend: 'pure_block', sharedv4_mount_options: 'vers=3.0,nolock' }, 'pxd.portworx.com/pure_block'],
    [{ sharedv4_mount_options: 'nolock,vers=3.0' }, 'pxd.portworx.com/nfs'],
    [{ sharedv4_mount_options: 'vers=3' }, 'pxd.portworx.com'],
  ],
  // :411-426 — prefixes of backendType; the selector split on RE2 `\s*[;,]\s*` (\s = [\t\n\f\r ]).
  'csi.trident.netapp.io': [
    [{}, 'UNKNOWN'],
    [{ backendType: 'ontap-nas' }, 'csi.trident.netapp.io/ontap-nas'],
    [{ backendType: 'ontap-nas-flexgroup' }, 'csi.trident.netapp.io/ontap-nas'],
    [{ backendType: 'ontap-san' }, 'csi.trident.netapp.io/ontap-san'],
    [{ backendType: 'ontap-san-economy' }, 'csi.trident.netapp.io/ontap-san'],
    [{ backendType: 'ONTAP-NAS' }, 'UNKNOWN'],
    [{ backendType: 'ontap-nas', selector: 'performance=premium' }, 'csi.trident.netapp.io/ontap-nas'],
    [{ backendType: 'google-cloud-netapp-volumes' }, 'UNKNOWN'],
    [
      { backendType: 'google-cloud-netapp-volumes', selector: 'performance=flex' },
      'csi.trident.netapp.io/gcnv-flex',
    ],
    [
      { backendType: 'google-cloud-netapp-volumes', selector: 'region=west ; performance=flex' },
      'csi.trident.netapp.io/gcnv-flex',
    ],
    [
      { backendType: 'google-cloud-netapp-volumes', selector: 'region=west,\tperformance=flex\n;zone=a' },
      'csi.trident.netapp.io/gcnv-flex',
    ],
    [{ backendType: 'google-cloud-netapp-volumes', selector: 'performance = flex' }, 'UNKNOWN'],
    [{ backendType: 'google-cloud-netapp-volumes', selector: ' performance=flex' }, 'UNKNOWN'],
    [{ backendType: 'google-cloud-netapp-volumes', selector: 'performance=premium' }, 'UNKNOWN'],
    // RE2's \s does not match NBSP or \v, so they stay part of the item.
    [
      { backendType: 'google-cloud-netapp-volumes', selector: 'region=west;\u00a0performance=flex' },
      'UNKNOWN',
    ],
    [{ backendType: 'google-cloud-netapp-volumes', selector: 'region=west;\vperformance=flex' }, 'UNKNOWN'],
    [{ backendType: 'solidfire-san', selector: 'performance=flex' }, 'UNKNOWN'],
  ],
  // :427-439 — exact, case-sensitive.
  'infinibox-csi-driver': [
    [{}, 'UNKNOWN'],
    [{ storage_protocol: 'iscsi' }, 'infinibox-csi-driver/iscsiorfibrechannel'],
    [{ storage_protocol: 'fc' }, 'infinibox-csi-driver/iscsiorfibrechannel'],
    [{ storage_protocol: 'nvme' }, 'infinibox-csi-driver/nvme'],
    [{ storage_protocol: 'nfs' }, 'infinibox-csi-driver/nfs'],
    [{ storage_protocol: 'nfs_treeq' }, 'infinibox-csi-driver/nfs'],
    [{ storage_protocol: 'ISCSI' }, 'UNKNOWN'],
    [{ protocol: 'nfs' }, 'UNKNOWN'],
  ],
  // :440-446, 542-544 — lower-cased fstype CONTAINS "nfs".
  'csi.vsphere.vmware.com': [
    [{}, 'csi.vsphere.vmware.com'],
    [{ 'csi.storage.k8s.io/fstype': 'ext4' }, 'csi.vsphere.vmware.com'],
    [{ 'csi.storage.k8s.io/fstype': 'nfs4' }, 'csi.vsphere.vmware.com/nfs'],
    [{ 'csi.storage.k8s.io/fstype': 'NFS' }, 'csi.vsphere.vmware.com/nfs'],
    [{ fstype: 'nfs' }, 'csi.vsphere.vmware.com'],
  ],
  // :447-455 — lower-cased protocol == "nfs".
  'csi-unity.dellemc.com': [
    [{}, 'csi-unity.dellemc.com'],
    [{ protocol: 'FC' }, 'csi-unity.dellemc.com'],
    [{ protocol: 'NFS' }, 'csi-unity.dellemc.com/nfs'],
    [{ protocol: 'nfs' }, 'csi-unity.dellemc.com/nfs'],
    [{ protocol: 'nfs4' }, 'csi-unity.dellemc.com'],
  ],
  // :456-465 — lower-cased fstype == "nfs".
  'csi-powerstore.dellemc.com': [
    [{}, 'csi-powerstore.dellemc.com'],
    [{ 'csi.storage.k8s.io/fstype': 'nfs' }, 'csi-powerstore.dellemc.com/nfs'],
    [{ 'csi.storage.k8s.io/fstype': 'NFS' }, 'csi-powerstore.dellemc.com/nfs'],
    [{ 'csi.storage.k8s.io/fstype': 'nfs4' }, 'csi-powerstore.dellemc.com'],
  ],
  // :466-475
  'csi-vxflexos.dellemc.com': [
    [{}, 'csi-vxflexos.dellemc.com'],
    [{ 'csi.storage.k8s.io/fstype': 'Nfs' }, 'csi-vxflexos.dellemc.com/nfs'],
    [{ 'csi.storage.k8s.io/fstype': 'xfs' }, 'csi-vxflexos.dellemc.com'],
  ],
  // :476-485
  'csi-powermax.dellemc.com': [
    [{}, 'csi-powermax.dellemc.com'],
    [{ 'csi.storage.k8s.io/fstype': 'nfs' }, 'csi-powermax.dellemc.com/nfs'],
    [{ 'csi.storage.k8s.io/fstype': 'nfs3' }, 'csi-powermax.dellemc.com'],
  ],
  // :486-493 — NOT lower-cased.
  'csi.huawei.com': [
    [{}, 'csi.huawei.com'],
    [{ protocol: 'nfs' }, 'csi.huawei.com/nfs'],
    [{ protocol: 'NFS' }, 'csi.huawei.com'],
    [{ protocol: 'iscsi' }, 'csi.huawei.com'],
  ],
  // :494-506 — migratable == "true", then any non-empty nfsOptions, then any non-empty fsType.
  'driver.longhorn.io': [
    [{}, 'driver.longhorn.io'],
    [{ migratable: 'true', nfsOptions: 'vers=4.2', fsType: 'ext4' }, 'driver.longhorn.io/migratable'],
    [{ migratable: 'True' }, 'driver.longhorn.io'],
    [{ migratable: 'false', nfsOptions: 'vers=4.2', fsType: 'ext4' }, 'driver.longhorn.io/nfs'],
    [{ nfsOptions: '', fsType: 'xfs' }, 'driver.longhorn.io/fs'],
    [{ fsType: '' }, 'driver.longhorn.io'],
    [{ 'csi.storage.k8s.io/fstype': 'ext4' }, 'driver.longhorn.io'],
  ],
  // :507-518
  'ebs.csi.aws.com': [
    [{}, 'ebs.csi.aws.com'],
    [{ type: 'io1' }, 'ebs.csi.aws.com/io1'],
    [{ type: 'io2' }, 'ebs.csi.aws.com/io2'],
    [{ type: 'gp2' }, 'ebs.csi.aws.com/gp'],
    [{ type: 'gp3' }, 'ebs.csi.aws.com/gp'],
    [{ type: 'st1' }, 'ebs.csi.aws.com'],
    [{ type: 'GP3' }, 'ebs.csi.aws.com'],
  ],
  // :519-526
  'pd.csi.storage.gke.io': [
    [{}, 'pd.csi.storage.gke.io'],
    [{ type: 'pd-ssd' }, 'pd.csi.storage.gke.io'],
    [{ type: 'hyperdisk-balanced' }, 'pd.csi.storage.gke.io/hyperdisk'],
    [{ type: 'hyperdisk-balanced-high-availability' }, 'pd.csi.storage.gke.io/hyperdisk'],
    [{ type: 'hyperdisk-throughput' }, 'pd.csi.storage.gke.io'],
  ],
  // :527-539 — a missing protocol is "" and so iSCSI; anything unlisted is UNKNOWN.
  'csi.san.synology.com': [
    [{}, 'csi.san.synology.com/iscsi'],
    [{ protocol: '' }, 'csi.san.synology.com/iscsi'],
    [{ protocol: 'iscsi' }, 'csi.san.synology.com/iscsi'],
    [{ protocol: 'smb' }, 'csi.san.synology.com/smb'],
    [{ protocol: 'nfs' }, 'csi.san.synology.com/nfs'],
    [{ protocol: 'nfs_treeq' }, 'csi.san.synology.com/nfs'],
    [{ protocol: 'NFS' }, 'UNKNOWN'],
    [{ protocol: 'ftp' }, 'UNKNOWN'],
  ],
};
