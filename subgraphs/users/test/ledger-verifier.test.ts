import { ManualClock, newId, Role } from '@platform/shared';
import { AuditTrail } from '../src/services/audit-trail';
import { HoldingsService } from '../src/services/holdings-service';
import { MemoryAuditStore } from '../src/store/memory/memory-audit-store';
import { verifyLedger } from '../src/services/ledger-verifier';
import { MemoryUserStore } from '../src/store/memory/memory-user-store';
import type { UserStore } from '../src/store/ports';

const clock = new ManualClock(new Date('2030-01-01T00:00:00Z'));

async function populated() {
  const store = new MemoryUserStore();
  const holdings = new HoldingsService(store, clock, new AuditTrail(new MemoryAuditStore(), clock));
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) {
    const user = await store.create({ id: newId(), username: `v${i}`, passwordHash: 'x', roles: [Role.USER], createdAt: clock.now(), bannedUntil: null });
    ids.push(user.id);
    await holdings.applyRewardGrant(`c${i}`, user.id, [{ kind: 'CURRENCY', currency: 'CASH', amount: 10 * (i + 1) }, { kind: 'ITEM', itemId: 'gem', quantity: i + 1 }]);
    if (i % 2 === 0) await holdings.adjust(newId(), user.id, { cash: -5, items: [{ itemId: 'gem', quantity: -1 }], note: 'spent' });
    if (i % 3 === 0) await holdings.applyRevocation({ claimId: `c${i}`, userId: user.id, rewards: [{ kind: 'CURRENCY', currency: 'CASH', amount: 10 * (i + 1) }], actorId: newId(), note: 'mistake' });
  }
  return { store, ids };
}

test('every player\'s ledger adds up to their holdings', async () => {
  const { store } = await populated();
  const result = await verifyLedger(store);
  expect(result).toEqual({ usersChecked: 7, entriesReplayed: 7 + 4 + 3, mismatches: [] });
});

test('a player whose holdings changed without a ledger entry is reported with both sides', async () => {
  const { store, ids } = await populated();
  const tampered = ids[4]!;
  // Holdings edited behind the store's back: what a direct database edit looks like to the check.
  const behindTheBack: Pick<UserStore, 'list' | 'ledger' | 'findById'> = {
    list: async (query) => (await store.list(query)).map((u) => (u.id === tampered ? { ...u, holdings: { ...u.holdings, cash: u.holdings.cash + 1000 } } : u)),
    findById: async (id) => {
      const user = await store.findById(id);
      return user && id === tampered ? { ...user, holdings: { ...user.holdings, cash: user.holdings.cash + 1000 } } : user;
    },
    ledger: (userId, query) => store.ledger(userId, query),
  };
  const result = await verifyLedger(behindTheBack);
  expect(result.mismatches).toEqual([expect.objectContaining({ userId: tampered, username: 'v4', holdings: expect.objectContaining({ cash: 1045 }), replayed: expect.objectContaining({ cash: 45 }) })]);
});
