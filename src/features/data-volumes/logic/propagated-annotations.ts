import { translatable } from '../../../k8s/translatable';
import { IMMEDIATE_BIND_ANNOTATION } from './dv-form';

/**
 * Annotations a DataVolume can carry for CDI's worker pods. CDI v1.65.0 copies every DataVolume annotation
 * to its PVC (pkg/controller/datavolume/controller-base.go:1149-1152), and from the PVC copies only the
 * `allowedAnnotations` (pkg/controller/common/util.go:399-408) to the pods it runs: importer
 * (import-controller.go:1019), uploader (upload-controller.go:809) and the host-assisted cloner
 * (clone-controller.go:741, clone/prep-claim.go:207). An annotation that is absent gets the listed default;
 * an empty value is not copied (`CopyAllowedAnnotations`, util.go:2101-2114). Names: util.go:96-99, 259-273.
 *
 * `explanation` is short English text, marked `translatable`; the UI passes it through t().
 */
export interface DvAnnotationInfo {
  key: string;
  /** What the pod gets when the DataVolume does not set it; undefined = nothing. */
  podDefault?: string;
  /** An example value for the placeholder. */
  example: string;
  explanation: string;
}

export const PROPAGATED_ANNOTATIONS: readonly DvAnnotationInfo[] = [
  {
    key: 'k8s.v1.cni.cncf.io/networks',
    example: 'storage-network',
    explanation: translatable(
      'Attaches the importer, uploader or cloner pod to additional Multus networks (for example a dedicated storage or import network).',
    ),
  },
  {
    key: 'v1.multus-cni.io/default-network',
    example: 'openshift-cnv/import-net',
    explanation: translatable(
      "Replaces the pod's default network with this NetworkAttachmentDefinition for the importer, uploader or cloner pod.",
    ),
  },
  {
    key: 'sidecar.istio.io/inject',
    podDefault: 'false',
    example: 'true',
    explanation: translatable(
      'Istio sidecar injection for the CDI pods. CDI sets "false" unless the DataVolume says otherwise, so a mesh does not block the transfer.',
    ),
  },
  {
    key: 'linkerd.io/inject',
    podDefault: 'disabled',
    example: 'enabled',
    explanation: translatable(
      'Linkerd proxy injection for the CDI pods. CDI sets "disabled" unless the DataVolume says otherwise.',
    ),
  },
  {
    key: 'cdi.kubevirt.io/storage.pod.priorityclassname',
    example: 'high-priority',
    explanation: translatable(
      'PriorityClass of the importer, uploader or cloner pod (spec.priorityClassName sets the same annotation).',
    ),
  },
  {
    key: 'cdi.kubevirt.io/storage.pod.serviceAccountName',
    example: 'importer-sa',
    explanation: translatable(
      'Service account the importer or uploader pod runs as, instead of the namespace default.',
    ),
  },
];

/** Not copied to pods, but read by CDI on the DataVolume's PVC; offered in the wizard with explanations. */
export const OFFERED_ANNOTATIONS: readonly DvAnnotationInfo[] = [
  {
    key: IMMEDIATE_BIND_ANNOTATION,
    example: 'true',
    explanation: translatable(
      'Binds the PVC and runs the transfer right away on a WaitForFirstConsumer class, instead of waiting for the first virtual machine to be scheduled.',
    ),
  },
  {
    // pkg/controller/common/util.go:103-104, read by ShouldDeletePod (util.go:880-883).
    key: 'cdi.kubevirt.io/storage.pod.retainAfterCompletion',
    example: 'true',
    explanation: translatable(
      'Debugging: keeps the importer, uploader or cloner pod (and its logs) after it completes, instead of deleting it.',
    ),
  },
];

const BY_KEY = new Map([...PROPAGATED_ANNOTATIONS, ...OFFERED_ANNOTATIONS].map((a) => [a.key, a]));

/** The explanation for a known annotation key, or undefined. */
export const annotationInfo = (key: string): DvAnnotationInfo | undefined => BY_KEY.get(key.trim());

/** True when CDI copies this key to its pods. */
export const isPropagated = (key: string): boolean =>
  PROPAGATED_ANNOTATIONS.some((a) => a.key === key.trim());

/**
 * The propagated annotations CDI's pods will carry for these DataVolume annotations, as
 * `CopyAllowedAnnotations` computes them: the DataVolume's value, else the default; empty values dropped.
 */
export const podAnnotations = (
  dvAnnotations: Readonly<Record<string, string>> | undefined,
): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const { key, podDefault } of PROPAGATED_ANNOTATIONS) {
    const has = dvAnnotations !== undefined && Object.prototype.hasOwnProperty.call(dvAnnotations, key);
    const value = has ? dvAnnotations[key] : (podDefault ?? '');
    if (value !== '') out[key] = value;
  }
  return out;
};
