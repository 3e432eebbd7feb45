import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// A test may import the plugin to compare with it; the simulator's runtime code may not (see the guard in
// storage-profile-controller.test.ts, which lists this file).
import * as plugin from '../../../src/k8s/storage-capabilities';
import * as sim from './cdi-storage-capabilities';
import { RULE_CASES } from './cdi-storage-capabilities.cases';
import { SHARED } from './shared-dir';

/**
 * Cross-check: for a set of StorageClasses, the simulated CDI (./cdi-storage-capabilities.ts) and the plugin
 * (src/k8s/storage-capabilities.ts) must say the same thing — Recognized reason, provisioner key, claim property
 * sets, clone strategy, source format, minimum size, RWO-for-DataImportCron and "unsupported". Both were written
 * separately from CDI v1.65.0's storagecapabilities.go; where they differ, upstream decides who is wrong.
 */

type Params = Record<string, string>;

interface Outcome {
  recognized?: string;
  key?: string;
  claimPropertySets?: unknown;
  cloneStrategy?: string;
  dataImportCronSourceFormat?: string;
  minimumSupportedPvcSize?: string;
  useReadWriteOnceForDataImportCron?: boolean;
  unsupported?: boolean;
  threw?: string;
}

function simulated(provisioner: string, params: Params): Outcome {
  const r = sim.lookupCapabilities(provisioner, params);
  if (r.kind === 'unrecognized-parameters') return { recognized: 'UnrecognizedStorageClassParameters' };
  if (r.kind === 'unrecognized-provisioner')
    return { recognized: 'UnrecognizedProvisioner', unsupported: r.unsupported };
  const c = r.capabilities;
  return {
    recognized: 'RecognizedProvisioner',
    key: c.key,
    claimPropertySets: c.claimPropertySets,
    cloneStrategy: c.cloneStrategy,
    dataImportCronSourceFormat: c.dataImportCronSourceFormat,
    minimumSupportedPvcSize: c.minimumSupportedPvcSize,
    useReadWriteOnceForDataImportCron: sim.USE_RWO_FOR_DATA_IMPORT_CRON_KEYS.includes(c.key),
  };
}

function ofPlugin(provisioner: string, params: Params): Outcome {
  let r: plugin.CapabilityLookup;
  try {
    r = plugin.lookupCapabilities(provisioner, params);
  } catch (err) {
    return { threw: String(err) };
  }
  switch (r.kind) {
    case 'unrecognized-parameters':
      return { recognized: 'UnrecognizedStorageClassParameters' };
    case 'unknown':
      return { recognized: 'UnrecognizedProvisioner', unsupported: false };
    case 'unsupported':
      return { recognized: 'UnrecognizedProvisioner', unsupported: true };
    case 'known': {
      const c = r.capabilities;
      return {
        recognized: 'RecognizedProvisioner',
        key: c.key,
        claimPropertySets: c.claimPropertySets,
        cloneStrategy: c.cloneStrategy,
        dataImportCronSourceFormat: c.dataImportCronSourceFormat,
        minimumSupportedPvcSize: c.minimumSupportedPvcSize,
        useReadWriteOnceForDataImportCron: plugin.USE_RWO_FOR_DATA_IMPORT_CRON_KEYS.includes(c.key),
      };
    }
  }
}

/** One StorageClass: provisioner and parameters. */
type Sc = [provisioner: string, params: Params];

/** Parameter variants every provisioner is also tried with (mapper or not). */
const PARAMETER_VARIANTS: Params[] = [
  {},
  { 'csi.storage.k8s.io/fstype': 'nfs' },
  { protocol: 'nfs' },
  { type: 'io2' },
  {
    overlayCSI: '',
    sharedv4_mount_options: 'vers=3.0,nolock',
    backendType: 'ontap-san',
    storage_protocol: 'fc',
    migratable: 'true',
    type: 'hyperdisk-balanced',
  },
];

/** The oracle's provisioner keys and unsupported provisioners, when ../shared is there. */
function oracleProvisioners(): string[] {
  const file = path.join(SHARED, 'fixtures-upstream/reference/cdi-capabilities-v1.65.json');
  if (!fs.existsSync(SHARED)) {
    console.warn(`../shared not present: ${SHARED} is missing; cross-checking the simulator's own keys only`);
    return [];
  }
  const oracle = JSON.parse(fs.readFileSync(file, 'utf8'));
  return [...Object.keys(oracle.capabilities), ...oracle.unsupported];
}

