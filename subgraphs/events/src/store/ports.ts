import type { ClaimStatsRecord, StatsBucketUnit } from './claim-stats';
import type { ClaimQuery, EventQuery } from './event-query';
import type { ClaimRecord, DeliveryRecord, EventRecord } from './records';

export interface EventStore {
  insert(event: EventRecord): Promise<void>;
  findById(id: string): Promise<EventRecord | null>;
  findByIds(ids: readonly string[]): Promise<EventRecord[]>;
  list(query: EventQuery): Promise<EventRecord[]>;
  /**
   * Writes `next` only if the stored event still has `expected` version and grant count,
   * so an update never races a claim or another update. False when it lost the race.
   */
  replaceIfUnchanged(next: EventRecord, expected: { version: number; grantedCount: number }): Promise<boolean>;
  ping(): Promise<void>;
}

export type GrantOutcome =
  | { outcome: 'granted'; claim: ClaimRecord }
  | { outcome: 'sold-out' }
  | { outcome: 'already-claimed' }
  | { outcome: 'idempotency-key-used' }
  | { outcome: 'event-not-found' }
  /** The event was edited since it was read: evaluate again. */
  | { outcome: 'event-changed' };

export interface ClaimStore {
  /**
   * Atomically: take one from the event's stock (when limited), insert the GRANTED claim
   * (at most one per event and user) and its outbox delivery. All or nothing.
   */
  grant(claim: ClaimRecord, delivery: DeliveryRecord, eventVersion: number): Promise<GrantOutcome>;
  /** Records a rejected attempt. False when its idempotency key was already used. */
  recordRejection(claim: ClaimRecord): Promise<boolean>;
  findById(id: string): Promise<ClaimRecord | null>;
  findByIds(ids: readonly string[]): Promise<ClaimRecord[]>;
  findGranted(eventId: string, userId: string): Promise<ClaimRecord | null>;
  findGrantedForUser(userId: string, eventIds: readonly string[]): Promise<ClaimRecord[]>;
  findByIdempotencyKey(userId: string, key: string): Promise<ClaimRecord | null>;
  list(query: ClaimQuery): Promise<ClaimRecord[]>;
  count(query: Omit<ClaimQuery, 'before' | 'limit'>): Promise<number>;
  /** One event's claim figures, aggregated by the store (never by loading every claim). */
  stats(eventId: string, unit: StatsBucketUnit): Promise<ClaimStatsRecord>;
  /** Deliveries due at `now`, oldest first. */
  dueDeliveries(now: Date, limit: number): Promise<DeliveryRecord[]>;
  markDelivered(claimId: string, at: Date): Promise<void>;
  markDeliveryFailed(claimId: string, error: string, nextAttemptAt: Date): Promise<void>;
  /** Undelivered grants: how many, and when the oldest of them was granted (for metrics, read at scrape time). */
  deliveryBacklog(): Promise<DeliveryBacklog>;
}

export interface DeliveryBacklog {
  pending: number;
  oldestGrantedAt: Date | null;
}

export interface EventsStores {
  events: EventStore;
  claims: ClaimStore;
}
