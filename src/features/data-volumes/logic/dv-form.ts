import type { AccessMode, DataVolume, DataVolumeSource, VolumeMode } from '../../../k8s/types';

/**
 * The create wizard's state and the DataVolume it writes (api-facts 5; CDI v1.65.0
 * staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/types.go:46-120).
 */

export type DvSourceKind = 'http' | 'registry' | 'upload' | 'blank' | 'pvc' | 'snapshot' | 'dataSource';
export const DV_SOURCE_KINDS: readonly DvSourceKind[] = [
  'http',
  'registry',
  'upload',
  'blank',
  'pvc',
  'snapshot',
  'dataSource',
];

/** Kinds whose data comes from another volume; the webhook lets them omit size with `spec.storage`. */
export const isCloneKind = (kind: DvSourceKind): boolean =>
  kind === 'pvc' || kind === 'snapshot' || kind === 'dataSource';

/** CDI's annotation that forces immediate binding on WaitForFirstConsumer classes (pkg/controller/common/util.go:273). */
export const IMMEDIATE_BIND_ANNOTATION = 'cdi.kubevirt.io/storage.bind.immediate.requested';

export interface NamespacedRef {
  /** '' means the DataVolume's own namespace. */
  namespace: string;
  name: string;
}

export interface AnnotationRow {
  key: string;
  value: string;
}

export interface DataVolumeForm {
  name: string;
  namespace: string;
  sourceKind: DvSourceKind;
  /** Each kind keeps its own fields, so switching kinds back and forth loses nothing. */
  http: { url: string; secretRef: string; certConfigMap: string };
  registry: { url: string; pullMethod: 'pod' | 'node'; secretRef: string; certConfigMap: string };
  pvc: NamespacedRef;
  snapshot: NamespacedRef;
  dataSource: NamespacedRef;
  contentType: 'kubevirt' | 'archive';
  /** A quantity ("30Gi"); '' only for clones through the storage profile (CDI takes the source's size). */
  size: string;
  /** 'profile' writes `spec.storage` (CDI fills access and volume mode), 'explicit' writes `spec.pvc`. */
  storageMode: 'profile' | 'explicit';
  /** '' = CDI's default (profile mode: the virt default class, then the k8s default). */
  storageClassName: string;
  /** Explicit mode only. */
  accessModes: AccessMode[];
  /** Explicit mode only; '' = not chosen yet. */
  volumeMode: VolumeMode | '';
  /** undefined = CDI's global setting (CDIConfig.status.preallocation). */
  preallocation: boolean | undefined;
  annotations: AnnotationRow[];
  immediateBind: boolean;
}

export const emptyDataVolumeForm = (namespace: string): DataVolumeForm => ({
  name: '',
  namespace,
  sourceKind: 'http',
  http: { url: '', secretRef: '', certConfigMap: '' },
  registry: { url: '', pullMethod: 'pod', secretRef: '', certConfigMap: '' },
  pvc: { namespace: '', name: '' },
  snapshot: { namespace: '', name: '' },
  dataSource: { namespace: '', name: '' },
  contentType: 'kubevirt',
  size: '',
  storageMode: 'profile',
  storageClassName: '',
  accessModes: [],
  volumeMode: '',
  preallocation: undefined,
  annotations: [],
  immediateBind: false,
});

/** The clone source of a clone kind, with '' namespace resolved to the DataVolume's own. */
export const cloneSource = (form: DataVolumeForm): { namespace: string; name: string } | undefined => {
  if (!isCloneKind(form.sourceKind)) return undefined;
  const ref = form[form.sourceKind as 'pvc' | 'snapshot' | 'dataSource'];
  return { namespace: ref.namespace.trim() || form.namespace, name: ref.name.trim() };
};

const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  value.trim() === '' ? {} : ({ [key]: value.trim() } as Record<K, string>);

const buildSource = (form: DataVolumeForm): DataVolumeSource | undefined => {
  switch (form.sourceKind) {
    case 'http':
      return {
        http: {
          url: form.http.url.trim(),
          ...optional('secretRef', form.http.secretRef),
          ...optional('certConfigMap', form.http.certConfigMap),
        },
      };
    case 'registry':
      return {
        registry: {
          url: form.registry.url.trim(),
          pullMethod: form.registry.pullMethod,
          ...optional('secretRef', form.registry.secretRef),
          ...optional('certConfigMap', form.registry.certConfigMap),
        },
      };
    case 'upload':
      return { upload: {} };
    case 'blank':
      return { blank: {} };
    case 'pvc':
    case 'snapshot': {
      // The webhook requires both (datavolume-validate.go:212-232), so '' namespace becomes the DV's own.
      const { namespace, name } = cloneSource(form)!;
      return { [form.sourceKind]: { namespace, name } };
    }
    default:
      return undefined;
  }
};

/** The annotations the form writes: the user's rows (empty rows dropped) and the immediate-bind toggle. */
export const formAnnotations = (form: DataVolumeForm): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const { key, value } of form.annotations) {
    if (key.trim() === '' && value === '') continue;
    out[key.trim()] = value;
  }
  if (form.immediateBind) out[IMMEDIATE_BIND_ANNOTATION] = 'true';
  return out;
};

/** The DataVolume the wizard creates, in exactly the upstream shape. */
export const buildDataVolume = (form: DataVolumeForm): DataVolume => {
  const annotations = formAnnotations(form);
  const size = form.size.trim();
  const resources = size === '' ? {} : { resources: { requests: { storage: size } } };
  const className = optional('storageClassName', form.storageClassName);
  const spec: DataVolume['spec'] = {};
  if (form.sourceKind === 'dataSource') {
    const ref = form.dataSource;
    spec.sourceRef = {
      kind: 'DataSource',
      name: ref.name.trim(),
      ...(ref.namespace.trim() === '' ? {} : { namespace: ref.namespace.trim() }),
    };
  } else {
    spec.source = buildSource(form);
  }
  if (form.storageMode === 'profile') {
    spec.storage = { ...className, ...resources };
  } else {
    spec.pvc = {
      ...className,
      accessModes: [...form.accessModes],
      ...(form.volumeMode === '' ? {} : { volumeMode: form.volumeMode }),
      ...resources,
    };
  }
  // "kubevirt" is CDI's default for an empty contentType (types.go:62-64); write only "archive".
  if (form.contentType === 'archive') spec.contentType = 'archive';
  // Written whenever chosen, false too (it overrides a global true); omitted means CDI's global setting.
  if (form.preallocation !== undefined) spec.preallocation = form.preallocation;
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: {
      name: form.name.trim(),
      namespace: form.namespace,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec,
  };
};
