import type { EventsStores } from '../ports';
import { MemoryClaimStore } from './memory-claim-store';
import { MemoryEventsDatabase } from './memory-database';
import { MemoryEventStore } from './memory-event-store';

export function createMemoryEventsStores(): EventsStores {
  const db = new MemoryEventsDatabase();
  return { events: new MemoryEventStore(db), claims: new MemoryClaimStore(db) };
}
