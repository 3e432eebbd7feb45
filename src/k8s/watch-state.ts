import { readK8sError } from './k8s-errors';

/**
 * What a watch knows about one resource (an object or a list), as distinct states: nothing that is still
 * loading or could not be read may be shown as "none".
 * - `loaded`: `data` is the resource;
 * - `not-found`: the named object does not exist (404 on the object);
 * - `api-missing`: the API is not served (the console has no model for the kind, or the list 404s);
 * - `forbidden`: the user may not read it (403): whether it exists is unknown;
 * - `error`: any other failure: nothing is known.
 */
export type WatchStatus = 'loading' | 'loaded' | 'not-found' | 'api-missing' | 'forbidden' | 'error';

export interface Watched<T> {
  status: WatchStatus;
  /** Only when `status` is 'loaded'. */
  data?: T;
  /** True once the watch settled, whatever the outcome. */
  loaded: boolean;
  error?: unknown;
  /** Set when the resource is known not to exist. */
  absent?: 'not-found' | 'api-missing';
}

// SDK 4.22 lib/utils/k8s/hooks/k8s-watcher.js: `class NoModelError extends CustomError { constructor() {
// super('Model does not exist') } }`, returned as loadError by useK8sWatchResource(s) for a kind the console
// did not discover. Minification renames the class, so the message is what identifies it.
export const NO_MODEL_MESSAGE = 'Model does not exist';

export const isNoModelError = (error: unknown): boolean =>
  error instanceof Error ? error.message === NO_MODEL_MESSAGE : false;

/** Classifies the SDK's `[data, loaded, loadError]` for one object (`isList: false`) or a list. */
export const watchState = <T>(
  data: T | undefined,
  loaded: boolean,
  error: unknown,
  isList: boolean,
): Watched<T> => {
  if (error) {
    if (isNoModelError(error)) return { status: 'api-missing', loaded: true, error, absent: 'api-missing' };
    const kind = readK8sError(error).kind;
    if (kind === 'not-found') {
      const absent = isList ? 'api-missing' : 'not-found';
      return { status: absent, loaded: true, error, absent };
    }
    return { status: kind === 'forbidden' ? 'forbidden' : 'error', loaded: true, error };
  }
  if (!loaded) return { status: 'loading', loaded: false };
  return { status: 'loaded', loaded: true, data };
};

/** The read failed (forbidden or another error): whether the resource exists, and what it holds, is unknown. */
export const isUnreadable = (w: Watched<unknown>): boolean =>
  w.status === 'forbidden' || w.status === 'error';

/**
 * A list that may be absent: `[]` when its API is not served (e.g. no snapshot CRDs means no snapshot
 * classes), undefined while loading or when it could not be read.
 */
export const listOrEmpty = <T>(w: Watched<T[]>): T[] | undefined =>
  w.status === 'loaded' ? (w.data ?? []) : w.status === 'api-missing' ? [] : undefined;
