import type { Connection, Model } from 'mongoose';
import { ensureIndexes } from '@platform/shared';
import { eventsModels } from './models';
import type { EventsStores } from '../ports';
import { DEFAULT_TRANSACTION_TIMEOUT_MS, MongoClaimStore } from './mongo-claim-store';
import { MongoEventStock } from './mongo-event-stock';
import { MongoEventStore } from './mongo-event-store';

export function createMongoEventsStores(connection: Connection, options: { transactionTimeoutMs?: number } = {}): EventsStores {
  return {
    events: new MongoEventStore(connection),
    stock: new MongoEventStock(connection),
    claims: new MongoClaimStore(connection, { transactionTimeoutMs: options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS }),
  };
}

/** Builds the events collections' indexes (idempotent); awaited at start-up, never lazily. */
export function ensureEventsIndexes(connection: Connection): Promise<void> {
  return ensureIndexes(Object.values(eventsModels(connection)) as Model<never>[]);
}
