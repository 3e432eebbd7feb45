import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../sim-api';
import {
  cdiValidator,
  dataImportCronValidator,
  dataVolumeValidator,
  isValidCronSchedule,
  pvcRenderingMutator,
} from './cdi-admission';
import { cdiCr, rejection, request, storageClass, testCluster } from './test-helpers';

const dataVolume = (spec: Record<string, unknown>, name = 'disk'): K8sObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name, namespace: 'team-a' },
  spec,
});
const storage = { resources: { requests: { storage: '10Gi' } } };
const registry = { registry: { url: 'docker://quay.io/containerdisks/fedora:latest' } };

function admitDv(
  object: K8sObject,
  operation: 'CREATE' | 'UPDATE' = 'CREATE',
  oldObject?: K8sObject,
  objects: K8sObject[] = [],
) {
  return dataVolumeValidator(
    request({ operation, kind: 'DataVolume', object, oldObject }),
    testCluster(objects).ctx,
  );
}

describe('DataVolume validating webhook', () => {
  it("rejects any spec change with CDI's 422 and message", () => {
    const old = dataVolume({ source: registry, storage });
    const changed = dataVolume({
      source: registry,
      storage: { resources: { requests: { storage: '20Gi' } } },
    });
    const err = rejection(() => admitDv(changed, 'UPDATE', old));
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      'admission webhook "datavolume-validate.cdi.kubevirt.io" denied the request:  Cannot update DataVolume Spec',
    );
    expect(err.causes).toEqual([
      { reason: 'FieldValueDuplicate', field: 'DataVolume.Spec', message: 'Cannot update DataVolume Spec' },
    ]);
  });

  it('allows metadata changes and checkpoint updates of multi-stage imports', () => {
    const old = dataVolume({ source: registry, storage });
    const relabelled = {
      ...dataVolume({ source: registry, storage }),
      metadata: { name: 'disk', namespace: 'team-a', labels: { a: 'b' } },
    };
    expect(() => admitDv(relabelled, 'UPDATE', old)).not.toThrow();
    const vddk = {
      vddk: {
        url: 'https://vcenter.example.com',
        uuid: 'u',
        backingFile: 'f',
        thumbprint: 't',
        secretRef: 's',
      },
    };
    const stage1 = dataVolume({ source: vddk, storage, checkpoints: [{ previous: '', current: 'snap-1' }] });
    const stage2 = dataVolume({
      source: vddk,
      storage,
      checkpoints: [
        { previous: '', current: 'snap-1' },
        { previous: 'snap-1', current: 'snap-2' },
      ],
      finalCheckpoint: true,
    });
    expect(() => admitDv(stage2, 'UPDATE', stage1)).not.toThrow();
  });

  it.each([
    [{ source: registry }, ' Missing Data volume PVC'],
    [
      { source: registry, storage, pvc: { accessModes: ['ReadWriteOnce'], ...storage } },
      ' Duplicate storage definition, both target storage and target pvc defined',
    ],
    [{ source: registry, storage: {} }, ' Storage size is missing'],
    [
      { source: registry, storage: { resources: { requests: { storage: '0' } } } },
      " Storage size can't be equal or less than zero",
    ],
    [{ source: registry, pvc: storage }, ' Required value: at least 1 access mode is required'],
    [
      { source: registry, pvc: { accessModes: ['ReadWriteOnce', 'ReadWriteMany'], ...storage } },
      ' PVC multiple accessModes',
    ],
    [
      { source: registry, pvc: { accessModes: ['ReadWriteOnly'], ...storage } },
      ' Unsupported value: "ReadWriteOnly": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ],
    // CDI names the first mode whichever one is bad (datavolume-validate.go:131-135).
    [
      { source: registry, storage: { accessModes: ['ReadWriteOnce', 'Shared'], ...storage } },
      ' Unsupported value: "ReadWriteOnce": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ],
    [{ storage }, ' Data volume should have either Source or SourceRef'],
    [
      { source: registry, sourceRef: { kind: 'DataSource', name: 'fedora' }, storage },
      ' Data volume should have either Source or SourceRef',
    ],
    [{ source: {}, storage }, ' Missing Data volume source'],
    [{ source: { ...registry, blank: {} }, storage }, ' Multiple Data volume sources'],
    [
      { source: { http: { url: 'ftp://example.com/disk.img' } }, storage },
      ' spec.source Invalid source URL scheme: ftp://example.com/disk.img',
    ],
    [
      { source: { registry: { url: 'https://quay.io/img' } }, storage },
      ' Illegal registry source URL scheme https://quay.io/img',
    ],
    [
      { source: { blank: {} }, contentType: 'archive', storage },
      ' SourceType cannot be blank and the contentType be archive',
    ],
    [
      { sourceRef: { kind: 'PersistentVolumeClaim', name: 'x' }, storage },
      ' Unsupported sourceRef kind PersistentVolumeClaim, currently only DataSource is supported',
    ],
  ])('rejects an invalid spec on create (%#)', (spec, message) => {
    const err = rejection(() => admitDv(dataVolume(spec)));
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      `admission webhook "datavolume-validate.cdi.kubevirt.io" denied the request: ${message}`,
    );
  });

  it('accepts valid specs, including clones without a size', () => {
    expect(() => admitDv(dataVolume({ source: registry, storage }))).not.toThrow();
    expect(() =>
      admitDv(dataVolume({ source: { pvc: { name: 'src', namespace: 'team-a' } }, storage: {} })),
    ).not.toThrow();
    expect(() =>
      admitDv(
        dataVolume({ sourceRef: { kind: 'DataSource', name: 'fedora', namespace: 'os' }, storage: {} }),
      ),
    ).not.toThrow();
  });

  it('rejects a DataVolume whose PVC already exists and is not its own', () => {
    const pvc: K8sObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'disk', namespace: 'team-a' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    const err = rejection(() =>
      admitDv(dataVolume({ source: registry, storage }), 'CREATE', undefined, [pvc]),
    );
    expect(err.message).toContain(' Destination PVC team-a/disk already exists');
  });

  it('rejects names longer than 253 characters', () => {
    const err = rejection(() => admitDv(dataVolume({ source: registry, storage }, 'a'.repeat(254))));
    expect(err.message).toContain('Name of data volume cannot be more than 253 characters');
  });
});

