import { startGateway } from '../../gateway/src/server';
import { startEventsService } from '../../subgraphs/events/src/server';
import { startUsersService } from '../../subgraphs/users/src/server';
import type { RunningHttpService } from '@platform/shared';
import { testConfig } from '../support/config';
import { dataOf } from '../support/graphql-result';
import { bearer, postGraphQL, TEST_ADMIN, type TestPlatform } from '../support/platform';
import { platformPerSuite } from '../support/platform-per-suite';
import { ToggleProxy } from '../support/toggle-proxy';

const DAY = 86_400_000;

const CLAIM = `mutation($id: ID!, $key: String) {
  claimReward(eventId: $id, idempotencyKey: $key) {
    __typename
    ... on RewardClaimed { granted: claim { id delivery } }
    ... on ClaimRejected { reason claim { id status } }
  }
}`;
type ClaimResponse = { claimReward: { __typename: string; reason?: string; granted?: { id: string; delivery: string }; claim?: { id: string; status: string } | null } };

const PROFILE = `{ me { profile { coins inventory { itemId quantity } } } }`;
type ProfileResponse = { me: { profile: { coins: number; inventory: { itemId: string; quantity: number }[] } } };

async function createEvent(platform: { request: TestPlatform['request'] }, token: string, extra: Record<string, unknown> = {}) {
  return dataOf(await platform.request<{ createEvent: { id: string } }>(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title: 'Flash sale',
        startsAt: new Date(Date.now() - DAY).toISOString(),
        endsAt: new Date(Date.now() + DAY).toISOString(),
        rewards: [{ currency: { currency: 'COIN', amount: 250 } }, { item: { itemId: 'gem', quantity: 1 } }],
        ...extra,
      },
    },
    token,
  )).createEvent.id;
}

