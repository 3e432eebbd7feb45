import {
  k8sGet,
  type K8sModel,
  type K8sResourceCommon,
  type Patch,
} from '@openshift-console/dynamic-plugin-sdk';
import { useCallback, useState } from 'react';
import { guardFailed } from './edit-session';
import { buildGuardedPatch, testedPaths, type FieldChange } from './json-patch';
import { readK8sError } from './k8s-errors';
import { useK8sPatchMutation } from './use-k8s-patch-mutation';
import type { WriteFailure } from './use-resource-form';

/**
 * What the user asked for, as a function of the object it applies to: "disable this source", "add this
 * entry". It may throw (with a message for the user) when it no longer applies, e.g. the entry is gone.
 */
export type Intent<R> = (current: R) => FieldChange[];

export interface IntentWriteOptions<R extends K8sResourceCommon> {
  model: K8sModel;
  /** The live object (from a watch): intents are applied to it. */
  object: R | undefined;
  /** Reads the current object after a failed write; defaults to `k8sGet`. */
  reread?: (object: R) => Promise<R>;
}

export interface RunOptions<R> {
  onSuccess?: (saved: R, reappliedOnNewer: boolean) => void;
}

export interface IntentWrite<R extends K8sResourceCommon> {
  /** The exact patch `run(intent)` would send now, or why it cannot be built. */
  preview: (intent: Intent<R>) => Patch[] | Error;
  run: (action: string, intent: Intent<R>, options?: RunOptions<R>) => void;
  isPending: boolean;
  pendingAction?: string;
  failure?: WriteFailure;
  dismissFailure: () => void;
  /** The last successful write was re-applied on a newer object after someone else's change. */
  reappliedOnNewer?: string;
}

const plan = <R extends K8sResourceCommon>(object: R, intent: Intent<R>): Patch[] | Error => {
  try {
    return buildGuardedPatch(object, intent(object));
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
};

/**
 * One-shot writes of a user's intent through the engine's guard (`buildGuardedPatch`): the patch tests
 * exactly what it edits. When the guard fails because someone changed those paths meanwhile, the object is
 * read again and the same intent is applied once more on the fresh object, so only the user's own change is
 * re-applied and everyone else's survives; a second failure is shown. Any other error is shown verbatim.
 * Forms where the user edits several fields over time use `useResourceForm` instead.
 */
export const useIntentWrite = <R extends K8sResourceCommon>({
  model,
  object,
  reread,
}: IntentWriteOptions<R>): IntentWrite<R> => {
  const [failure, setFailure] = useState<WriteFailure>();
  const [pendingAction, setPendingAction] = useState<string>();
  const [reappliedOnNewer, setReapplied] = useState<string>();
  const mutation = useK8sPatchMutation<R>();

  const readAgain = useCallback(
    (o: R) => (reread ? reread(o) : k8sGet<R>({ model, name: o.metadata?.name, ns: o.metadata?.namespace })),
    [reread, model],
  );

  const attempt = (
    action: string,
    base: R,
    intent: Intent<R>,
    options: RunOptions<R> | undefined,
    retried: boolean,
  ) => {
    const patch = plan(base, intent);
    if (patch instanceof Error) {
      setPendingAction(undefined);
      setFailure({ action, error: patch, conflict: retried });
      return;
    }
    if (patch.length === 0) {
      // Nothing to change (someone else already made the same change): done.
      setPendingAction(undefined);
      setReapplied(retried ? action : undefined);
      options?.onSuccess?.(base, retried);
      return;
    }
    mutation.mutate(
      { model, resource: base, patch },
      {
        onSuccess: (saved) => {
          setPendingAction(undefined);
          setReapplied(retried ? action : undefined);
          options?.onSuccess?.(saved, retried);
        },
        onError: (error) => {
          const kind = readK8sError(error).kind;
          // The apiserver answers a failed `test` with a generic 422, so re-read to tell a conflict.
          if (retried || (kind !== 'conflict' && kind !== 'invalid')) {
            setPendingAction(undefined);
            setFailure({ action, error, conflict: retried });
            return;
          }
          readAgain(base)
            .then((fresh) => {
              if (guardFailed(base, fresh, testedPaths(patch))) {
                attempt(action, fresh, intent, options, true);
              } else {
                setPendingAction(undefined);
                setFailure({ action, error, conflict: false });
              }
            })
            .catch(() => {
              setPendingAction(undefined);
              setFailure({ action, error, conflict: kind === 'conflict' });
            });
        },
      },
    );
  };

  return {
    preview: (intent) => (object ? plan(object, intent) : new Error('The object is not loaded yet.')),
    run: (action, intent, options) => {
      const base = object;
      if (!base || pendingAction !== undefined) return;
      setFailure(undefined);
      setReapplied(undefined);
      setPendingAction(action);
      attempt(action, base, intent, options, false);
    },
    isPending: pendingAction !== undefined,
    pendingAction,
    failure,
    dismissFailure: () => setFailure(undefined),
    reappliedOnNewer,
  };
};
