import { dataOf, errorCode } from '../support/graphql-result';
import type { TestPlatform } from '../support/platform';
import { platformPerSuite } from '../support/platform-per-suite';

const DAY = 86_400_000;
let platform: TestPlatform;
let adminToken: string;
const nextYear = new Date().getUTCFullYear() + 1;
const IMPOSSIBLE = `${nextYear}-02-30T00:00:00Z`;

platformPerSuite((started, token) => {
  platform = started;
  adminToken = token;
});

const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id endsAt } }`;
const reward = [{ coupon: { couponId: 'dates', quantity: 1 } }];

test('createEvent and updateEvent refuse an impossible date with BAD_USER_INPUT, in variables and inline', async () => {
  const startsAt = new Date(Date.now() - DAY).toISOString();
  const asVariable = await platform.request(CREATE, { input: { title: 'Feb 30', startsAt, endsAt: IMPOSSIBLE, rewards: reward } }, adminToken);
  expect(errorCode(asVariable)).toBe('BAD_USER_INPUT');
  expect(asVariable.errors?.[0]?.message).toMatch(/not a real date and time/);
  const inline = await platform.request(
    `mutation { createEvent(input: { title: "Feb 30", startsAt: "${startsAt}", endsAt: "${IMPOSSIBLE}", rewards: [{ coupon: { couponId: "x", quantity: 1 } }] }) { id } }`, {}, adminToken,
  );
  expect(errorCode(inline)).toBe('BAD_USER_INPUT');

  const event = dataOf(await platform.request<{ createEvent: { id: string; endsAt: string } }>(CREATE, { input: { title: 'Real', startsAt, endsAt: new Date(Date.now() + DAY).toISOString(), rewards: reward } }, adminToken)).createEvent;
  const update = await platform.request(`mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id endsAt } }`, { id: event.id, input: { endsAt: `${nextYear}-04-31T12:00:00Z` } }, adminToken);
  expect(errorCode(update)).toBe('BAD_USER_INPUT');
  const after = dataOf(await platform.request<{ event: { endsAt: string } }>(`query($id: ID!) { event(id: $id) { endsAt } }`, { id: event.id }, adminToken));
  expect(after.event.endsAt).toBe(event.endsAt);
});

test('banUser(until:) refuses an impossible date through the gateway', async () => {
  const player = await platform.signUp('feb_thirty');
  const result = await platform.request(`mutation($id: ID!, $until: DateTime) { banUser(userId: $id, until: $until) { id } }`, { id: player.id, until: IMPOSSIBLE }, adminToken);
  expect(errorCode(result)).toBe('BAD_USER_INPUT');
  const me = await platform.request(`{ me { id } }`, {}, player.token);
  expect(me.errors).toBeUndefined();
});
