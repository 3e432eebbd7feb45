import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../sim-api';
import { needsScratchSpace } from './cdi-workers';
import { createDataVolumeController, TIMING, UploadedData } from './datavolume-controller';
import { createStorageProfileController } from './storage-profile-controller';
import { cdiCr, rejection, storageClass, testCluster, testNodes } from './test-helpers';
import type { Json } from './util';

const RBD = 'openshift-storage.rbd.csi.ceph.com';

const dataVolume = (
  name: string,
  spec: Record<string, unknown>,
  annotations?: Record<string, string>,
  namespace = 'team-a',
): K8sObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name, namespace, uid: `uid-${name}`, ...(annotations ? { annotations } : {}) },
  spec,
});
const size = (s: string) => ({ resources: { requests: { storage: s } } });
const cdiConfig = (status: Record<string, unknown>): K8sObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'CDIConfig',
  metadata: { name: 'config' },
  spec: {},
  status,
});
const registry = (url = 'docker://quay.io/containerdisks/fedora:latest') => ({ registry: { url } });

function cluster(config: Record<string, unknown>, ...objects: K8sObject[]) {
  const c = testCluster([
    cdiCr(),
    cdiConfig(config),
    storageClass('rbd', RBD, {
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    }),
    storageClass('nfs', 'nfs.csi.k8s.io'),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'golden' } },
    ...objects,
  ]);
  const uploads = new UploadedData();
  const controllers = [createStorageProfileController(), createDataVolumeController(uploads)];
  c.settle(controllers);
  const dv = (name: string, ns = 'team-a') => c.store.get('DataVolume', name, ns)!;
  const pvc = (name: string, ns = 'team-a') => c.store.get('PersistentVolumeClaim', name, ns);
  const pod = (name: string, ns = 'team-a') => c.store.get('Pod', name, ns);
  const cond = (name: string, type: string) =>
    dv(name).status.conditions.find((x: { type: string }) => x.type === type);
  return { ...c, controllers, uploads, dv, pvc, pod, cond };
}

const NETWORK_ANNOTATIONS = {
  'k8s.v1.cni.cncf.io/networks': 'team-a/storage-net',
  'v1.multus-cni.io/default-network': 'team-a/fast-net',
  'sidecar.istio.io/inject': 'true',
  'example.com/owner': 'alice',
};

