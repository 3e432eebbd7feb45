import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { KNOWN_CAPABILITY_KEYS, lookupCapabilities, UNSUPPORTED_PROVISIONERS } from './storage-capabilities';
import type { ClaimPropertySet } from './types';
import { describeWithShared, SHARED } from './testing/shared-dir';

// Expectations transcribed from api-facts.md section 2.1 (CDI v1.65.0), in that document's notation:
// "RWX B, RWO FS" = [{ReadWriteMany, Block}, {ReadWriteOnce, Filesystem}], in preference order.
const MODES = { RWX: 'ReadWriteMany', RWO: 'ReadWriteOnce', ROX: 'ReadOnlyMany' } as const;
const VOLUME = { B: 'Block', FS: 'Filesystem' } as const;
const sets = (notation: string): ClaimPropertySet[] =>
  notation.split(',').map((item) => {
    const [mode, volume] = item.trim().split(' ') as [keyof typeof MODES, keyof typeof VOLUME];
    return { accessModes: [MODES[mode]], volumeMode: VOLUME[volume] };
  });
const ALL_FS = 'RWX FS, RWO FS, ROX FS';

interface Row {
  provisioner: string;
  params?: Record<string, string>;
  key: string;
  sets: string;
  clone?: string;
  format?: string;
  min?: string;
}

