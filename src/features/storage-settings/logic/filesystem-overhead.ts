import type { EditableField } from '../../../k8s/edit-session';
import type { FieldPath } from '../../../k8s/json-patch';
import { quantityToInteger, validateStorageSize, type StorageSizeError } from '../../../k8s/quantity';
import type { CDIConfig, FilesystemOverhead, HyperConverged } from '../../../k8s/types';

/**
 * Filesystem overhead (api-facts 1.1, 6): the HyperConverged holds `filesystemOverhead {global, storageClass}`
 * (`spec.filesystemOverhead` in v1beta1, `spec.storage.filesystemOverhead` in v1)
 * as strings matching `^(0(?:\.\d{1,3})?|1)$`; HCO copies them to the CDI resource and CDI's config
 * controller writes what it applies to `CDIConfig.status.filesystemOverhead` (CDI v1.65.0
 * pkg/controller/config-controller.go `reconcileFilesystemOverhead`: the spec global if valid, else "0.06";
 * one entry per existing StorageClass, the override or the global).
 *
 * The form shows percentages; all conversions here are exact decimal string arithmetic (no floats).
 */

/** The HCO/CDI `Percent` pattern (CRD). */
export const OVERHEAD_PATTERN = /^(0(?:\.\d{1,3})?|1)$/;
/** CDI's default global overhead (pkg/common `DefaultGlobalOverhead`); HCO's description still says 0.055. */
export const CDI_DEFAULT_OVERHEAD = '0.06';
/** The annotation that patches the CDI resource past HCO (api-facts 1.5). */
export const CDI_JSONPATCH_ANNOTATION = 'containerizeddataimporter.kubevirt.io/jsonpatch';

export const isValidOverhead = (value: unknown): value is string =>
  typeof value === 'string' && OVERHEAD_PATTERN.test(value);

export type OverheadInputError = 'format' | 'negative' | 'too-large' | 'too-precise';

export type ParsedPercent = { ok: true; value: string } | { ok: false; error: OverheadInputError };

const PERCENT_SHAPE = /^(\d+)(?:[.,](\d*))?$|^[.,](\d+)$/;

/**
 * A percentage as typed ("5.5", "10", "100", "0") → the exact string HCO accepts ("0.055", "0.1", "1", "0").
 * A percentage with more than one significant decimal would need a 4th decimal in HCO's value ("5.55" →
 * 0.0555) and is refused, as are negative, over 100 and non-numeric input. '' is not an input (it means
 * "not set"); callers handle it first.
 */
export const percentToOverhead = (input: string): ParsedPercent => {
  const text = input.trim().replace(/\s*%$/, '');
  if (/^-\s*\d/.test(text) || /^-[.,]\d/.test(text)) return { ok: false, error: 'negative' };
  const m = PERCENT_SHAPE.exec(text);
  if (!m) return { ok: false, error: 'format' };
  const whole = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (m[2] ?? m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > 1) return { ok: false, error: 'too-precise' };
  // Thousandths of 1 (= tenths of a percent), exactly.
  const thousandths = BigInt(whole) * 10n + BigInt(fraction || '0');
  if (thousandths > 1000n) return { ok: false, error: 'too-large' };
  if (thousandths === 1000n) return { ok: true, value: '1' };
  if (thousandths === 0n) return { ok: true, value: '0' };
  const digits = thousandths.toString().padStart(3, '0').replace(/0+$/, '');
  return { ok: true, value: `0.${digits}` };
};

/** HCO's string → a percentage for people ("0.055" → "5.5", "1" → "100"); undefined when not valid. */
export const overheadToPercent = (value: unknown): string | undefined => {
  if (!isValidOverhead(value)) return undefined;
  if (value === '1') return '100';
  const digits = (value.split('.')[1] ?? '').padEnd(3, '0');
  const thousandths = Number(digits); // at most 999: exact
  const whole = Math.floor(thousandths / 10);
  const tenth = thousandths % 10;
  return tenth === 0 ? String(whole) : `${whole}.${tenth}`;
};

/** Why a percentage field's text cannot be saved, or undefined ('' is fine: it means "not set"). */
export const validatePercentInput = (text: string): OverheadInputError | undefined => {
  if (text.trim() === '') return undefined;
  const parsed = percentToOverhead(text);
  return parsed.ok ? undefined : parsed.error;
};

/**
 * An overhead field: the form holds the percentage text ('' = not set), the object the HCO string. Clearing
 * it removes just this key. Writing text that is not a valid percentage throws, so the engine can never build
 * a patch with it (the section refuses the input at the field first).
 */
