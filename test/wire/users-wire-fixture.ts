import { Types } from 'mongoose';
import type { Clock } from '@platform/shared';
import { AuditTrail } from '../../subgraphs/users/src/services/audit-trail';
import { HoldingsService } from '../../subgraphs/users/src/services/holdings-service';
import { MemoryAuditStore } from '../../subgraphs/users/src/store/memory/memory-audit-store';
import { usersModels } from '../../subgraphs/users/src/store/mongo/models';
import { MongoUserStore } from '../../subgraphs/users/src/store/mongo/mongo-user-store';
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
