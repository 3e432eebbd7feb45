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

// Which key each parameter combination reaches is checked once, in
// integration-tests/cluster/world/cdi-storage-capabilities.cross-check.test.ts: the plugin must give the same answer
// as the simulator's independently written mappers for every case there, and the simulator's oracle test holds
// those cases against this same JSON.

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
  if (result.kind === 'unrecognized-parameters') return 'UNKNOWN';
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
  });

  it('uses the raw provisioner as the key for every other provisioner, whatever its parameters', () => {
    const mapped = new Set(oracle.parameterKeys.flatMap((r) => r.keys));
    const plain = oracleKeys.filter((key) => !mapped.has(key));
    for (const key of plain) {
      expect(resolvedKey(key, EVERY_MAPPED_PARAMETER), key).toBe(key);
    }
  });
});
