import type { Patch } from '@openshift-console/dynamic-plugin-sdk';
import { deepClone } from 'fast-json-patch';
import { buildGuardedPatch, getAtPath, type FieldChange, type FieldPath } from './json-patch';
import type { StorageClass } from './types';

/**
 * Default StorageClasses: which class a claim or a boot source without a class gets, and the guarded steps
 * that move a default from one class to another.
 *
 * Facts this follows (upstream, Apache-2.0):
 * - Kubernetes treats a class as default only when `storageclass.kubernetes.io/is-default-class` or the
 *   beta `storageclass.beta.kubernetes.io/is-default-class` is exactly `"true"` (case-sensitive; any other
 *   value or no annotation means "not default"). With several defaults it picks the newest
 *   `creationTimestamp`, then the smallest name (kubernetes/kubernetes pkg/volume/util/storageclass.go,
 *   `IsDefaultAnnotation`, `GetDefaultClass`).
 * - CDI v1.65.0 reads only the GA annotation and `storageclass.kubevirt.io/is-default-virt-class`, also only
 *   the exact value `"true"`, and breaks ties the same way (pkg/controller/common/util.go:592-617,
 *   `GetPlatformDefaultStorageClass`). A DataImportCron without a class uses the virt default, else the
 *   Kubernetes default (util.go:576-589, `getFallbackStorageClass`); the virt default is skipped only for
 *   `contentType: archive` (util.go:1466-1476).
 */

export type DefaultKind = 'k8s' | 'virt';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
/** Still honoured by Kubernetes' DefaultStorageClass admission, ignored by CDI. */
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
export const DEFAULT_VIRT_CLASS_ANNOTATION = 'storageclass.kubevirt.io/is-default-virt-class';

/** The annotation a switch writes for each kind. */
export const defaultAnnotation = (kind: DefaultKind): string =>
  kind === 'virt' ? DEFAULT_VIRT_CLASS_ANNOTATION : DEFAULT_CLASS_ANNOTATION;

/** The annotations that make a class a default of this kind, as Kubernetes (k8s) or CDI (virt) read them. */
const annotationsOf = (kind: DefaultKind): string[] =>
  kind === 'virt'
    ? [DEFAULT_VIRT_CLASS_ANNOTATION]
    : [DEFAULT_CLASS_ANNOTATION, BETA_DEFAULT_CLASS_ANNOTATION];

const annotationPath = (key: string): FieldPath => ['metadata', 'annotations', key];

const hasTrue = (sc: StorageClass, keys: readonly string[]): boolean =>
  keys.some((k) => sc.metadata?.annotations?.[k] === 'true');

/** Whether `sc` is a default of this kind (only the exact value "true" counts, as upstream). */
export const isDefaultClass = (sc: StorageClass, kind: DefaultKind): boolean =>
  hasTrue(sc, annotationsOf(kind));

const created = (sc: StorageClass): number => {
  const t = Date.parse(sc.metadata?.creationTimestamp ?? '');
  return Number.isNaN(t) ? 0 : t;
};

/** Newest first, then by name: the order in which Kubernetes and CDI pick among several defaults. */
const byPickOrder = (a: StorageClass, b: StorageClass): number => {
  const d = created(b) - created(a);
  if (d !== 0) return d;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
};

const defaultsBy = (classes: readonly StorageClass[], keys: readonly string[]): StorageClass[] =>
  classes.filter((sc) => hasTrue(sc, keys)).sort(byPickOrder);

/** Every default class of this kind, in the order upstream picks them (the first one is used). */
export const defaultClasses = (classes: readonly StorageClass[], kind: DefaultKind): StorageClass[] =>
  defaultsBy(classes, annotationsOf(kind));

/**
 * Classes whose default annotation has a value other than "true" or "false" (e.g. "True", "yes"): upstream
 * ignores it, which an admin may not expect.
 */
export const ignoredDefaultValues = (
  classes: readonly StorageClass[],
  kind: DefaultKind,
): { className: string; annotation: string; value: string }[] =>
  classes.flatMap((sc) =>
    annotationsOf(kind).flatMap((annotation) => {
      const value = sc.metadata?.annotations?.[annotation];
      return value !== undefined && value !== 'true' && value !== 'false'
        ? [{ className: sc.metadata?.name ?? '', annotation, value }]
        : [];
    }),
  );

