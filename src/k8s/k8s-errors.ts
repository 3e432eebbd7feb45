import type { K8sStatus } from './types';

/**
 * What kind of failure an API error is, so the UI can say what to do next:
 * - `conflict`: someone changed the object since it was read (409). A failed `test` op of a JSON patch is
 *   a generic 422 without causes from the apiserver, so only a re-read can tell it (see useResourceForm);
 * - `invalid`: the server or an admission webhook rejected the values (422 / 400 with causes);
 * - `forbidden`: RBAC denied the request (403);
 * - `not-found`: the object or its API is gone (404);
 * - `other`: anything else (network, 5xx, client-side errors).
 */
export type K8sErrorKind = 'conflict' | 'invalid' | 'forbidden' | 'not-found' | 'other';

export interface ReadableK8sError {
  kind: K8sErrorKind;
  /** HTTP status code, when the error came from the API. */
  code?: number;
  /** The API's own message, verbatim (or the thrown error's message). */
  message: string;
  /** One line per `details.causes` entry, `field: message`, verbatim. */
  causes: string[];
}

const isStatus = (v: unknown): v is K8sStatus =>
  typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Status';

/** Finds the Kubernetes `Status` body on an SDK `HttpError` (`json`), a raw Status, or a wrapped `cause`. */
export const statusOf = (error: unknown): K8sStatus | undefined => {
  if (isStatus(error)) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { json?: unknown; cause?: unknown };
  if (isStatus(e.json)) return e.json;
  if (e.cause !== undefined && e.cause !== error) return statusOf(e.cause);
  return undefined;
};

const codeOf = (error: unknown, status: K8sStatus | undefined): number | undefined => {
  if (status?.code) return status.code;
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; response?: { status?: unknown } };
  if (typeof e.code === 'number') return e.code;
  return typeof e.response?.status === 'number' ? e.response.status : undefined;
};

const messageOf = (error: unknown, status: K8sStatus | undefined): string => {
  if (status?.message) return status.message;
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string') return error;
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return (error as { message: string }).message;
  }
  return String(error);
};

const ADMISSION_REFUSAL = /admission webhook "[^"]*" denied the request|violates PodSecurity "/;

/** Classifies any thrown value (SDK HttpError, Status body, Error) without losing the API's words. */
export const readK8sError = (error: unknown): ReadableK8sError => {
  const status = statusOf(error);
  const code = codeOf(error, status);
  const message = messageOf(error, status);
  const causes = (status?.details?.causes ?? [])
    .map((c) => [c.field, c.message ?? c.reason].filter(Boolean).join(': '))
    .filter((line) => line.length > 0);
  const reason = status?.reason;
  let kind: K8sErrorKind = 'other';
  if (code === 409 || reason === 'Conflict') kind = 'conflict';
  // A validating webhook's denial is 403 by default (apiserver webhook/errors.go: ToStatusErr), as is a
  // Pod Security refusal; both refuse the values, not the user's permissions.
  else if (code === 403 && ADMISSION_REFUSAL.test(message)) kind = 'invalid';
  else if (code === 403 || reason === 'Forbidden') kind = 'forbidden';
  else if (code === 404 || reason === 'NotFound') kind = 'not-found';
  else if (code === 422 || reason === 'Invalid' || (code === 400 && causes.length > 0)) kind = 'invalid';
  return { kind, code, message, causes };
};
