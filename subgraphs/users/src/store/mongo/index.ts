import type { Connection, Model } from 'mongoose';
import { ensureIndexes } from '@platform/shared';
import { usersModels } from './models';
import type { UsersStores } from '../ports';
import { MongoAuditStore } from './mongo-audit-store';
import { MongoAttemptCounterStore } from './mongo-attempt-counter-store';
import { MongoSessionStore } from './mongo-session-store';
import { MongoTestClockStore } from './mongo-test-clock-store';
import { MongoUserStore } from './mongo-user-store';

export function createMongoUsersStores(connection: Connection): UsersStores {
  return { users: new MongoUserStore(connection), sessions: new MongoSessionStore(connection), attempts: new MongoAttemptCounterStore(connection), testClock: new MongoTestClockStore(connection), audit: new MongoAuditStore(connection) };
}

/** Builds the users collections' indexes (idempotent); awaited at start-up. */
export function ensureUsersIndexes(connection: Connection): Promise<void> {
  return ensureIndexes(Object.values(usersModels(connection)) as Model<never>[]);
}
