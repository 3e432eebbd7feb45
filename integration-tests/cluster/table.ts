import type { K8sObject } from './sim-api';
import type { PrinterColumn, ResourceType } from './registry';
import { labelSelectorString } from './builtin-strategy';

/** Accept header asking for server-side printing (kubectl get). */
export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

/** Minimal JSONPath: `.a.b`, `[0]`, `[?(@.type=="Ready")]`. Unsupported paths yield undefined. */
export function jsonPathValue(obj: unknown, path: string): unknown {
  const re = /\.([A-Za-z0-9_-]+)|\[(\d+)\]|\[\?\(@\.([A-Za-z0-9_.-]+)\s*==\s*["']([^"']*)["']\)\]/g;
  let cur: unknown = obj;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(path)) && cur !== undefined && cur !== null) {
    if (m.index !== consumed) return undefined;
    consumed = re.lastIndex;
    if (m[1] !== undefined) cur = (cur as Record<string, unknown>)[m[1]];
    else if (m[2] !== undefined) cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
    else cur = Array.isArray(cur) ? cur.find((e) => jsonPathValue(e, `.${m![3]}`) === m![4]) : undefined;
  }
  return cur;
}

/** apimachinery's duration.HumanDuration, as the apiserver's printers show ages: 45s, 12m, 3h4m, 5d6h, 2y3d. */
export function humanAge(fromIso: string | undefined, now: Date): string {
  if (!fromIso) return '<unknown>';
  const s = Math.floor((now.getTime() - Date.parse(fromIso)) / 1000);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return `${h}h${m % 60 ? `${m % 60}m` : ''}`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return `${d}d${h % 24 ? `${h % 24}h` : ''}`;
  if (h < 24 * 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  if (h < 24 * 365 * 8) return `${y}y${d % 365 ? `${d % 365}d` : ''}`;
  return `${y}y`;
}

function cell(col: PrinterColumn, obj: K8sObject, now: Date): unknown {
  const v = jsonPathValue(obj, col.jsonPath);
  if (v === undefined || v === null) return col.type === 'string' ? '' : null;
  if (col.type === 'date') return humanAge(String(v), now);
  return typeof v === 'object' ? JSON.stringify(v) : v;
}

interface Column {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
}

/** A built-in kind's server-side printer (pkg/printers/internalversion/printers.go): columns and one row's cells. */
interface Printer {
  columns: Column[];
  cells(o: K8sObject, now: Date): unknown[];
}

const NAME: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
};
const AGE: Column = { name: 'Age', type: 'string', description: 'CreationTimestamp' };
const age = (o: K8sObject, now: Date) => humanAge(o.metadata.creationTimestamp, now);

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, each once. */
export function accessModesString(modes: unknown): string {
  const list = Array.isArray(modes) ? modes : [];
  const abbrev: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return abbrev
    .filter(([mode]) => list.includes(mode))
    .map(([, short]) => short)
    .join(',');
}

const isDefaultClass = (o: K8sObject) =>
  o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ||
  o.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true';