// ---------------------------------------------------------------------------------------------------------
// Effective boot-source class

export type EffectiveClass =
  /** The cron names a class (`template.spec.storage.storageClassName` or `.pvc.storageClassName`). */
  | { source: 'explicit'; className: string; exists: boolean }
  /** The virt default; `others` are further virt defaults CDI does not use (newest wins). */
  | { source: 'virt-default'; className: string; others: string[] }
  /** The Kubernetes default (no virt default, or an archive import); `others` as above. */
  | { source: 'k8s-default'; className: string; others: string[]; virtSkipped?: boolean }
  /** No class at all: CDI cannot import (alert CDINoDefaultStorageClass once a DataVolume waits). */
  | { source: 'none' };

export interface EffectiveClassOptions {
  /** The class the cron's template names, if any. */
  explicitName?: string;
  /** The template's `spec.contentType`; CDI skips the virt default only for `archive`. */
  contentType?: string;
}

/**
 * The class CDI v1.65.0 puts a boot source on: the template's own class, else the virt default, else the
 * Kubernetes default (GA annotation only: CDI ignores the beta one), each picked newest-first among several.
 */
export const effectiveBootSourceClass = (
  classes: readonly StorageClass[],
  { explicitName, contentType }: EffectiveClassOptions = {},
): EffectiveClass => {
  if (explicitName) {
    return {
      source: 'explicit',
      className: explicitName,
      exists: classes.some((sc) => sc.metadata?.name === explicitName),
    };
  }
  const names = (list: StorageClass[]) => list.map((sc) => sc.metadata?.name ?? '');
  const virtSkipped = contentType === 'archive';
  if (!virtSkipped) {
    const virt = names(defaultsBy(classes, [DEFAULT_VIRT_CLASS_ANNOTATION]));
    if (virt.length > 0) return { source: 'virt-default', className: virt[0], others: virt.slice(1) };
  }
  const k8s = names(defaultsBy(classes, [DEFAULT_CLASS_ANNOTATION]));
  if (k8s.length > 0) {
    return {
      source: 'k8s-default',
      className: k8s[0],
      others: k8s.slice(1),
      ...(virtSkipped ? { virtSkipped } : {}),
    };
  }
  return { source: 'none' };
};

// ---------------------------------------------------------------------------------------------------------
// Switching a default

/**
 * One guarded write of a switch. `patch` is `buildGuardedPatch(base, changes)`: it tests each edited
 * annotation's value as `base` has it, so it fails if anyone changed that annotation meanwhile.
 */
export interface SwitchStep {
  /** Stable id, e.g. `set:gold`, `unset:standard`, `undo-set:gold`. */
  id: string;
  role: 'set-new' | 'unset-old' | 'undo-set-new' | 'undo-unset-old';
  className: string;
  /** The object the patch is built against (for a forward step: as watched; for an undo: after its step). */
  base: StorageClass;
  changes: FieldChange[];
  patch: Patch[];
}

export interface ForwardStep extends SwitchStep {
  role: 'set-new' | 'unset-old';
  /** Puts this class back exactly as it was before the step (run when a later step fails). */
  undo: SwitchStep;
}

export type DefaultSwitchPlan =
  | {
      kind: DefaultKind;
      status: 'ready';
      newClass: string;
      /** The classes that are defaults of this kind now (besides the new one); each gets "false". */
      oldDefaults: string[];
      /** In order: set the new class first, then unset each old default. */
      steps: ForwardStep[];
    }
  /** The class is already the only default of this kind: nothing to send. */
  | { kind: DefaultKind; status: 'already-default'; newClass: string }
  | { kind: DefaultKind; status: 'not-found'; newClass: string };

