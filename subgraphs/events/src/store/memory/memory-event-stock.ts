import type { EventStock, Reservation, ReserveOutcome } from '../ports';
import type { EventRecord } from '../records';
import { copy, type MemoryEventsDatabase } from './memory-database';

/** Same conditions as the MongoDB single-document updates; no await between check and write. */
export class MemoryEventStock implements EventStock {
  constructor(private readonly db: MemoryEventsDatabase) {}

  async reserve(eventId: string, expectedVersion: number, claimId: string, at: Date): Promise<ReserveOutcome> {
    const event = this.db.events.get(eventId);
    if (!event || event.version !== expectedVersion) return { outcome: 'event-changed' };
    if (event.claimsRemaining === null || event.claimsRemaining <= 0) {
      return event.stockSettlesAt ? { outcome: 'settling', until: event.stockSettlesAt } : { outcome: 'sold-out' };
    }
    event.claimsRemaining -= 1;
    const reservations = this.db.reservations.get(eventId) ?? new Map<string, Date>();
    reservations.set(claimId, at);
    this.db.reservations.set(eventId, reservations);
    return { outcome: 'reserved' };
  }

  async release(eventId: string, claimId: string, giveBack: boolean): Promise<boolean> {
    const reservations = this.db.reservations.get(eventId);
    const event = this.db.events.get(eventId);
    if (!event || !reservations?.delete(claimId)) return false;
    if (giveBack && event.claimsRemaining !== null) event.claimsRemaining += 1;
    return true;
  }

  async reservationsBefore(before: Date, limit: number): Promise<Reservation[]> {
    return [...this.db.reservations.entries()]
      .flatMap(([eventId, reservations]) => [...reservations.entries()].map(([claimId, at]) => ({ eventId, claimId, at })))
      .filter((reservation) => reservation.at < before)
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .slice(0, limit)
      .map(copy);
  }

  async heldStockDue(now: Date, limit: number): Promise<EventRecord[]> {
    return [...this.db.events.values()]
      .filter((event) => event.stockSettlesAt !== null && event.stockSettlesAt <= now)
      .slice(0, limit)
      .map(copy);
  }

  async settleHeldStock(eventId: string, settlesAt: Date, remaining: number): Promise<boolean> {
    const event = this.db.events.get(eventId);
    if (!event || event.stockSettlesAt?.getTime() !== settlesAt.getTime()) return false;
    event.claimsRemaining = remaining;
    event.stockSettlesAt = null;
    return true;
  }
}
