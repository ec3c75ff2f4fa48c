import { dataOf } from '../support/graphql-result';
import type { TestPlatform } from '../support/platform';
import { platformPerSuite } from '../support/platform-per-suite';

const DAY = 86_400_000;
let platform: TestPlatform;
let adminToken: string;

platformPerSuite((started, token) => {
  platform = started;
  adminToken = token;
});

const CLAIM = `mutation($id: ID!) { claimReward(eventId: $id) {
  __typename
  ... on ClaimRejected { reason message claim { id event { id title rewards { __typename } } } }
} }`;

interface Claimed {
  claimReward: { __typename: string; reason?: string; message?: string; claim?: { event: { title: string } } | null };
}

async function hiddenEvent(input: Record<string, unknown>): Promise<string> {
  const window = { startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + DAY).toISOString() };
  const created = await platform.request<{ createEvent: { id: string } }>(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    { input: { title: 'Secret summer sale', ...window, rewards: [{ coupon: { couponId: 'secret', quantity: 1 } }], ...input } },
    adminToken,
  );
  return dataOf(created).createEvent.id;
}

test.each([
  ['inactive', { active: false }],
  ['private', { isPublic: false }],
])('a player claiming an %s event learns nothing: EVENT_NOT_FOUND, no claim, no event, nothing recorded', async (_kind, input) => {
  const eventId = await hiddenEvent(input);
  const missing = dataOf(await platform.request<Claimed>(CLAIM, { id: '0123456789abcdef01234567' }, (await platform.signUp(`ghost_${_kind}`)).token)).claimReward;
  const player = await platform.signUp(`curious_${_kind}`);
  const result = dataOf(await platform.request<Claimed>(CLAIM, { id: eventId }, player.token)).claimReward;
  expect(result).toEqual({ __typename: 'ClaimRejected', reason: 'EVENT_NOT_FOUND', message: missing.message, claim: null });
  expect(JSON.stringify(result)).not.toMatch(/Secret summer sale/);
  const history = dataOf(await platform.request<{ rewardClaims: { totalCount: number } }>(`{ rewardClaims { totalCount } }`, {}, player.token));
  expect(history.rewardClaims.totalCount).toBe(0);
  const direct = dataOf(await platform.request<{ event: unknown }>(`query($id: ID!) { event(id: $id) { id } }`, { id: eventId }, player.token));
  expect(direct.event).toBeNull();
});

test('staff who also play still get EVENT_INACTIVE, with the event readable', async () => {
  const eventId = await hiddenEvent({ active: false });
  const result = dataOf(await platform.request<Claimed>(CLAIM, { id: eventId }, adminToken)).claimReward;
  expect(result.reason).toBe('EVENT_INACTIVE');
  expect(result.claim?.event.title).toBe('Secret summer sale');
});
