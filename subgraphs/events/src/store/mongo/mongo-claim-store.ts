import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { DEFAULT_TRANSACTION_TIMEOUT_MS, inTransaction } from '@platform/shared';
import { DeliveryStatus } from '../../enums';
import type { ClaimQuery } from '../event-query';
import type { ClaimStore, DeliveryBacklog, GrantOutcome } from '../ports';
import { ONCE_PERIOD_KEY, type ClaimRecord, type DeliveryRecord } from '../records';
import type { ClaimStatsRecord, StatsBucketUnit } from '../claim-stats';
import { claimStatsPipeline, EVENT_STATS_INDEX, toClaimStats, type ClaimStatsFacets } from './claim-stats';
import { toClaimDoc, toClaimRecord, toDeliveryDoc, toDeliveryRecord, type LeanClaim, type LeanDelivery } from './mappers';
import { eventsModels, type EventsModels } from './models';
import { buildClaimFilter, CLAIM_SORT } from './queries';
import { translateTransient } from './transactions';

type MongoError = { code?: number; keyPattern?: Record<string, unknown> };
const duplicateKeyOn = (error: unknown, field: string) =>
  (error as MongoError | null)?.code === 11000 && field in ((error as MongoError).keyPattern ?? {});

/** Thrown inside the transaction to abort it with a known outcome. */
class GrantRefused extends Error {
  constructor(readonly outcome: GrantOutcome) {
    super(outcome.outcome);
  }
}

export interface MongoClaimStoreOptions {
  /** The time budget of one grant transaction, retries included. */
  transactionTimeoutMs: number;
}

export class MongoClaimStore implements ClaimStore {
  private readonly models: EventsModels;

  constructor(
    private readonly connection: Connection,
    private readonly options: MongoClaimStoreOptions = { transactionTimeoutMs: DEFAULT_TRANSACTION_TIMEOUT_MS },
  ) {
    this.models = eventsModels(connection);
  }

  /**
   * One transaction that writes only this player's two documents: read the event's version
   * (a read never conflicts with other grants or edits), insert the GRANTED claim, insert its
   * outbox entry. The unique indexes decide a used key or an existing grant (the duplicate
   * aborts the transaction). withTransaction may run the callback again on transient
   * errors, so it only writes through the session.
   */
  async grant(claim: ClaimRecord, delivery: DeliveryRecord): Promise<GrantOutcome> {
    try {
      await translateTransient(() =>
        inTransaction(this.connection, this.options.transactionTimeoutMs, async (session) => {
          const event = await this.models.Event.findById(new Types.ObjectId(claim.eventId), { version: 1 }, { session }).lean<{ version?: number }>();
          if (!event) throw new GrantRefused({ outcome: 'event-not-found' });
          if ((event.version ?? 0) !== claim.eventVersion) throw new GrantRefused({ outcome: 'event-changed' });
          await this.models.Claim.create([toClaimDoc(claim)], { session });
          await this.models.Delivery.create([toDeliveryDoc(delivery)], { session });
        }),
      );
      return { outcome: 'granted', claim };
    } catch (error) {
      if (error instanceof GrantRefused) return error.outcome;
      if (duplicateKeyOn(error, 'idempotencyKey')) return { outcome: 'idempotency-key-used' };
      if (duplicateKeyOn(error, 'eventId')) return { outcome: 'already-claimed' };
      throw error;
    }
  }

