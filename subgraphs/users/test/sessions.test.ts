import { DAY_MS, newId, Role } from '@platform/shared';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { UsersHarness } from '../../../test/support/users-harness';
import { claimsOf, errorMessage, logIn, MINUTE, refresh } from './helpers';

let adminCount = 0;
/** A real ADMIN account with a live session: admin mutations re-check both. */
const realAdmin = () => h.userWithRoles(`session_admin_${++adminCount}`, [Role.USER, Role.ADMIN]);

let h: UsersHarness;

beforeEach(async () => {
  h = await UsersHarness.create();
});
afterEach(() => h.stop());

const ok = async (refreshToken: string) => dataOf(await refresh(h, refreshToken)).refreshSession;

describe('refreshSession', () => {
  test('rotates: each refresh returns a new token for the same session, with fresh expiries', async () => {
    const nina = await h.signUp('nina');
    h.clock.advance(10 * MINUTE);
    const first = await ok(nina.refreshToken);
    expect(first.refreshToken).not.toBe(nina.refreshToken);
    expect(first.user).toMatchObject({ id: nina.id, username: 'nina', roles: ['USER'] });
    const now = h.clock.now().getTime();
    expect(first.refreshTokenExpiresAt).toBe(new Date(now + 14 * DAY_MS).toISOString());
    expect(first.accessTokenExpiresAt).toBe(new Date(Math.floor(now / 1000) * 1000 + 15 * MINUTE).toISOString());
    // Same session (sid), new access token that works.
    expect(claimsOf(first.accessToken)).toMatchObject({ sub: nina.id, sid: claimsOf(nina.token).sid });
    expect(dataOf(await h.run<{ me: { id: string } }>(`{ me { id } }`, {}, first.accessToken)).me.id).toBe(nina.id);
    const second = await ok(first.refreshToken);
    expect(new Set([nina.refreshToken, first.refreshToken, second.refreshToken]).size).toBe(3);
    expect(errorCode(await refresh(h, second.refreshToken))).toBeUndefined();
  });

  test('presenting a token that was already rotated revokes the session: even the newest token fails', async () => {
    const oscar = await h.signUp('oscar');
    const rotated = await ok(oscar.refreshToken);
    const newest = await ok(rotated.refreshToken);
    const replay = await refresh(h, oscar.refreshToken);
    expect(errorCode(replay)).toBe('UNAUTHENTICATED');
    expect(errorMessage(replay)).toMatch(/already used/);
    const legitimate = await refresh(h, newest.refreshToken);
    expect(errorCode(legitimate)).toBe('UNAUTHENTICATED');
    expect(await h.app.stores.sessions.findById(claimsOf(oscar.token).sid)).toBeNull();
    // A new log-in starts over.
    expect(errorCode(await logIn(h, { username: 'oscar' }))).toBeUndefined();
  });

  test('the same token presented twice at once: one refresh wins, the session is then revoked', async () => {
    const pia = await h.signUp('pia');
    const results = await Promise.all([refresh(h, pia.refreshToken), refresh(h, pia.refreshToken)]);
    const winners = results.filter((result) => errorCode(result) === undefined);
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => errorCode(result) === 'UNAUTHENTICATED')).toHaveLength(1);
    // The second presentation was a reuse: the winner's token is dead too.
    expect(errorCode(await refresh(h, winners[0]!.data!.refreshSession.refreshToken))).toBe('UNAUTHENTICATED');
  });

  test('a token with the right session id but a wrong secret is refused and does not end the session', async () => {
    const quinn = await h.signUp('quinn');
    const [sessionId] = quinn.refreshToken.split('.');
    const forged = await refresh(h, `${sessionId}.${'A'.repeat(43)}`);
    expect(errorCode(forged)).toBe('UNAUTHENTICATED');
    expect(errorMessage(forged)).not.toMatch(/already used/);
    expect(errorCode(await refresh(h, quinn.refreshToken))).toBeUndefined();
  });

  test.each([
    ['a word', 'garbage'],
    ['an empty string', ''],
    ['a lone dot', '.'],
    ['dotted nonsense', 'a.b.c'],
    ['an unknown session id', `${newId()}.whatever`],
    ['a very long string', 'x'.repeat(5000)],
  ])('%s → UNAUTHENTICATED', async (_case, token) => {
    const result = await refresh(h, token);
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect(result.data).toBeNull();
  });

  test('expires REFRESH_TOKEN_TTL_DAYS (14) after it was issued', async () => {
    const rosa = await h.signUp('rosa');
    const sam = await h.signUp('sam');
    h.clock.advance(14 * DAY_MS - MINUTE);
    expect(errorCode(await refresh(h, rosa.refreshToken))).toBeUndefined();
    h.clock.advance(2 * MINUTE);
    const expired = await refresh(h, sam.refreshToken);
    expect(errorCode(expired)).toBe('UNAUTHENTICATED');
    expect(errorMessage(expired)).toMatch(/expired/);
  });

  test('rotation slides the expiry: a session refreshed in time lives on', async () => {
    let token = (await h.signUp('tara')).refreshToken;
    for (let i = 0; i < 3; i++) {
      h.clock.advance(10 * DAY_MS);
      token = (await ok(token)).refreshToken;
    }
    h.clock.advance(14 * DAY_MS + MINUTE);
    expect(errorMessage(await refresh(h, token))).toMatch(/expired/);
  });

  test('REFRESH_TOKEN_TTL_DAYS configures the lifetime', async () => {
    await h.stop();
    h = await UsersHarness.create({ env: { REFRESH_TOKEN_TTL_DAYS: '1' } });
    const uma = await h.signUp('uma');
    const payload = dataOf(await logIn(h, { username: 'uma', deviceId: 'tablet' })).logIn;
    expect(payload.refreshTokenExpiresAt).toBe(new Date(h.clock.now().getTime() + DAY_MS).toISOString());
    h.clock.advance(DAY_MS + MINUTE);
    expect(errorCode(await refresh(h, uma.refreshToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(h, payload.refreshToken))).toBe('UNAUTHENTICATED');
  });

  test('a banned player cannot refresh: FORBIDDEN naming the end of the ban', async () => {
    // The ban lands while a session still exists (a log-in racing the ban); refresh is the backstop.
    const vera = await h.signUp('vera');
    const until = new Date(h.clock.now().getTime() + 2 * DAY_MS);
    await h.app.stores.users.setBannedUntil(vera.id, until);
    const refused = await refresh(h, vera.refreshToken);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(errorMessage(refused)).toContain(until.toISOString());
  });

  test('banUser ends the sessions outright: refresh is UNAUTHENTICATED', async () => {
    const walt = await h.signUp('walt');
    const until = new Date(h.clock.now().getTime() + DAY_MS).toISOString();
    expect(errorCode(await h.run(`mutation($id: ID!, $u: DateTime) { banUser(userId: $id, until: $u) { id } }`, { id: walt.id, u: until }, (await realAdmin()).token))).toBeUndefined();
    expect(errorCode(await refresh(h, walt.refreshToken))).toBe('UNAUTHENTICATED');
  });

  test('new roles reach the token at the next refresh; the old access token keeps the old roles', async () => {
    const xena = await h.signUp('xena');
    const admin = (await realAdmin());
    const set = await h.run(`mutation($id: ID!) { setRoles(userId: $id, roles: [USER, OPERATOR]) { roles } }`, { id: xena.id }, admin.token);
    expect(dataOf(set)).toEqual({ setRoles: { roles: ['USER', 'OPERATOR'] } });

    expect(claimsOf(xena.token).roles).toEqual([Role.USER]);
    const ADJUST = `mutation($id: ID!) { adjustHoldings(userId: $id, input: { coins: 5, note: "test" }) { coins } }`;
    expect(errorCode(await h.run(ADJUST, { id: xena.id }, xena.token))).toBe('FORBIDDEN');

    const refreshed = await ok(xena.refreshToken);
    expect(refreshed.user.roles).toEqual(['USER', 'OPERATOR']);
    expect(claimsOf(refreshed.accessToken).roles).toEqual([Role.USER, Role.OPERATOR]);
    expect(dataOf(await h.run(ADJUST, { id: xena.id }, refreshed.accessToken))).toEqual({ adjustHoldings: { coins: 5 } });
    // The token issued before the change still says USER only.
    expect(errorCode(await h.run(ADJUST, { id: xena.id }, xena.token))).toBe('FORBIDDEN');
  });
});

