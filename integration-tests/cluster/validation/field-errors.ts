import type { StatusCause } from '../sim-api';

/** A field error in the apiserver's vocabulary (k8s.io/apimachinery/pkg/util/validation/field). */
export interface FieldError {
  type:
    | 'Required'
    | 'Invalid'
    | 'NotSupported'
    | 'TypeInvalid'
    | 'TooLong'
    | 'TooMany'
    | 'Forbidden'
    | 'Duplicate';
  field: string;
  value?: unknown;
  /** The value as Go's %#v prints a non-string (e.g. uint64 0 is `0x0`): shown as is, unquoted. */
  goValue?: string;
  detail?: string;
  supported?: unknown[];
  limit?: number;
}

const REASONS: Record<FieldError['type'], string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  TypeInvalid: 'FieldValueTypeInvalid',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  Forbidden: 'FieldValueForbidden',
  Duplicate: 'FieldValueDuplicate',
};

/** Go's %v-like rendering the apiserver uses for "Invalid value: ..." (strings quoted). */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null || v === undefined) return 'null';
  return JSON.stringify(typeName(v));
}

/** The JSON type name kube-openapi reports for a value. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The error text after "<field>: ". */
export function errorBody(e: FieldError): string {
  switch (e.type) {
    case 'Required':
      return e.detail ? `Required value: ${e.detail}` : 'Required value';
    case 'NotSupported':
      return `Unsupported value: ${formatValue(e.value)}: supported values: ${(e.supported ?? []).map((s) => JSON.stringify(String(s))).join(', ')}`;
    case 'TooLong':
      return `Too long: may not be more than ${e.limit} bytes`;
    case 'TooMany':
      return `Too many: ${String(e.value)}: must have at most ${e.limit} items`;
    case 'Forbidden':
      return e.detail ? `Forbidden: ${e.detail}` : 'Forbidden';
    case 'Duplicate':
      return `Duplicate value: ${e.goValue ?? formatValue(e.value)}`;
    default:
      return `Invalid value: ${e.goValue ?? formatValue(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
  }
}

export function toCause(e: FieldError): StatusCause {
  return { reason: REASONS[e.type], message: errorBody(e), field: e.field };
}

/** `<field>: <body>` entries joined the way StatusError messages list them. */
export function aggregateMessage(errors: FieldError[]): string {
  const parts = errors.map((e) => `${e.field}: ${errorBody(e)}`);
  return parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
}
