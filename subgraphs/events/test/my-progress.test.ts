import { CHALLENGE_SELECTION } from '../../../gateway/src/union-selections.generated';
import { EventsHarness } from '../../../test/support/events-harness';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { operator, player } from '../../../test/support/tokens';

let h: EventsHarness;
const op = operator();

beforeEach(async () => {
  h = await EventsHarness.create();
});
afterEach(() => h.stop());

const PROGRESS = `current required met challenge {
${CHALLENGE_SELECTION}
}`;

interface Progress {
  current: number;
  required: number;
  met: boolean;
  challenge: { __typename: string } & Record<string, unknown>;
}

const myProgress = (id: string, token: string) =>
  h.run<{ event: { myProgress: Progress[] } | null }>(`query($id: ID!) { event(id: $id) { myProgress { ${PROGRESS} } } }`, { id }, token);

test("reports current, required and met for each challenge, in order, from the caller's profile", async () => {
  const { id } = await h.createEvent(op.token, {
    challenges: [
      { loginStreak: { days: 7 } },
      { currency: { currency: 'COIN', comparison: 'AT_MOST', amount: 100 } },
      { itemCount: { itemId: 'potion', count: 3 } },
      { distinctItems: { count: 2 } },
      { totalLogins: { count: 4 } },
      { returningPlayer: { days: 30 } },
    ],
  });
  const p = player();
  h.players.set(p.id, {
    coins: 150,
    inventory: [
      { itemId: 'potion', quantity: 3 },
      { itemId: 'sword', quantity: 0 },
    ],
    loginStats: { currentStreak: 7, totalLogins: 2, daysAwayBeforeLastLogin: 31 },
  });
  expect(dataOf(await myProgress(id, p.token)).event?.myProgress).toEqual([
    { current: 7, required: 7, met: true, challenge: { __typename: 'LoginStreakChallenge', days: 7 } },
    { current: 150, required: 100, met: false, challenge: { __typename: 'CurrencyChallenge', currency: 'COIN', comparison: 'AT_MOST', amount: 100 } },
    { current: 3, required: 3, met: true, challenge: { __typename: 'ItemCountChallenge', itemId: 'potion', count: 3 } },
    { current: 1, required: 2, met: false, challenge: { __typename: 'DistinctItemsChallenge', count: 2 } },
    { current: 2, required: 4, met: false, challenge: { __typename: 'TotalLoginsChallenge', count: 4 } },
    { current: 31, required: 30, met: true, challenge: { __typename: 'ReturningPlayerChallenge', days: 30 } },
  ]);
});

test('each caller sees their own standing, and it follows their profile', async () => {
  const { id } = await h.createEvent(op.token, { challenges: [{ totalLogins: { count: 5 } }] });
  const [a, b] = [player(), player()];
  h.players.set(a.id, { loginStats: { totalLogins: 5 } });
  h.players.set(b.id, { loginStats: { totalLogins: 1 } });
  const standing = async (token: string) => dataOf(await myProgress(id, token)).event?.myProgress.map(({ current, met }) => ({ current, met }));
  expect(await standing(a.token)).toEqual([{ current: 5, met: true }]);
  expect(await standing(b.token)).toEqual([{ current: 1, met: false }]);
  h.players.set(b.id, { loginStats: { totalLogins: 6 } });
  expect(await standing(b.token)).toEqual([{ current: 6, met: true }]);
});

test('[] for an event without challenges, even while users is down', async () => {
  const { id } = await h.createEvent(op.token);
  const p = player();
  h.players.set(p.id);
  expect(dataOf(await myProgress(id, p.token)).event?.myProgress).toEqual([]);
  h.players.down = true;
  expect(dataOf(await myProgress(id, p.token)).event?.myProgress).toEqual([]);
});

test('SERVICE_UNAVAILABLE when the player directory is down', async () => {
  const { id } = await h.createEvent(op.token, { challenges: [{ loginStreak: { days: 2 } }] });
  const p = player();
  h.players.set(p.id);
  h.players.down = true;
  const result = await myProgress(id, p.token);
  expect(errorCode(result)).toBe('SERVICE_UNAVAILABLE');
  expect(result.errors?.[0]?.path).toEqual(['event', 'myProgress']);
  h.players.down = false;
  expect(dataOf(await myProgress(id, p.token)).event?.myProgress).toHaveLength(1);
});

test('listing many events asks users once for the caller, not once per event', async () => {
  for (let i = 0; i < 4; i++) await h.createEvent(op.token, { challenges: [{ totalLogins: { count: i + 1 } }] });
  const p = player();
  h.players.set(p.id, { loginStats: { totalLogins: 2 } });
  const before = h.players.standingsCalls;
  const listed = dataOf(await h.run<{ events: { edges: { node: { myProgress: Progress[] } }[] } }>(`{ events { edges { node { myProgress { ${PROGRESS} } } } } }`, {}, p.token));
  expect(listed.events.edges.map((edge) => edge.node.myProgress.map((progress) => progress.met))).toEqual([[true], [true], [false], [false]]);
  expect(h.players.standingsCalls - before).toBe(1);
});
