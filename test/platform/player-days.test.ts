import {
  canonicalTimeZone,
  defaultPlayerTimeZone,
  isoDate,
  localDateNumber,
  nextPlayerDayStart,
  planTimeZoneChange,
  playerDayAt,
  playerTimeZoneFromJson,
  playerTimeZoneToJson,
  startOfLocalDate,
  TIME_ZONE_CHANGE_INTERVAL_MS,
  type PlayerTimeZone,
} from '@platform/shared';
import { localTime, nextOffsetChange } from '../support/zones';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = new Date();

function scheduled(tz: PlayerTimeZone, zone: string, at: Date, gameZone = 'UTC') {
  const plan = planTimeZoneChange(tz, zone, at, gameZone);
  if (plan.outcome !== 'scheduled') throw new Error(`expected a scheduled change, got ${plan.outcome}`);
  return plan;
}

/** Every player-day boundary in [from, from + span): the instants the day number changes. */
function boundaries(tz: PlayerTimeZone, from: Date, span: number, gameZone = 'UTC'): Date[] {
  const found: Date[] = [];
  let at = from;
  for (;;) {
    at = nextPlayerDayStart(tz, at, gameZone);
    if (at.getTime() >= from.getTime() + span) return found;
    found.push(at);
  }
}

describe('local days across daylight-saving changes', () => {
  test.each([
    ['America/New_York', [23, 25]],
    ['Europe/Berlin', [23, 25]],
    ['Australia/Lord_Howe', [23.5, 24.5]],
  ])('%s: the day of a transition is one day of %p hours, and days on either side are consecutive', (zone, lengths) => {
    const seen = new Set<number>();
    let after = NOW;
    for (let i = 0; i < 2; i++) {
      const change = nextOffsetChange(zone, after);
      const date = localDateNumber(change, zone);
      const length = (startOfLocalDate(date + 1, zone).getTime() - startOfLocalDate(date, zone).getTime()) / HOUR;
      seen.add(length);
      // Ten past midnight and ten to midnight of that day are the same date.
      expect(localDateNumber(localTime(zone, change, 0, 0, 10), zone)).toBe(date);
      expect(localDateNumber(localTime(zone, change, 0, 23, 50), zone)).toBe(date);
      // The same wall time on the days before and after is one date apart each.
      expect(localDateNumber(localTime(zone, change, -1, 12), zone)).toBe(date - 1);
      expect(localDateNumber(localTime(zone, change, 1, 12), zone)).toBe(date + 1);
      after = new Date(change.getTime() + DAY);
    }
    expect([...seen].sort()).toEqual(lengths);
  });

  test('a skipped midnight: the day starts at the first instant that exists', () => {
    // America/Havana moves its clocks at midnight (00:00 → 01:00) in spring.
    const change = nextOffsetChange('America/Havana', NOW);
    const date = localDateNumber(change, 'America/Havana');
    const start = startOfLocalDate(date, 'America/Havana');
    expect(localDateNumber(start, 'America/Havana')).toBe(date);
    expect(localDateNumber(new Date(start.getTime() - 1), 'America/Havana')).toBe(date - 1);
  });

  test('player days follow the game time zone until the player chooses one', () => {
    const tz = defaultPlayerTimeZone();
    const change = nextOffsetChange('Europe/Berlin', NOW);
    const day = playerDayAt(tz, change, 'Europe/Berlin');
    expect(day).toEqual({ date: localDateNumber(change, 'Europe/Berlin'), dayNumber: localDateNumber(change, 'Europe/Berlin'), zone: 'Europe/Berlin' });
    expect(nextPlayerDayStart(tz, change, 'Europe/Berlin')).toEqual(startOfLocalDate(day.date + 1, 'Europe/Berlin'));
  });
});

describe('canonicalTimeZone', () => {
  test.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['america/new_york', 'America/New_York'],
    ['UTC', 'UTC'],
    ['Pacific/Kiritimati', 'Pacific/Kiritimati'],
  ])('%s is %s', (name, canonical) => expect(canonicalTimeZone(name)).toBe(canonical));

  test.each(['Mars/Olympus_Mons', '+05:00', '', 'Europe/Berlin; drop', 'x'.repeat(80)])('%p is not a time zone', (name) => expect(canonicalTimeZone(name)).toBeNull());
});

