import { REWARD_SELECTION } from '../../../gateway/src/union-selections.generated';
import { DAY_MS, Role } from '@platform/shared';
import { EventsHarness } from '../../../test/support/events-harness';
import type { ProfileOverrides } from '../../../test/support/fake-player-directory';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { admin, auditor, callerWith, operator, player } from '../../../test/support/tokens';
import { PlayerDirectoryUnavailable } from '../src/services/player-directory';

const HOUR = 60 * 60 * 1000;

const CLAIM = `mutation($eventId: ID!, $key: String) {
  claimReward(eventId: $eventId, idempotencyKey: $key) {
    __typename
    ... on RewardClaimed { granted: claim { id status delivery rejectionReason idempotencyKey rewards { ${REWARD_SELECTION} } } }
    ... on ClaimRejected { reason message claim { id status rejectionReason rewards { __typename } delivery } unmet { current required met challenge { __typename } } }
  }
}`;

interface ClaimResult {
  claimReward: {
    __typename: 'RewardClaimed' | 'ClaimRejected';
    granted?: { id: string; status: string; delivery: string | null; rejectionReason: string | null; idempotencyKey?: string | null; rewards: { __typename: string }[] };
    reason?: string;
    message?: string;
    claim: { id: string; status: string; delivery: string | null; rejectionReason: string | null; idempotencyKey?: string | null; rewards: { __typename: string }[] } | null;
    unmet?: { current: number; required: number; met: boolean; challenge: { __typename: string } }[];
  };
}

let h: EventsHarness;
const op = operator();

beforeEach(async () => {
  h = await EventsHarness.create();
});
afterEach(() => h.stop());

/** Both union members expose the claim as `claim` (RewardClaimed aliases it, see CLAIM). */
async function claim(eventId: string, token: string, key?: string) {
  const result = dataOf(await h.run<ClaimResult>(CLAIM, { eventId, key: key ?? null }, token)).claimReward;
  return { ...result, claim: result.granted ?? result.claim };
}

async function claimsOf(token: string) {
  return dataOf(await h.run<{ rewardClaims: { totalCount: number; edges: { node: { status: string; rejectionReason: string | null } }[] } }>(
    `{ rewardClaims(first: 100) { totalCount edges { node { status rejectionReason } } } }`, {}, token,
  )).rewardClaims;
}

