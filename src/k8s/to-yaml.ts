/**
 * A small YAML writer for API objects (JSON values: maps, lists, strings, numbers, booleans, null), for the
 * dialogs' "this is what will be created / what was saved" views. Strings that YAML could read as anything
 * but the same string (numbers, booleans, null, `key: value`, leading indicators) are written as JSON strings,
 * which are valid YAML double-quoted scalars; so the output reads back (`kubectl apply -f`) to the same object.
 */

const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/;
// YAML 1.1 and 1.2 words and numbers that a plain scalar would turn into something other than a string.
const AMBIGUOUS =
  /^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?(?:\.?[0-9][0-9_.eE+-]*|\.inf|\.nan|0x[0-9a-f]+|0o[0-7]+))$/i;

const scalarString = (s: string): string =>
  PLAIN.test(s) && !AMBIGUOUS.test(s) && !s.endsWith(' ') ? s : JSON.stringify(s);

const scalar = (v: unknown): string => {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return scalarString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const lines = (value: unknown, indent: string): string[] => {
  if (isMap(value)) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .flatMap(([k, v]) => {
        const key = scalarString(k);
        if (isMap(v) && Object.keys(v).length > 0) return [`${indent}${key}:`, ...lines(v, `${indent}  `)];
        if (Array.isArray(v) && v.length > 0) return [`${indent}${key}:`, ...lines(v, indent)];
        return [`${indent}${key}: ${isMap(v) ? '{}' : Array.isArray(v) ? '[]' : scalar(v)}`];
      });
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if ((isMap(item) && Object.keys(item).length > 0) || (Array.isArray(item) && item.length > 0)) {
        const [first, ...rest] = lines(item, `${indent}  `);
        return [`${indent}- ${first.trimStart()}`, ...rest];
      }
      return [`${indent}- ${isMap(item) ? '{}' : Array.isArray(item) ? '[]' : scalar(item)}`];
    });
  }
  return [`${indent}${scalar(value)}`];
};

/** API objects read best with apiVersion, kind and metadata first, as kubectl prints them. */
const FIRST = ['apiVersion', 'kind', 'metadata'];
const ordered = (value: unknown): unknown =>
  isMap(value)
    ? Object.fromEntries(
        [...FIRST.filter((k) => k in value), ...Object.keys(value).filter((k) => !FIRST.includes(k))].map(
          (k) => [k, value[k]],
        ),
      )
    : value;

/** `value` as a YAML document (without the leading `---`), ending in a newline. */
export const toYaml = (value: unknown): string => `${lines(ordered(value), '').join('\n')}\n`;
