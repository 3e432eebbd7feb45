import { SCRATCH_MATRIX, type ScratchEndpoint, type ScratchFormat } from '../../../k8s/scratch-space';
import type { DataVolumeForm } from './dv-form';

/**
 * Whether an import needs a scratch PVC and which class it gets, as CDI v1.65.0's code decides (the matrix in
 * src/k8s/scratch-space.ts follows it and keeps the documented answers): every archive import gets scratch
 * (pkg/controller/import-controller.go:780-786), a registry import gets it unless pullMethod is node
 * (:794-795), every upload pod gets a scratch PVC (upload-controller.go:250-253), and HTTP(S) KubeVirt content
 * is streamed through nbdkit without scratch unless the server lacks range requests (http-datasource.go).
 */

export type ScratchWhy =
  /** Cells of the matrix (registry or upload, KubeVirt content): the supported formats. */
  | { code: 'matrix'; endpoint: ScratchEndpoint; cells: ScratchFormat[] }
  /**
   * HTTP(S) KubeVirt content: the importer streams it (any format, compressed or not) straight into the volume;
   * scratch space only when the server does not support range requests.
   */
  | { code: 'http-streamed' }
  /** contentType archive: CDI always gives the import scratch space. */
  | { code: 'archive' }
  /** Registry with pullMethod node: the node's container runtime pulls the image, no scratch. */
  | { code: 'node-pull' }
  /** Blank, or a clone: no image is downloaded or converted. */
  | { code: 'no-transfer' }
  /** An HTTP source with a gs:// URL: not in the matrix. */
  | { code: 'not-in-matrix' };

export type ScratchClassFrom =
  /** CDIConfig.status.scratchSpaceStorageClass. */
  | 'scratch-setting'
  /** The class of the PVC being populated (the setting is ""). */
  | 'target-class'
  /** Neither: the scratch PVC names no class, so the cluster's default applies (pkg/controller/util.go:165-167). */
  | 'none'
  /** CDIConfig is not known yet. */
  | 'unknown';

export interface ScratchAdvice {
  needed: boolean | 'depends';
  why: ScratchWhy;
  /** The class the scratch PVC will request; undefined when none or unknown. */
  scratchClass: string | undefined;
  classFrom: ScratchClassFrom;
}

export interface ScratchAdviceContext {
  /** CDIConfig.status.scratchSpaceStorageClass ('' = none); undefined while unknown. */
  scratchSpaceStorageClass: string | undefined;
  /** The class the DataVolume's PVC will get (resolved by the caller); '' or undefined = none. */
  targetClass: string | undefined;
}

/** The scratch PVC's class as `GetScratchPvcStorageClass` picks it (pkg/controller/util.go:232-250). */
export const scratchClassFor = (
  ctx: ScratchAdviceContext,
): { scratchClass: string | undefined; classFrom: ScratchClassFrom } => {
  if (ctx.scratchSpaceStorageClass === undefined) return { scratchClass: undefined, classFrom: 'unknown' };
  if (ctx.scratchSpaceStorageClass !== '')
    return { scratchClass: ctx.scratchSpaceStorageClass, classFrom: 'scratch-setting' };
  if (ctx.targetClass) return { scratchClass: ctx.targetClass, classFrom: 'target-class' };
  return { scratchClass: undefined, classFrom: 'none' };
};

const fromMatrix = (endpoint: 'registry' | 'upload'): { needed: boolean | 'depends'; why: ScratchWhy } => {
  const cells = (['kubevirt-qcow2', 'kubevirt-raw'] as const)
    .flatMap((c) => SCRATCH_MATRIX[endpoint][c])
    .filter((cell) => cell.supported);
  const answers = new Set(cells.map((cell) => cell.scratch === 'always'));
  const needed = answers.size === 1 ? [...answers][0] : 'depends';
  return { needed, why: { code: 'matrix', endpoint, cells } };
};

const needs = (form: DataVolumeForm): { needed: boolean | 'depends'; why: ScratchWhy } => {
  switch (form.sourceKind) {
    case 'blank':
    case 'pvc':
    case 'snapshot':
    case 'dataSource':
      return { needed: false, why: { code: 'no-transfer' } };
    case 'upload':
      return fromMatrix('upload');
    case 'registry':
      if (form.contentType === 'archive') return { needed: true, why: { code: 'archive' } };
      if (form.registry.pullMethod === 'node') return { needed: false, why: { code: 'node-pull' } };
      return fromMatrix('registry');
    case 'http': {
      if (form.contentType === 'archive') return { needed: true, why: { code: 'archive' } };
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(form.http.url.trim())?.[1].toLowerCase();
      if (scheme === 'gs') return { needed: 'depends', why: { code: 'not-in-matrix' } };
      return { needed: false, why: { code: 'http-streamed' } };
    }
  }
};

/** Whether this DataVolume's import needs scratch space, why, and which class the scratch PVC will use. */
export const scratchAdvice = (form: DataVolumeForm, ctx: ScratchAdviceContext): ScratchAdvice => ({
  ...needs(form),
  ...scratchClassFor(ctx),
});
