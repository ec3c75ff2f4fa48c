import { EventsHarness } from '../../../test/support/events-harness';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { admin, operator } from '../../../test/support/tokens';

const HOUR = 3_600_000;
const UPDATE = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id title } }`;
const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;

/** The session id inside an access token (its `sid` claim). */
const sessionOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sid: string }).sid;

let h: EventsHarness;
beforeEach(async () => {
  h = await EventsHarness.create();
});
afterEach(() => h.stop());

test.each([
  ['an operator', operator],
  ['an admin', admin],
])('%s whose session ended (logOut, revokeSessions) can neither create nor update events: UNAUTHENTICATED', async (_who, staff) => {
  const caller = staff();
  const event = await h.createEvent(caller.token, { title: 'Before log-out' });
  h.players.endSession(sessionOf(caller.token));

  const now = h.clock.now().getTime();
  const create = await h.run(CREATE, { input: { title: 'After log-out', startsAt: new Date(now).toISOString(), endsAt: new Date(now + HOUR).toISOString(), rewards: [{ coupon: { couponId: 'c', quantity: 1 } }] } }, caller.token);
  expect(errorCode(create)).toBe('UNAUTHENTICATED');
  expect(create.errors?.[0]?.message).toMatch(/session has ended/);
  const update = await h.run(UPDATE, { id: event.id, input: { title: 'Edited after log-out' } }, caller.token);
  expect(errorCode(update)).toBe('UNAUTHENTICATED');

  const other = operator();
  const titles = dataOf(await h.run<{ events: { edges: { node: { title: string } }[] } }>(`{ events(first: 100) { edges { node { title } } } }`, {}, other.token));
  expect(titles.events.edges.map((edge) => edge.node.title)).toEqual(['Before log-out']);
});

test('the session is asked about once per request, with the caller token\'s session', async () => {
  const caller = operator();
  const asked: string[] = [];
  const original = h.players.currentAccount.bind(h.players);
  h.players.currentAccount = async (who) => {
    asked.push(who.sessionId);
    return original(who);
  };
  const event = await h.createEvent(caller.token);
  asked.length = 0;
  dataOf(await h.run(`mutation($id: ID!) { a: updateEvent(id: $id, input: { title: "A" }) { id } b: updateEvent(id: $id, input: { title: "B" }) { id } }`, { id: event.id }, caller.token));
  expect(asked).toEqual([sessionOf(caller.token)]);
});
