import type { LoginStatsRecord } from '../store/records';

/** Days since 1970-01-01 of `at`'s calendar date in `timeZone`. */
export function dayNumber(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Math.round(Date.UTC(get('year'), get('month') - 1, get('day')) / 86_400_000);
}

/**
 * The stats after one more successful login at `at`. Days are calendar days in the game
 * time zone, so a streak is "logged in on consecutive days", whatever the hour.
 */
export function recordLogin(stats: LoginStatsRecord, at: Date, timeZone: string): LoginStatsRecord {
  const today = dayNumber(at, timeZone);
  const previousDay = stats.lastLoginDay;
  if (previousDay === null) {
    return { totalLogins: stats.totalLogins + 1, loginDays: 1, currentStreak: 1, lastLoginAt: at, lastLoginDay: today, daysAwayBeforeLastLogin: 0 };
  }
  const gap = Math.max(0, today - previousDay);
  return {
    totalLogins: stats.totalLogins + 1,
    loginDays: stats.loginDays + (gap > 0 ? 1 : 0),
    currentStreak: gap === 0 ? stats.currentStreak : gap === 1 ? stats.currentStreak + 1 : 1,
    lastLoginAt: at,
    lastLoginDay: Math.max(today, previousDay),
    daysAwayBeforeLastLogin: gap,
  };
}
