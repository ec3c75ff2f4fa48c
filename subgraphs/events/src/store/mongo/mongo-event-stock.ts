import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import type { EventStock, Reservation, ReserveOutcome } from '../ports';
import type { EventRecord } from '../records';
import { toEventRecord, type LeanEvent } from './mappers';
import { eventsModels, type EventsModels } from './models';
import { buildPeriodRelease, buildPeriodReserve, buildRelease, buildReserve, periodStockId } from './stock-queries';
import { translateTransient } from './transactions';

const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;

interface LeanPeriodReservations {
  eventId: Types.ObjectId;
  period: string;
  reservations?: { claimId: Types.ObjectId; at: Date }[];
}

interface LeanReservations {
  _id: Types.ObjectId;
  reservations?: { claimId: Types.ObjectId; at: Date }[];
}

/** Single-document conditional updates on the event, never inside a transaction. */
export class MongoEventStock implements EventStock {
  private readonly models: EventsModels;

  constructor(connection: Connection) {
    this.models = eventsModels(connection);
  }

  async reserve(eventId: string, expectedVersion: number, claimId: string, at: Date): Promise<ReserveOutcome> {
    return translateTransient(async () => {
      const { filter, update } = buildReserve(eventId, expectedVersion, claimId, at);
      const result = await this.models.Event.updateOne(filter, update);
      if (result.matchedCount === 1) return { outcome: 'reserved' };
      // Why not: one read, the same decision order as the memory store.
      const event = await this.models.Event.findById(new Types.ObjectId(eventId), { version: 1, stockSettlesAt: 1 }).lean<{ version?: number; stockSettlesAt?: Date | null }>();
      if (!event || (event.version ?? 0) !== expectedVersion) return { outcome: 'event-changed' };
      return event.stockSettlesAt ? { outcome: 'settling', until: event.stockSettlesAt } : { outcome: 'sold-out' };
    });
  }

  async release(eventId: string, claimId: string, giveBack: boolean): Promise<boolean> {
    return translateTransient(async () => {
      const { filter, update } = buildRelease(eventId, claimId, giveBack);
      return (await this.models.Event.updateOne(filter, update)).matchedCount === 1;
    });
  }

  async reservePeriod(eventId: string, period: string, claimLimit: number, claimId: string, at: Date): Promise<ReserveOutcome> {
    const { filter, update } = buildPeriodReserve(eventId, period, claimLimit, claimId, at);
    // Two attempts: the first may lose the race to create the period's document (E11000);
    // the second then finds it, so its E11000 can only mean the period is full.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await translateTransient(() => this.models.PeriodStock.updateOne(filter, update, { upsert: true }));
        return { outcome: 'reserved' };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    return { outcome: 'sold-out' };
  }

  async releasePeriod(eventId: string, period: string, claimId: string, giveBack: boolean): Promise<boolean> {
    return translateTransient(async () => {
      const { filter, update } = buildPeriodRelease(eventId, period, claimId, giveBack);
      return (await this.models.PeriodStock.updateOne(filter, update)).matchedCount === 1;
    });
  }

  async takenInPeriod(eventId: string, period: string): Promise<number> {
    const doc = await this.models.PeriodStock.findById(periodStockId(eventId, period), { taken: 1 }).lean<{ taken?: number }>();
    return doc?.taken ?? 0;
  }

  async reservationsBefore(before: Date, limit: number): Promise<Reservation[]> {
    const docs = await this.models.Event.find({ 'reservations.at': { $lt: before } }, { reservations: 1 }).limit(limit).lean<LeanReservations[]>();
    const periodDocs = await this.models.PeriodStock.find({ 'reservations.at': { $lt: before } }, { eventId: 1, period: 1, reservations: 1 }).limit(limit).lean<LeanPeriodReservations[]>();
    const ofPeriods = periodDocs.flatMap((doc) =>
      (doc.reservations ?? []).map((r) => ({ eventId: doc.eventId.toHexString(), period: doc.period as string | null, claimId: r.claimId.toHexString(), at: r.at })),
    );
    return docs
      .flatMap((doc) => (doc.reservations ?? []).map((r) => ({ eventId: doc._id.toHexString(), period: null as string | null, claimId: r.claimId.toHexString(), at: r.at })))
      .concat(ofPeriods)
      .filter((reservation) => reservation.at < before)
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .slice(0, limit);
  }

  async heldStockDue(now: Date, limit: number): Promise<EventRecord[]> {
    const docs = await this.models.Event.find({ stockSettlesAt: { $lte: now } }, { reservations: 0 }).limit(limit).lean<LeanEvent[]>();
    return docs.map(toEventRecord);
  }

  async settleHeldStock(eventId: string, settlesAt: Date, remaining: number): Promise<boolean> {
    const result = await this.models.Event.updateOne({ _id: new Types.ObjectId(eventId), stockSettlesAt: settlesAt }, { $set: { claimsRemaining: remaining, stockSettlesAt: null } });
    return result.matchedCount === 1;
  }
}
