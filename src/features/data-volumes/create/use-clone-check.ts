import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { selfCloneReviewRequests } from '../../../k8s/clone-authorization';
import { SelfSubjectAccessReviewModel } from '../../../k8s/models';
import type { AccessReview } from '../../../k8s/types';
import { createObject } from '../../../k8s/use-object-writes';

/** What the apiserver said about cloning from another namespace, as CDI will ask it. */
export type CloneCheck =
  | { state: 'not-needed' }
  | { state: 'checking' }
  | { state: 'allowed'; via: 'datavolumes/source' | 'pods' }
  | { state: 'denied' }
  /** The question could not be asked or answered: CDI's verdict is unknown. */
  | { state: 'error'; error: unknown };

export interface CloneCheckTarget {
  /** The namespace of the PVC or snapshot CDI clones from. */
  namespace: string;
  /** Its name, when known (CDI names it in the review). */
  name?: string;
}

/**
 * The headline of a refused or unanswered check: the Source step's alert and the Review step's summary
 * say the same sentence.
 */
export const cloneCheckTitle = (t: TFunction, state: 'denied' | 'error', sourceNamespace: string): string =>
  state === 'denied'
    ? t('CDI will refuse this clone: you may not create datavolumes/source (or pods) in {{nsName}}', {
        nsName: sourceNamespace,
      })
    : t('Could not check whether you may clone from {{nsName}}', { nsName: sourceNamespace });

/** Typing a source name asks once the user pauses. */
const DEBOUNCE_MS = 400;

/**
 * Asks the two SelfSubjectAccessReviews CDI's webhook asks (clone-authorization.ts; CDI accepts if either is
 * allowed) whenever the source changes, and again on `recheck()`. Undefined target = nothing to check (same
 * namespace, or no source yet).
 */
export const useCloneCheck = (target: CloneCheckTarget | undefined) => {
  const [answer, setAnswer] = useState<{ key: string; check: CloneCheck }>();
  const [round, setRound] = useState(0);
  const ns = target?.namespace;
  const name = target?.name;
  const key = ns ? `${ns}/${name ?? ''}#${round}` : undefined;

  useEffect(() => {
    if (!ns || !key) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      const ask = async (): Promise<CloneCheck> => {
        const requests = selfCloneReviewRequests(ns, { pvcName: name || undefined });
        for (const [i, request] of requests.entries()) {
          const reply = await createObject<AccessReview>({
            model: SelfSubjectAccessReviewModel,
            data: request,
          });
          if (reply.status?.allowed)
            return { state: 'allowed', via: i === 0 ? 'datavolumes/source' : 'pods' };
        }
        return { state: 'denied' };
      };
      ask().then(
        (check) => live && setAnswer({ key, check }),
        (error: unknown) => live && setAnswer({ key, check: { state: 'error', error } }),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ns, name, key]);

  const check: CloneCheck = !key
    ? { state: 'not-needed' }
    : answer?.key === key
      ? answer.check
      : { state: 'checking' };
  const recheck = useCallback(() => setRound((r) => r + 1), []);
  return { check, recheck };
};
