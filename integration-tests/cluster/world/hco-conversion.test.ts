import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../sim-api';
import { featureGatesToV1, featureGatesToV1beta1, hcoConverter } from './hco-conversion';

const V1 = 'hco.kubevirt.io/v1';
const V1BETA1 = 'hco.kubevirt.io/v1beta1';

const hco = (apiVersion: string, spec: Record<string, unknown>, status?: unknown): K8sObject => ({
  apiVersion,
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv', resourceVersion: '7' },
  spec,
  ...(status ? { status } : {}),
});

const convert = (o: K8sObject, to: string) => hcoConverter.convert(structuredClone(o), to);

/** Every gate at its default, as v1beta1 writes them after conversion from v1. */
const GATE_DEFAULTS = {
  alignCPUs: false,
  containerPathVolumes: false,
  decentralizedLiveMigration: true,
  declarativeHotplugVolumes: false,
  deployKubeSecondaryDNS: false,
  disableMDevConfiguration: false,
  downwardMetrics: false,
  enableMultiArchBootImageImport: false,
  incrementalBackup: false,
  objectGraph: false,
  persistentReservation: false,
  videoConfig: true,
};

const DICT = {
  metadata: {
    name: 'fedora-image-cron',
    annotations: { 'dataimportcrontemplate.kubevirt.io/enable': 'false' },
  },
  spec: { schedule: '0 1 * * *', managedDataSource: 'fedora', template: { spec: {} } },
};

const STORAGE_V1BETA1 = {
  filesystemOverhead: { global: '0.08', storageClass: { 'nfs-csi': '0.1' } },
  scratchSpaceStorageClass: 'fast',
  storageImport: { insecureRegistries: ['registry.example.com:5000'] },
  vmStateStorageClass: 'rwx',
  resourceRequirements: {
    storageWorkloads: { limits: { cpu: '1' }, requests: { memory: '1Gi' } },
    vmiCPUAllocationRatio: 10,
  },
  commonBootImageNamespace: 'golden',
  dataImportCronTemplates: [DICT],
  enableCommonBootImageImport: false,
};

describe('HyperConverged v1beta1 -> v1', () => {
  it('moves every storage field under spec.storage and the boot-source fields under spec.workloadSources', () => {
    const out = convert(hco(V1BETA1, { ...STORAGE_V1BETA1, featureGates: GATE_DEFAULTS }), V1);
    expect(out.apiVersion).toBe(V1);
    expect(out.spec).toEqual({
      storage: {
        filesystemOverhead: { global: '0.08', storageClass: { 'nfs-csi': '0.1' } },
        scratchSpaceStorageClass: 'fast',
        storageImport: { insecureRegistries: ['registry.example.com:5000'] },
        vmStateStorageClass: 'rwx',
        workloadResourceRequirements: { limits: { cpu: '1' }, requests: { memory: '1Gi' } },
      },
      workloadSources: {
        commonBootImageNamespace: 'golden',
        dataImportCronTemplates: [DICT],
        enableCommonBootImageImport: false,
      },
      virtualization: { vmiCPUAllocationRatio: 10 },
    });
  });

  it('keeps metadata and status as they are', () => {
    const status = { conditions: [{ type: 'Available', status: 'True' }], observedGeneration: 3 };
    const src = hco(V1BETA1, {}, status);
    const out = convert(src, V1);
    expect(out.metadata).toEqual(src.metadata);
    expect(out.status).toEqual(status);
  });

  it('lists only the feature gates away from their default, Enabled without a state (as HCO marshals it)', () => {
    expect(
      featureGatesToV1({ ...GATE_DEFAULTS, downwardMetrics: true, videoConfig: false, alignCPUs: false }),
    ).toEqual([{ name: 'downwardMetrics' }, { name: 'videoConfig', state: 'Disabled' }]);
    expect(featureGatesToV1(GATE_DEFAULTS)).toBeUndefined();
  });

  it('moves the other sections (virtualization, security, networking, deployment) as upstream', () => {
    const out = convert(
      hco(V1BETA1, {
        certConfig: { ca: { duration: '48h0m0s' } },
        tlsSecurityProfile: { type: 'Old' },
        infra: { nodePlacement: { nodeSelector: { a: 'b' } } },
        workloads: { nodePlacement: { nodeSelector: { c: 'd' } } },
        kubeSecondaryDNSNameServerIP: '1.2.3.4',
        enableApplicationAwareQuota: true,
        applicationAwareConfig: { vmiCalcConfigName: 'VmiPodUsage' },
        uninstallStrategy: 'RemoveWorkloads',
        defaultCPUModel: 'Haswell',
        virtualMachineOptions: { disableSerialConsoleLog: true },
        obsoleteCPUs: { cpuModels: ['486'] },
        tuningPolicy: 'highBurst',
      }),
      V1,
    );
    expect(out.spec).toEqual({
      security: { certConfig: { ca: { duration: '48h0m0s' } }, tlsSecurityProfile: { type: 'Old' } },
      deployment: {
        nodePlacements: { infra: { nodeSelector: { a: 'b' } }, workload: { nodeSelector: { c: 'd' } } },
        applicationAwareConfig: { vmiCalcConfigName: 'VmiPodUsage', enable: true },
        uninstallStrategy: 'RemoveWorkloads',
      },
      networking: { kubeSecondaryDNSNameServerIP: '1.2.3.4' },
      virtualization: {
        obsoleteCPUModels: ['486'],
        virtualMachineOptions: { disableSerialConsoleLog: true, defaultCPUModel: 'Haswell' },
      },
      // "highBurst" is deprecated in v1 and dropped (upstream conversion.go:200-204)
    });
  });
});

