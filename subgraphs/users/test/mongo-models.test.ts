import mongoose, { Types } from 'mongoose';
import { invalidPaths } from '../../../test/support/mongo-validation';
import { unopenedUsersModels } from './unopened-models';
import { newId, Role } from '@platform/shared';
import { buildHoldingsUpdate } from '../src/store/mongo/holdings-update';
import { MAX_BALANCE } from '../src/store/holdings-delta';
import { appliedGrantSchema, sessionSchema, userSchema, type UsersModels } from '../src/store/mongo/models';

/**
 * What the MongoDB adapter promises without a server: the typegoose schemas refuse bad
 * documents, declare the indexes the invariants rest on, and holdings changes are one
 * conditional update. The connection is never opened.
 */

let connection: mongoose.Connection;
let models: UsersModels;

unopenedUsersModels((opened, made) => {
  connection = opened;
  models = made;
});

function goodUser(overrides: Record<string, unknown> = {}) {
  return {
    _id: new Types.ObjectId(),
    username: 'Good.Name-1',
    usernameKey: 'good.name-1',
    passwordHash: 'scrypt$16384$8$1$salt$hash',
    roles: [Role.USER],
    createdAt: new Date(),
    ...overrides,
  };
}

describe('user documents', () => {
  test('a good user is valid and gets empty holdings and login stats by default', async () => {
    const doc = new models.User(goodUser());
    expect(await invalidPaths(doc)).toEqual([]);
    const plain = doc.toObject() as unknown as { holdings: { cash: number; coins: number }; loginStats: { totalLogins: number; lastLoginAt: Date | null }; bannedUntil: Date | null; timeZone: unknown };
    expect(plain.holdings).toMatchObject({ cash: 0, coins: 0 });
    expect(plain.loginStats).toMatchObject({ totalLogins: 0, lastLoginAt: null });
    expect(plain.bannedUntil).toBeNull();
    expect(plain.timeZone).toEqual({ spans: [], requestedAt: null });
    expect(plain.loginStats).toMatchObject({ lastActiveAt: null });
  });

  test('a player time zone round-trips through the document', async () => {
    const from = new Date();
    const doc = new models.User(goodUser({ timeZone: { spans: [{ zone: 'Pacific/Kiritimati', from, firstDate: 20000, dayOffset: 1 }], requestedAt: from } }));
    expect(await invalidPaths(doc)).toEqual([]);
    expect((doc.toObject() as unknown as { timeZone: unknown }).timeZone).toEqual({ spans: [{ zone: 'Pacific/Kiritimati', from, firstDate: 20000, dayOffset: 1 }], requestedAt: from });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a username with a space', { username: 'bad name' }, 'username'],
    ['a username with a non-ASCII letter', { username: 'émile' }, 'username'],
    ['a two-letter username', { username: 'ab' }, 'username'],
    ['a 33-letter username', { username: 'a'.repeat(33) }, 'username'],
    ['no usernameKey', { usernameKey: undefined }, 'usernameKey'],
    ['no password hash', { passwordHash: undefined }, 'passwordHash'],
    ['an unknown role', { roles: [Role.USER, 'SUPERUSER'] }, 'roles.1'],
    ['negative cash', { holdings: { cash: -1 } }, 'holdings.cash'],
    ['negative coins', { holdings: { coins: -5 } }, 'holdings.coins'],
    ['no createdAt', { createdAt: undefined }, 'createdAt'],
    ['a zone span without its start', { timeZone: { spans: [{ zone: 'Europe/Berlin', firstDate: 20000, dayOffset: 0 }] } }, 'timeZone.spans.0.from'],
    ['a 65-character zone name', { timeZone: { spans: [{ zone: 'z'.repeat(65), from: new Date(), firstDate: 20000 }] } }, 'timeZone.spans.0.zone'],
  ])('%s is refused', async (_case, overrides, path) => {
    expect(await invalidPaths(new models.User(goodUser(overrides)))).toEqual([path]);
  });

  test('items and coupons are maps of counts', async () => {
    const doc = new models.User(goodUser({ holdings: { cash: 1, items: { sword: 2 }, coupons: { 'half-off': 1 } } }));
    expect(await invalidPaths(doc)).toEqual([]);
    expect(doc.holdings.items.get('sword')).toBe(2);
    expect(doc.holdings.coupons.get('half-off')).toBe(1);
    expect(await invalidPaths(new models.User(goodUser({ holdings: { items: { sword: 'many' } } })))).toEqual(['holdings.items.sword']);
  });
});

