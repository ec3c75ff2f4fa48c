import { DAY_MS, Role, startOfLocalDate, localDateNumber } from '@platform/shared';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { UsersHarness } from '../../../test/support/users-harness';
import { localTime, nextOffsetChange } from '../../../test/support/zones';
import { logIn, type LoginStatsData } from './helpers';

const SET = `mutation($zone: String!) { setTimeZone(timeZone: $zone) { id timeZone } }`;
const ME = `{ me { timeZone profile { loginStats { totalLogins loginDays currentStreak daysAwayBeforeLastLogin } } } }`;
const USER = `query($id: ID!) { user(id: $id) { timeZone } }`;

describe('User.timeZone and setTimeZone', () => {
  let h: UsersHarness;
  beforeEach(async () => {
    h = await UsersHarness.create({ env: { GAME_TIME_ZONE: 'Europe/Berlin' } });
    h.clock.set(localTime('Europe/Berlin', new Date(), 2, 12));
  });
  afterEach(() => h.stop());

  const stats = async (username: string, deviceId = 'default'): Promise<LoginStatsData> => dataOf(await logIn(h, { username, deviceId })).logIn.user.profile.loginStats;

  test('GAME_TIME_ZONE until the player sets one; the canonical name after; self and staff see it, other players do not', async () => {
    const ana = await h.signUp('ana');
    expect(dataOf(await h.run(ME, {}, ana.token)).me.timeZone).toBe('Europe/Berlin');
    expect(dataOf(await h.run(SET, { zone: 'america/new_york' }, ana.token)).setTimeZone).toEqual({ id: ana.id, timeZone: 'America/New_York' });
    expect(dataOf(await h.run(ME, {}, ana.token)).me.timeZone).toBe('America/New_York');
    const staff = await h.userWithRoles('olga_ops', [Role.USER, Role.OPERATOR]);
    expect(dataOf(await h.run(USER, { id: ana.id }, staff.token)).user.timeZone).toBe('America/New_York');
    const other = await h.signUp('bob');
    const peek = await h.run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on User { timeZone } } }`, { r: [{ __typename: 'User', id: ana.id }] }, other.token);
    expect(errorCode(peek)).toBe('FORBIDDEN');
  });

  test('BAD_USER_INPUT for what is not an IANA zone; UNAUTHENTICATED without a token', async () => {
    const ana = await h.signUp('ana');
    for (const zone of ['Mars/Olympus_Mons', '+05:00', 'EST5EDT; x', '']) {
      const result = await h.run(SET, { zone }, ana.token);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.['field']).toBe('timeZone');
    }
    expect(errorCode(await h.run(SET, { zone: 'Asia/Tokyo' }))).toBe('UNAUTHENTICATED');
  });

  test('once per 7 days: RATE_LIMITED with retryAt, then allowed; choosing the same zone again is no change', async () => {
    const ana = await h.signUp('ana');
    const changedAt = h.clock.now();
    dataOf(await h.run(SET, { zone: 'Asia/Tokyo' }, ana.token));
    expect(dataOf(await h.run(SET, { zone: 'Asia/Tokyo' }, ana.token)).setTimeZone.timeZone).toBe('Asia/Tokyo');
    h.clock.advance(7 * DAY_MS - 1000);
    const refused = await h.run(SET, { zone: 'Europe/Berlin' }, ana.token);
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.extensions?.['retryAt']).toBe(new Date(changedAt.getTime() + 7 * DAY_MS).toISOString());
    h.clock.advance(1000);
    expect(dataOf(await h.run(SET, { zone: 'Europe/Berlin' }, ana.token)).setTimeZone.timeZone).toBe('Europe/Berlin');
  });

  test('parallel changes: exactly one wins, the others are RATE_LIMITED', async () => {
    const ana = await h.signUp('ana');
    const results = await Promise.all(['Asia/Tokyo', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia'].map((zone) => h.run(SET, { zone }, ana.token)));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => errorCode(result) === 'RATE_LIMITED')).toHaveLength(3);
  });

  test('exploit: a session at 23:50 in Berlin, then a switch to Tokyo (07:50 tomorrow there) does not count tomorrow yet', async () => {
    await h.signUp('eve');
    h.clock.set(localTime('Europe/Berlin', h.clock.now(), 0, 23, 50));
    const before = await stats('eve');
    expect(before).toMatchObject({ loginDays: 1, currentStreak: 1 });
    const eve = dataOf(await logIn(h, { username: 'eve', deviceId: 'phone' })).logIn;
    dataOf(await h.run(SET, { zone: 'Asia/Tokyo' }, eve.accessToken));
    h.clock.advance(5 * 60_000);
    // 23:55 in Berlin, 07:55 tomorrow in Tokyo: still the Berlin day, and after Berlin's
    // midnight still that day until Tokyo's next midnight.
    expect(await stats('eve')).toMatchObject({ loginDays: 1, currentStreak: 1 });
    h.clock.advance(hours(2));
    expect(await stats('eve')).toMatchObject({ loginDays: 1, currentStreak: 1 });
    const tokyoMidnight = startOfLocalDate(localDateNumber(h.clock.now(), 'Asia/Tokyo') + 1, 'Asia/Tokyo');
    h.clock.set(new Date(tokyoMidnight.getTime() - 60_000));
    expect(await stats('eve')).toMatchObject({ loginDays: 1, currentStreak: 1 });
    h.clock.set(tokyoMidnight);
    // The next day, in Tokyo now: the streak goes on, one day more, not two.
    expect(await stats('eve')).toMatchObject({ loginDays: 2, currentStreak: 2, daysAwayBeforeLastLogin: 1 });
  });

  test('exploit: switching west (New York) after a session does not give the same date again', async () => {
    await h.signUp('mal');
    h.clock.set(localTime('Europe/Berlin', h.clock.now(), 1, 3));
    expect(await stats('mal')).toMatchObject({ loginDays: 2, currentStreak: 2 });
    const mal = dataOf(await logIn(h, { username: 'mal', deviceId: 'phone' })).logIn;
    dataOf(await h.run(SET, { zone: 'America/New_York' }, mal.accessToken));
    // Berlin's next midnight is New York's 18:00 of the same date: the day goes on until
    // New York's midnight, then it is the next date, once.
    const newYorkMidnight = startOfLocalDate(localDateNumber(localTime('Europe/Berlin', h.clock.now(), 1, 0, 30), 'America/New_York') + 1, 'America/New_York');
    h.clock.set(new Date(newYorkMidnight.getTime() - 60_000));
    expect(await stats('mal')).toMatchObject({ loginDays: 2, currentStreak: 2 });
    h.clock.set(newYorkMidnight);
    expect(await stats('mal')).toMatchObject({ loginDays: 3, currentStreak: 3 });
    h.clock.advance(hours(23));
    expect(await stats('mal')).toMatchObject({ loginDays: 3, currentStreak: 3 });
  });
});

describe('streaks across daylight-saving changes in the player\'s zone', () => {
  test.each(['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'])('%s: a session late every evening and early every morning keeps the streak through the change', async (zone) => {
    const change = nextOffsetChange(zone, new Date(Date.now() + 9 * DAY_MS));
    const h = await UsersHarness.create();
    h.clock.set(localTime(zone, change, -12, 12));
    const player = await h.signUp('dst_dora');
    dataOf(await h.run(SET, { zone }, player.token));
    const session = async (at: Date) => {
      h.clock.set(at);
      return dataOf(await logIn(h, { username: 'dst_dora', deviceId: 'phone' })).logIn.user.profile.loginStats;
    };
    // From three days before the change to three days after: 23:55, then 00:05 the day after.
    let streak = (await session(localTime(zone, change, -3, 23, 55))).currentStreak;
    expect(streak).toBe(1);
    for (let day = -2; day <= 3; day++) {
      const morning = await session(localTime(zone, change, day, 0, 5));
      expect(morning.currentStreak).toBe(++streak);
      expect((await session(localTime(zone, change, day, 23, 55))).currentStreak).toBe(streak);
    }
    await h.stop();
  });
});

function hours(count: number): number {
  return count * 60 * 60 * 1000;
}
