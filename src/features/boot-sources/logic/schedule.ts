import { Cron } from 'croner';
import cronstrue from 'cronstrue';

/**
 * Boot-source schedules (DataImportCron `spec.schedule`). CDI v1.65.0 checks them with robfig/cron v3
 * `ParseStandard` (pkg/apiserver/webhooks/dataimportcron-validate.go; its controller and the CronJob it
 * creates for registry sources parse them the same way), so `validateSchedule` follows that parser:
 * exactly five fields (minute hour day-of-month month day-of-week), `*` `?` `,` `-` `/`, month names
 * JAN–DEC and weekday names SUN–SAT (any case), day of week 0–6, and the descriptors @yearly, @annually,
 * @monthly, @weekly, @daily, @midnight and @hourly. It refuses what robfig refuses (six fields with
 * seconds, `L`, `W`, `#`, 7 for Sunday, @reboot) and, deliberately, two things robfig accepts:
 * `@every <duration>` (no fixed times, so neither words nor next runs can be shown) and a `TZ=`/`CRON_TZ=`
 * prefix (Kubernetes refuses it in a new CronJob's schedule, so CDI's poller for the source would fail).
 * Times are UTC: CDI's controller and the kube-controller-manager run on UTC.
 */

export type ScheduleField = 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek';

export type ScheduleError =
  | { code: 'empty' }
  | { code: 'field-count'; found: number }
  | { code: 'seconds' }
  | { code: 'unknown-descriptor'; value: string }
  | { code: 'every' }
  | { code: 'timezone' }
  | { code: 'bad-value'; field: ScheduleField; value: string }
  | { code: 'out-of-range'; field: ScheduleField; value: string; min: number; max: number }
  | { code: 'reversed-range'; field: ScheduleField; value: string }
  | { code: 'bad-step'; field: ScheduleField; value: string };

interface FieldRule {
  field: ScheduleField;
  min: number;
  max: number;
  names?: readonly string[];
}

