import type { EventStock, Reservation, ReserveOutcome } from '../ports';
import type { EventRecord } from '../records';
import { copy, periodStockKey, type MemoryEventsDatabase } from './memory-database';

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

  async reservePeriod(eventId: string, period: string, claimLimit: number, claimId: string, at: Date): Promise<ReserveOutcome> {
    const key = periodStockKey(eventId, period);
    const stock = this.db.periodStock.get(key) ?? { eventId, period, taken: 0, reservations: new Map<string, Date>() };
    if (stock.taken >= claimLimit) return { outcome: 'sold-out' };
    stock.taken += 1;
    stock.reservations.set(claimId, at);
    this.db.periodStock.set(key, stock);
    return { outcome: 'reserved' };
  }

  async releasePeriod(eventId: string, period: string, claimId: string, giveBack: boolean): Promise<boolean> {
    const stock = this.db.periodStock.get(periodStockKey(eventId, period));
    if (!stock?.reservations.delete(claimId)) return false;
    if (giveBack) stock.taken -= 1;
    return true;
  }

  async takenInPeriod(eventId: string, period: string): Promise<number> {
    return this.db.periodStock.get(periodStockKey(eventId, period))?.taken ?? 0;
  }

  async reservationsBefore(before: Date, limit: number): Promise<Reservation[]> {
    const ofPeriods = [...this.db.periodStock.values()].flatMap((stock) =>
      [...stock.reservations.entries()].map(([claimId, at]) => ({ eventId: stock.eventId, period: stock.period as string | null, claimId, at })),
    );
    return [...this.db.reservations.entries()]
      .flatMap(([eventId, reservations]) => [...reservations.entries()].map(([claimId, at]) => ({ eventId, period: null as string | null, claimId, at })))
      .concat(ofPeriods)
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
