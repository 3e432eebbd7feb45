import type { K8sObject } from './sim-api';
import type { PrinterColumn, ResourceType } from './registry';

/** Accept header asking for server-side printing (kubectl get). */
export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

const BUILTIN_COLUMNS: Record<string, PrinterColumn[]> = {
  Namespace: [{ name: 'Status', type: 'string', jsonPath: '.status.phase' }],
  PersistentVolumeClaim: [
    { name: 'Status', type: 'string', jsonPath: '.status.phase' },
    { name: 'Volume', type: 'string', jsonPath: '.spec.volumeName' },
    { name: 'Capacity', type: 'string', jsonPath: '.status.capacity.storage' },
    { name: 'StorageClass', type: 'string', jsonPath: '.spec.storageClassName' },
  ],
  StorageClass: [
    { name: 'Provisioner', type: 'string', jsonPath: '.provisioner' },
    { name: 'ReclaimPolicy', type: 'string', jsonPath: '.reclaimPolicy' },
    { name: 'VolumeBindingMode', type: 'string', jsonPath: '.volumeBindingMode' },
  ],
  Pod: [{ name: 'Status', type: 'string', jsonPath: '.status.phase' }],
};

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

/** Like kubectl's duration printer: 45s, 12m, 3h4m, 5d, 2y. */
export function humanAge(fromIso: string | undefined, now: Date): string {
  if (!fromIso) return '<unknown>';
  const s = Math.floor((now.getTime() - Date.parse(fromIso)) / 1000);
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return `${h}h${m % 60 ? `${m % 60}m` : ''}`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  return d < 365 * 2 ? `${d}d` : `${Math.floor(d / 365)}y`;
}

function cell(col: PrinterColumn, obj: K8sObject, now: Date): unknown {
  const v = jsonPathValue(obj, col.jsonPath);
  if (v === undefined || v === null) return col.type === 'string' ? '' : null;
  if (col.type === 'date') return humanAge(String(v), now);
  return typeof v === 'object' ? JSON.stringify(v) : v;
}

/** A meta.k8s.io/v1 Table of objects (Age printed against simulated time). */
export function toTable(
  rt: ResourceType,
  version: string,
  objs: K8sObject[],
  now: Date,
  listMeta: object,
): object {
  const cols =
    (rt.printerColumns[version]?.length ? rt.printerColumns[version] : BUILTIN_COLUMNS[rt.kind]) ?? [];
  const visible = cols.filter((c) => !c.priority);
  const hasAge = visible.some((c) => c.name === 'Age');
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: [
      {
        name: 'Name',
        type: 'string',
        format: 'name',
        description: 'Name must be unique within a namespace.',
        priority: 0,
      },
      ...visible.map((c) => ({
        name: c.name,
        type: c.type === 'date' ? 'string' : c.type,
        format: '',
        description: c.description ?? '',
        priority: 0,
      })),
      ...(hasAge
        ? []
        : [{ name: 'Age', type: 'string', format: '', description: 'CreationTimestamp', priority: 0 }]),
    ],
    rows: objs.map((o) => ({
      cells: [
        o.metadata.name,
        ...visible.map((c) => cell(c, o, now)),
        ...(hasAge ? [] : [humanAge(o.metadata.creationTimestamp, now)]),
      ],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
