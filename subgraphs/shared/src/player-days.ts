import { canonicalTimeZone, localDateNumber, startOfLocalDate } from './local-days';

/**
 * A player's days: which local calendar date it is for them at an instant, in the time
 * zone they chose, and how a change of zone is phased in so that it can never be used to
 * count a day twice or to gain a day.
 *
 * The rule for a change requested on the player's local date L (old zone O, new zone Z):
 * - the day L goes on until the first midnight of Z at or after O's next midnight (the
 *   change never shortens the day it was made on; the day lasts 24 to 50 hours);
 * - from that instant the player's date is Z's date, but never less than L + 1: dates
 *   never go back, so no date comes round twice (a move west lengthens a day instead);
 * - a move east may jump over one or two of Z's dates (the player could not have lived
 *   them); the login-stats day numbers bridge that jump (`dayOffset`), so a streak is not
 *   broken by the move, and no day is gained either (every player day lasts at least as
 *   long as a local day, 23 hours on a daylight-saving change);
 * - at most one change per TIME_ZONE_CHANGE_INTERVAL_MS (7 days), counted from the request.
 */
export const TIME_ZONE_CHANGE_INTERVAL_MS = 7 * 24 * 60 * 60 * 1000;

/** One stretch of time in one zone. */
export interface ZoneSpan {
  zone: string;
  /** When this zone took (or takes) effect. */
  from: Date;
  /** The first date of this span: the zone's date is raised to it until the zone catches up. */
  firstDate: number;
  /** Date numbers skipped by moves east so far: stats day = date - dayOffset. */
  dayOffset: number;
}

/** What is stored on the user: empty `spans` means the game time zone, as always. */
export interface PlayerTimeZone {
  /** Ascending by `from`; at most the span in force and one pending. */
  spans: ZoneSpan[];
  /** The last change request (for the once-per-interval rule). */
  requestedAt: Date | null;
}

export const defaultPlayerTimeZone = (): PlayerTimeZone => ({ spans: [], requestedAt: null });

export interface PlayerDay {
  /** The player's local date (days since 1970-01-01): the daily period of claims. */
  date: number;
  /** Continuous day count for login stats: consecutive player days differ by exactly 1. */
  dayNumber: number;
  /** The zone in force at that instant. */
  zone: string;
}

function spansWithGameZone(tz: PlayerTimeZone, gameZone: string): ZoneSpan[] {
  return tz.spans.length > 0 ? tz.spans : [{ zone: gameZone, from: new Date(0), firstDate: Number.MIN_SAFE_INTEGER, dayOffset: 0 }];
}

function spanIndexAt(spans: ZoneSpan[], at: Date): number {
  let index = 0;
  for (let i = 1; i < spans.length; i++) if (spans[i]!.from.getTime() <= at.getTime()) index = i;
  return index;
}

/** The player's day at `at`. */
export function playerDayAt(tz: PlayerTimeZone, at: Date, gameZone: string): PlayerDay {
  const spans = spansWithGameZone(tz, gameZone);
  const index = spanIndexAt(spans, at);
  const span = spans[index]!;
  let date = Math.max(span.firstDate, localDateNumber(at, span.zone));
  const next = spans[index + 1];
  if (next) date = Math.min(date, next.firstDate - 1);
  return { date, dayNumber: date - span.dayOffset, zone: span.zone };
}

/** The first instant after `at` on which the player's date is later than at `at`. */
export function nextPlayerDayStart(tz: PlayerTimeZone, at: Date, gameZone: string): Date {
  const spans = spansWithGameZone(tz, gameZone);
  const index = spanIndexAt(spans, at);
  const span = spans[index]!;
  const { date } = playerDayAt(tz, at, gameZone);
  const next = spans[index + 1];
  if (next && date >= next.firstDate - 1) return next.from;
  return startOfLocalDate(date + 1, span.zone);
}

