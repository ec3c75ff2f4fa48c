import { fromNow, HOUR } from '../../../../test/support/event-operations';
import { errorCode } from '../../../../test/support/graphql-result';
import { player } from '../../../../test/support/tokens';
import { useFreshHarness, h, op, update, updated, read, claimAsNewPlayer, grantTo, expectRefused } from './support';

useFreshHarness();

describe('after a claim was granted', () => {
  test('changing challenges or rewards → CONFLICT; the title and other fields still change', async () => {
    const { id } = await h.createEvent(op.token, { challenges: [{ totalLogins: { count: 1 } }] });
    expect(await claimAsNewPlayer(id, { loginStats: { totalLogins: 1 } })).toEqual({ __typename: 'RewardClaimed' });
    const before = await read(id);

    expectRefused(await update(id, { challenges: [] }), 'CONFLICT');
    expectRefused(await update(id, { rewards: [{ currency: { currency: 'COIN', amount: 1 } }] }), 'CONFLICT');
    expectRefused(await update(id, { title: 'Both', challenges: [{ totalLogins: { count: 2 } }] }), 'CONFLICT');
    expect(await read(id)).toEqual(before);

    const after = await updated(id, { title: 'Still editable', description: 'yes', endsAt: fromNow(h, 48 * HOUR) });
    expect(after).toMatchObject({ title: 'Still editable', description: 'yes', challenges: before.challenges, rewards: before.rewards });
  });

  test('rejected attempts do not freeze challenges and rewards', async () => {
    const { id } = await h.createEvent(op.token, { challenges: [{ totalLogins: { count: 5 } }] });
    expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'ClaimRejected', reason: 'CHALLENGE_NOT_MET' });
    const after = await updated(id, { challenges: [], rewards: [{ item: { itemId: 'shield', quantity: 1 } }] });
    expect(after).toMatchObject({ challenges: [], rewards: [{ __typename: 'ItemReward', itemId: 'shield', quantity: 1 }] });
  });
});

describe('claimLimit updates', () => {
  test('raising it recomputes claimsRemaining as limit − granted', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 3 });
    await grantTo(id, 2);
    expect(await read(id)).toMatchObject({ claimLimit: 3, claimsRemaining: 1 });
    expect(await updated(id, { claimLimit: 10 })).toMatchObject({ claimLimit: 10, claimsRemaining: 8 });
    expect(await read(id)).toMatchObject({ claimLimit: 10, claimsRemaining: 8 });
  });

  test('lowering it to exactly the granted count sells the event out', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 5 });
    await grantTo(id, 2);
    expect(await updated(id, { claimLimit: 2 })).toMatchObject({ claimLimit: 2, claimsRemaining: 0 });
    expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'ClaimRejected', reason: 'SOLD_OUT' });
  });

  test('lowering it below the granted count → CONFLICT, limit unchanged', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 5 });
    await grantTo(id, 2);
    expectRefused(await update(id, { claimLimit: 1 }), 'CONFLICT');
    expect(await read(id)).toMatchObject({ claimLimit: 5, claimsRemaining: 3 });
  });

  test('null makes it unlimited (claimsRemaining null); a limit set later holds the stock, then counts the grants so far', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 1 });
    await grantTo(id, 1);
    expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'ClaimRejected', reason: 'SOLD_OUT' });
    expect(await updated(id, { claimLimit: null })).toMatchObject({ claimLimit: null, claimsRemaining: null });
    await grantTo(id, 2);
    expect(await read(id)).toMatchObject({ claimLimit: null, claimsRemaining: null });
    // Grants decided as unlimited may still be committing: the stock is held at 0 and claims
    // are SERVICE_UNAVAILABLE with a retry hint (not SOLD_OUT) until the reconciler counts.
    expect(await updated(id, { claimLimit: 4 })).toMatchObject({ claimLimit: 4, claimsRemaining: 0 });
    const p = player();
    h.players.set(p.id);
    const held = await h.run(`mutation($id: ID!) { claimReward(eventId: $id) { __typename } }`, { id }, p.token);
    expect(errorCode(held)).toBe('SERVICE_UNAVAILABLE');
    expect(held.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
    expect(await h.app.reconciler.runOnce()).toMatchObject({ settled: 0 });
    h.clock.advance(h.app.reconciler.options.graceMs);
    expect(await h.app.reconciler.runOnce()).toMatchObject({ settled: 1 });
    expect(await read(id)).toMatchObject({ claimLimit: 4, claimsRemaining: 1 });
    await grantTo(id, 1);
    expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'ClaimRejected', reason: 'SOLD_OUT' });
  });

  test('a limit on an unlimited event that had grants cannot go below them', async () => {
    const { id } = await h.createEvent(op.token);
    await grantTo(id, 3);
    expectRefused(await update(id, { claimLimit: 2 }), 'CONFLICT');
    expect(await read(id)).toMatchObject({ claimLimit: null, claimsRemaining: null });
  });

  test('a limit on an event nobody claimed yet is exact at once', async () => {
    const { id } = await h.createEvent(op.token);
    expect(await updated(id, { claimLimit: 2 })).toMatchObject({ claimLimit: 2, claimsRemaining: 2 });
  });

  test('leaving claimLimit out of the input keeps the limit and the remaining stock', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 4 });
    await grantTo(id, 1);
    expect(await updated(id, { title: 'x' })).toMatchObject({ claimLimit: 4, claimsRemaining: 3 });
  });
});
