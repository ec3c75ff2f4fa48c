import { DAY_MS, localDateNumber } from '@platform/shared';
import { dataOf } from '../../../test/support/graphql-result';
import { auditor } from '../../../test/support/tokens';
import { UsersHarness } from '../../../test/support/users-harness';
import { tomorrowUtc } from '../../../test/support/zones';
import { isPlaySession, recordActivity, recordPlaySession } from '../src/services/login-stats';
import { emptyLoginStats, type LoginStatsRecord } from '../src/store/records';
import { HOUR, logIn, MINUTE, refresh, signUp, type LoginStatsData } from './helpers';

const GAP = 30 * MINUTE;

describe('play sessions through the API', () => {
  let h: UsersHarness;
  let noon: number;

  beforeEach(async () => {
    noon = tomorrowUtc() + 12 * HOUR;
    h = await UsersHarness.create();
    h.clock.set(new Date(noon));
  });
  afterEach(() => h.stop());

  const statsAfterLogIn = async (username: string): Promise<LoginStatsData> => dataOf(await logIn(h, { username })).logIn.user.profile.loginStats;

  /** Refreshes and returns the stats and the next refresh token. */
  async function refreshed(token: string): Promise<{ stats: LoginStatsData; token: string }> {
    const payload = dataOf(await refresh(h, token)).refreshSession;
    return { stats: payload.user.profile.loginStats, token: payload.refreshToken };
  }

  test('signUp is the first play session', async () => {
    const payload = dataOf(await signUp(h, { username: 'newbie' })).signUp;
    expect(payload.user.profile.loginStats).toEqual({ totalLogins: 1, loginDays: 1, currentStreak: 1, lastLoginAt: new Date(noon).toISOString(), daysAwayBeforeLastLogin: 0 });
  });

  test('logIn is always a play session; a second one the same day counts, the day once', async () => {
    await h.signUp('kim');
    h.clock.advance(5 * MINUTE);
    expect(await statsAfterLogIn('kim')).toMatchObject({ totalLogins: 2, loginDays: 1, currentStreak: 1, daysAwayBeforeLastLogin: 0 });
  });

  test('refreshing while active is not a session; refreshing after SESSION_GAP_MINUTES away is', async () => {
    let { refreshToken: token } = await h.signUp('pia');
    // Playing for two hours: the app refreshes every 15 minutes.
    for (let i = 0; i < 8; i++) {
      h.clock.advance(15 * MINUTE);
      const next = await refreshed(token);
      token = next.token;
      expect(next.stats.totalLogins).toBe(1);
    }
    // Away 29 minutes: the same session.
    h.clock.advance(29 * MINUTE);
    const stillOne = await refreshed(token);
    expect(stillOne.stats.totalLogins).toBe(1);
    // Away 30 minutes since that refresh (the last activity): a new session, same day.
    h.clock.advance(30 * MINUTE);
    const second = await refreshed(stillOne.token);
    expect(second.stats).toMatchObject({ totalLogins: 2, loginDays: 1, currentStreak: 1, lastLoginAt: h.clock.now().toISOString() });
  });

  test('an app that signs up once and then only refreshes daily builds a 7-day streak', async () => {
    let { refreshToken: token } = await h.signUp('daily');
    let stats: LoginStatsData | undefined;
    for (let day = 1; day < 7; day++) {
      h.clock.set(new Date(noon + day * DAY_MS + (day % 3) * HOUR));
      ({ stats, token } = await refreshed(token));
    }
    expect(stats).toMatchObject({ totalLogins: 7, loginDays: 7, currentStreak: 7, daysAwayBeforeLastLogin: 1 });
  });

  test('SESSION_GAP_MINUTES sets the gap', async () => {
    await h.stop();
    h = await UsersHarness.create({ env: { SESSION_GAP_MINUTES: '5' } });
    h.clock.set(new Date(noon));
    const { refreshToken } = await h.signUp('quick');
    h.clock.advance(5 * MINUTE);
    expect((await refreshed(refreshToken)).stats.totalLogins).toBe(2);
  });

  test('a returning player stays "returning" for the whole day: a second session keeps daysAwayBeforeLastLogin', async () => {
    let { refreshToken: token } = await h.signUp('back');
    h.clock.advance(10 * DAY_MS);
    const returning = await refreshed(token);
    expect(returning.stats).toMatchObject({ totalLogins: 2, loginDays: 2, currentStreak: 1, daysAwayBeforeLastLogin: 10 });
    h.clock.advance(3 * HOUR);
    token = (await refreshed(returning.token)).token;
    const onTablet = dataOf(await logIn(h, { username: 'back', deviceId: 'tablet' })).logIn.user.profile.loginStats;
    expect(onTablet).toMatchObject({ totalLogins: 4, loginDays: 2, daysAwayBeforeLastLogin: 10 });
    // The next day it is a gap of one again.
    h.clock.advance(DAY_MS);
    expect((await refreshed(token)).stats).toMatchObject({ loginDays: 3, currentStreak: 2, daysAwayBeforeLastLogin: 1 });
  });

  test('a gap resets the streak to 1', async () => {
    await h.signUp('kim');
    for (let day = 1; day < 3; day++) {
      h.clock.set(new Date(noon + day * DAY_MS));
      await statsAfterLogIn('kim');
    }
    h.clock.set(new Date(noon + 7 * DAY_MS));
    expect(await statsAfterLogIn('kim')).toEqual({ totalLogins: 4, loginDays: 4, currentStreak: 1, lastLoginAt: new Date(noon + 7 * DAY_MS).toISOString(), daysAwayBeforeLastLogin: 5 });
  });

  test('staff see the same stats through user(id)', async () => {
    const kim = await h.signUp('kim');
    h.clock.advance(DAY_MS);
    const expected = await statsAfterLogIn('kim');
    const result = await h.run<{ user: { profile: { loginStats: LoginStatsData } } }>(
      `query($id: ID!) { user(id: $id) { profile { loginStats { totalLogins loginDays currentStreak lastLoginAt daysAwayBeforeLastLogin } } } }`,
      { id: kim.id },
      auditor().token,
    );
    expect(dataOf(result).user.profile.loginStats).toEqual(expected);
  });

  describe('GAME_TIME_ZONE is the default day', () => {
    test('12:00 and 23:30 UTC are one day in UTC but two days in Asia/Tokyo (UTC+9)', async () => {
      const day = tomorrowUtc();
      const outcomes: Record<string, LoginStatsData> = {};
      for (const zone of ['UTC', 'Asia/Tokyo']) {
        await h.stop();
        h = await UsersHarness.create({ env: { GAME_TIME_ZONE: zone } });
        h.clock.set(new Date(day + 12 * HOUR));
        await h.signUp('lena');
        h.clock.set(new Date(day + 23 * HOUR + 30 * MINUTE));
        outcomes[zone] = await statsAfterLogIn('lena');
      }
      expect(outcomes['UTC']).toMatchObject({ totalLogins: 2, loginDays: 1, currentStreak: 1, daysAwayBeforeLastLogin: 0 });
      expect(outcomes['Asia/Tokyo']).toMatchObject({ totalLogins: 2, loginDays: 2, currentStreak: 2, daysAwayBeforeLastLogin: 1 });
    });
  });
});

