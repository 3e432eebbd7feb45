import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { Tooltip } from '@patternfly/react-core';
import { GlobeAmericasIcon } from '@patternfly/react-icons';
import { useSyncExternalStore } from 'react';

/**
 * `Timestamp` as console 4.22 renders it (console-shared/src/components/datetime/Timestamp.tsx, formatting
 * from console-shared/src/utils/datetime.ts):
 * - no or invalid timestamp: `<div class="co-timestamp">-</div>`;
 * - within 10.5 minutes before the last tick: relative ("Just now", "5 minutes ago"); otherwise the local
 *   date and time ("Apr 23, 2021, 4:33 PM"); `omitSuffix`: "3 days", "1 hour", "0 minutes";
 * - full form: globe icon, the text in `<span data-test="timestamp">` with a tooltip showing the UTC time;
 *   `simple`: the text alone.
 * The console compares against `UI.lastTick`, set every 10 s from start-up (frontend/public/components/app.tsx)
 * and undefined before the first tick, so for the first 10 s every timestamp shows the absolute form. The
 * host keeps that: `startTimestampTicks()` runs from boot. Locale: `bridge/last-language` in localStorage, else
 * the browser's. English texts (the host has no `public` namespace translations).
 */

let lastTick: number | undefined;
const tickListeners = new Set<() => void>();

export const setLastTick = (tick: number | undefined) => {
  lastTick = tick;
  tickListeners.forEach((l) => l());
};

/** The console's global timer: every Timestamp re-renders in step, every 10 seconds. */
export const startTimestampTicks = (): (() => void) => {
  const timer = setInterval(() => setLastTick(Date.now()), 10_000);
  return () => clearInterval(timer);
};

const useLastTick = () =>
  useSyncExternalStore(
    (l) => {
      tickListeners.add(l);
      return () => tickListeners.delete(l);
    },
    () => lastTick,
  );

const language = (): string => {
  try {
    return localStorage.getItem('bridge/last-language') ?? navigator.language;
  } catch {
    return navigator.language;
  }
};

const MAX_CLOCK_SKEW_MS = -60_000;
const isValid = (d: Date) => !Number.isNaN(d.valueOf());
const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** The console's `fromNow`, measured against the real clock. */
const fromNow = (date: Date, omitSuffix: boolean, lang: string): string => {
  const ms = Date.now() - date.getTime();
  if (!omitSuffix && ms < 60_000 && ms > MAX_CLOCK_SKEW_MS) {
    return 'Just now';
  }
  if (ms < 0) {
    return '-';
  }
  const minutesTotal = Math.floor(ms / 60_000);
  const days = Math.floor(minutesTotal / 1440);
  const hours = Math.floor(minutesTotal / 60) % 24;
  const minutes = minutesTotal % 60;
  if (omitSuffix) {
    return days ? plural(days, 'day') : hours ? plural(hours, 'hour') : plural(minutes, 'minute');
  }
  if (!days && !hours && !minutes) {
    return 'Just now';
  }
  const rtf = new Intl.RelativeTimeFormat(lang);
  return days
    ? rtf.format(-days, 'day')
    : hours
      ? rtf.format(-hours, 'hour')
      : rtf.format(-minutes, 'minute');
};

const dateTimeFormat = (lang: string, utc = false) =>
  new Intl.DateTimeFormat(lang, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    year: 'numeric',
    ...(utc ? { timeZone: 'UTC', timeZoneName: 'short' } : {}),
  });

/** The console's `timestampFor`: relative within 10.5 minutes of the last tick, else date and time. */
export const timestampText = (date: Date, tick: number | undefined, omitSuffix: boolean, lang: string) => {
  if (!isValid(date)) {
    return '-';
  }
  if (omitSuffix) {
    return fromNow(date, true, lang);
  }
  const difference = new Date(tick as number).getTime() - date.getTime(); // NaN before the first tick
  if (difference > MAX_CLOCK_SKEW_MS && difference < 630_000) {
    return fromNow(date, false, lang);
  }
  return dateTimeFormat(lang).format(date);
};

export const Timestamp: typeof SDK.Timestamp = ({ timestamp, simple, omitSuffix, className }) => {
  const tick = useLastTick();
  if (!timestamp) {
    return <div className="co-timestamp">-</div>;
  }
  const date = new Date(timestamp);
  if (!isValid(date)) {
    return <div className="co-timestamp">-</div>;
  }
  const lang = language();
  const text = timestampText(date, tick, !!omitSuffix, lang);
  if (simple) {
    return <>{text}</>;
  }
  return (
    <div className={['co-timestamp co-icon-and-text', className].filter(Boolean).join(' ')}>
      <GlobeAmericasIcon className="co-icon-and-text__icon" />
      <Tooltip
        content={[
          <span className="co-nowrap" key="co-timestamp">
            {dateTimeFormat(lang, true).format(date)}
          </span>,
        ]}
      >
        <span data-test="timestamp">{text}</span>
      </Tooltip>
    </div>
  );
};
