import type { Model } from 'mongoose';
import { storeAdapters, type StoreFixture } from './store-adapters';
import { newId, Role } from '@platform/shared';
import { recordActivity, recordPlaySession } from '../../subgraphs/users/src/services/login-stats';
import { createMemoryUsersStores } from '../../subgraphs/users/src/store/memory';
import { createMongoUsersStores, ensureUsersIndexes } from '../../subgraphs/users/src/store/mongo';
import { usersModels } from '../../subgraphs/users/src/store/mongo/models';
import type { AttemptCounterStore } from '../../subgraphs/users/src/store/attempt-counters';
import { testClockModel } from '../../subgraphs/users/src/store/mongo/mongo-test-clock-store';
import { UsernameTakenError, type NewUser, type SessionStore, type UserStore, type UsersStores } from '../../subgraphs/users/src/store/ports';
import { defaultPlayerTimeZone, localDateNumber, type PlayerTimeZone } from '@platform/shared';
import { emptyHoldings, emptyLoginStats, ROTATED_HASHES_KEPT, type HoldingsDelta, type SessionRecord } from '../../subgraphs/users/src/store/records';

const adapters = storeAdapters<UsersStores>({
  subgraph: 'users',
  memory: createMemoryUsersStores,
  mongo: async (connection) => {
    await ensureUsersIndexes(connection);
    return { stores: createMongoUsersStores(connection), models: [...Object.values(usersModels(connection)), testClockModel(connection)] as Model<never>[] };
  },
});

const DAY = 24 * 60 * 60 * 1000;
/** Whole milliseconds, as every store keeps them. */
const T0 = Math.floor(Date.now() / 1000) * 1000;
const at = (days: number) => new Date(T0 + days * DAY);
const utcDay = (time: Date) => localDateNumber(time, 'UTC');

function newUser(username: string, overrides: Partial<NewUser> = {}): NewUser {
  return { id: newId(), username, passwordHash: `hash-of-${username}`, roles: [Role.USER], createdAt: at(0), bannedUntil: null, ...overrides };
}

const delta = (change: Partial<HoldingsDelta>): HoldingsDelta => ({ cash: 0, coins: 0, items: {}, coupons: {}, ...change });

function newSession(userId: string, deviceId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return { id: newId(), userId, deviceId, tokenHash: `hash-${newId()}`, rotatedTokenHashes: [], createdAt: at(0), expiresAt: at(14), ...overrides };
}

if (!process.env['MONGODB_URI']) {
  describe.skip('mongodb users store (set MONGODB_URI to a replica set to run this contract against MongoDB)', () => {
    test('contract', () => undefined);
  });
}