function storageClasses(): Sc[] {
  const provisioners = new Set([
    ...oracleProvisioners(),
    ...sim.CAPABILITIES_BY_PROVISIONER_KEY.keys(),
    ...sim.UNSUPPORTED_PROVISIONERS,
    ...sim.STORAGE_CLASS_TO_PROVISIONER_KEY_MAPPER.keys(),
    ...plugin.KNOWN_CAPABILITY_KEYS,
    ...plugin.UNSUPPORTED_PROVISIONERS,
    ...plugin.PARAMETER_DEPENDENT_PROVISIONERS,
    'example.com/unknown',
    'csi.trident.netapp.io/ontap-nas-economy',
  ]);
  const classes: Sc[] = [];
  for (const provisioner of provisioners)
    for (const params of PARAMETER_VARIANTS) classes.push([provisioner, params]);
  for (const [provisioner, cases] of Object.entries(RULE_CASES)) {
    for (const [params] of cases) classes.push([provisioner, params]);
  }
  return classes;
}

const label = ([provisioner, params]: Sc) => `${provisioner} ${JSON.stringify(params)}`;

/**
 * Classes on which the plugin once disagreed with upstream (the plugin was wrong; upstream line given), kept
 * as regressions: they must agree like every other class.
 */
const REGRESSIONS: { sc: Sc; upstream: string }[] = [
  {
    // storagecapabilities.go:420-422: regexp.MustCompile(`\s*[;,]\s*`) is RE2, whose \s is [\t\n\f\r ]; NBSP and
    // \v stay in the item, so CDI finds no "performance=flex" and says UNKNOWN. The plugin splits with JS's
    // /\s*[;,]\s*/, whose \s also eats NBSP, \v and the other Unicode spaces, and answers gcnv-flex.
    sc: [
      'csi.trident.netapp.io',
      { backendType: 'google-cloud-netapp-volumes', selector: 'region=west;\u00a0performance=flex' },
    ],
    upstream: 'storagecapabilities.go:420-422',
  },
  {
    sc: [
      'csi.trident.netapp.io',
      { backendType: 'google-cloud-netapp-volumes', selector: 'region=west;\vperformance=flex' },
    ],
    upstream: 'storagecapabilities.go:420-422',
  },
  // storagecapabilities.go:372-379: a Go map lookup finds no mapper for these names, so the key is the name and
  // IsRecognized (:279-288) says UnrecognizedProvisioner. The plugin indexed a plain object (KEY_RESOLVERS),
  // got Object.prototype's methods, called them as mappers and threw a TypeError. All five are valid
  // provisioner names (qualified names), so a StorageClass can carry them.
  ...['valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'].map((name) => ({
    sc: [name, {}] as Sc,
    upstream: 'storagecapabilities.go:372-379',
  })),
];

describe('the simulated CDI and the plugin agree on what CDI v1.65.0 knows about a StorageClass', () => {
  const classes = [...storageClasses(), ...REGRESSIONS.map((r) => r.sc)];

  it('covers every key of both tables and every mapper case', () => {
    const keys = new Set(classes.map(([p, params]) => simulated(p, params).key).filter(Boolean));
    expect([...sim.CAPABILITIES_BY_PROVISIONER_KEY.keys()].filter((k) => !keys.has(k))).toEqual([]);
    expect(plugin.KNOWN_CAPABILITY_KEYS.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('gives the same answer for every StorageClass', () => {
    const disagreements = classes.flatMap((sc) => {
      const ours = simulated(...sc);
      const theirs = ofPlugin(...sc);
      return JSON.stringify(ours) === JSON.stringify(theirs)
        ? []
        : [{ sc: label(sc), simulator: ours, plugin: theirs }];
    });
    expect(disagreements).toEqual([]);
  });

  it('agrees on the Object.prototype names the plugin does not trip over', () => {
    // `__proto__` and `__defineGetter__` make the plugin throw too, but they are no valid provisioner names
    // (IsQualifiedName wants an alphanumeric first character), so no StorageClass can carry them.
    for (const name of ['constructor', 'toString']) {
      expect(ofPlugin(name, {}), name).toEqual(simulated(name, {}));
    }
  });
});