const ROWS: Row[] = [
  {
    provisioner: 'kubevirt.io.hostpath-provisioner',
    key: 'kubevirt.io.hostpath-provisioner',
    sets: 'RWO FS',
  },
  {
    provisioner: 'kubevirt.io.hostpath-provisioner',
    params: { storagePool: 'local', overlayCSI: 'true' },
    key: 'kubevirt.io.hostpath-provisioner/overlay',
    sets: 'RWX FS',
  },
  {
    provisioner: 'kubevirt.io/hostpath-provisioner',
    key: 'kubevirt.io/hostpath-provisioner',
    sets: 'RWO FS',
  },
  { provisioner: 'k8s.io/minikube-hostpath', key: 'k8s.io/minikube-hostpath', sets: 'RWO FS' },
  { provisioner: 'nfs.csi.k8s.io', key: 'nfs.csi.k8s.io', sets: 'RWX FS' },
  {
    provisioner: 'k8s-sigs.io/nfs-subdir-external-provisioner',
    key: 'k8s-sigs.io/nfs-subdir-external-provisioner',
    sets: 'RWX FS',
  },
  { provisioner: 'kubernetes.io/rbd', key: 'kubernetes.io/rbd', sets: 'RWX B, RWO B, RWO FS' },
  {
    provisioner: 'rbd.csi.ceph.com',
    key: 'rbd.csi.ceph.com',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'rook-ceph.rbd.csi.ceph.com',
    key: 'rook-ceph.rbd.csi.ceph.com',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
    format: 'snapshot',
  },
  {
    provisioner: 'openshift-storage.rbd.csi.ceph.com',
    key: 'openshift-storage.rbd.csi.ceph.com',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
    format: 'snapshot',
  },
  {
    provisioner: 'cephfs.csi.ceph.com',
    key: 'cephfs.csi.ceph.com',
    sets: 'RWX FS, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'rook-ceph.cephfs.csi.ceph.com',
    key: 'rook-ceph.cephfs.csi.ceph.com',
    sets: 'RWX FS, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'openshift-storage.cephfs.csi.ceph.com',
    key: 'openshift-storage.cephfs.csi.ceph.com',
    sets: 'RWX FS, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'linstor.csi.linbit.com',
    key: 'linstor.csi.linbit.com',
    sets: 'RWX B, RWO B, RWO FS, ROX B, ROX FS',
  },
  {
    provisioner: 'csi-unity.dellemc.com',
    params: { protocol: 'FC' },
    key: 'csi-unity.dellemc.com',
    sets: 'RWX B, RWO B, RWO FS, ROX B, ROX FS',
  },
  {
    provisioner: 'csi-unity.dellemc.com',
    params: { protocol: 'NFS' },
    key: 'csi-unity.dellemc.com/nfs',
    sets: 'RWX FS, RWO FS, ROX FS',
  },
  {
    provisioner: 'csi-vxflexos.dellemc.com',
    key: 'csi-vxflexos.dellemc.com',
    sets: 'RWX B, RWO B, RWO FS, ROX B, ROX FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'csi-vxflexos.dellemc.com',
    params: { 'csi.storage.k8s.io/fstype': 'nfs' },
    key: 'csi-vxflexos.dellemc.com/nfs',
    sets: ALL_FS,
  },
  { provisioner: 'csi-isilon.dellemc.com', key: 'csi-isilon.dellemc.com', sets: ALL_FS, clone: 'csi-clone' },
  {
    provisioner: 'csi-powermax.dellemc.com',
    params: { 'csi.storage.k8s.io/fstype': 'ext4' },
    key: 'csi-powermax.dellemc.com',
    sets: 'RWX B, RWO B, RWO FS, ROX B',
    clone: 'csi-clone',
  },
  {
    provisioner: 'csi-powermax.dellemc.com',
    params: { 'csi.storage.k8s.io/fstype': 'NFS' },
    key: 'csi-powermax.dellemc.com/nfs',
    sets: ALL_FS,
  },
  {
    provisioner: 'csi-powerstore.dellemc.com',
    key: 'csi-powerstore.dellemc.com',
    sets: 'RWX B, RWO B, RWO FS, ROX B',
    clone: 'copy',
  },
  {
    provisioner: 'csi-powerstore.dellemc.com',
    params: { 'csi.storage.k8s.io/fstype': 'nfs' },
    key: 'csi-powerstore.dellemc.com/nfs',
    sets: ALL_FS,
  },
  { provisioner: 'kubernetes.io/storageos', key: 'kubernetes.io/storageos', sets: 'RWO FS' },
  { provisioner: 'storageos', key: 'storageos', sets: 'RWO FS' },
  { provisioner: 'kubernetes.io/aws-ebs', key: 'kubernetes.io/aws-ebs', sets: 'RWO B' },
  { provisioner: 'ebs.csi.aws.com', key: 'ebs.csi.aws.com', sets: 'RWO B' },
  { provisioner: 'ebs.csi.aws.com', params: { type: 'st1' }, key: 'ebs.csi.aws.com', sets: 'RWO B' },
  {
    provisioner: 'ebs.csi.aws.com',
    params: { type: 'io1' },
    key: 'ebs.csi.aws.com/io1',
    sets: 'RWO B',
    min: '4Gi',
  },
  {
    provisioner: 'ebs.csi.aws.com',
    params: { type: 'io2' },
    key: 'ebs.csi.aws.com/io2',
    sets: 'RWX B, RWO B, RWO FS',
    min: '4Gi',
  },
  {
    provisioner: 'ebs.csi.aws.com',
    params: { type: 'gp2' },
    key: 'ebs.csi.aws.com/gp',
    sets: 'RWO B',
    min: '1Gi',
  },
  {
    provisioner: 'ebs.csi.aws.com',
    params: { type: 'gp3' },
    key: 'ebs.csi.aws.com/gp',
    sets: 'RWO B',
    min: '1Gi',
  },
  { provisioner: 'efs.csi.aws.com', key: 'efs.csi.aws.com', sets: 'RWX FS, RWO FS' },
  { provisioner: 'kubernetes.io/azure-disk', key: 'kubernetes.io/azure-disk', sets: 'RWO B' },
  { provisioner: 'disk.csi.azure.com', key: 'disk.csi.azure.com', sets: 'RWO B' },
  { provisioner: 'kubernetes.io/azure-file', key: 'kubernetes.io/azure-file', sets: 'RWX FS' },
  { provisioner: 'file.csi.azure.com', key: 'file.csi.azure.com', sets: 'RWX FS' },
  { provisioner: 'kubernetes.io/gce-pd', key: 'kubernetes.io/gce-pd', sets: 'RWO B, RWO FS' },
  {
    provisioner: 'pd.csi.storage.gke.io',
    params: { type: 'pd-balanced' },
    key: 'pd.csi.storage.gke.io',
    sets: 'RWO B, RWO FS',
    clone: 'snapshot',
    format: 'snapshot',
  },
  {
    provisioner: 'pd.csi.storage.gke.io',
    params: { type: 'hyperdisk-balanced' },
    key: 'pd.csi.storage.gke.io/hyperdisk',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'snapshot',
    format: 'snapshot',
    min: '4Gi',
  },
  {
    provisioner: 'pd.csi.storage.gke.io',
    params: { type: 'hyperdisk-balanced-high-availability' },
    key: 'pd.csi.storage.gke.io/hyperdisk',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'snapshot',
    format: 'snapshot',
    min: '4Gi',
  },
  {
    provisioner: 'hspc.csi.hitachi.com',
    key: 'hspc.csi.hitachi.com',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
  },
  { provisioner: 'csi.hpe.com', key: 'csi.hpe.com', sets: 'RWX B, RWO B, RWO FS', clone: 'csi-clone' },
  {
    provisioner: 'block.csi.ibm.com',
    key: 'block.csi.ibm.com',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'spectrumscale.csi.ibm.com',
    key: 'spectrumscale.csi.ibm.com',
    sets: 'RWX FS, RWO FS',
    clone: 'csi-clone',
  },
  { provisioner: 'vpc.block.csi.ibm.io', key: 'vpc.block.csi.ibm.io', sets: 'RWO B, RWO FS', clone: 'copy' },
  {
    provisioner: 'kubernetes.io/portworx-volume',
    key: 'kubernetes.io/portworx-volume',
    sets: 'RWX B, RWX FS, RWO B, RWO FS',
  },
  {
    provisioner: 'kubernetes.io/portworx-volume',
    params: { sharedv4_mount_options: 'vers=3.0,nolock' },
    key: 'kubernetes.io/portworx-volume/nfs',
    sets: 'RWX FS, RWO FS',
  },
  {
    provisioner: 'kubernetes.io/portworx-volume',
    params: { sharedv4_mount_options: 'vers=4.0' },
    key: 'kubernetes.io/portworx-volume',
    sets: 'RWX B, RWX FS, RWO B, RWO FS',
  },
  {
    provisioner: 'pxd.portworx.com',
    key: 'pxd.portworx.com',
    sets: 'RWX B, RWX FS, RWO B, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'pxd.portworx.com',
    params: { sharedv4_mount_options: 'nolock,vers=3.0,timeo=600' },
    key: 'pxd.portworx.com/nfs',
    sets: 'RWX FS, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'pxd.portworx.com',
    params: { backend: 'pure_block' },
    key: 'pxd.portworx.com/pure_block',
    sets: 'RWX B, RWO B, RWO FS',
  },
  {
    provisioner: 'pxd.portworx.com',
    params: { backend: 'pure_fa_file' },
    key: 'pxd.portworx.com/pure_fa_file',
    sets: 'RWX FS, RWO FS',
  },
  {
    provisioner: 'csi.trident.netapp.io',
    params: { backendType: 'ontap-nas-economy' },
    key: 'csi.trident.netapp.io/ontap-nas',
    sets: 'RWX FS, RWO FS',
    clone: 'snapshot',
    format: 'snapshot',
  },
  {
    provisioner: 'csi.trident.netapp.io',
    params: { backendType: 'ontap-san' },
    key: 'csi.trident.netapp.io/ontap-san',
    sets: 'RWX B',
    clone: 'snapshot',
    format: 'snapshot',
  },
  {
    provisioner: 'csi.trident.netapp.io',
    params: { backendType: 'google-cloud-netapp-volumes', selector: 'region=west; performance=flex' },
    key: 'csi.trident.netapp.io/gcnv-flex',
    sets: 'RWX FS, RWO FS',
    clone: 'snapshot',
    format: 'snapshot',
    min: '1Gi',
  },
  { provisioner: 'topolvm.cybozu.com', key: 'topolvm.cybozu.com', sets: 'RWO B, RWO FS', clone: 'copy' },
  { provisioner: 'topolvm.io', key: 'topolvm.io', sets: 'RWO B, RWO FS', clone: 'copy' },
  { provisioner: 'cinder.csi.openstack.org', key: 'cinder.csi.openstack.org', sets: 'RWO B, RWO FS' },
  { provisioner: 'csi.ovirt.org', key: 'csi.ovirt.org', sets: 'RWO B, RWO FS' },
  { provisioner: 'manila.csi.openstack.org', key: 'manila.csi.openstack.org', sets: 'RWX FS' },
  {
    provisioner: 'infinibox-csi-driver',
    params: { storage_protocol: 'iscsi' },
    key: 'infinibox-csi-driver/iscsiorfibrechannel',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'infinibox-csi-driver',
    params: { storage_protocol: 'fc' },
    key: 'infinibox-csi-driver/iscsiorfibrechannel',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'infinibox-csi-driver',
    params: { storage_protocol: 'nvme' },
    key: 'infinibox-csi-driver/nvme',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'infinibox-csi-driver',
    params: { storage_protocol: 'nfs' },
    key: 'infinibox-csi-driver/nfs',
    sets: 'RWX FS, RWO FS',
    clone: 'csi-clone',
  },
  { provisioner: 'csi.vsphere.vmware.com', key: 'csi.vsphere.vmware.com', sets: 'RWO B, RWO FS' },
  {
    provisioner: 'csi.vsphere.vmware.com',
    params: { 'csi.storage.k8s.io/fstype': 'nfs4' },
    key: 'csi.vsphere.vmware.com/nfs',
    sets: 'RWX FS, RWO B, RWO FS',
  },
  { provisioner: 'csi.huawei.com', key: 'csi.huawei.com', sets: 'RWX B, RWO B, RWO FS, ROX B, ROX FS' },
  { provisioner: 'csi.huawei.com', params: { protocol: 'nfs' }, key: 'csi.huawei.com/nfs', sets: ALL_FS },
  {
    provisioner: 'kubesan.gitlab.io',
    key: 'kubesan.gitlab.io',
    sets: 'RWX B, ROX B, RWO B, RWO FS',
    clone: 'csi-clone',
  },
  { provisioner: 'driver.longhorn.io', key: 'driver.longhorn.io', sets: 'RWO B' },
  {
    provisioner: 'driver.longhorn.io',
    params: { migratable: 'true' },
    key: 'driver.longhorn.io/migratable',
    sets: 'RWX B, RWO B',
  },
  {
    provisioner: 'driver.longhorn.io',
    params: { nfsOptions: 'vers=4.2,soft' },
    key: 'driver.longhorn.io/nfs',
    sets: 'RWX FS, RWO FS',
  },
  {
    provisioner: 'driver.longhorn.io',
    params: { fsType: 'ext4' },
    key: 'driver.longhorn.io/fs',
    sets: 'RWO FS',
  },
  {
    provisioner: 'blockvolume.csi.oraclecloud.com',
    key: 'blockvolume.csi.oraclecloud.com',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
  },
  {
    provisioner: 'csi.san.synology.com',
    key: 'csi.san.synology.com/iscsi',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
    min: '1Gi',
  },
  {
    provisioner: 'csi.san.synology.com',
    params: { protocol: 'iscsi' },
    key: 'csi.san.synology.com/iscsi',
    sets: 'RWX B, RWO B, RWO FS',
    clone: 'csi-clone',
    min: '1Gi',
  },
  {
    provisioner: 'csi.san.synology.com',
    params: { protocol: 'nfs' },
    key: 'csi.san.synology.com/nfs',
    sets: 'RWX FS, RWO FS',
    clone: 'csi-clone',
    min: '1Gi',
  },
  {
    provisioner: 'csi.san.synology.com',
    params: { protocol: 'smb' },
    key: 'csi.san.synology.com/smb',
    sets: 'RWX FS, RWO FS',
    clone: 'csi-clone',
    min: '1Gi',
  },
];