describe('claimReward outcomes', () => {
  test('an eligible player is granted the event rewards, delivered in the same response', async () => {
    const event = await h.createEvent(op.token, {
      rewards: [{ currency: { currency: 'CASH', amount: 5 } }, { item: { itemId: 'sword', quantity: 2 } }, { coupon: { couponId: 'half-off', quantity: 1 } }],
    });
    const p = player();
    h.players.set(p.id);
    const result = await claim(event.id, p.token);
    expect(result.__typename).toBe('RewardClaimed');
    expect(result.claim).toMatchObject({ status: 'GRANTED', delivery: 'DELIVERED', rejectionReason: null });
    expect(result.claim?.rewards).toEqual([
      { __typename: 'CurrencyReward', currency: 'CASH', amount: 5 },
      { __typename: 'ItemReward', itemId: 'sword', quantity: 2 },
      { __typename: 'CouponReward', couponId: 'half-off', quantity: 1 },
    ]);
    expect(h.players.creditsOf(p.id)).toBe(1);
  });

  test('EVENT_NOT_FOUND for a missing, malformed, private or inactive event; nothing is recorded', async () => {
    const p = player();
    h.players.set(p.id);
    const hidden = await h.createEvent(op.token, { isPublic: false });
    const inactive = await h.createEvent(op.token, { active: false });
    for (const id of ['0123456789abcdef01234567', 'not-an-id', hidden.id, inactive.id]) {
      const result = await claim(id, p.token);
      expect(result).toMatchObject({ __typename: 'ClaimRejected', reason: 'EVENT_NOT_FOUND', claim: null });
    }
    expect((await claimsOf(p.token)).totalCount).toBe(0);
  });

  test('EVENT_INACTIVE (for staff, who can see it), EVENT_NOT_STARTED and EVENT_ENDED are recorded as rejected attempts', async () => {
    // A player cannot see an inactive event (EVENT_NOT_FOUND above); staff who also play can.
    const p = callerWith([Role.USER, Role.OPERATOR]);
    h.players.set(p.id);
    const now = h.clock.now().getTime();
    const inactive = await h.createEvent(op.token, { active: false });
    const future = await h.createEvent(op.token, { startsAt: new Date(now + HOUR).toISOString(), endsAt: new Date(now + 2 * HOUR).toISOString() });
    const past = await h.createEvent(op.token, { startsAt: new Date(now - 2 * HOUR).toISOString(), endsAt: new Date(now - HOUR).toISOString() });
    expect((await claim(inactive.id, p.token)).reason).toBe('EVENT_INACTIVE');
    expect((await claim(future.id, p.token)).reason).toBe('EVENT_NOT_STARTED');
    const ended = await claim(past.id, p.token);
    expect(ended).toMatchObject({ reason: 'EVENT_ENDED', message: 'This event has ended.' });
    expect(ended.claim).toMatchObject({ status: 'REJECTED', rejectionReason: 'EVENT_ENDED', rewards: [], delivery: null });
    const history = await claimsOf(p.token);
    expect(history.totalCount).toBe(3);
    expect(history.edges.map((edge) => edge.node.rejectionReason).sort()).toEqual(['EVENT_ENDED', 'EVENT_INACTIVE', 'EVENT_NOT_STARTED']);
  });

  test('the window is [startsAt, endsAt): claimable at the first instant, not at the end instant', async () => {
    const p = player();
    h.players.set(p.id);
    const startsAt = h.clock.now().getTime() + HOUR;
    const event = await h.createEvent(op.token, { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + HOUR).toISOString() });
    const late = player();
    h.players.set(late.id);
    h.clock.set(new Date(startsAt));
    expect((await claim(event.id, p.token)).__typename).toBe('RewardClaimed');
    h.clock.set(new Date(startsAt + HOUR));
    expect((await claim(event.id, late.token)).reason).toBe('EVENT_ENDED');
  });

  test('ALREADY_CLAIMED carries the earlier grant and is recorded; credited once', async () => {
    const p = player();
    h.players.set(p.id);
    const event = await h.createEvent(op.token);
    const first = await claim(event.id, p.token);
    const second = await claim(event.id, p.token);
    expect(second).toMatchObject({ __typename: 'ClaimRejected', reason: 'ALREADY_CLAIMED' });
    expect(second.claim).toMatchObject({ id: first.claim?.id, status: 'GRANTED' });
    expect((await claimsOf(p.token)).edges.map((edge) => edge.node.status)).toEqual(['REJECTED', 'GRANTED']);
    expect(h.players.creditsOf(p.id)).toBe(1);
  });

  test('USER_BANNED while a ban runs; eligible again once it has passed', async () => {
    const p = player();
    const event = await h.createEvent(op.token);
    h.players.set(p.id, {}, new Date(h.clock.now().getTime() + HOUR));
    expect((await claim(event.id, p.token)).reason).toBe('USER_BANNED');
    h.clock.advance(2 * HOUR);
    expect((await claim(event.id, p.token)).__typename).toBe('RewardClaimed');
  });

  test('SOLD_OUT once claimLimit grants were made; claimsRemaining reaches 0', async () => {
    const event = await h.createEvent(op.token, { claimLimit: 2 });
    const players = [player(), player(), player()];
    for (const p of players) h.players.set(p.id);
    const results = [];
    for (const p of players) results.push(await claim(event.id, p.token));
    expect(results.map((r) => r.__typename)).toEqual(['RewardClaimed', 'RewardClaimed', 'ClaimRejected']);
    expect(results[2]?.reason).toBe('SOLD_OUT');
    const read = dataOf(await h.run<{ event: { claimsRemaining: number } }>(`query($id: ID!) { event(id: $id) { claimsRemaining } }`, { id: event.id }, op.token));
    expect(read.event.claimsRemaining).toBe(0);
  });
});

