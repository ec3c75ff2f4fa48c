import { DateTime } from 'luxon';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const offsetAt = (zone: string, at: number) => DateTime.fromMillis(at, { zone }).offset;

/**
 * The next instant after `after` at which `zone`'s UTC offset changes (a daylight-saving
 * transition), to the minute: tests use real transitions without naming calendar dates.
 */
export function nextOffsetChange(zone: string, after: Date): Date {
  let low = after.getTime();
  const start = offsetAt(zone, low);
  let high = low + DAY;
  while (offsetAt(zone, high) === start) {
    low = high;
    high += DAY;
    if (high - after.getTime() > 400 * DAY) throw new Error(`${zone} has no offset change within 400 days`);
  }
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE || low + MINUTE;
    if (offsetAt(zone, middle) === start) low = middle;
    else high = middle;
  }
  return new Date(high);
}

/** The instant of `hour`:`minute` local time on the local date of `at` plus `days`, in `zone`. */
export function localTime(zone: string, at: Date, days: number, hour: number, minute = 0): Date {
  return DateTime.fromJSDate(at, { zone }).plus({ days }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/** Midnight UTC of the day after today: every test starts on a fresh day in the future. */
export function tomorrowUtc(): number {
  return (Math.floor(Date.now() / DAY) + 1) * DAY;
}
