import type { ClaimQuery } from '../event-query';
import type { ClaimStore, DeliveryBacklog, GrantOutcome } from '../ports';
import { DeliveryStatus } from '../../enums';
import { HOLDS_GRANT, type ClaimRecord, type DeliveryRecord } from '../records';
import type { ClaimStatsRecord, StatsBucketUnit } from '../claim-stats';
import { memoryClaimStats } from './claim-stats';
import { matchesConditions } from './claim-indexes';
import { copy, eventUserKey, grantKey, idempotencyKeyOf, type MemoryEventsDatabase } from './memory-database';

/**
 * Same invariants as the MongoDB transaction: each method checks and writes with no await
 * in between, so on Node's single thread it is atomic.
 */
export class MemoryClaimStore implements ClaimStore {
  constructor(private readonly db: MemoryEventsDatabase) {}

  async grant(claim: ClaimRecord, delivery: DeliveryRecord): Promise<GrantOutcome> {
    const event = this.db.events.get(claim.eventId);
    if (!event) return { outcome: 'event-not-found' };
    // Precedence shared with the MongoDB store: used key, existing grant, edited event.
    if (claim.idempotencyKey && this.db.claimByIdempotencyKey.has(idempotencyKeyOf(claim.userId, claim.idempotencyKey))) {
      return { outcome: 'idempotency-key-used' };
    }
    if (this.db.grantedByEventAndUser.has(grantKey(claim.eventId, claim.userId, claim.period))) return { outcome: 'already-claimed' };
    if (event.version !== claim.eventVersion) return { outcome: 'event-changed' };
    this.insertClaim(claim);
    this.db.grantedByEventAndUser.set(grantKey(claim.eventId, claim.userId, claim.period), claim.id);
    this.db.newestGrantByEventAndUser.set(eventUserKey(claim.eventId, claim.userId), claim.id);
    this.db.deliveries.set(claim.id, copy(delivery));
    return { outcome: 'granted', claim: copy(claim) };
  }

  async recordRejection(claim: ClaimRecord): Promise<boolean> {
    if (claim.idempotencyKey && this.db.claimByIdempotencyKey.has(idempotencyKeyOf(claim.userId, claim.idempotencyKey))) return false;
    this.insertClaim(claim);
    return true;
  }

  async findById(id: string): Promise<ClaimRecord | null> {
    const claim = this.db.claims.get(id);
    return claim ? copy(claim) : null;
  }

  async findByIds(ids: readonly string[]): Promise<ClaimRecord[]> {
    return ids.flatMap((id) => {
      const claim = this.db.claims.get(id);
      return claim ? [copy(claim)] : [];
    });
  }

  async findGranted(eventId: string, userId: string, period: string | null): Promise<ClaimRecord | null> {
    const id = this.db.grantedByEventAndUser.get(grantKey(eventId, userId, period));
    return id ? this.findById(id) : null;
  }

  async findGrantedForUser(userId: string, eventIds: readonly string[]): Promise<ClaimRecord[]> {
    return eventIds.flatMap((eventId) => {
      const id = this.db.newestGrantByEventAndUser.get(eventUserKey(eventId, userId));
      const claim = id ? this.db.claims.get(id) : undefined;
      return claim ? [copy(claim)] : [];
    });
  }

  async findByIdempotencyKey(userId: string, key: string): Promise<ClaimRecord | null> {
    const id = this.db.claimByIdempotencyKey.get(idempotencyKeyOf(userId, key));
    return id ? this.findById(id) : null;
  }

  /** O(page) on the index the query's most selective condition picks. */
  async list(query: ClaimQuery): Promise<ClaimRecord[]> {
    const { index, filtered } = this.db.claimIndexes.scan(query);
    const page: ClaimRecord[] = [];
    if (!index || query.limit <= 0) return page;
    const before = query.before ? { time: query.before.createdAt.getTime(), id: query.before.id } : undefined;
    for (const id of index.newestFirst(before, query.createdAt)) {
      const claim = this.db.claims.get(id)!;
      if (filtered && !matchesConditions(claim, query)) continue;
      page.push(copy(claim));
      if (page.length >= query.limit) break;
    }
    return page;
  }

  /** O(log n) for one condition (and a time range); walks the smallest index for several. */
  async count(query: Omit<ClaimQuery, 'before' | 'limit'>): Promise<number> {
    const { index, filtered } = this.db.claimIndexes.scan(query);
    if (!index) return 0;
    if (!filtered) return index.countIn(query.createdAt);
    let count = 0;
    for (const _claim of this.matching(query)) count++;
    return count;
  }

