import { DAY_MS, newId } from '@platform/shared';
import { dataOf } from '../../../test/support/graphql-result';
import { UsersHarness } from '../../../test/support/users-harness';
import { INTERNAL_PROFILES_PATH, INTERNAL_REWARD_GRANTS_PATH } from '../src/internal-routes';
import { asService, callInternal, logIn, SERVICE_SECRET, type ProfileData } from './helpers';

let h: UsersHarness;
let pat: { id: string; token: string };

beforeEach(async () => {
  h = await UsersHarness.create();
  pat = await h.signUp('pat_internal');
});
afterEach(() => h.stop());

const profiles = (body: unknown, headers: Record<string, string> = asService) => callInternal(h, INTERNAL_PROFILES_PATH, body, headers);
const grant = (body: unknown, headers: Record<string, string> = asService) => callInternal(h, INTERNAL_REWARD_GRANTS_PATH, body, headers);

interface ProfilesBody {
  users: { id: string; bannedUntil: string | null; profile: ProfileData }[];
}

async function profileOf(userId: string): Promise<ProfileData | undefined> {
  const result = await profiles({ userIds: [userId] });
  return (result.body as ProfilesBody).users[0]?.profile;
}

describe('service credential', () => {
  test.each<[string, Record<string, string>]>([
    ['no x-service-token', {}],
    ['a wrong x-service-token', { 'x-service-token': 'guess' }],
    ['the secret with a suffix', { 'x-service-token': `${SERVICE_SECRET}x` }],
    ["a player's bearer token instead", { authorization: 'Bearer whatever' }],
  ])('%s → 401 on both routes, nothing credited', async (_case, headers) => {
    expect(await profiles({ userIds: [pat.id] }, headers)).toEqual({ status: 401, body: { error: 'service credential required' } });
    const refused = await grant({ grantId: 'g-401', userId: pat.id, rewards: [{ kind: 'CURRENCY', currency: 'CASH', amount: 5 }] }, headers);
    expect(refused.status).toBe(401);
    expect((await profileOf(pat.id))?.cash).toBe(0);
  });

  test("a player's real access token is no service credential", async () => {
    expect((await profiles({ userIds: [pat.id] }, { authorization: `Bearer ${pat.token}` })).status).toBe(401);
  });
});

describe(INTERNAL_PROFILES_PATH, () => {
  test('returns each known user with ban and profile; unknown and malformed ids are left out', async () => {
    const quin = await h.signUp('quin_internal');
    await logIn(h, { username: 'quin_internal' });
    const until = new Date(h.clock.now().getTime() + DAY_MS);
    await h.app.stores.users.setBannedUntil(quin.id, until);
    await h.app.stores.users.adjustHoldings(pat.id, { cash: 3, coins: 0, items: { sword: 1 }, coupons: {} });

    const result = await profiles({ userIds: [pat.id, quin.id, newId(), 'not-an-id'] });
    expect(result.status).toBe(200);
    const users = (result.body as ProfilesBody).users.sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(users).toEqual([
      {
        id: pat.id,
        roles: ['USER'],
        bannedUntil: null,
        createdAt: expect.any(String),
        profile: {
          cash: 3,
          coins: 0,
          inventory: [{ itemId: 'sword', quantity: 1 }],
          coupons: [],
          loginStats: { totalLogins: 1, loginDays: 1, currentStreak: 1, lastLoginAt: expect.anything(), daysAwayBeforeLastLogin: 0 },
        },
        timeZone: { spans: [], requestedAt: null },
      },
      {
        id: quin.id,
        roles: ['USER'],
        bannedUntil: until.toISOString(),
        createdAt: expect.any(String),
        profile: expect.objectContaining({ loginStats: expect.objectContaining({ totalLogins: 2, currentStreak: 1 }) }) as ProfileData,
        timeZone: { spans: [], requestedAt: null },
      },
    ]);
  });

  test('over the wire (JSON) the last login is an ISO date-time', async () => {
    await logIn(h, { username: 'pat_internal' });
    const body = (await profiles({ userIds: [pat.id] })).body;
    const wire = JSON.parse(JSON.stringify(body)) as ProfilesBody;
    expect(wire.users[0]?.profile.loginStats.lastLoginAt).toBe(h.clock.now().toISOString());
  });

  test("reports when the account was created (for events' challenges on the account's age), as an ISO date-time", async () => {
    const signedUpAt = h.clock.now().toISOString();
    h.clock.advance(3 * DAY_MS);
    const late = await h.signUp('late_internal');
    const body = JSON.parse(JSON.stringify((await profiles({ userIds: [pat.id, late.id] })).body)) as { users: { id: string; createdAt: string }[] };
    const createdAt = Object.fromEntries(body.users.map((user) => [user.id, user.createdAt]));
    expect(createdAt).toEqual({ [pat.id]: signedUpAt, [late.id]: h.clock.now().toISOString() });
  });

  test('an empty list is an empty answer', async () => {
    expect(await profiles({ userIds: [] })).toEqual({ status: 200, body: { users: [] } });
  });

  test.each<[string, unknown]>([
    ['no body', undefined],
    ['no userIds', {}],
    ['userIds not a list', { userIds: 'abc' }],
    ['a non-string id', { userIds: [1] }],
    ['more than 500 ids', { userIds: Array.from({ length: 501 }, () => newId()) }],
  ])('%s → 400', async (_case, body) => {
    expect((await profiles(body)).status).toBe(400);
  });
});

