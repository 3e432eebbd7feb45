import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CAPABILITIES_BY_PROVISIONER_KEY,
  CLONE_STRATEGY_BY_PROVISIONER_KEY,
  isRecognized,
  lookupCapabilities,
  MINIMUM_SUPPORTED_PVC_SIZE_BY_PROVISIONER_KEY,
  SOURCE_FORMATS_BY_PROVISIONER_KEY,
  STORAGE_CLASS_TO_PROVISIONER_KEY_MAPPER,
  storageProvisionerKey,
  UNKNOWN_PROVISIONER_KEY,
  UNSUPPORTED_PROVISIONERS,
  USE_READ_WRITE_ONCE_FOR_DATA_IMPORT_CRON_BY_PROVISIONER_KEY,
  USE_RWO_FOR_DATA_IMPORT_CRON_KEYS,
} from './cdi-storage-capabilities';
import { RULE_CASES } from './cdi-storage-capabilities.cases';
import { describeWithShared, SHARED } from './shared-dir';

/**
 * Oracle: the simulator's own CDI capability model (./cdi-storage-capabilities.ts) against
 * `../shared/fixtures-upstream/reference/cdi-capabilities-v1.65.json`, CDI v1.65.0's
 * pkg/storagecapabilities/storagecapabilities.go as data. Every key of every map, both directions.
 */

const ORACLE_FILE = path.join(SHARED, 'fixtures-upstream/reference/cdi-capabilities-v1.65.json');

interface Oracle {
  cdiVersion: string;
  commit: string;
  sourceFile: string;
  capabilities: Record<string, { accessMode: string; volumeMode: string }[]>;
  cloneStrategy: Record<string, string>;
  sourceFormat: Record<string, string>;
  minimumSupportedPvcSize: Record<string, string>;
  useReadWriteOnceForDataImportCron: string[];
  unsupported: string[];
  parameterKeys: { provisioner: string; rule: string; keys: string[]; upstreamLines: string }[];
}

const sorted = (values: Iterable<string>) => [...values].sort();
/** `{missing, extra}` of ours against the oracle's keys: both must be empty. */
const keyDiff = (ours: Iterable<string>, oracle: Iterable<string>) => {
  const o = new Set(oracle);
  const u = new Set(ours);
  return { missing: sorted([...o].filter((k) => !u.has(k))), extra: sorted([...u].filter((k) => !o.has(k))) };
};
const NO_DIFF = { missing: [], extra: [] };

/** Parameters some mapper reads: a provisioner without a mapper keys on its name whatever it has of them. */
const EVERY_MAPPED_PARAMETER: Record<string, string> = {
  overlayCSI: 'true',
  sharedv4_mount_options: 'vers=3.0,nolock',
  backend: 'pure_block',
  backendType: 'ontap-nas',
  selector: 'performance=flex',
  storage_protocol: 'nfs',
  'csi.storage.k8s.io/fstype': 'nfs',
  protocol: 'nfs',
  migratable: 'true',
  nfsOptions: 'vers=4.2',
  fsType: 'ext4',
  type: 'io2',
};

