import { EventsHarness } from '../../../test/support/events-harness';
import { allEventIds, CREATE_EVENT, EVENT, eventInput, fromNow, HOUR, type EventView } from '../../../test/support/event-operations';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { operator } from '../../../test/support/tokens';

let h: EventsHarness;
const op = operator();

beforeEach(async () => {
  h = await EventsHarness.create();
});
afterEach(() => h.stop());

const create = (input: Record<string, unknown>) => h.run<{ createEvent: EventView }>(CREATE_EVENT, { input }, op.token);

const coin = (amount = 100) => ({ currency: { currency: 'COIN', amount } });
const streak = (days = 1) => ({ loginStreak: { days } });
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('createEvent refuses bad input with BAD_USER_INPUT naming the field, and creates nothing', () => {
  interface Case {
    name: string;
    input: (h: EventsHarness) => Record<string, unknown>;
    field: string;
  }
  const cases: Case[] = [
    // the @oneOf pattern
    { name: 'a ChallengeInput with no field set', input: () => ({ challenges: [streak(), {}] }), field: 'input.challenges[1]' },
    {
      name: 'a ChallengeInput with two fields set',
      input: () => ({ challenges: [{ loginStreak: { days: 1 }, totalLogins: { count: 1 } }] }),
      field: 'input.challenges[0]',
    },
    { name: 'a ChallengeInput with only null fields', input: () => ({ challenges: [{ loginStreak: null, currency: null }] }), field: 'input.challenges[0]' },
    { name: 'a RewardInput with no field set', input: () => ({ rewards: [{}] }), field: 'input.rewards[0]' },
    {
      name: 'a RewardInput with two fields set',
      input: () => ({ rewards: [coin(), { currency: { currency: 'CASH', amount: 1 }, item: { itemId: 'sword', quantity: 1 } }] }),
      field: 'input.rewards[1]',
    },
    // title and description
    { name: 'an empty title', input: () => ({ title: '' }), field: 'input.title' },
    { name: 'a whitespace-only title', input: () => ({ title: ' \t\n ' }), field: 'input.title' },
    { name: 'a 201-character title', input: () => ({ title: 'x'.repeat(201) }), field: 'input.title' },
    { name: 'a 5001-character description', input: () => ({ description: 'd'.repeat(5001) }), field: 'input.description' },
    // schedule
    { name: 'endsAt equal to startsAt', input: (h) => ({ startsAt: fromNow(h, HOUR), endsAt: fromNow(h, HOUR) }), field: 'input.endsAt' },
    { name: 'endsAt before startsAt', input: (h) => ({ startsAt: fromNow(h, HOUR), endsAt: fromNow(h, HOUR - 1) }), field: 'input.endsAt' },
    // rewards
    { name: 'no rewards', input: () => ({ rewards: [] }), field: 'input.rewards' },
    { name: '21 rewards', input: () => ({ rewards: times(21, () => coin()) }), field: 'input.rewards' },
    { name: 'a currency reward of 0', input: () => ({ rewards: [coin(0)] }), field: 'input.rewards[0].currency.amount' },
    { name: 'a negative currency reward', input: () => ({ rewards: [coin(), coin(-5)] }), field: 'input.rewards[1].currency.amount' },
    { name: 'an item reward of quantity 0', input: () => ({ rewards: [{ item: { itemId: 'sword', quantity: 0 } }] }), field: 'input.rewards[0].item.quantity' },
    { name: 'a coupon reward of quantity 0', input: () => ({ rewards: [{ coupon: { couponId: 'half-off', quantity: 0 } }] }), field: 'input.rewards[0].coupon.quantity' },
    { name: 'an item reward with a space in itemId', input: () => ({ rewards: [{ item: { itemId: 'big sword', quantity: 1 } }] }), field: 'input.rewards[0].item.itemId' },
    { name: 'a coupon reward with a slash in couponId', input: () => ({ rewards: [{ coupon: { couponId: 'a/b', quantity: 1 } }] }), field: 'input.rewards[0].coupon.couponId' },
    // challenges
    { name: '11 challenges', input: () => ({ challenges: times(11, (i) => streak(i + 1)) }), field: 'input.challenges' },
    { name: 'loginStreak days 0', input: () => ({ challenges: [streak(0)] }), field: 'input.challenges[0].loginStreak.days' },
    { name: 'totalLogins count 0', input: () => ({ challenges: [{ totalLogins: { count: 0 } }] }), field: 'input.challenges[0].totalLogins.count' },
    { name: 'returningPlayer days 0', input: () => ({ challenges: [{ returningPlayer: { days: 0 } }] }), field: 'input.challenges[0].returningPlayer.days' },
    {
      name: 'currency challenge amount 0',
      input: () => ({ challenges: [{ currency: { currency: 'CASH', comparison: 'AT_MOST', amount: 0 } }] }),
      field: 'input.challenges[0].currency.amount',
    },
    { name: 'itemCount count 0', input: () => ({ challenges: [{ itemCount: { itemId: 'potion', count: 0 } }] }), field: 'input.challenges[0].itemCount.count' },
    { name: 'distinctItems count 0', input: () => ({ challenges: [streak(), { distinctItems: { count: 0 } }] }), field: 'input.challenges[1].distinctItems.count' },
    { name: 'itemCount with bad itemId characters', input: () => ({ challenges: [{ itemCount: { itemId: 'potion!', count: 1 } }] }), field: 'input.challenges[0].itemCount.itemId' },
    { name: 'itemCount with an empty itemId', input: () => ({ challenges: [{ itemCount: { itemId: '', count: 1 } }] }), field: 'input.challenges[0].itemCount.itemId' },
    { name: 'itemCount with a 65-character itemId', input: () => ({ challenges: [{ itemCount: { itemId: 'i'.repeat(65), count: 1 } }] }), field: 'input.challenges[0].itemCount.itemId' },
    // claim limit
    { name: 'claimLimit 0', input: () => ({ claimLimit: 0 }), field: 'input.claimLimit' },
    { name: 'a negative claimLimit', input: () => ({ claimLimit: -3 }), field: 'input.claimLimit' },
  ];

  test.each(cases)('$name → $field', async ({ input, field }) => {
    const existing = await h.createEvent(op.token);
    const result = await create(eventInput(h, input(h)));
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.['field']).toBe(field);
    expect(result.data?.createEvent ?? null).toBeNull();
    expect(await allEventIds(h, op.token)).toEqual([existing.id]);
  });
});

