import { isoDate, isoWeek, nextPlayerDayStart, playerDayAt, type PlayerTimeZone } from '@platform/shared';

/**
 * Periods of recurring claims, pure (no store): which period a claim belongs to, when the
 * next one starts, and the game time zone's period for an event's global counter.
 *
 * - ONCE: one claim ever, no period key.
 * - DAILY: the player's local date, "2026-11-22", by their own time zone and its phase-in
 *   rule (player-days.ts): dates never repeat for a player, so neither do keys.
 * - WEEKLY: the ISO 8601 week of that date, "2026-W47", with its week-year: the days from
 *   2026-12-28 to 2027-01-03 are all "2026-W53".
 * A global "first N each day" counter uses the game time zone's period (GAME_TIME_ZONE),
 * the same for everyone: a player's own day may straddle two of them.
 */
export type ClaimPeriodKind = 'ONCE' | 'DAILY' | 'WEEKLY';

/** Enough for any week: 7 days, plus the long day a zone change may add. */
const MAX_DAYS_IN_WEEK_WALK = 10;

const GAME_ZONE_ONLY: PlayerTimeZone = { spans: [], requestedAt: null };

function keyOfDate(period: Exclude<ClaimPeriodKind, 'ONCE'>, date: number): string {
  return period === 'DAILY' ? isoDate(date) : isoWeek(date);
}

/** The player's period at `at`; null for ONCE. */
export function playerPeriodKey(period: ClaimPeriodKind, timeZone: PlayerTimeZone, at: Date, gameZone: string): string | null {
  if (period === 'ONCE') return null;
  return keyOfDate(period, playerDayAt(timeZone, at, gameZone).date);
}

/** The game time zone's period at `at`, for an event's global per-period counter; null for ONCE. */
export function gamePeriodKey(period: ClaimPeriodKind, at: Date, gameZone: string): string | null {
  return playerPeriodKey(period, GAME_ZONE_ONLY, at, gameZone);
}

/** The first instant after `at` in a new period of the player; null for ONCE. */
export function nextPlayerPeriodStart(period: ClaimPeriodKind, timeZone: PlayerTimeZone, at: Date, gameZone: string): Date | null {
  if (period === 'ONCE') return null;
  const current = playerPeriodKey(period, timeZone, at, gameZone);
  let next = nextPlayerDayStart(timeZone, at, gameZone);
  for (let step = 0; step < MAX_DAYS_IN_WEEK_WALK && playerPeriodKey(period, timeZone, next, gameZone) === current; step++) {
    next = nextPlayerDayStart(timeZone, next, gameZone);
  }
  return next;
}

/** When the game time zone's counter of `period` starts again after `at`; null for ONCE. */
export function nextGamePeriodStart(period: ClaimPeriodKind, at: Date, gameZone: string): Date | null {
  return nextPlayerPeriodStart(period, GAME_ZONE_ONLY, at, gameZone);
}

export interface NextClaimQuestion {
  period: ClaimPeriodKind;
  /** The caller holds a granted claim for the period they are in now (any claim for ONCE). */
  claimedThisPeriod: boolean;
  timeZone: PlayerTimeZone;
  gameZone: string;
  now: Date;
  /** The event's end: no period starting then or later can be claimed. */
  endsAt: Date;
}

/**
 * Event.myNextClaimAt: when the caller may claim again; null when they may claim now
 * (nothing claimed this period) or never again (ONCE claimed, or the event ends first).
 */
export function nextClaimAt(question: NextClaimQuestion): Date | null {
  const { period, claimedThisPeriod, timeZone, gameZone, now, endsAt } = question;
  if (!claimedThisPeriod || period === 'ONCE') return null;
  const next = nextPlayerPeriodStart(period, timeZone, now, gameZone);
  return next && next < endsAt ? next : null;
}