describe(INTERNAL_REWARD_GRANTS_PATH, () => {
  const REWARDS = [
    { kind: 'CURRENCY', currency: 'CASH', amount: 5 },
    { kind: 'CURRENCY', currency: 'COIN', amount: 7 },
    { kind: 'ITEM', itemId: 'sword', quantity: 2 },
    { kind: 'ITEM', itemId: 'sword', quantity: 1 },
    { kind: 'COUPON', couponId: 'half-off', quantity: 1 },
  ];

  test('credits every reward of a grant once, however often it is delivered', async () => {
    const grantId = newId();
    expect(await grant({ grantId, userId: pat.id, rewards: REWARDS })).toEqual({ status: 200, body: { outcome: 'applied' } });
    expect(await grant({ grantId, userId: pat.id, rewards: REWARDS })).toEqual({ status: 200, body: { outcome: 'already-applied' } });
    const expected = { cash: 5, coins: 7, inventory: [{ itemId: 'sword', quantity: 3 }], coupons: [{ couponId: 'half-off', quantity: 1 }] };
    expect(await profileOf(pat.id)).toMatchObject(expected);
    // The player sees it too.
    const me = dataOf(await h.run<{ me: { profile: ProfileData } }>(`{ me { profile { cash coins inventory { itemId quantity } coupons { couponId quantity } } } }`, {}, pat.token)).me;
    expect(me.profile).toEqual(expected);
  });

  test('parallel deliveries of one grant credit it once; a new grant id credits again', async () => {
    const grantId = newId();
    const body = { grantId, userId: pat.id, rewards: [{ kind: 'CURRENCY', currency: 'COIN', amount: 10 }] };
    const results = await Promise.all(Array.from({ length: 5 }, () => grant(body)));
    expect(results.map((r) => (r.body as { outcome: string }).outcome).sort()).toEqual(['already-applied', 'already-applied', 'already-applied', 'already-applied', 'applied']);
    expect((await profileOf(pat.id))?.coins).toBe(10);
    expect((await grant({ ...body, grantId: newId() })).body).toEqual({ outcome: 'applied' });
    expect((await profileOf(pat.id))?.coins).toBe(20);
  });

  test('an unknown user → 404, and the grant id stays usable', async () => {
    const grantId = newId();
    expect((await grant({ grantId, userId: newId(), rewards: REWARDS })).status).toBe(404);
    expect((await grant({ grantId, userId: pat.id, rewards: REWARDS })).body).toEqual({ outcome: 'applied' });
  });

  test.each<[string, unknown]>([
    ['no body', undefined],
    ['no grantId', { userId: 'X', rewards: [] }],
    ['an empty grantId', { grantId: '', rewards: [{ kind: 'CURRENCY', currency: 'CASH', amount: 1 }] }],
    ['a malformed userId', { userId: 'pat', rewards: [{ kind: 'CURRENCY', currency: 'CASH', amount: 1 }] }],
    ['rewards not a list', { rewards: { kind: 'CURRENCY', currency: 'CASH', amount: 1 } }],
    ['an unknown reward kind', { rewards: [{ kind: 'HUG', amount: 1 }] }],
    ['an unknown currency', { rewards: [{ kind: 'CURRENCY', currency: 'GOLD', amount: 1 }] }],
    ['a zero amount', { rewards: [{ kind: 'CURRENCY', currency: 'CASH', amount: 0 }] }],
    ['a negative amount', { rewards: [{ kind: 'CURRENCY', currency: 'CASH', amount: -5 }] }],
    ['a fractional amount', { rewards: [{ kind: 'CURRENCY', currency: 'CASH', amount: 1.5 }] }],
    ['an amount given as a string', { rewards: [{ kind: 'CURRENCY', currency: 'CASH', amount: '5' }] }],
    ['an item id with a dot', { rewards: [{ kind: 'ITEM', itemId: 'a.b', quantity: 1 }] }],
    ['a coupon without an id', { rewards: [{ kind: 'COUPON', quantity: 1 }] }],
    ['one bad reward among good ones', { rewards: [{ kind: 'CURRENCY', currency: 'CASH', amount: 5 }, { kind: 'ITEM', itemId: 'sword', quantity: 0 }] }],
  ])('%s → 400 and nothing credited', async (_case, body) => {
    const payload = body === undefined ? undefined : { grantId: newId(), userId: pat.id, ...(body as Record<string, unknown>) };
    expect((await grant(payload)).status).toBe(400);
    expect(await profileOf(pat.id)).toMatchObject({ cash: 0, coins: 0, inventory: [], coupons: [] });
  });
});

describe('a grant that would pass the balance ceiling', () => {
  test('is refused with 409, credits nothing, and applies once the balance leaves room', async () => {
    await h.app.stores.users.adjustHoldings(pat.id, { cash: 0, coins: 2_000_000_000, items: {}, coupons: {} });
    const body = { grantId: 'g-ceiling', userId: pat.id, rewards: [{ kind: 'CURRENCY', currency: 'COIN', amount: 500_000_000 }, { kind: 'ITEM', itemId: 'gem', quantity: 1 }] };
    const refused = await grant(body);
    expect(refused.status).toBe(409);
    expect(await profileOf(pat.id)).toMatchObject({ coins: 2_000_000_000, inventory: [] });
    await h.app.stores.users.adjustHoldings(pat.id, { cash: 0, coins: -1_000_000_000, items: {}, coupons: {} });
    expect(await grant(body)).toEqual({ status: 200, body: { outcome: 'applied' } });
    expect(await profileOf(pat.id)).toMatchObject({ coins: 1_500_000_000, inventory: [{ itemId: 'gem', quantity: 1 }] });
  });
});
