import { newId, Role } from '@platform/shared';
import { dataOf, errorCode, type GraphQLResult } from '../../../test/support/graphql-result';
import { callerWith, operator } from '../../../test/support/tokens';
import { UsersHarness } from '../../../test/support/users-harness';
import { errorField, errorMessage, PROFILE_FIELDS, type ProfileData } from './helpers';

let h: UsersHarness;
let player: { id: string; token: string };
let op: { id: string; token: string };

beforeEach(async () => {
  h = await UsersHarness.create();
  player = await h.signUp('holder');
  op = await h.userWithRoles('holdings_op', [Role.OPERATOR]);
});
afterEach(() => h.stop());

const ADJUST = `mutation($id: ID!, $input: HoldingsAdjustmentInput!) { adjustHoldings(userId: $id, input: $input) { ${PROFILE_FIELDS} } }`;

type Adjustment = {
  cash?: number;
  coins?: number;
  items?: { itemId: string; quantity: number }[];
  coupons?: { couponId: string; quantity: number }[];
};

const adjust = (input: Adjustment, token = op.token, id = player.id): Promise<GraphQLResult<{ adjustHoldings: ProfileData }>> =>
  h.run<{ adjustHoldings: ProfileData }>(ADJUST, { id, input: { note: 'test adjustment', ...input } }, token);

/** What the player sees of their own holdings. */
async function holdings() {
  const me = dataOf(await h.run<{ me: { profile: ProfileData } }>(`{ me { profile { ${PROFILE_FIELDS} } } }`, {}, player.token)).me;
  const { cash, coins, inventory, coupons } = me.profile;
  return { cash, coins, inventory, coupons };
}

const STOCKED: Adjustment = {
  cash: 100,
  coins: 50,
  items: [
    { itemId: 'sword', quantity: 2 },
    { itemId: 'potion', quantity: 5 },
  ],
  coupons: [{ couponId: 'half-off', quantity: 1 }],
};

