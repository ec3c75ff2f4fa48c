import { defaultPlayerTimeZone, localDateNumber, planTimeZoneChange, startOfLocalDate, type PlayerTimeZone } from '@platform/shared';
import { DateTime } from 'luxon';
import { localTime, nextOffsetChange } from '../../../test/support/zones';
import { gamePeriodKey, nextClaimAt, nextGamePeriodStart, nextPlayerPeriodStart, playerPeriodKey } from '../src/services/claim-period';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date();

/** A player whose zone is `zone` (set long enough ago to be in force). */
function living(zone: string): PlayerTimeZone {
  const plan = planTimeZoneChange(defaultPlayerTimeZone(), zone, new Date(NOW.getTime() - 30 * DAY), 'UTC');
  if (plan.outcome !== 'scheduled') throw new Error(plan.outcome);
  return plan.next;
}

/** An independent ISO week (Thursday rule) for property checks. */
function isoWeekOracle(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / DAY + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

const utcNoon = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('period keys', () => {
  test('ONCE has none', () => {
    expect(playerPeriodKey('ONCE', living('Europe/Berlin'), NOW, 'UTC')).toBeNull();
    expect(gamePeriodKey('ONCE', NOW, 'UTC')).toBeNull();
    expect(nextPlayerPeriodStart('ONCE', living('Europe/Berlin'), NOW, 'UTC')).toBeNull();
  });

  test('DAILY is the player\'s local date: 23:30 UTC is tomorrow in Berlin and today in New York', () => {
    const at = new Date('2026-11-22T23:30:00Z');
    expect(playerPeriodKey('DAILY', living('Europe/Berlin'), at, 'UTC')).toBe('2026-11-23');
    expect(playerPeriodKey('DAILY', living('America/New_York'), at, 'UTC')).toBe('2026-11-22');
    expect(playerPeriodKey('DAILY', living('Pacific/Kiritimati'), at, 'UTC')).toBe('2026-11-23');
    expect(playerPeriodKey('DAILY', defaultPlayerTimeZone(), at, 'Asia/Tokyo')).toBe('2026-11-23');
  });

  test.each([
    ['2026-11-22', '2026-W47'],
    ['2026-12-28', '2026-W53'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
    ['2020-12-31', '2020-W53'],
    ['2026-01-01', '2026-W01'],
  ])('WEEKLY: %s is in ISO week %s (week-year, not calendar year)', (date, week) => {
    expect(playerPeriodKey('WEEKLY', defaultPlayerTimeZone(), utcNoon(date), 'UTC')).toBe(week);
  });

  test('WEEKLY agrees with an independent ISO-week computation on every day of the coming three years', () => {
    for (let day = 0; day < 3 * 366; day++) {
      const at = new Date(Math.floor(NOW.getTime() / DAY) * DAY + day * DAY + 12 * HOUR);
      const expected = isoWeekOracle(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
      expect(playerPeriodKey('WEEKLY', defaultPlayerTimeZone(), at, 'UTC')).toBe(expected);
    }
  });

  test('the global counter uses the game time zone, whatever the player\'s zone', () => {
    const at = new Date('2026-11-22T23:30:00Z');
    expect(gamePeriodKey('DAILY', at, 'America/New_York')).toBe('2026-11-22');
    expect(gamePeriodKey('DAILY', at, 'Europe/Berlin')).toBe('2026-11-23');
    expect(nextGamePeriodStart('DAILY', at, 'Europe/Berlin')).toEqual(new Date('2026-11-23T23:00:00Z'));
  });
});

describe('next period start', () => {
  test.each(['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'])('%s: DAILY across a daylight-saving change is the next local midnight (a 23/25-hour day is one period)', (zone) => {
    const player = living(zone);
    const change = nextOffsetChange(zone, NOW);
    const morning = localTime(zone, change, 0, 0, 5);
    const next = nextPlayerPeriodStart('DAILY', player, morning, 'UTC')!;
    expect(next).toEqual(startOfLocalDate(localDateNumber(change, zone) + 1, zone));
    expect(DateTime.fromJSDate(next, { zone }).toFormat('HH:mm')).toBe('00:00');
    const hours = (next.getTime() - startOfLocalDate(localDateNumber(change, zone), zone).getTime()) / HOUR;
    expect(hours).not.toBe(24);
    expect(playerPeriodKey('DAILY', player, new Date(next.getTime() - 1), 'UTC')).toBe(playerPeriodKey('DAILY', player, morning, 'UTC'));
  });

  test.each(['Europe/Berlin', 'Pacific/Kiritimati', 'Pacific/Apia', 'America/New_York'])('%s: WEEKLY starts at the player\'s local Monday midnight', (zone) => {
    const player = living(zone);
    for (let week = 0; week < 60; week++) {
      const at = new Date(NOW.getTime() + week * 7 * DAY);
      const next = nextPlayerPeriodStart('WEEKLY', player, at, 'UTC')!;
      const local = DateTime.fromJSDate(next, { zone });
      expect([local.weekday, local.hour, local.minute]).toEqual([1, 0, 0]);
      expect(playerPeriodKey('WEEKLY', player, next, 'UTC')).not.toBe(playerPeriodKey('WEEKLY', player, at, 'UTC'));
      expect(playerPeriodKey('WEEKLY', player, new Date(next.getTime() - 1), 'UTC')).toBe(playerPeriodKey('WEEKLY', player, at, 'UTC'));
      expect(next.getTime() - at.getTime()).toBeLessThanOrEqual(7 * DAY + HOUR);
    }
  });

  test('a pending zone change: the next DAILY period starts when the change takes effect, and no date repeats', () => {
    const at = localTime('Pacific/Kiritimati', NOW, 2, 22);
    const plan = planTimeZoneChange(living('Pacific/Kiritimati'), 'Pacific/Honolulu', at, 'UTC');
    if (plan.outcome !== 'scheduled') throw new Error(plan.outcome);
    const today = playerPeriodKey('DAILY', plan.next, at, 'UTC');
    const next = nextPlayerPeriodStart('DAILY', plan.next, at, 'UTC')!;
    expect(next).toEqual(plan.effectiveAt);
    const keys = [today];
    let cursor = next;
    for (let i = 0; i < 4; i++) {
      keys.push(playerPeriodKey('DAILY', plan.next, cursor, 'UTC'));
      cursor = nextPlayerPeriodStart('DAILY', plan.next, cursor, 'UTC')!;
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
  });
});

describe('nextClaimAt (Event.myNextClaimAt)', () => {
  const berlin = living('Europe/Berlin');
  const at = localTime('Europe/Berlin', NOW, 3, 15);
  const ask = (overrides: Partial<Parameters<typeof nextClaimAt>[0]>) =>
    nextClaimAt({ period: 'DAILY', claimedThisPeriod: true, timeZone: berlin, gameZone: 'UTC', now: at, endsAt: new Date(at.getTime() + 30 * DAY), ...overrides });

  test('null while the caller may claim now', () => expect(ask({ claimedThisPeriod: false })).toBeNull());
  test('null for a claimed ONCE event: never again', () => expect(ask({ period: 'ONCE' })).toBeNull());
  test('DAILY claimed: the player\'s next local midnight', () => expect(ask({})).toEqual(startOfLocalDate(localDateNumber(at, 'Europe/Berlin') + 1, 'Europe/Berlin')));
  test('WEEKLY claimed: the next local Monday', () => expect(DateTime.fromJSDate(ask({ period: 'WEEKLY' })!, { zone: 'Europe/Berlin' }).weekday).toBe(1));
  test('null when the event ends before the next period', () => expect(ask({ endsAt: new Date(at.getTime() + HOUR) })).toBeNull());
});
