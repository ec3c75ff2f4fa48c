/**
 * The typed client (client/src) against the whole platform over real HTTP: every persona's
 * operations, union narrowing, error codes and the transparent token refresh.
 */
import {
  AdjustHoldingsDocument,
  AdminUsersDocument,
  AuditRewardClaimsDocument,
  AuditUsersDocument,
  BanUserDocument,
  ClaimRewardDocument,
  CreateEventDocument,
  GraphQLRequestError,
  MeDocument,
  MyRewardClaimsDocument,
  OperatorEventsDocument,
  OperatorUserDocument,
  PlatformClient,
  PlayerEventDocument,
  PlayerEventsDocument,
  RevokeSessionsDocument,
  SetRolesDocument,
  UpdateEventDocument,
  asTypename,
  expectTypename,
  formatRewards,
  isRewardClaimed,
  matchTypename,
  type CreateEventInput,
  type SessionTokens,
} from '../../client/src';
import { startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/platform';

const DAY = 86_400_000;
const PASSWORD = 'correct horse battery';
let platform: TestPlatform;
let admin: PlatformClient;
let operator: PlatformClient;
let operatorId: string;

/** Counts the requests a client makes, by operation name. */
function countingFetch(): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const counting: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { operationName?: string }) : {};
    calls.push(body.operationName ?? '(anonymous)');
    return fetch(input, init);
  };
  return { fetch: counting, calls };
}

async function newPlayer(username: string): Promise<PlatformClient> {
  const client = new PlatformClient({ url: platform.url });
  await client.signUp({ username, password: PASSWORD });
  await client.logIn({ username, password: PASSWORD }); // a second play session the same day
  return client;
}

function window(): Pick<CreateEventInput, 'startsAt' | 'endsAt'> {
  return { startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + 7 * DAY).toISOString() };
}

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = new PlatformClient({ url: platform.url });
  const adminLogin = await admin.logIn(TEST_ADMIN);
  expect(adminLogin.user.roles).toContain('ADMIN');

  // A new account is [USER]; the admin promotes it and the new role arrives with the next token.
  operator = new PlatformClient({ url: platform.url });
  operatorId = (await operator.signUp({ username: 'client_olga', password: PASSWORD })).user.id;
  const promoted = await admin.execute(SetRolesDocument, { userId: operatorId, roles: ['USER', 'OPERATOR'] });
  expect(promoted.setRoles.roles).toEqual(expect.arrayContaining(['USER', 'OPERATOR']));
  const relogged = await operator.logIn({ username: 'client_olga', password: PASSWORD });
  expect(relogged.user.roles).toContain('OPERATOR');
});
afterAll(() => platform.stop());