  async stats(eventId: string, unit: StatsBucketUnit): Promise<ClaimStatsRecord> {
    return memoryClaimStats(this.matching({ eventId }), unit);
  }

  /** Claims holding a grant (GRANTED and REVOKED), through the event's index, not every grant. */
  async countGranted(eventId: string): Promise<number> {
    let granted = 0;
    for (const status of HOLDS_GRANT) granted += await this.count({ eventId, status });
    return granted;
  }

  async dueDeliveries(now: Date, limit: number): Promise<DeliveryRecord[]> {
    return this.due(now, limit).map(copy);
  }

  async leaseDueDeliveries(now: Date, limit: number, leaseUntil: Date): Promise<DeliveryRecord[]> {
    return this.due(now, limit).map((delivery) => {
      delivery.nextAttemptAt = leaseUntil;
      return copy(delivery);
    });
  }

  async markDelivered(claimId: string, at: Date): Promise<void> {
    const delivery = this.db.deliveries.get(claimId);
    const claim = this.db.claims.get(claimId);
    if (delivery) delivery.deliveredAt = at;
    if (claim) {
      claim.delivery = DeliveryStatus.DELIVERED;
      claim.deliveryError = null;
    }
  }

  async markDeliveryFailed(claimId: string, error: string, nextAttemptAt: Date): Promise<void> {
    const delivery = this.db.deliveries.get(claimId);
    if (!delivery || delivery.deliveredAt || delivery.failedAt) return;
    delivery.attempts += 1;
    delivery.lastError = error;
    delivery.nextAttemptAt = nextAttemptAt;
    const claim = this.db.claims.get(claimId);
    if (claim) claim.deliveryError = error;
  }

  async markDeliveryRefused(claimId: string, error: string, at: Date): Promise<void> {
    const delivery = this.db.deliveries.get(claimId);
    if (!delivery || delivery.deliveredAt || delivery.failedAt) return;
    delivery.attempts += 1;
    delivery.lastError = error;
    delivery.failedAt = at;
    const claim = this.db.claims.get(claimId);
    if (claim) Object.assign(claim, { delivery: DeliveryStatus.FAILED, deliveryError: error });
  }

  async requeueDelivery(claimId: string, at: Date): Promise<boolean> {
    const delivery = this.db.deliveries.get(claimId);
    if (!delivery?.failedAt || delivery.deliveredAt) return false;
    Object.assign(delivery, { failedAt: null, attempts: 0, nextAttemptAt: at });
    const claim = this.db.claims.get(claimId);
    if (claim) claim.delivery = DeliveryStatus.PENDING;
    return true;
  }

  /** Pending (neither delivered nor FAILED) and due, oldest first: the live records. */
  private due(now: Date, limit: number): DeliveryRecord[] {
    return [...this.db.deliveries.values()]
      .filter((delivery) => delivery.deliveredAt === null && delivery.failedAt === null && delivery.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit);
  }

  /**
   * As the MongoDB store: pending is neither delivered nor FAILED (a refused delivery waits for
   * staff, not for the dispatcher), and ids sort by creation, so the smallest pending id is the
   * oldest grant.
   */
  async deliveryBacklog(): Promise<DeliveryBacklog> {
    let pending = 0;
    let oldestId: string | null = null;
    for (const delivery of this.db.deliveries.values()) {
      if (delivery.deliveredAt !== null || delivery.failedAt !== null) continue;
      pending++;
      if (oldestId === null || delivery.claimId < oldestId) oldestId = delivery.claimId;
    }
    const grantedAt = oldestId ? this.db.claims.get(oldestId)?.createdAt : undefined;
    return { pending, oldestGrantedAt: grantedAt ? new Date(grantedAt) : null };
  }

  /** Every claim matching `query`, walked through the index its most selective condition picks. */
  private *matching(query: Omit<ClaimQuery, 'before' | 'limit'>): Generator<ClaimRecord> {
    const { index, filtered } = this.db.claimIndexes.scan(query);
    if (!index) return;
    for (const id of index.newestFirst(undefined, query.createdAt)) {
      const claim = this.db.claims.get(id)!;
      if (!filtered || matchesConditions(claim, query)) yield claim;
    }
  }

  private insertClaim(claim: ClaimRecord): void {
    this.db.claims.set(claim.id, copy(claim));
    this.db.claimIndexes.add(claim);
    if (claim.idempotencyKey) this.db.claimByIdempotencyKey.set(idempotencyKeyOf(claim.userId, claim.idempotencyKey), claim.id);
  }
}