describe('challenges decide eligibility', () => {
  const cases: { name: string; challenge: Record<string, unknown>; meets: ProfileOverrides; misses: ProfileOverrides; typename: string; required: number; missCurrent: number }[] = [
    { name: 'login streak', challenge: { loginStreak: { days: 7 } }, meets: { loginStats: { currentStreak: 7 } }, misses: { loginStats: { currentStreak: 6 } }, typename: 'LoginStreakChallenge', required: 7, missCurrent: 6 },
    { name: 'total logins', challenge: { totalLogins: { count: 10 } }, meets: { loginStats: { totalLogins: 10 } }, misses: { loginStats: { totalLogins: 9 } }, typename: 'TotalLoginsChallenge', required: 10, missCurrent: 9 },
    { name: 'returning player', challenge: { returningPlayer: { days: 14 } }, meets: { loginStats: { daysAwayBeforeLastLogin: 14 } }, misses: { loginStats: { daysAwayBeforeLastLogin: 13 } }, typename: 'ReturningPlayerChallenge', required: 14, missCurrent: 13 },
    { name: 'currency at least', challenge: { currency: { currency: 'COIN', comparison: 'AT_LEAST', amount: 500 } }, meets: { coins: 500 }, misses: { coins: 499 }, typename: 'CurrencyChallenge', required: 500, missCurrent: 499 },
    { name: 'currency at most', challenge: { currency: { currency: 'CASH', comparison: 'AT_MOST', amount: 10 } }, meets: { cash: 10 }, misses: { cash: 11 }, typename: 'CurrencyChallenge', required: 10, missCurrent: 11 },
    { name: 'item count', challenge: { itemCount: { itemId: 'potion', count: 3 } }, meets: { inventory: [{ itemId: 'potion', quantity: 3 }] }, misses: { inventory: [{ itemId: 'potion', quantity: 2 }] }, typename: 'ItemCountChallenge', required: 3, missCurrent: 2 },
    { name: 'distinct items', challenge: { distinctItems: { count: 2 } }, meets: { inventory: [{ itemId: 'a', quantity: 1 }, { itemId: 'b', quantity: 1 }] }, misses: { inventory: [{ itemId: 'a', quantity: 5 }] }, typename: 'DistinctItemsChallenge', required: 2, missCurrent: 1 },
  ];

  test.each(cases)('$name: met → granted, unmet → CHALLENGE_NOT_MET with progress', async ({ challenge, meets, misses, typename, required, missCurrent }) => {
    const event = await h.createEvent(op.token, { challenges: [challenge] });
    const qualified = player();
    const short = player();
    h.players.set(qualified.id, meets);
    h.players.set(short.id, misses);
    expect((await claim(event.id, qualified.token)).__typename).toBe('RewardClaimed');
    const rejected = await claim(event.id, short.token);
    expect(rejected).toMatchObject({ __typename: 'ClaimRejected', reason: 'CHALLENGE_NOT_MET' });
    expect(rejected.unmet).toEqual([{ current: missCurrent, required, met: false, challenge: { __typename: typename } }]);
    expect(rejected.claim).toMatchObject({ status: 'REJECTED', rejectionReason: 'CHALLENGE_NOT_MET' });
  });

  test('every challenge must be met; unmet lists only the missing ones', async () => {
    const event = await h.createEvent(op.token, { challenges: [{ totalLogins: { count: 3 } }, { distinctItems: { count: 1 } }] });
    const p = player();
    h.players.set(p.id, { loginStats: { totalLogins: 5 } });
    const rejected = await claim(event.id, p.token);
    expect(rejected.unmet).toEqual([{ current: 0, required: 1, met: false, challenge: { __typename: 'DistinctItemsChallenge' } }]);
  });
});