const RULES: readonly FieldRule[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'dayOfMonth', min: 1, max: 31 },
  {
    field: 'month',
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  { field: 'dayOfWeek', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/** robfig's descriptors (case-sensitive there too) as the five fields they stand for. */
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface ParsedField {
  values: number[];
  /** `*` or `?` without a step above 1: robfig then ANDs day of month and day of week instead of ORing. */
  star: boolean;
}

type Parsed = { ok: true; fields: ParsedField[] } | { ok: false; error: ScheduleError };

const parseNumber = (text: string, rule: FieldRule): number | undefined => {
  const named = rule.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + rule.min;
  // strconv.Atoi, negatives refused ('-' already split ranges).
  return /^\+?\d+$/.test(text) ? Number(text) : undefined;
};

const parseField = (text: string, rule: FieldRule): ParsedField | ScheduleError => {
  const { field } = rule;
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range, stepText, ...extraSlashes] = part.split('/');
    if (extraSlashes.length > 0) return { code: 'bad-value', field, value: part };
    let start: number;
    let end: number;
    let partStar = false;
    if (range === '*' || range === '?') {
      [start, end, partStar] = [rule.min, rule.max, true];
    } else {
      const bounds = range.split('-');
      if (bounds.length > 2) return { code: 'bad-value', field, value: part };
      const low = parseNumber(bounds[0], rule);
      const high = bounds.length === 2 ? parseNumber(bounds[1], rule) : low;
      if (low === undefined || high === undefined) return { code: 'bad-value', field, value: part };
      [start, end] = [low, high];
      // "5/10": from 5 to the end of the field.
      if (stepText !== undefined && bounds.length === 1) end = rule.max;
    }
    let step = 1;
    if (stepText !== undefined) {
      const parsed = /^\+?\d+$/.test(stepText) ? Number(stepText) : undefined;
      if (parsed === undefined) return { code: 'bad-value', field, value: part };
      if (parsed === 0) return { code: 'bad-step', field, value: part };
      step = parsed;
    }
    if (start < rule.min || end > rule.max) {
      return { code: 'out-of-range', field, value: part, min: rule.min, max: rule.max };
    }
    if (start > end) return { code: 'reversed-range', field, value: part };
    if (partStar && step === 1) star = true;
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return { values: [...values].sort((a, b) => a - b), star };
};

/** `cron` in five fields (descriptors expanded), or undefined when it is not a descriptor robfig knows. */
const expand = (cron: string): string | undefined => (cron.startsWith('@') ? DESCRIPTORS[cron] : cron);

const parse = (cron: string): Parsed => {
  if (cron.trim() === '') return { ok: false, error: { code: 'empty' } };
  if (/^\s*(CRON_)?TZ=/.test(cron)) return { ok: false, error: { code: 'timezone' } };
  if (cron.startsWith('@every ') || cron === '@every') return { ok: false, error: { code: 'every' } };
  const expanded = expand(cron);
  if (expanded === undefined) return { ok: false, error: { code: 'unknown-descriptor', value: cron } };
  const texts = expanded.trim().split(/\s+/);
  if (texts.length !== 5) {
    return {
      ok: false,
      error: texts.length === 6 ? { code: 'seconds' } : { code: 'field-count', found: texts.length },
    };
  }
  const fields: ParsedField[] = [];
  for (let i = 0; i < 5; i++) {
    const parsed = parseField(texts[i], RULES[i]);
    if ('code' in parsed) return { ok: false, error: parsed };
    fields.push(parsed);
  }
  return { ok: true, fields };
};

/** Why CDI would refuse `cron` (or why the wizard does), or undefined when it is a valid schedule. */
export const validateSchedule = (cron: string): ScheduleError | undefined => {
  const parsed = parse(cron);
  return parsed.ok ? undefined : parsed.error;
};

/**
 * The same schedule for croner: every field as `*` or an explicit list, so croner's own dialect (which
 * refuses "3/12", reads 7 as Sunday, and ORs the day fields unless one is a wildcard) cannot differ from
 * robfig's meaning.
 */
const cronerPattern = (fields: ParsedField[]): string =>
  fields.map((f) => (f.star ? '*' : f.values.join(','))).join(' ');

/** The next `count` times the schedule fires after `from` (UTC, as CDI runs it); [] when it is invalid. */
export const nextRuns = (cron: string, count: number, from: Date): Date[] => {
  const parsed = parse(cron);
  if (!parsed.ok || count <= 0) return [];
  // A fixed UTC offset, not `timezone: 'Etc/UTC'`: with a zone name croner formats every candidate date
  // through Intl, which cost the dashboard most of a second for a page of rows.
  const job = new Cron(cronerPattern(parsed.fields), { utcOffset: 0, paused: true });
  try {
    return job.nextRuns(count, from);
  } finally {
    job.stop();
  }
};

/**
 * The schedule in words (times in UTC, 24-hour clock), or undefined when it is invalid. The bundle carries
 * only cronstrue's English texts, so another `locale` falls back to English.
 */
export const describeSchedule = (cron: string, locale?: string): string | undefined => {
  const parsed = parse(cron);
  if (!parsed.ok) return undefined;
  const text = expand(cron)!.trim();
  try {
    return cronstrue.toString(text, {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
      ...(locale && locale.toLowerCase().startsWith('en') ? { locale: 'en' } : {}),
    });
  } catch {
    return undefined;
  }
};

// --- presets ---

export type SchedulePresetId = 'every-12h' | 'daily' | 'weekly' | 'monthly';

export interface SchedulePreset {
  id: SchedulePresetId;
  cron: string;
}

/** FNV-1a (32 bit): a stable spread of `seed` over minutes, hours and days. */
const hash = (seed: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
};

/**
 * Schedule presets at a minute and hour derived from `seed` (e.g. the source's name), so that sources
 * do not all poll their registries at the same moment, yet the same seed always gives the same times.
 * "Every 12 hours" has HCO's own form for the system sources: `<minute> <hour>/12 * * *`.
 */
export const schedulePresets = (seed: string): SchedulePreset[] => {
  const h = hash(seed);
  const minute = h % 60;
  const hour = Math.floor(h / 60) % 24;
  const weekday = Math.floor(h / 1440) % 7;
  const day = (Math.floor(h / 10080) % 28) + 1;
  return [
    { id: 'every-12h', cron: `${minute} ${hour % 12}/12 * * *` },
    { id: 'daily', cron: `${minute} ${hour} * * *` },
    { id: 'weekly', cron: `${minute} ${hour} * * ${weekday}` },
    { id: 'monthly', cron: `${minute} ${hour} ${day} * *` },
  ];
};

/** Which preset `cron` is (compared field by field after trimming), if any. */
export const matchingPreset = (cron: string, presets: SchedulePreset[]): SchedulePresetId | undefined =>
  presets.find((p) => p.cron === cron.trim().split(/\s+/).join(' '))?.id;
