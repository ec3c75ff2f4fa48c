import { newId, Role, runInRequestScope } from '@platform/shared';
import { UsersHarness } from '../../../test/support/users-harness';
import { INTERNAL_AUDIT_ENTRIES_PATH, INTERNAL_REWARD_GRANTS_PATH, INTERNAL_REWARD_REVOCATIONS_PATH } from '../src/internal-routes';
import { callInternal } from './helpers';

let h: UsersHarness;
let pat: { id: string; token: string };
let boss: { id: string; token: string };

beforeEach(async () => {
  h = await UsersHarness.create();
  pat = await h.signUp('pat_rev');
  boss = await h.userWithRoles('boss_rev', [Role.ADMIN]);
});
afterEach(() => h.stop());

const call = (path: string, body: unknown, headers?: Record<string, string>) => callInternal(h, path, body, headers);
const COINS = [{ kind: 'CURRENCY', currency: 'COIN', amount: 30 }];

describe(INTERNAL_REWARD_REVOCATIONS_PATH, () => {
  test('debits what the grant credited, once; the ledger says who and why', async () => {
    await call(INTERNAL_REWARD_GRANTS_PATH, { grantId: 'claim-r1', userId: pat.id, rewards: COINS });
    const body = { claimId: 'claim-r1', userId: pat.id, rewards: COINS, actorId: boss.id, note: 'paid twice' };
    expect(await call(INTERNAL_REWARD_REVOCATIONS_PATH, body)).toEqual({ status: 200, body: { outcome: 'applied', shortfall: false } });
    expect(await call(INTERNAL_REWARD_REVOCATIONS_PATH, body)).toEqual({ status: 200, body: { outcome: 'already-applied', shortfall: null } });
    expect((await h.app.stores.users.findById(pat.id))?.holdings.coins).toBe(0);
    const [entry] = await h.app.stores.users.ledger(pat.id, { reason: 'REVOCATION', limit: 5 });
    expect(entry).toMatchObject({ claimId: 'claim-r1', actorId: boss.id, note: 'paid twice', delta: { coins: -30 } });
  });

  test('refuses without the service credential, malformed bodies (400) and unknown users (404)', async () => {
    expect((await call(INTERNAL_REWARD_REVOCATIONS_PATH, { claimId: 'c', userId: pat.id, rewards: COINS }, {})).status).toBe(401);
    expect((await call(INTERNAL_REWARD_REVOCATIONS_PATH, { claimId: 'c', userId: pat.id, rewards: [{ kind: 'CURRENCY', currency: 'GOLD', amount: 1 }] })).status).toBe(400);
    expect((await call(INTERNAL_REWARD_REVOCATIONS_PATH, { claimId: 'c', userId: newId(), rewards: COINS })).status).toBe(404);
  });
});

describe(INTERNAL_AUDIT_ENTRIES_PATH, () => {
  test('appends events\' staff action to the one chain, with the forwarded request id', async () => {
    const at = h.clock.now();
    const result = await runInRequestScope({ requestId: 'req-events-7' }, () =>
      call(INTERNAL_AUDIT_ENTRIES_PATH, { actorId: boss.id, action: 'createEvent', targetType: 'Event', targetId: 'e1', summary: 'created "Spring"', at: at.toISOString() }),
    );
    expect(result.status).toBe(201);
    const [entry] = await h.app.stores.audit.list({}, undefined, 5);
    expect(entry).toMatchObject({ seq: 1, actorId: boss.id, action: 'createEvent', targetType: 'Event', targetId: 'e1', summary: 'created "Spring"', at, requestId: 'req-events-7', prevHash: '' });
  });

  test('refuses without the service credential and malformed entries; nothing is appended', async () => {
    const good = { actorId: boss.id, action: 'createEvent', targetType: 'Event', targetId: 'e1', summary: 's', at: h.clock.now().toISOString() };
    expect((await call(INTERNAL_AUDIT_ENTRIES_PATH, good, {})).status).toBe(401);
    for (const bad of [{ ...good, actorId: 'x' }, { ...good, summary: '' }, { ...good, at: 'yesterday' }, { ...good, action: 'a'.repeat(65) }, null]) {
      expect((await call(INTERNAL_AUDIT_ENTRIES_PATH, bad)).status).toBe(400);
    }
    expect(await h.app.stores.audit.count({})).toBe(0);
  });
});
