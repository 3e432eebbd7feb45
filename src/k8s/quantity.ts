/**
 * Kubernetes resource quantities ("10Gi", "500M", "1.5e9") as k8s.io/apimachinery/pkg/api/resource
 * (quantity.go `ParseQuantity`, suffix.go) reads them:
 *
 *   <quantity>        ::= <signedNumber><suffix>
 *   <signedNumber>    ::= <number> | <sign><number>
 *   <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 *   <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
 *   <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
 *   <decimalExponent> ::= "e" <signedInteger> | "E" <signedInteger>
 *
 * A number needs at least one digit here (the CRD schemas' quantity pattern demands it, although
 * ParseQuantity itself takes "+" or "." as zero). No npm package for this is small and maintained, so it
 * is implemented here, exactly, with BigInt: no float rounding on Ei-sized values.
 */

export type QuantityError = 'empty' | 'format' | 'suffix';

/** An exact rational value: numerator / denominator (denominator > 0). */
export interface QuantityValue {
  numerator: bigint;
  denominator: bigint;
}

export type ParsedQuantity = { ok: true; value: QuantityValue } | { ok: false; error: QuantityError };

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// apimachinery's split (number, suffix letters, optional signed integer), but any letters, so that "10gi"
// is reported as an unknown unit rather than a malformed number.
const SHAPE = /^([+-]?)(\d*)(?:\.(\d*))?([a-zA-Z]*)([+-]?\d*)$/;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

export const parseQuantity = (text: string): ParsedQuantity => {
  if (text === '') return { ok: false, error: 'empty' };
  const m = SHAPE.exec(text);
  if (!m) return { ok: false, error: 'format' };
  const [, sign, whole, fraction = '', letters, exponentText] = m;
  if (whole === '' && fraction === '') return { ok: false, error: 'format' };
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let denominator = pow10(fraction.length);
  const suffix = `${letters}${exponentText}`;
  if (suffix in BINARY) {
    numerator *= BINARY[suffix];
  } else if (suffix in DECIMAL) {
    const e = DECIMAL[suffix];
    if (e >= 0) numerator *= pow10(e);
    else denominator *= pow10(-e);
  } else if ((letters === 'e' || letters === 'E') && /^[+-]?\d+$/.test(exponentText)) {
    const e = Number(exponentText);
    // ParseInt(…, 10, 64) would take more, but no quantity can hold 10^±4000 anyway.
    if (!Number.isSafeInteger(e) || Math.abs(e) > 4000) return { ok: false, error: 'format' };
    if (e >= 0) numerator *= pow10(e);
    else denominator *= pow10(-e);
  } else {
    return { ok: false, error: 'suffix' };
  }
  if (sign === '-') numerator = -numerator;
  return { ok: true, value: { numerator, denominator } };
};

/** Whole units, rounded up as `Quantity.Value()` does for fractions ("1.5" bytes is 2); undefined if invalid. */
export const quantityToInteger = (text: string): bigint | undefined => {
  const parsed = parseQuantity(text);
  if (!parsed.ok) return undefined;
  const { numerator: n, denominator: d } = parsed.value;
  const q = n / d;
  return n % d !== 0n && n > 0n ? q + 1n : q;
};

/** Quantities cannot exceed 2^63-1 in magnitude (larger ones are capped by apimachinery). */
export const MAX_QUANTITY = (1n << 63n) - 1n;

export type StorageSizeError =
  | { code: QuantityError }
  | { code: 'negative' }
  | { code: 'zero' }
  | { code: 'too-small'; minimum: string }
  | { code: 'too-large' };

/** CDI refuses DataVolumes below 1 MiB (api-facts 5). */
export const MIN_STORAGE_BYTES = 1n << 20n;

/** Why `text` is not a usable storage request (a positive size of at least 1Mi), or undefined. */
export const validateStorageSize = (text: string): StorageSizeError | undefined => {
  const parsed = parseQuantity(text);
  if (!parsed.ok) return { code: parsed.error };
  const { numerator } = parsed.value;
  if (numerator < 0n) return { code: 'negative' };
  if (numerator === 0n) return { code: 'zero' };
  const bytes = quantityToInteger(text)!;
  if (bytes > MAX_QUANTITY) return { code: 'too-large' };
  if (bytes < MIN_STORAGE_BYTES) return { code: 'too-small', minimum: '1Mi' };
  return undefined;
};

/** -1, 0 or 1 as `a` is below, equal to or above `b`; undefined when either is invalid. */
export const compareQuantities = (a: string, b: string): -1 | 0 | 1 | undefined => {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (!x.ok || !y.ok) return undefined;
  const left = x.value.numerator * y.value.denominator;
  const right = y.value.numerator * x.value.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
};

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/**
 * Bytes for people: the largest binary unit with at most `maxFractionDigits` decimals ("30 GiB",
 * "1.5 GiB", "512 B"), rounded to nearest.
 */
export const formatBytes = (bytes: bigint | number, maxFractionDigits = 1): string => {
  let b = typeof bytes === 'bigint' ? bytes : BigInt(Math.round(bytes));
  const negative = b < 0n;
  if (negative) b = -b;
  let unit = 0;
  while (unit < BINARY_UNITS.length - 1 && b >= 1n << BigInt(10 * (unit + 1))) unit++;
  const divisor = 1n << BigInt(10 * unit);
  const scale = pow10(maxFractionDigits);
  const scaled = (b * scale + divisor / 2n) / divisor;
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(maxFractionDigits, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''} ${BINARY_UNITS[unit]}`;
};

/** `formatBytes` of a quantity, or undefined when it is not one. */
export const formatQuantity = (text: string, maxFractionDigits = 1): string | undefined => {
  const bytes = quantityToInteger(text);
  return bytes === undefined ? undefined : formatBytes(bytes, maxFractionDigits);
};