describe('lookupCapabilities: every provisioner key of CDI v1.65.0', () => {
  it.each(ROWS.map((row) => [`${row.provisioner} ${JSON.stringify(row.params ?? {})}`, row] as const))(
    '%s',
    (_label, row) => {
      const result = lookupCapabilities(row.provisioner, row.params);
      expect(result).toEqual({
        kind: 'known',
        capabilities: {
          key: row.key,
          claimPropertySets: sets(row.sets),
          ...(row.clone ? { cloneStrategy: row.clone } : {}),
          ...(row.format ? { dataImportCronSourceFormat: row.format } : {}),
          ...(row.min ? { minimumSupportedPvcSize: row.min } : {}),
        },
      });
    },
  );

  it('covers every key of the table in the tests above', () => {
    const tested = new Set(ROWS.map((row) => row.key));
    expect(KNOWN_CAPABILITY_KEYS.filter((key) => !tested.has(key))).toEqual([]);
  });
});

describe('lookupCapabilities: parameters CDI does not recognize', () => {
  it.each([
    ['Trident with an unknown backendType', 'csi.trident.netapp.io', { backendType: 'solidfire-san' }],
    ['Trident without backendType', 'csi.trident.netapp.io', {}],
    [
      'Trident GCNV without the flex selector',
      'csi.trident.netapp.io',
      { backendType: 'google-cloud-netapp-volumes', selector: 'performance=premium' },
    ],
    ['Infinibox with another storage_protocol', 'infinibox-csi-driver', { storage_protocol: 'iser' }],
    ['Infinibox without storage_protocol', 'infinibox-csi-driver', {}],
    ['Synology with another protocol', 'csi.san.synology.com', { protocol: 'ftp' }],
  ])('%s', (_label, provisioner, params) => {
    const r = lookupCapabilities(provisioner, params);
    expect(r).toMatchObject({ kind: 'unrecognized-parameters', key: provisioner });
    // It names the parameters CDI read, with the class's value, so the page can say which one it could not map.
    if (r.kind !== 'unrecognized-parameters') return;
    expect(r.parameters.length).toBeGreaterThan(0);
    r.parameters.forEach((p) => expect(p.value).toBe((params as Record<string, string>)[p.name]));
  });

  it('names the parameter and the values CDI maps (Synology protocol "ftp")', () => {
    expect(lookupCapabilities('csi.san.synology.com', { protocol: 'ftp' })).toEqual({
      kind: 'unrecognized-parameters',
      key: 'csi.san.synology.com',
      parameters: [{ name: 'protocol', value: 'ftp', known: ['iscsi', 'smb', 'nfs', 'nfs_treeq'] }],
    });
  });
});

