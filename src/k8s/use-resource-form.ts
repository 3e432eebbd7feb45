import {
  k8sGet,
  type K8sModel,
  type K8sResourceCommon,
  type Patch,
} from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useMemo, useRef, useState } from 'react';
import {
  fieldsChangedSince,
  fieldValue,
  guardFailed,
  isEdited,
  newSession,
  planPatch,
  rebase,
  resolveBothChanged,
  setField,
  type AnyField,
  type EditSession,
} from './edit-session';
import { testedPaths } from './json-patch';
import { readK8sError } from './k8s-errors';
import { useK8sPatchMutation } from './use-k8s-patch-mutation';

/** The last failed write: it stays on the page until the next attempt or until the user dismisses it. */
export interface WriteFailure {
  /** Which action failed, e.g. 'save' or 'reset': pages word their alert after it. */
  action: string;
  error: unknown;
  /** True when the object changed under the user: the form has been rebased on the current object. */
  conflict: boolean;
}

export interface ResourceFormOptions<R extends K8sResourceCommon> {
  model: K8sModel;
  /** The live object from a watch. The form starts from its value at mount; mount the form once loaded. */
  object: R;
  fields: readonly AnyField[];
  /** Reads the current object after a failed write; defaults to `k8sGet`. */
  reread?: () => Promise<R>;
  onSaved?: (saved: R, action: string) => void;
}

export interface ResourceForm<R extends K8sResourceCommon> {
  session: EditSession<R>;
  value: <V = unknown>(id: string) => V;
  set: (id: string, value: unknown) => void;
  isEdited: (id: string) => boolean;
  hasEdits: boolean;
  /** The exact patch `save` sends, or why it cannot be built. */
  patch: Patch[] | Error;
  /** Builds the patch that saving `values` (on top of the user's edits) would send, e.g. for a preview. */
  patchWith: (values: Readonly<Record<string, unknown>>) => Patch[] | Error;
  save: () => void;
  /** A one-shot write (e.g. "reset to defaults") of `values` on top of the user's edits, through the same guard. */
  saveWith: (action: string, values: Readonly<Record<string, unknown>>) => void;
  isPending: boolean;
  pendingAction?: string;
  /** Fields changed on both sides that the user has not decided yet; saving waits for them. */
  undecided: number;
  /** There is a patch to send, nothing undecided and no write in flight (the page adds its validation). */
  canSave: boolean;
  failure?: WriteFailure;
  dismissFailure: () => void;
  /** Reading the object again after a failed write failed too. */
  rereadError?: unknown;
  /** Fields someone else changed (seen through the watch) since the form's base. */
  changedSince: string[];
  /** Rebase the user's edits on the live object now (three-way). */
  loadLatest: () => void;
  /** Drop the user's edits and start again from the live object. */
  discard: () => void;
  resolve: (id: string, pick: 'mine' | 'theirs') => void;
}

const fieldById = (fields: readonly AnyField[], id: string): AnyField => {
  const field = fields.find((f) => f.id === id);
  if (!field) throw new Error(`Unknown form field ${id}`);
  return field;
};

const tryPlan = (session: EditSession, fields: readonly AnyField[]): Patch[] | Error => {
  try {
    return planPatch(session, fields);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
};

const withValues = <R extends K8sResourceCommon>(
  session: EditSession<R>,
  fields: readonly AnyField[],
  values: Readonly<Record<string, unknown>>,
): EditSession<R> =>
  Object.entries(values).reduce((s, [id, v]) => setField(s, fieldById(fields, id), v), session);

/**
 * The write engine every form uses: the base object, the user's edits as the fields they changed, the exact
 * patch preview, save (guarded by the one policy of `buildGuardedPatch`), and conflict handling: after a
 * failed write it re-reads the object and, when a tested field changed, rebases three-way and keeps the error
 * on the page. Re-reads that come back out of order are dropped.
 */
export const useResourceForm = <R extends K8sResourceCommon>({
  model,
  object,
  fields,
  reread,
  onSaved,
}: ResourceFormOptions<R>): ResourceForm<R> => {
  const [session, setSession] = useState<EditSession<R>>(() => newSession(object));
  const [failure, setFailure] = useState<WriteFailure>();
  const [rereadError, setRereadError] = useState<unknown>();
  const [pendingAction, setPendingAction] = useState<string>();
  // Re-reads are numbered; a response older than one already applied is dropped.
  const rereadSeq = useRef(0);
  const appliedSeq = useRef(0);

  const name = object.metadata?.name;
  const namespace = object.metadata?.namespace;
  const readAgain = useCallback(
    () => (reread ? reread() : k8sGet<R>({ model, name, ns: namespace })),
    [reread, model, name, namespace],
  );

  const mutation = useK8sPatchMutation<R>();

  const send = (action: string, planned: EditSession<R>) => {
    if (planned.bothChanged.length > 0) return;
    const patch = tryPlan(planned, fields);
    if (patch instanceof Error) {
      setFailure({ action, error: patch, conflict: false });
      return;
    }
    setFailure(undefined);
    setRereadError(undefined);
    setPendingAction(action);
    mutation.mutate(
      { model, resource: planned.base, patch },
      {
        onSuccess: (saved) => {
          setPendingAction(undefined);
          setSession(newSession(saved));
          onSaved?.(saved, action);
        },
        onError: (error) => {
          const kind = readK8sError(error).kind;
          // The apiserver answers a failed `test` with a generic 422, so re-read to tell a conflict.
          if (kind !== 'conflict' && kind !== 'invalid') {
            setPendingAction(undefined);
            setFailure({ action, error, conflict: false });
            return;
          }
          const seq = ++rereadSeq.current;
          readAgain()
            .then((fresh) => {
              if (seq < appliedSeq.current) return;
              appliedSeq.current = seq;
              const conflict = guardFailed(planned.base, fresh, testedPaths(patch));
              if (conflict) setSession((s) => rebase(s, fields, fresh));
              setFailure({ action, error, conflict });
            })
            .catch((e: unknown) => {
              setRereadError(e);
              setFailure({ action, error, conflict: kind === 'conflict' });
            })
            .finally(() => setPendingAction(undefined));
        },
      },
    );
  };

  const patch = useMemo(() => tryPlan(session, fields), [session, fields]);
  const changedSince = useMemo(() => fieldsChangedSince(session, fields, object), [session, fields, object]);

  return {
    session,
    value: <V>(id: string) => fieldValue(session, fieldById(fields, id)) as V,
    set: (id, value) => setSession((s) => setField(s, fieldById(fields, id), value)),
    isEdited: (id) => isEdited(session, id),
    hasEdits: Object.keys(session.edits).length > 0,
    patch,
    patchWith: (values) => tryPlan(withValues(session, fields, values), fields),
    save: () => send('save', session),
    saveWith: (action, values) => send(action, withValues(session, fields, values)),
    isPending: pendingAction !== undefined,
    pendingAction,
    undecided: session.bothChanged.length,
    canSave:
      pendingAction === undefined &&
      session.bothChanged.length === 0 &&
      Array.isArray(patch) &&
      patch.length > 0,
    failure,
    dismissFailure: () => setFailure(undefined),
    rereadError,
    changedSince,
    loadLatest: () => setSession((s) => rebase(s, fields, object)),
    discard: () => {
      setFailure(undefined);
      setSession(newSession(object));
    },
    resolve: (id, pick) => setSession((s) => resolveBothChanged(s, id, pick)),
  };
};