/** `base` with `changes` applied (a removal deletes the key), as the apiserver would store it. */
const applyChanges = (base: StorageClass, changes: readonly FieldChange[]): StorageClass => {
  const out = deepClone(base) as StorageClass;
  changes.forEach(({ path, value }) => {
    let cur = out as unknown as Record<string, unknown>;
    path.slice(0, -1).forEach((seg) => {
      const key = String(seg);
      if (typeof cur[key] !== 'object' || cur[key] === null) cur[key] = {};
      cur = cur[key] as Record<string, unknown>;
    });
    const last = String(path[path.length - 1]);
    if (value === undefined) delete cur[last];
    else cur[last] = value;
  });
  return out;
};

const forward = (
  role: ForwardStep['role'],
  base: StorageClass,
  changes: FieldChange[],
): ForwardStep | undefined => {
  const patch = buildGuardedPatch(base, changes);
  if (patch.length === 0) return undefined;
  const className = base.metadata?.name ?? '';
  const after = applyChanges(base, changes);
  // The inverse: each edited annotation back to its value before the step (absent → removed).
  const undoChanges = changes.map(({ path }) => {
    const before = getAtPath(base, path);
    return { path, value: before.found ? before.value : undefined };
  });
  const undoRole = role === 'set-new' ? 'undo-set-new' : 'undo-unset-old';
  const undo: SwitchStep = {
    id: `${undoRole}:${className}`,
    role: undoRole,
    className,
    base: after,
    changes: undoChanges,
    patch: buildGuardedPatch(after, undoChanges),
  };
  return { id: `${role}:${className}`, role, className, base, changes, patch, undo };
};

/**
 * The guided switch of a default (issue 8.3.2.1): (1) set the annotation "true" on the new class, (2) set it
 * "false" on every other class that is a default of this kind. If a later step fails, the steps already done
 * are undone in reverse order (each `undo`), so the old default is the only default again.
 *
 * Why this order: while both are marked, Kubernetes and CDI still pick exactly one (newest first), so there
 * is never a moment without a default; unsetting first would leave none, and CDI would move boot sources
 * to the Kubernetes default (or leave imports pending) in between.
 * Why "false", not removal: on OpenShift, operators that own a class (library-go `ApplyStorageClass`) put
 * their default annotation back when it is missing but keep any value that is present; the OpenShift
 * console's "Set as default" and the kubevirt plugin's "Set as default for VirtualMachines" both write
 * "false" to the previous default. For the k8s kind a beta annotation "true" is set to "false" as well.
 */
export const planDefaultSwitch = (
  classes: readonly StorageClass[],
  newName: string,
  kind: DefaultKind,
): DefaultSwitchPlan => {
  const target = classes.find((sc) => sc.metadata?.name === newName);
  if (!target) return { kind, status: 'not-found', newClass: newName };
  const key = defaultAnnotation(kind);
  const steps: ForwardStep[] = [];
  // Always write the annotation upstream reads everywhere (CDI ignores the beta one).
  const set = forward('set-new', target, [{ path: annotationPath(key), value: 'true' }]);
  if (set) steps.push(set);
  const olds = defaultClasses(classes, kind).filter((sc) => sc.metadata?.name !== newName);
  olds.forEach((sc) => {
    const changes = annotationsOf(kind)
      .filter((k) => sc.metadata?.annotations?.[k] === 'true')
      .map((k) => ({ path: annotationPath(k), value: 'false' }));
    const step = forward('unset-old', sc, changes);
    if (step) steps.push(step);
  });
  if (steps.length === 0) return { kind, status: 'already-default', newClass: newName };
  return {
    kind,
    status: 'ready',
    newClass: newName,
    oldDefaults: olds.map((sc) => sc.metadata?.name ?? ''),
    steps,
  };
};

/**
 * `classes` as they are after the given steps were applied (in order; a later step on the same class wins,
 * so a step followed by its undo gives the class back as it was).
 */
export const classesAfter = (
  classes: readonly StorageClass[],
  applied: readonly SwitchStep[],
): StorageClass[] => {
  const latest = new Map<string, StorageClass>();
  applied.forEach((s) => latest.set(s.className, applyChanges(s.base, s.changes)));
  return classes.map((sc) => latest.get(sc.metadata?.name ?? '') ?? sc);
};
