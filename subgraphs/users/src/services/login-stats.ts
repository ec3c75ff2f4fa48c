import { playerDayAt } from '@platform/shared';
import type { UserStore } from '../store/ports';
import type { LoginStatsRecord, UserRecord } from '../store/records';

/**
 * Play sessions. A player starts one with signUp or logIn, or with a refreshSession after
 * being away at least the session gap: "away" is measured from their last activity, the
 * latest signUp, logIn or refreshSession on any device. An app that keeps its session by
 * refreshing (every access-token lifetime, 15 minutes) while played is "active"; one that
 * comes back after the gap starts a new session, without the player typing a password.
 */
export type Activity = 'sign-in' | 'refresh';

/**
 * The stats after one more play session on player day `day` (player-days.ts: consecutive
 * player days differ by exactly 1, in the player's own time zone).
 */
export function recordPlaySession(stats: LoginStatsRecord, at: Date, day: number): LoginStatsRecord {
  const lastActiveAt = latest(stats.lastActiveAt, at);
  const previousDay = stats.lastLoginDay;
  if (previousDay === null) {
    return { totalLogins: stats.totalLogins + 1, loginDays: 1, currentStreak: 1, lastLoginAt: at, lastLoginDay: day, daysAwayBeforeLastLogin: 0, lastActiveAt };
  }
  // A session stamped before the last one (clock skew between instances) counts as that day.
  const gap = Math.max(0, day - previousDay);
  return {
    totalLogins: stats.totalLogins + 1,
    loginDays: stats.loginDays + (gap > 0 ? 1 : 0),
    currentStreak: gap === 0 ? stats.currentStreak : gap === 1 ? stats.currentStreak + 1 : 1,
    lastLoginAt: at,
    lastLoginDay: Math.max(day, previousDay),
    // A second session on the same day keeps the day's "days away": a returning player
    // who opens the app twice is still returning today.
    daysAwayBeforeLastLogin: gap === 0 ? stats.daysAwayBeforeLastLogin : gap,
    lastActiveAt,
  };
}

/** The stats after an activity at `at`: a play session, or only a newer lastActiveAt. */
export function recordActivity(stats: LoginStatsRecord, activity: Activity, at: Date, day: number, sessionGapMs: number): LoginStatsRecord {
  if (isPlaySession(stats, activity, at, sessionGapMs)) return recordPlaySession(stats, at, day);
  return { ...stats, lastActiveAt: latest(stats.lastActiveAt, at) };
}

export function isPlaySession(stats: LoginStatsRecord, activity: Activity, at: Date, sessionGapMs: number): boolean {
  if (activity === 'sign-in') return true;
  const since = stats.lastActiveAt ?? stats.lastLoginAt;
  return since === null || at.getTime() - since.getTime() >= sessionGapMs;
}

function latest(a: Date | null, b: Date): Date {
  return a && a > b ? a : b;
}

/** Records activities on the store, in each player's own days. */
export class LoginStatsRecorder {
  constructor(
    private readonly users: UserStore,
    private readonly gameTimeZone: string,
    private readonly sessionGapMs: number,
  ) {}

  /** The user as stored afterwards; null when the account is gone. */
  async record(user: UserRecord, activity: Activity, at: Date): Promise<UserRecord | null> {
    // The zone schedule read here is the one for `at`: a change never takes effect before
    // the player's next midnight, so a concurrent setTimeZone cannot change today's day.
    const day = playerDayAt(user.timeZone, at, this.gameTimeZone).dayNumber;
    return this.users.updateLoginStats(user.id, (stats) => recordActivity(stats, activity, at, day, this.sessionGapMs));
  }
}
