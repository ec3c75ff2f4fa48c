import { Types } from 'mongoose';
import { AccessTokenSigner, type Clock } from '@platform/shared';
import { AuditTrail } from '../../subgraphs/users/src/services/audit-trail';
import { AuthService } from '../../subgraphs/users/src/services/auth-service';
import { HoldingsService } from '../../subgraphs/users/src/services/holdings-service';
import { LoginStatsRecorder } from '../../subgraphs/users/src/services/login-stats';
import { LoginThrottle } from '../../subgraphs/users/src/services/login-throttle';
import { PasswordHasher } from '../../subgraphs/users/src/services/password';
import { MemoryAttemptCounterStore } from '../../subgraphs/users/src/store/memory/memory-attempt-counter-store';
import { MemoryAuditStore } from '../../subgraphs/users/src/store/memory/memory-audit-store';
import { usersModels } from '../../subgraphs/users/src/store/mongo/models';
import { MongoSessionStore } from '../../subgraphs/users/src/store/mongo/mongo-session-store';
import { MongoUserStore } from '../../subgraphs/users/src/store/mongo/mongo-user-store';
import type { SessionStore, UserStore } from '../../subgraphs/users/src/store/ports';
import { testConfig } from '../support/config';
import { testKeys } from '../support/keys';
import { cursorReply, findAndModifyReply, openWireDatabase, type Document, type WireDatabase } from '../support/mongo-wire';

/**
 * The users subgraph's real models and driver against a wire endpoint, for the wire suites
 * of users: the endpoint keeps no data, so reads of the user answer with scripted documents.
 */
export async function openUsersWire(): Promise<WireDatabase> {
  const db = await openWireDatabase('users');
  await Promise.all(Object.values(usersModels(db.connection)).map((model) => model.init()));
  return db;
}

/** A stored user document holding `coins`, as the users collection keeps it. */
export function userDocument(userId: string, username: string, createdAt: Date, coins: number, extra: Document = {}): Document {
  return {
    _id: new Types.ObjectId(userId),
    username,
    usernameKey: username,
    passwordHash: 'x',
    roles: ['USER'],
    createdAt,
    bannedUntil: null,
    holdings: { cash: 0, coins, items: {}, coupons: {} },
    ...extra,
  };
}

/** Forgets scripts and records; finds on users answer `before`, findAndModify answers `after`. */
export function resetUserScripts(db: WireDatabase, before: Document, after: Document): void {
  db.wire.resetScripts();
  db.wire.script({ command: 'find', collection: 'users' }, (c) => cursorReply(`${c.db}.users`, [before]));
  db.wire.script({ command: 'findAndModify', collection: 'users' }, findAndModifyReply(after));
  db.wire.clearRecord();
}

/** The holdings service over the real Mongo user store, with an in-memory audit trail. */
export function wireHoldings(db: WireDatabase, clock: Clock, options: { transactionTimeoutMS?: number } = {}): HoldingsService {
  return new HoldingsService(new MongoUserStore(db.connection, options), clock, new AuditTrail(new MemoryAuditStore(), clock));
}

/**
 * The auth service over the real Mongo user and session stores (new ones unless given),
 * signing test tokens; its login stats are recorded through the same user store.
 */
export function wireAuth(db: WireDatabase, clock: Clock, stores: { users?: UserStore; sessions?: SessionStore } = {}): AuthService {
  const users = stores.users ?? new MongoUserStore(db.connection);
  return new AuthService({
    users,
    sessions: stores.sessions ?? new MongoSessionStore(db.connection),
    signer: new AccessTokenSigner(testKeys().privateKey, { issuer: 'wire', audience: 'wire', algorithm: 'ES256' }, 900),
    clock,
    refreshTokenTtlSeconds: 3600,
    loginStats: new LoginStatsRecorder(users, 'UTC', 30 * 60_000),
    throttle: new LoginThrottle(new MemoryAttemptCounterStore(), clock, testConfig().abuse.rateLimits),
    hasher: new PasswordHasher(testConfig().abuse.passwordHashing),
  });
}
