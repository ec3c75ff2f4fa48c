import { DAY_MS, Role } from '@platform/shared';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { UsersHarness } from '../../../test/support/users-harness';
import { claimsOf, errorField, errorMessage, logIn, MINUTE, PASSWORD, refresh, signUp } from './helpers';

let h: UsersHarness;

beforeEach(async () => {
  h = await UsersHarness.create();
});
afterEach(() => h.stop());

describe('signUp', () => {
  test('creates a player with roles [USER], signed in on the device', async () => {
    const payload = dataOf(await signUp(h, { username: 'Alice.Player-1', deviceId: 'phone' })).signUp;
    const now = h.clock.now().getTime();
    expect(payload.user).toMatchObject({ username: 'Alice.Player-1', roles: ['USER'], bannedUntil: null, createdAt: new Date(now).toISOString() });
    // JWT times are whole seconds.
    const issuedAt = Math.floor(now / 1000) * 1000;
    expect(payload.accessTokenExpiresAt).toBe(new Date(issuedAt + 15 * MINUTE).toISOString());
    expect(claimsOf(payload.accessToken).exp * 1000).toBe(issuedAt + 15 * MINUTE);
    expect(payload.refreshTokenExpiresAt).toBe(new Date(now + 14 * DAY_MS).toISOString());
    expect(claimsOf(payload.accessToken)).toMatchObject({ sub: payload.user.id, roles: ['USER'] });
    // The token works at once, and so does the refresh token.
    expect(dataOf(await h.run<{ me: { id: string } }>(`{ me { id } }`, {}, payload.accessToken)).me.id).toBe(payload.user.id);
    expect(errorCode(await refresh(h, payload.refreshToken))).toBeUndefined();
  });

  test.each([
    ['username too short', { username: 'ab' }, 'input.username'],
    ['username too long', { username: 'a'.repeat(33) }, 'input.username'],
    ['username with a space', { username: 'bad name' }, 'input.username'],
    ['username with a non-ASCII letter', { username: 'émile' }, 'input.username'],
    ['username with an @', { username: 'me@example' }, 'input.username'],
    ['password too short', { username: 'valid_name', password: 'x'.repeat(7) }, 'input.password'],
    ['password too long', { username: 'valid_name', password: 'x'.repeat(129) }, 'input.password'],
    ['empty deviceId', { username: 'valid_name', deviceId: '' }, 'input.deviceId'],
    ['deviceId with a space', { username: 'valid_name', deviceId: 'my phone' }, 'input.deviceId'],
  ])('%s → BAD_USER_INPUT naming the field, and no account', async (_case, credentials, field) => {
    const result = await signUp(h, credentials);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorField(result)).toBe(field);
    expect(result.data).toBeNull();
    expect(await h.app.stores.users.findByUsername(credentials.username)).toBeNull();
  });

  test('the limits themselves are accepted: 3 and 32 character names, 8 and 128 character passwords', async () => {
    for (const credentials of [
      { username: 'abc', password: 'x'.repeat(8) },
      { username: 'z'.repeat(32), password: 'y'.repeat(128) },
      { username: 'a_b.c-D9', password: PASSWORD },
    ]) {
      expect(errorCode(await signUp(h, credentials))).toBeUndefined();
      expect(errorCode(await logIn(h, credentials))).toBeUndefined();
    }
  });

  test('a name taken in any letter case → CONFLICT; the first account keeps its password', async () => {
    await h.signUp('Dora', 'first password');
    for (const username of ['Dora', 'dora', 'DORA']) {
      const result = await signUp(h, { username, password: 'second password' });
      expect(errorCode(result)).toBe('CONFLICT');
      expect(errorMessage(result)).toContain(username);
    }
    expect(errorCode(await logIn(h, { username: 'dora', password: 'second password' }))).toBe('UNAUTHENTICATED');
    const payload = dataOf(await logIn(h, { username: 'dora', password: 'first password' })).logIn;
    expect(payload.user.username).toBe('Dora');
  });

  test('ten parallel signUps of one name: exactly one account, the rest CONFLICT', async () => {
    const attempts = Array.from({ length: 10 }, (_, i) => ({ username: i % 2 ? 'racer' : 'RACER', password: `password number ${i}` }));
    const results = await Promise.all(attempts.map((credentials) => signUp(h, credentials)));
    const winners = results.flatMap((result, i) => (result.data?.signUp ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => errorCode(result) === 'CONFLICT')).toHaveLength(9);
    const winner = attempts[winners[0]!]!;
    const loser = attempts[(winners[0]! + 1) % 10]!;
    expect(errorCode(await logIn(h, { username: 'racer', password: winner.password }))).toBeUndefined();
    expect(errorCode(await logIn(h, { username: 'racer', password: loser.password }))).toBe('UNAUTHENTICATED');
    expect((await h.app.stores.users.list({ limit: 100 })).filter((user) => user.username.toLowerCase() === 'racer')).toHaveLength(1);
  });
});

