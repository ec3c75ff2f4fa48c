import { DateTime } from 'luxon';

/**
 * Calendar dates in IANA time zones, as whole numbers: the days since 1970-01-01 of the
 * local date. Luxon does the zone math (DST transitions, midnights that do not exist), so
 * a 23- or 25-hour day is one day, whatever the zone.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/** The local calendar date of `at` in `timeZone`, as days since 1970-01-01. */
export function localDateNumber(at: Date, timeZone: string): number {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return Math.round(Date.UTC(local.year, local.month - 1, local.day) / DAY_MS);
}

/** The first instant of the local date `dateNumber` in `timeZone` (01:00 where midnight is skipped). */
export function startOfLocalDate(dateNumber: number, timeZone: string): Date {
  const date = new Date(dateNumber * DAY_MS);
  return DateTime.fromObject(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
    { zone: timeZone },
  )
    .startOf('day')
    .toJSDate();
}

/** "2026-11-22" for a date number. */
export function isoDate(dateNumber: number): string {
  return new Date(dateNumber * DAY_MS).toISOString().slice(0, 10);
}

/** "2026-W47": the ISO 8601 week of a date number, with its week-year (2027-01-01 is in 2026-W53). */
export function isoWeek(dateNumber: number): string {
  const date = DateTime.fromMillis(dateNumber * DAY_MS, { zone: 'UTC' });
  return `${date.weekYear}-W${String(date.weekNumber).padStart(2, '0')}`;
}

/**
 * The canonical IANA name of `name` ("america/new_york" → "America/New_York"), or null
 * when it is not one. Fixed offsets ("+05:00") are refused: they have no daylight saving
 * and no place, so they are not a player's time zone.
 */
export function canonicalTimeZone(name: string): string | null {
  if (name.length === 0 || name.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