describe('changing time zone', () => {
  const start = (zone: string) => localTime(zone, NOW, 2, 23, 30);

  test('invalid, unchanged, and at most once per 7 days', () => {
    const tz = defaultPlayerTimeZone();
    expect(planTimeZoneChange(tz, 'Nowhere/Special', NOW, 'UTC')).toEqual({ outcome: 'invalid' });
    expect(planTimeZoneChange(tz, 'utc', NOW, 'UTC')).toEqual({ outcome: 'unchanged' });
    const first = scheduled(tz, 'Europe/Berlin', NOW).next;
    expect(planTimeZoneChange(first, 'europe/berlin', NOW, 'UTC')).toEqual({ outcome: 'unchanged' });
    const soon = new Date(NOW.getTime() + TIME_ZONE_CHANGE_INTERVAL_MS - 1);
    expect(planTimeZoneChange(first, 'Asia/Tokyo', soon, 'UTC')).toEqual({ outcome: 'too-soon', retryAt: new Date(NOW.getTime() + TIME_ZONE_CHANGE_INTERVAL_MS) });
    expect(planTimeZoneChange(first, 'UTC', soon, 'UTC').outcome).toBe('too-soon');
    expect(planTimeZoneChange(first, 'Asia/Tokyo', new Date(NOW.getTime() + TIME_ZONE_CHANGE_INTERVAL_MS), 'UTC').outcome).toBe('scheduled');
  });

  test('a change never ends the day it was made on: New York 23:30 → Berlin (05:30 tomorrow there) is still today', () => {
    const at = start('America/New_York');
    const tz = scheduled(scheduled(defaultPlayerTimeZone(), 'America/New_York', new Date(at.getTime() - 8 * DAY)).next, 'Europe/Berlin', at, 'UTC');
    // Not in force yet: the New York day goes on past New York's midnight, until Berlin's.
    const today = playerDayAt(tz.next, at, 'UTC');
    expect(today.zone).toBe('America/New_York');
    expect(playerDayAt(tz.next, new Date(at.getTime() + HOUR), 'UTC').dayNumber).toBe(today.dayNumber);
    expect(tz.effectiveAt).toEqual(startOfLocalDate(localDateNumber(at, 'Europe/Berlin') + 1, 'Europe/Berlin'));
    const tomorrow = playerDayAt(tz.next, tz.effectiveAt, 'UTC');
    expect(tomorrow).toMatchObject({ zone: 'Europe/Berlin', dayNumber: today.dayNumber + 1 });
    // New York 23:30 to Berlin's midnight after next: one New York day of 42.5 hours.
    expect(nextPlayerDayStart(tz.next, at, 'UTC')).toEqual(tz.effectiveAt);
  });

  const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Apia', 'Pacific/Kiritimati', 'Pacific/Honolulu', 'Etc/GMT+12', 'Asia/Kolkata'];
  const PAIRS = ZONES.flatMap((from) => ZONES.filter((to) => to !== from).map((to) => [from, to] as const));

  test.each(PAIRS)('%s → %s: dates never repeat or go back, day numbers never skip, no day is shorter than 23 hours', (from, to) => {
    for (const hour of [0, 11, 23]) {
      const requestAt = localTime(from, NOW, 3, hour, 30);
      const before = from === 'UTC' ? defaultPlayerTimeZone() : scheduled(defaultPlayerTimeZone(), from, new Date(requestAt.getTime() - 8 * DAY)).next;
      const { next } = scheduled(before, to, requestAt);
      const edges = boundaries(next, requestAt, 6 * DAY);
      let previous = playerDayAt(next, requestAt, 'UTC');
      let previousStart: Date | null = null;
      for (const edge of edges) {
        const day = playerDayAt(next, edge, 'UTC');
        expect(playerDayAt(next, new Date(edge.getTime() - 1), 'UTC')).toEqual(previous);
        expect(day.dayNumber).toBe(previous.dayNumber + 1);
        expect(day.date).toBeGreaterThan(previous.date);
        if (previousStart) expect(edge.getTime() - previousStart.getTime()).toBeGreaterThanOrEqual(23 * HOUR);
        previous = day;
        previousStart = edge;
      }
      // The day the change was made on lasts at least until its own midnight.
      expect(edges[0]!.getTime()).toBeGreaterThanOrEqual(startOfLocalDate(localDateNumber(requestAt, from) + 1, from).getTime());
      expect(edges.length).toBeGreaterThanOrEqual(4);
    }
  });

  test('across the date line eastwards (Honolulu → Kiritimati, +24 h) a date is jumped, but the streak days stay consecutive', () => {
    const at = start('Pacific/Honolulu');
    const before = scheduled(defaultPlayerTimeZone(), 'Pacific/Honolulu', new Date(at.getTime() - 8 * DAY)).next;
    const { next, effectiveAt } = scheduled(before, 'Pacific/Kiritimati', at);
    const last = playerDayAt(next, new Date(effectiveAt.getTime() - 1), 'UTC');
    const first = playerDayAt(next, effectiveAt, 'UTC');
    expect(first.date - last.date).toBe(2);
    expect(first.dayNumber - last.dayNumber).toBe(1);
    expect(isoDate(first.date)).toBe(isoDate(localDateNumber(effectiveAt, 'Pacific/Kiritimati')));
  });

  test('across the date line westwards (Kiritimati → Honolulu, -24 h) no date comes round again: the next day is long instead', () => {
    const at = start('Pacific/Kiritimati');
    const before = scheduled(defaultPlayerTimeZone(), 'Pacific/Kiritimati', new Date(at.getTime() - 8 * DAY)).next;
    const { next, effectiveAt } = scheduled(before, 'Pacific/Honolulu', at);
    const today = playerDayAt(next, at, 'UTC');
    const first = playerDayAt(next, effectiveAt, 'UTC');
    expect(first.date).toBe(today.date + 1);
    // Honolulu's calendar shows the date Kiritimati just had; the player's date stays ahead until Honolulu catches up.
    expect(localDateNumber(effectiveAt, 'Pacific/Honolulu')).toBe(today.date);
    expect(nextPlayerDayStart(next, effectiveAt, 'UTC').getTime() - effectiveAt.getTime()).toBe(48 * HOUR);
  });
});

describe('the wire form', () => {
  test('round-trips a schedule; malformed input is the game time zone', () => {
    const { next } = scheduled(defaultPlayerTimeZone(), 'Australia/Lord_Howe', NOW);
    expect(playerTimeZoneFromJson(JSON.parse(JSON.stringify(playerTimeZoneToJson(next))))).toEqual(next);
    for (const bad of [null, 'x', { spans: 'no' }, { spans: [{ zone: 'Mars/Base', from: NOW.toISOString(), firstDate: 1, dayOffset: 0 }] }, { spans: [{ zone: 'UTC', from: 'never', firstDate: 1, dayOffset: 0 }] }]) {
      expect(playerTimeZoneFromJson(bad)).toEqual(defaultPlayerTimeZone());
    }
  });
});
