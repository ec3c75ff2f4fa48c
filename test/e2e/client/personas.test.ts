/**
 * The typed client (client/src) against the whole platform over real HTTP: every persona's
 * operations and union narrowing.
 */
import { AdjustHoldingsDocument, AdminUsersDocument, AuditRewardClaimsDocument, AuditUsersDocument, BanUserDocument, ClaimRewardDocument, CreateEventDocument, MeDocument, MyRewardClaimsDocument, OperatorEventsDocument, OperatorUserDocument, PlatformClient, PlayerEventDocument, PlayerEventsDocument, RevokeSessionsDocument, SetRolesDocument, UpdateEventDocument, asTypename, expectTypename, formatRewards, isRewardClaimed, matchTypename } from '../../../client/src';
import { useClientPlatform, DAY, PASSWORD, platform, admin, operator, newPlayer, window } from './platform-clients';

useClientPlatform();

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