describe('lookupCapabilities: unknown and unsupported provisioners', () => {
  it('reports an unknown provisioner (the demo acme-fast class)', () => {
    expect(lookupCapabilities('csi.acme.example.com', { tier: 'gold' })).toEqual({ kind: 'unknown' });
  });

  it('does not treat CDI v1.66-only provisioners as known', () => {
    expect(lookupCapabilities('vpc.file.csi.ibm.io')).toEqual({ kind: 'unknown' });
    expect(lookupCapabilities('directpv-min-io')).toEqual({ kind: 'unknown' });
  });

  it('does not mistake object prototype names for provisioners', () => {
    expect(lookupCapabilities('toString')).toEqual({ kind: 'unknown' });
    expect(lookupCapabilities('constructor')).toEqual({ kind: 'unknown' });
  });

  it.each([
    'openshift-storage.ceph.rook.io/bucket',
    'rook-ceph.ceph.rook.io/bucket',
    'openshift-storage.noobaa.io/obc',
    'stork-snapshot',
    'kubernetes.io/no-provisioner',
  ])('reports %s as unsupported', (provisioner) => {
    expect(lookupCapabilities(provisioner)).toEqual({ kind: 'unsupported' });
    expect(UNSUPPORTED_PROVISIONERS).toContain(provisioner);
  });
});

