import type { Connection, Model } from 'mongoose';
import { ensureIndexes } from '@platform/shared';
import { eventsModels } from './models';
import type { EventsStores } from '../ports';
import { MongoClaimStore } from './mongo-claim-store';
import { MongoEventStore } from './mongo-event-store';

export function createMongoEventsStores(connection: Connection): EventsStores {
  return { events: new MongoEventStore(connection), claims: new MongoClaimStore(connection) };
}

/** Builds the events collections' indexes (idempotent); awaited at start-up. */
export function ensureEventsIndexes(connection: Connection): Promise<void> {
  return ensureIndexes(Object.values(eventsModels(connection)) as Model<never>[]);
}
