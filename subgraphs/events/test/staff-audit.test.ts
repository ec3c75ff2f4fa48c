import type { EventsHarness } from '../../../test/support/events-harness';
import { eventsHarnessPerTest } from '../../../test/support/events-harness-per-test';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { player } from '../../../test/support/tokens';

let h: EventsHarness;
const { op, root } = eventsHarnessPerTest((harness) => (h = harness));

const UPDATE = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id title claimLimit } }`;
const RETRY = `mutation($claimId: ID!) { retryDelivery(claimId: $claimId) { id delivery } }`;
const CLAIM = `mutation($id: ID!) { claimReward(eventId: $id) { ... on RewardClaimed { claim { id delivery } } } }`;

test('createEvent is recorded with its actor, the new event and a readable summary', async () => {
  const { id } = await h.createEvent(op.token, { title: 'Spring sale', claimLimit: 100 });
  expect(h.audit.entries).toEqual([
    { actorId: op.id, action: 'createEvent', targetType: 'Event', targetId: id, summary: expect.stringMatching(/^created "Spring sale" \(.*limit 100, public, active, 1 reward\(s\), 0 challenge\(s\)\)$/), at: h.clock.now() },
  ]);
});

test('updateEvent is recorded with what changed, before → after; an invalid update is not recorded', async () => {
  const { id } = await h.createEvent(op.token, { title: 'Old', claimLimit: 10 });
  dataOf(await h.run(UPDATE, { id, input: { title: 'New', claimLimit: 20, isPublic: true } }, op.token));
  expect(h.audit.entries.at(-1)).toMatchObject({ actorId: op.id, action: 'updateEvent', targetType: 'Event', targetId: id, summary: 'title "Old" → "New"; claimLimit 10 → 20' });
  const count = h.audit.entries.length;
  expect(errorCode(await h.run(UPDATE, { id, input: { title: '' } }, op.token))).toBe('BAD_USER_INPUT');
  expect(h.audit.entries).toHaveLength(count);
});

test('retryDelivery is recorded with the reason it had failed; a retry that is refused is not', async () => {
  const { id: eventId } = await h.createEvent(op.token);
  const p = player();
  h.players.set(p.id);
  h.players.refusing = 'users service answered 409: ceiling';
  const claim = dataOf(await h.run<{ claimReward: { claim: { id: string } } }>(CLAIM, { id: eventId }, p.token)).claimReward.claim;
  h.players.refusing = null;
  dataOf(await h.run(RETRY, { claimId: claim.id }, root.token));
  expect(h.audit.entries.at(-1)).toMatchObject({ actorId: root.id, action: 'retryDelivery', targetType: 'RewardClaim', targetId: claim.id, summary: 'delivery FAILED → PENDING (was: users service answered 409: ceiling)' });
  const count = h.audit.entries.length;
  expect(errorCode(await h.run(RETRY, { claimId: claim.id }, root.token))).toBe('CONFLICT');
  expect(h.audit.entries).toHaveLength(count);
});

test('when the audit log cannot be written, createEvent and updateEvent fail with SERVICE_UNAVAILABLE and change nothing', async () => {
  const { id } = await h.createEvent(op.token, { title: 'Kept' });
  h.audit.failing = true;
  const created = await h.run(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
    input: { title: 'Never', startsAt: h.clock.now().toISOString(), endsAt: new Date(h.clock.now().getTime() + 3_600_000).toISOString(), rewards: [{ currency: { currency: 'COIN', amount: 5 } }] },
  }, op.token);
  expect(errorCode(created)).toBe('SERVICE_UNAVAILABLE');
  expect(errorCode(await h.run(UPDATE, { id, input: { title: 'Changed' } }, op.token))).toBe('SERVICE_UNAVAILABLE');
  const events = await h.app.stores.events.list({ limit: 10 } as Parameters<typeof h.app.stores.events.list>[0]);
  expect(events.map((e) => e.title)).toEqual(['Kept']);
});
