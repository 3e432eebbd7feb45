import { k8sGet, k8sPatch, type Patch } from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useMemo, useRef, useState } from 'react';
import {
  classesAfter,
  defaultClasses,
  planDefaultSwitch,
  type DefaultKind,
  type DefaultSwitchPlan,
  type ForwardStep,
  type SwitchStep,
} from './default-storage-class';
import { guardFailed } from './edit-session';
import { assertGuardedPatch, testedPaths, type FieldChange } from './json-patch';
import { readK8sError } from './k8s-errors';
import { StorageClassModel } from './models';
import type { StorageClass } from './types';

/**
 * A forward step's progress: `pending` → `running` → `done`, or `failed`; a done step that is undone after a
 * later failure goes `undoing` → `rolled-back`, or `rollback-failed` when its undo fails too. Steps after a
 * failed one stay `not-run`.
 */
export type StepStatus =
  'pending' | 'running' | 'done' | 'failed' | 'not-run' | 'undoing' | 'rolled-back' | 'rollback-failed';

export interface StepProgress {
  id: string;
  role: ForwardStep['role'];
  className: string;
  status: StepStatus;
  /** The step's own failure, verbatim. */
  error?: unknown;
  /** The failure of this step's undo, verbatim. */
  undoError?: unknown;
}

export interface FailedStep {
  id: string;
  className: string;
  error: unknown;
  /** A re-read showed the tested annotation changed since the dialog read it (someone else edited it). */
  conflict: boolean;
}

/** What the admin must change by hand after a failed rollback: these annotations back to these values. */
export interface ManualFix {
  className: string;
  /** `value: undefined` means "remove the annotation". */
  changes: FieldChange[];
  error: unknown;
}

export type SwitchOutcome =
  | { kind: 'done'; newClass: string }
  /** The first write failed: nothing changed. */
  | { kind: 'failed'; failed: FailedStep }
  /** A later write failed and every earlier one was undone: the cluster is as it was. */
  | { kind: 'rolled-back'; failed: FailedStep }
  /**
   * A later write failed and an undo failed too. `defaultsNow` are the classes that are defaults of this
   * kind now as far as the dialog knows (in pick order: the first is the one in use); `fixes` say what to put
   * back by hand.
   */
  | { kind: 'rollback-failed'; failed: FailedStep; defaultsNow: string[]; fixes: ManualFix[] };

export interface PreviewStep {
  id: string;
  role: SwitchStep['role'];
  className: string;
  patch: Patch[];
}

export interface DefaultClassSwitch {
  /** The plan for the current choice; while and after running, the plan that was run. */
  plan: DefaultSwitchPlan;
  /** Every patch the switch sends, in order. */
  preview: PreviewStep[];
  /** The undo patches sent if a later step fails, in the order they would be sent (last step first). */
  rollbackPreview: PreviewStep[];
  run: () => void;
  isRunning: boolean;
  progress: StepProgress[];
  outcome?: SwitchOutcome;
  /** Forget the last run (e.g. to pick another class). */
  reset: () => void;
}

export interface DefaultClassSwitchOptions {
  /** The watched StorageClasses. */
  classes: readonly StorageClass[];
  newName: string;
  kind: DefaultKind;
}

const toPreview = (s: SwitchStep): PreviewStep => ({
  id: s.id,
  role: s.role,
  className: s.className,
  patch: s.patch,
});

const send = (step: SwitchStep): Promise<StorageClass> => {
  assertGuardedPatch(step.patch);
  return k8sPatch<StorageClass>({ model: StorageClassModel, resource: step.base, data: step.patch });
};

/** The apiserver answers a failed `test` with a generic 422: re-read the class to tell a conflict. */
const isConflict = async (step: SwitchStep, error: unknown): Promise<boolean> => {
  const kind = readK8sError(error).kind;
  if (kind === 'conflict') return true;
  if (kind !== 'invalid') return false;
  try {
    const fresh = await k8sGet<StorageClass>({ model: StorageClassModel, name: step.className });
    return guardFailed(step.base, fresh, testedPaths(step.patch));
  } catch {
    return false;
  }
};

