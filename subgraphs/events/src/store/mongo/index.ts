import type { Connection } from 'mongoose';
import type { EventsStores } from '../ports';
import { MongoClaimStore } from './mongo-claim-store';
import { MongoEventStore } from './mongo-event-store';

export function createMongoEventsStores(connection: Connection): EventsStores {
  return { events: new MongoEventStore(connection), claims: new MongoClaimStore(connection) };
}