describe('claims under real parallel requests', () => {
  let platform: TestPlatform;
  let adminToken: string;

  platformPerSuite((started, token) => {
    platform = started;
    adminToken = token;
  });

  test('one player fires 20 claims at once: 1 GRANTED, 19 ALREADY_CLAIMED, credited once', async () => {
    const eventId = await createEvent(platform, adminToken);
    const player = await platform.signUp('racer_one');
    const results = await Promise.all(Array.from({ length: 20 }, () => platform.request<ClaimResponse>(CLAIM, { id: eventId }, player.token)));
    const outcomes = results.map((result) => dataOf(result).claimReward);
    expect(outcomes.filter((o) => o.__typename === 'RewardClaimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.reason === 'ALREADY_CLAIMED')).toHaveLength(19);
    const profile = dataOf(await platform.request<ProfileResponse>(PROFILE, {}, player.token)).me.profile;
    expect(profile).toEqual({ coins: 250, inventory: [{ itemId: 'gem', quantity: 1 }] });
    const history = dataOf(await platform.request<{ rewardClaims: { totalCount: number } }>(
      `query($id: ID!) { rewardClaims(filter: { eventId: $id, status: GRANTED }) { totalCount } }`, { id: eventId }, adminToken,
    ));
    expect(history.rewardClaims.totalCount).toBe(1);
  });

  test('claimLimit L with 3L eligible players claiming at once: exactly L granted, the rest SOLD_OUT', async () => {
    const limit = 5;
    const eventId = await createEvent(platform, adminToken, { claimLimit: limit });
    const players = [];
    for (let i = 0; i < 3 * limit; i++) players.push(await platform.signUp(`crowd_${i}`));
    const results = await Promise.all(players.map((p) => platform.request<ClaimResponse>(CLAIM, { id: eventId }, p.token)));
    const outcomes = results.map((result) => dataOf(result).claimReward);
    expect(outcomes.filter((o) => o.__typename === 'RewardClaimed')).toHaveLength(limit);
    expect(outcomes.filter((o) => o.reason === 'SOLD_OUT')).toHaveLength(2 * limit);
    const event = dataOf(await platform.request<{ event: { claimsRemaining: number } }>(`query($id: ID!) { event(id: $id) { claimsRemaining } }`, { id: eventId }, adminToken));
    expect(event.event.claimsRemaining).toBe(0);
    const coins = await Promise.all(players.map(async (p) => dataOf(await platform.request<ProfileResponse>(PROFILE, {}, p.token)).me.profile.coins));
    expect(coins.filter((c) => c === 250)).toHaveLength(limit);
    expect(coins.filter((c) => c === 0)).toHaveLength(2 * limit);
  });

  test('the same idempotency key sent 10 times at once yields one claim record', async () => {
    const eventId = await createEvent(platform, adminToken);
    const player = await platform.signUp('double_tapper');
    const results = await Promise.all(Array.from({ length: 10 }, () => platform.request<ClaimResponse>(CLAIM, { id: eventId, key: 'tap-42' }, player.token)));
    const ids = new Set(results.map((r) => dataOf(r).claimReward.granted?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeTruthy();
    const mine = dataOf(await platform.request<{ rewardClaims: { totalCount: number } }>(`query($id: ID!) { rewardClaims(filter: { eventId: $id }) { totalCount } }`, { id: eventId }, player.token));
    expect(mine.rewardClaims.totalCount).toBe(1);
  });
});

describe('delivery when users is down', () => {
  const services: { stop(): Promise<void> }[] = [];
  let proxy: ToggleProxy;
  let gatewayUrl: string;

  const request = async <T,>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
    (await postGraphQL<T>(gatewayUrl, { query, variables }, bearer(token))).body;
  const deliveryOf = async (eventId: string, token: string) =>
    dataOf(await request<{ event: { myClaim: { delivery: string } } }>(`query($id: ID!) { event(id: $id) { myClaim { delivery } } }`, { id: eventId }, token)).event.myClaim.delivery;
  /** Polls an observable condition (not a fixed sleep); false if it never holds within 10 s. */
  const eventually = async (condition: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (await condition()) return true;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return false;
  };
  const auth = async (mutation: 'signUp' | 'logIn', username: string, password = 'correct horse battery') =>
    dataOf(await request<Record<string, { accessToken: string }>>(`mutation($i: CredentialsInput!) { ${mutation}(input: $i) { accessToken } }`, { i: { username, password } }))[mutation]!.accessToken;

  beforeAll(async () => {
    const config = testConfig({ ADMIN_USERNAME: TEST_ADMIN.username, ADMIN_PASSWORD: TEST_ADMIN.password, DELIVERY_RETRY_INTERVAL_MS: '100' });
    const users: RunningHttpService = await startUsersService(config);
    services.unshift(users);
    // events reaches users through a proxy we can cut; the gateway reaches users directly.
    proxy = await ToggleProxy.start(users.url);
    services.unshift(proxy);
    const events = await startEventsService({ ...config, urls: { ...config.urls, users: proxy.url } });
    services.unshift(events);
    const gateway = await startGateway({ ...config, urls: { users: users.url, events: events.url } });
    services.unshift(gateway);
    gatewayUrl = gateway.url;
  });
  afterAll(async () => {
    for (const service of services) await service.stop();
  });

  test('the claim is GRANTED with PENDING delivery, then DELIVERED once users is back, credited once', async () => {
    const adminToken = await auth('logIn', TEST_ADMIN.username, TEST_ADMIN.password);
    const eventId = await createEvent({ request }, adminToken);
    const playerToken = await auth('signUp', 'patient_pat');

    proxy.failing.add('/internal/reward-grants');
    const claimed = dataOf(await request<ClaimResponse>(CLAIM, { id: eventId }, playerToken)).claimReward;
    expect(claimed.__typename).toBe('RewardClaimed');
    expect(claimed.granted?.delivery).toBe('PENDING');
    expect(dataOf(await request<ProfileResponse>(PROFILE, {}, playerToken)).me.profile.coins).toBe(0);

    // The dispatcher retries while users is still down (observed at the proxy): nothing is lost, nothing credited.
    const refusedInline = proxy.refusals.get('/internal/reward-grants') ?? 0;
    expect(await eventually(() => (proxy.refusals.get('/internal/reward-grants') ?? 0) >= refusedInline + 2)).toBe(true);
    expect(dataOf(await request<ProfileResponse>(PROFILE, {}, playerToken)).me.profile.coins).toBe(0);

    proxy.failing.clear();
    expect(await eventually(async () => (await deliveryOf(eventId, playerToken)) === 'DELIVERED')).toBe(true);

    // A later claim delivered by the dispatcher proves it ran more rounds after the first was
    // DELIVERED; those rounds must not have credited the first claim again.
    const laterEventId = await createEvent({ request }, adminToken, { rewards: [{ currency: { currency: 'COIN', amount: 7 } }] });
    proxy.failing.add('/internal/reward-grants');
    expect(dataOf(await request<ClaimResponse>(CLAIM, { id: laterEventId }, playerToken)).claimReward.granted?.delivery).toBe('PENDING');
    proxy.failing.clear();
    expect(await eventually(async () => (await deliveryOf(laterEventId, playerToken)) === 'DELIVERED')).toBe(true);
    expect(dataOf(await request<ProfileResponse>(PROFILE, {}, playerToken)).me.profile).toEqual({ coins: 257, inventory: [{ itemId: 'gem', quantity: 1 }] });
  });
});
