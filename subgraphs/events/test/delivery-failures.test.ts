import type { EventsHarness } from '../../../test/support/events-harness';
import { eventsHarnessPerTest } from '../../../test/support/events-harness-per-test';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { auditor, operator, player, type TestCaller } from '../../../test/support/tokens';
import { PlayerDirectoryUnavailable } from '../src/services/player-directory';

const CLAIM = `mutation($id: ID!) { claimReward(eventId: $id) { ... on RewardClaimed { claim { id delivery deliveryError } } } }`;
const CLAIM_BY_ID = `query($id: ID!) { rewardClaims(filter: { eventId: $id }) { edges { node { id delivery deliveryError } } } }`;
const RETRY = `mutation($claimId: ID!) { retryDelivery(claimId: $claimId) { id status delivery deliveryError } }`;

type ClaimView = { id: string; delivery: string; deliveryError: string | null };

let h: EventsHarness;
const { op, root } = eventsHarnessPerTest((harness) => (h = harness));

/** A granted claim; `beforeClaiming` sets how users will answer the delivery. */
async function grantedClaim(beforeClaiming: () => void = () => undefined, p: TestCaller = player()): Promise<{ eventId: string; claim: ClaimView; player: TestCaller }> {
  const { id: eventId } = await h.createEvent(op.token);
  h.players.set(p.id);
  beforeClaiming();
  const claim = dataOf(await h.run<{ claimReward: { claim: ClaimView } }>(CLAIM, { id: eventId }, p.token)).claimReward.claim;
  return { eventId, claim, player: p };
}

async function claimAs(token: string, eventId: string): Promise<ClaimView> {
  const edges = dataOf(await h.run<{ rewardClaims: { edges: { node: ClaimView }[] } }>(CLAIM_BY_ID, { id: eventId }, token)).rewardClaims.edges;
  return edges[0]!.node;
}

describe('deliveries users refuses for good', () => {
  test('a 4xx refusal makes the delivery FAILED with the reason, shown to staff only, and never retried by the dispatcher', async () => {
    const { eventId, claim, player: p } = await grantedClaim(() => {
      h.players.refusing = 'users service answered 409: a balance would exceed its maximum';
    });
    expect(claim).toEqual({ id: claim.id, delivery: 'FAILED', deliveryError: null });
    expect(await claimAs(root.token, eventId)).toMatchObject({ delivery: 'FAILED', deliveryError: 'users service answered 409: a balance would exceed its maximum' });
    expect(await claimAs(auditor().token, eventId)).toMatchObject({ deliveryError: expect.stringContaining('409') });
    expect(await claimAs(p.token, eventId)).toEqual({ id: claim.id, delivery: 'FAILED', deliveryError: null });

    const calls = h.players.grantCalls;
    h.clock.advance(24 * 60 * 60 * 1000);
    expect(await h.app.delivery.runDue()).toBe(0);
    expect(h.players.grantCalls).toBe(calls);
  });

  test('a transient failure stays PENDING with its reason for staff, retried with backoff until delivered', async () => {
    const usersDown = jest.spyOn(h.players, 'applyRewardGrant').mockRejectedValue(new PlayerDirectoryUnavailable('users is down (fake)'));
    const { eventId, claim } = await grantedClaim();
    expect(claim.delivery).toBe('PENDING');
    expect(await claimAs(root.token, eventId)).toMatchObject({ delivery: 'PENDING', deliveryError: 'users is down (fake)' });
    usersDown.mockRestore();
    h.clock.advance(h.app.delivery.options.baseBackoffMs);
    expect(await h.app.delivery.runDue()).toBe(1);
    expect(await claimAs(root.token, eventId)).toMatchObject({ delivery: 'DELIVERED', deliveryError: null });
  });

  test('retryDelivery: once the cause is fixed, FAILED → delivered again, credited once however often it is retried', async () => {
    const { claim, player: p } = await grantedClaim(() => {
      h.players.refusing = 'no such user';
    });
    h.players.refusing = null;
    const retried = dataOf(await h.run<{ retryDelivery: ClaimView & { status: string } }>(RETRY, { claimId: claim.id }, root.token)).retryDelivery;
    expect(retried).toMatchObject({ id: claim.id, status: 'GRANTED', delivery: 'DELIVERED', deliveryError: null });
    expect(h.players.creditsOf(p.id)).toBe(1);
    // Not FAILED any more: a second retry is refused, and nothing is credited again.
    expect(errorCode(await h.run(RETRY, { claimId: claim.id }, root.token))).toBe('CONFLICT');
    h.clock.advance(24 * 60 * 60 * 1000);
    await h.app.delivery.runDue();
    expect(h.players.creditsOf(p.id)).toBe(1);
  });

  test('retryDelivery when users still refuses: FAILED again with the new reason', async () => {
    const { claim } = await grantedClaim(() => {
      h.players.refusing = 'first reason';
    });
    h.players.refusing = 'second reason';
    expect(dataOf(await h.run<{ retryDelivery: ClaimView }>(RETRY, { claimId: claim.id }, root.token)).retryDelivery).toMatchObject({ delivery: 'FAILED', deliveryError: 'second reason' });
  });

  test('retryDelivery refuses a pending delivery (CONFLICT) and an unknown or rejected claim (NOT_FOUND)', async () => {
    const usersDown = jest.spyOn(h.players, 'applyRewardGrant').mockRejectedValue(new PlayerDirectoryUnavailable('users is down (fake)'));
    const { claim } = await grantedClaim();
    usersDown.mockRestore();
    expect(errorCode(await h.run(RETRY, { claimId: claim.id }, root.token))).toBe('CONFLICT');
    expect(errorCode(await h.run(RETRY, { claimId: 'abcdefabcdefabcdefabcdef' }, root.token))).toBe('NOT_FOUND');
    expect(errorCode(await h.run(RETRY, { claimId: 'not-an-id' }, root.token))).toBe('NOT_FOUND');
  });

  test.each([
    ['a player', () => player(), 'FORBIDDEN'],
    ['an operator', () => operator(), 'FORBIDDEN'],
    ['an auditor', () => auditor(), 'FORBIDDEN'],
  ])('retryDelivery is for ADMIN only: %s is refused and nothing is retried', async (_who, caller, code) => {
    const { claim, player: p } = await grantedClaim(() => {
      h.players.refusing = 'refused';
    });
    h.players.refusing = null;
    expect(errorCode(await h.run(RETRY, { claimId: claim.id }, caller().token))).toBe(code);
    expect(errorCode(await h.run(RETRY, { claimId: claim.id }))).toBe('UNAUTHENTICATED');
    expect(h.players.creditsOf(p.id)).toBe(0);
  });
});
