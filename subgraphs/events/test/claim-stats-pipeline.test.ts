import { Types } from 'mongoose';
import { claimStatsPipeline, EVENT_STATS_INDEX, EVENT_STATS_INDEX_KEYS, toClaimStats } from '../src/store/mongo/claim-stats';
import { claimSchema } from '../src/store/mongo/models';

/** The pipeline is checked as a document here: no MongoDB server is needed. */
const eventId = new Types.ObjectId().toHexString();

test('matches one event on the stats index prefix and projects indexed fields only (a covered plan)', () => {
  const [match, project, facet, ...rest] = claimStatsPipeline(eventId, 'hour') as Record<string, any>[];
  expect(rest).toEqual([]);
  expect(Object.keys(match!['$match'])).toEqual(['eventId']);
  expect(String(match!['$match'].eventId)).toBe(eventId);
  expect(Object.keys(EVENT_STATS_INDEX_KEYS)[0]).toBe('eventId');
  const projected = Object.keys(project!['$project']).filter((field) => field !== '_id');
  expect(project!['$project']._id).toBe(0);
  for (const field of projected) expect(Object.keys(EVENT_STATS_INDEX_KEYS)).toContain(field);
  expect(Object.keys(facet!['$facet']).sort()).toEqual(['outcomes', 'players', 'timeline']);
});

test('groups the timeline with $dateTrunc by the asked unit, latest 500 buckets', () => {
  for (const unit of ['hour', 'day'] as const) {
    const facet = (claimStatsPipeline(eventId, unit)[2] as Record<string, any>)['$facet'];
    const [group, sort, limit] = facet.timeline;
    expect(group.$group._id).toEqual({ $dateTrunc: { date: '$createdAt', unit } });
    expect(sort).toEqual({ $sort: { _id: -1 } });
    expect(limit).toEqual({ $limit: 500 });
  }
});

test('the claim schema declares the stats index', () => {
  const index = claimSchema.indexes().find(([, options]) => options?.['name'] === EVENT_STATS_INDEX);
  expect(index?.[0]).toEqual(EVENT_STATS_INDEX_KEYS);
});

test('maps the facet document to stats, timeline oldest first', () => {
  const at = (hour: number) => new Date(Date.UTC(2030, 0, 1, hour));
  const stats = toClaimStats({
    outcomes: [
      { _id: { status: 'GRANTED', reason: null, delivery: 'DELIVERED' }, count: 5 },
      { _id: { status: 'GRANTED', reason: null, delivery: 'PENDING' }, count: 2 },
      { _id: { status: 'GRANTED', reason: null, delivery: 'FAILED' }, count: 1 },
      { _id: { status: 'REJECTED', reason: 'SOLD_OUT', delivery: null }, count: 4 },
      { _id: { status: 'REJECTED', reason: 'ALREADY_CLAIMED', delivery: null }, count: 3 },
    ],
    players: [{ count: 9 }],
    timeline: [
      { _id: at(2), granted: 3, rejected: 7 },
      { _id: at(1), granted: 5, rejected: 0 },
    ],
  });
  expect(stats).toEqual({
    granted: 8,
    rejected: 7,
    rejectedByReason: [
      { reason: 'ALREADY_CLAIMED', count: 3 },
      { reason: 'SOLD_OUT', count: 4 },
    ],
    distinctPlayers: 9,
    deliveredCount: 5,
    pendingDeliveryCount: 2,
    failedDeliveryCount: 1,
    timeline: [
      { at: at(1), granted: 5, rejected: 0 },
      { at: at(2), granted: 3, rejected: 7 },
    ],
  });
  expect(toClaimStats(undefined).distinctPlayers).toBe(0);
});