describe('lookupCapabilities: the hostpath provisioner overlay variant', () => {
  // CDI v1.65.0 checks only that `overlayCSI` exists (storagecapabilities.go:382-387), never its value.
  it.each([
    ['"true"', { overlayCSI: 'true' }, 'kubevirt.io.hostpath-provisioner/overlay', 'RWX FS'],
    ['"false"', { overlayCSI: 'false' }, 'kubevirt.io.hostpath-provisioner/overlay', 'RWX FS'],
    ['"" (empty)', { overlayCSI: '' }, 'kubevirt.io.hostpath-provisioner/overlay', 'RWX FS'],
    ['absent', { storagePool: 'local' }, 'kubevirt.io.hostpath-provisioner', 'RWO FS'],
  ])('overlayCSI %s', (_label, params, key, expected) => {
    expect(lookupCapabilities('kubevirt.io.hostpath-provisioner', params)).toEqual({
      kind: 'known',
      capabilities: { key, claimPropertySets: sets(expected) },
    });
  });

  it('ignores overlayCSI on the legacy provisioner, which has no parameter rule', () => {
    const result = lookupCapabilities('kubevirt.io/hostpath-provisioner', { overlayCSI: 'true' });
    expect(result.kind === 'known' && result.capabilities.key).toBe('kubevirt.io/hostpath-provisioner');
  });

  it('does not take an inherited property for a parameter', () => {
    const params = Object.create({ overlayCSI: 'true' }) as Record<string, string>;
    const result = lookupCapabilities('kubevirt.io.hostpath-provisioner', params);
    expect(result.kind === 'known' && result.capabilities.key).toBe('kubevirt.io.hostpath-provisioner');
  });
});

