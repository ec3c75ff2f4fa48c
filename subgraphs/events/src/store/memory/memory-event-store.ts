import { inRange, type EventQuery } from '../event-query';
import type { EventStore } from '../ports';
import type { EventRecord } from '../records';
import { copy, type MemoryEventsDatabase } from './memory-database';

const byStartThenId = (a: EventRecord, b: EventRecord) =>
  a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class MemoryEventStore implements EventStore {
  constructor(private readonly db: MemoryEventsDatabase) {}

  async insert(event: EventRecord): Promise<void> {
    if (this.db.events.has(event.id)) throw new Error(`event ${event.id} exists`);
    this.db.events.set(event.id, copy(event));
  }

  async findById(id: string): Promise<EventRecord | null> {
    const event = this.db.events.get(id);
    return event ? copy(event) : null;
  }

  async findByIds(ids: readonly string[]): Promise<EventRecord[]> {
    return ids.flatMap((id) => {
      const event = this.db.events.get(id);
      return event ? [copy(event)] : [];
    });
  }

  async list(query: EventQuery): Promise<EventRecord[]> {
    const after = query.after;
    return [...this.db.events.values()]
      .filter((event) => query.isPublic === undefined || event.isPublic === query.isPublic)
      .filter((event) => query.active === undefined || event.active === query.active)
      .filter((event) => inRange(event.startsAt, query.startsAt) && inRange(event.endsAt, query.endsAt))
      .filter((event) => !after || byStartThenId(event, { ...event, startsAt: after.startsAt, id: after.id }) > 0)
      .sort(byStartThenId)
      .slice(0, query.limit)
      .map(copy);
  }

  async replaceIfUnchanged(next: EventRecord, expected: { version: number; grantedCount: number }): Promise<boolean> {
    const current = this.db.events.get(next.id);
    if (!current || current.version !== expected.version || current.grantedCount !== expected.grantedCount) return false;
    this.db.events.set(next.id, copy({ ...next, version: current.version + 1 }));
    return true;
  }

  async ping(): Promise<void> {}
}