export const overheadField = (id: string, path: FieldPath): EditableField<string> => ({
  id,
  path,
  read: (stored) => (typeof stored === 'string' ? (overheadToPercent(stored) ?? stored) : ''),
  write: (text) => {
    if (text.trim() === '') return undefined;
    const parsed = percentToOverhead(text);
    if (!parsed.ok) throw new Error(`Not a valid percentage: ${text}`);
    return parsed.value;
  },
});

export const GLOBAL_FIELD_ID = 'global';
export const classFieldId = (className: string) => `class:${className}`;
export const classOfFieldId = (id: string): string | undefined =>
  id.startsWith('class:') ? id.slice('class:'.length) : undefined;

/** The form's fields: the global value and one per class (an override each), under `base` (`hcoPath`). */
export const overheadFields = (base: FieldPath, classNames: readonly string[]): EditableField<string>[] => [
  overheadField(GLOBAL_FIELD_ID, [...base, 'global']),
  ...classNames.map((name) => overheadField(classFieldId(name), [...base, 'storageClass', name])),
];

/** Why the value CDI applies differs from (or is not literally) what the HyperConverged configures. */
export type OverheadNote =
  /** Nothing configured: CDI applies its default. */
  | 'cdi-default'
  /** No override: the class follows the global value. */
  | 'follows-global'
  /** CDI applies something else than the HyperConverged implies: not reconciled yet (or the jsonpatch). */
  | 'not-applied-yet'
  /** The HyperConverged carries the unsupported CDI jsonpatch annotation touching filesystemOverhead. */
  | 'jsonpatch'
  /** An override for a StorageClass that does not exist: CDI ignores it until such a class exists. */
  | 'no-such-class'
  /** The class exists but CDIConfig has no entry for it yet (a new class, CDI not reconciled). */
  | 'class-not-in-status'
  /** What CDI applies is unknown (CDIConfig loading or unreadable). */
  | 'applied-unknown';

export interface OverheadRow {
  className: string;
  /** A StorageClass of this name exists (false: only an override names it). */
  exists: boolean;
  /** The override in the HyperConverged, if any. */
  configured?: string;
  /** What CDI should apply from the HyperConverged alone (override, else global, else CDI's default). */
  expected: string;
  /** What CDIConfig.status says CDI applies; undefined when unknown or absent. */
  applied?: string;
  notes: OverheadNote[];
}

export interface GlobalOverhead {
  configured?: string;
  expected: string;
  applied?: string;
  notes: OverheadNote[];
}

/** True when the HyperConverged's CDI jsonpatch annotation mentions filesystemOverhead. */
export const jsonpatchTouchesOverhead = (hco: HyperConverged): boolean =>
  (hco.metadata?.annotations?.[CDI_JSONPATCH_ANNOTATION] ?? '').includes('filesystemOverhead');

/**
 * The global value and one row per class (every StorageClass, plus classes only an override names), with
 * what the HyperConverged configures, what CDI should apply and what CDIConfig says it applies.
 * `cdiStatus` undefined means "unknown" (loading or unreadable), never "nothing applied".
 */
export const overheadRows = (
  spec: FilesystemOverhead | undefined,
  cdiStatus: FilesystemOverhead | undefined,
  classNames: readonly string[],
  jsonpatch = false,
): { global: GlobalOverhead; rows: OverheadRow[] } => {
  const configuredGlobal = typeof spec?.global === 'string' ? spec.global : undefined;
  const expectedGlobal = isValidOverhead(configuredGlobal) ? configuredGlobal : CDI_DEFAULT_OVERHEAD;
  const known = cdiStatus !== undefined;
  const differs = (expected: string, applied: string | undefined) =>
    known && applied !== undefined && applied !== expected;
  const mismatch = (): OverheadNote[] => (jsonpatch ? ['jsonpatch'] : ['not-applied-yet']);

  const globalNotes: OverheadNote[] = [];
  if (configuredGlobal === undefined) globalNotes.push('cdi-default');
  if (!known) globalNotes.push('applied-unknown');
  else if (differs(expectedGlobal, cdiStatus.global) || cdiStatus.global === undefined)
    globalNotes.push(...mismatch());

  const overrides = spec?.storageClass ?? {};
  const existing = new Set(classNames);
  const names = [...new Set([...classNames, ...Object.keys(overrides)])].sort((a, b) => a.localeCompare(b));
  const rows = names.map((className): OverheadRow => {
    const configured = typeof overrides[className] === 'string' ? overrides[className] : undefined;
    const expected = isValidOverhead(configured) ? configured : expectedGlobal;
    const exists = existing.has(className);
    const applied = cdiStatus?.storageClass?.[className];
    const notes: OverheadNote[] = [];
    if (!exists) {
      notes.push('no-such-class');
    } else {
      if (configured === undefined)
        notes.push(configuredGlobal === undefined ? 'cdi-default' : 'follows-global');
      if (!known) notes.push('applied-unknown');
      else if (applied === undefined) notes.push('class-not-in-status');
      else if (applied !== expected) notes.push(...mismatch());
    }
    return { className, exists, configured, expected, applied, notes };
  });
  return {
    global: {
      configured: configuredGlobal,
      expected: expectedGlobal,
      applied: cdiStatus?.global,
      notes: globalNotes,
    },
    rows,
  };
};

