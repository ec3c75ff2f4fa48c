import type { ClaimRejectionReason } from '../enums';

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