describe.each(adapters)('$name users store', (adapter) => {
  let fixture: StoreFixture<UsersStores>;
  const users = (): UserStore => fixture.stores.users;
  const sessions = (): SessionStore => fixture.stores.sessions;
  const attempts = (): AttemptCounterStore => fixture.stores.attempts;

  beforeAll(async () => {
    fixture = await adapter.open();
  });
  afterAll(() => fixture.close());
  beforeEach(() => fixture.reset());

  describe('UserStore: accounts', () => {
    test('create returns the user with empty holdings and stats; every lookup finds the same record', async () => {
      const input = newUser('Alice.B');
      const created = await users().create(input);
      const expected = { ...input, holdings: emptyHoldings(), loginStats: emptyLoginStats(), timeZone: defaultPlayerTimeZone() };
      expect(created).toEqual(expected);
      expect(await users().findById(input.id)).toEqual(expected);
      expect(await users().findByUsername('Alice.B')).toEqual(expected);
      expect(await users().findByUsername('alice.b')).toEqual(expected);
      expect(await users().findByUsername('ALICE.B')).toEqual(expected);
    });

    test('unknown ids and names are null', async () => {
      await users().create(newUser('someone'));
      expect(await users().findById(newId())).toBeNull();
      expect(await users().findByUsername('nobody')).toBeNull();
    });

    test('usernames are unique in any letter case: UsernameTakenError, the first account untouched', async () => {
      const first = await users().create(newUser('Alice'));
      for (const username of ['Alice', 'alice', 'aLICE']) {
        await expect(users().create(newUser(username, { passwordHash: 'other' }))).rejects.toBeInstanceOf(UsernameTakenError);
      }
      expect(await users().findByUsername('ALICE')).toEqual(first);
      expect(await users().list({ limit: 10 })).toHaveLength(1);
    });

    test('parallel creates of one name: exactly one wins', async () => {
      const results = await Promise.allSettled(['racer', 'Racer', 'RACER', 'racer', 'rAcEr'].map((name) => users().create(newUser(name))));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(rejected).toHaveLength(4);
      for (const result of rejected) expect(result.reason).toBeInstanceOf(UsernameTakenError);
    });

    test('findByIds returns the users that exist and ignores the rest', async () => {
      const [a, b, c] = [newUser('user_a'), newUser('user_b'), newUser('user_c')];
      for (const user of [a, b, c]) await users().create(user);
      const found = await users().findByIds([c!.id, newId(), a!.id]);
      expect(found.map((user) => user.username).sort()).toEqual(['user_a', 'user_c']);
      expect(found.find((user) => user.id === a!.id)).toEqual(await users().findById(a!.id));
      expect(await users().findByIds([])).toEqual([]);
    });

    test('countWithRole counts holders of the role', async () => {
      await users().create(newUser('plain'));
      await users().create(newUser('boss', { roles: [Role.USER, Role.ADMIN] }));
      await users().create(newUser('root', { roles: [Role.ADMIN] }));
      expect(await users().countWithRole(Role.ADMIN)).toBe(2);
      expect(await users().countWithRole(Role.USER)).toBe(2);
      expect(await users().countWithRole(Role.AUDITOR)).toBe(0);
    });

    test('setRoles and setBannedUntil return the updated user; unknown ids give null', async () => {
      const user = await users().create(newUser('changer'));
      expect((await users().setRoles(user.id, [Role.OPERATOR, Role.AUDITOR]))?.roles).toEqual([Role.OPERATOR, Role.AUDITOR]);
      expect((await users().setBannedUntil(user.id, at(3)))?.bannedUntil).toEqual(at(3));
      expect(await users().findById(user.id)).toMatchObject({ roles: [Role.OPERATOR, Role.AUDITOR], bannedUntil: at(3) });
      expect((await users().setBannedUntil(user.id, null))?.bannedUntil).toBeNull();
      expect(await users().setRoles(newId(), [Role.USER])).toBeNull();
      expect(await users().setBannedUntil(newId(), at(1))).toBeNull();
    });
  });

  describe('UserStore: list', () => {
    /** Ids minted in order, created out of order: the store sorts, not the insertion. */
    async function seed() {
      const specs: [string, Role[]][] = [
        ['l_zero', [Role.USER]],
        ['l_one', [Role.USER, Role.OPERATOR]],
        ['l_two', [Role.USER]],
        ['l_three', [Role.OPERATOR]],
        ['l_four', [Role.USER, Role.OPERATOR]],
      ];
      const seeded = specs.map(([name, roles]) => newUser(name, { roles }));
      for (const index of [3, 0, 4, 2, 1]) await users().create(seeded[index]!);
      return seeded.map((user) => user.id);
    }
    const names = (list: { username: string }[]) => list.map((user) => user.username);

    test('orders by id ascending and stops at the limit', async () => {
      await seed();
      expect(names(await users().list({ limit: 10 }))).toEqual(['l_zero', 'l_one', 'l_two', 'l_three', 'l_four']);
      expect(names(await users().list({ limit: 2 }))).toEqual(['l_zero', 'l_one']);
    });

    test('afterId pages on from the id after it', async () => {
      const ids = await seed();
      expect(names(await users().list({ afterId: ids[1]!, limit: 2 }))).toEqual(['l_two', 'l_three']);
      expect(names(await users().list({ afterId: ids[4]!, limit: 2 }))).toEqual([]);
    });

    test('role filters, also together with afterId', async () => {
      const ids = await seed();
      expect(names(await users().list({ role: Role.OPERATOR, limit: 10 }))).toEqual(['l_one', 'l_three', 'l_four']);
      expect(names(await users().list({ role: Role.OPERATOR, afterId: ids[1]!, limit: 1 }))).toEqual(['l_three']);
      expect(names(await users().list({ role: Role.ADMIN, limit: 10 }))).toEqual([]);
    });
  });

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

  describe('UserStore: password hash upgrade', () => {
    test('replacePasswordHash swaps only while the expected hash is current', async () => {
      const user = await users().create(newUser('upgrader', { passwordHash: 'old-hash' }));
      expect(await users().replacePasswordHash(user.id, 'stale-hash', 'new-hash')).toBe(false);
      expect((await users().findById(user.id))?.passwordHash).toBe('old-hash');
      expect(await users().replacePasswordHash(user.id, 'old-hash', 'new-hash')).toBe(true);
      expect(await users().findById(user.id)).toEqual({ ...user, passwordHash: 'new-hash' });
      expect(await users().replacePasswordHash(user.id, 'old-hash', 'newer-hash')).toBe(false);
      expect(await users().replacePasswordHash(newId(), 'old-hash', 'new-hash')).toBe(false);
    });
  });

  describe('AttemptCounterStore', () => {
    const MINUTE = 60_000;
    const now = (minutes: number) => new Date(T0 + minutes * MINUTE);

    test('hit counts within a window that opens at the first attempt and is not extended', async () => {
      expect(await attempts().hit('k', 15 * MINUTE, now(0))).toEqual({ count: 1, expiresAt: now(15) });
      expect(await attempts().hit('k', 15 * MINUTE, now(5))).toEqual({ count: 2, expiresAt: now(15) });
      expect(await attempts().hit('k', 15 * MINUTE, now(14))).toEqual({ count: 3, expiresAt: now(15) });
      // The window closed: a new one opens at this attempt.
      expect(await attempts().hit('k', 15 * MINUTE, now(15))).toEqual({ count: 1, expiresAt: now(30) });
    });

    test('keys count separately', async () => {
      await attempts().hit('login:username:ann', MINUTE, now(0));
      await attempts().hit('login:username:ann', MINUTE, now(0));
      expect((await attempts().hit('login:username:bob', MINUTE, now(0))).count).toBe(1);
      expect((await attempts().hit('login:username:ann', MINUTE, now(0))).count).toBe(3);
    });

    test('release takes one back while the window is open, never below zero, and creates nothing', async () => {
      await attempts().hit('k', 10 * MINUTE, now(0));
      await attempts().hit('k', 10 * MINUTE, now(0));
      await attempts().release('k', now(1));
      expect((await attempts().hit('k', 10 * MINUTE, now(2))).count).toBe(2);
      for (let i = 0; i < 4; i++) await attempts().release('k', now(3));
      expect((await attempts().hit('k', 10 * MINUTE, now(4))).count).toBe(1);
      await attempts().release('unknown', now(0));
      expect(await attempts().hit('unknown', MINUTE, now(0))).toEqual({ count: 1, expiresAt: now(1) });
    });

    test('release after the window closed changes nothing', async () => {
      await attempts().hit('k', MINUTE, now(0));
      await attempts().release('k', now(2));
      expect(await attempts().hit('k', MINUTE, now(2))).toEqual({ count: 1, expiresAt: now(3) });
    });

    test('clear forgets the key', async () => {
      for (let i = 0; i < 3; i++) await attempts().hit('k', MINUTE, now(0));
      await attempts().clear('k');
      await attempts().clear('never-seen');
      expect(await attempts().hit('k', MINUTE, now(0))).toEqual({ count: 1, expiresAt: now(1) });
    });

    test('fifty parallel hits, the first ones racing to create the key: each gets its own count', async () => {
      const counts = await Promise.all(Array.from({ length: 50 }, () => attempts().hit('race', MINUTE, now(0))));
      expect(counts.map((hit) => hit.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(counts.map((hit) => hit.expiresAt.getTime()))).toEqual(new Set([now(1).getTime()]));
    });
  });

  describe('SessionStore', () => {
    test('replaceForDevice stores the session; findById returns it; unknown and malformed ids are null', async () => {
      const userId = newId();
      const session = newSession(userId, 'phone');
      await sessions().replaceForDevice(session);
      expect(await sessions().findById(session.id)).toEqual(session);
      expect(await sessions().findById(newId())).toBeNull();
      expect(await sessions().findById('garbage')).toBeNull();
      expect(await sessions().findById('')).toBeNull();
    });

    test('replaceForDevice replaces the session of the same (user, device) only', async () => {
      const [ann, bob] = [newId(), newId()];
      const annPhone = newSession(ann, 'phone');
      const annLaptop = newSession(ann, 'laptop');
      const bobPhone = newSession(bob, 'phone');
      for (const session of [annPhone, annLaptop, bobPhone]) await sessions().replaceForDevice(session);
      const annPhone2 = newSession(ann, 'phone');
      await sessions().replaceForDevice(annPhone2);
      expect(await sessions().findById(annPhone.id)).toBeNull();
      expect(await sessions().findById(annPhone2.id)).toEqual(annPhone2);
      expect(await sessions().findById(annLaptop.id)).toEqual(annLaptop);
      expect(await sessions().findById(bobPhone.id)).toEqual(bobPhone);
    });

    test('parallel replaceForDevice for one device leave exactly one session', async () => {
      const userId = newId();
      const candidates = Array.from({ length: 5 }, () => newSession(userId, 'phone'));
      await Promise.all(candidates.map((session) => sessions().replaceForDevice(session)));
      const alive = (await Promise.all(candidates.map((session) => sessions().findById(session.id)))).filter((found) => found !== null);
      expect(alive).toHaveLength(1);
    });

    test('rotate swaps the hash only while the expected one is current', async () => {
      const session = newSession(newId(), 'phone', { tokenHash: 'h0' });
      await sessions().replaceForDevice(session);
      expect(await sessions().rotate(session.id, 'h0', 'h1', at(20))).toBe(true);
      const rotated = { ...session, tokenHash: 'h1', rotatedTokenHashes: ['h0'], expiresAt: at(20) };
      expect(await sessions().findById(session.id)).toEqual(rotated);
      // The same expected hash again: lost the race, nothing changes.
      expect(await sessions().rotate(session.id, 'h0', 'h2', at(30))).toBe(false);
      expect(await sessions().findById(session.id)).toEqual(rotated);
      expect(await sessions().rotate(session.id, 'h1', 'h2', at(30))).toBe(true);
      expect(await sessions().findById(session.id)).toMatchObject({ tokenHash: 'h2', rotatedTokenHashes: ['h0', 'h1'], expiresAt: at(30) });
    });

    test('rotate of an unknown or malformed id is false', async () => {
      expect(await sessions().rotate(newId(), 'h0', 'h1', at(1))).toBe(false);
      expect(await sessions().rotate('garbage', 'h0', 'h1', at(1))).toBe(false);
    });

    test('parallel rotations from one hash: exactly one wins', async () => {
      const session = newSession(newId(), 'phone', { tokenHash: 'start' });
      await sessions().replaceForDevice(session);
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => sessions().rotate(session.id, 'start', `next-${i}`, at(1))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await sessions().findById(session.id))?.rotatedTokenHashes).toEqual(['start']);
    });

    test(`a session remembers the last ${ROTATED_HASHES_KEPT} rotated hashes`, async () => {
      const session = newSession(newId(), 'phone', { tokenHash: 'h0' });
      await sessions().replaceForDevice(session);
      const total = ROTATED_HASHES_KEPT + 5;
      for (let i = 0; i < total; i++) expect(await sessions().rotate(session.id, `h${i}`, `h${i + 1}`, at(1))).toBe(true);
      const kept = (await sessions().findById(session.id))?.rotatedTokenHashes;
      expect(kept).toEqual(Array.from({ length: ROTATED_HASHES_KEPT }, (_, i) => `h${i + 5}`));
    });

    test('deleteById, deleteForDevice and deleteAllForUser report what they removed', async () => {
      const [ann, bob] = [newId(), newId()];
      const annSessions = ['phone', 'laptop', 'tablet'].map((device) => newSession(ann, device));
      const bobPhone = newSession(bob, 'phone');
      for (const session of [...annSessions, bobPhone]) await sessions().replaceForDevice(session);

      expect(await sessions().deleteById(annSessions[0]!.id)).toBe(true);
      expect(await sessions().deleteById(annSessions[0]!.id)).toBe(false);
      expect(await sessions().deleteById('garbage')).toBe(false);

      expect(await sessions().deleteForDevice(ann, 'laptop')).toBe(1);
      expect(await sessions().deleteForDevice(ann, 'laptop')).toBe(0);
      expect(await sessions().findById(annSessions[2]!.id)).not.toBeNull();

      await sessions().replaceForDevice(newSession(ann, 'watch'));
      expect(await sessions().deleteAllForUser(ann)).toBe(2);
      expect(await sessions().deleteAllForUser(ann)).toBe(0);
      expect(await sessions().findById(bobPhone.id)).toEqual(bobPhone);
    });
  });
});