/** The zone the player chose last (in force now or from its `from` on). */
export function chosenTimeZone(tz: PlayerTimeZone, gameZone: string): string {
  return tz.spans.at(-1)?.zone ?? gameZone;
}

export type TimeZoneChange =
  | { outcome: 'scheduled'; next: PlayerTimeZone; effectiveAt: Date }
  | { outcome: 'unchanged' }
  | { outcome: 'invalid' }
  | { outcome: 'too-soon'; retryAt: Date };

/** Plans a change to `requested` made at `now`, by the rule above; pure. */
export function planTimeZoneChange(tz: PlayerTimeZone, requested: string, now: Date, gameZone: string): TimeZoneChange {
  const zone = canonicalTimeZone(requested);
  if (!zone) return { outcome: 'invalid' };
  if (zone === chosenTimeZone(tz, gameZone)) return { outcome: 'unchanged' };
  if (tz.requestedAt && now.getTime() - tz.requestedAt.getTime() < TIME_ZONE_CHANGE_INTERVAL_MS) {
    return { outcome: 'too-soon', retryAt: new Date(tz.requestedAt.getTime() + TIME_ZONE_CHANGE_INTERVAL_MS) };
  }
  const spans = spansWithGameZone(tz, gameZone);
  const current = spans[spanIndexAt(spans, now)]!;
  const today = playerDayAt(tz, now, gameZone).date;
  const oldDayEnds = startOfLocalDate(today + 1, current.zone);
  // The first midnight of the new zone at or after the old day's end.
  const newZoneDate = localDateNumber(oldDayEnds, zone);
  const sameInstant = startOfLocalDate(newZoneDate, zone).getTime() === oldDayEnds.getTime();
  const effectiveAt = sameInstant ? oldDayEnds : startOfLocalDate(newZoneDate + 1, zone);
  const firstDate = today + 1;
  const dateAtEffect = Math.max(firstDate, localDateNumber(effectiveAt, zone));
  const span: ZoneSpan = { zone, from: effectiveAt, firstDate, dayOffset: current.dayOffset + (dateAtEffect - firstDate) };
  return { outcome: 'scheduled', next: { spans: [current, span], requestedAt: now }, effectiveAt };
}

/** The wire form (users' internal profiles route → events): dates as ISO strings. */
export interface PlayerTimeZoneJson {
  spans: { zone: string; from: string; firstDate: number; dayOffset: number }[];
  requestedAt: string | null;
}

export function playerTimeZoneToJson(tz: PlayerTimeZone): PlayerTimeZoneJson {
  return {
    spans: tz.spans.map((span) => ({ zone: span.zone, from: span.from.toISOString(), firstDate: span.firstDate, dayOffset: span.dayOffset })),
    requestedAt: tz.requestedAt?.toISOString() ?? null,
  };
}

/** Reads the wire form; anything malformed is the game time zone (never a crash). */
export function playerTimeZoneFromJson(value: unknown): PlayerTimeZone {
  const json = value as Partial<PlayerTimeZoneJson> | null | undefined;
  if (!json || !Array.isArray(json.spans)) return defaultPlayerTimeZone();
  const spans: ZoneSpan[] = [];
  for (const span of json.spans) {
    const zone = typeof span?.zone === 'string' ? canonicalTimeZone(span.zone) : null;
    const from = typeof span?.from === 'string' ? new Date(span.from) : null;
    if (!zone || !from || Number.isNaN(from.getTime()) || !Number.isSafeInteger(span.firstDate) || !Number.isSafeInteger(span.dayOffset)) return defaultPlayerTimeZone();
    spans.push({ zone, from, firstDate: span.firstDate, dayOffset: span.dayOffset });
  }
  const requestedAt = typeof json.requestedAt === 'string' ? new Date(json.requestedAt) : null;
  return { spans, requestedAt: requestedAt && !Number.isNaN(requestedAt.getTime()) ? requestedAt : null };
}
