import { ONCE_PERIOD_KEY, type ClaimRecord, type DeliveryRecord, type EventRecord } from '../records';
import { ClaimIndexes } from './claim-indexes';

/** The tables both memory stores share, so a grant can touch event stock and claims at once. */
export class MemoryEventsDatabase {
  readonly events = new Map<string, EventRecord>();
  readonly claims = new Map<string, ClaimRecord>();
  readonly deliveries = new Map<string, DeliveryRecord>();
  /** The unique (eventId, userId, period) index over claims that hold a grant: GRANTED and REVOKED. */
  readonly grantedByEventAndUser = new Map<string, string>();
  /** Per (eventId, userId), the newest granted claim (myClaim). */
  readonly newestGrantByEventAndUser = new Map<string, string>();
  /** The unique (userId, idempotencyKey) index. */
  readonly claimByIdempotencyKey = new Map<string, string>();
  /** Stock reservations per event (claim id → when taken): part of the event document on MongoDB. */
  readonly reservations = new Map<string, Map<string, Date>>();
  /** Periodic events' stock per (event, game period): units taken and their reservations. */
  readonly periodStock = new Map<string, { eventId: string; period: string; taken: number; reservations: Map<string, Date> }>();
  /** Ordered indexes for listing and counting claims without scanning them all. */
  readonly claimIndexes = new ClaimIndexes();
}

export const grantKey = (eventId: string, userId: string, period: string | null) => `${eventId}:${userId}:${period ?? ONCE_PERIOD_KEY}`;
export const eventUserKey = (eventId: string, userId: string) => `${eventId}:${userId}`;
export const periodStockKey = (eventId: string, period: string) => `${eventId}:${period}`;
export const idempotencyKeyOf = (userId: string, key: string) => `${userId}:${key}`;

export const copy = <T>(value: T): T => structuredClone(value);
