import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { ClaimStatus, DeliveryStatus } from '../../schema/enums';
import type { ClaimQuery } from '../event-query';
import type { ClaimStore, DeliveryBacklog, GrantOutcome } from '../ports';
import type { ClaimRecord, DeliveryRecord } from '../records';
import type { ClaimStatsRecord, StatsBucketUnit } from '../claim-stats';
import { claimStatsPipeline, EVENT_STATS_INDEX, toClaimStats, type ClaimStatsFacets } from './claim-stats';
import { toClaimDoc, toClaimRecord, toDeliveryDoc, toDeliveryRecord, type LeanClaim, type LeanDelivery } from './mappers';
import { eventsModels, type EventsModels } from './models';
import { buildClaimFilter, buildStockUpdate, CLAIM_SORT } from './queries';

type MongoError = { code?: number; keyPattern?: Record<string, unknown> };
const duplicateKeyOn = (error: unknown, field: string) =>
  (error as MongoError | null)?.code === 11000 && field in ((error as MongoError).keyPattern ?? {});

/** Thrown inside the transaction to abort it with a known outcome. */
class GrantRefused extends Error {
  constructor(readonly outcome: GrantOutcome) {
    super(outcome.outcome);
  }
}

export class MongoClaimStore implements ClaimStore {
  private readonly models: EventsModels;

  constructor(private readonly connection: Connection) {
    this.models = eventsModels(connection);
  }

  /**
   * One transaction: conditional stock update, GRANTED claim, outbox entry. withTransaction
   * may run the callback again on transient errors, so it only writes through the session.
   */
  async grant(claim: ClaimRecord, delivery: DeliveryRecord, eventVersion: number): Promise<GrantOutcome> {
    const session = await this.connection.startSession();
    try {
      await session.withTransaction(async () => {
        const event = await this.models.Event.findById(new Types.ObjectId(claim.eventId), { claimLimit: 1, version: 1 }, { session }).lean<{ claimLimit?: number | null; version?: number }>();
        if (!event) throw new GrantRefused({ outcome: 'event-not-found' });
        // The same precedence as the memory store: a used key, then an existing grant, then
        // stock. These reads are advice for a truthful answer; the unique indexes below decide.
        if (claim.idempotencyKey && (await this.models.Claim.exists({ userId: new Types.ObjectId(claim.userId), idempotencyKey: claim.idempotencyKey }).session(session))) {
          throw new GrantRefused({ outcome: 'idempotency-key-used' });
        }
        if (await this.models.Claim.exists({ eventId: new Types.ObjectId(claim.eventId), userId: new Types.ObjectId(claim.userId), status: ClaimStatus.GRANTED }).session(session)) {
          throw new GrantRefused({ outcome: 'already-claimed' });
        }
        if ((event.version ?? 0) !== eventVersion) throw new GrantRefused({ outcome: 'event-changed' });
        const { filter, update } = buildStockUpdate(claim.eventId, eventVersion, event.claimLimit != null);
        const stock = await this.models.Event.updateOne(filter, update, { session });
        if (stock.matchedCount === 0) throw new GrantRefused({ outcome: 'sold-out' });
        await this.models.Claim.create([toClaimDoc(claim)], { session });
        await this.models.Delivery.create([toDeliveryDoc(delivery)], { session });
      });
      return { outcome: 'granted', claim };
    } catch (error) {
      if (error instanceof GrantRefused) return error.outcome;
      if (duplicateKeyOn(error, 'idempotencyKey')) return { outcome: 'idempotency-key-used' };
      if (duplicateKeyOn(error, 'eventId')) return { outcome: 'already-claimed' };
      throw error;
    } finally {
      await session.endSession();
    }
  }

  async recordRejection(claim: ClaimRecord): Promise<boolean> {
    try {
      await this.models.Claim.create([toClaimDoc(claim)]);
      return true;
    } catch (error) {
      if (duplicateKeyOn(error, 'idempotencyKey')) return false;
      throw error;
    }
  }

  async findById(id: string): Promise<ClaimRecord | null> {
    const doc = await this.models.Claim.findById(new Types.ObjectId(id)).lean<LeanClaim>();
    return doc ? toClaimRecord(doc) : null;
  }

