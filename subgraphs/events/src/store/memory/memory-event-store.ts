import { inRange, type EventQuery } from '../event-query';
import type { EditOutcome, EventEdit, EventStore } from '../ports';
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

  /** The same conditions, in the same order, as the MongoDB filter and its diagnosis. */
  async update(id: string, expectedVersion: number, edit: EventEdit): Promise<EditOutcome> {
    const current = this.db.events.get(id);
    if (!current) return { outcome: 'not-found' };
    if (current.version !== expectedVersion) return { outcome: 'changed' };
    if (edit.changesContent && current.frozen) return { outcome: 'frozen' };
    const stock = edit.stock;
    if (stock?.kind === 'set' && current.frozen !== stock.frozen) return { outcome: 'changed' };
    if (stock?.kind === 'period-limit' && stock.requireUnfrozen && current.frozen) return { outcome: 'changed' };
    if (stock?.kind === 'adjust' && (current.claimsRemaining ?? 0) + stock.by < 0) return { outcome: 'stock-too-low', event: copy(current) };
    Object.assign(current, copy(edit.fields), { version: current.version + 1 });
    if (stock?.kind === 'adjust') {
      current.claimLimit = stock.claimLimit;
      current.claimsRemaining = (current.claimsRemaining ?? 0) + stock.by;
    } else if (stock?.kind === 'unlimited') {
      current.claimLimit = null;
      current.claimsRemaining = null;
      current.stockSettlesAt = null;
      this.db.reservations.delete(id);
    } else if (stock?.kind === 'period-limit') {
      current.claimLimit = stock.claimLimit;
      current.claimsRemaining = null;
      current.stockSettlesAt = null;
    } else if (stock?.kind === 'set') {
      current.claimLimit = stock.claimLimit;
      current.claimsRemaining = stock.remaining;
      current.stockSettlesAt = stock.settlesAt;
      this.db.reservations.delete(id);
    }
    return { outcome: 'updated', event: copy(current) };
  }

  async freeze(id: string, expectedVersion: number): Promise<boolean> {
    const current = this.db.events.get(id);
    if (!current || current.version !== expectedVersion) return false;
    current.frozen = true;
    return true;
  }

  async ping(): Promise<void> {}
}
