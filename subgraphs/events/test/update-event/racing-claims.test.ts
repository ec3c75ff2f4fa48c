import { dataOf } from '../../../../test/support/graphql-result';
import { player } from '../../../../test/support/tokens';
import { useFreshHarness, h, op, update, updated, read, claimAsNewPlayer, grantTo, expectRefused } from './support';

useFreshHarness();

describe('updates racing claims', () => {
  /** Runs `between` after the service read the event and before its write reaches the store. */
  function interleave(between: () => Promise<void>) {
    const store = h.app.stores.events;
    const write = store.update.bind(store);
    return jest.spyOn(store, 'update').mockImplementationOnce(async (id, version, edit) => {
      await between();
      return write(id, version, edit);
    });
  }

  test('the first grant landing between the read and the write freezes the event: the content change is refused, not applied', async () => {
    const { id } = await h.createEvent(op.token);
    const spy = interleave(async () => {
      expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'RewardClaimed' });
    });
    expectRefused(await update(id, { rewards: [{ currency: { currency: 'CASH', amount: 1_000_000 } }] }), 'CONFLICT');
    expect(spy).toHaveBeenCalledTimes(1);
    expect((await read(id)).rewards).toEqual([{ __typename: 'CurrencyReward', currency: 'COIN', amount: 100 }]);
  });

  test('an edit landing between a first grant\'s evaluation and its freeze wins: the grant is evaluated again, with the new rewards', async () => {
    const { id } = await h.createEvent(op.token);
    const events = h.app.stores.events;
    const freeze = events.freeze.bind(events);
    const spy = jest.spyOn(events, 'freeze').mockImplementationOnce(async (eventId, version) => {
      expect(await updated(id, { rewards: [{ item: { itemId: 'shield', quantity: 1 } }] })).toMatchObject({ rewards: [{ itemId: 'shield' }] });
      return freeze(eventId, version);
    });
    const p = player();
    h.players.set(p.id);
    const claim = dataOf(await h.run<{ claimReward: { claim: { rewards: { __typename: string }[] } } }>(
      `mutation($id: ID!) { claimReward(eventId: $id) { ... on RewardClaimed { claim { rewards { __typename } } } } }`, { id }, p.token,
    )).claimReward.claim;
    expect(claim.rewards).toEqual([{ __typename: 'ItemReward' }]);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(h.players.creditedGrants.size).toBe(1);
    expect([...h.players.creditedGrants.values()][0]?.rewards).toMatchObject([{ itemId: 'shield' }]);
  });

  test('an edit landing between the freeze and the grant transaction makes the grant evaluate again (deactivated: hidden from players, EVENT_NOT_FOUND)', async () => {
    const { id } = await h.createEvent(op.token);
    const claims = h.app.stores.claims;
    const grant = claims.grant.bind(claims);
    jest.spyOn(claims, 'grant').mockImplementationOnce(async (claim, delivery) => {
      await updated(id, { active: false });
      return grant(claim, delivery);
    });
    expect(await claimAsNewPlayer(id)).toEqual({ __typename: 'ClaimRejected', reason: 'EVENT_NOT_FOUND' });
    expect(h.players.creditedGrants.size).toBe(0);
  });

  test('a lower claimLimit racing a grant is re-checked against the units taken', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 3 });
    await grantTo(id, 1);
    interleave(() => grantTo(id, 1));
    // Valid when read (1 granted), not any more when written (2 granted).
    expectRefused(await update(id, { claimLimit: 1 }), 'CONFLICT');
    expect(await read(id)).toMatchObject({ claimLimit: 3, claimsRemaining: 1 });
  });

  test('a title change racing grants is applied at once: grants do not move the version', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 3 });
    const spy = interleave(() => grantTo(id, 1));
    expect(await updated(id, { title: 'Renamed' })).toMatchObject({ title: 'Renamed', claimLimit: 3, claimsRemaining: 2 });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test('a raised claimLimit racing grants keeps the units they took', async () => {
    const { id } = await h.createEvent(op.token, { claimLimit: 3 });
    interleave(() => grantTo(id, 2));
    expect(await updated(id, { claimLimit: 10 })).toMatchObject({ claimLimit: 10, claimsRemaining: 8 });
  });
});