describe('CDI worker pods, annotations and scratch space', () => {
  it('copies the DataVolume annotations to the PVC and the allowed ones (with defaults) to the importer pod', () => {
    const c = cluster(
      {},
      dataVolume(
        'disk',
        {
          source: registry(),
          storage: size('10Gi'),
          priorityClassName: 'storage-high',
          serviceAccountName: 'importer-sa',
          preallocation: true,
        },
        NETWORK_ANNOTATIONS,
      ),
    );
    c.advance(c.controllers, TIMING.scheduleAfter);
    expect(c.dv('disk').status.phase).toBe('ImportScheduled');
    const pvc = c.pvc('disk')!;
    expect(pvc.metadata.annotations).toMatchObject({
      ...NETWORK_ANNOTATIONS,
      'cdi.kubevirt.io/storage.pod.priorityclassname': 'storage-high',
      'cdi.kubevirt.io/storage.pod.serviceAccountName': 'importer-sa',
      'cdi.kubevirt.io/storage.preallocation.requested': 'true',
      'cdi.kubevirt.io/storage.contentType': 'kubevirt',
      'cdi.kubevirt.io/storage.import.source': 'registry',
      'cdi.kubevirt.io/storage.import.endpoint': 'docker://quay.io/containerdisks/fedora:latest',
      'cdi.kubevirt.io/storage.import.importPodName': 'importer-disk',
      'cdi.kubevirt.io/createdForDataVolume': 'uid-disk',
      'cdi.kubevirt.io/storage.pod.phase': 'Pending',
    });
    const pod = c.pod('importer-disk')!;
    expect(pod.status.phase).toBe('Pending');
    expect(pod.metadata.annotations).toEqual({
      'cdi.kubevirt.io/storage.createdByController': 'yes',
      'k8s.v1.cni.cncf.io/networks': 'team-a/storage-net',
      'v1.multus-cni.io/default-network': 'team-a/fast-net',
      'sidecar.istio.io/inject': 'true',
      'linkerd.io/inject': 'disabled',
      'cdi.kubevirt.io/storage.pod.priorityclassname': 'storage-high',
      'cdi.kubevirt.io/storage.pod.serviceAccountName': 'importer-sa',
    });
    expect(pod.metadata.labels).toMatchObject({
      app: 'containerized-data-importer',
      'cdi.kubevirt.io': 'importer',
      'prometheus.cdi.kubevirt.io': 'true',
    });
    expect(pod.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'PersistentVolumeClaim',
        name: 'disk',
        uid: pvc.metadata.uid,
        controller: true,
      }),
    ]);
    expect(pod.spec).toMatchObject({ priorityClassName: 'storage-high', serviceAccountName: 'importer-sa' });
    expect(pod.spec.volumes).toEqual([
      { name: 'cdi-data-vol', persistentVolumeClaim: { claimName: 'disk' } },
      { name: 'cdi-scratch-vol', persistentVolumeClaim: { claimName: 'disk-scratch' } },
    ]);
    c.advance(c.controllers, TIMING.startAfter);
    expect(c.dv('disk').status.phase).toBe('ImportInProgress');
    expect(c.pod('importer-disk')!.status.phase).toBe('Running');
  });

  it('gives a pod without those annotations only the istio and linkerd defaults', () => {
    const c = cluster({}, dataVolume('plain', { source: { blank: {} }, storage: size('1Gi') }));
    c.advance(c.controllers, TIMING.scheduleAfter);
    expect(c.pod('importer-plain')!.metadata.annotations).toEqual({
      'cdi.kubevirt.io/storage.createdByController': 'yes',
      'sidecar.istio.io/inject': 'false',
      'linkerd.io/inject': 'disabled',
    });
    expect(c.pvc('plain')!.metadata.annotations).toMatchObject({
      'cdi.kubevirt.io/storage.import.source': 'none',
      'cdi.kubevirt.io/storage.preallocation.requested': 'false',
    });
  });

  it('imports from a registry with a scratch PVC of the target class, deleted with the pod when done', () => {
    const c = cluster(
      {},
      dataVolume('disk', { source: registry(), storage: { storageClassName: 'nfs', ...size('10Gi') } }),
    );
    c.advance(c.controllers, TIMING.scheduleAfter);
    const pod = c.pod('importer-disk')!;
    const scratch = c.pvc('disk-scratch')!;
    expect(scratch.spec).toMatchObject({
      storageClassName: 'nfs',
      accessModes: ['ReadWriteOnce'],
      // the target's request (10Gi plus the Filesystem overhead of nfs)
      resources: { requests: { storage: c.pvc('disk')!.spec.resources.requests.storage } },
    });
    expect(scratch.status.phase).toBe('Bound');
    expect(scratch.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Pod', name: 'importer-disk', uid: pod.metadata.uid }),
    ]);
    c.advance(c.controllers, TIMING.startAfter);
    expect(c.pvc('disk-scratch')).toBeDefined();
    c.advance(c.controllers, TIMING.maxTransfer);
    expect(c.dv('disk').status.phase).toBe('Succeeded');
    expect(c.pod('importer-disk')).toBeUndefined();
    expect(c.pvc('disk-scratch')).toBeUndefined();
    expect(c.pvc('disk')!.metadata.annotations).toMatchObject({
      'cdi.kubevirt.io/storage.pod.phase': 'Succeeded',
      'cdi.kubevirt.io/storage.condition.running.message': 'Import Complete',
    });
  });

  it("uses CDIConfig.status.scratchSpaceStorageClass over the target's class", () => {
    const c = cluster(
      { scratchSpaceStorageClass: 'nfs' },
      dataVolume('disk', { source: registry(), storage: size('5Gi') }),
    );
    c.advance(c.controllers, TIMING.scheduleAfter);
    expect(c.pvc('disk')!.spec.storageClassName).toBe('rbd');
    expect(c.pvc('disk-scratch')!.spec.storageClassName).toBe('nfs');
  });

  it('needs scratch for archives, registry pod pulls, converted S3/GCS objects and uploads only', () => {
    const http = (url: string) => ({ source: { http: { url } } });
    expect(needsScratchSpace(http('https://x.example.com/disk.qcow2'), 'import')).toBe(false);
    expect(needsScratchSpace(http('https://x.example.com/disk.img.xz'), 'import')).toBe(false);
    expect(
      needsScratchSpace({ ...http('https://x.example.com/a.tar'), contentType: 'archive' }, 'import'),
    ).toBe(true);
    expect(needsScratchSpace({ source: registry() }, 'import')).toBe(true);
    expect(
      needsScratchSpace({ source: { registry: { url: 'docker://q.io/a', pullMethod: 'node' } } }, 'import'),
    ).toBe(false);
    expect(needsScratchSpace({ source: { s3: { url: 's3://bucket/disk.qcow2' } } }, 'import')).toBe(true);
    expect(needsScratchSpace({ source: { s3: { url: 's3://bucket/disk.img' } } }, 'import')).toBe(false);
    expect(needsScratchSpace({ source: { gcs: { url: 'gs://bucket/disk.raw.gz' } } }, 'import')).toBe(true);
    expect(needsScratchSpace({ source: { blank: {} } }, 'blank')).toBe(false);
    expect(needsScratchSpace({ source: { upload: {} } }, 'upload')).toBe(true);
    expect(needsScratchSpace({ source: { pvc: { name: 'a' } } }, 'clone')).toBe(false);
    const c = cluster(
      {},
      dataVolume('http', { ...http('https://x.example.com/disk.qcow2'), storage: size('1Gi') }),
    );
    c.advance(c.controllers, TIMING.scheduleAfter);
    expect(c.pod('importer-http')!.spec.volumes).toHaveLength(1);
    expect(c.pvc('http-scratch')).toBeUndefined();
  });

  it('keeps the pod (Succeeded) and its scratch PVC with storage.pod.retainAfterCompletion: "true"', () => {
    const c = cluster(
      {},
      dataVolume(
        'keep',
        { source: registry(), storage: size('1Gi') },
        { 'cdi.kubevirt.io/storage.pod.retainAfterCompletion': 'true' },
      ),
    );
    c.advance(c.controllers, TIMING.startAfter + TIMING.maxTransfer);
    expect(c.dv('keep').status.phase).toBe('Succeeded');
    const pod = c.pod('importer-keep')!;
    expect(pod.status.phase).toBe('Succeeded');
    expect(pod.status.containerStatuses[0].state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
      message: 'Import Complete',
    });
    expect(c.pvc('keep-scratch')).toBeDefined();
  });

  it('writes preallocation as requested on the PVC and as applied once done (spec, else CDIConfig)', () => {
    const c = cluster(
      { preallocation: true },
      dataVolume('global', { source: { blank: {} }, storage: size('1Gi') }),
      dataVolume('off', { source: { blank: {} }, storage: size('1Gi'), preallocation: false }),
    );
    c.advance(c.controllers, TIMING.startAfter + TIMING.maxTransfer);
    expect(c.pvc('global')!.metadata.annotations).toMatchObject({
      'cdi.kubevirt.io/storage.preallocation.requested': 'true',
      'cdi.kubevirt.io/storage.preallocation': 'true',
    });
    expect(c.pvc('off')!.metadata.annotations?.['cdi.kubevirt.io/storage.preallocation.requested']).toBe(
      'false',
    );
    expect(c.pvc('off')!.metadata.annotations?.['cdi.kubevirt.io/storage.preallocation']).toBeUndefined();
    // The condition message is the importer's termination message, which does not mention preallocation.
    expect(c.cond('global', 'Running')).toMatchObject({ reason: 'Completed', message: 'Import Complete' });
  });

  it('ignores preallocation for CSI clones (no pod), applies it for host-assisted clones', () => {
    const c = cluster(
      {},
      dataVolume('src', { source: { blank: {} }, storage: size('1Gi') }, undefined, 'golden'),
    );
    c.advance(c.controllers, 120);
    c.add(
      dataVolume('csi', {
        source: { pvc: { name: 'src', namespace: 'golden' } },
        storage: {},
        preallocation: true,
      }),
    );
    c.advance(c.controllers, TIMING.startAfter + 5);
    expect(c.dv('csi').status.phase).toBe('CSICloneInProgress');
    expect(c.store.list('Pod', 'golden')).toEqual([]);
    expect(c.store.list('Pod', 'team-a')).toEqual([]);
    c.advance(c.controllers, TIMING.maxTransfer);
    expect(c.pvc('csi')!.metadata.annotations?.['cdi.kubevirt.io/storage.preallocation.requested']).toBe(
      'true',
    );
    expect(c.pvc('csi')!.metadata.annotations?.['cdi.kubevirt.io/storage.preallocation']).toBeUndefined();

    const cdi = c.store.get('CDI', 'cdi-kubevirt-hyperconverged')!;
    c.store.update({ ...cdi, spec: { cloneStrategyOverride: 'copy' } });
    c.add(
      dataVolume(
        'copy',
        { source: { pvc: { name: 'src', namespace: 'golden' } }, storage: {}, preallocation: true },
        { 'k8s.v1.cni.cncf.io/networks': 'team-a/storage-net' },
      ),
    );
    c.advance(c.controllers, TIMING.startAfter + 5);
    expect(c.dv('copy').status.phase).toBe('CloneInProgress');
    const target = c.pvc('copy')!;
    const source = c.store.get('Pod', `${target.metadata.uid}-source-pod`, 'golden')!;
    expect(source.metadata.labels).toMatchObject({ 'cdi.kubevirt.io': 'cdi-clone-source' });
    expect(source.metadata.annotations).toMatchObject({
      'cdi.kubevirt.io/storage.ownerRef': 'team-a/copy',
      'k8s.v1.cni.cncf.io/networks': 'team-a/storage-net',
    });
    expect(source.spec.volumes[0]).toEqual({
      name: 'cdi-data-vol',
      persistentVolumeClaim: { claimName: 'src' },
    });
    expect(c.pod('cdi-upload-copy')!.status.phase).toBe('Running');
    expect(c.pvc('copy-scratch')).toBeUndefined();
    c.advance(c.controllers, TIMING.maxTransfer);
    expect(c.dv('copy').status.phase).toBe('Succeeded');
    expect(c.store.list('Pod', 'golden')).toEqual([]);
    expect(c.pod('cdi-upload-copy')).toBeUndefined();
    expect(target.metadata.annotations?.['cdi.kubevirt.io/storage.preallocation.requested']).toBe('true');
    expect(c.pvc('copy')!.metadata.annotations?.['cdi.kubevirt.io/storage.preallocation']).toBe('true');
  });

  it('waits in UploadReady with a running upload pod and scratch PVC until the data arrives', () => {
    const c = cluster(
      {},
      dataVolume('iso', { source: { upload: {} }, storage: size('5Gi'), preallocation: true }),
    );
    expect(rejection(() => c.uploads.complete(c.store, 'team-a', 'iso')).code).toBe(409);
    c.advance(c.controllers, TIMING.scheduleAfter);
    expect(c.dv('iso').status.phase).toBe('UploadScheduled');
    c.advance(c.controllers, 3600, 60);
    expect(c.dv('iso').status).toMatchObject({ phase: 'UploadReady', progress: 'N/A' });
    const pod = c.pod('cdi-upload-iso')!;
    expect(pod.status.phase).toBe('Running');
    expect(pod.metadata.labels).toMatchObject({
      'cdi.kubevirt.io': 'cdi-upload-server',
      'cdi.kubevirt.io/uploadTarget': c.pvc('iso')!.metadata.uid,
    });
    expect(pod.metadata.annotations).toMatchObject({ 'sidecar.istio.io/inject': 'false' });
    expect(c.pvc('iso')!.metadata.annotations).toMatchObject({
      'cdi.kubevirt.io/storage.upload.target': '',
      'cdi.kubevirt.io/storage.uploadPodName': 'cdi-upload-iso',
    });
    expect(c.pvc('iso-scratch')!.spec.storageClassName).toBe('rbd');
    expect(rejection(() => c.uploads.complete(c.store, 'team-a', 'nope')).code).toBe(404);
    c.uploads.complete(c.store, 'team-a', 'iso');
    c.settle(c.controllers);
    expect(c.dv('iso').status).toMatchObject({ phase: 'Succeeded', progress: '100.0%' });
    expect(c.cond('iso', 'Running')).toMatchObject({ reason: 'Completed', message: 'Upload Complete' });
    expect(c.pod('cdi-upload-iso')).toBeUndefined();
    expect(c.pvc('iso-scratch')).toBeUndefined();
    expect(c.pvc('iso')!.metadata.annotations?.['cdi.kubevirt.io/storage.preallocation']).toBe('true');
    const events = (c.store.list('Event', 'team-a') as Json[])
      .filter((e) => e.involvedObject.name === 'iso' && e.involvedObject.kind === 'DataVolume')
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map((e) => `${e.reason}: ${e.message}`);
    expect(events).toEqual([
      'Pending: PVC iso Pending',
      'UploadScheduled: Upload into iso scheduled',
      'Bound: PVC iso Bound',
      'UploadReady: Upload into iso ready',
      'UploadSucceeded: Successfully uploaded into iso',
    ]);
    expect(rejection(() => c.uploads.complete(c.store, 'team-a', 'iso')).code).toBe(409);
  });

  it('refuses to complete a DataVolume that is not an upload', () => {
    const c = cluster({}, dataVolume('blank', { source: { blank: {} }, storage: size('1Gi') }));
    expect(rejection(() => c.uploads.complete(c.store, 'team-a', 'blank')).code).toBe(400);
  });

  it("records CDI's PVC events: ImportSucceeded, UploadSucceeded, and ErrImportFailed counted per restart", () => {
    const c = cluster(
      {},
      dataVolume('disk', { source: registry(), storage: size('1Gi') }),
      dataVolume('iso', { source: { upload: {} }, storage: size('1Gi') }),
      dataVolume('bad', { source: registry('docker://registry.invalid/x:1'), storage: size('1Gi') }),
    );
    c.advance(c.controllers, TIMING.startAfter + TIMING.maxTransfer, 30);
    c.uploads.complete(c.store, 'team-a', 'iso');
    c.settle(c.controllers);
    const pvcEvents = (name: string) =>
      (c.store.list('Event', 'team-a') as Json[]).filter(
        (e) => e.involvedObject.kind === 'PersistentVolumeClaim' && e.involvedObject.name === name,
      );
    expect(pvcEvents('disk')).toEqual([
      expect.objectContaining({
        type: 'Normal',
        reason: 'ImportSucceeded',
        message: 'Import Successful',
        source: { component: 'import-controller' },
        count: 1,
      }),
    ]);
    expect(pvcEvents('iso')).toEqual([
      expect.objectContaining({
        reason: 'UploadSucceeded',
        message: 'Upload Successful',
        source: { component: 'upload-controller' },
      }),
    ]);
    const [failed] = pvcEvents('bad');
    expect(failed).toMatchObject({ type: 'Warning', reason: 'ErrImportFailed' });
    expect(failed.message).toContain('no such host');
    expect(failed.count).toBe(c.dv('bad').status.restartCount);
    expect(c.pod('importer-bad')!.status.containerStatuses[0].restartCount).toBe(failed.count);
    expect(c.pod('importer-bad')!.status.containerStatuses[0]).toMatchObject({
      ready: false,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', message: failed.message } },
    });
  });

  it("places the pod on a worker with the scheduler's and kubelet's events, repeated per restart", () => {
    const c = cluster(
      {},
      ...testNodes(),
      dataVolume('disk', { source: { blank: {} }, storage: size('1Gi') }),
      dataVolume('bad', { source: registry('docker://registry.invalid/x:1'), storage: size('1Gi') }),
    );
    c.advance(c.controllers, TIMING.startAfter + 200, 10);
    const podEvents = (name: string) =>
      (c.store.list('Event', 'team-a') as Json[])
        .filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === name)
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const bad = c.pod('importer-bad')!;
    expect(bad.spec.nodeName).toMatch(/^worker-\d$/);
    const events = podEvents('importer-bad');
    expect(events.map((e) => `${e.type} ${e.reason} ${e.source.component}`)).toEqual([
      'Normal Scheduled default-scheduler',
      'Normal Pulled kubelet',
      'Normal Created kubelet',
      'Normal Started kubelet',
      'Warning BackOff kubelet',
    ]);
    expect(events[0].message).toBe(`Successfully assigned team-a/importer-bad to ${bad.spec.nodeName}`);
    expect(events[1]).toMatchObject({
      message: `Container image "quay.io/kubevirt/cdi-importer:v1.65.0" already present on machine and can be accessed by the pod`,
      involvedObject: { fieldPath: 'spec.containers{importer}' },
    });
    const restarts = bad.status.containerStatuses[0].restartCount;
    expect(restarts).toBeGreaterThan(0);
    expect(events[3]).toMatchObject({ message: 'Container started', count: restarts + 1 });
    expect(events[4].message).toBe(
      `Back-off restarting failed container importer in pod importer-bad_team-a(${bad.metadata.uid})`,
    );
  });

  it('removes the pod and the scratch PVC with the DataVolume', () => {
    const c = cluster({}, dataVolume('gone', { source: registry(), storage: size('1Gi') }));
    c.advance(c.controllers, TIMING.startAfter + 5);
    expect(c.pod('importer-gone')).toBeDefined();
    c.store.delete('DataVolume', 'gone', 'team-a');
    c.settle(c.controllers);
    expect(c.pvc('gone')).toBeUndefined();
    expect(c.pod('importer-gone')).toBeUndefined();
    expect(c.pvc('gone-scratch')).toBeUndefined();
  });
});
