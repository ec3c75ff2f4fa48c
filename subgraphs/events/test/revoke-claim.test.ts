import type { EventsHarness } from '../../../test/support/events-harness';
import { eventsHarnessPerTest } from '../../../test/support/events-harness-per-test';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { auditor, operator, player, type TestCaller } from '../../../test/support/tokens';
import { PlayerDirectoryUnavailable } from '../src/services/player-directory';

const usersDown = () => new PlayerDirectoryUnavailable('users is down (fake)');

const CLAIM = `mutation($id: ID!) { claimReward(eventId: $id) { __typename ... on RewardClaimed { claim { id status delivery } } ... on ClaimRejected { reason } } }`;
const REVOKE = `mutation($id: ID!, $note: String!) { revokeClaim(claimId: $id, note: $note) { id status delivery } }`;
const BY_STATUS = `query($status: ClaimStatus) { rewardClaims(filter: { status: $status }) { totalCount edges { node { id status } } } }`;

let h: EventsHarness;
const { op, root } = eventsHarnessPerTest((harness) => (h = harness));

type ClaimData = { claimReward: { __typename: string; claim?: { id: string; status: string; delivery: string }; reason?: string } };

async function granted(p: TestCaller = player()) {
  const { id: eventId } = await h.createEvent(op.token, { claimLimit: 5 });
  h.players.set(p.id);
  const result = dataOf(await h.run<ClaimData>(CLAIM, { id: eventId }, p.token)).claimReward;
  return { eventId, claimId: result.claim!.id, player: p };
}

const revoke = (claimId: string, note = 'paid by mistake', token = root.token) => h.run<{ revokeClaim: { id: string; status: string } }>(REVOKE, { id: claimId, note }, token);

test('ADMIN revokes a delivered grant: REVOKED, users takes it back once, the action is audited', async () => {
  const { claimId, player: p } = await granted();
  expect(h.players.creditsOf(p.id)).toBe(1);
  expect(dataOf(await revoke(claimId)).revokeClaim).toMatchObject({ id: claimId, status: 'REVOKED' });
  expect(h.players.revokedGrants.get(claimId)).toEqual({ userId: p.id, note: 'paid by mistake', creditedBefore: true });
  expect(await h.app.stores.revocations.find(claimId)).toMatchObject({ appliedAt: h.clock.now(), shortfall: false, actorId: root.id });
  expect(h.audit.entries.at(-1)).toMatchObject({ actorId: root.id, action: 'revokeClaim', targetType: 'RewardClaim', targetId: claimId, summary: expect.stringMatching(/^GRANTED → REVOKED for user .* takes back 100 COIN; note: paid by mistake$/) });
});

test('revoking twice changes nothing the second time: no second call to users, no second audit entry', async () => {
  const { claimId } = await granted();
  dataOf(await revoke(claimId));
  const [calls, audited] = [h.players.revocationCalls, h.audit.entries.length];
  expect(dataOf(await revoke(claimId, 'again')).revokeClaim.status).toBe('REVOKED');
  expect(h.players.revocationCalls).toBe(calls);
  expect(h.audit.entries).toHaveLength(audited);
});

test('parallel revocations of one claim: one wins, users is asked to apply it once', async () => {
  const { claimId } = await granted();
  const results = await Promise.all(Array.from({ length: 5 }, () => revoke(claimId)));
  expect(results.map((r) => dataOf(r).revokeClaim.status)).toEqual(Array(5).fill('REVOKED'));
  expect(h.players.revokedGrants.size).toBe(1);
});

test('a revoked claim still counts as claimed: the player cannot claim that event again', async () => {
  const { eventId, claimId, player: p } = await granted();
  dataOf(await revoke(claimId));
  expect(dataOf(await h.run<ClaimData>(CLAIM, { id: eventId }, p.token)).claimReward).toMatchObject({ __typename: 'ClaimRejected', reason: 'ALREADY_CLAIMED' });
  expect(await h.app.stores.claims.countGranted(eventId)).toBe(1);
});

test('REVOKED is a status the claim lists filter by', async () => {
  const { claimId } = await granted();
  await granted();
  dataOf(await revoke(claimId));
  const revoked = dataOf(await h.run<{ rewardClaims: { totalCount: number; edges: { node: { id: string } }[] } }>(BY_STATUS, { status: 'REVOKED' }, root.token)).rewardClaims;
  expect(revoked.totalCount).toBe(1);
  expect(revoked.edges.map((e) => e.node.id)).toEqual([claimId]);
  expect(dataOf(await h.run<{ rewardClaims: { totalCount: number } }>(BY_STATUS, { status: 'GRANTED' }, root.token)).rewardClaims.totalCount).toBe(1);
});