/**
 * Runs a default switch (`planDefaultSwitch`) one guarded patch at a time, with progress per step. When a
 * step fails, the steps already done are undone in reverse order with their own guarded patches, so the old
 * default is the only default again; if an undo fails as well, the outcome names the classes that are
 * defaults now and the exact annotations to put back by hand. Errors are kept verbatim.
 */
export const useDefaultClassSwitch = ({
  classes,
  newName,
  kind,
}: DefaultClassSwitchOptions): DefaultClassSwitch => {
  const livePlan = useMemo(() => planDefaultSwitch(classes, newName, kind), [classes, newName, kind]);
  const [ran, setRan] = useState<DefaultSwitchPlan>();
  const [progress, setProgress] = useState<StepProgress[]>([]);
  const [outcome, setOutcome] = useState<SwitchOutcome>();
  const [isRunning, setRunning] = useState(false);
  const running = useRef(false);

  const plan = ran ?? livePlan;
  const steps = plan.status === 'ready' ? plan.steps : [];

  const update = (id: string, patch: Partial<StepProgress>) =>
    setProgress((list) => list.map((p) => (p.id === id ? { ...p, ...patch } : p)));

  const execute = async (
    frozen: Extract<DefaultSwitchPlan, { status: 'ready' }>,
    all: readonly StorageClass[],
  ) => {
    const done: ForwardStep[] = [];
    for (const step of frozen.steps) {
      update(step.id, { status: 'running' });
      try {
        await send(step);
        update(step.id, { status: 'done' });
        done.push(step);
      } catch (error) {
        const failed: FailedStep = {
          id: step.id,
          className: step.className,
          error,
          conflict: await isConflict(step, error),
        };
        setProgress((list) => {
          const at = list.findIndex((p) => p.id === step.id);
          return list.map((p, i) =>
            i === at ? { ...p, status: 'failed', error } : i > at ? { ...p, status: 'not-run' } : p,
          );
        });
        if (done.length === 0) {
          setOutcome({ kind: 'failed', failed });
          return;
        }
        // Undo what was done, newest first; keep going after a failed undo to restore as much as possible.
        const applied: SwitchStep[] = [...done];
        const fixes: ManualFix[] = [];
        for (const d of [...done].reverse()) {
          update(d.id, { status: 'undoing' });
          try {
            await send(d.undo);
            applied.push(d.undo);
            update(d.id, { status: 'rolled-back' });
          } catch (undoError) {
            fixes.push({ className: d.className, changes: d.undo.changes, error: undoError });
            update(d.id, { status: 'rollback-failed', undoError });
          }
        }
        if (fixes.length === 0) {
          setOutcome({ kind: 'rolled-back', failed });
        } else {
          const defaultsNow = defaultClasses(classesAfter(all, applied), frozen.kind).map(
            (sc) => sc.metadata?.name ?? '',
          );
          setOutcome({ kind: 'rollback-failed', failed, defaultsNow, fixes });
        }
        return;
      }
    }
    setOutcome({ kind: 'done', newClass: frozen.newClass });
  };

  const run = () => {
    if (running.current || livePlan.status !== 'ready') return;
    running.current = true;
    const frozen = livePlan;
    const snapshot = classes;
    setRan(frozen);
    setOutcome(undefined);
    setProgress(
      frozen.steps.map((s) => ({ id: s.id, role: s.role, className: s.className, status: 'pending' })),
    );
    setRunning(true);
    execute(frozen, snapshot).finally(() => {
      running.current = false;
      setRunning(false);
    });
  };

  const reset = useCallback(() => {
    if (running.current) return;
    setRan(undefined);
    setProgress([]);
    setOutcome(undefined);
  }, []);

  return {
    plan,
    preview: steps.map(toPreview),
    rollbackPreview: steps
      .slice(0, -1)
      .reverse()
      .map((s) => toPreview(s.undo)),
    run,
    isRunning,
    progress,
    outcome,
    reset,
  };
};
