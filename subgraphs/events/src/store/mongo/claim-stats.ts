import { Types, type PipelineStage } from 'mongoose';
import { ClaimStatus } from '../../enums';
import { MAX_TIMELINE_POINTS, tallyClaimOutcomes, type ClaimStatsRecord, type StatsBucketUnit } from '../claim-stats';

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

export function toClaimStats(facets: ClaimStatsFacets | undefined): ClaimStatsRecord {
  return {
    ...tallyClaimOutcomes((facets?.outcomes ?? []).map(({ _id: key, count }) => ({ ...key, count }))),
    distinctPlayers: facets?.players[0]?.count ?? 0,
    timeline: (facets?.timeline ?? []).map((point) => ({ at: point._id, granted: point.granted, rejected: point.rejected })).reverse(),
  };
}
