import type { Connection, Model } from 'mongoose';
import { DEFAULT_TRANSACTION_TIMEOUT_MS, ensureIndexes } from '@platform/shared';
import { eventsModels } from './models';
import type { EventsStores } from '../ports';
import { HOLDS_GRANT, ONCE_PERIOD_KEY } from '../records';
import { MongoClaimStore } from './mongo-claim-store';
import { MongoEventStock } from './mongo-event-stock';
import { MongoEventStore } from './mongo-event-store';
import { MongoRevocationStore } from './mongo-revocation-store';

export function createMongoEventsStores(connection: Connection, options: { transactionTimeoutMs?: number } = {}): EventsStores {
  return {
    events: new MongoEventStore(connection),
    stock: new MongoEventStock(connection),
    claims: new MongoClaimStore(connection, { transactionTimeoutMs: options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS }),
    revocations: new MongoRevocationStore(connection, options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS),
  };
}

/**
 * Builds the events collections' indexes (idempotent) and brings events written before the
 * stock redesign up to date; awaited at start-up, never lazily.
 */
export async function ensureEventsIndexes(connection: Connection): Promise<void> {
  // Before the indexes: the unique grant index covers claims by `holdsGrant` and `period`,
  // so claims written before either existed must carry them when it is built.
  await markClaimsHoldingGrants(connection);
  await ensureIndexes(Object.values(eventsModels(connection)) as Model<never>[]);
  await migrateLegacyEvents(connection);
  await migrateLegacyClaims(connection);
}

/**
 * Unique and count indexes of earlier releases over claims: (eventId, userId) and then
 * (userId, eventId) for GRANTED claims, and a count index filtered on status. Each would
 * refuse a second period's grant or stop matching what the store asks, so they go once the
 * new ones are built (the invariant holds throughout: the new index exists first).
 */
export const LEGACY_CLAIM_INDEXES: readonly string[] = ['one_grant_per_event_and_user', 'one_grant_per_user_and_event', 'granted_by_event'];

/** Drops whichever legacy claim indexes are still there; a no-op once done. */
export async function migrateLegacyClaims(connection: Connection): Promise<string[]> {
  const { Claim } = eventsModels(connection);
  const indexes = (await Claim.collection.indexes()) as { name?: string }[];
  const present = LEGACY_CLAIM_INDEXES.filter((name) => indexes.some((spec) => spec.name === name));
  for (const name of present) await Claim.collection.dropIndex(name);
  return present;
}

/**
 * Claims written before `holdsGrant` and periods: GRANTED (or REVOKED) ones hold their grant,
 * for the period "ONCE" (what the old index meant). Without the period they would sit under
 * another key of the unique index than a new ONCE claim of the same player and event, and
 * that player could be granted twice. Idempotent updateMany calls, no-ops once done.
 */
export async function markClaimsHoldingGrants(connection: Connection): Promise<number> {
  const { Claim } = eventsModels(connection);
  const held = await Claim.updateMany({ status: { $in: [...HOLDS_GRANT] }, holdsGrant: { $exists: false } }, { $set: { holdsGrant: true } });
  const periods = await Claim.updateMany({ holdsGrant: true, period: { $exists: false } }, { $set: { period: ONCE_PERIOD_KEY } });
  return held.modifiedCount + periods.modifiedCount;
}

/**
 * Events stored with a grantedCount and no freeze flag: frozen when they had grants (the
 * rule they lived under), with no reservations. One updateMany, a no-op once done.
 */
export async function migrateLegacyEvents(connection: Connection): Promise<number> {
  const result = await eventsModels(connection).Event.updateMany({ frozen: { $exists: false } }, LEGACY_EVENT_MIGRATION, { updatePipeline: true });
  return result.modifiedCount;
}

export const LEGACY_EVENT_MIGRATION = [
  { $set: { frozen: { $gt: [{ $ifNull: ['$grantedCount', 0] }, 0] }, stockSettlesAt: null, reservations: [] } },
  { $unset: 'grantedCount' },
];
