import type { ClaimStatsRecord, StatsBucketUnit } from './claim-stats';
import type { ClaimQuery, EventQuery } from './event-query';
import type { ClaimRecord, DeliveryRecord, EventRecord, RevocationRecord } from './records';

/** Fields an operator edit may set; stock, version and the freeze belong to the store. */
export type EditableEventFields = Partial<
  Pick<EventRecord, 'title' | 'description' | 'startsAt' | 'endsAt' | 'isPublic' | 'active' | 'challenges' | 'rewards' | 'claimPeriod' | 'updatedAt'>
>;

/** How an edit changes the stock, decided by the service from the event it read. */
export type StockEdit =
  /** Limited → limited: remaining moves by the same amount as the limit; refused below 0. */
  | { kind: 'adjust'; claimLimit: number; by: number }
  /** → unlimited: the stock and any reservation are dropped. */
  | { kind: 'unlimited' }
  /**
   * Unlimited → limited. `frozen` is the freeze the service saw: not frozen means no grant
   * exists nor can be committing, so `remaining` is exact; frozen means grants may be
   * committing, so the stock is held at `remaining` (0) until `settlesAt`.
   */
  | { kind: 'set'; claimLimit: number; remaining: number; settlesAt: Date | null; frozen: boolean }
  /**
   * Periodic events: only the limit changes (each game period counts its own units taken
   * against the limit of the version a claim was evaluated at); no event-level stock.
   */
  | { kind: 'period-limit'; claimLimit: number | null; requireUnfrozen: boolean };

export interface EventEdit {
  fields: EditableEventFields;
  /** Challenges or rewards change: only while the event is not frozen. */
  changesContent: boolean;
  stock?: StockEdit;
}

export type EditOutcome =
  | { outcome: 'updated'; event: EventRecord }
  | { outcome: 'not-found' }
  /** Another edit (or the first grant's freeze, for a limit set on an unlimited event) came first: read again. */
  | { outcome: 'changed' }
  /** The content change lost to the first grant. */
  | { outcome: 'frozen' }
  /** A lower limit would take back units already taken (granted or being granted). */
  | { outcome: 'stock-too-low'; event: EventRecord };

export interface EventStore {
  insert(event: EventRecord): Promise<void>;
  findById(id: string): Promise<EventRecord | null>;
  findByIds(ids: readonly string[]): Promise<EventRecord[]>;
  list(query: EventQuery): Promise<EventRecord[]>;
  /**
   * One conditional single-document update, on the version only: grants never change the
   * version, so an edit never waits for claims to stop. Bumps the version.
   */
  update(id: string, expectedVersion: number, edit: EventEdit): Promise<EditOutcome>;
  /**
   * The first grant freezes the event, once: true when it is frozen now at that version,
   * false when the event changed (or is gone) since it was evaluated.
   */
  freeze(id: string, expectedVersion: number): Promise<boolean>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
}

export type ReserveOutcome =
  | { outcome: 'reserved' }
  | { outcome: 'sold-out' }
  /** The event was edited since it was evaluated (or is gone): evaluate again. */
  | { outcome: 'event-changed' }
  /** The stock is held while a new limit settles (see EventRecord.stockSettlesAt). */
  | { outcome: 'settling'; until: Date };

export interface Reservation {
  eventId: string;
  /** The game period's stock it was taken from (periodic events); null for the event's own stock. */
  period: string | null;
  claimId: string;
  at: Date;
}

/**
 * The stock of limited events, outside any transaction: each operation is one conditional
 * single-document update (MongoDB queues those on a hot document instead of aborting).
 * A reservation is recorded on the event with the unit it took, so a unit lost by a crash
 * between reserving and committing the grant can be found and given back, and a unit that
 * is still being granted never is.
 */
export interface EventStock {
  /** Takes one unit for this claim while the event has stock and is still at `expectedVersion`. */
  reserve(eventId: string, expectedVersion: number, claimId: string, at: Date): Promise<ReserveOutcome>;
  /**
   * Ends a reservation: `giveBack` returns its unit (the grant was refused or failed),
   * otherwise the unit stays taken (the grant committed). False when it was already ended.
   */
  release(eventId: string, claimId: string, giveBack: boolean): Promise<boolean>;
  /**
   * Periodic events: takes one unit of the game period's stock for this claim while fewer
   * than `claimLimit` are taken in that period. The period's stock document is created on
   * first use (a new period starts full); one conditional single-document update.
   */
  reservePeriod(eventId: string, period: string, claimLimit: number, claimId: string, at: Date): Promise<ReserveOutcome>;
  /** releasePeriod is release for a game period's stock. */
  releasePeriod(eventId: string, period: string, claimId: string, giveBack: boolean): Promise<boolean>;
  /** Units taken in a game period (granted or being granted); 0 before its first claim. */
  takenInPeriod(eventId: string, period: string): Promise<number>;
  /** Reservations taken before `before`, oldest first: granted or lost, never still in flight. */
  reservationsBefore(before: Date, limit: number): Promise<Reservation[]>;
  /** Limited events whose held stock is due to settle at `now`. */
  heldStockDue(now: Date, limit: number): Promise<EventRecord[]>;
  /** Ends the hold with `remaining` units, if the hold is still the one read. */
  settleHeldStock(eventId: string, settlesAt: Date, remaining: number): Promise<boolean>;
}

