import { describe, expect, it } from 'vitest';
import { describeSchedule, matchingPreset, nextRuns, schedulePresets, validateSchedule } from './schedule';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const FROM = new Date('2026-01-01T00:00:00Z'); // a Thursday

describe('validateSchedule (robfig/cron v3 ParseStandard, as CDI v1.65.0)', () => {
  it.each([
    '0 */12 * * *',
    '17 3/12 * * *', // HCO's own form
    '30 2/12 * * *',
    '0 4 * * 1',
    '0 4 * * mon-FRI',
    '0 0 1 jan,Jul *',
    '*/15 * * * *',
    '0 0 ? * ?',
    '0-30/10 1,13 * * *',
    '  0  4  *  *  1 ',
    '0 0 31 12 6',
    '+5 * * * *',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@midnight',
    '@hourly',
  ])('accepts %s', (cron) => expect(validateSchedule(cron)).toBeUndefined());

  it.each([
    ['', { code: 'empty' }],
    ['   ', { code: 'empty' }],
    ['0 0 * * * *', { code: 'seconds' }],
    ['0 * *', { code: 'field-count', found: 3 }],
    ['0 0 * * * * 2030', { code: 'field-count', found: 7 }],
    ['@reboot', { code: 'unknown-descriptor', value: '@reboot' }],
    ['@Daily', { code: 'unknown-descriptor', value: '@Daily' }],
    ['@every 1h', { code: 'every' }],
    ['CRON_TZ=Europe/Paris 0 4 * * *', { code: 'timezone' }],
    ['TZ=UTC 0 4 * * *', { code: 'timezone' }],
    ['60 * * * *', { code: 'out-of-range', field: 'minute', value: '60', min: 0, max: 59 }],
    ['0 24 * * *', { code: 'out-of-range', field: 'hour', value: '24', min: 0, max: 23 }],
    ['0 0 0 * *', { code: 'out-of-range', field: 'dayOfMonth', value: '0', min: 1, max: 31 }],
    ['0 0 * 13 *', { code: 'out-of-range', field: 'month', value: '13', min: 1, max: 12 }],
    ['0 0 * * 7', { code: 'out-of-range', field: 'dayOfWeek', value: '7', min: 0, max: 6 }],
    ['0 0 L * *', { code: 'bad-value', field: 'dayOfMonth', value: 'L' }],
    ['0 0 15W * *', { code: 'bad-value', field: 'dayOfMonth', value: '15W' }],
    ['0 0 * * MON#2', { code: 'bad-value', field: 'dayOfWeek', value: 'MON#2' }],
    ['0 0 * * 1-2-3', { code: 'bad-value', field: 'dayOfWeek', value: '1-2-3' }],
    ['1,,2 * * * *', { code: 'bad-value', field: 'minute', value: '' }],
    ['*/0 * * * *', { code: 'bad-step', field: 'minute', value: '*/0' }],
    ['*/2/3 * * * *', { code: 'bad-value', field: 'minute', value: '*/2/3' }],
    ['30-10 * * * *', { code: 'reversed-range', field: 'minute', value: '30-10' }],
    ['every day', { code: 'field-count', found: 2 }],
  ])('refuses %j', (cron, error) => expect(validateSchedule(cron)).toEqual(error));
});

describe('nextRuns (UTC)', () => {
  it('reads "<m> <h>/12" as HCO means it (croner alone refuses it)', () => {
    expect(iso(nextRuns('17 3/12 * * *', 3, FROM))).toEqual([
      '2026-01-01T03:17:00.000Z',
      '2026-01-01T15:17:00.000Z',
      '2026-01-02T03:17:00.000Z',
    ]);
  });

  it('ANDs the day fields when one is *, ORs them otherwise (Vixie/robfig)', () => {
    expect(iso(nextRuns('0 4 * * 1', 2, FROM))).toEqual([
      '2026-01-05T04:00:00.000Z',
      '2026-01-12T04:00:00.000Z',
    ]);
    // day 2 of the month OR Monday
    expect(iso(nextRuns('0 4 2 * 1', 3, FROM))).toEqual([
      '2026-01-02T04:00:00.000Z',
      '2026-01-05T04:00:00.000Z',
      '2026-01-12T04:00:00.000Z',
    ]);
    // */1 counts as a star in robfig
    expect(iso(nextRuns('0 4 */1 * 1', 1, FROM))).toEqual(['2026-01-05T04:00:00.000Z']);
  });

  it('expands descriptors and names', () => {
    expect(iso(nextRuns('@weekly', 1, FROM))).toEqual(['2026-01-04T00:00:00.000Z']);
    expect(iso(nextRuns('0 6 * feb sun', 1, FROM))).toEqual(['2026-02-01T06:00:00.000Z']);
  });

  it('gives nothing for an invalid schedule', () => {
    expect(nextRuns('0 0 * * 7', 3, FROM)).toEqual([]);
    expect(nextRuns('0 0 * * *', 0, FROM)).toEqual([]);
  });
});

describe('describeSchedule', () => {
  it('says it in words on a 24-hour clock', () => {
    expect(describeSchedule('0 4 * * 1')).toBe('At 04:00, only on Monday');
    expect(describeSchedule('17 3/12 * * *')).toBe(
      'At 17 minutes past the hour, every 12 hours, starting at 03:00',
    );
    expect(describeSchedule('@daily', 'en-GB')).toBe('At 00:00');
  });

  it('falls back to English for locales the bundle does not carry, and is undefined when invalid', () => {
    expect(describeSchedule('0 4 * * *', 'de')).toBe('At 04:00');
    expect(describeSchedule('0 0 * * 7')).toBeUndefined();
  });
});

describe('schedulePresets', () => {
  it('is stable for a seed, spreads seeds, and every preset is valid', () => {
    const a = schedulePresets('my-image-cron');
    expect(schedulePresets('my-image-cron')).toEqual(a);
    expect(schedulePresets('other-image-cron')).not.toEqual(a);
    expect(a.map((p) => p.id)).toEqual(['every-12h', 'daily', 'weekly', 'monthly']);
    for (const seed of ['', 'a', 'b', 'rhel9-image-cron', 'x'.repeat(63)]) {
      for (const p of schedulePresets(seed)) expect(validateSchedule(p.cron), p.cron).toBeUndefined();
    }
    expect(a[0].cron).toMatch(/^\d+ \d+\/12 \* \* \*$/);
  });

  it('recognises a preset in a schedule', () => {
    const presets = schedulePresets('s');
    expect(matchingPreset(` ${presets[2].cron.replace(/ /g, '  ')} `, presets)).toBe('weekly');
    expect(matchingPreset('1 2 3 4 5', presets)).toBeUndefined();
  });
});