test('users down when revoking: REVOKED at once, applied exactly once by the dispatcher when users is back', async () => {
  const { claimId } = await granted();
  const down = jest.spyOn(h.players, 'applyRewardRevocation').mockRejectedValue(usersDown());
  expect(dataOf(await revoke(claimId)).revokeClaim.status).toBe('REVOKED');
  expect(await h.app.stores.revocations.find(claimId)).toMatchObject({ appliedAt: null, attempts: 1, lastError: 'users is down (fake)' });
  h.clock.advance(h.app.revocations.options.leaseMs);
  expect(await h.app.revocations.runDue()).toBe(0);
  down.mockRestore();
  h.clock.advance(h.app.revocations.options.maxBackoffMs);
  expect(await h.app.revocations.runDue()).toBe(1);
  h.clock.advance(h.app.revocations.options.maxBackoffMs);
  expect(await h.app.revocations.runDue()).toBe(0);
  expect(h.players.revokedGrants.size).toBe(1);
});

describe('revoking a claim whose grant delivery is still pending never credits after the debit', () => {
  async function pendingGrant() {
    const p = player();
    const { id: eventId } = await h.createEvent(op.token);
    h.players.set(p.id);
    const grantDown = jest.spyOn(h.players, 'applyRewardGrant').mockRejectedValue(usersDown());
    const revocationDown = jest.spyOn(h.players, 'applyRewardRevocation').mockRejectedValue(usersDown());
    const claim = dataOf(await h.run<ClaimData>(CLAIM, { id: eventId }, p.token)).claimReward.claim!;
    expect(claim.delivery).toBe('PENDING');
    dataOf(await revoke(claim.id));
    grantDown.mockRestore();
    revocationDown.mockRestore();
    return { claimId: claim.id, player: p };
  }

  test('revocation applied first: the grant delivered later credits nothing', async () => {
    const { claimId, player: p } = await pendingGrant();
    h.clock.advance(h.app.revocations.options.maxBackoffMs + h.app.delivery.options.handOffDelayMs);
    expect(await h.app.revocations.runDue()).toBe(1);
    expect(await h.app.delivery.runDue()).toBe(1);
    expect(h.players.revokedGrants.get(claimId)?.creditedBefore).toBe(false);
    expect(h.players.creditsOf(p.id)).toBe(0);
  });

  test('grant delivered first: the revocation then takes it back', async () => {
    const { claimId, player: p } = await pendingGrant();
    h.clock.advance(h.app.revocations.options.maxBackoffMs + h.app.delivery.options.handOffDelayMs);
    expect(await h.app.delivery.runDue()).toBe(1);
    expect(h.players.creditsOf(p.id)).toBe(1);
    expect(await h.app.revocations.runDue()).toBe(1);
    expect(h.players.revokedGrants.get(claimId)?.creditedBefore).toBe(true);
  });
});

describe('refusals', () => {
  test.each([['OPERATOR', operator()], ['AUDITOR', auditor()], ['USER', player()]])('%s may not revoke', async (_role, caller) => {
    const { claimId } = await granted();
    expect(errorCode(await revoke(claimId, 'x', caller.token))).toBe('FORBIDDEN');
    expect((await h.app.stores.claims.findById(claimId))?.status).toBe('GRANTED');
  });

  test('a note is required; an unknown claim is NOT_FOUND; a rejected attempt is CONFLICT', async () => {
    const { eventId, claimId, player: p } = await granted();
    expect(errorCode(await revoke(claimId, '   '))).toBe('BAD_USER_INPUT');
    expect(errorCode(await revoke(claimId, 'x'.repeat(501)))).toBe('BAD_USER_INPUT');
    expect(errorCode(await revoke('0123456789abcdef01234567'))).toBe('NOT_FOUND');
    expect(errorCode(await revoke('nope'))).toBe('NOT_FOUND');
    await h.run(CLAIM, { id: eventId }, p.token);
    const rejected = (await h.app.stores.claims.list({ status: 'REJECTED', limit: 1 } as Parameters<typeof h.app.stores.claims.list>[0]))[0]!;
    expect(errorCode(await revoke(rejected.id))).toBe('CONFLICT');
    expect(h.players.revocationCalls).toBe(0);
  });

  test('when the audit log cannot be written the claim stays GRANTED and users is not asked', async () => {
    const { claimId } = await granted();
    h.audit.failing = true;
    expect(errorCode(await revoke(claimId))).toBe('SERVICE_UNAVAILABLE');
    expect((await h.app.stores.claims.findById(claimId))?.status).toBe('GRANTED');
    expect(h.players.revocationCalls).toBe(0);
  });
});

test('replaying the idempotency key of a claim revoked since answers RewardClaimed with the claim as it is now (REVOKED)', async () => {
  const { id: eventId } = await h.createEvent(op.token);
  const p = player();
  h.players.set(p.id);
  const KEYED = `mutation($id: ID!, $key: String) { claimReward(eventId: $id, idempotencyKey: $key) { __typename ... on RewardClaimed { claim { id status } } } }`;
  const first = dataOf(await h.run<{ claimReward: { claim: { id: string } } }>(KEYED, { id: eventId, key: 'k-1' }, p.token)).claimReward.claim;
  dataOf(await revoke(first.id));
  expect(dataOf(await h.run(KEYED, { id: eventId, key: 'k-1' }, p.token))).toEqual({ claimReward: { __typename: 'RewardClaimed', claim: { id: first.id, status: 'REVOKED' } } });
  expect(h.players.creditsOf(p.id)).toBe(1);
});
