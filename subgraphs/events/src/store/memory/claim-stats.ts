import { ClaimStatus, DeliveryStatus, type ClaimRejectionReason } from '../../enums';
import { bucketStart, MAX_TIMELINE_POINTS, type ClaimStatsRecord, type StatsBucketUnit } from '../claim-stats';
import type { ClaimRecord } from '../records';

/** The same figures as the MongoDB aggregation (mongo/claim-stats.ts), over one event's claims. */
export function memoryClaimStats(claims: Iterable<ClaimRecord>, unit: StatsBucketUnit): ClaimStatsRecord {
  const stats: ClaimStatsRecord = {
    granted: 0,
    rejected: 0,
    rejectedByReason: [],
    distinctPlayers: 0,
    deliveredCount: 0,
    pendingDeliveryCount: 0,
    failedDeliveryCount: 0,
    timeline: [],
  };
  const reasons = new Map<ClaimRejectionReason, number>();
  const players = new Set<string>();
  const buckets = new Map<number, { at: Date; granted: number; rejected: number }>();
  for (const claim of claims) {
    players.add(claim.userId);
    const at = bucketStart(claim.createdAt, unit);
    const point = buckets.get(at.getTime()) ?? { at, granted: 0, rejected: 0 };
    buckets.set(at.getTime(), point);
    if (claim.status === ClaimStatus.REJECTED) {
      stats.rejected += 1;
      point.rejected += 1;
      if (claim.rejectionReason) reasons.set(claim.rejectionReason, (reasons.get(claim.rejectionReason) ?? 0) + 1);
      continue;
    }
    if (claim.status === ClaimStatus.GRANTED) {
      stats.granted += 1;
      point.granted += 1;
    }
    if (claim.delivery === DeliveryStatus.DELIVERED) stats.deliveredCount += 1;
    else if (claim.delivery === DeliveryStatus.PENDING) stats.pendingDeliveryCount += 1;
    else if (claim.delivery === DeliveryStatus.FAILED) stats.failedDeliveryCount += 1;
  }
  stats.distinctPlayers = players.size;
  stats.rejectedByReason = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => (a.reason < b.reason ? -1 : 1));
  stats.timeline = [...buckets.values()].sort((a, b) => a.at.getTime() - b.at.getTime()).slice(-MAX_TIMELINE_POINTS);
  return stats;
}
