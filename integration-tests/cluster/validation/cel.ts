import { parse } from '@marcbachmann/cel-js';
import type { JSONSchema } from '../registry';

type Program = ReturnType<typeof parse>;

const compiled = new Map<string, Program | null>();

/** Compiles once; a rule cel-js cannot parse is skipped (returns null) and logged once. */
export function compileRule(rule: string): Program | null {
  if (!compiled.has(rule)) {
    try {
      compiled.set(rule, parse(rule));
    } catch (e) {
      console.warn(`[sim] CEL rule skipped (cannot compile): ${rule}: ${(e as Error).message}`);
      compiled.set(rule, null);
    }
  }
  return compiled.get(rule) ?? null;
}

const RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

/** Kubernetes' CEL property-name escaping: reserved words -> __word__, '.' -> __dot__, '-' -> __dash__, ... */
function escapeKey(k: string): string {
  if (RESERVED.has(k)) return `__${k}__`;
  return k
    .replace(/__/g, '__underscores__')
    .replace(/\./g, '__dot__')
    .replace(/-/g, '__dash__')
    .replace(/\//g, '__slash__');
}

/** JSON value -> CEL value: integers (by schema) become int (BigInt), object keys are escaped. */
export function toCel(value: unknown, schema: JSONSchema | undefined): unknown {
  if (typeof value === 'number') {
    const isInt = schema?.type === 'integer' || (schema?.type === undefined && Number.isInteger(value));
    return isInt && Number.isInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => toCel(v, schema?.items));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const sub =
        schema?.properties?.[k] ??
        (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      out[schema?.properties?.[k] || !schema?.additionalProperties ? escapeKey(k) : k] = toCel(v, sub);
    }
    return out;
  }
  return value;
}

const unevaluable = new Set<string>();

/**
 * Evaluates a compiled rule; undefined when it cannot be evaluated (treated as passing, logged once per rule:
 * cel-js lacks some Kubernetes CEL library functions, e.g. the lists extension's `sum()`).
 */
export function evaluateRule(
  program: Program,
  vars: Record<string, unknown>,
  rule: string,
): boolean | undefined {
  try {
    return program(vars) === true;
  } catch (e) {
    if (!unevaluable.has(rule)) {
      unevaluable.add(rule);
      console.warn(`[sim] CEL rule skipped (cannot evaluate): ${rule}: ${(e as Error).message}`);
    }
    return undefined;
  }
}