describe('idempotency', () => {
  test('a repeated key returns the first result without a new record', async () => {
    const event = await h.createEvent(op.token);
    const p = player();
    h.players.set(p.id);
    const first = await claim(event.id, p.token, 'tap-1');
    const again = await claim(event.id, p.token, 'tap-1');
    expect(again).toEqual(first);
    expect((await claimsOf(p.token)).totalCount).toBe(1);
  });

  test('a repeated key after a rejection returns the same rejection', async () => {
    const event = await h.createEvent(op.token, { challenges: [{ totalLogins: { count: 3 } }] });
    const p = player();
    h.players.set(p.id);
    const first = await claim(event.id, p.token, 'tap-2');
    h.players.set(p.id, { loginStats: { totalLogins: 3 } });
    const again = await claim(event.id, p.token, 'tap-2');
    expect(again.reason).toBe('CHALLENGE_NOT_MET');
    expect(again.claim?.id).toBe(first.claim?.id);
    expect((await claimsOf(p.token)).totalCount).toBe(1);
  });

  test('keys are per user, may not be reused for another event, and are validated', async () => {
    const event = await h.createEvent(op.token);
    const other = await h.createEvent(op.token);
    const a = player();
    const b = player();
    h.players.set(a.id);
    h.players.set(b.id);
    expect((await claim(event.id, a.token, 'same')).__typename).toBe('RewardClaimed');
    expect((await claim(event.id, b.token, 'same')).__typename).toBe('RewardClaimed');
    expect(errorCode(await h.run(CLAIM, { eventId: other.id, key: 'same' }, a.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.run(CLAIM, { eventId: event.id, key: 'x'.repeat(129) }, a.token))).toBe('BAD_USER_INPUT');
  });
});

describe('who may claim', () => {
  test('only callers holding USER; staff without it are FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
    const event = await h.createEvent(op.token);
    for (const caller of [operator(), auditor(), admin()]) {
      h.players.set(caller.id);
      expect(errorCode(await h.run(CLAIM, { eventId: event.id }, caller.token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await h.run(CLAIM, { eventId: event.id }))).toBe('UNAUTHENTICATED');
    const staffPlayer = callerWith([Role.USER, Role.OPERATOR]);
    h.players.set(staffPlayer.id);
    expect((await claim(event.id, staffPlayer.token)).__typename).toBe('RewardClaimed');
  });

  test('users unreachable while evaluating → SERVICE_UNAVAILABLE, nothing recorded', async () => {
    const event = await h.createEvent(op.token);
    const p = player();
    h.players.set(p.id);
    h.players.down = true;
    expect(errorCode(await h.run(CLAIM, { eventId: event.id }, p.token))).toBe('SERVICE_UNAVAILABLE');
    h.players.down = false;
    expect((await claimsOf(p.token)).totalCount).toBe(0);
  });
});

describe('Event.myClaim', () => {
  test("is the caller's granted claim, null before and for others", async () => {
    const event = await h.createEvent(op.token);
    const p = player();
    const other = player();
    h.players.set(p.id);
    const query = `query($id: ID!) { event(id: $id) { myClaim { id status } } }`;
    expect(dataOf(await h.run<{ event: { myClaim: unknown } }>(query, { id: event.id }, p.token)).event.myClaim).toBeNull();
    const granted = await claim(event.id, p.token);
    expect(dataOf(await h.run<{ event: { myClaim: unknown } }>(query, { id: event.id }, p.token)).event.myClaim).toEqual({ id: granted.claim?.id, status: 'GRANTED' });
    expect(dataOf(await h.run<{ event: { myClaim: unknown } }>(query, { id: event.id }, other.token)).event.myClaim).toBeNull();
  });
});

test('the grant is delivered later when users was down at grant time', async () => {
  const event = await h.createEvent(op.token);
  const p = player();
  h.players.set(p.id);
  // Profiles read fine, then delivery fails: users went away between the two calls.
  const original = h.players.applyRewardGrant.bind(h.players);
  let failDeliveries = true;
  h.players.applyRewardGrant = async (grant) => {
    if (failDeliveries) {
      h.players.grantCalls++;
      throw new PlayerDirectoryUnavailable('down');
    }
    return original(grant);
  };
  const result = await claim(event.id, p.token);
  expect(result.claim).toMatchObject({ status: 'GRANTED', delivery: 'PENDING' });
  expect(await h.app.delivery.runDue()).toBe(0);
  failDeliveries = false;
  h.clock.advance(DAY_MS);
  expect(await h.app.delivery.runDue()).toBe(1);
  expect(await h.app.delivery.runDue()).toBe(0);
  expect(h.players.creditsOf(p.id)).toBe(1);
  const read = dataOf(await h.run<{ event: { myClaim: { delivery: string } } }>(`query($id: ID!) { event(id: $id) { myClaim { delivery } } }`, { id: event.id }, p.token));
  expect(read.event.myClaim.delivery).toBe('DELIVERED');
});
