/**
 * A small YAML writer for the JSON objects the wizard creates (block style, two-space indent, strings quoted
 * whenever a YAML reader could take them for anything but a string), so the admin reviews the object in the
 * form they would `oc apply`. Only JSON values: strings, numbers, booleans, null, arrays and plain objects.
 */

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
// Numbers (YAML 1.1 and 1.2, with '_' separators), infinities, hex/octal/binary, and timestamps.
const NUMBER_LIKE =
  /^[-+]?(\.[0-9_]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|nan)$|^0[xob][0-9a-f_]+$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/i;
const PLAIN = /^[A-Za-z0-9_/][A-Za-z0-9_./-]*$/;

const scalar = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  if (PLAIN.test(text) && !RESERVED.test(text) && !NUMBER_LIKE.test(text)) return text;
  return JSON.stringify(text);
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isEmptyCollection = (v: unknown) =>
  (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

const lines = (value: unknown, indent: string): string[] => {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if ((isObject(item) || Array.isArray(item)) && !isEmptyCollection(item)) {
        const [first, ...rest] = lines(item, `${indent}  `);
        return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
      }
      return [`${indent}- ${inline(item)}`];
    });
  }
  if (isObject(value)) {
    return Object.entries(value).flatMap(([key, v]) =>
      (isObject(v) || Array.isArray(v)) && !isEmptyCollection(v)
        ? [`${indent}${scalar(key)}:`, ...lines(v, `${indent}  `)]
        : [`${indent}${scalar(key)}: ${inline(v)}`],
    );
  }
  return [`${indent}${scalar(value)}`];
};

const inline = (v: unknown): string => (Array.isArray(v) ? '[]' : isObject(v) ? '{}' : scalar(v));

export const toYaml = (value: unknown): string => `${lines(value, '').join('\n')}\n`;
