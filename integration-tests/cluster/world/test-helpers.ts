import path from 'node:path';
import type { ScaledClock } from '../clock';
import { loadCrds, Registry } from '../registry';
import type {
  AdmissionRequest,
  ApiError,
  Controller,
  K8sObject,
  SimClock,
  SimContext,
  StoreEvent,
} from '../sim-api';
import { Store } from '../store';

/** Test support for the world: the simulator's real store over our CRDs, with a clock tests move by hand. */

export const CRDS_DIR = path.resolve(__dirname, '../crds');
export const DEMO_SEED_DIR = path.resolve(__dirname, '../../fixtures/demo');

/** Both clocks move only by hand: `advance` moves the timestamps and the durations alike. */
export class ManualClock implements SimClock {
  constructor(private ms = Date.parse('2026-11-26T16:00:00Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
  simulatedMs(): number {
    return this.ms;
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export interface TestCluster {
  store: Store;
  clock: ManualClock;
  ctx: SimContext;
  /** Runs the controllers as the simulator does: rounds until no controller writes, then one clock tick. */
  settle(controllers: Controller[]): number;
  /** Moves the clock, then settles (a tick with no events first, as the simulator's clock does). */
  advance(controllers: Controller[], seconds: number, step?: number): void;
  add(...objects: K8sObject[]): void;
}

let registry: Registry | undefined;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function testCluster(objects: K8sObject[] = []): TestCluster {
  registry ??= new Registry(loadCrds(CRDS_DIR));
  const clock = new ManualClock();
  const store = new Store(registry, clock as unknown as ScaledClock);
  // Views are shared with the store: hand out frozen copies so a controller that mutates one fails the test.
  store.listView = (kind, namespace) => store.list(kind, namespace).map(deepFreeze);
  const ctx: SimContext = { store, clock };
  let pending: StoreEvent[] = [];
  store.subscribe((e) => pending.push(e));
  const add = (...objs: K8sObject[]) => {
    for (const obj of objs) {
      const ns = obj.metadata.namespace;
      if (ns && !store.getRaw('Namespace', ns)) {
        store.insert({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      }
      store.insert(structuredClone(obj), true);
    }
  };
  const settle = (controllers: Controller[]) => {
    let rounds = 0;
    let batch: StoreEvent[] = [];
    do {
      batch = pending;
      pending = [];
      for (const c of controllers) c.reconcile(ctx, batch);
      rounds++;
      if (rounds > 30) throw new Error('controllers did not settle in 30 rounds');
    } while (pending.length);
    return rounds;
  };
  add(...objects);
  pending = [];
  return {
    store,
    clock,
    ctx,
    settle,
    add,
    advance(controllers, seconds, step = 5) {
      for (let t = 0; t < seconds; t += step) {
        clock.advance(Math.min(step, seconds - t));
        settle(controllers);
      }
    },
  };
}

export function request(
  partial: Partial<AdmissionRequest> & Pick<AdmissionRequest, 'operation' | 'kind'>,
): AdmissionRequest {
  return { user: 'admin', dryRun: false, ...partial };
}

/** The ApiError a call throws (fails the test when it does not throw one). */
export function rejection(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err && typeof err === 'object' && 'code' in err) return err as ApiError;
    throw err;
  }
  throw new Error('expected the call to be rejected');
}

export const storageClass = (
  name: string,
  provisioner: string,
  extra: Partial<K8sObject> & { parameters?: Record<string, string> } = {},
): K8sObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, ...(extra.metadata ?? {}) },
  provisioner,
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'Immediate',
  ...extra,
  ...(extra.metadata ? { metadata: { name, ...extra.metadata } } : {}),
});

export const cdiCr = (spec: Record<string, unknown> = {}): K8sObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'CDI',
  metadata: {
    name: 'cdi-kubevirt-hyperconverged',
    uid: 'cdi-uid-0001',
    annotations: { 'cdi.kubevirt.io/configAuthority': '' },
  },
  spec,
});

export const snapshotClass = (
  name: string,
  driver: string,
  annotations?: Record<string, string>,
): K8sObject => ({
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshotClass',
  metadata: { name, ...(annotations ? { annotations } : {}) },
  driver,
  deletionPolicy: 'Delete',
});

export const hyperConverged = (spec: Record<string, unknown> = {}): K8sObject => ({
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: {
    name: 'kubevirt-hyperconverged',
    namespace: 'openshift-cnv',
    uid: 'hco-uid-0001',
    generation: 1,
  },
  spec,
});

/**
 * A custom boot source's DataImportCron template for the HyperConverged's `dataImportCronTemplates`: a daily
 * registry import of 5Gi into a DataSource named after it (`<name>` without `-image-cron`), bound at once.
 */
export const customCronTemplate = (name: string, url: string, extra: Record<string, unknown> = {}) => ({
  metadata: { name, annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' } },
  spec: {
    managedDataSource: name.replace(/-image-cron$/, ''),
    schedule: '0 3 * * *',
    importsToKeep: 1,
    retentionPolicy: 'None',
    template: {
      spec: { source: { registry: { url } }, storage: { resources: { requests: { storage: '5Gi' } } } },
    },
    ...extra,
  },
});

/**
 * The cluster the boot-source tests start from: the golden-images namespace, the HyperConverged with `spec`,
 * CDI, Ceph RBD (`rbd-virt`, the default for virtualization, with a VolumeSnapshotClass) and LVMS (`lvms`).
 */
export const bootSourceClusterObjects = (spec: Record<string, unknown>): K8sObject[] => {
  const rbd = 'openshift-storage.rbd.csi.ceph.com';
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openshift-virtualization-os-images' } },
    hyperConverged(spec),
    cdiCr(),
    storageClass('rbd-virt', rbd, {
      metadata: { annotations: { 'storageclass.kubevirt.io/is-default-virt-class': 'true' } },
    }),
    snapshotClass('rbd-snap', rbd),
    storageClass('lvms', 'topolvm.io'),
  ];
};

/**
 * A Node as an OpenShift cluster shows it: hostname, os and arch labels, its role label (control-plane nodes
 * also carry `master` and its NoSchedule taint), a zone, and a Ready condition (`ready: false` for NotReady).
 */
export function testNode(
  name: string,
  opts: {
    role?: 'worker' | 'control-plane';
    labels?: Record<string, string>;
    taints?: { key: string; value?: string; effect: string }[];
    ready?: boolean;
  } = {},
): K8sObject {
  const controlPlane = opts.role === 'control-plane';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/zone': 'us-east-1a',
        ...(controlPlane
          ? { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/master': '' }
          : { 'node-role.kubernetes.io/worker': '' }),
        ...opts.labels,
      },
    },
    spec: {
      ...(controlPlane || opts.taints
        ? {
            taints: [
              ...(controlPlane ? [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] : []),
              ...(opts.taints ?? []),
            ],
          }
        : {}),
    },
    status: {
      conditions: [
        { type: 'Ready', status: opts.ready === false ? 'False' : 'True', reason: 'KubeletReady' },
      ],
      nodeInfo: { kubeletVersion: 'v1.34.2', architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

/** Three control-plane nodes and workers `worker-0..2`, as the demo seed has them. */
export const testNodes = (): K8sObject[] => [
  ...[0, 1, 2].map((i) => testNode(`control-plane-${i}`, { role: 'control-plane' })),
  ...[0, 1, 2].map((i) => testNode(`worker-${i}`)),
];