describe('createEvent accepts the limits themselves', () => {
  test('a 200-character title, a 5000-character description, 20 rewards, 10 challenges, claimLimit 1', async () => {
    const input = eventInput(h, {
      title: 't'.repeat(200),
      description: 'd'.repeat(5000),
      rewards: times(20, (i) => coin(i + 1)),
      challenges: times(10, (i) => streak(i + 1)),
      claimLimit: 1,
    });
    const event = dataOf(await create(input)).createEvent;
    expect(event.title).toHaveLength(200);
    expect(event.description).toHaveLength(5000);
    expect(event.rewards).toHaveLength(20);
    expect(event.challenges).toHaveLength(10);
    expect(event.claimLimit).toBe(1);
    expect(event.claimsRemaining).toBe(1);
  });

  test('endsAt one millisecond after startsAt is a valid schedule', async () => {
    const startsAt = h.clock.now().getTime() + HOUR;
    const event = dataOf(await create(eventInput(h, { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 1).toISOString() }))).createEvent;
    expect(new Date(event.endsAt).getTime() - new Date(event.startsAt).getTime()).toBe(1);
  });

  test('the title is stored without surrounding whitespace', async () => {
    expect(dataOf(await create(eventInput(h, { title: '  Spring festival \n' }))).createEvent.title).toBe('Spring festival');
  });
});

