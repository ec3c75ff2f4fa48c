import { newId } from '@platform/shared';
import { replayLedger, type LedgerEntryRecord } from '../../subgraphs/users/src/store/ledger';
import { adapters, delta, newUser, T0, useUsersStores } from './users-store/fixtures';

/** Minutes from T0 (this file's clock runs in minutes). */
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

describe.each(adapters)('$name users store: holdings ledger', (adapter) => {
  const { users } = useUsersStores(adapter);
  const player = () => users().create(newUser(`p${newId().slice(-8)}`));
  const all = (userId: string) => users().ledger(userId, { limit: 10_000 });
  const expectReplayMatches = async (userId: string) => {
    expect(replayLedger(await all(userId))).toEqual((await users().findById(userId))?.holdings);
  };

  test('an adjustment writes one ADJUSTMENT entry with its deltas, the balances after, the actor and the note', async () => {
    const user = await player();
    const actorId = newId();
    await users().adjustHoldings(user.id, delta({ cash: 100, items: { sword: 2 } }), { actorId, note: 'welcome', at: at(1) });
    await users().adjustHoldings(user.id, delta({ cash: -30, items: { sword: -2 }, coupons: { vip: 1 } }), { actorId, note: 'fix', at: at(2) });
    const entries = await all(user.id);
    expect(entries.map((e) => e.note)).toEqual(['fix', 'welcome']);
    expect(entries[0]).toMatchObject<Partial<LedgerEntryRecord>>({
      userId: user.id,
      reason: 'ADJUSTMENT',
      at: at(2),
      delta: { cash: -30, coins: 0, items: { sword: -2 }, coupons: { vip: 1 } },
      after: { cash: 70, coins: 0, items: {}, coupons: { vip: 1 } },
      actorId,
      claimId: null,
      shortfall: false,
    });
    await expectReplayMatches(user.id);
  });

  test('a refused adjustment writes no entry', async () => {
    const user = await player();
    expect((await users().adjustHoldings(user.id, delta({ cash: -1 }), { note: 'too much' })).outcome).toBe('insufficient');
    expect(await all(user.id)).toEqual([]);
  });

  test('a grant writes one REWARD_GRANT entry with its claim id, however often it is delivered', async () => {
    const user = await player();
    const claimId = newId();
    await users().applyGrant(claimId, user.id, delta({ coins: 50, items: { gem: 1 } }), at(3));
    await users().applyGrant(claimId, user.id, delta({ coins: 50, items: { gem: 1 } }), at(4));
    const entries = await all(user.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ reason: 'REWARD_GRANT', claimId, at: at(3), delta: { coins: 50, items: { gem: 1 } }, after: { coins: 50, items: { gem: 1 } }, actorId: null });
  });

  test('a revocation takes back what is still held, records the shortfall, and applies once per revocation id', async () => {
    const user = await player();
    const claimId = newId();
    await users().applyGrant(claimId, user.id, delta({ coins: 50, items: { gem: 2 } }), at(1));
    await users().adjustHoldings(user.id, delta({ coins: -20, items: { gem: -2 } }), { note: 'spent' });
    const request = { revocationId: `revocation:${claimId}`, userId: user.id, claimId, granted: delta({ coins: 50, items: { gem: 2 } }), stamp: { actorId: newId(), note: 'paid by mistake', at: at(5) } };
    const first = await users().applyRevocation(request);
    expect(first).toMatchObject({ outcome: 'applied', entry: { reason: 'REVOCATION', claimId, shortfall: true, delta: { coins: -30, items: {} }, after: { coins: 0, items: {} }, note: 'paid by mistake' } });
    expect(await users().applyRevocation(request)).toEqual({ outcome: 'already-applied' });
    expect((await users().findById(user.id))?.holdings).toEqual({ cash: 0, coins: 0, items: {}, coupons: {} });
    expect((await all(user.id)).map((e) => e.reason)).toEqual(['REVOCATION', 'ADJUSTMENT', 'REWARD_GRANT']);
    await expectReplayMatches(user.id);
  });

  test('a revocation of a grant still fully held has no shortfall; for an unknown user it is "user-not-found"', async () => {
    const user = await player();
    await users().applyGrant('c1', user.id, delta({ cash: 10 }), at(1));
    const revoked = await users().applyRevocation({ revocationId: 'revocation:c1', userId: user.id, claimId: 'c1', granted: delta({ cash: 10 }), stamp: {} });
    expect(revoked).toMatchObject({ outcome: 'applied', entry: { shortfall: false, delta: { cash: -10 }, after: { cash: 0 } } });
    expect(await users().applyRevocation({ revocationId: 'revocation:c2', userId: newId(), claimId: 'c2', granted: delta({ cash: 10 }), stamp: {} })).toEqual({ outcome: 'user-not-found' });
  });

  test('newest first, filtered by reason, paged by id', async () => {
    const user = await player();
    for (let i = 1; i <= 5; i++) await users().adjustHoldings(user.id, delta({ cash: i }), { note: `n${i}` });
    await users().applyGrant('g1', user.id, delta({ cash: 100 }), at(9));
    const firstPage = await users().ledger(user.id, { reason: 'ADJUSTMENT', limit: 2 });
    expect(firstPage.map((e) => e.note)).toEqual(['n5', 'n4']);
    const next = await users().ledger(user.id, { reason: 'ADJUSTMENT', beforeId: firstPage[1]!.id, limit: 10 });
    expect(next.map((e) => e.note)).toEqual(['n3', 'n2', 'n1']);
    expect((await users().ledger(user.id, { reason: 'REWARD_GRANT', limit: 10 })).map((e) => e.claimId)).toEqual(['g1']);
    expect(await users().ledger(newId(), { limit: 10 })).toEqual([]);
  });

  test('replaying the ledger gives the holdings after parallel grants, adjustments and revocations', async () => {
    const user = await player();
    const grants = Array.from({ length: 12 }, (_, i) => ({ claimId: `claim-${i}`, reward: delta({ coins: 10 + i, items: { gem: 1 + (i % 3) } }) }));
    await Promise.all(grants.slice(0, 6).map((g) => users().applyGrant(g.claimId, user.id, g.reward, at(1))));
    await Promise.all([
      ...grants.slice(6).map((g) => users().applyGrant(g.claimId, user.id, g.reward, at(2))),
      ...grants.slice(0, 6).map((g) => users().applyGrant(g.claimId, user.id, g.reward, at(2))),
      ...Array.from({ length: 10 }, (_, i) => users().adjustHoldings(user.id, delta({ coins: -15, items: { gem: i % 2 === 0 ? -1 : 1 } }), { note: `adj ${i}` })),
      ...grants.filter((_, i) => i % 2 === 0).flatMap((g) => [1, 2].map(() => users().applyRevocation({ revocationId: `revocation:${g.claimId}`, userId: user.id, claimId: g.claimId, granted: g.reward, stamp: { note: 'mistake' } }))),
    ]);
    const entries = await all(user.id);
    expect(entries.filter((e) => e.reason === 'REWARD_GRANT')).toHaveLength(12);
    expect(entries.filter((e) => e.reason === 'REVOCATION')).toHaveLength(6);
    await expectReplayMatches(user.id);
    const holdings = (await users().findById(user.id))!.holdings;
    expect(holdings.coins).toBeGreaterThanOrEqual(0);
  });
});

describe.each(adapters)('$name users store: a revocation that arrives before its grant', (adapter) => {
  const stores = useUsersStores(adapter);

  test('debits nothing, and the grant delivered afterwards credits nothing: never a credit after the debit', async () => {
    const users = stores.users();
    const user = await users.create(newUser('early_rev'));
    const granted = delta({ coins: 40 });
    const revoked = await users.applyRevocation({ revocationId: 'revocation:c-early', userId: user.id, claimId: 'c-early', granted, stamp: { note: 'mistake' } });
    expect(revoked).toMatchObject({ outcome: 'applied', entry: { delta: { coins: 0 }, shortfall: false } });
    expect((await users.applyGrant('c-early', user.id, granted, at(1))).outcome).toBe('already-applied');
    expect((await users.findById(user.id))?.holdings.coins).toBe(0);
    expect(replayLedger(await users.ledger(user.id, { limit: 100 }))).toEqual((await users.findById(user.id))?.holdings);
  });
});
