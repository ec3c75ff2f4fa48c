import { Role } from '@platform/shared';
import { EventsHarness } from '../../../test/support/events-harness';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { admin, auditor, callerWith, operator, player, type TestCaller } from '../../../test/support/tokens';
import { PlayerDirectoryUnavailable } from '../src/services/player-directory';
import { memoryClaimStats } from '../src/store/memory/claim-stats';
import type { ClaimRecord } from '../src/store/records';

const HOUR = 60 * 60 * 1000;
const STATS = `query($id: ID!, $bucket: StatsBucket) { event(id: $id) { id stats(bucket: $bucket) {
  granted rejected rejectedByReason { reason count } distinctPlayers deliveredCount pendingDeliveryCount failedDeliveryCount
  timeline { at granted rejected } } } }`;
const CLAIM = `mutation($id: ID!) { claimReward(eventId: $id) { __typename } }`;

interface StatsData {
  event: {
    stats: {
      granted: number;
      rejected: number;
      rejectedByReason: { reason: string; count: number }[];
      distinctPlayers: number;
      deliveredCount: number;
      pendingDeliveryCount: number;
      failedDeliveryCount: number;
      timeline: { at: string; granted: number; rejected: number }[];
    } | null;
  } | null;
}

let h: EventsHarness;
let eventId: string;
let players: TestCaller[];
const op = operator();

beforeEach(async () => {
  // 10:30 UTC on some day, so hour buckets are easy to name.
  const start = new Date(Date.UTC(2030, 0, 15, 10, 30));
  h = await EventsHarness.create();
  h.clock.set(start);
  eventId = (await h.createEvent(op.token, { claimLimit: 2, challenges: [{ totalLogins: { count: 1 } }] })).id;
  players = [player(), player(), player(), player()];
  for (const p of players) h.players.set(p.id, { loginStats: { totalLogins: 5 } });
  h.players.set(players[3]!.id); // never logged in: CHALLENGE_NOT_MET
});
afterEach(() => h.stop());

const stats = async (caller: TestCaller, bucket?: string) => dataOf(await h.run<StatsData>(STATS, { id: eventId, ...(bucket ? { bucket } : {}) }, caller.token)).event?.stats;

async function playOut() {
  await h.run(CLAIM, { id: eventId }, players[0]!.token); // granted, delivered
  await h.run(CLAIM, { id: eventId }, players[0]!.token); // ALREADY_CLAIMED
  h.clock.advance(HOUR);
  // users refuses the delivery once: granted, delivery PENDING.
  const deliver = h.players.applyRewardGrant.bind(h.players);
  h.players.applyRewardGrant = async () => {
    throw new PlayerDirectoryUnavailable('down for this test');
  };
  await h.run(CLAIM, { id: eventId }, players[1]!.token);
  h.players.applyRewardGrant = deliver;
  await h.run(CLAIM, { id: eventId }, players[2]!.token); // SOLD_OUT
  await h.run(CLAIM, { id: eventId }, players[3]!.token); // CHALLENGE_NOT_MET
}

test.each([['OPERATOR', operator], ['AUDITOR', auditor], ['ADMIN', admin]] as const)('%s sees the figures of an event', async (_role, make) => {
  await playOut();
  expect(await stats(make())).toEqual({
    granted: 2,
    rejected: 3,
    rejectedByReason: [
      { reason: 'ALREADY_CLAIMED', count: 1 },
      { reason: 'CHALLENGE_NOT_MET', count: 1 },
      { reason: 'SOLD_OUT', count: 1 },
    ],
    distinctPlayers: 4,
    deliveredCount: 1,
    pendingDeliveryCount: 1,
    failedDeliveryCount: 0,
    timeline: [
      { at: '2030-01-15T10:00:00.000Z', granted: 1, rejected: 1 },
      { at: '2030-01-15T11:00:00.000Z', granted: 1, rejected: 2 },
    ],
  });
});

test('DAY buckets put the whole day in one point', async () => {
  await playOut();
  expect((await stats(auditor(), 'DAY'))?.timeline).toEqual([{ at: '2030-01-15T00:00:00.000Z', granted: 2, rejected: 3 }]);
});

test('an event without claims has zero figures and an empty timeline', async () => {
  expect(await stats(auditor())).toEqual({
    granted: 0,
    rejected: 0,
    rejectedByReason: [],
    distinctPlayers: 0,
    deliveredCount: 0,
    pendingDeliveryCount: 0,
    failedDeliveryCount: 0,
    timeline: [],
  });
});

test('players get null stats, and a token for a USER+OPERATOR person gets them', async () => {
  await playOut();
  const result = await h.run<StatsData>(STATS, { id: eventId }, players[0]!.token);
  expect(result.errors).toBeUndefined();
  expect(result.data?.event?.stats).toBeNull();
  expect((await stats(callerWith([Role.USER, Role.OPERATOR])))?.granted).toBe(2);
});

test('anonymous callers are refused', async () => {
  expect(errorCode(await h.run(STATS, { id: eventId }))).toBe('UNAUTHENTICATED');
});

test('counts only the asked event, and failed deliveries from the claim delivery status', () => {
  const at = new Date(Date.UTC(2030, 0, 1, 5, 59));
  const claim = (over: Partial<ClaimRecord>): ClaimRecord => ({
    id: Math.random().toString(36),
    eventId: 'e1',
    userId: 'u1',
    status: 'GRANTED' as ClaimRecord['status'],
    rejectionReason: null,
    rewards: [],
    delivery: 'DELIVERED' as ClaimRecord['delivery'],
    idempotencyKey: null,
    createdAt: at,
    period: null,
    eventVersion: 0,
    deliveryError: null,
    ...over,
  });
  const result = memoryClaimStats(
    [claim({}), claim({ userId: 'u2', delivery: 'FAILED' as ClaimRecord['delivery'] }), claim({ userId: 'u2', createdAt: new Date(at.getTime() + 60_000), delivery: 'PENDING' as ClaimRecord['delivery'] })],
    'hour',
  );
  expect(result).toMatchObject({ granted: 3, deliveredCount: 1, failedDeliveryCount: 1, pendingDeliveryCount: 1, distinctPlayers: 2 });
  expect(result.timeline.map((point) => point.at.toISOString())).toEqual(['2030-01-01T05:00:00.000Z', '2030-01-01T06:00:00.000Z']);
});
