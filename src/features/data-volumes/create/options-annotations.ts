import { IMMEDIATE_BIND_ANNOTATION, type AnnotationRow } from '../logic/dv-form';
import {
  OFFERED_ANNOTATIONS,
  PROPAGATED_ANNOTATIONS,
  type DvAnnotationInfo,
} from '../logic/propagated-annotations';

/**
 * The annotations the Options step offers to add with one click: those CDI copies to its pods, then the
 * ones it reads on the PVC, without the keys already in a row and without immediate bind (the step has its
 * own checkbox for it).
 */
export const offeredToAdd = (rows: readonly AnnotationRow[]): DvAnnotationInfo[] => {
  const used = new Set(rows.map((r) => r.key.trim()));
  return [...PROPAGATED_ANNOTATIONS, ...OFFERED_ANNOTATIONS].filter(
    (a) => a.key !== IMMEDIATE_BIND_ANNOTATION && !used.has(a.key),
  );
};
