import type { ClaimQuery } from '../event-query';
import type { ClaimStore, GrantOutcome } from '../ports';
import { DeliveryStatus } from '../../schema/enums';
import type { ClaimRecord, DeliveryRecord } from '../records';
import { matchesConditions } from './claim-indexes';
import { copy, grantKey, idempotencyKeyOf, type MemoryEventsDatabase } from './memory-database';

/**
 * Same invariants as the MongoDB transaction: each method checks and writes with no await
 * in between, so on Node's single thread it is atomic.
 */
export class MemoryClaimStore implements ClaimStore {
  constructor(private readonly db: MemoryEventsDatabase) {}

  async grant(claim: ClaimRecord, delivery: DeliveryRecord, eventVersion: number): Promise<GrantOutcome> {
    const event = this.db.events.get(claim.eventId);
    if (!event) return { outcome: 'event-not-found' };
    // Precedence shared with the MongoDB store: used key, existing grant, edited event, stock.
    if (claim.idempotencyKey && this.db.claimByIdempotencyKey.has(idempotencyKeyOf(claim.userId, claim.idempotencyKey))) {
      return { outcome: 'idempotency-key-used' };
    }
    if (this.db.grantedByEventAndUser.has(grantKey(claim.eventId, claim.userId))) return { outcome: 'already-claimed' };
    if (event.version !== eventVersion) return { outcome: 'event-changed' };
    if (event.claimsRemaining !== null && event.claimsRemaining <= 0) return { outcome: 'sold-out' };
    if (event.claimsRemaining !== null) event.claimsRemaining -= 1;
    event.grantedCount += 1;
    this.insertClaim(claim);
    this.db.grantedByEventAndUser.set(grantKey(claim.eventId, claim.userId), claim.id);
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

  async findGranted(eventId: string, userId: string): Promise<ClaimRecord | null> {
    const id = this.db.grantedByEventAndUser.get(grantKey(eventId, userId));
    return id ? this.findById(id) : null;
  }

  async findGrantedForUser(userId: string, eventIds: readonly string[]): Promise<ClaimRecord[]> {
    return eventIds.flatMap((eventId) => {
      const id = this.db.grantedByEventAndUser.get(grantKey(eventId, userId));
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
    for (const id of index.newestFirst(undefined, query.createdAt)) if (matchesConditions(this.db.claims.get(id)!, query)) count++;
    return count;
  }

  async dueDeliveries(now: Date, limit: number): Promise<DeliveryRecord[]> {
    return [...this.db.deliveries.values()]
      .filter((delivery) => delivery.deliveredAt === null && delivery.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit)
      .map(copy);
  }

  async markDelivered(claimId: string, at: Date): Promise<void> {
    const delivery = this.db.deliveries.get(claimId);
    const claim = this.db.claims.get(claimId);
    if (delivery) delivery.deliveredAt = at;
    if (claim) claim.delivery = DeliveryStatus.DELIVERED;
  }

  async markDeliveryFailed(claimId: string, error: string, nextAttemptAt: Date): Promise<void> {
    const delivery = this.db.deliveries.get(claimId);
    if (!delivery || delivery.deliveredAt) return;
    delivery.attempts += 1;
    delivery.lastError = error;
    delivery.nextAttemptAt = nextAttemptAt;
  }

  private insertClaim(claim: ClaimRecord): void {
    this.db.claims.set(claim.id, copy(claim));
    this.db.claimIndexes.add(claim);
    if (claim.idempotencyKey) this.db.claimByIdempotencyKey.set(idempotencyKeyOf(claim.userId, claim.idempotencyKey), claim.id);
  }
}
