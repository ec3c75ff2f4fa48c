import { Types, type PipelineStage } from 'mongoose';
import { ClaimRejectionReason, ClaimStatus, DeliveryStatus } from '../../enums';
import { MAX_TIMELINE_POINTS, type ClaimStatsRecord, type StatsBucketUnit } from '../claim-stats';

/**
 * The index the stats pipeline reads: every field it needs is in the key, so the plan can
 * be an index-only scan over one event's entries (no claim document fetched).
 */
export const EVENT_STATS_INDEX = 'event_stats';
export const EVENT_STATS_INDEX_KEYS = { eventId: 1, createdAt: 1, status: 1, rejectionReason: 1, delivery: 1, userId: 1 } as const;

/**
 * One aggregation for an event's stats: $match on eventId (index prefix), a projection of
 * indexed fields only, then one $facet with three groups (outcome counts, distinct players,
 * time buckets). Its cost grows with that event's claims, never with the whole collection.
 */
export function claimStatsPipeline(eventId: string, unit: StatsBucketUnit): PipelineStage[] {
  const countIf = (status: ClaimStatus) => ({ $sum: { $cond: [{ $eq: ['$status', status] }, 1, 0] } });
  return [
    { $match: { eventId: new Types.ObjectId(eventId) } },
    { $project: { _id: 0, createdAt: 1, status: 1, rejectionReason: 1, delivery: 1, userId: 1 } },
    {
      $facet: {
        outcomes: [{ $group: { _id: { status: '$status', reason: '$rejectionReason', delivery: '$delivery' }, count: { $sum: 1 } } }],
        players: [{ $group: { _id: '$userId' } }, { $count: 'count' }],
        timeline: [
          { $group: { _id: { $dateTrunc: { date: '$createdAt', unit } }, granted: countIf(ClaimStatus.GRANTED), rejected: countIf(ClaimStatus.REJECTED) } },
          { $sort: { _id: -1 } },
          { $limit: MAX_TIMELINE_POINTS },
        ],
      },
    },
  ];
}

/** The $facet's single output document. */
export interface ClaimStatsFacets {
  outcomes: { _id: { status?: string | null; reason?: string | null; delivery?: string | null }; count: number }[];
  players: { count: number }[];
  timeline: { _id: Date; granted: number; rejected: number }[];
}

const REASONS = new Set<string>(Object.values(ClaimRejectionReason));

export function toClaimStats(facets: ClaimStatsFacets | undefined): ClaimStatsRecord {
  const stats: ClaimStatsRecord = {
    granted: 0,
    rejected: 0,
    rejectedByReason: [],
    distinctPlayers: facets?.players[0]?.count ?? 0,
    deliveredCount: 0,
    pendingDeliveryCount: 0,
    failedDeliveryCount: 0,
    timeline: (facets?.timeline ?? []).map((point) => ({ at: point._id, granted: point.granted, rejected: point.rejected })).reverse(),
  };
  const reasons = new Map<ClaimRejectionReason, number>();
  for (const { _id: key, count } of facets?.outcomes ?? []) {
    if (key.status === ClaimStatus.REJECTED) {
      stats.rejected += count;
      if (key.reason && REASONS.has(key.reason)) {
        const reason = key.reason as ClaimRejectionReason;
        reasons.set(reason, (reasons.get(reason) ?? 0) + count);
      }
      continue;
    }
    if (key.status === ClaimStatus.GRANTED) stats.granted += count;
    if (key.delivery === DeliveryStatus.DELIVERED) stats.deliveredCount += count;
    else if (key.delivery === DeliveryStatus.PENDING) stats.pendingDeliveryCount += count;
    else if (key.delivery === DeliveryStatus.FAILED) stats.failedDeliveryCount += count;
  }
  stats.rejectedByReason = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => (a.reason < b.reason ? -1 : 1));
  return stats;
}