/** CDIConfig's applied overhead, or undefined while unknown. */
export const appliedOverhead = (cdiConfig: CDIConfig | undefined): FilesystemOverhead | undefined =>
  cdiConfig?.status?.filesystemOverhead;

// ---------------------------------------------------------------------------------------------------------
// Calculator: CDI v1.65.0 pkg/util/util.go (d97a33c2), float64 arithmetic reproduced with JS numbers (also
// IEEE-754 doubles, same operation order, so the same rounding):
//
//   const DefaultAlignBlockSize = 1024 * 1024
//   func RoundUp(number, multiple int64) int64 { return int64(math.Ceil(float64(number)/float64(multiple))) * multiple }
//   func RoundDown(number, multiple int64) int64 { return number / multiple * multiple }
//   func GetUsableSpace(o float64, availableSpace int64) int64 {
//       return RoundDown(int64(math.Ceil(float64(availableSpace) / (1 + o))), DefaultAlignBlockSize) }
//   func GetRequiredSpace(o float64, requestedSpace int64) int64 {
//       return int64(math.Ceil(float64(RoundUp(requestedSpace, DefaultAlignBlockSize)) * (1 + o))) }
//
// `o` is `strconv.ParseFloat(percent, 64)` (pkg/controller/common/util.go `InflateSizeWithOverhead`, which
// renderPvcSpecVolumeSize applies to `spec.storage` requests, and clone-controller.go `getUsableSpace`, which
// applies GetUsableSpace to the PVC's storage request). Both apply to Filesystem volumes only; Block volumes
// have no overhead. Note that CDI v1.65.0 multiplies by (1 + overhead), not divides by (1 − overhead).
// ---------------------------------------------------------------------------------------------------------

export const ALIGN_BYTES = 1024n * 1024n;

const float = (n: bigint): number => Number(n);
const toInt = (x: number): bigint => BigInt(Math.trunc(x));

const roundUp = (number: bigint, multiple: bigint): bigint =>
  toInt(Math.ceil(float(number) / float(multiple))) * multiple;
const roundDown = (number: bigint, multiple: bigint): bigint => (number / multiple) * multiple;

/** GetUsableSpace: the largest disk image CDI puts on a Filesystem PVC of `pvcBytes` with `overhead`. */
export const usableDiskBytes = (overhead: string, pvcBytes: bigint): bigint =>
  roundDown(toInt(Math.ceil(float(pvcBytes) / (1 + Number.parseFloat(overhead)))), ALIGN_BYTES);

/** GetRequiredSpace: the Filesystem PVC size CDI requests for a disk of `diskBytes` with `overhead`. */
export const requiredPvcBytes = (overhead: string, diskBytes: bigint): bigint =>
  toInt(Math.ceil(float(roundUp(diskBytes, ALIGN_BYTES)) * (1 + Number.parseFloat(overhead))));

export type CalculatorResult = { ok: true; bytes: bigint } | { ok: false; error: StorageSizeError };

const calculate = (text: string, overhead: string, f: (o: string, n: bigint) => bigint): CalculatorResult => {
  const error = validateStorageSize(text.trim());
  if (error) return { ok: false, error };
  return { ok: true, bytes: f(overhead, quantityToInteger(text.trim())!) };
};

/** The usable disk size for a PVC size typed as a quantity ("30Gi"). */
export const usableDiskFor = (pvcSize: string, overhead: string): CalculatorResult =>
  calculate(pvcSize, overhead, usableDiskBytes);

/** The PVC size needed for a disk size typed as a quantity. */
export const requiredPvcFor = (diskSize: string, overhead: string): CalculatorResult =>
  calculate(diskSize, overhead, requiredPvcBytes);