describe('session documents', () => {
  const goodSession = (overrides: Record<string, unknown> = {}) => ({
    _id: new Types.ObjectId(),
    userId: new Types.ObjectId(),
    deviceId: 'phone',
    tokenHash: 'abc',
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + 1000),
    ...overrides,
  });

  test('a good session is valid with no rotated hashes yet', async () => {
    const doc = new models.Session(goodSession());
    expect(await invalidPaths(doc)).toEqual([]);
    expect(doc.rotatedTokenHashes).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a deviceId over 64 characters', { deviceId: 'd'.repeat(65) }, 'deviceId'],
    ['no token hash', { tokenHash: undefined }, 'tokenHash'],
    ['no expiry', { expiresAt: undefined }, 'expiresAt'],
    ['no user', { userId: undefined }, 'userId'],
  ])('%s is refused', async (_case, overrides, path) => {
    expect(await invalidPaths(new models.Session(goodSession(overrides)))).toEqual([path]);
  });
});

describe('indexes the invariants rest on', () => {
  const find = (schema: mongoose.Schema, keys: Record<string, number>) =>
    schema.indexes().find(([fields]) => JSON.stringify(fields) === JSON.stringify(keys))?.[1];

  test('usernames are unique through the lower-cased usernameKey', () => {
    expect(find(userSchema as unknown as mongoose.Schema, { usernameKey: 1 })).toMatchObject({ unique: true });
    // Not on the spelled name: "Alice" and "alice" must collide.
    expect(find(userSchema as unknown as mongoose.Schema, { username: 1 })).toBeUndefined();
  });

  test('role-filtered paging by id has an index', () => {
    expect(find(userSchema as unknown as mongoose.Schema, { roles: 1, _id: 1 })).toBeDefined();
  });

  test('one session per (userId, deviceId)', () => {
    expect(find(sessionSchema as unknown as mongoose.Schema, { userId: 1, deviceId: 1 })).toMatchObject({ unique: true });
  });

  test('expired sessions are removed by a TTL index on expiresAt', () => {
    expect(find(sessionSchema as unknown as mongoose.Schema, { expiresAt: 1 })).toMatchObject({ expireAfterSeconds: 0 });
  });

  test('a grant marker is keyed by the grant id itself', () => {
    expect((appliedGrantSchema as unknown as mongoose.Schema).path('_id').instance).toBe('String');
  });
});

describe('buildHoldingsUpdate', () => {
  const userId = newId();

  test('one $inc, with a $gte condition for each balance that goes down and a ceiling for each that goes up', () => {
    const { filter, update } = buildHoldingsUpdate(userId, {
      cash: -30,
      coins: 5,
      items: { sword: -2, shield: 1, ignored: 0 },
      coupons: { 'half-off': -1, bonus: 3 },
    });
    expect(filter).toEqual({
      _id: new Types.ObjectId(userId),
      'holdings.cash': { $gte: 30 },
      'holdings.coins': { $not: { $gt: MAX_BALANCE - 5 } },
      'holdings.items.sword': { $gte: 2 },
      'holdings.items.shield': { $not: { $gt: MAX_BALANCE - 1 } },
      'holdings.coupons.half-off': { $gte: 1 },
      'holdings.coupons.bonus': { $not: { $gt: MAX_BALANCE - 3 } },
    });
    expect(update).toEqual({
      $inc: {
        'holdings.cash': -30,
        'holdings.coins': 5,
        'holdings.items.sword': -2,
        'holdings.items.shield': 1,
        'holdings.coupons.half-off': -1,
        'holdings.coupons.bonus': 3,
      },
    });
  });

  test('credits only: the user id and a ceiling per credited balance (absent items match as 0)', () => {
    const { filter, update } = buildHoldingsUpdate(userId, { cash: 10, coins: 0, items: { gem: 4 }, coupons: {} });
    expect(filter).toEqual({
      _id: new Types.ObjectId(userId),
      'holdings.cash': { $not: { $gt: MAX_BALANCE - 10 } },
      'holdings.items.gem': { $not: { $gt: MAX_BALANCE - 4 } },
    });
    expect(update).toEqual({ $inc: { 'holdings.cash': 10, 'holdings.items.gem': 4 } });
  });

  test('the filter targets the user by ObjectId', () => {
    const { filter } = buildHoldingsUpdate(userId, { cash: -1, coins: 0, items: {}, coupons: {} });
    expect(filter['_id']).toBeInstanceOf(Types.ObjectId);
    expect(String(filter['_id'])).toBe(userId);
  });
});