  async findByIds(ids: readonly string[]): Promise<ClaimRecord[]> {
    const docs = await this.models.Claim.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<LeanClaim[]>();
    return docs.map(toClaimRecord);
  }

  async findGranted(eventId: string, userId: string): Promise<ClaimRecord | null> {
    const doc = await this.models.Claim.findOne({ eventId: new Types.ObjectId(eventId), userId: new Types.ObjectId(userId), status: ClaimStatus.GRANTED }).lean<LeanClaim>();
    return doc ? toClaimRecord(doc) : null;
  }

  async findGrantedForUser(userId: string, eventIds: readonly string[]): Promise<ClaimRecord[]> {
    const docs = await this.models.Claim.find({
      userId: new Types.ObjectId(userId),
      eventId: { $in: eventIds.map((id) => new Types.ObjectId(id)) },
      status: ClaimStatus.GRANTED,
    }).lean<LeanClaim[]>();
    return docs.map(toClaimRecord);
  }

  async findByIdempotencyKey(userId: string, key: string): Promise<ClaimRecord | null> {
    const doc = await this.models.Claim.findOne({ userId: new Types.ObjectId(userId), idempotencyKey: key }).lean<LeanClaim>();
    return doc ? toClaimRecord(doc) : null;
  }

  async list(query: ClaimQuery): Promise<ClaimRecord[]> {
    const docs = await this.models.Claim.find(buildClaimFilter(query)).sort(CLAIM_SORT).limit(query.limit).lean<LeanClaim[]>();
    return docs.map(toClaimRecord);
  }

  count(query: Omit<ClaimQuery, 'before' | 'limit'>): Promise<number> {
    return this.models.Claim.countDocuments(buildClaimFilter(query));
  }

  async stats(eventId: string, unit: StatsBucketUnit): Promise<ClaimStatsRecord> {
    const [facets] = await this.models.Claim.aggregate<ClaimStatsFacets>(claimStatsPipeline(eventId, unit)).hint(EVENT_STATS_INDEX).allowDiskUse(true);
    return toClaimStats(facets);
  }

  async dueDeliveries(now: Date, limit: number): Promise<DeliveryRecord[]> {
    const docs = await this.models.Delivery.find({ pending: true, nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit).lean<LeanDelivery[]>();
    return docs.map(toDeliveryRecord);
  }

  /**
   * Claim first, outbox second: a crash in between leaves the outbox entry pending, so the
   * dispatcher delivers again (users credits once) rather than a claim stuck at PENDING.
   */
  async markDelivered(claimId: string, at: Date): Promise<void> {
    const _id = new Types.ObjectId(claimId);
    await this.models.Claim.updateOne({ _id }, { $set: { delivery: DeliveryStatus.DELIVERED } });
    await this.models.Delivery.updateOne({ _id }, { $set: { pending: false, deliveredAt: at } });
  }

  async markDeliveryFailed(claimId: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.models.Delivery.updateOne(
      { _id: new Types.ObjectId(claimId), pending: true },
      { $inc: { attempts: 1 }, $set: { lastError: error, nextAttemptAt } },
    );
  }

  /**
   * Both reads walk the partial `pending_due` index, whose size is the backlog itself, not
   * the history of deliveries. Claim ids are ObjectIds minted at grant time, so the
   * smallest pending _id is the oldest pending grant.
   */
  async deliveryBacklog(): Promise<DeliveryBacklog> {
    const pending = await this.models.Delivery.countDocuments({ pending: true }, { hint: 'pending_due' });
    if (pending === 0) return { pending, oldestGrantedAt: null };
    const oldest = await this.models.Delivery.findOne({ pending: true }, { _id: 1 }).hint('pending_due').sort({ _id: 1 }).lean<{ _id: Types.ObjectId }>();
    const claim = oldest ? await this.models.Claim.findById(oldest._id, { createdAt: 1 }).lean<{ createdAt: Date }>() : null;
    return { pending, oldestGrantedAt: claim?.createdAt ?? null };
  }
}
