import type { ClaimQuery } from '../event-query';
import type { ClaimRecord } from '../records';
import { OrderedIndex, OrderedIndexMap, type TimeIdKey } from './ordered-index';

type ClaimConditions = Omit<ClaimQuery, 'before' | 'limit'>;

export interface ClaimScan {
  /** Null: no claim can match. */
  index: OrderedIndex | null;
  /** Whether each claim from the index must still be checked against the other conditions. */
  filtered: boolean;
}

/**
 * The memory store's indexes over claims, each in (createdAt, id) order: all claims, by
 * event, by user and by status (event and user never change; status only by a revocation,
 * which moves the claim with `restatus`). A query
 * walks the smallest index among its conditions, as a database would pick one.
 */
export class ClaimIndexes {
  private readonly all = new OrderedIndex();
  private readonly byEvent = new OrderedIndexMap();
  private readonly byUser = new OrderedIndexMap();
  private readonly byStatus = new OrderedIndexMap();

  add(claim: ClaimRecord): void {
    const key: TimeIdKey = { time: claim.createdAt.getTime(), id: claim.id };
    this.all.insert(key);
    this.byEvent.insert(claim.eventId, key);
    this.byUser.insert(claim.userId, key);
    this.byStatus.insert(claim.status, key);
  }

  /** GRANTED → REVOKED: the claim moves from one status index to the other. */
  restatus(claim: ClaimRecord, from: string): void {
    const key: TimeIdKey = { time: claim.createdAt.getTime(), id: claim.id };
    this.byStatus.remove(from, key);
    this.byStatus.insert(claim.status, key);
  }

  scan(query: ClaimConditions): ClaimScan {
    const candidates: (OrderedIndex | undefined)[] = [];
    if (query.eventId !== undefined) candidates.push(this.byEvent.get(query.eventId));
    if (query.userId !== undefined) candidates.push(this.byUser.get(query.userId));
    if (query.status !== undefined) candidates.push(this.byStatus.get(query.status));
    // No index by rejection reason (few claims are rejected for any one reason per event):
    // it is checked on each claim the chosen index yields.
    const unindexed = query.rejectionReason !== undefined;
    if (candidates.length === 0) return { index: this.all, filtered: unindexed };
    if (candidates.some((index) => index === undefined)) return { index: null, filtered: false };
    const smallest = (candidates as OrderedIndex[]).reduce((a, b) => (b.size < a.size ? b : a));
    return { index: smallest, filtered: candidates.length > 1 || unindexed };
  }
}

/** The equality conditions of a claim query (the time range is the index's part). */
export const matchesConditions = (claim: ClaimRecord, query: ClaimConditions): boolean =>
  (query.eventId === undefined || claim.eventId === query.eventId) &&
  (query.userId === undefined || claim.userId === query.userId) &&
  (query.status === undefined || claim.status === query.status) &&
  (query.rejectionReason === undefined || claim.rejectionReason === query.rejectionReason);
