import { describe, expect, it } from 'vitest';
import { createCdiConfigController } from './cdi-config-controller';
import { createHcoController } from './hco-controller';
import { hyperConverged, storageClass, testCluster } from './test-helpers';

const RBD = 'openshift-storage.rbd.csi.ceph.com';
const defaultClass = storageClass('rbd', RBD, {
  metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
});

function cluster(spec: Record<string, unknown>, annotations?: Record<string, string>) {
  const hc = hyperConverged(spec);
  if (annotations) hc.metadata.annotations = annotations;
  const c = testCluster([hc, defaultClass, storageClass('nfs', 'nfs.csi.k8s.io')]);
  const controllers = [createHcoController(), createCdiConfigController()];
  c.settle(controllers);
  return {
    ...c,
    controllers,
    cdi: () => c.store.get('CDI', 'cdi-kubevirt-hyperconverged')!,
    config: () => c.store.get('CDIConfig', 'config')!,
    hc: () => c.store.get('HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv')!,
  };
}

const storageSpec = {
  filesystemOverhead: { global: '0.08', storageClass: { nfs: '0.1' } },
  scratchSpaceStorageClass: 'nfs',
  resourceRequirements: {
    storageWorkloads: { limits: { cpu: '2', memory: '3Gi' }, requests: { memory: '1Gi' } },
  },
  storageImport: { insecureRegistries: ['registry.lab.example.com:5000'] },
  uninstallStrategy: 'RemoveWorkloads',
};

describe('HCO -> CDI CR', () => {
  it('renders the CDI CR from the HyperConverged storage settings', () => {
    const c = cluster(storageSpec);
    const cdi = c.cdi();
    expect(cdi.metadata.annotations).toEqual({ 'cdi.kubevirt.io/configAuthority': '' });
    expect(cdi.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'hco-operator' });
    expect(cdi.spec.uninstallStrategy).toBe('RemoveWorkloads');
    expect(cdi.spec.config).toMatchObject({
      featureGates: ['HonorWaitForFirstConsumer', 'DataVolumeClaimAdoption', 'WebhookPvcRendering'],
      filesystemOverhead: storageSpec.filesystemOverhead,
      scratchSpaceStorageClass: 'nfs',
      podResourceRequirements: storageSpec.resourceRequirements.storageWorkloads,
      insecureRegistries: ['registry.lab.example.com:5000'],
    });
    expect(cdi.status).toMatchObject({ phase: 'Deployed' });
  });

  it('reverts an out-of-band edit of the CDI spec', () => {
    const c = cluster(storageSpec);
    const cdi = c.cdi();
    c.store.update({
      ...cdi,
      spec: { ...cdi.spec, config: { ...cdi.spec.config, scratchSpaceStorageClass: 'other' } },
    });
    c.settle(c.controllers);
    expect(c.cdi().spec.config.scratchSpaceStorageClass).toBe('nfs');
  });

  it('follows HyperConverged changes', () => {
    const c = cluster(storageSpec);
    const hc = c.hc();
    c.store.update({ ...hc, spec: { ...hc.spec, filesystemOverhead: { global: '0.1' } } });
    c.settle(c.controllers);
    expect(c.cdi().spec.config.filesystemOverhead).toEqual({ global: '0.1' });
    expect(c.config().status.filesystemOverhead).toEqual({
      global: '0.1',
      storageClass: { nfs: '0.1', rbd: '0.1' },
    });
  });

  it('applies the unsupported jsonpatch annotation and marks the configuration tainted', () => {
    const patch = JSON.stringify([{ op: 'add', path: '/spec/config/preallocation', value: true }]);
    const c = cluster(storageSpec, { 'containerizeddataimporter.kubevirt.io/jsonpatch': patch });
    expect(c.cdi().spec.config.preallocation).toBe(true);
    expect(c.config().status.preallocation).toBe(true);
    const tainted = c.hc().status.conditions.find((x: { type: string }) => x.type === 'TaintedConfiguration');
    expect(tainted).toMatchObject({ status: 'True', reason: 'UnsupportedFeatureAnnotation' });
  });

  it('reports a healthy HyperConverged status with the observed generation', () => {
    const status = cluster(storageSpec).hc().status;
    expect(status.observedGeneration).toBe(1);
    expect(status.conditions.find((x: { type: string }) => x.type === 'Available')).toMatchObject({
      status: 'True',
      reason: 'ReconcileCompleted',
      message: 'Reconcile completed successfully',
    });
    expect(status.dataImportSchedule).toMatch(/^\d{1,2} \d{1,2}\/12 \* \* \*$/);
    expect(status.versions).toEqual([{ name: 'operator', version: '1.18.1' }]);
  });
});

describe('CDIConfig', () => {
  it('copies CDI.spec.config into its spec and computes the status CDI uses', () => {
    const c = cluster(storageSpec);
    const config = c.config();
    expect(config.spec).toEqual(c.cdi().spec.config);
    expect(config.status).toMatchObject({
      filesystemOverhead: { global: '0.08', storageClass: { nfs: '0.1', rbd: '0.08' } },
      scratchSpaceStorageClass: 'nfs',
      defaultPodResourceRequirements: {
        limits: { cpu: '2', memory: '3Gi' },
        requests: { cpu: '100m', memory: '1Gi' },
      },
      importProxy: { HTTPProxy: '', HTTPSProxy: '', noProxy: '', trustedCAProxy: '' },
    });
  });

  it('uses the CDI defaults when HCO sets nothing, and no scratch class for a missing one', () => {
    // CDI v1.65.0 config-controller.go reconcileStorageClass: "" unless the named class exists.
    const c = cluster({ scratchSpaceStorageClass: 'does-not-exist' });
    expect(c.config().status).toMatchObject({
      filesystemOverhead: { global: '0.06', storageClass: { nfs: '0.06', rbd: '0.06' } },
      scratchSpaceStorageClass: '',
      defaultPodResourceRequirements: {
        limits: { cpu: '750m', memory: '600M' },
        requests: { cpu: '100m', memory: '60M' },
      },
    });
  });

  it('adds an entry for a new StorageClass and overwrites direct edits of its spec', () => {
    const c = cluster(storageSpec);
    c.store.create(storageClass('lvms', 'topolvm.io'));
    const config = c.config();
    c.store.update({ ...config, spec: { ...config.spec, scratchSpaceStorageClass: 'lvms' } });
    c.settle(c.controllers);
    expect(c.config().status.filesystemOverhead.storageClass.lvms).toBe('0.08');
    expect(c.config().spec.scratchSpaceStorageClass).toBe('nfs');
  });

  it('reports no scratch class when HCO names none, even with a default class', () => {
    const c = cluster({});
    expect(c.config().status.scratchSpaceStorageClass).toBe('');
  });

  it('settles: another pass writes nothing', () => {
    const c = cluster(storageSpec);
    const rv = c.store.rv;
    c.advance(c.controllers, 120);
    expect(c.store.rv).toBe(rv);
  });
});