export type GrantOutcome =
  | { outcome: 'granted'; claim: ClaimRecord }
  | { outcome: 'already-claimed' }
  | { outcome: 'idempotency-key-used' }
  | { outcome: 'event-not-found' }
  /** The event was edited since it was read: evaluate again. */
  | { outcome: 'event-changed' };

export interface ClaimStore {
  /**
   * One transaction that writes only this player's documents: the GRANTED claim (at most
   * one per event, user and period, by unique index) and its outbox delivery, if the event is still
   * at the version the claim was evaluated against (claim.eventVersion). All or nothing.
   */
  grant(claim: ClaimRecord, delivery: DeliveryRecord): Promise<GrantOutcome>;
  /** Records a rejected attempt. False when its idempotency key was already used. */
  recordRejection(claim: ClaimRecord): Promise<boolean>;
  findById(id: string): Promise<ClaimRecord | null>;
  findByIds(ids: readonly string[]): Promise<ClaimRecord[]>;
  /** The GRANTED claim of this player's period (null period: ONCE events). */
  findGranted(eventId: string, userId: string, period: string | null): Promise<ClaimRecord | null>;
  /** Per event, the player's newest GRANTED claim. */
  findGrantedForUser(userId: string, eventIds: readonly string[]): Promise<ClaimRecord[]>;
  findByIdempotencyKey(userId: string, key: string): Promise<ClaimRecord | null>;
  list(query: ClaimQuery): Promise<ClaimRecord[]>;
  count(query: Omit<ClaimQuery, 'before' | 'limit'>): Promise<number>;
  /** One event's claim figures, aggregated by the store (never by loading every claim). */
  stats(eventId: string, unit: StatsBucketUnit): Promise<ClaimStatsRecord>;
  /** GRANTED claims of an event: a count over an index, never a counter in the event. */
  countGranted(eventId: string): Promise<number>;
  /** Deliveries due at `now` (pending, not FAILED), oldest first. Read only. */
  dueDeliveries(now: Date, limit: number): Promise<DeliveryRecord[]>;
  /**
   * Takes up to `limit` due deliveries for one attempt each: moves each one's next attempt
   * to `leaseUntil` with one conditional update, so another instance does not take it
   * meanwhile, and a crashed instance's lease simply expires.
   */
  leaseDueDeliveries(now: Date, limit: number, leaseUntil: Date): Promise<DeliveryRecord[]>;
  markDelivered(claimId: string, at: Date): Promise<void>;
  /** A transient failure: retried at `nextAttemptAt`; the reason is kept for staff. */
  markDeliveryFailed(claimId: string, error: string, nextAttemptAt: Date): Promise<void>;
  /** users refused it for good: FAILED with the reason, not retried. */
  markDeliveryRefused(claimId: string, error: string, at: Date): Promise<void>;
  /** FAILED → PENDING, due at `at`. False when the delivery is not FAILED. */
  requeueDelivery(claimId: string, at: Date): Promise<boolean>;
  /** Grants still awaiting delivery (neither delivered nor FAILED): how many, and when the oldest of them was granted (for metrics, read at scrape time). */
  deliveryBacklog(): Promise<DeliveryBacklog>;
}

export interface DeliveryBacklog {
  pending: number;
  oldestGrantedAt: Date | null;
}

export interface EventsStores {
  events: EventStore;
  stock: EventStock;
  claims: ClaimStore;
  revocations: RevocationStore;
}

export type RevokeOutcome =
  | { outcome: 'revoked'; claim: ClaimRecord }
  /** Revoked before (by this or a concurrent request): nothing changed. */
  | { outcome: 'already-revoked'; claim: ClaimRecord }
  /** A rejected attempt holds no grant. */
  | { outcome: 'not-granted'; claim: ClaimRecord }
  | { outcome: 'not-found' };

/** Revoked grants and their outbox (see RevocationRecord); separate from ClaimStore on purpose. */
export interface RevocationStore {
  /**
   * All or nothing: the claim goes GRANTED → REVOKED (a conditional update, so two
   * revocations cannot both win) and its revocation is queued in the outbox.
   */
  revoke(claimId: string, revocation: RevocationRecord): Promise<RevokeOutcome>;
  find(claimId: string): Promise<RevocationRecord | null>;
  /** Takes up to `limit` due, unapplied revocations for one attempt each (lease as for deliveries). */
  leaseDue(now: Date, limit: number, leaseUntil: Date): Promise<RevocationRecord[]>;
  markApplied(claimId: string, at: Date, shortfall: boolean | null): Promise<void>;
  /** Retried at `nextAttemptAt`; the reason is kept for staff. */
  markFailed(claimId: string, error: string, nextAttemptAt: Date): Promise<void>;
}
