import { newId, type PlayerTimeZone } from '@platform/shared';
import { recordActivity, recordPlaySession } from '../../../subgraphs/users/src/services/login-stats';
import { emptyLoginStats, type HoldingsDelta } from '../../../subgraphs/users/src/store/records';
import { adapters, useUsersStores, at, utcDay, newUser, delta } from './fixtures';

describe.each(adapters)('$name users store', (adapter) => {
  const { fixture, users } = useUsersStores(adapter);

  describe('UserStore: login stats', () => {
    test('updateLoginStats stores what the function makes of the current stats', async () => {
      const user = await users().create(newUser('logger'));
      const seen: unknown[] = [];
      const after = await users().updateLoginStats(user.id, (current) => {
        seen.push(current);
        return recordPlaySession(current, at(0), utcDay(at(0)));
      });
      expect(seen[seen.length - 1]).toEqual(emptyLoginStats());
      const expected = recordPlaySession(emptyLoginStats(), at(0), utcDay(at(0)));
      expect(after?.loginStats).toEqual(expected);
      expect((await users().findById(user.id))?.loginStats).toEqual(expected);
      const next = await users().updateLoginStats(user.id, (current) => recordPlaySession(current, at(1), utcDay(at(1))));
      expect(next?.loginStats).toMatchObject({ totalLogins: 2, loginDays: 2, currentStreak: 2, lastLoginAt: at(1) });
    });

    test('an unknown user gives null', async () => {
      expect(await users().updateLoginStats(newId(), (current) => current)).toBeNull();
    });

    test('parallel logins are all counted', async () => {
      const user = await users().create(newUser('popular'));
      await Promise.all(Array.from({ length: 10 }, () => users().updateLoginStats(user.id, (current) => recordPlaySession(current, at(0), utcDay(at(0))))));
      expect((await users().findById(user.id))?.loginStats).toMatchObject({ totalLogins: 10, loginDays: 1, currentStreak: 1 });
    });

    test('parallel refreshes and sessions: every session counted, the latest activity kept', async () => {
      const user = await users().create(newUser('busy'));
      const gap = 30 * 60 * 1000;
      const times = Array.from({ length: 8 }, (_, i) => new Date(at(0).getTime() + i * 1000));
      await Promise.all([
        ...times.map((time) => users().updateLoginStats(user.id, (current) => recordActivity(current, 'refresh', time, utcDay(time), gap))),
        ...times.slice(0, 4).map((time) => users().updateLoginStats(user.id, (current) => recordActivity(current, 'sign-in', time, utcDay(time), gap))),
      ]);
      const stats = (await users().findById(user.id))?.loginStats;
      // The first refresh may open the first session (nothing before it); the four sign-ins always count.
      expect(stats?.totalLogins).toBeGreaterThanOrEqual(4);
      expect(stats?.totalLogins).toBeLessThanOrEqual(5);
      expect(stats?.lastActiveAt).toEqual(times.at(-1));
    });
  });

  describe('TestClockStore', () => {
    test('0 until advanced; advances add up, in parallel too', async () => {
      expect(await fixture.stores.testClock.offsetMs()).toBe(0);
      expect(await fixture.stores.testClock.advance(1000)).toBe(1000);
      await Promise.all(Array.from({ length: 10 }, () => fixture.stores.testClock.advance(500)));
      expect(await fixture.stores.testClock.offsetMs()).toBe(6000);
    });
  });

  describe('UserStore: time zone', () => {
    const zone = (name: string, requestedAt: Date): PlayerTimeZone => ({
      spans: [
        { zone: 'UTC', from: new Date(0), firstDate: Number.MIN_SAFE_INTEGER, dayOffset: 0 },
        { zone: name, from: new Date(requestedAt.getTime() + 86_400_000), firstDate: utcDay(requestedAt) + 1, dayOffset: 1 },
      ],
      requestedAt,
    });

    test('replaceTimeZone stores the schedule while the last request is the expected one, and only then', async () => {
      const user = await users().create(newUser('traveller'));
      const first = zone('Europe/Berlin', at(0));
      expect((await users().replaceTimeZone(user.id, null, first))?.timeZone).toEqual(first);
      expect((await users().findById(user.id))?.timeZone).toEqual(first);
      // A writer that read before the first change lost: nothing stored.
      expect(await users().replaceTimeZone(user.id, null, zone('Asia/Tokyo', at(1)))).toBeNull();
      const second = zone('Asia/Tokyo', at(8));
      expect((await users().replaceTimeZone(user.id, at(0), second))?.timeZone).toEqual(second);
      expect(await users().replaceTimeZone(newId(), null, first)).toBeNull();
    });

    test('of two parallel changes from the same state, exactly one is stored', async () => {
      const user = await users().create(newUser('racer'));
      const results = await Promise.all(['Europe/Berlin', 'Asia/Tokyo', 'America/New_York'].map((name) => users().replaceTimeZone(user.id, null, zone(name, at(0)))));
      expect(results.filter((result) => result !== null)).toHaveLength(1);
    });
  });

  describe('UserStore: holdings', () => {
    const STOCK = delta({ cash: 100, coins: 50, items: { sword: 2, potion: 5 }, coupons: { 'half-off': 1 } });
    const STOCKED = { cash: 100, coins: 50, items: { sword: 2, potion: 5 }, coupons: { 'half-off': 1 } };

    test('adjustHoldings applies credits and debits and returns the new holdings', async () => {
      const user = await users().create(newUser('holder'));
      expect(await users().adjustHoldings(user.id, STOCK)).toEqual({ outcome: 'applied', holdings: STOCKED });
      const result = await users().adjustHoldings(user.id, delta({ cash: -40, items: { potion: -1, shield: 1 } }));
      const expected = { cash: 60, coins: 50, items: { sword: 2, potion: 4, shield: 1 }, coupons: { 'half-off': 1 } };
      expect(result).toEqual({ outcome: 'applied', holdings: expected });
      expect((await users().findById(user.id))?.holdings).toEqual(expected);
    });

    test('a count brought to zero disappears', async () => {
      const user = await users().create(newUser('holder'));
      await users().adjustHoldings(user.id, STOCK);
      const result = await users().adjustHoldings(user.id, delta({ items: { sword: -2 }, coupons: { 'half-off': -1 } }));
      expect(result).toEqual({ outcome: 'applied', holdings: { cash: 100, coins: 50, items: { potion: 5 }, coupons: {} } });
      expect((await users().findById(user.id))?.holdings).toEqual({ cash: 100, coins: 50, items: { potion: 5 }, coupons: {} });
    });

    test.each<[string, HoldingsDelta]>([
      ['cash', delta({ cash: -101, coins: 5, items: { sword: 1 } })],
      ['coins', delta({ cash: -1, coins: -51 })],
      ['an item', delta({ cash: 10, items: { potion: -1, sword: -3 } })],
      ['an item never held', delta({ coins: 1, items: { crown: -1 } })],
      ['a coupon', delta({ cash: -1, coupons: { 'half-off': -2 } })],
    ])('all or nothing: %s going below zero is "insufficient" and nothing changes', async (_case, change) => {
      const user = await users().create(newUser('holder'));
      await users().adjustHoldings(user.id, STOCK);
      expect(await users().adjustHoldings(user.id, change)).toEqual({ outcome: 'insufficient' });
      expect((await users().findById(user.id))?.holdings).toEqual(STOCKED);
    });

    test('an unknown user is "user-not-found"', async () => {
      expect(await users().adjustHoldings(newId(), delta({ cash: 1 }))).toEqual({ outcome: 'user-not-found' });
      expect(await users().adjustHoldings(newId(), delta({ cash: -1 }))).toEqual({ outcome: 'user-not-found' });
    });

    test('twenty parallel debits of 10 from 100: exactly ten apply, the balance ends at 0', async () => {
      const user = await users().create(newUser('holder'));
      await users().adjustHoldings(user.id, delta({ cash: 100 }));
      const results = await Promise.all(Array.from({ length: 20 }, () => users().adjustHoldings(user.id, delta({ cash: -10 }))));
      expect(results.filter((result) => result.outcome === 'applied')).toHaveLength(10);
      expect(results.filter((result) => result.outcome === 'insufficient')).toHaveLength(10);
      expect((await users().findById(user.id))?.holdings.cash).toBe(0);
    });

    test('applyGrant credits once per grant id', async () => {
      const user = await users().create(newUser('winner'));
      const grantId = newId();
      const reward = delta({ coins: 100, items: { sword: 1 } });
      expect(await users().applyGrant(grantId, user.id, reward, at(0))).toEqual({ outcome: 'applied', holdings: { cash: 0, coins: 100, items: { sword: 1 }, coupons: {} } });
      expect(await users().applyGrant(grantId, user.id, reward, at(1))).toEqual({ outcome: 'already-applied', holdings: { cash: 0, coins: 100, items: { sword: 1 }, coupons: {} } });
      expect((await users().findById(user.id))?.holdings.coins).toBe(100);
      expect((await users().applyGrant(newId(), user.id, reward, at(1))).outcome).toBe('applied');
      expect((await users().findById(user.id))?.holdings).toEqual({ cash: 0, coins: 200, items: { sword: 2 }, coupons: {} });
    });

    test('applyGrant to an unknown user is "user-not-found" and does not use up the grant id', async () => {
      const grantId = newId();
      expect(await users().applyGrant(grantId, newId(), delta({ cash: 5 }), at(0))).toEqual({ outcome: 'user-not-found' });
      const user = await users().create(newUser('late'));
      expect((await users().applyGrant(grantId, user.id, delta({ cash: 5 }), at(0))).outcome).toBe('applied');
    });

    test('parallel deliveries of one grant credit it once', async () => {
      const user = await users().create(newUser('winner'));
      const grantId = newId();
      const results = await Promise.all(Array.from({ length: 5 }, () => users().applyGrant(grantId, user.id, delta({ cash: 10 }), at(0))));
      expect(results.filter((result) => result.outcome === 'applied')).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'already-applied')).toHaveLength(4);
      expect((await users().findById(user.id))?.holdings.cash).toBe(10);
    });

    test('ping answers', async () => {
      await expect(users().ping()).resolves.toBeUndefined();
    });
  });
});
