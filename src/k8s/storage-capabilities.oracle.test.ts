import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  capabilitiesForKey,
  KNOWN_CAPABILITY_KEYS,
  lookupCapabilities,
  PARAMETER_DEPENDENT_PROVISIONERS,
  UNSUPPORTED_PROVISIONERS,
  USE_RWO_FOR_DATA_IMPORT_CRON_KEYS,
} from './storage-capabilities';
import { describeWithShared, SHARED } from './testing/shared-dir';

/**
 * Oracle: our capability table against `../shared/fixtures-upstream/reference/cdi-capabilities-v1.65.json`,
 * CDI v1.65.0's pkg/storagecapabilities/storagecapabilities.go as data. Every key, both directions.
 */

const ORACLE_FILE = path.join(SHARED, 'fixtures-upstream/reference/cdi-capabilities-v1.65.json');

interface Oracle {
  cdiVersion: string;
  capabilities: Record<string, { accessMode: string; volumeMode: string }[]>;
  cloneStrategy: Record<string, string>;
  sourceFormat: Record<string, string>;
  minimumSupportedPvcSize: Record<string, string>;
  useReadWriteOnceForDataImportCron: string[];
  unsupported: string[];
  parameterKeys: { provisioner: string; rule: string; keys: string[] }[];
}

/** `UNKNOWN` is CDI's key for parameters its mapper does not recognise (Recognized=False). */
const UNKNOWN = 'UNKNOWN';
type Case = [params: Record<string, string>, key: string];

/**
 * Cases for each parameter rule of the oracle (`parameterKeys[].rule`), transcribed from its prose and checked
 * against storagecapabilities.go:381-544 at v1.65.0. Each rule's cases must reach every key it lists.
 */
