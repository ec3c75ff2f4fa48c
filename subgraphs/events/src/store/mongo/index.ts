import type { Connection, Model } from 'mongoose';
import { ensureIndexes } from '@platform/shared';
import { ClaimStatus } from '../../enums';
import { ONCE_PERIOD_KEY } from './mappers';
import { eventsModels } from './models';
import type { EventsStores } from '../ports';
import { HOLDS_GRANT } from '../records';
import { DEFAULT_TRANSACTION_TIMEOUT_MS, MongoClaimStore } from './mongo-claim-store';
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
  // Before the indexes: the unique grant index covers claims by `holdsGrant` now.
  await markClaimsHoldingGrants(connection);
  await ensureIndexes(Object.values(eventsModels(connection)) as Model<never>[]);
  await migrateLegacyEvents(connection);
  await migrateLegacyClaims(connection);
}

/** The unique index before claim periods: (userId, eventId) over GRANTED claims. */
export const LEGACY_GRANT_INDEX = 'one_grant_per_user_and_event';

/**
 * Claims stored before claim periods: GRANTED ones hold their grant for the period "ONCE"
 * (what the old index meant). Then the old index goes, since it would refuse a second
 * period's grant. The new index was built first, so the invariant holds throughout.
 */
export async function migrateLegacyClaims(connection: Connection): Promise<number> {
  const { Claim } = eventsModels(connection);
  const result = await Claim.updateMany({ status: ClaimStatus.GRANTED, holdsGrant: { $exists: false } }, { $set: { holdsGrant: true, period: ONCE_PERIOD_KEY } });
  const indexes = (await Claim.collection.indexes()) as { name?: string }[];
  if (indexes.some((spec) => spec.name === LEGACY_GRANT_INDEX)) await Claim.collection.dropIndex(LEGACY_GRANT_INDEX);
  return result.modifiedCount;
}

/**
 * GRANTED claims written before `holdsGrant` existed get it. One updateMany, a no-op once
 * done. (An index of the same name with the old filter must be dropped by the operator
 * first: see the README, "Revoking a grant".)
 */
export async function markClaimsHoldingGrants(connection: Connection): Promise<number> {
  const result = await eventsModels(connection).Claim.updateMany({ status: { $in: [...HOLDS_GRANT] }, holdsGrant: { $exists: false } }, { $set: { holdsGrant: true } });
  return result.modifiedCount;
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