describe('adjustHoldings', () => {
  test('credits and debits cash, coins, items and coupons; returns the profile, inventory sorted by id', async () => {
    const credited = dataOf(await adjust(STOCKED)).adjustHoldings;
    expect(credited).toMatchObject({
      cash: 100,
      coins: 50,
      inventory: [
        { itemId: 'potion', quantity: 5 },
        { itemId: 'sword', quantity: 2 },
      ],
      coupons: [{ couponId: 'half-off', quantity: 1 }],
    });
    const debited = dataOf(await adjust({ cash: -30, coins: -50, items: [{ itemId: 'potion', quantity: -1 }, { itemId: 'shield', quantity: 1 }] })).adjustHoldings;
    expect(debited).toMatchObject({
      cash: 70,
      coins: 0,
      inventory: [
        { itemId: 'potion', quantity: 4 },
        { itemId: 'shield', quantity: 1 },
        { itemId: 'sword', quantity: 2 },
      ],
      coupons: [{ couponId: 'half-off', quantity: 1 }],
    });
    expect(await holdings()).toEqual({ cash: 70, coins: 0, inventory: debited.inventory, coupons: debited.coupons });
  });

  test('the returned profile carries the login stats too', async () => {
    const profile = dataOf(await adjust({ coins: 1 })).adjustHoldings;
    expect(profile.loginStats).toEqual({ totalLogins: 1, loginDays: 1, currentStreak: 1, lastLoginAt: expect.any(String), daysAwayBeforeLastLogin: 0 });
  });

  test('an item or coupon brought to zero disappears from the profile', async () => {
    await adjust(STOCKED);
    const profile = dataOf(await adjust({ items: [{ itemId: 'sword', quantity: -2 }], coupons: [{ couponId: 'half-off', quantity: -1 }] })).adjustHoldings;
    expect(profile.inventory).toEqual([{ itemId: 'potion', quantity: 5 }]);
    expect(profile.coupons).toEqual([]);
    expect((await holdings()).inventory).toEqual([{ itemId: 'potion', quantity: 5 }]);
    // And it can come back.
    expect(dataOf(await adjust({ items: [{ itemId: 'sword', quantity: 1 }] })).adjustHoldings.inventory).toContainEqual({ itemId: 'sword', quantity: 1 });
  });

  test.each<[string, Adjustment, RegExp]>([
    ['cash', { cash: -101, coins: 10, items: [{ itemId: 'sword', quantity: 1 }] }, /cash/],
    ['coins', { cash: -100, coins: -51 }, /coins/],
    ['an item', { cash: 5, items: [{ itemId: 'potion', quantity: -1 }, { itemId: 'sword', quantity: -3 }] }, /sword/],
    ['an item never held', { coins: 1, items: [{ itemId: 'crown', quantity: -1 }] }, /crown/],
    ['a coupon', { cash: -1, coupons: [{ couponId: 'half-off', quantity: -2 }] }, /half-off/],
  ])('%s going below zero → BAD_USER_INPUT and nothing at all changes', async (_case, input, named) => {
    await adjust(STOCKED);
    const before = await holdings();
    const result = await adjust(input);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorMessage(result)).toMatch(named);
    expect(errorMessage(result)).toMatch(/Nothing was changed/);
    expect(result.data).toBeNull();
    expect(await holdings()).toEqual(before);
    expect(before).toEqual({
      cash: 100,
      coins: 50,
      inventory: [
        { itemId: 'potion', quantity: 5 },
        { itemId: 'sword', quantity: 2 },
      ],
      coupons: [{ couponId: 'half-off', quantity: 1 }],
    });
  });

  test('going exactly to zero is allowed', async () => {
    await adjust(STOCKED);
    const profile = dataOf(await adjust({ cash: -100, coins: -50 })).adjustHoldings;
    expect(profile).toMatchObject({ cash: 0, coins: 0 });
  });

  test.each<[string, Adjustment, string]>([
    ['an item listed twice', { items: [{ itemId: 'sword', quantity: 1 }, { itemId: 'sword', quantity: 1 }] }, 'input.items[1].itemId'],
    ['a coupon listed twice', { coupons: [{ couponId: 'c1', quantity: 1 }, { couponId: 'c2', quantity: 1 }, { couponId: 'c1', quantity: -1 }] }, 'input.coupons[2].couponId'],
    ['an empty adjustment', {}, 'input'],
    ['an adjustment of zeros only', { cash: 0, coins: 0, items: [{ itemId: 'sword', quantity: 0 }], coupons: [] }, 'input'],
    ['an item id with a dot', { items: [{ itemId: 'a.b', quantity: 1 }] }, 'input.items[0].itemId'],
    ['an item id with a dollar sign', { items: [{ itemId: '$where', quantity: 1 }] }, 'input.items[0].itemId'],
    ['an empty coupon id', { coupons: [{ couponId: '', quantity: 1 }] }, 'input.coupons[0].couponId'],
    ['an item id of 65 characters', { items: [{ itemId: 'x'.repeat(65), quantity: 1 }] }, 'input.items[0].itemId'],
  ])('%s → BAD_USER_INPUT naming the field, nothing changes', async (_case, input, field) => {
    await adjust({ cash: 10 });
    const before = await holdings();
    const result = await adjust(input);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorField(result)).toBe(field);
    expect(await holdings()).toEqual(before);
  });

  test.each([
    ['a well-formed id nobody has', newId()],
    ['a malformed id', 'nope'],
  ])('%s → NOT_FOUND', async (_case, id) => {
    expect(errorCode(await adjust({ cash: 1 }, op.token, id))).toBe('NOT_FOUND');
  });

  test('twenty parallel debits of 10 from 100: exactly ten succeed, the balance ends at 0', async () => {
    await adjust({ cash: 100 });
    const results = await Promise.all(Array.from({ length: 20 }, () => adjust({ cash: -10 })));
    expect(results.filter((result) => errorCode(result) === undefined)).toHaveLength(10);
    expect(results.filter((result) => errorCode(result) === 'BAD_USER_INPUT')).toHaveLength(10);
    expect((await holdings()).cash).toBe(0);
    // Every success reported a balance that never went below zero, each one different.
    const balances = results.flatMap((result) => (result.data ? [result.data.adjustHoldings.cash] : [])).sort((a, b) => a - b);
    expect(balances).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  test('parallel mixed debits of one item and cash never overdraw either', async () => {
    await adjust({ cash: 30, items: [{ itemId: 'potion', quantity: 3 }] });
    const results = await Promise.all(Array.from({ length: 8 }, () => adjust({ cash: -10, items: [{ itemId: 'potion', quantity: -1 }] })));
    expect(results.filter((result) => errorCode(result) === undefined)).toHaveLength(3);
    expect(await holdings()).toMatchObject({ cash: 0, inventory: [] });
  });

  test('parallel credits are all counted', async () => {
    await Promise.all(Array.from({ length: 25 }, () => adjust({ coins: 4, items: [{ itemId: 'gem', quantity: 1 }] })));
    expect(await holdings()).toMatchObject({ coins: 100, inventory: [{ itemId: 'gem', quantity: 25 }] });
  });

  test('ADMIN may adjust as well as OPERATOR', async () => {
    expect(dataOf(await adjust({ cash: 7 }, (await h.userWithRoles('holdings_admin', [Role.ADMIN])).token)).adjustHoldings.cash).toBe(7);
  });
});