const RULE_CASES: Record<string, Case[]> = {
  'kubevirt.io.hostpath-provisioner': [
    [{}, 'kubevirt.io.hostpath-provisioner'],
    [{ storagePool: 'local' }, 'kubevirt.io.hostpath-provisioner'],
    [{ overlayCSI: 'true' }, 'kubevirt.io.hostpath-provisioner/overlay'],
    [{ overlayCSI: 'false' }, 'kubevirt.io.hostpath-provisioner/overlay'],
    [{ overlayCSI: '' }, 'kubevirt.io.hostpath-provisioner/overlay'],
  ],
  'kubernetes.io/portworx-volume': [
    [{}, 'kubernetes.io/portworx-volume'],
    [{ sharedv4_mount_options: 'vers=3.0,nolock' }, 'kubernetes.io/portworx-volume/nfs'],
    [{ sharedv4_mount_options: 'nolock,timeo=600,vers=3.0' }, 'kubernetes.io/portworx-volume/nfs'],
    [{ sharedv4_mount_options: 'vers=3.0, nolock' }, 'kubernetes.io/portworx-volume'],
    [{ sharedv4_mount_options: 'vers=3.0' }, 'kubernetes.io/portworx-volume'],
  ],
  'pxd.portworx.com': [
    [{}, 'pxd.portworx.com'],
    [{ backend: 'pure_block' }, 'pxd.portworx.com/pure_block'],
    [{ backend: 'pure_fa_file' }, 'pxd.portworx.com/pure_fa_file'],
    [{ backend: '', sharedv4_mount_options: 'vers=3.0,nolock' }, 'pxd.portworx.com'],
    [{ backend: 'other', sharedv4_mount_options: 'vers=3.0,nolock' }, 'pxd.portworx.com'],
    [{ sharedv4_mount_options: 'vers=3.0,nolock' }, 'pxd.portworx.com/nfs'],
    [{ sharedv4_mount_options: 'nolock' }, 'pxd.portworx.com'],
  ],
  'csi.trident.netapp.io': [
    [{}, UNKNOWN],
    [{ backendType: 'ontap-nas' }, 'csi.trident.netapp.io/ontap-nas'],
    [{ backendType: 'ontap-nas-economy' }, 'csi.trident.netapp.io/ontap-nas'],
    [{ backendType: 'ontap-san' }, 'csi.trident.netapp.io/ontap-san'],
    [{ backendType: 'ontap-san-economy' }, 'csi.trident.netapp.io/ontap-san'],
    [{ backendType: 'ONTAP-NAS' }, UNKNOWN],
    [
      { backendType: 'google-cloud-netapp-volumes', selector: 'performance=flex' },
      'csi.trident.netapp.io/gcnv-flex',
    ],
    [
      { backendType: 'google-cloud-netapp-volumes', selector: 'region=west ; performance=flex' },
      'csi.trident.netapp.io/gcnv-flex',
    ],
    [{ backendType: 'google-cloud-netapp-volumes', selector: 'performance=premium' }, UNKNOWN],
    [{ backendType: 'solidfire-san', selector: 'performance=flex' }, UNKNOWN],
  ],
  'infinibox-csi-driver': [
    [{}, UNKNOWN],
    [{ storage_protocol: 'iscsi' }, 'infinibox-csi-driver/iscsiorfibrechannel'],
    [{ storage_protocol: 'fc' }, 'infinibox-csi-driver/iscsiorfibrechannel'],
    [{ storage_protocol: 'nvme' }, 'infinibox-csi-driver/nvme'],
    [{ storage_protocol: 'nfs' }, 'infinibox-csi-driver/nfs'],
    [{ storage_protocol: 'nfs_treeq' }, 'infinibox-csi-driver/nfs'],
    [{ storage_protocol: 'NFS' }, UNKNOWN],
  ],
  'csi.vsphere.vmware.com': [
    [{}, 'csi.vsphere.vmware.com'],
    [{ 'csi.storage.k8s.io/fstype': 'ext4' }, 'csi.vsphere.vmware.com'],
    [{ 'csi.storage.k8s.io/fstype': 'nfs4' }, 'csi.vsphere.vmware.com/nfs'],
    [{ 'csi.storage.k8s.io/fstype': 'NFS' }, 'csi.vsphere.vmware.com/nfs'],
  ],
  'csi-unity.dellemc.com': [
    [{}, 'csi-unity.dellemc.com'],
    [{ protocol: 'FC' }, 'csi-unity.dellemc.com'],
    [{ protocol: 'NFS' }, 'csi-unity.dellemc.com/nfs'],
    [{ protocol: 'nfs' }, 'csi-unity.dellemc.com/nfs'],
  ],
  'csi-powerstore.dellemc.com': [
    [{}, 'csi-powerstore.dellemc.com'],
    [{ 'csi.storage.k8s.io/fstype': 'NFS' }, 'csi-powerstore.dellemc.com/nfs'],
    [{ 'csi.storage.k8s.io/fstype': 'nfs4' }, 'csi-powerstore.dellemc.com'],
  ],
  'csi-vxflexos.dellemc.com': [
    [{}, 'csi-vxflexos.dellemc.com'],
    [{ 'csi.storage.k8s.io/fstype': 'nfs' }, 'csi-vxflexos.dellemc.com/nfs'],
    [{ 'csi.storage.k8s.io/fstype': 'xfs' }, 'csi-vxflexos.dellemc.com'],
  ],
  'csi-powermax.dellemc.com': [
    [{}, 'csi-powermax.dellemc.com'],
    [{ 'csi.storage.k8s.io/fstype': 'Nfs' }, 'csi-powermax.dellemc.com/nfs'],
    [{ 'csi.storage.k8s.io/fstype': 'nfs3' }, 'csi-powermax.dellemc.com'],
  ],
  'csi.huawei.com': [
    [{}, 'csi.huawei.com'],
    [{ protocol: 'nfs' }, 'csi.huawei.com/nfs'],
    [{ protocol: 'NFS' }, 'csi.huawei.com'],
  ],
  'driver.longhorn.io': [
    [{}, 'driver.longhorn.io'],
    [{ migratable: 'true', nfsOptions: 'vers=4.2', fsType: 'ext4' }, 'driver.longhorn.io/migratable'],
    [{ migratable: 'false', nfsOptions: 'vers=4.2' }, 'driver.longhorn.io/nfs'],
    [{ nfsOptions: '', fsType: 'xfs' }, 'driver.longhorn.io/fs'],
    [{ 'csi.storage.k8s.io/fstype': 'ext4' }, 'driver.longhorn.io'],
  ],
  'ebs.csi.aws.com': [
    [{}, 'ebs.csi.aws.com'],
    [{ type: 'io1' }, 'ebs.csi.aws.com/io1'],
    [{ type: 'io2' }, 'ebs.csi.aws.com/io2'],
    [{ type: 'gp2' }, 'ebs.csi.aws.com/gp'],
    [{ type: 'gp3' }, 'ebs.csi.aws.com/gp'],
    [{ type: 'st1' }, 'ebs.csi.aws.com'],
    [{ type: 'GP3' }, 'ebs.csi.aws.com'],
  ],
  'pd.csi.storage.gke.io': [
    [{}, 'pd.csi.storage.gke.io'],
    [{ type: 'pd-balanced' }, 'pd.csi.storage.gke.io'],
    [{ type: 'hyperdisk-balanced' }, 'pd.csi.storage.gke.io/hyperdisk'],
    [{ type: 'hyperdisk-balanced-high-availability' }, 'pd.csi.storage.gke.io/hyperdisk'],
    [{ type: 'hyperdisk-extreme' }, 'pd.csi.storage.gke.io'],
  ],
  'csi.san.synology.com': [
    [{}, 'csi.san.synology.com/iscsi'],
    [{ protocol: '' }, 'csi.san.synology.com/iscsi'],
    [{ protocol: 'iscsi' }, 'csi.san.synology.com/iscsi'],
    [{ protocol: 'smb' }, 'csi.san.synology.com/smb'],
    [{ protocol: 'nfs' }, 'csi.san.synology.com/nfs'],
    [{ protocol: 'nfs_treeq' }, 'csi.san.synology.com/nfs'],
    [{ protocol: 'ftp' }, UNKNOWN],
  ],
};

