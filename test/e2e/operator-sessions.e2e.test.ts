import { dataOf, errorCode } from '../support/graphql-result';
import type { TestPlatform } from '../support/platform';
import { platformPerSuite } from '../support/platform-per-suite';

const DAY = 86_400_000;
let platform: TestPlatform;
let adminToken: string;

platformPerSuite((started, token) => {
  platform = started;
  adminToken = token;
});

const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!) { updateEvent(id: $id, input: { title: "Edited by a ghost" }) { id } }`;
const input = () => ({ title: 'Ops', startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + DAY).toISOString(), rewards: [{ coupon: { couponId: 'ops', quantity: 1 } }] });

async function operatorNamed(username: string) {
  const user = await platform.signUp(username);
  dataOf(await platform.request(`mutation($id: ID!) { setRoles(userId: $id, roles: [USER, OPERATOR]) { id } }`, { id: user.id }, adminToken));
  return platform.logIn(username);
}

test.each([
  ['logOut', async (session: { token: string; id: string }) => dataOf(await platform.request(`mutation { logOut }`, {}, session.token))],
  ['revokeSessions', async (session: { token: string; id: string }) => dataOf(await platform.request(`mutation($id: ID!) { revokeSessions(userId: $id) }`, { id: session.id }, adminToken))],
])('after %s, the old access token can neither create nor update events', async (how, endSession) => {
  const session = await operatorNamed(`ops_${how.toLowerCase()}`);
  const event = dataOf(await platform.request<{ createEvent: { id: string } }>(CREATE, { input: input() }, session.token)).createEvent;
  await endSession(session);

  const create = await platform.request(CREATE, { input: input() }, session.token);
  expect(errorCode(create)).toBe('UNAUTHENTICATED');
  const update = await platform.request(UPDATE, { id: event.id }, session.token);
  expect(errorCode(update)).toBe('UNAUTHENTICATED');
  const title = dataOf(await platform.request<{ event: { title: string } }>(`query($id: ID!) { event(id: $id) { title } }`, { id: event.id }, adminToken)).event.title;
  expect(title).toBe('Ops');

  // A fresh log-in works again.
  const again = await platform.logIn(`ops_${how.toLowerCase()}`);
  expect(errorCode(await platform.request(UPDATE, { id: event.id }, again.token))).toBeUndefined();
});