describe('HyperConverged v1 -> v1beta1', () => {
  it('moves spec.storage and spec.workloadSources back to their v1beta1 places', () => {
    const out = convert(
      hco(V1, {
        storage: {
          filesystemOverhead: { global: '0.1' },
          scratchSpaceStorageClass: 's',
          storageImport: { insecureRegistries: ['r:5000'] },
          vmStateStorageClass: 'v',
          workloadResourceRequirements: { limits: { cpu: '2' } },
        },
        workloadSources: { commonBootImageNamespace: 'ns', dataImportCronTemplates: [DICT] },
      }),
      V1BETA1,
    );
    expect(out.apiVersion).toBe(V1BETA1);
    expect(out.spec).toEqual({
      filesystemOverhead: { global: '0.1' },
      scratchSpaceStorageClass: 's',
      storageImport: { insecureRegistries: ['r:5000'] },
      vmStateStorageClass: 'v',
      resourceRequirements: { storageWorkloads: { limits: { cpu: '2' } } },
      commonBootImageNamespace: 'ns',
      dataImportCronTemplates: [DICT],
      featureGates: GATE_DEFAULTS,
    });
  });

  it('makes a v1beta1 applicationAwareConfig from a v1 one that holds only enable', () => {
    const out = convert(hco(V1, { deployment: { applicationAwareConfig: { enable: true } } }), V1BETA1);
    expect(out.spec).toEqual({
      applicationAwareConfig: {},
      enableApplicationAwareQuota: true,
      featureGates: GATE_DEFAULTS,
    });
  });

  it('sets every known feature gate: listed = Enabled unless Disabled, unlisted = its default, first item wins', () => {
    expect(
      featureGatesToV1beta1([
        { name: 'downwardMetrics' },
        { name: 'videoConfig', state: 'Disabled' },
        { name: 'objectGraph', state: 'Enabled' },
        { name: 'objectGraph', state: 'Disabled' },
      ]),
    ).toEqual({ ...GATE_DEFAULTS, downwardMetrics: true, videoConfig: false, objectGraph: true });
    expect(featureGatesToV1beta1(undefined)).toEqual(GATE_DEFAULTS);
  });
});

describe('HyperConverged round trips', () => {
  it('v1beta1 -> v1 -> v1beta1 keeps every storage field, feature gate and field it does not map', () => {
    const spec = {
      ...STORAGE_V1BETA1,
      featureGates: {
        ...GATE_DEFAULTS,
        downwardMetrics: true,
        decentralizedLiveMigration: false,
        nonRoot: true,
      },
      localStorageClassName: 'local',
      vddkInitImage: 'quay.io/vddk:1',
      someFutureField: { x: 1 },
      resourceRequirements: { ...STORAGE_V1BETA1.resourceRequirements, futureKnob: 3 },
      tuningPolicy: 'annotation',
    };
    const src = hco(V1BETA1, spec, { observedGeneration: 2 });
    const v1 = convert(src, V1);
    expect(v1.spec.featureGates).toEqual([
      { name: 'downwardMetrics' },
      { name: 'decentralizedLiveMigration', state: 'Disabled' },
      { name: 'nonRoot' },
    ]);
    expect(v1.spec.localStorageClassName).toBe('local');
    expect(convert(v1, V1BETA1)).toEqual(src);
  });

  it('v1 -> v1beta1 -> v1 keeps every storage field, feature gate and field it does not map', () => {
    const src = hco(V1, {
      storage: {
        filesystemOverhead: { global: '0.1', storageClass: { a: '0.2' } },
        scratchSpaceStorageClass: 's',
        storageImport: { insecureRegistries: ['r:5000'] },
        vmStateStorageClass: 'v',
        workloadResourceRequirements: { requests: { cpu: '1' } },
      },
      workloadSources: {
        commonBootImageNamespace: 'ns',
        dataImportCronTemplates: [DICT],
        enableCommonBootImageImport: true,
        futureSource: 'x',
      },
      featureGates: [{ name: 'persistentReservation' }, { name: 'videoConfig', state: 'Disabled' }],
      virtualization: { vmiCPUAllocationRatio: 4, tuningPolicy: 'annotation' },
      deployment: { applicationAwareConfig: { enable: true }, deployVmConsoleProxy: true },
      futureSection: { y: 2 },
    });
    expect(convert(convert(src, V1BETA1), V1)).toEqual(src);
  });
});