describe('logOut', () => {
  test('ends only that device; other devices keep refreshing', async () => {
    await h.signUp('yara');
    const phone = dataOf(await logIn(h, { username: 'yara', deviceId: 'phone' })).logIn;
    const laptop = dataOf(await logIn(h, { username: 'yara', deviceId: 'laptop' })).logIn;
    const result = await h.run<{ logOut: boolean }>(`mutation { logOut(deviceId: "phone") }`, {}, phone.accessToken);
    expect(dataOf(result).logOut).toBe(true);
    expect(errorCode(await refresh(h, phone.refreshToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(h, laptop.refreshToken))).toBeUndefined();
  });

  test('returns false when that device had no session (and when called again)', async () => {
    const zoe = await h.signUp('zoe', undefined, 'phone');
    expect(dataOf(await h.run<{ logOut: boolean }>(`mutation { logOut(deviceId: "watch") }`, {}, zoe.token)).logOut).toBe(false);
    expect(dataOf(await h.run<{ logOut: boolean }>(`mutation { logOut(deviceId: "phone") }`, {}, zoe.token)).logOut).toBe(true);
    expect(dataOf(await h.run<{ logOut: boolean }>(`mutation { logOut(deviceId: "phone") }`, {}, zoe.token)).logOut).toBe(false);
  });

  test("ends the caller's own session only: another player's device of the same name is untouched", async () => {
    const amy = await h.signUp('amy_a');
    const ben = await h.signUp('ben_b');
    expect(dataOf(await h.run<{ logOut: boolean }>(`mutation { logOut }`, {}, amy.token)).logOut).toBe(true);
    expect(errorCode(await refresh(h, ben.refreshToken))).toBeUndefined();
  });

  test('a malformed deviceId → BAD_USER_INPUT', async () => {
    const cleo = await h.signUp('cleo');
    const result = await h.run(`mutation { logOut(deviceId: "") }`, {}, cleo.token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });
});

describe('revokeSessions', () => {
  test('ends every session of the user and returns how many; the next call returns 0', async () => {
    await h.signUp('dan_d', undefined, 'phone');
    const laptop = dataOf(await logIn(h, { username: 'dan_d', deviceId: 'laptop' })).logIn;
    const tablet = dataOf(await logIn(h, { username: 'dan_d', deviceId: 'tablet' })).logIn;
    const other = await h.signUp('eve_e');
    const admin = (await realAdmin());
    const REVOKE = `mutation($id: ID!) { revokeSessions(userId: $id) }`;
    expect(dataOf(await h.run(REVOKE, { id: laptop.user.id }, admin.token))).toEqual({ revokeSessions: 3 });
    expect(errorCode(await refresh(h, laptop.refreshToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(h, tablet.refreshToken))).toBe('UNAUTHENTICATED');
    expect(dataOf(await h.run(REVOKE, { id: laptop.user.id }, admin.token))).toEqual({ revokeSessions: 0 });
    // Nobody else is affected.
    expect(errorCode(await refresh(h, other.refreshToken))).toBeUndefined();
  });

  test.each([
    ['a well-formed id nobody has', newId()],
    ['a malformed id', 'not-an-id'],
  ])('%s → NOT_FOUND', async (_case, id) => {
    const result = await h.run(`mutation($id: ID!) { revokeSessions(userId: $id) }`, { id }, (await realAdmin()).token);
    expect(errorCode(result)).toBe('NOT_FOUND');
  });
});