  async recordRejection(claim: ClaimRecord): Promise<boolean> {
    try {
      await translateTransient(() => this.models.Claim.create([toClaimDoc(claim)]));
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

  async findGranted(eventId: string, userId: string, period: string | null): Promise<ClaimRecord | null> {
    const doc = await translateTransient(() =>
      // holdsGrant: the partial unique index answers (its filter must be implied by the query).
      // A REVOKED claim still holds its grant: it counts as claimed.
      this.models.Claim.findOne({ userId: new Types.ObjectId(userId), eventId: new Types.ObjectId(eventId), period: period ?? ONCE_PERIOD_KEY, holdsGrant: true }).lean<LeanClaim>(),
    );
    return doc ? toClaimRecord(doc) : null;
  }

  async findGrantedForUser(userId: string, eventIds: readonly string[]): Promise<ClaimRecord[]> {
    const docs = await this.models.Claim.find({
      userId: new Types.ObjectId(userId),
      eventId: { $in: eventIds.map((id) => new Types.ObjectId(id)) },
      holdsGrant: true,
    })
      .sort({ createdAt: -1, _id: -1 })
      .lean<LeanClaim[]>();
    // Newest first: the first claim seen of each event is its newest (periodic events have one per period).
    const newest = new Map<string, ClaimRecord>();
    for (const doc of docs) {
      const claim = toClaimRecord(doc);
      if (!newest.has(claim.eventId)) newest.set(claim.eventId, claim);
    }
    return [...newest.values()];
  }

  async findByIdempotencyKey(userId: string, key: string): Promise<ClaimRecord | null> {
    const doc = await translateTransient(() => this.models.Claim.findOne({ userId: new Types.ObjectId(userId), idempotencyKey: key }).lean<LeanClaim>());
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

  countGranted(eventId: string): Promise<number> {
    return this.models.Claim.countDocuments({ eventId: new Types.ObjectId(eventId), holdsGrant: true });
  }

  async dueDeliveries(now: Date, limit: number): Promise<DeliveryRecord[]> {
    const docs = await this.models.Delivery.find({ pending: true, nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit).lean<LeanDelivery[]>();
    return docs.map(toDeliveryRecord);
  }

  /** One findOneAndUpdate per delivery: the one that moves nextAttemptAt owns the attempt. */
  async leaseDueDeliveries(now: Date, limit: number, leaseUntil: Date): Promise<DeliveryRecord[]> {
    const leased: DeliveryRecord[] = [];
    for (let i = 0; i < limit; i++) {
      const doc = await this.models.Delivery.findOneAndUpdate(
        { pending: true, nextAttemptAt: { $lte: now } },
        { $set: { nextAttemptAt: leaseUntil } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      ).lean<LeanDelivery>();
      if (!doc) break;
      leased.push(toDeliveryRecord(doc));
    }
    return leased;
  }

  /**
   * Claim first, outbox second: a crash in between leaves the outbox entry pending, so the
   * dispatcher delivers again (users credits once) rather than a claim stuck at PENDING.
   */
  async markDelivered(claimId: string, at: Date): Promise<void> {
    const _id = new Types.ObjectId(claimId);
    await this.models.Claim.updateOne({ _id }, { $set: { delivery: DeliveryStatus.DELIVERED, deliveryError: null } });
    await this.models.Delivery.updateOne({ _id }, { $set: { pending: false, deliveredAt: at } });
  }

  async markDeliveryFailed(claimId: string, error: string, nextAttemptAt: Date): Promise<void> {
    const _id = new Types.ObjectId(claimId);
    const result = await this.models.Delivery.updateOne({ _id, pending: true }, { $inc: { attempts: 1 }, $set: { lastError: error, nextAttemptAt } });
    if (result.matchedCount === 1) await this.models.Claim.updateOne({ _id, delivery: DeliveryStatus.PENDING }, { $set: { deliveryError: error } });
  }

  /** Outbox first (it decides whether anything is retried), then the claim staff see. */
  async markDeliveryRefused(claimId: string, error: string, at: Date): Promise<void> {
    const _id = new Types.ObjectId(claimId);
    const result = await this.models.Delivery.updateOne({ _id, pending: true }, { $inc: { attempts: 1 }, $set: { pending: false, failedAt: at, lastError: error } });
    if (result.matchedCount === 1) await this.models.Claim.updateOne({ _id }, { $set: { delivery: DeliveryStatus.FAILED, deliveryError: error } });
  }

  async requeueDelivery(claimId: string, at: Date): Promise<boolean> {
    const _id = new Types.ObjectId(claimId);
    const result = await this.models.Delivery.updateOne(
      { _id, failedAt: { $type: 'date' }, deliveredAt: null },
      { $set: { pending: true, failedAt: null, attempts: 0, nextAttemptAt: at } },
    );
    if (result.matchedCount !== 1) return false;
    await this.models.Claim.updateOne({ _id }, { $set: { delivery: DeliveryStatus.PENDING } });
    return true;
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