describe('balances stay readable', () => {
  test('a credit past GraphQL Int (2147483647) is refused and changes nothing', async () => {
    const h = await UsersHarness.create();
    const operatorUser = await h.userWithRoles('ceiling_op', [Role.OPERATOR]);
    const player = await h.signUp('rich_rita');
    const ADJUST = `mutation($id: ID!, $input: HoldingsAdjustmentInput!) { adjustHoldings(userId: $id, input: $input) { cash items: inventory { itemId quantity } } }`;
    expect(dataOf(await h.run(ADJUST, { id: player.id, input: { cash: 2_000_000_000, note: 'seed' } }, operatorUser.token))).toBeTruthy();
    const refused = await h.run(ADJUST, { id: player.id, input: { cash: 2_000_000_000, items: [{ itemId: 'gem', quantity: 1 }], note: 'over' } }, operatorUser.token);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/cash would exceed 2147483647/);
    const me = dataOf(await h.run<{ me: { profile: { cash: number; inventory: unknown[] } } }>(`{ me { profile { cash inventory { itemId } } } }`, {}, player.token));
    expect(me.me.profile).toEqual({ cash: 2_000_000_000, inventory: [] });
    await h.stop();
  });
});

describe('item ids that name object internals', () => {
  test('prototype names are refused; other built-in names are ordinary items', async () => {
    const h = await UsersHarness.create();
    const operatorUser = await h.userWithRoles('proto_op', [Role.OPERATOR]);
    const player = await h.signUp('proto_pete');
    const ADJUST = `mutation($id: ID!, $input: HoldingsAdjustmentInput!) { adjustHoldings(userId: $id, input: $input) { inventory { itemId quantity } coupons { couponId quantity } } }`;
    for (const itemId of ['__proto__', 'constructor', 'prototype']) {
      expect(errorCode(await h.run(ADJUST, { id: player.id, input: { items: [{ itemId, quantity: 1 }], note: 'proto' } }, operatorUser.token))).toBe('BAD_USER_INPUT');
    }
    const credited = dataOf(await h.run<{ adjustHoldings: unknown }>(ADJUST, { id: player.id, input: { items: [{ itemId: 'toString', quantity: 2 }], coupons: [{ couponId: 'valueOf', quantity: 1 }], note: 'proto' } }, operatorUser.token));
    expect(credited.adjustHoldings).toEqual({ inventory: [{ itemId: 'toString', quantity: 2 }], coupons: [{ couponId: 'valueOf', quantity: 1 }] });
    const debited = dataOf(await h.run<{ adjustHoldings: unknown }>(ADJUST, { id: player.id, input: { items: [{ itemId: 'toString', quantity: -2 }], note: 'proto' } }, operatorUser.token));
    expect(debited.adjustHoldings).toEqual({ inventory: [], coupons: [{ couponId: 'valueOf', quantity: 1 }] });
    await h.stop();
  });
});