const cron = (spec: Record<string, unknown>, name = 'fedora-image-cron'): K8sObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataImportCron',
  metadata: { name, namespace: 'openshift-virtualization-os-images' },
  spec: {
    managedDataSource: 'fedora',
    schedule: '0 */12 * * *',
    template: { spec: { source: registry, storage } },
    ...spec,
  },
});
const admitCron = (object: K8sObject, operation: 'CREATE' | 'UPDATE' = 'CREATE', oldObject?: K8sObject) =>
  dataImportCronValidator(
    request({ operation, kind: 'DataImportCron', object, oldObject }),
    testCluster().ctx,
  );

describe('DataImportCron validating webhook', () => {
  it('rejects spec updates but not metadata updates', () => {
    const old = cron({});
    const err = rejection(() => admitCron(cron({ schedule: '0 1 * * *' }), 'UPDATE', old));
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      'admission webhook "dataimportcron-validate.cdi.kubevirt.io" denied the request:  Cannot update DataImportCron Spec',
    );
    const relabelled = { ...cron({}), metadata: { ...old.metadata, labels: { team: 'a' } } };
    expect(() => admitCron(relabelled, 'UPDATE', old)).not.toThrow();
  });

  it.each([
    [{ schedule: 'every day' }, 'Illegal cron schedule'],
    [{ schedule: '61 * * * *' }, 'Illegal cron schedule'],
    [
      { template: { spec: { source: { http: { url: 'https://x.example.com/a.img' } }, storage } } },
      'Missing source',
    ],
    [
      { template: { spec: { source: registry, storage, contentType: 'archive' } } },
      'contentType cannot be set',
    ],
    [{ garbageCollect: 'Sometimes' }, 'Illegal GarbageCollect value'],
    [{ managedDataSource: '' }, 'Illegal ManagedDataSource value'],
    [{ importsToKeep: -1 }, 'Illegal ImportsToKeep value'],
  ])('rejects an invalid cron on create (%#)', (spec, message) => {
    expect(rejection(() => admitCron(cron(spec))).message).toContain(message);
  });

  it('rejects names longer than 63 characters', () => {
    expect(rejection(() => admitCron(cron({}, 'c'.repeat(64)))).message).toContain('63');
  });

  it('accepts standard schedules', () => {
    for (const s of ['22 7/12 * * *', '0 0 * * 1-5', '*/15 * * * *', '@daily', '0 4 * jan,jul sun']) {
      expect(isValidCronSchedule(s), s).toBe(true);
    }
    expect(() => admitCron(cron({}))).not.toThrow();
  });
});

describe('CDI CR uninstall guard', () => {
  it('blocks deleting the CDI CR while DataVolumes exist', () => {
    const dv = dataVolume({ source: registry, storage });
    const { ctx } = testCluster([dv]);
    const err = rejection(() =>
      cdiValidator(request({ operation: 'DELETE', kind: 'CDI', oldObject: cdiCr() }), ctx),
    );
    expect(err.message).toContain(
      'rejecting the uninstall request, since there are still 1 DataVolumes present',
    );
  });
});

describe('PVC rendering from the StorageProfile', () => {
  const profile: K8sObject = {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'StorageProfile',
    metadata: { name: 'rbd', annotations: { 'cdi.kubevirt.io/minimumSupportedPvcSize': '4Gi' } },
    spec: {},
    status: { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] },
  };
  const pvc = (labels?: Record<string, string>): K8sObject => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'p', namespace: 'team-a', labels },
    spec: { volumeMode: 'FromStorageProfile', resources: { requests: { storage: '1Gi' } } },
  });

  it('fills in access modes, volume mode, class and minimum size for labelled PVCs', () => {
    const { ctx } = testCluster([
      storageClass('rbd', 'openshift-storage.rbd.csi.ceph.com', {
        metadata: { name: 'rbd', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      }),
      profile,
    ]);
    const labelled = pvc({ 'cdi.kubevirt.io/applyStorageProfile': 'true' });
    pvcRenderingMutator(
      request({ operation: 'CREATE', kind: 'PersistentVolumeClaim', object: labelled }),
      ctx,
    );
    expect(labelled.spec).toEqual({
      storageClassName: 'rbd',
      accessModes: ['ReadWriteMany'],
      volumeMode: 'Block',
      resources: { requests: { storage: '4Gi' } },
    });
    const plain = pvc();
    pvcRenderingMutator(request({ operation: 'CREATE', kind: 'PersistentVolumeClaim', object: plain }), ctx);
    expect(plain.spec.accessModes).toBeUndefined();
  });
});