describeWithShared("the simulator's CDI capability model against the CDI v1.65.0 oracle", () => {
  const oracle: Oracle = JSON.parse(fs.readFileSync(ORACLE_FILE, 'utf8'));
  const oracleKeys = sorted(Object.keys(oracle.capabilities));

  it('is the oracle of storagecapabilities.go at v1.65.0', () => {
    expect({ version: oracle.cdiVersion, commit: oracle.commit, file: oracle.sourceFile }).toEqual({
      version: 'v1.65.0',
      commit: 'd97a33c2f063258d14c6df27d297e84e3f48b779',
      file: 'pkg/storagecapabilities/storagecapabilities.go',
    });
  });

  it('CapabilitiesByProvisionerKey has the same keys, none missing, none extra', () => {
    expect(keyDiff(CAPABILITIES_BY_PROVISIONER_KEY.keys(), oracleKeys)).toEqual(NO_DIFF);
  });

  it.each(oracleKeys.map((key) => [key]))(
    'CapabilitiesByProvisionerKey[%s]: the same pairs in order',
    (key) => {
      expect(CAPABILITIES_BY_PROVISIONER_KEY.get(key)).toEqual(oracle.capabilities[key]);
    },
  );

  it('CloneStrategyByProvisionerKey: every key and value, both directions', () => {
    expect(keyDiff(CLONE_STRATEGY_BY_PROVISIONER_KEY.keys(), Object.keys(oracle.cloneStrategy))).toEqual(
      NO_DIFF,
    );
    expect(Object.fromEntries(CLONE_STRATEGY_BY_PROVISIONER_KEY)).toEqual(oracle.cloneStrategy);
  });

  it('SourceFormatsByProvisionerKey: every key and value, both directions', () => {
    expect(keyDiff(SOURCE_FORMATS_BY_PROVISIONER_KEY.keys(), Object.keys(oracle.sourceFormat))).toEqual(
      NO_DIFF,
    );
    expect(Object.fromEntries(SOURCE_FORMATS_BY_PROVISIONER_KEY)).toEqual(oracle.sourceFormat);
  });

  it('MinimumSupportedPVCSizeByProvisionerKey: every key and value, both directions', () => {
    expect(
      keyDiff(
        MINIMUM_SUPPORTED_PVC_SIZE_BY_PROVISIONER_KEY.keys(),
        Object.keys(oracle.minimumSupportedPvcSize),
      ),
    ).toEqual(NO_DIFF);
    expect(Object.fromEntries(MINIMUM_SUPPORTED_PVC_SIZE_BY_PROVISIONER_KEY)).toEqual(
      oracle.minimumSupportedPvcSize,
    );
  });

  it('UseReadWriteOnceForDataImportCronByProvisionerKey: the same keys (the list form too)', () => {
    expect(
      keyDiff(
        USE_READ_WRITE_ONCE_FOR_DATA_IMPORT_CRON_BY_PROVISIONER_KEY,
        oracle.useReadWriteOnceForDataImportCron,
      ),
    ).toEqual(NO_DIFF);
    expect(sorted(USE_RWO_FOR_DATA_IMPORT_CRON_KEYS)).toEqual(
      sorted(oracle.useReadWriteOnceForDataImportCron),
    );
  });

  it('UnsupportedProvisioners: the same provisioners, each UnrecognizedProvisioner and flagged unsupported', () => {
    expect(keyDiff(UNSUPPORTED_PROVISIONERS, oracle.unsupported)).toEqual(NO_DIFF);
    for (const provisioner of oracle.unsupported) {
      expect(isRecognized({ provisioner }), provisioner).toBe('UnrecognizedProvisioner');
      expect(lookupCapabilities(provisioner), provisioner).toEqual({
        kind: 'unrecognized-provisioner',
        key: provisioner,
        unsupported: true,
      });
    }
  });

  it('every advised key is a table key (so lookupCapabilities, which advises only recognised keys, loses none)', () => {
    const advised = [
      ...CLONE_STRATEGY_BY_PROVISIONER_KEY.keys(),
      ...SOURCE_FORMATS_BY_PROVISIONER_KEY.keys(),
      ...MINIMUM_SUPPORTED_PVC_SIZE_BY_PROVISIONER_KEY.keys(),
      ...USE_READ_WRITE_ONCE_FOR_DATA_IMPORT_CRON_BY_PROVISIONER_KEY,
    ];
    expect(advised.filter((k) => !CAPABILITIES_BY_PROVISIONER_KEY.has(k))).toEqual([]);
  });

  it('storageClassToProvisionerKeyMapper: a mapper for exactly the provisioners the oracle has a rule for', () => {
    const rules = oracle.parameterKeys.map((r) => r.provisioner);
    expect(keyDiff(STORAGE_CLASS_TO_PROVISIONER_KEY_MAPPER.keys(), rules)).toEqual(NO_DIFF);
    expect(keyDiff(Object.keys(RULE_CASES), rules)).toEqual(NO_DIFF);
  });

  describe.each(oracle.parameterKeys.map((rule) => [rule.provisioner, rule] as const))(
    'mapper of %s',
    (provisioner, rule) => {
      const cases = RULE_CASES[provisioner] ?? [];

      it(`reaches every key the oracle's rule lists (storagecapabilities.go:${rule.upstreamLines}), and no other`, () => {
        const reached = new Set(cases.map(([, key]) => key).filter((key) => key !== UNKNOWN_PROVISIONER_KEY));
        expect(keyDiff(reached, rule.keys)).toEqual(NO_DIFF);
        // Every key a rule reaches is a table key, and every non-UNKNOWN case is recognised.
        expect(rule.keys.filter((k) => !CAPABILITIES_BY_PROVISIONER_KEY.has(k))).toEqual([]);
      });

      it.each(cases.map(([params, key]) => [JSON.stringify(params), key, params] as const))(
        '%s -> %s',
        (_label, key, params) => {
          expect(storageProvisionerKey({ provisioner, parameters: params })).toBe(key);
          expect(isRecognized({ provisioner, parameters: params })).toBe(
            key === UNKNOWN_PROVISIONER_KEY ? 'UnrecognizedStorageClassParameters' : 'RecognizedProvisioner',
          );
        },
      );
    },
  );

  it('keys every other provisioner on its own name, whatever its parameters', () => {
    const mapped = new Set(oracle.parameterKeys.map((r) => r.provisioner));
    const plain = [...oracleKeys, ...oracle.unsupported, 'example.com/unknown'].filter((p) => !mapped.has(p));
    for (const provisioner of plain) {
      expect(storageProvisionerKey({ provisioner, parameters: EVERY_MAPPED_PARAMETER }), provisioner).toBe(
        provisioner,
      );
    }
  });

  it("lookupCapabilities gives each key's oracle row, reached from a StorageClass", () => {
    const mappedKeys = new Set(oracle.parameterKeys.flatMap((r) => r.keys));
    // A StorageClass for each key: the provisioner itself, or the first rule case that reaches the key.
    const classFor = (key: string): [string, Record<string, string>] => {
      if (!mappedKeys.has(key)) return [key, {}];
      for (const [provisioner, cases] of Object.entries(RULE_CASES)) {
        const hit = cases.find(([, k]) => k === key);
        if (hit) return [provisioner, hit[0]];
      }
      throw new Error(`no case reaches ${key}`);
    };
    for (const key of oracleKeys) {
      const [provisioner, parameters] = classFor(key);
      const expected: Record<string, unknown> = {
        key,
        claimPropertySets: oracle.capabilities[key].map((c) => ({
          accessModes: [c.accessMode],
          volumeMode: c.volumeMode,
        })),
      };
      if (oracle.cloneStrategy[key]) expected.cloneStrategy = oracle.cloneStrategy[key];
      if (oracle.sourceFormat[key]) expected.dataImportCronSourceFormat = oracle.sourceFormat[key];
      if (oracle.minimumSupportedPvcSize[key])
        expected.minimumSupportedPvcSize = oracle.minimumSupportedPvcSize[key];
      expect(lookupCapabilities(provisioner, parameters), key).toEqual({
        kind: 'known',
        capabilities: expected,
      });
    }
  });
});

describe('lookupCapabilities (no oracle needed)', () => {
  it('hands out copies: a caller changing a result does not change the table', () => {
    const first = lookupCapabilities('rbd.csi.ceph.com');
    if (first.kind !== 'known') throw new Error('rbd.csi.ceph.com is a table key');
    first.capabilities.claimPropertySets[0].accessModes.push('ReadOnlyMany');
    first.capabilities.claimPropertySets.pop();
    const again = lookupCapabilities('rbd.csi.ceph.com');
    expect(again.kind === 'known' && again.capabilities.claimPropertySets).toEqual([
      { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
      { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
      { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
    ]);
  });

  it('reads no inherited property as a provisioner or a parameter', () => {
    for (const provisioner of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      expect(lookupCapabilities(provisioner), provisioner).toEqual({
        kind: 'unrecognized-provisioner',
        key: provisioner,
        unsupported: false,
      });
    }
    // `protocol` is absent (""), so iSCSI, however Object.prototype looks.
    expect(storageProvisionerKey({ provisioner: 'csi.san.synology.com', parameters: {} })).toBe(
      'csi.san.synology.com/iscsi',
    );
  });
});
