import { CHALLENGE_SELECTION, REWARD_SELECTION } from '../../gateway/src/union-selections.generated';
import { dataOf, errorCode } from '../support/graphql-result';
import { startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/platform';

const DAY = 86_400_000;
let platform: TestPlatform;
let operatorToken: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const admin = await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password);
  const op = await platform.signUp('ops_olga');
  await platform.request(`mutation($id: ID!) { setRoles(userId: $id, roles: [OPERATOR]) { id } }`, { id: op.id }, admin.token);
  operatorToken = (await platform.logIn('ops_olga')).token;
});
afterAll(() => platform.stop());

const EVENT_FIELDS = `
  fragment ChallengeFields on Challenge {
${CHALLENGE_SELECTION}
  }
  fragment RewardFields on Reward {
${REWARD_SELECTION}
  }
  fragment EventFields on Event {
    id title description status isPublic active claimLimit claimsRemaining
    challenges { ...ChallengeFields }
    rewards { ...RewardFields }
    createdBy { username }
    myProgress { current required met challenge { __typename } }
  }`;

test('an operator creates an event with every challenge and reward type; a player reads it back', async () => {
  const input = {
    title: 'Grand return',
    description: 'Welcome back!',
    startsAt: new Date(Date.now() - DAY).toISOString(),
    endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
    claimLimit: 100,
    challenges: [
      { loginStreak: { days: 1 } },
      { totalLogins: { count: 1 } },
      { returningPlayer: { days: 14 } },
      { currency: { currency: 'COIN', comparison: 'AT_MOST', amount: 1000 } },
      { itemCount: { itemId: 'potion', count: 3 } },
      { distinctItems: { count: 2 } },
    ],
    rewards: [{ currency: { currency: 'CASH', amount: 500 } }, { item: { itemId: 'sword', quantity: 1 } }, { coupon: { couponId: 'half-off', quantity: 2 } }],
  };
  const created = dataOf(await platform.request<{ createEvent: { id: string; createdBy: { username: string } } }>(
    `${EVENT_FIELDS} mutation($input: CreateEventInput!) { createEvent(input: $input) { ...EventFields } }`, { input }, operatorToken,
  )).createEvent;
  expect(created.createdBy.username).toBe('ops_olga');

  const playerSession = await platform.signUp('player_pia');
  const loggedIn = await platform.logIn('player_pia');
  const read = dataOf(await platform.request<{ event: Record<string, unknown> & { myProgress: { met: boolean; current: number; required: number; challenge: { __typename: string } }[] } }>(
    `${EVENT_FIELDS} query($id: ID!) { event(id: $id) { ...EventFields } }`, { id: created.id }, loggedIn.token,
  )).event;
  expect(playerSession.id).toBeTruthy();
  expect(read).toMatchObject({
    title: 'Grand return',
    status: 'RUNNING',
    claimLimit: 100,
    claimsRemaining: 100,
    createdBy: null,
    challenges: [
      { __typename: 'LoginStreakChallenge', days: 1 },
      { __typename: 'TotalLoginsChallenge', count: 1 },
      { __typename: 'ReturningPlayerChallenge', days: 14 },
      { __typename: 'CurrencyChallenge', currency: 'COIN', comparison: 'AT_MOST', amount: 1000 },
      { __typename: 'ItemCountChallenge', itemId: 'potion', count: 3 },
      { __typename: 'DistinctItemsChallenge', count: 2 },
    ],
    rewards: [
      { __typename: 'CurrencyReward', currency: 'CASH', amount: 500 },
      { __typename: 'ItemReward', itemId: 'sword', quantity: 1 },
      { __typename: 'CouponReward', couponId: 'half-off', quantity: 2 },
    ],
  });
  // The player's real standing, read from users over the internal route.
  expect(read.myProgress.map((p) => [p.challenge.__typename, p.current, p.met])).toEqual([
    ['LoginStreakChallenge', 1, true],
    ['TotalLoginsChallenge', 2, true], // signUp and logIn: two play sessions
    ['ReturningPlayerChallenge', 0, false],
    ['CurrencyChallenge', 0, true],
    ['ItemCountChallenge', 0, false],
    ['DistinctItemsChallenge', 0, false],
  ]);
});

test('players list public running events; operators see the private ones too', async () => {
  const window = { startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + DAY).toISOString() };
  const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
  const reward = [{ coupon: { couponId: 'x', quantity: 1 } }];
  const shown = dataOf(await platform.request<{ createEvent: { id: string } }>(CREATE, { input: { title: 'Shown', ...window, rewards: reward } }, operatorToken)).createEvent.id;
  const hidden = dataOf(await platform.request<{ createEvent: { id: string } }>(CREATE, { input: { title: 'Hidden', ...window, isPublic: false, rewards: reward } }, operatorToken)).createEvent.id;
  const pia = await platform.logIn('player_pia');
  const LIST = `{ events(first: 100) { edges { node { id } } } }`;
  const seenByPlayer = dataOf(await platform.request<{ events: { edges: { node: { id: string } }[] } }>(LIST, {}, pia.token)).events.edges.map((e) => e.node.id);
  const seenByOperator = dataOf(await platform.request<{ events: { edges: { node: { id: string } }[] } }>(LIST, {}, operatorToken)).events.edges.map((e) => e.node.id);
  expect(seenByPlayer).toContain(shown);
  expect(seenByPlayer).not.toContain(hidden);
  expect(seenByOperator).toEqual(expect.arrayContaining([shown, hidden]));
  expect(dataOf(await platform.request<{ event: unknown }>(`query($id: ID!) { event(id: $id) { id } }`, { id: hidden }, pia.token)).event).toBeNull();
});

test('bad input is a typed error naming the field, and creates nothing', async () => {
  const before = dataOf(await platform.request<{ events: { edges: unknown[] } }>(`{ events(first: 100) { edges { cursor } } }`, {}, operatorToken)).events.edges.length;
  const result = await platform.request(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    { input: { title: 'Bad', startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + DAY).toISOString(), rewards: [{ currency: { currency: 'CASH', amount: 1 }, item: { itemId: 'a', quantity: 1 } }] } },
    operatorToken,
  );
  expect(errorCode(result)).toBe('BAD_USER_INPUT');
  expect(result.errors?.[0]?.extensions?.['field']).toBe('input.rewards[0]');
  const after = dataOf(await platform.request<{ events: { edges: unknown[] } }>(`{ events(first: 100) { edges { cursor } } }`, {}, operatorToken)).events.edges.length;
  expect(after).toBe(before);
});

test('a malformed DateTime is BAD_USER_INPUT through the gateway, in variables and inline', async () => {
  const asVariable = await platform.request(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    { input: { title: 'Dates', startsAt: '2026-01-01', endsAt: new Date(Date.now() + DAY).toISOString(), rewards: [{ coupon: { couponId: 'x', quantity: 1 } }] } },
    operatorToken,
  );
  expect(errorCode(asVariable)).toBe('BAD_USER_INPUT');
  expect(asVariable.errors?.[0]?.message).toMatch(/DateTime must be an ISO-8601 string with a time zone/);
  const inline = await platform.request(
    `mutation { createEvent(input: { title: "Dates", startsAt: "yesterday", endsAt: "2099-01-01T00:00:00Z", rewards: [{ coupon: { couponId: "x", quantity: 1 } }] }) { id } }`,
    {},
    operatorToken,
  );
  expect(errorCode(inline)).toBe('BAD_USER_INPUT');
  expect(inline.errors?.[0]?.message).toMatch(/DateTime/);
});
