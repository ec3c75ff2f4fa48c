import {
  auditEntriesRoute,
  newId,
  parseInternalAnswer,
  profilesRoute,
  rewardGrantsRoute,
  rewardRevocationsRoute,
  Role,
  sessionAccountRoute,
  testClockRoute,
  type InternalRoute,
} from '@platform/shared';
import { UsersHarness } from '../../../test/support/users-harness';
import { callInternal } from './helpers';

/** users' internal routes against the shared contract: malformed requests are 400s that say why; real answers parse. */
let h: UsersHarness;
let pat: { id: string; token: string };

beforeEach(async () => {
  h = await UsersHarness.create({ env: { TEST_CLOCK: 'enabled' } });
  pat = await h.signUp('pat_contract');
});
afterEach(() => h.stop());

const call = (route: InternalRoute, body: unknown) => callInternal(h, route.path, body);

const errorOf = (result: { body: unknown }) => (result.body as { error: string }).error;

describe('a malformed request is a 400 naming the route, the field and what is wrong', () => {
  test.each<[string, InternalRoute, () => unknown, RegExp]>([
    ['profiles: ids not a list', profilesRoute, () => ({ userIds: 'abc' }), /userIds: .*array/i],
    ['profiles: a non-string id', profilesRoute, () => ({ userIds: [7] }), /userIds\.0: .*string/i],
    ['session-account: a malformed user id', sessionAccountRoute, () => ({ userId: 'pat', sessionId: 's' }), /userId: expected a user id/],
    ['session-account: no session', sessionAccountRoute, () => ({ userId: pat.id }), /sessionId: /],
    ['reward-grants: an unknown reward kind', rewardGrantsRoute, () => ({ grantId: 'g', userId: pat.id, rewards: [{ kind: 'HUG' }] }), /rewards\.0\.kind: /],
    ['reward-grants: a bad item id', rewardGrantsRoute, () => ({ grantId: 'g', userId: pat.id, rewards: [{ kind: 'ITEM', itemId: 'a.b', quantity: 1 }] }), /rewards\.0\.itemId: a holding id is/],
    ['reward-revocations: a claim id too long', rewardRevocationsRoute, () => ({ claimId: 'c'.repeat(129), userId: pat.id, rewards: [] }), /claimId: /],
    ['audit-entries: a date that is none', auditEntriesRoute, () => ({ actorId: pat.id, action: 'a', targetType: 't', targetId: 'i', summary: 's', at: 'yesterday' }), /at: /],
    ['test-clock: a body that is no object', testClockRoute, () => [1], /\(body\): /],
  ])('%s', async (_case, route, body, detail) => {
    const result = await call(route, body());
    expect(result.status).toBe(400);
    expect(errorOf(result)).toContain(`malformed request to ${route.path}`);
    expect(errorOf(result)).toMatch(detail);
  });

  test('no body at all names the body', async () => {
    expect(errorOf(await call(rewardGrantsRoute, undefined))).toMatch(/\(body\): .*object/i);
  });

  test('many problems are listed up to five, then counted', async () => {
    const rewards = Array.from({ length: 8 }, () => ({ kind: 'CURRENCY', currency: 'GOLD', amount: 1 }));
    expect(errorOf(await call(rewardGrantsRoute, { grantId: 'g', userId: pat.id, rewards }))).toMatch(/; and 3 more$/);
  });
});

describe("users' real answers match the contract events reads them with", () => {
  test('every route', async () => {
    const boss = await h.userWithRoles('boss_contract', [Role.ADMIN]);
    const rewards = [{ kind: 'CURRENCY', currency: 'COIN', amount: 3 }, { kind: 'ITEM', itemId: 'sword', quantity: 1 }];
    const grantId = newId();
    const cases: [InternalRoute, unknown][] = [
      [rewardGrantsRoute, { grantId, userId: pat.id, rewards }],
      [profilesRoute, { userIds: [pat.id, boss.id] }],
      [sessionAccountRoute, { userId: pat.id, sessionId: 'no-such-session' }],
      [rewardRevocationsRoute, { claimId: grantId, userId: pat.id, rewards, actorId: boss.id, note: 'test' }],
      [auditEntriesRoute, { actorId: boss.id, action: 'createEvent', targetType: 'Event', targetId: 'e1', summary: 's', at: h.clock.now().toISOString() }],
      [testClockRoute, {}],
    ];
    for (const [route, body] of cases) {
      const result = await call(route, body);
      expect([route.path, result.status]).toEqual([route.path, route === auditEntriesRoute ? 201 : 200]);
      // Over the wire, as events receives it.
      expect([route.path, parseInternalAnswer(route, JSON.parse(JSON.stringify(result.body)))]).toEqual([route.path, expect.objectContaining({ ok: true })]);
    }
  });
});
