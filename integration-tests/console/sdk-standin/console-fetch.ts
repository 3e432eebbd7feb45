import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { publishAdmissionWarnings } from './admission-warnings';
import { HttpError, RetryError } from './http-error';
import { getCsrfToken, impersonationHeaders } from './session';

/**
 * `consoleFetch` / `consoleFetchJSON` with the console's semantics (console-fetch.ts in the console repo):
 * CSRF token on non-GET, impersonation headers, same-origin credentials, 429 retried 3 times, and a failed
 * response thrown as `HttpError` whose message is the Status message (or its first cause).
 */

const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

interface StatusBody {
  message?: string;
  error?: string;
  details?: { causes?: { message?: string; field?: string }[] };
}

const statusMessage = (json: StatusBody, statusText: string): string => {
  const cause = json?.details?.causes?.[0];
  if (cause) {
    return `Error "${cause.message}" for field "${cause.field}".`;
  }
  return json?.message || json?.error || statusText;
};

const validateStatus = async (response: Response, retry: boolean): Promise<Response> => {
  if (response.ok) {
    return response;
  }
  if (retry && response.status === 429) {
    throw new RetryError();
  }
  const contentType = response.headers.get('content-type');
  if (!contentType || !contentType.includes('json')) {
    throw new HttpError(response.statusText, response.status, response);
  }
  const json = await response.json();
  if (response.status === 403) {
    throw new HttpError(
      json.message || 'Access denied due to cluster policy.',
      response.status,
      response,
      json,
    );
  }
  throw new HttpError(statusMessage(json, response.statusText), response.status, response, json);
};

// The console shows a write's admission warnings as a toast (the host's AdmissionWarningToasts).
const warnAdmission = (response: Response) => publishAdmissionWarnings(response.headers.get('Warning'));

const fetchOnce = async (url: string, options: RequestInit, timeout: number, retry: boolean) => {
  const method = (options.method || 'GET').toUpperCase();
  const headers = new Headers(options.headers);
  for (const [k, v] of Object.entries(impersonationHeaders())) {
    headers.set(k, v);
  }
  const csrf = getCsrfToken();
  if (isWrite(method) && csrf) {
    headers.set('X-CSRFToken', csrf);
  }
  const controller = new AbortController();
  const timer = timeout > 0 ? setTimeout(() => controller.abort(), timeout) : undefined;
  try {
    const response = await fetch(url, {
      credentials: 'same-origin',
      ...options,
      method,
      headers,
      signal: options.signal ?? controller.signal,
    });
    const validated = await validateStatus(response, retry);
    if (isWrite(method)) {
      warnAdmission(validated);
    }
    return validated;
  } finally {
    clearTimeout(timer);
  }
};

export const consoleFetch: typeof SDK.consoleFetch = async (url, options = {}, timeout = 60000) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchOnce(url, options, timeout, attempt < 3);
    } catch (e) {
      if (!(e instanceof RetryError)) {
        throw e;
      }
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
};

const fetchJSON = async (url: string, method = 'GET', options: RequestInit = {}, timeout?: number) => {
  const headers = new Headers(options.headers);
  if (!headers.has('Accept')) {
    headers.set('Accept', 'application/json');
  }
  const response = await consoleFetch(url, { ...options, method, headers }, timeout);
  const text = await response.text();
  return text ? JSON.parse(text) : {};
};

const withBody =
  (method: string, contentType: string) =>
  (url: string, json: unknown, options: RequestInit = {}, timeout?: number) => {
    const headers = new Headers(options.headers);
    if (json && !headers.has('Content-Type')) {
      headers.set('Content-Type', contentType); // a caller may ask for merge patch
    }
    return fetchJSON(
      url,
      method,
      { ...options, headers, ...(json ? { body: JSON.stringify(json) } : {}) },
      timeout,
    );
  };

export const consoleFetchJSON: typeof SDK.consoleFetchJSON = Object.assign(fetchJSON, {
  delete: (url: string, json: unknown = null, options: RequestInit = {}, timeout?: number) =>
    withBody('DELETE', 'application/json;charset=UTF-8')(url, json, options, timeout),
  post: withBody('POST', 'application/json;charset=UTF-8'),
  put: withBody('PUT', 'application/json;charset=UTF-8'),
  patch: withBody('PATCH', 'application/json-patch+json;charset=UTF-8'),
});