describe('createEvent defaults and what it returns', () => {
  test('isPublic and active default to true, challenges to [], description and claimLimit to null', async () => {
    const input = eventInput(h);
    const event = dataOf(await create(input)).createEvent;
    expect(event).toMatchObject({
      title: 'Weekend bonus',
      description: null,
      isPublic: true,
      active: true,
      status: 'RUNNING',
      challenges: [],
      rewards: [{ __typename: 'CurrencyReward', currency: 'COIN', amount: 100 }],
      claimLimit: null,
      claimsRemaining: null,
      createdBy: { id: op.id },
      startsAt: input['startsAt'],
      endsAt: input['endsAt'],
    });
    expect(event.createdAt).toBe(h.clock.now().toISOString());
    expect(event.updatedAt).toBe(event.createdAt);
  });

  test('claimsRemaining starts at claimLimit', async () => {
    const event = dataOf(await create(eventInput(h, { claimLimit: 25 }))).createEvent;
    expect(event).toMatchObject({ claimLimit: 25, claimsRemaining: 25 });
  });

  test('explicit false for isPublic and active is kept', async () => {
    const event = dataOf(await create(eventInput(h, { isPublic: false, active: false }))).createEvent;
    expect(event).toMatchObject({ isPublic: false, active: false, status: 'INACTIVE' });
  });

  test('every challenge and reward kind is stored with its fields, in order, and read back the same', async () => {
    const challenges = [
      { loginStreak: { days: 7 } },
      { totalLogins: { count: 30 } },
      { returningPlayer: { days: 14 } },
      { currency: { currency: 'CASH', comparison: 'AT_MOST', amount: 50 } },
      { itemCount: { itemId: 'potion', count: 3 } },
      { distinctItems: { count: 5 } },
    ];
    const rewards = [
      { currency: { currency: 'CASH', amount: 5 } },
      { item: { itemId: 'gem:red', quantity: 2 } },
      { coupon: { couponId: 'half_off-10', quantity: 1 } },
    ];
    const expectedChallenges = [
      { __typename: 'LoginStreakChallenge', days: 7 },
      { __typename: 'TotalLoginsChallenge', count: 30 },
      { __typename: 'ReturningPlayerChallenge', days: 14 },
      { __typename: 'CurrencyChallenge', currency: 'CASH', comparison: 'AT_MOST', amount: 50 },
      { __typename: 'ItemCountChallenge', itemId: 'potion', count: 3 },
      { __typename: 'DistinctItemsChallenge', count: 5 },
    ];
    const expectedRewards = [
      { __typename: 'CurrencyReward', currency: 'CASH', amount: 5 },
      { __typename: 'ItemReward', itemId: 'gem:red', quantity: 2 },
      { __typename: 'CouponReward', couponId: 'half_off-10', quantity: 1 },
    ];
    const created = dataOf(await create(eventInput(h, { challenges, rewards, description: 'Come back!' }))).createEvent;
    expect(created.challenges).toEqual(expectedChallenges);
    expect(created.rewards).toEqual(expectedRewards);
    const read = dataOf(await h.run<{ event: EventView }>(EVENT, { id: created.id }, op.token)).event;
    expect(read).toEqual(created);
  });

  test('a schema-invalid input (missing rewards) is refused before any resolver runs', async () => {
    const { rewards: _rewards, ...input } = eventInput(h);
    const result = await create(input);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(await allEventIds(h, op.token)).toEqual([]);
  });
});

test('reward and challenge item ids may not be prototype names', async () => {
  const h = await EventsHarness.create();
  const op = operator();
  for (const [field, input] of [
    ['input.rewards[0].item.itemId', { rewards: [{ item: { itemId: '__proto__', quantity: 1 } }] }],
    ['input.rewards[0].coupon.couponId', { rewards: [{ coupon: { couponId: 'constructor', quantity: 1 } }] }],
    ['input.challenges[0].itemCount.itemId', { challenges: [{ itemCount: { itemId: 'prototype', count: 1 } }] }],
  ] as const) {
    const result = await h.run(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
      input: { title: 'Proto', startsAt: new Date(h.clock.now().getTime() - 1000).toISOString(), endsAt: new Date(h.clock.now().getTime() + 86_400_000).toISOString(), rewards: [{ coupon: { couponId: 'ok', quantity: 1 } }], ...input },
    }, op.token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.['field']).toBe(field);
  }
  await h.stop();
});

test('rewards of one currency or item may not add up past 1e9 (a grant must fit a balance)', async () => {
  const h = await EventsHarness.create();
  const op = operator();
  const result = await h.run(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
    input: {
      title: 'Too generous',
      startsAt: new Date(h.clock.now().getTime() - 1000).toISOString(),
      endsAt: new Date(h.clock.now().getTime() + 86_400_000).toISOString(),
      rewards: [{ currency: { currency: 'COIN', amount: 600_000_000 } }, { currency: { currency: 'CASH', amount: 600_000_000 } }, { currency: { currency: 'COIN', amount: 600_000_000 } }],
    },
  }, op.token);
  expect(errorCode(result)).toBe('BAD_USER_INPUT');
  expect(result.errors?.[0]?.extensions?.['field']).toBe('input.rewards[2]');
  await h.stop();
});