describe('logIn', () => {
  test('unknown user and wrong password give the same UNAUTHENTICATED answer', async () => {
    await h.signUp('erin');
    const wrongPassword = await logIn(h, { username: 'erin', password: 'not the password' });
    const unknownUser = await logIn(h, { username: 'nobody_here', password: 'not the password' });
    expect(errorCode(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknownUser)).toBe('UNAUTHENTICATED');
    expect(errorMessage(wrongPassword)).toBe(errorMessage(unknownUser));
    expect(wrongPassword.data).toBeNull();
  });

  test('a refused log-in does not count as a login', async () => {
    const { token } = await h.signUp('frank');
    await logIn(h, { username: 'frank', password: 'not the password' });
    const me = dataOf(await h.run<{ me: { profile: { loginStats: { totalLogins: number } } } }>(`{ me { profile { loginStats { totalLogins } } } }`, {}, token)).me;
    // Only the sign-up's play session.
    expect(me.profile.loginStats.totalLogins).toBe(1);
  });

  test('the username is matched in any letter case and the stored spelling is returned', async () => {
    await h.signUp('GwenStacy');
    const payload = dataOf(await logIn(h, { username: 'gwenstacy' })).logIn;
    expect(payload.user).toMatchObject({ username: 'GwenStacy', roles: ['USER'] });
  });

  test('a banned player gets FORBIDDEN naming the end of the ban; a wrong password still says nothing of it', async () => {
    const harry = await h.signUp('harry');
    const admin = await h.userWithRoles('ban_admin', [Role.ADMIN]);
    const until = new Date(h.clock.now().getTime() + 3 * DAY_MS);
    const banned = await h.run(`mutation($id: ID!, $until: DateTime) { banUser(userId: $id, until: $until) { bannedUntil } }`, { id: harry.id, until: until.toISOString() }, admin.token);
    expect(errorCode(banned)).toBeUndefined();

    const refused = await logIn(h, { username: 'harry' });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(errorMessage(refused)).toContain(until.toISOString());
    expect(errorCode(await logIn(h, { username: 'harry', password: 'not the password' }))).toBe('UNAUTHENTICATED');

    // The ban ends by itself.
    h.clock.advance(3 * DAY_MS + 1000);
    expect(errorCode(await logIn(h, { username: 'harry' }))).toBeUndefined();
  });

  test('deviceId defaults to "default": it replaces the session signUp opened there', async () => {
    const signed = await h.signUp('ivy');
    const payload = dataOf(await logIn(h, { username: 'ivy' })).logIn;
    expect(errorCode(await refresh(h, signed.refreshToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(h, payload.refreshToken))).toBeUndefined();
    // logOut's default is the same device.
    const again = dataOf(await logIn(h, { username: 'ivy' })).logIn;
    expect(dataOf(await h.run<{ logOut: boolean }>(`mutation { logOut }`, {}, again.accessToken)).logOut).toBe(true);
    expect(errorCode(await refresh(h, again.refreshToken))).toBe('UNAUTHENTICATED');
  });

  test('a new log-in on the same device replaces its session; other devices keep theirs', async () => {
    await h.signUp('jack');
    const phone1 = dataOf(await logIn(h, { username: 'jack', deviceId: 'phone' })).logIn;
    const laptop = dataOf(await logIn(h, { username: 'jack', deviceId: 'laptop' })).logIn;
    const phone2 = dataOf(await logIn(h, { username: 'jack', deviceId: 'phone' })).logIn;
    expect(claimsOf(phone2.accessToken).sid).not.toBe(claimsOf(phone1.accessToken).sid);
    expect(errorCode(await refresh(h, phone1.refreshToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(h, phone2.refreshToken))).toBeUndefined();
    expect(errorCode(await refresh(h, laptop.refreshToken))).toBeUndefined();
  });

  test('parallel log-ins on one device leave one live session there', async () => {
    await h.signUp('kurt', undefined, 'laptop');
    const payloads = (await Promise.all(Array.from({ length: 4 }, () => logIn(h, { username: 'kurt', deviceId: 'phone' })))).map((result) => dataOf(result).logIn);
    const working = [];
    for (const payload of payloads) if (errorCode(await refresh(h, payload.refreshToken)) === undefined) working.push(payload);
    expect(working).toHaveLength(1);
  });

  test('bad input is refused before any password check', async () => {
    const result = await logIn(h, { username: 'x', password: 'short' });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorField(result)).toBe('input.username');
  });
});
