import { DAY_MS } from '@platform/shared';
import { dataOf } from '../../../test/support/graphql-result';
import { auditor } from '../../../test/support/tokens';
import { UsersHarness } from '../../../test/support/users-harness';
import { dayNumber, recordLogin } from '../src/services/login-stats';
import { emptyLoginStats, type LoginStatsRecord } from '../src/store/records';
import { HOUR, logIn, MINUTE, refresh, signUp, type LoginStatsData } from './helpers';

/** Midnight UTC of the day after today: every test starts on a fresh day in the future. */
function tomorrowUtc(): number {
  return (Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS;
}

describe('login stats through logIn', () => {
  let h: UsersHarness;

  /** Logs in at the clock's time; the payload shows the player their own stats. */
  async function statsAfterLogIn(username: string): Promise<LoginStatsData> {
    return dataOf(await logIn(h, { username })).logIn.user.profile.loginStats;
  }

  describe('in UTC (the default game time zone)', () => {
    let noon: number;
    beforeEach(async () => {
      noon = tomorrowUtc() + 12 * HOUR;
      h = await UsersHarness.create();
      h.clock.set(new Date(noon));
      await h.signUp('kim');
    });
    afterEach(() => h.stop());

    test('signUp is not a login: all zero and no lastLoginAt', async () => {
      const payload = dataOf(await signUp(h, { username: 'newbie' })).signUp;
      expect(payload.user.profile.loginStats).toEqual({ totalLogins: 0, loginDays: 0, currentStreak: 0, lastLoginAt: null, daysAwayBeforeLastLogin: 0 });
    });

    test('the first login starts a streak of one', async () => {
      expect(await statsAfterLogIn('kim')).toEqual({
        totalLogins: 1,
        loginDays: 1,
        currentStreak: 1,
        lastLoginAt: new Date(noon).toISOString(),
        daysAwayBeforeLastLogin: 0,
      });
    });

    test('twice on the same day: two logins, one day, streak unchanged', async () => {
      await statsAfterLogIn('kim');
      h.clock.advance(5 * HOUR);
      expect(await statsAfterLogIn('kim')).toEqual({
        totalLogins: 2,
        loginDays: 1,
        currentStreak: 1,
        lastLoginAt: new Date(noon + 5 * HOUR).toISOString(),
        daysAwayBeforeLastLogin: 0,
      });
    });

    test('consecutive days grow the streak, whatever the hour', async () => {
      await statsAfterLogIn('kim');
      // Late the next day, early the day after: still consecutive calendar days.
      h.clock.set(new Date(noon + DAY_MS + 11 * HOUR + 59 * MINUTE));
      expect(await statsAfterLogIn('kim')).toMatchObject({ totalLogins: 2, loginDays: 2, currentStreak: 2, daysAwayBeforeLastLogin: 1 });
      h.clock.set(new Date(noon + 2 * DAY_MS - 11 * HOUR));
      expect(await statsAfterLogIn('kim')).toMatchObject({ totalLogins: 3, loginDays: 3, currentStreak: 3, daysAwayBeforeLastLogin: 1 });
    });

    test('a gap resets the streak to 1 and daysAwayBeforeLastLogin is the gap in days', async () => {
      for (let day = 0; day < 3; day++) {
        h.clock.set(new Date(noon + day * DAY_MS));
        await statsAfterLogIn('kim');
      }
      h.clock.set(new Date(noon + 2 * DAY_MS + 5 * DAY_MS));
      const after = await statsAfterLogIn('kim');
      expect(after).toEqual({
        totalLogins: 4,
        loginDays: 4,
        currentStreak: 1,
        lastLoginAt: new Date(noon + 7 * DAY_MS).toISOString(),
        daysAwayBeforeLastLogin: 5,
      });
      // The next day the streak grows again from there, and the days away are 1 again.
      h.clock.advance(DAY_MS);
      expect(await statsAfterLogIn('kim')).toMatchObject({ totalLogins: 5, loginDays: 5, currentStreak: 2, daysAwayBeforeLastLogin: 1 });
    });

    test('refreshing a session is not a login', async () => {
      const first = dataOf(await logIn(h, { username: 'kim' })).logIn;
      h.clock.advance(DAY_MS);
      const refreshed = dataOf(await refresh(h, first.refreshToken)).refreshSession;
      expect(refreshed.user.profile.loginStats).toEqual(first.user.profile.loginStats);
      expect(refreshed.user.profile.loginStats.totalLogins).toBe(1);
    });

    test('staff see the same stats through user(id)', async () => {
      await statsAfterLogIn('kim');
      h.clock.advance(DAY_MS);
      const expected = await statsAfterLogIn('kim');
      const kim = await h.app.stores.users.findByUsername('kim');
      const { token } = auditor();
      const result = await h.run<{ user: { profile: { loginStats: LoginStatsData } } }>(
        `query($id: ID!) { user(id: $id) { profile { loginStats { totalLogins loginDays currentStreak lastLoginAt daysAwayBeforeLastLogin } } } }`,
        { id: kim?.id },
        token,
      );
      expect(dataOf(result).user.profile.loginStats).toEqual(expected);
    });
  });

  describe('GAME_TIME_ZONE decides where a day begins', () => {
    test('12:00 and 23:30 UTC are one day in UTC but two days in Asia/Tokyo (UTC+9)', async () => {
      const day = tomorrowUtc();
      const outcomes: Record<string, LoginStatsData> = {};
      for (const zone of ['UTC', 'Asia/Tokyo']) {
        h = await UsersHarness.create({ env: { GAME_TIME_ZONE: zone } });
        await h.signUp('lena');
        h.clock.set(new Date(day + 12 * HOUR));
        await statsAfterLogIn('lena');
        h.clock.set(new Date(day + 23 * HOUR + 30 * MINUTE));
        outcomes[zone] = await statsAfterLogIn('lena');
        await h.stop();
      }
      expect(outcomes['UTC']).toMatchObject({ totalLogins: 2, loginDays: 1, currentStreak: 1, daysAwayBeforeLastLogin: 0 });
      expect(outcomes['Asia/Tokyo']).toMatchObject({ totalLogins: 2, loginDays: 2, currentStreak: 2, daysAwayBeforeLastLogin: 1 });
    });

    test('12:00 UTC and 05:00 UTC the next day are two days in UTC but one in Pacific/Honolulu (UTC-10)', async () => {
      const day = tomorrowUtc();
      const outcomes: Record<string, LoginStatsData> = {};
      for (const zone of ['UTC', 'Pacific/Honolulu']) {
        h = await UsersHarness.create({ env: { GAME_TIME_ZONE: zone } });
        await h.signUp('mona');
        h.clock.set(new Date(day + 12 * HOUR));
        await statsAfterLogIn('mona');
        h.clock.set(new Date(day + DAY_MS + 5 * HOUR));
        outcomes[zone] = await statsAfterLogIn('mona');
        await h.stop();
      }
      expect(outcomes['UTC']).toMatchObject({ loginDays: 2, currentStreak: 2, daysAwayBeforeLastLogin: 1 });
      expect(outcomes['Pacific/Honolulu']).toMatchObject({ loginDays: 1, currentStreak: 1, daysAwayBeforeLastLogin: 0 });
    });
  });
});

describe('dayNumber', () => {
  const midnight = tomorrowUtc();

  test('in UTC it counts whole days since the epoch, changing exactly at midnight', () => {
    expect(dayNumber(new Date(midnight), 'UTC')).toBe(midnight / DAY_MS);
    expect(dayNumber(new Date(midnight - 1), 'UTC')).toBe(midnight / DAY_MS - 1);
    expect(dayNumber(new Date(midnight + DAY_MS - 1), 'UTC')).toBe(midnight / DAY_MS);
  });

  test('a zone ahead of UTC starts its day earlier, a zone behind later', () => {
    const lateEvening = new Date(midnight + 23 * HOUR + 30 * MINUTE);
    expect(dayNumber(lateEvening, 'Asia/Tokyo')).toBe(dayNumber(lateEvening, 'UTC') + 1);
    const earlyMorning = new Date(midnight + 5 * HOUR);
    expect(dayNumber(earlyMorning, 'Pacific/Honolulu')).toBe(dayNumber(earlyMorning, 'UTC') - 1);
    // Tokyo's day changes at 15:00 UTC.
    expect(dayNumber(new Date(midnight + 15 * HOUR - 1), 'Asia/Tokyo')).toBe(dayNumber(new Date(midnight), 'UTC'));
    expect(dayNumber(new Date(midnight + 15 * HOUR), 'Asia/Tokyo')).toBe(dayNumber(new Date(midnight), 'UTC') + 1);
  });
});

describe('recordLogin', () => {
  const start = tomorrowUtc() + 12 * HOUR;
  const at = (days: number, hours = 0) => new Date(start + days * DAY_MS + hours * HOUR);
  const replay = (...times: Date[]): LoginStatsRecord => times.reduce((stats, time) => recordLogin(stats, time, 'UTC'), emptyLoginStats());

  test('the first login', () => {
    expect(replay(at(0))).toEqual({
      totalLogins: 1,
      loginDays: 1,
      currentStreak: 1,
      lastLoginAt: at(0),
      lastLoginDay: dayNumber(at(0), 'UTC'),
      daysAwayBeforeLastLogin: 0,
    });
  });

  test('does not change its input', () => {
    const before = replay(at(0));
    const copy = structuredClone(before);
    recordLogin(before, at(1), 'UTC');
    expect(before).toEqual(copy);
  });

  test('same day, next day, and after a gap', () => {
    expect(replay(at(0), at(0, 3))).toMatchObject({ totalLogins: 2, loginDays: 1, currentStreak: 1, daysAwayBeforeLastLogin: 0 });
    expect(replay(at(0), at(1), at(2))).toMatchObject({ totalLogins: 3, loginDays: 3, currentStreak: 3, daysAwayBeforeLastLogin: 1 });
    expect(replay(at(0), at(1), at(2), at(16))).toMatchObject({ totalLogins: 4, loginDays: 4, currentStreak: 1, daysAwayBeforeLastLogin: 14 });
    expect(replay(at(0), at(0, 1), at(0, 2), at(1))).toMatchObject({ totalLogins: 4, loginDays: 2, currentStreak: 2, daysAwayBeforeLastLogin: 1 });
  });

  test('a second login on the same day sets days away to 0 again', () => {
    expect(replay(at(0), at(5), at(5, 2))).toMatchObject({ currentStreak: 1, daysAwayBeforeLastLogin: 0, loginDays: 2 });
  });

  test('a login stamped earlier than the last one (clock skew between instances) never breaks the streak', () => {
    const stats = replay(at(0), at(1), at(2), at(1, 2));
    expect(stats).toMatchObject({ totalLogins: 4, loginDays: 3, currentStreak: 3, lastLoginDay: dayNumber(at(2), 'UTC') });
    // The next real day still continues the streak.
    expect(recordLogin(stats, at(3), 'UTC')).toMatchObject({ currentStreak: 4, loginDays: 4 });
  });

  test('days are counted in the time zone given', () => {
    const day = tomorrowUtc();
    const evening = new Date(day + 12 * HOUR);
    const lateEvening = new Date(day + 23 * HOUR + 30 * MINUTE);
    const tokyo = recordLogin(recordLogin(emptyLoginStats(), evening, 'Asia/Tokyo'), lateEvening, 'Asia/Tokyo');
    const utc = recordLogin(recordLogin(emptyLoginStats(), evening, 'UTC'), lateEvening, 'UTC');
    expect(tokyo).toMatchObject({ loginDays: 2, currentStreak: 2 });
    expect(utc).toMatchObject({ loginDays: 1, currentStreak: 1 });
  });
});
