import { ClaimRejectionReason, ClaimStatus, DeliveryStatus } from '../enums';

export type StatsBucketUnit = 'hour' | 'day';

/** At most this many timeline points: one per bucket with attempts, oldest first. */
export const MAX_TIMELINE_POINTS = 500;

/** What a store reports about one event's claims, computed by aggregation. */
export interface ClaimStatsRecord {
  granted: number;
  rejected: number;
  rejectedByReason: { reason: ClaimRejectionReason; count: number }[];
  distinctPlayers: number;
  deliveredCount: number;
  pendingDeliveryCount: number;
  failedDeliveryCount: number;
  timeline: { at: Date; granted: number; rejected: number }[];
}

/** The start of `at`'s bucket, in UTC (what MongoDB's $dateTrunc does with no timezone). */
export function bucketStart(at: Date, unit: StatsBucketUnit): Date {
  const start = new Date(at.getTime());
  start.setUTCMinutes(0, 0, 0);
  if (unit === 'day') start.setUTCHours(0);
  return start;
}

/** How many of an event's claims share one status, rejection reason and delivery status. */
export interface ClaimOutcomeCount {
  status?: string | null;
  reason?: string | null;
  delivery?: string | null;
  count: number;
}

export type ClaimOutcomeTally = Pick<ClaimStatsRecord, 'granted' | 'rejected' | 'rejectedByReason' | 'deliveredCount' | 'pendingDeliveryCount' | 'failedDeliveryCount'>;

const REASONS = new Set<string>(Object.values(ClaimRejectionReason));

/** The outcome figures of the stats, from claims grouped as the MongoDB $group does (both adapters). */
export function tallyClaimOutcomes(outcomes: Iterable<ClaimOutcomeCount>): ClaimOutcomeTally {
  const tally: ClaimOutcomeTally = { granted: 0, rejected: 0, rejectedByReason: [], deliveredCount: 0, pendingDeliveryCount: 0, failedDeliveryCount: 0 };
  const reasons = new Map<ClaimRejectionReason, number>();
  for (const { status, reason, delivery, count } of outcomes) {
    if (status === ClaimStatus.REJECTED) {
      tally.rejected += count;
      if (reason && REASONS.has(reason)) {
        const known = reason as ClaimRejectionReason;
        reasons.set(known, (reasons.get(known) ?? 0) + count);
      }
      continue;
    }
    if (status === ClaimStatus.GRANTED) tally.granted += count;
    if (delivery === DeliveryStatus.DELIVERED) tally.deliveredCount += count;
    else if (delivery === DeliveryStatus.PENDING) tally.pendingDeliveryCount += count;
    else if (delivery === DeliveryStatus.FAILED) tally.failedDeliveryCount += count;
  }
  tally.rejectedByReason = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => (a.reason < b.reason ? -1 : 1));
  return tally;
}
