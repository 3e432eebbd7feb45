import type { K8sObject } from './sim-api';
import { badRequest } from './errors';

type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type Matcher = (obj: K8sObject) => boolean;

/** Splits on commas outside parentheses ("a in (x,y),b" -> ["a in (x,y)", "b"]). */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter(Boolean);
}

export function parseLabelSelector(s: string): Requirement[] {
  return splitTerms(s).map((term) => {
    let m = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m)
      return {
        op: m[2] as 'in' | 'notin',
        key: m[1],
        values: m[3]
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      };
    m = /^([^\s!=]+)\s*(==|=|!=)\s*([^\s]*)$/.exec(term);
    if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1], value: m[3] };
    m = /^!\s*([^\s!=()]+)$/.exec(term);
    if (m) return { op: 'notexists', key: m[1] };
    m = /^([^\s!=()]+)$/.exec(term);
    if (m) return { op: 'exists', key: m[1] };
    throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
  });
}

function matches(reqs: Requirement[], get: (key: string) => string | undefined): boolean {
  return reqs.every((r) => {
    const v = get(r.key);
    switch (r.op) {
      case 'eq':
        return v === r.value;
      case 'neq':
        return v !== r.value;
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
      case 'exists':
        return v !== undefined;
      case 'notexists':
        return v === undefined;
    }
  });
}

function fieldValue(obj: K8sObject, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? undefined : String(cur);
}

/** One matcher for `labelSelector` and `fieldSelector` (metadata.name, metadata.namespace, or any dotted path). */
export function selectorMatcher(
  labelSelector?: string | null,
  fieldSelector?: string | null,
): Matcher | undefined {
  const labels = labelSelector ? parseLabelSelector(labelSelector) : [];
  const fields = fieldSelector
    ? splitTerms(fieldSelector).map((term) => {
        const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
        if (!m) throw badRequest(`invalid selector: '${fieldSelector}'; can't understand '${term}'`);
        return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1].trim(), value: m[3].trim() } as Requirement;
      })
    : [];
  if (!labels.length && !fields.length) return undefined;
  return (obj) =>
    matches(labels, (k) => obj.metadata.labels?.[k]) &&
    matches(fields, (k) =>
      k === 'metadata.namespace' ? (obj.metadata.namespace ?? '') : fieldValue(obj, k),
    );
}
