import type { Model } from 'mongoose';
import { storeAdapters, type StoreAdapter, type StoreFixture } from '../store-adapters';
import { newId, Role, localDateNumber } from '@platform/shared';
import { createMemoryUsersStores } from '../../../subgraphs/users/src/store/memory';
import { createMongoUsersStores, ensureUsersIndexes } from '../../../subgraphs/users/src/store/mongo';
import { usersModels } from '../../../subgraphs/users/src/store/mongo/models';
import type { AttemptCounterStore } from '../../../subgraphs/users/src/store/attempt-counters';
import { testClockModel } from '../../../subgraphs/users/src/store/mongo/mongo-test-clock-store';
import type { NewUser, SessionStore, UserStore, UsersStores } from '../../../subgraphs/users/src/store/ports';
import type { HoldingsDelta, SessionRecord } from '../../../subgraphs/users/src/store/records';

/** Shared by every users-store contract file: adapters, time, record builders. */
export const adapters = storeAdapters<UsersStores>({
  subgraph: 'users',
  memory: createMemoryUsersStores,
  mongo: async (connection) => {
    await ensureUsersIndexes(connection);
    return { stores: createMongoUsersStores(connection), models: [...Object.values(usersModels(connection)), testClockModel(connection)] as Model<never>[] };
  },
});

export const DAY = 24 * 60 * 60 * 1000;
/** Whole milliseconds, as every store keeps them. */
export const T0 = Math.floor(Date.now() / 1000) * 1000;
export const at = (days: number) => new Date(T0 + days * DAY);
export const utcDay = (time: Date) => localDateNumber(time, 'UTC');

export function newUser(username: string, overrides: Partial<NewUser> = {}): NewUser {
  return { id: newId(), username, passwordHash: `hash-of-${username}`, roles: [Role.USER], createdAt: at(0), bannedUntil: null, ...overrides };
}

export const delta = (change: Partial<HoldingsDelta>): HoldingsDelta => ({ cash: 0, coins: 0, items: {}, coupons: {}, ...change });

export function newSession(userId: string, deviceId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return { id: newId(), userId, deviceId, tokenHash: `hash-${newId()}`, rotatedTokenHashes: [], createdAt: at(0), expiresAt: at(14), ...overrides };
}

/**
 * Opens the adapter's stores around each file's suite (fresh before every test) and gives
 * the store accessors; `fixture.stores` always reads the current (reset) stores.
 */
export function useUsersStores(adapter: StoreAdapter<UsersStores>) {
  let current: StoreFixture<UsersStores>;
  const fixture = {
    get stores(): UsersStores {
      return current.stores;
    },
  };
  const users = (): UserStore => current.stores.users;
  const sessions = (): SessionStore => current.stores.sessions;
  const attempts = (): AttemptCounterStore => current.stores.attempts;

  beforeAll(async () => {
    current = await adapter.open();
  });
  afterAll(() => current.close());
  beforeEach(() => current.reset());

  return { fixture, users, sessions, attempts };
}
