import { Role } from '@platform/shared';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { UsersHarness } from '../../../test/support/users-harness';
import { errorField } from './helpers';

let h: UsersHarness;
let player: { id: string; token: string };
let op: { id: string; token: string };

beforeEach(async () => {
  h = await UsersHarness.create();
  player = await h.signUp('ledger_lou');
  op = await h.userWithRoles('ledger_op', [Role.OPERATOR]);
});
afterEach(() => h.stop());

const ADJUST = `mutation($id: ID!, $input: HoldingsAdjustmentInput!) { adjustHoldings(userId: $id, input: $input) { cash } }`;
const LEDGER = `query($id: ID!, $reason: LedgerReason, $first: Int, $after: String) {
  user(id: $id) { holdingsLedger(reason: $reason, first: $first, after: $after) {
    edges { cursor node { id at reason cashDelta coinsDelta itemDeltas { itemId quantity } couponDeltas { couponId quantity } cashAfter coinsAfter claimId actor { id username } note shortfall } }
    pageInfo { hasNextPage endCursor }
  } }
}`;
const MY_LEDGER = `{ me { holdingsLedger { edges { node { reason cashDelta cashAfter note actor { id } } } } } }`;

interface LedgerData {
  user: { holdingsLedger: { edges: { cursor: string; node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
}

test('every staff adjustment is on the ledger with its deltas, balances after, actor and note; newest first', async () => {
  dataOf(await h.run(ADJUST, { id: player.id, input: { cash: 100, items: [{ itemId: 'potion', quantity: 3 }], note: 'ticket 7: lost items' } }, op.token));
  dataOf(await h.run(ADJUST, { id: player.id, input: { cash: -40, coupons: [{ couponId: 'vip', quantity: 1 }], note: ' ticket 8 ' } }, op.token));
  const edges = dataOf(await h.run<LedgerData>(LEDGER, { id: player.id }, op.token)).user.holdingsLedger.edges;
  expect(edges.map((e) => e.node)).toEqual([
    expect.objectContaining({ reason: 'ADJUSTMENT', cashDelta: -40, coinsDelta: 0, itemDeltas: [], couponDeltas: [{ couponId: 'vip', quantity: 1 }], cashAfter: 60, coinsAfter: 0, claimId: null, actor: { id: op.id, username: 'ledger_op' }, note: 'ticket 8', shortfall: false }),
    expect.objectContaining({ reason: 'ADJUSTMENT', cashDelta: 100, itemDeltas: [{ itemId: 'potion', quantity: 3 }], cashAfter: 100, note: 'ticket 7: lost items' }),
  ]);
});

test('a staff adjustment without a note → BAD_USER_INPUT on input.note, and nothing changes', async () => {
  for (const note of [undefined, '', '   ']) {
    const result = await h.run(ADJUST, { id: player.id, input: { cash: 5, ...(note === undefined ? {} : { note }) } }, op.token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorField(result)).toBe('input.note');
  }
  const tooLong = await h.run(ADJUST, { id: player.id, input: { cash: 5, note: 'x'.repeat(501) } }, op.token);
  expect(errorField(tooLong)).toBe('input.note');
  expect(dataOf(await h.run<LedgerData>(LEDGER, { id: player.id }, op.token)).user.holdingsLedger.edges).toEqual([]);
  expect((await h.app.stores.users.findById(player.id))?.holdings.cash).toBe(0);
});

test('reward grants are on the ledger with their claim id', async () => {
  await h.app.services.holdings.applyRewardGrant('claim-42', player.id, [{ kind: 'CURRENCY', currency: 'COIN', amount: 25 }, { kind: 'ITEM', itemId: 'gem', quantity: 2 }]);
  const edges = dataOf(await h.run<LedgerData>(LEDGER, { id: player.id, reason: 'REWARD_GRANT' }, op.token)).user.holdingsLedger.edges;
  expect(edges.map((e) => e.node)).toEqual([expect.objectContaining({ reason: 'REWARD_GRANT', claimId: 'claim-42', coinsDelta: 25, coinsAfter: 25, itemDeltas: [{ itemId: 'gem', quantity: 2 }], actor: null, note: null })]);
});

test('cursor paging walks the whole ledger newest first, and the reason filter applies', async () => {
  for (let i = 1; i <= 5; i++) dataOf(await h.run(ADJUST, { id: player.id, input: { cash: i, note: `n${i}` } }, op.token));
  const seen: unknown[] = [];
  let after: string | null = null;
  for (;;) {
    const page: LedgerData['user']['holdingsLedger'] = dataOf(await h.run<LedgerData>(LEDGER, { id: player.id, first: 2, after }, op.token)).user.holdingsLedger;
    seen.push(...page.edges.map((e) => e.node['note']));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(seen).toEqual(['n5', 'n4', 'n3', 'n2', 'n1']);
  expect(dataOf(await h.run<LedgerData>(LEDGER, { id: player.id, reason: 'REVOCATION' }, op.token)).user.holdingsLedger.edges).toEqual([]);
  expect(errorCode(await h.run(LEDGER, { id: player.id, after: 'not-a-cursor' }, op.token))).toBe('BAD_USER_INPUT');
  expect(errorCode(await h.run(LEDGER, { id: player.id, first: 101 }, op.token))).toBe('BAD_USER_INPUT');
});

describe('who may read a ledger', () => {
  beforeEach(async () => {
    dataOf(await h.run(ADJUST, { id: player.id, input: { cash: 9, note: 'gift' } }, op.token));
  });

  test('the player themself reads their own ledger (the actor by id)', async () => {
    const me = dataOf(await h.run<{ me: { holdingsLedger: { edges: { node: unknown }[] } } }>(MY_LEDGER, {}, player.token)).me;
    expect(me.holdingsLedger.edges.map((e) => e.node)).toEqual([{ reason: 'ADJUSTMENT', cashDelta: 9, cashAfter: 9, note: 'gift', actor: { id: op.id } }]);
  });

  test.each([Role.OPERATOR, Role.AUDITOR, Role.ADMIN])('%s reads any player\'s ledger', async (role) => {
    const staff = await h.userWithRoles(`ledger_${role.toLowerCase()}`, [role]);
    expect(dataOf(await h.run<LedgerData>(LEDGER, { id: player.id }, staff.token)).user.holdingsLedger.edges).toHaveLength(1);
  });

  test('another player may not (through _entities either); anonymous callers are UNAUTHENTICATED', async () => {
    const other = await h.signUp('ledger_other');
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { holdingsLedger { edges { node { cashDelta } } } } } }`;
    expect(errorCode(await h.run(entities, { r: [{ __typename: 'User', id: player.id }] }, other.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.run(LEDGER, { id: player.id }, other.token))).toBe('FORBIDDEN');
    expect(errorCode(await h.run(MY_LEDGER, {}))).toBe('UNAUTHENTICATED');
  });
});