describe('lookupCapabilities: resolution details', () => {
  it('ignores sharedv4 mount options when Portworx has an explicit backend', () => {
    const result = lookupCapabilities('pxd.portworx.com', {
      backend: 'something-else',
      sharedv4_mount_options: 'vers=3.0,nolock',
    });
    expect(result.kind === 'known' && result.capabilities.key).toBe('pxd.portworx.com');
  });

  it('needs both vers=3.0 and nolock for Portworx NFS', () => {
    const result = lookupCapabilities('pxd.portworx.com', { sharedv4_mount_options: 'nolock' });
    expect(result.kind === 'known' && result.capabilities.key).toBe('pxd.portworx.com');
  });

  it('prefers migratable over nfsOptions and fsType for Longhorn', () => {
    const result = lookupCapabilities('driver.longhorn.io', {
      migratable: 'true',
      nfsOptions: 'vers=4.2',
      fsType: 'ext4',
    });
    expect(result.kind === 'known' && result.capabilities.key).toBe('driver.longhorn.io/migratable');
  });

  it('returns fresh claim property sets the caller may edit', () => {
    const first = lookupCapabilities('efs.csi.aws.com');
    if (first.kind !== 'known') throw new Error('expected known');
    first.capabilities.claimPropertySets[0].accessModes.push('ReadOnlyMany');
    const second = lookupCapabilities('efs.csi.aws.com');
    expect(second.kind === 'known' && second.capabilities.claimPropertySets).toEqual(sets('RWX FS, RWO FS'));
  });
});

// The fixtures' StorageProfile statuses were computed by hand from CDI v1.65.0 (see their README).
const fixtures = path.join(SHARED, 'fixtures-upstream/cluster');

describeWithShared('lookupCapabilities agrees with the upstream-derived fixture cluster', () => {
  const docs = (file: string) =>
    yaml.loadAll(fs.readFileSync(path.join(fixtures, file), 'utf8')).filter(Boolean) as Array<{
      kind: string;
      metadata: { name: string; annotations?: Record<string, string> };
      provisioner?: string;
      parameters?: Record<string, string>;
      status?: { claimPropertySets?: ClaimPropertySet[] };
    }>;
  const classes = docs('derived-storageclasses-and-snapshotclasses.yaml').filter(
    (d) => d.kind === 'StorageClass',
  );
  const profiles = docs('derived-storageprofiles.yaml');

  it.each(classes.map((sc) => [sc.metadata.name, sc] as const))('%s', (name, sc) => {
    const profile = profiles.find((p) => p.metadata.name === name);
    const result = lookupCapabilities(sc.provisioner ?? '', sc.parameters);
    if (result.kind === 'known') {
      expect(profile?.status?.claimPropertySets).toEqual(result.capabilities.claimPropertySets);
      expect(profile?.metadata.annotations?.['cdi.kubevirt.io/minimumSupportedPvcSize']).toBe(
        result.capabilities.minimumSupportedPvcSize,
      );
    } else {
      expect(profile?.status?.claimPropertySets ?? []).toEqual([]);
    }
  });
});
