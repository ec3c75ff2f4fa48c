import type { EventsStores } from '../ports';
import { MemoryClaimStore } from './memory-claim-store';
import { MemoryEventsDatabase } from './memory-database';
import { MemoryEventStock } from './memory-event-stock';
import { MemoryEventStore } from './memory-event-store';
import { MemoryRevocationStore } from './memory-revocation-store';

export function createMemoryEventsStores(): EventsStores {
  const db = new MemoryEventsDatabase();
  return { events: new MemoryEventStore(db), stock: new MemoryEventStock(db), claims: new MemoryClaimStore(db), revocations: new MemoryRevocationStore(db) };
}