/** printEvent: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (and, wide, the rest). */
function eventCells(o: K8sObject, now: Date): unknown[] {
  const e = o as K8sObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const first = e.firstTimestamp ? humanAge(e.firstTimestamp, now) : humanAge(e.eventTime, now);
  let last = e.lastTimestamp ? humanAge(e.lastTimestamp, now) : first;
  let count = e.count ?? 0;
  if (e.series) {
    last = humanAge(e.series.lastObservedTime, now);
    count = e.series.count;
  } else if (!count) count = 1;
  const io = e.involvedObject ?? {};
  const kind = String(io.kind ?? '').toLowerCase();
  const target = io.name ? `${kind}/${io.name}` : kind;
  const src = e.source ?? {};
  const component = src.component || e.reportingComponent || e.reportingController || '';
  const host = src.host || e.reportingInstance || '';
  const source = host ? `${component}, ${host}` : component;
  return [
    last,
    e.type ?? '',
    e.reason ?? '',
    target,
    io.fieldPath ?? '',
    source,
    String(e.message ?? '').trim(),
    first,
    count,
    o.metadata.name,
  ];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- built-in specs are untyped JSON */
const CONTAINERS: Column = {
  name: 'Containers',
  type: 'string',
  priority: 1,
  description: 'Names of each container in the template.',
};
const IMAGES: Column = {
  name: 'Images',
  type: 'string',
  priority: 1,
  description: 'Images referenced by each container in the template.',
};

/** layoutContainerCells: container names and images, comma-separated. */
function containerCells(containers: unknown): [string, string] {
  const list: any[] = Array.isArray(containers) ? containers : [];
  return [list.map((c) => c?.name ?? '').join(','), list.map((c) => c?.image ?? '').join(',')];
}

/** labels.FormatLabels: `k=v` pairs sorted by key, `<none>` when empty. */
function formatLabels(labels: unknown): string {
  const entries = Object.entries(labels && typeof labels === 'object' ? labels : {}).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return entries.length ? entries.map(([k, v]) => `${k}=${String(v)}`).join(',') : '<none>';
}

/** makePortString: `port/protocol`, `port:nodePort/protocol` with a node port. */
function servicePorts(ports: unknown): string {
  const list: any[] = Array.isArray(ports) ? ports : [];
  const text = list
    .map((p) => (p?.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p?.port}/${p?.protocol}`))
    .join(',');
  return text || '<none>';
}

/** getServiceExternalIP. */
function serviceExternalIP(spec: any, status: any): string {
  const external: string[] = Array.isArray(spec?.externalIPs) ? spec.externalIPs : [];
  switch (spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress: any[] = Array.isArray(status?.loadBalancer?.ingress) ? status.loadBalancer.ingress : [];
      const lb = ingress.map((i) => i?.ip || i?.hostname).filter(Boolean);
      const all = [...lb, ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** IntOrString.String(). */
const intOrString = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` label's value, sorted, once each. */
function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

/** printNode's STATUS: Ready / NotReady (Unknown without a Ready condition), then SchedulingDisabled when cordoned. */
function nodeStatus(o: K8sObject): string {
  const ready = (o.status?.conditions as { type: string; status: string }[] | undefined)?.find(
    (c) => c.type === 'Ready',
  );
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (o.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** getNodeInternalIP / getNodeExternalIP: the first address of that type, else `<none>`. */
function nodeAddress(o: K8sObject, type: string): string {
  const list: any[] = Array.isArray(o.status?.addresses) ? o.status.addresses : [];
  return list.find((a) => a?.type === type)?.address ?? '<none>';
}

const PRINTERS: Record<string, Printer> = {
  Deployment: {
    columns: [
      NAME,
      { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' },
      {
        name: 'Up-to-date',
        type: 'string',
        description:
          'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      },
      {
        name: 'Available',
        type: 'string',
        description:
          'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      },
      AGE,
      CONTAINERS,
      IMAGES,
      {
        name: 'Selector',
        type: 'string',
        priority: 1,
        description:
          "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
      },
    ],
    cells: (o, now) => {
      const [names, images] = containerCells(o.spec?.template?.spec?.containers);
      return [
        o.metadata.name,
        `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
        o.status?.updatedReplicas ?? 0,
        o.status?.availableReplicas ?? 0,
        age(o, now),
        names,
        images,
        labelSelectorString(o.spec?.selector),
      ];
    },
  },
  Service: {
    columns: [
      NAME,
      { name: 'Type', type: 'string', description: 'type determines how the Service is exposed.' },
      {
        name: 'Cluster-IP',
        type: 'string',
        description: 'clusterIP is the IP address of the service and is usually assigned randomly.',
      },
      {
        name: 'External-IP',
        type: 'string',
        description:
          'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
      },
      { name: 'Port(s)', type: 'string', description: 'The list of ports that are exposed by this service.' },
      AGE,
      {
        name: 'Selector',
        type: 'string',
        priority: 1,
        description: 'Route service traffic to pods with label keys and values matching this selector.',
      },
    ],
    cells: (o, now) => [
      o.metadata.name,
      o.spec?.type ?? '',
      o.spec?.clusterIPs?.[0] ?? '<none>',
      serviceExternalIP(o.spec, o.status),
      servicePorts(o.spec?.ports),
      age(o, now),
      formatLabels(o.spec?.selector),
    ],
  },
  NetworkPolicy: {
    columns: [
      NAME,
      {
        name: 'Pod-Selector',
        type: 'string',
        description: 'podSelector selects the pods to which this NetworkPolicy object applies.',
      },
      AGE,
    ],
    // metav1.FormatLabelSelector: `<none>` for a selector that selects everything.
    cells: (o, now) => [o.metadata.name, labelSelectorString(o.spec?.podSelector) || '<none>', age(o, now)],
  },
  PodDisruptionBudget: {
    columns: [
      NAME,
      {
        name: 'Min Available',
        type: 'string',
        description: 'The minimum number of pods that must be available.',
      },
      {
        name: 'Max Unavailable',
        type: 'string',
        description: 'The maximum number of pods that may be unavailable.',
      },
      {
        name: 'Allowed Disruptions',
        type: 'integer',
        description: 'Calculated number of pods that may be disrupted at this time.',
      },
      AGE,
    ],
    cells: (o, now) => [
      o.metadata.name,
      intOrString(o.spec?.minAvailable),
      intOrString(o.spec?.maxUnavailable),
      o.status?.disruptionsAllowed ?? 0,
      age(o, now),
    ],
  },
  Node: {
    // printers.go nodeColumnDefinitions and printNode (Kubernetes 1.35).
    columns: [
      NAME,
      { name: 'Status', type: 'string', description: 'The status of the node' },
      { name: 'Roles', type: 'string', description: 'The roles of the node' },
      AGE,
      { name: 'Version', type: 'string', description: 'Kubelet Version reported by the node.' },
      {
        name: 'Internal-IP',
        type: 'string',
        priority: 1,
        description: 'List of addresses reachable to the node. Queried from cloud provider, if available.',
      },
      {
        name: 'External-IP',
        type: 'string',
        priority: 1,
        description: 'List of addresses reachable to the node. Queried from cloud provider, if available.',
      },
      {
        name: 'OS-Image',
        type: 'string',
        priority: 1,
        description: 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      },
      {
        name: 'Kernel-Version',
        type: 'string',
        priority: 1,
        description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      },
      {
        name: 'Container-Runtime',
        type: 'string',
        priority: 1,
        description:
          'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      },
    ],
    cells: (o, now) => {
      const info = o.status?.nodeInfo ?? {};
      return [
        o.metadata.name,
        nodeStatus(o),
        nodeRoles(o.metadata.labels),
        age(o, now),
        info.kubeletVersion ?? '',
        nodeAddress(o, 'InternalIP'),
        nodeAddress(o, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
  /* eslint-enable @typescript-eslint/no-explicit-any */
  Namespace: {
    columns: [NAME, { name: 'Status', type: 'string', description: 'The status of the namespace' }, AGE],
    cells: (o, now) => [o.metadata.name, o.status?.phase ?? '', age(o, now)],
  },
  // printPod (pkg/printers/internalversion/printers.go): READY n/m, STATUS from the phase or the last
  // container's waiting/terminated reason, RESTARTS summed; `-o wide` adds IP and NODE.
  Pod: {
    columns: [
      NAME,
      {
        name: 'Ready',
        type: 'string',
        description: 'The aggregate readiness state of this pod for accepting traffic.',
      },
      { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.' },
      {
        name: 'Restarts',
        type: 'string',
        description:
          'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
      },
      AGE,
      { name: 'IP', type: 'string', priority: 1, description: 'The IP address assigned to this pod.' },
      { name: 'Node', type: 'string', priority: 1, description: 'The node the pod is scheduled on.' },
    ],
    cells: (o, now) => {
      const statuses: { ready?: boolean; restartCount?: number; state?: any }[] = // eslint-disable-line @typescript-eslint/no-explicit-any
        o.status?.containerStatuses ?? [];
      let reason: string = o.status?.reason || o.status?.phase || '';
      for (const s of [...statuses].reverse()) {
        const waiting = s.state?.waiting?.reason;
        const terminated = s.state?.terminated;
        if (waiting) reason = waiting;
        else if (terminated) reason = terminated.reason || `ExitCode:${terminated.exitCode ?? 0}`;
      }
      if (o.metadata.deletionTimestamp) reason = 'Terminating';
      return [
        o.metadata.name,
        `${statuses.filter((s) => s.ready).length}/${o.spec?.containers?.length ?? statuses.length}`,
        reason,
        String(statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0)),
        age(o, now),
        o.status?.podIP ?? '<none>',
        o.spec?.nodeName ?? '<none>',
      ];
    },
  },
  StorageClass: {
    columns: [
      NAME,
      {
        name: 'Provisioner',
        type: 'string',
        description: 'provisioner indicates the type of the provisioner.',
      },
      {
        name: 'ReclaimPolicy',
        type: 'string',
        description:
          'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.',
      },
      {
        name: 'VolumeBindingMode',
        type: 'string',
        description:
          'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.',
      },
      {
        name: 'AllowVolumeExpansion',
        type: 'string',
        description: 'allowVolumeExpansion shows whether the storage class allow volume expand.',
      },
      AGE,
    ],
    cells: (o, now) => [
      `${o.metadata.name}${isDefaultClass(o) ? ' (default)' : ''}`,
      o.provisioner ?? '',
      o.reclaimPolicy ?? 'Delete',
      o.volumeBindingMode ?? 'Immediate',
      o.allowVolumeExpansion === true,
      age(o, now),
    ],
  },
  PersistentVolumeClaim: {
    columns: [
      NAME,
      {
        name: 'Status',
        type: 'string',
        description: 'phase represents the current phase of PersistentVolumeClaim.',
      },
      {
        name: 'Volume',
        type: 'string',
        description: 'volumeName is the binding reference to the PersistentVolume backing this claim.',
      },
      {
        name: 'Capacity',
        type: 'string',
        description: 'capacity represents the actual resources of the underlying volume.',
      },
      {
        name: 'Access Modes',
        type: 'string',
        description: 'accessModes contains the actual access modes the volume backing the PVC has.',
      },
      { name: 'StorageClass', type: 'string', description: 'StorageClass of the pvc' },
      { name: 'VolumeAttributesClass', type: 'string', description: 'VolumeAttributesClass of the pvc' },
      AGE,
      {
        name: 'VolumeMode',
        type: 'string',
        priority: 1,
        description: 'volumeMode defines what type of volume is required by the claim.',
      },
    ],
    cells: (o, now) => {
      const bound = !!o.spec?.volumeName;
      return [
        o.metadata.name,
        o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
        o.spec?.volumeName ?? '',
        bound ? (o.status?.capacity?.storage ?? '') : '',
        bound ? accessModesString(o.status?.accessModes) : '',
        o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? o.spec?.storageClassName ?? '',
        o.spec?.volumeAttributesClassName ?? '<unset>',
        age(o, now),
        o.spec?.volumeMode ?? '<unset>',
      ];
    },
  },
  Event: {
    columns: [
      {
        name: 'Last Seen',
        type: 'string',
        description: 'The time at which the most recent occurrence of this event was recorded.',
      },
      {
        name: 'Type',
        type: 'string',
        description: 'Type of this event (Normal, Warning), new types could be added in the future',
      },
      {
        name: 'Reason',
        type: 'string',
        description:
          "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      },
      { name: 'Object', type: 'string', description: 'The object that this event is about.' },
      {
        name: 'Subobject',
        type: 'string',
        priority: 1,
        description:
          'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.',
      },
      {
        name: 'Source',
        type: 'string',
        priority: 1,
        description: 'The component reporting this event. Should be a short machine understandable string.',
      },
      {
        name: 'Message',
        type: 'string',
        description: 'A human-readable description of the status of this operation.',
      },
      {
        name: 'First Seen',
        type: 'string',
        priority: 1,
        description:
          'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      },
      {
        name: 'Count',
        type: 'string',
        priority: 1,
        description: 'The number of times this event has occurred.',
      },
      { ...NAME, priority: 1 },
    ],
    cells: eventCells,
  },
};

/** Columns of a custom resource: Name, its additionalPrinterColumns (Age unless it has one). */
function crdPrinter(cols: PrinterColumn[]): Printer {
  const hasAge = cols.some((c) => c.name === 'Age');
  return {
    columns: [
      NAME,
      ...cols.map((c) => ({
        name: c.name,
        type: c.type === 'date' ? 'string' : c.type,
        format: c.format ?? '',
        description: c.description ?? '',
        priority: c.priority ?? 0,
      })),
      ...(hasAge ? [] : [AGE]),
    ],
    cells: (o, now) => [
      o.metadata.name,
      ...cols.map((c) => cell(c, o, now)),
      ...(hasAge ? [] : [age(o, now)]),
    ],
  };
}

/** A meta.k8s.io/v1 Table of objects (ages printed against the wall clock). */
export function toTable(
  rt: ResourceType,
  version: string,
  objs: K8sObject[],
  now: Date,
  listMeta: object,
): object {
  const printer =
    (rt.printerColumns[version]?.length ? crdPrinter(rt.printerColumns[version]) : PRINTERS[rt.kind]) ??
    crdPrinter([]);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: printer.columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
    })),
    rows: objs.map((o) => ({
      cells: printer.cells(o, now),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
