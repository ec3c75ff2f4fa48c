import { ClaimStatus } from '../../enums';
import { bucketStart, MAX_TIMELINE_POINTS, tallyClaimOutcomes, type ClaimOutcomeCount, type ClaimStatsRecord, type StatsBucketUnit } from '../claim-stats';
import type { ClaimRecord } from '../records';

/** The same figures as the MongoDB aggregation (mongo/claim-stats.ts), over one event's claims. */
export function memoryClaimStats(claims: Iterable<ClaimRecord>, unit: StatsBucketUnit): ClaimStatsRecord {
  // Grouped as the MongoDB $group does, so the tally walks a handful of groups.
  const outcomes = new Map<string, ClaimOutcomeCount>();
  const players = new Set<string>();
  const buckets = new Map<number, { at: Date; granted: number; rejected: number }>();
  for (const claim of claims) {
    const key = `${claim.status}|${claim.rejectionReason}|${claim.delivery}`;
    const outcome = outcomes.get(key) ?? { status: claim.status, reason: claim.rejectionReason, delivery: claim.delivery, count: 0 };
    outcomes.set(key, outcome);
    outcome.count += 1;
    players.add(claim.userId);
    const at = bucketStart(claim.createdAt, unit);
    const point = buckets.get(at.getTime()) ?? { at, granted: 0, rejected: 0 };
    buckets.set(at.getTime(), point);
    if (claim.status === ClaimStatus.REJECTED) point.rejected += 1;
    else if (claim.status === ClaimStatus.GRANTED) point.granted += 1;
  }
  return {
    ...tallyClaimOutcomes(outcomes.values()),
    distinctPlayers: players.size,
    timeline: [...buckets.values()].sort((a, b) => a.at.getTime() - b.at.getTime()).slice(-MAX_TIMELINE_POINTS),
  };
}