describe('operators, players and auditors through the typed client', () => {
  let eventId: string;
  let lockedEventId: string;
  let player: PlatformClient;
  let playerId: string;

  test('an operator creates events with challenges and rewards of several types', async () => {
    const { createEvent } = await operator.execute(CreateEventDocument, {
      input: {
        title: 'Client launch',
        description: 'Typed from end to end',
        ...window(),
        claimLimit: 10,
        challenges: [
          { loginStreak: { days: 1 } },
          { totalLogins: { count: 1 } },
          { currency: { currency: 'COIN', comparison: 'AT_MOST', amount: 1000 } },
        ],
        rewards: [
          { currency: { currency: 'CASH', amount: 500 } },
          { item: { itemId: 'sword', quantity: 1 } },
          { coupon: { couponId: 'half-off', quantity: 2 } },
        ],
      },
    });
    eventId = createEvent.id;
    expect(createEvent).toMatchObject({ title: 'Client launch', status: 'RUNNING', claimLimit: 10, claimsRemaining: 10 });
    expect(createEvent.createdBy?.username).toBe('client_olga');
    expect(createEvent.challenges.map((c) => c.__typename)).toEqual(['LoginStreakChallenge', 'TotalLoginsChallenge', 'CurrencyChallenge']);
    // Narrowing a Challenge member gives its own fields, typed.
    const currency = expectTypename(createEvent.challenges[2]!, 'CurrencyChallenge');
    expect([currency.currency, currency.comparison, currency.amount]).toEqual(['COIN', 'AT_MOST', 1000]);
    expect(formatRewards(createEvent.rewards)).toBe('currency:CASH:500;item:sword:1;coupon:half-off:2');

    const locked = await operator.execute(CreateEventDocument, {
      input: {
        title: 'Collectors only',
        ...window(),
        challenges: [{ itemCount: { itemId: 'gem', count: 3 } }, { distinctItems: { count: 2 } }, { returningPlayer: { days: 30 } }],
        rewards: [{ item: { itemId: 'crown', quantity: 1 } }],
      },
    });
    lockedEventId = locked.createEvent.id;

    const updated = await operator.execute(UpdateEventDocument, { id: eventId, input: { description: 'Typed, end to end' } });
    expect(updated.updateEvent.description).toBe('Typed, end to end');

    const { events } = await operator.execute(OperatorEventsDocument, { filter: { status: 'RUNNING' }, first: 100 });
    expect(events.edges.map((edge) => edge.node.id)).toEqual(expect.arrayContaining([eventId, lockedEventId]));
  });

  test('a player sees their progress, claims, and the union result narrows to RewardClaimed', async () => {
    player = await newPlayer('client_pia');
    const me = await player.execute(MeDocument);
    playerId = me.me!.id;
    expect(me.me).toMatchObject({ username: 'client_pia', roles: ['USER'] });
    expect(me.me!.profile.loginStats).toMatchObject({ totalLogins: 2, loginDays: 1, currentStreak: 1 });

    const { event } = await player.execute(PlayerEventDocument, { id: eventId });
    expect(event?.myClaim).toBeNull();
    expect(event?.myProgress.every((progress) => progress.met)).toBe(true);

    const { claimReward } = await player.execute(ClaimRewardDocument, { eventId, idempotencyKey: 'client-pia-1' });
    expect(claimReward.__typename).toBe('RewardClaimed');
    if (!isRewardClaimed(claimReward)) throw new Error('expected RewardClaimed');
    // Narrowed: `claim` is the non-null RewardClaim of RewardClaimed.
    expect(claimReward.claim).toMatchObject({ status: 'GRANTED', idempotencyKey: 'client-pia-1', event: { id: eventId } });
    const granted = claimReward.claim.rewards.flatMap((reward) => {
      const currency = asTypename(reward, 'CurrencyReward');
      return currency ? [`${currency.amount} ${currency.currency}`] : [];
    });
    expect(granted).toEqual(['500 CASH']);

    // Claiming again is data too: ClaimRejected, with the earlier grant.
    const again = (await player.execute(ClaimRewardDocument, { eventId })).claimReward;
    const summary = matchTypename(again, {
      RewardClaimed: () => 'claimed twice?',
      ClaimRejected: (rejected) => `${rejected.reason}:${rejected.attempt?.id}`,
    });
    expect(summary).toBe(`ALREADY_CLAIMED:${claimReward.claim.id}`);

    const locked = expectTypename((await player.execute(ClaimRewardDocument, { eventId: lockedEventId })).claimReward, 'ClaimRejected');
    expect(locked.reason).toBe('CHALLENGE_NOT_MET');
    expect(locked.unmet.map((progress) => progress.challenge.__typename)).toEqual(
      expect.arrayContaining(['ItemCountChallenge', 'DistinctItemsChallenge']),
    );
    const gems = locked.unmet.map((progress) => asTypename(progress.challenge, 'ItemCountChallenge')).find((c) => c !== null);
    expect(gems).toEqual({ __typename: 'ItemCountChallenge', itemId: 'gem', count: 3 });

    const listed = await player.execute(PlayerEventsDocument, { first: 100 });
    const mine = listed.events.edges.find((edge) => edge.node.id === eventId)?.node;
    expect(mine?.myClaim?.id).toBe(claimReward.claim.id);

    const own = await player.execute(MyRewardClaimsDocument, { filter: { status: 'GRANTED' } });
    expect(own.rewardClaims.totalCount).toBe(1);
  });

  test('the operator adjusts holdings and reads the player; an auditor lists claims with totalCount and filters', async () => {
    const adjusted = await operator.execute(AdjustHoldingsDocument, { userId: playerId, input: { coins: 50, items: [{ itemId: 'gem', quantity: 3 }], note: 'welcome gift' } });
    expect(adjusted.adjustHoldings.coins).toBe(50);
    const { user } = await operator.execute(OperatorUserDocument, { id: playerId });
    expect(user).toMatchObject({ username: 'client_pia', rewardClaims: { totalCount: expect.any(Number) } });
    expect(user!.profile.inventory).toEqual(expect.arrayContaining([{ itemId: 'gem', quantity: 3 }]));

    const second = await newPlayer('client_sam');
    expectTypename((await second.execute(ClaimRewardDocument, { eventId })).claimReward, 'RewardClaimed');

    const auditor = new PlatformClient({ url: platform.url });
    const auditorId = (await auditor.signUp({ username: 'client_audrey', password: PASSWORD })).user.id;
    await admin.execute(SetRolesDocument, { userId: auditorId, roles: ['AUDITOR'] });
    await auditor.logIn({ username: 'client_audrey', password: PASSWORD });

    const all = await auditor.execute(AuditRewardClaimsDocument, { filter: { eventId, status: 'GRANTED' }, first: 1 });
    expect(all.rewardClaims.totalCount).toBe(2);
    expect(all.rewardClaims.edges).toHaveLength(1);
    expect(all.rewardClaims.pageInfo.hasNextPage).toBe(true);
    const next = await auditor.execute(AuditRewardClaimsDocument, {
      filter: { eventId, status: 'GRANTED' },
      first: 1,
      after: all.rewardClaims.pageInfo.endCursor,
    });
    const usernames = [...all.rewardClaims.edges, ...next.rewardClaims.edges].map((edge) => edge.node.user.username);
    expect(usernames.sort()).toEqual(['client_pia', 'client_sam']);

    const piaOnly = await auditor.execute(AuditRewardClaimsDocument, { filter: { userId: playerId } });
    expect(piaOnly.rewardClaims.totalCount).toBe(piaOnly.rewardClaims.edges.length);
    expect(piaOnly.rewardClaims.edges.every((edge) => edge.node.user.id === playerId)).toBe(true);
    const rejected = await auditor.execute(AuditRewardClaimsDocument, { filter: { userId: playerId, status: 'REJECTED' } });
    expect(rejected.rewardClaims.edges.map((edge) => edge.node.rejectionReason)).toContain('CHALLENGE_NOT_MET');
    const future = await auditor.execute(AuditRewardClaimsDocument, { filter: { createdAfter: new Date(Date.now() + DAY).toISOString() } });
    expect(future.rewardClaims.totalCount).toBe(0);

    const auditors = await auditor.execute(AuditUsersDocument, { role: 'AUDITOR' });
    expect(auditors.users.edges.map((edge) => edge.node.username)).toEqual(['client_audrey']);
  });

  test('an admin bans, lists with profiles and revokes sessions', async () => {
    const until = new Date(Date.now() + DAY).toISOString();
    const banned = await admin.execute(BanUserDocument, { userId: playerId, until });
    expect(banned.banUser.bannedUntil).toBe(until);
    expect((await admin.execute(BanUserDocument, { userId: playerId, until: null })).banUser.bannedUntil).toBeNull();

    const operators = await admin.execute(AdminUsersDocument, { role: 'OPERATOR', first: 100 });
    expect(operators.users.edges.map((edge) => edge.node.username)).toContain('client_olga');
    expect(operators.users.edges[0]?.node.profile.loginStats.totalLogins).toEqual(expect.any(Number));

    const victim = await newPlayer('client_revoked');
    const victimId = (await victim.execute(MeDocument)).me!.id;
    expect((await admin.execute(RevokeSessionsDocument, { userId: victimId })).revokeSessions).toBeGreaterThanOrEqual(1);
    // The access token may live on until it expires, but the refresh token is dead.
    await expect(victim.refreshSession()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(victim.tokens).toBeNull();
  });
});

describe('errors', () => {
  test('a player calling createEvent gets a GraphQLRequestError with code FORBIDDEN, without a refresh', async () => {
    const counter = countingFetch();
    const player = new PlatformClient({ url: platform.url, fetch: counter.fetch });
    await player.signUp({ username: 'client_nosy', password: PASSWORD });
    const attempt = player.execute(CreateEventDocument, { input: { title: 'Nope', ...window(), rewards: [{ coupon: { couponId: 'x', quantity: 1 } }] } });
    await expect(attempt).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN', codes: ['FORBIDDEN'], operationName: 'CreateEvent' });
    expect(counter.calls).toEqual(['SignUp', 'CreateEvent']);
  });

  test('bad input names the field; wrong credentials are UNAUTHENTICATED and never trigger a refresh', async () => {
    const error = await operator
      .execute(CreateEventDocument, { input: { title: 'Backwards', startsAt: window().endsAt, endsAt: window().startsAt, rewards: [{ coupon: { couponId: 'x', quantity: 1 } }] } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).code).toBe('BAD_USER_INPUT');
    expect((error as GraphQLRequestError).extension('field')).toEqual(expect.stringContaining('endsAt'));

    const counter = countingFetch();
    const client = new PlatformClient({ url: platform.url, fetch: counter.fetch, refreshToken: 'some-refresh-token' });
    await expect(client.logIn({ username: 'client_olga', password: 'wrong password!' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(counter.calls).toEqual(['LogIn']);
  });

  test('an unreachable gateway is a NETWORK_ERROR', async () => {
    const client = new PlatformClient({ url: 'http://127.0.0.1:1/graphql', timeoutMs: 5000 });
    await expect(client.execute(MeDocument)).rejects.toMatchObject({ code: 'NETWORK_ERROR', name: 'GraphQLRequestError' });
  });
});

describe('token refresh', () => {
  test('a garbage access token with a valid refresh token: the call succeeds after one automatic refresh', async () => {
    const counter = countingFetch();
    const seen: (SessionTokens | null)[] = [];
    const client = new PlatformClient({ url: platform.url, fetch: counter.fetch, onTokens: (tokens) => void seen.push(tokens) });
    await client.signUp({ username: 'client_refresh', password: PASSWORD });
    const before = client.tokens!;

    client.setAccessToken('garbage.not-a-jwt');
    const { me } = await client.execute(MeDocument);
    expect(me?.username).toBe('client_refresh');
    expect(counter.calls).toEqual(['SignUp', 'Me', 'RefreshSession', 'Me']);
    // The refresh token rotated, and the new pair was reported for storage.
    expect(client.tokens!.refreshToken).not.toBe(before.refreshToken);
    expect(client.tokens!.accessToken).not.toBe('garbage.not-a-jwt');
    expect(seen.at(-1)).toEqual(client.tokens);
  });

  test('concurrent calls share one refresh (a refresh token presented twice would revoke the session)', async () => {
    const counter = countingFetch();
    const client = new PlatformClient({ url: platform.url, fetch: counter.fetch });
    await client.signUp({ username: 'client_parallel', password: PASSWORD });
    client.setAccessToken('expired-or-worse');
    const results = await Promise.all([client.execute(MeDocument), client.execute(MeDocument), client.execute(PlayerEventsDocument, { first: 5 })]);
    expect(results[0].me?.username).toBe('client_parallel');
    expect(counter.calls.filter((name) => name === 'RefreshSession')).toHaveLength(1);
    // And the session still works afterwards.
    expect((await client.execute(MeDocument)).me?.username).toBe('client_parallel');
  });

  test('without a refresh token the UNAUTHENTICATED error comes straight back', async () => {
    const client = new PlatformClient({ url: platform.url, accessToken: 'garbage' });
    await expect(client.execute(MeDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('logOut ends the session and forgets the tokens', async () => {
    const client = new PlatformClient({ url: platform.url });
    await client.signUp({ username: 'client_leaver', password: PASSWORD });
    const { refreshToken } = client.tokens!;
    expect(await client.logOut()).toBe(true);
    expect(client.tokens).toBeNull();
    const stale = new PlatformClient({ url: platform.url, refreshToken });
    await expect(stale.refreshSession()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
