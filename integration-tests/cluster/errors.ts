import { ApiError, type StatusCause } from './sim-api';
import { qualifiedResource, type ResourceType } from './registry';

export function notFound(rt: ResourceType, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(rt)} "${name}" not found`, undefined, {
    name,
    group: rt.group,
    kind: rt.plural,
  });
}

export function alreadyExists(rt: ResourceType, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedResource(rt)} "${name}" already exists`, undefined, {
    name,
    group: rt.group,
    kind: rt.plural,
  });
}

export function conflict(rt: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(rt)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    undefined,
    { name, group: rt.group, kind: rt.plural },
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** The `Status` body the apiserver sends for an error. */
export function statusBody(err: ApiError): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  if (err.details?.name) details.name = err.details.name;
  if (err.details?.group) details.group = err.details.group;
  if (err.details?.kind) details.kind = err.details.kind;
  if (err.causes?.length) details.causes = err.causes.map(causeBody);
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: err.message,
    // The apiserver omits an empty reason (webhook denials without one), it never sends "".
    ...(err.reason ? { reason: err.reason } : {}),
    details,
    code: err.code,
  };
}

function causeBody(c: StatusCause): StatusCause {
  return {
    ...(c.reason ? { reason: c.reason } : {}),
    message: c.message,
    ...(c.field ? { field: c.field } : {}),
  };
}

/** Reason the apiserver reports for a bare HTTP status (used by fault injection). */
export function reasonForCode(code: number): string {
  const reasons: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    405: 'MethodNotAllowed',
    409: 'Conflict',
    410: 'Expired',
    415: 'UnsupportedMediaType',
    422: 'Invalid',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable',
    504: 'Timeout',
  };
  return reasons[code] ?? 'Unknown';
}