describe('recordPlaySession and recordActivity', () => {
  const start = tomorrowUtc() + 12 * HOUR;
  const at = (days: number, hours = 0) => new Date(start + days * DAY_MS + hours * HOUR);
  const day = (time: Date) => localDateNumber(time, 'UTC');
  const replay = (...times: Date[]): LoginStatsRecord => times.reduce((stats, time) => recordPlaySession(stats, time, day(time)), emptyLoginStats());

  test('the first session', () => {
    expect(replay(at(0))).toEqual({ totalLogins: 1, loginDays: 1, currentStreak: 1, lastLoginAt: at(0), lastLoginDay: day(at(0)), daysAwayBeforeLastLogin: 0, lastActiveAt: at(0) });
  });

  test('does not change its input', () => {
    const before = replay(at(0));
    const copy = structuredClone(before);
    recordPlaySession(before, at(1), day(at(1)));
    recordActivity(before, 'refresh', at(0, 1), day(at(0, 1)), GAP);
    expect(before).toEqual(copy);
  });

  test('same day, next day, and after a gap', () => {
    expect(replay(at(0), at(0, 3))).toMatchObject({ totalLogins: 2, loginDays: 1, currentStreak: 1, daysAwayBeforeLastLogin: 0 });
    expect(replay(at(0), at(1), at(2))).toMatchObject({ totalLogins: 3, loginDays: 3, currentStreak: 3, daysAwayBeforeLastLogin: 1 });
    expect(replay(at(0), at(1), at(2), at(16))).toMatchObject({ totalLogins: 4, loginDays: 4, currentStreak: 1, daysAwayBeforeLastLogin: 14 });
  });

  test('a second session on the same day keeps that day\'s days away', () => {
    expect(replay(at(0), at(5), at(5, 2))).toMatchObject({ currentStreak: 1, daysAwayBeforeLastLogin: 5, loginDays: 2, totalLogins: 3 });
  });

  test('a session stamped earlier than the last one (clock skew between instances) never breaks the streak', () => {
    const stats = replay(at(0), at(1), at(2), at(1, 2));
    expect(stats).toMatchObject({ totalLogins: 4, loginDays: 3, currentStreak: 3, lastLoginDay: day(at(2)), lastActiveAt: at(2) });
    expect(recordPlaySession(stats, at(3), day(at(3)))).toMatchObject({ currentStreak: 4, loginDays: 4 });
  });

  test('a refresh is a session only after the gap since the last activity', () => {
    const first = replay(at(0));
    expect(isPlaySession(first, 'refresh', new Date(at(0).getTime() + GAP - 1), GAP)).toBe(false);
    expect(isPlaySession(first, 'refresh', new Date(at(0).getTime() + GAP), GAP)).toBe(true);
    expect(isPlaySession(first, 'sign-in', at(0), GAP)).toBe(true);
    const active = recordActivity(first, 'refresh', at(0, 0.4), day(at(0)), GAP);
    expect(active).toEqual({ ...first, lastActiveAt: at(0, 0.4) });
    // Stats stored before lastActiveAt existed measure the gap from the last login.
    expect(isPlaySession({ ...first, lastActiveAt: null }, 'refresh', at(0, 0.4), GAP)).toBe(false);
    expect(isPlaySession(emptyLoginStats(), 'refresh', at(0), GAP)).toBe(true);
  });
});