/** Parameters some mapper reads: a provisioner without a mapper must ignore all of them. */
const EVERY_MAPPED_PARAMETER: Record<string, string> = {
  overlayCSI: 'true',
  sharedv4_mount_options: 'vers=3.0,nolock',
  backend: 'pure_block',
  backendType: 'ontap-nas',
  storage_protocol: 'nfs',
  'csi.storage.k8s.io/fstype': 'nfs',
  protocol: 'nfs',
  migratable: 'true',
  nfsOptions: 'vers=4.2',
  fsType: 'ext4',
  type: 'io2',
};

/** The key CDI would use, in the oracle's terms ('UNKNOWN' for unrecognised parameters). */
function resolvedKey(provisioner: string, params: Record<string, string>): string | undefined {
  const result = lookupCapabilities(provisioner, params);
  if (result.kind === 'known') return result.capabilities.key;
  if (result.kind === 'unrecognized-parameters') return UNKNOWN;
  return undefined;
}

const sortedKeys = (record: Record<string, unknown>) => Object.keys(record).sort();

describeWithShared('storage capability table against the CDI v1.65.0 oracle', () => {
  const oracle: Oracle = JSON.parse(fs.readFileSync(ORACLE_FILE, 'utf8'));
  const oracleKeys = sortedKeys(oracle.capabilities);

  it('is the oracle of CDI v1.65.0', () => {
    expect(oracle.cdiVersion).toBe('v1.65.0');
  });

  it('has the same keys: none missing from our table, none extra', () => {
    const ours = [...KNOWN_CAPABILITY_KEYS].sort();
    expect({
      missingFromOurs: oracleKeys.filter((k) => !ours.includes(k)),
      notInOracle: ours.filter((k) => !oracleKeys.includes(k)),
    }).toEqual({ missingFromOurs: [], notInOracle: [] });
  });

  it('has advice only for keys of the capability table (our entries cannot hold anything else)', () => {
    const advised = [
      ...Object.keys(oracle.cloneStrategy),
      ...Object.keys(oracle.sourceFormat),
      ...Object.keys(oracle.minimumSupportedPvcSize),
      ...oracle.useReadWriteOnceForDataImportCron,
    ];
    expect(advised.filter((k) => !oracleKeys.includes(k))).toEqual([]);
  });

  describe.each(oracleKeys.map((key) => [key]))('%s', (key) => {
    const ours = () => capabilitiesForKey(key);

    it('has the access and volume mode sets, in order', () => {
      expect(ours()?.claimPropertySets).toEqual(
        oracle.capabilities[key].map((c) => ({ accessModes: [c.accessMode], volumeMode: c.volumeMode })),
      );
    });

    it('has the clone strategy, source format and minimum size advice', () => {
      const c = ours();
      expect({
        cloneStrategy: c?.cloneStrategy,
        dataImportCronSourceFormat: c?.dataImportCronSourceFormat,
        minimumSupportedPvcSize: c?.minimumSupportedPvcSize,
      }).toEqual({
        cloneStrategy: oracle.cloneStrategy[key],
        dataImportCronSourceFormat: oracle.sourceFormat[key],
        minimumSupportedPvcSize: oracle.minimumSupportedPvcSize[key],
      });
    });
  });

  it('has the same per-key advice tables as a whole (both directions)', () => {
    const advice = (field: 'cloneStrategy' | 'dataImportCronSourceFormat' | 'minimumSupportedPvcSize') =>
      Object.fromEntries(
        KNOWN_CAPABILITY_KEYS.flatMap((k) => {
          const value = capabilitiesForKey(k)?.[field];
          return value === undefined ? [] : [[k, value]];
        }),
      );
    expect(advice('cloneStrategy')).toEqual(oracle.cloneStrategy);
    expect(advice('dataImportCronSourceFormat')).toEqual(oracle.sourceFormat);
    expect(advice('minimumSupportedPvcSize')).toEqual(oracle.minimumSupportedPvcSize);
  });

  it('has the keys that use ReadWriteOnce for DataImportCron PVCs', () => {
    expect([...USE_RWO_FOR_DATA_IMPORT_CRON_KEYS].sort()).toEqual(
      [...oracle.useReadWriteOnceForDataImportCron].sort(),
    );
  });

  it('has the unsupported provisioners (a Go map upstream: order does not matter)', () => {
    expect([...UNSUPPORTED_PROVISIONERS].sort()).toEqual([...oracle.unsupported].sort());
    for (const provisioner of oracle.unsupported) {
      expect(lookupCapabilities(provisioner), provisioner).toEqual({ kind: 'unsupported' });
    }
  });

  it('has a parameter rule for exactly the provisioners the oracle has one for', () => {
    const oracleRules = oracle.parameterKeys.map((r) => r.provisioner).sort();
    expect([...PARAMETER_DEPENDENT_PROVISIONERS].sort()).toEqual(oracleRules);
    expect(sortedKeys(RULE_CASES)).toEqual(oracleRules);
  });

  describe.each(oracle.parameterKeys.map((rule) => [rule.provisioner, rule] as const))(
    'parameter rule of %s',
    (provisioner, rule) => {
      const cases = RULE_CASES[provisioner] ?? [];

      it('reaches every key the rule lists, and no other', () => {
        const reached = new Set(cases.map(([, key]) => key).filter((key) => key !== UNKNOWN));
        expect([...reached].sort()).toEqual([...rule.keys].sort());
      });

      it.each(cases.map(([params, key]) => [JSON.stringify(params), key, params] as const))(
        '%s -> %s',
        (_label, key, params) => {
          expect(resolvedKey(provisioner, params)).toBe(key);
        },
      );
    },
  );

  it('uses the raw provisioner as the key for every other provisioner, whatever its parameters', () => {
    const mapped = new Set(oracle.parameterKeys.flatMap((r) => r.keys));
    const plain = oracleKeys.filter((key) => !mapped.has(key));
    for (const key of plain) {
      expect(resolvedKey(key, EVERY_MAPPED_PARAMETER), key).toBe(key);
    }
  });
});
