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

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function validKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (prefix !== undefined && (!DNS_SUBDOMAIN.test(prefix) || prefix.length > 253)) return false;
  return name.length <= 63 && NAME_PART.test(name);
}

/** Checks keys and values as labels.Parse does: a selector the apiserver cannot parse is a 400. */
function checked(req: Requirement, term: string): Requirement {
  if (!validKey(req.key))
    throw badRequest(`unable to parse requirement: found '${term}': invalid label key "${req.key}"`);
  const values = 'values' in req ? req.values : 'value' in req ? [req.value] : [];
  values.forEach((v, i) => {
    if (/^[=!]/.test(v))
      throw badRequest(`unable to parse requirement: found '${v[0]}', expected: identifier`);
    if (v !== '' && (v.length > 63 || !NAME_PART.test(v)))
      throw badRequest(
        `unable to parse requirement: values[${i}][${req.key}]: Invalid value: "${v}": ${LABEL_VALUE_RULE}`,
      );
  });
  return req;
}

export function parseLabelSelector(s: string): Requirement[] {
  return splitTerms(s).map((term) => checked(parseTerm(term), term));
}

function parseTerm(term: string): Requirement {
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

/**
 * Field labels the apiserver accepts beyond metadata.name/metadata.namespace, per kind (the registries'
 * GetAttrs/field label conversion funcs); any other label is refused.
 */
const FIELD_LABELS: Record<string, string[]> = {
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Namespace: ['status.phase'],
  // pkg/registry/core/node/strategy.go NodeToSelectableFields.
  Node: ['spec.unschedulable'],
  Secret: ['type'],
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
  ],
};

/** What a field label reads when the field is absent (the GetAttrs funcs format Go zero values). */
const FIELD_ZERO_VALUES: Record<string, Record<string, string>> = {
  Node: { 'spec.unschedulable': 'false' },
};

function fieldLabelSupported(kind: string, label: string): boolean {
  return label === 'metadata.name' || label === 'metadata.namespace' || !!FIELD_LABELS[kind]?.includes(label);
}

/** One matcher for `labelSelector` and `fieldSelector` (the field labels the apiserver supports for `kind`). */
export function selectorMatcher(
  kind: string,
  labelSelector?: string | null,
  fieldSelector?: string | null,
): Matcher | undefined {
  const labels = labelSelector ? parseLabelSelector(labelSelector) : [];
  const fields = fieldSelector
    ? splitTerms(fieldSelector).map((term) => {
        const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
        if (!m) throw badRequest(`invalid selector: '${fieldSelector}'; can't understand '${term}'`);
        const key = m[1].trim();
        if (!fieldLabelSupported(kind, key)) throw badRequest(`field label not supported: ${key}`);
        return { op: m[2] === '!=' ? 'neq' : 'eq', key, value: m[3].trim() } as Requirement;
      })
    : [];
  if (!labels.length && !fields.length) return undefined;
  return (obj) =>
    matches(labels, (k) => obj.metadata.labels?.[k]) &&
    matches(fields, (k) =>
      k === 'metadata.namespace'
        ? (obj.metadata.namespace ?? '')
        : (fieldValue(obj, k) ?? FIELD_ZERO_VALUES[kind]?.[k] ?? ''),
    );
}
