import type { JSONSchema } from '../registry';
import { clone, isPlainObject } from '../util';
import { compileRule, evaluateRule, toCel } from './cel';
import { typeName, type FieldError } from './field-errors';

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function mapSchema(s: JSONSchema): JSONSchema | undefined {
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

const ROOT_KEEP = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Drops fields the structural schema does not declare (and nulls of non-nullable fields, as the apiserver
 * does); returns the dotted paths of unknown fields so `fieldValidation=Strict` can refuse them.
 */
export function prune(
  schema: JSONSchema,
  value: unknown,
  path = '',
  isRoot = true,
  unknown: string[] = [],
): string[] {
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => prune(schema.items!, v, `${path}[${i}]`, false, unknown));
    return unknown;
  }
  if (!isPlainObject(value)) return unknown;
  const props = schema.properties;
  const addl = mapSchema(schema);
  const preserve =
    schema['x-kubernetes-preserve-unknown-fields'] === true || schema.additionalProperties === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  for (const k of Object.keys(value)) {
    // type meta and metadata are the apiserver's own business, not the CRD schema's
    if ((isRoot || embedded) && ROOT_KEEP.has(k)) continue;
    const sub = props?.[k] ?? addl;
    const v = value[k];
    if (!sub) {
      if (!preserve) {
        delete value[k];
        unknown.push(child(path, k));
      }
      continue;
    }
    if (v === null && !sub.nullable) {
      delete value[k];
      continue;
    }
    prune(sub, v, props?.[k] ? child(path, k) : `${path}[${k}]`, false, unknown);
  }
  return unknown;
}

/** Applies `default`s where a field is absent, walking into defaulted values too. */
export function applyDefaults(schema: JSONSchema, value: unknown): void {
  if (Array.isArray(value)) {
    if (schema.items) for (const v of value) applyDefaults(schema.items, v);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [k, sub] of Object.entries(schema.properties ?? {})) {
    if ((value[k] === undefined || (value[k] === null && !sub.nullable)) && sub.default !== undefined) {
      value[k] = clone(sub.default);
    }
    if (value[k] !== undefined) applyDefaults(sub, value[k]);
  }
  const addl = mapSchema(schema);
  if (addl) for (const k of Object.keys(value)) if (!schema.properties?.[k]) applyDefaults(addl, value[k]);
}

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/,
};

const patterns = new Map<string, RegExp | null>();
function regex(p: string): RegExp | null {
  if (!patterns.has(p)) {
    try {
      patterns.set(p, new RegExp(p, 'u'));
    } catch {
      console.warn(`[sim] pattern skipped (not a JS regexp): ${p}`);
      patterns.set(p, null);
    }
  }
  return patterns.get(p) ?? null;
}

/**
 * Validates a value against a structural schema. `old` is the stored value at the same path (for CEL
 * transition rules with `oldSelf`); it is only followed through object fields and map values.
 */
export function validate(
  schema: JSONSchema,
  value: unknown,
  path: string,
  errors: FieldError[],
  old?: unknown,
): void {
  if (value === null) {
    if (!schema.nullable && schema.type) {
      errors.push({
        type: 'TypeInvalid',
        field: path,
        value: 'null',
        detail: `${path} in body must be of type ${schema.type}: "null"`,
      });
    }
    return;
  }
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  if (intOrString) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
      const t = typeName(value);
      errors.push({
        type: 'TypeInvalid',
        field: path,
        value: t,
        detail: `${path} in body must be of type integer,string: "${t}"`,
      });
      return;
    }
  } else if (schema.type && !typeMatches(schema.type, value)) {
    const t = typeName(value);
    errors.push({
      type: 'TypeInvalid',
      field: path,
      value: t,
      detail: `${path} in body must be of type ${schema.type}: "${t}"`,
    });
    return;
  }
  const before = errors.length;
  validateValue(schema, value, path, errors);
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => validate(schema.items!, v, `${path}[${i}]`, errors));
  } else if (isPlainObject(value)) {
    for (const r of schema.required ?? []) {
      if (value[r] === undefined) errors.push({ type: 'Required', field: child(path, r) });
    }
    const oldObj = isPlainObject(old) ? old : undefined;
    for (const [k, v] of Object.entries(value)) {
      const sub = schema.properties?.[k];
      if (sub) validate(sub, v, child(path, k), errors, oldObj?.[k]);
      else if (mapSchema(schema)) validate(mapSchema(schema)!, v, `${path}[${k}]`, errors, oldObj?.[k]);
    }
  }
  for (const sub of schema.allOf ?? []) validateValue(sub, value, path, errors);
  if (schema.anyOf && !schema.anyOf.some((s) => passes(s, value, path))) {
    errors.push({
      type: 'Invalid',
      field: path,
      value,
      detail: `${path} in body must validate at least one schema (anyOf)`,
    });
  }
  if (schema.oneOf && schema.oneOf.filter((s) => passes(s, value, path)).length !== 1) {
    errors.push({
      type: 'Invalid',
      field: path,
      value,
      detail: `${path} in body must validate one and only one schema (oneOf)`,
    });
  }
  if (schema.not && passes(schema.not, value, path)) {
    errors.push({
      type: 'Invalid',
      field: path,
      value,
      detail: `${path} in body should not validate the schema (not)`,
    });
  }
  // The apiserver skips CEL rules of a value that already failed its schema checks.
  if (errors.length === before) runCelRules(schema, value, path, errors, old);
}

