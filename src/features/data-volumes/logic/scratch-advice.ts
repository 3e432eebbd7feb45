import {
  SCRATCH_MATRIX,
  type ScratchContentType,
  type ScratchEndpoint,
  type ScratchFormat,
} from '../../../k8s/scratch-space';
import type { DataVolumeForm } from './dv-form';

/**
 * Whether an import needs a scratch PVC and which class it gets. The documented matrix
 * (src/k8s/scratch-space.ts) answers HTTP and upload; CDI v1.65.0's code decides where it is stricter or
 * more specific: every archive import gets scratch (pkg/controller/import-controller.go:780-786, although the
 * older docs' matrix says TAR needs none), a registry import with pullMethod node needs none (:794-795), and
 * every upload pod gets a scratch PVC (upload-controller.go:250-253).
 */

export type ImageFormatGuess = 'QCOW2' | 'raw' | 'GZ' | 'XZ';

export type ScratchWhy =
  /** A cell of the matrix. `cells` are the formats still possible (one when the URL names the format). */
  | {
      code: 'matrix';
      endpoint: ScratchEndpoint;
      contentTypes: ScratchContentType[];
      cells: ScratchFormat[];
      /** The format read from the URL's file name, if any. */
      format?: ImageFormatGuess;
    }
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

/** The image format and content column a URL's file name suggests ("disk.qcow2.xz" → QCOW2 column, XZ). */
export const guessImageFormat = (
  url: string,
): { contentType?: ScratchContentType; format?: ImageFormatGuess } => {
  const path = url.split(/[?#]/)[0].toLowerCase();
  const file = path.slice(path.lastIndexOf('/') + 1);
  const compressed = file.endsWith('.gz') ? 'GZ' : file.endsWith('.xz') ? 'XZ' : undefined;
  const inner = compressed ? file.slice(0, -3) : file;
  const contentType: ScratchContentType | undefined = /\.qcow2c?$/.test(inner)
    ? 'kubevirt-qcow2'
    : /\.(img|raw|iso)$/.test(inner)
      ? 'kubevirt-raw'
      : undefined;
  const format = compressed ?? (contentType === 'kubevirt-qcow2' ? 'QCOW2' : contentType ? 'raw' : undefined);
  return { contentType, format };
};

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

const cellNeeds = (cell: ScratchFormat, customCa: boolean): boolean =>
  cell.scratch === 'always' || (cell.scratch === 'custom-ca' && customCa);

const fromMatrix = (
  endpoint: ScratchEndpoint,
  contentTypes: ScratchContentType[],
  format: ImageFormatGuess | undefined,
  customCa: boolean,
): { needed: boolean | 'depends'; why: ScratchWhy } => {
  const cells = contentTypes
    .flatMap((c) => SCRATCH_MATRIX[endpoint][c])
    .filter((cell) => cell.supported && (format === undefined || cell.format === format));
  const answers = new Set(cells.map((cell) => cellNeeds(cell, customCa)));
  const needed = answers.size === 1 ? [...answers][0] : 'depends';
  return { needed, why: { code: 'matrix', endpoint, contentTypes, cells, ...(format ? { format } : {}) } };
};

const needs = (form: DataVolumeForm): { needed: boolean | 'depends'; why: ScratchWhy } => {
  switch (form.sourceKind) {
    case 'blank':
    case 'pvc':
    case 'snapshot':
    case 'dataSource':
      return { needed: false, why: { code: 'no-transfer' } };
    case 'upload':
      return fromMatrix('upload', ['kubevirt-qcow2', 'kubevirt-raw'], undefined, false);
    case 'registry':
      if (form.contentType === 'archive') return { needed: true, why: { code: 'archive' } };
      if (form.registry.pullMethod === 'node') return { needed: false, why: { code: 'node-pull' } };
      return fromMatrix('registry', ['kubevirt-qcow2', 'kubevirt-raw'], undefined, false);
    case 'http': {
      if (form.contentType === 'archive') return { needed: true, why: { code: 'archive' } };
      const url = form.http.url.trim();
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
      if (scheme === 'gs') return { needed: 'depends', why: { code: 'not-in-matrix' } };
      const endpoint: ScratchEndpoint =
        scheme === 'https' ? 'https' : form.http.secretRef.trim() !== '' ? 'http-basic-auth' : 'http';
      const guess = guessImageFormat(url);
      const contentTypes: ScratchContentType[] = guess.contentType
        ? [guess.contentType]
        : ['kubevirt-qcow2', 'kubevirt-raw'];
      return fromMatrix(endpoint, contentTypes, guess.format, form.http.certConfigMap.trim() !== '');
    }
  }
};

/** Whether this DataVolume's import needs scratch space, why, and which class the scratch PVC will use. */
export const scratchAdvice = (form: DataVolumeForm, ctx: ScratchAdviceContext): ScratchAdvice => ({
  ...needs(form),
  ...scratchClassFor(ctx),
});