function passes(schema: JSONSchema, value: unknown, path: string): boolean {
  const errs: FieldError[] = [];
  if (schema.type && !typeMatches(schema.type, value)) return false;
  validateValue(schema, value, path, errs);
  return errs.length === 0;
}

/** Value-level checks of one schema node (no recursion). */
function validateValue(schema: JSONSchema, value: unknown, path: string, errors: FieldError[]): void {
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    errors.push({ type: 'NotSupported', field: path, value, supported: schema.enum });
  }
  if (typeof value === 'string') {
    const len = [...value].length;
    if (schema.maxLength !== undefined && len > schema.maxLength) {
      errors.push({ type: 'TooLong', field: path, value, limit: schema.maxLength });
    }
    if (schema.minLength !== undefined && len < schema.minLength) {
      errors.push({
        type: 'Invalid',
        field: path,
        value,
        detail: `${path} in body should be at least ${schema.minLength} chars long`,
      });
    }
    const re = schema.pattern ? regex(schema.pattern) : null;
    if (re && !re.test(value)) {
      errors.push({
        type: 'Invalid',
        field: path,
        value,
        detail: `${path} in body should match '${schema.pattern}'`,
      });
    }
    const fmt = schema.format ? FORMATS[schema.format] : undefined;
    if (fmt && !fmt.test(value)) {
      errors.push({
        type: 'Invalid',
        field: path,
        value,
        detail: `${path} in body must be of type ${schema.format}: ${JSON.stringify(value)}`,
      });
    }
  }
  if (typeof value === 'number') {
    if (
      schema.minimum !== undefined &&
      (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)
    ) {
      const rel = schema.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
      errors.push({
        type: 'Invalid',
        field: path,
        value,
        detail: `${path} in body should be ${rel} ${schema.minimum}`,
      });
    }
    if (
      schema.maximum !== undefined &&
      (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)
    ) {
      const rel = schema.exclusiveMaximum ? 'less than' : 'less than or equal to';
      errors.push({
        type: 'Invalid',
        field: path,
        value,
        detail: `${path} in body should be ${rel} ${schema.maximum}`,
      });
    }
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      errors.push({ type: 'TooMany', field: path, value: value.length, limit: schema.maxItems });
    }
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      errors.push({
        type: 'Invalid',
        field: path,
        value: value.length,
        detail: `${path} in body should have at least ${schema.minItems} items`,
      });
    }
  }
  if (isPlainObject(value)) {
    const n = Object.keys(value).length;
    if (schema.maxProperties !== undefined && n > schema.maxProperties) {
      errors.push({ type: 'TooMany', field: path, value: n, limit: schema.maxProperties });
    }
    if (schema.minProperties !== undefined && n < schema.minProperties) {
      errors.push({
        type: 'Invalid',
        field: path,
        value: n,
        detail: `${path} in body should have at least ${schema.minProperties} properties`,
      });
    }
  }
}

function runCelRules(
  schema: JSONSchema,
  value: unknown,
  path: string,
  errors: FieldError[],
  old: unknown,
): void {
  const rules = schema['x-kubernetes-validations'];
  if (!rules) return;
  for (const r of rules) {
    const usesOld = /\boldSelf\b/.test(r.rule);
    if (usesOld && old === undefined) continue; // transition rule: only checked on update
    const program = compileRule(r.rule);
    if (!program) continue;
    const vars: Record<string, unknown> = { self: toCel(value, schema) };
    if (usesOld) vars.oldSelf = toCel(old, schema);
    if (evaluateRule(program, vars, r.rule) === false) {
      const field = r.fieldPath ? `${path}${r.fieldPath}` : path;
      errors.push({
        type: 'Invalid',
        field,
        value: typeName(value),
        detail: r.message ?? `failed rule: ${r.rule}`,
      });
    }
  }
}
