import { startTestPlatform, TEST_ADMIN, type TestPlatform } from '../support/platform';
import { dataOf, errorCode } from '../support/graphql-result';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.stop());

const REFRESH = `mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken user { username roles } } }`;
const ME = `{ me { id username roles bannedUntil profile { cash coins inventory { itemId quantity } coupons { couponId quantity } loginStats { totalLogins loginDays currentStreak } } } }`;

test('sign up, log in, read my profile through the gateway', async () => {
  const signedUp = await platform.signUp('e2e_alice');
  const me = dataOf(await platform.request<{ me: { username: string; roles: string[]; profile: { cash: number; loginStats: { totalLogins: number } } } }>(ME, {}, signedUp.token)).me;
  expect(me).toMatchObject({ username: 'e2e_alice', roles: ['USER'], profile: { cash: 0, loginStats: { totalLogins: 1 } } }); // signUp is a play session
  const loggedIn = await platform.logIn('e2e_alice');
  const after = dataOf(await platform.request<{ me: { profile: { loginStats: { totalLogins: number; loginDays: number; currentStreak: number } } } }>(ME, {}, loggedIn.token)).me;
  expect(after.profile.loginStats).toEqual({ totalLogins: 2, loginDays: 1, currentStreak: 1 });
  expect(errorCode(await platform.request(ME))).toBe('UNAUTHENTICATED');
});

test('wrong password and unknown user look the same', async () => {
  await platform.signUp('e2e_bob');
  const wrong = await platform.request(`mutation { logIn(input: { username: "e2e_bob", password: "not the password" }) { accessToken } }`);
  const unknown = await platform.request(`mutation { logIn(input: { username: "e2e_nobody", password: "not the password" }) { accessToken } }`);
  expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
  expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
});

test('refresh rotates the token; replaying a rotated token revokes the session', async () => {
  const session = await platform.signUp('e2e_carol');
  const rotated = dataOf(await platform.request<{ refreshSession: { refreshToken: string; accessToken: string } }>(REFRESH, { token: session.refreshToken })).refreshSession;
  expect(rotated.refreshToken).not.toBe(session.refreshToken);
  const replay = await platform.request(REFRESH, { token: session.refreshToken });
  expect(errorCode(replay)).toBe('UNAUTHENTICATED');
  expect(replay.errors?.[0]?.message).toMatch(/already used/);
  // The thief's replay ended the session for the legitimate holder too.
  expect(errorCode(await platform.request(REFRESH, { token: rotated.refreshToken }))).toBe('UNAUTHENTICATED');
});

test('logOut ends only that device; revokeSessions ends all', async () => {
  await platform.signUp('e2e_dave');
  const phone = await platform.logIn('e2e_dave', undefined, 'phone');
  const laptop = await platform.logIn('e2e_dave', undefined, 'laptop');
  expect(dataOf(await platform.request<{ logOut: boolean }>(`mutation { logOut(deviceId: "phone") }`, {}, phone.token)).logOut).toBe(true);
  expect(errorCode(await platform.request(REFRESH, { token: phone.refreshToken }))).toBe('UNAUTHENTICATED');
  const stillIn = dataOf(await platform.request<{ refreshSession: { refreshToken: string } }>(REFRESH, { token: laptop.refreshToken })).refreshSession;

  const admin = await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password);
  const revoked = dataOf(await platform.request<{ revokeSessions: number }>(`mutation($id: ID!) { revokeSessions(userId: $id) }`, { id: laptop.id }, admin.token));
  expect(revoked.revokeSessions).toBeGreaterThanOrEqual(1);
  expect(errorCode(await platform.request(REFRESH, { token: stillIn.refreshToken }))).toBe('UNAUTHENTICATED');
});

test('an admin grants a role; it takes effect at the next refresh', async () => {
  const erin = await platform.signUp('e2e_erin');
  const admin = await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password);
  const updated = dataOf(await platform.request<{ setRoles: { roles: string[] } }>(`mutation($id: ID!) { setRoles(userId: $id, roles: [USER, OPERATOR]) { roles } }`, { id: erin.id }, admin.token));
  expect(updated.setRoles.roles).toEqual(['USER', 'OPERATOR']);
  const CREATE = `mutation { createEvent(input: { title: "Erin's event", startsAt: "${new Date(Date.now() - 1000).toISOString()}", endsAt: "${new Date(Date.now() + 86_400_000).toISOString()}", rewards: [{ coupon: { couponId: "c1", quantity: 1 } }] }) { id } }`;
  expect(errorCode(await platform.request(CREATE, {}, erin.token))).toBe('FORBIDDEN');
  const refreshed = dataOf(await platform.request<{ refreshSession: { accessToken: string; user: { roles: string[] } } }>(REFRESH, { token: erin.refreshToken })).refreshSession;
  expect(dataOf(await platform.request<{ createEvent: { id: string } }>(CREATE, {}, refreshed.accessToken)).createEvent.id).toBeTruthy();
  // Players cannot hand out roles.
  expect(errorCode(await platform.request(`mutation($id: ID!) { setRoles(userId: $id, roles: [ADMIN]) { id } }`, { id: erin.id }, erin.token))).toBe('FORBIDDEN');
});

test('a banned player cannot log in or refresh until the ban is lifted', async () => {
  const frank = await platform.signUp('e2e_frank');
  const admin = await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password);
  const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
  dataOf(await platform.request(`mutation($id: ID!, $until: DateTime) { banUser(userId: $id, until: $until) { bannedUntil } }`, { id: frank.id, until }, admin.token));
  const login = await platform.request(`mutation { logIn(input: { username: "e2e_frank", password: "correct horse battery" }) { accessToken } }`);
  expect(errorCode(login)).toBe('FORBIDDEN');
  expect(login.errors?.[0]?.message).toContain(until);
  expect(errorCode(await platform.request(REFRESH, { token: frank.refreshToken }))).toBe('UNAUTHENTICATED');
  dataOf(await platform.request(`mutation($id: ID!) { banUser(userId: $id, until: null) { bannedUntil } }`, { id: frank.id }, admin.token));
  expect((await platform.logIn('e2e_frank')).token).toBeTruthy();
});

test('operators adjust holdings; nothing goes below zero', async () => {
  const gina = await platform.signUp('e2e_gina');
  const admin = await platform.logIn(TEST_ADMIN.username, TEST_ADMIN.password);
  const ADJUST = `mutation($id: ID!, $input: HoldingsAdjustmentInput!) { adjustHoldings(userId: $id, input: $input) { cash coins inventory { itemId quantity } coupons { couponId quantity } } }`;
  const credited = dataOf(await platform.request<{ adjustHoldings: unknown }>(ADJUST, { id: gina.id, input: { cash: 50, coins: 7, items: [{ itemId: 'potion', quantity: 3 }], coupons: [{ couponId: 'vip', quantity: 1 }], note: 'support ticket 1' } }, admin.token));
  expect(credited.adjustHoldings).toEqual({ cash: 50, coins: 7, inventory: [{ itemId: 'potion', quantity: 3 }], coupons: [{ couponId: 'vip', quantity: 1 }] });
  const refused = await platform.request(ADJUST, { id: gina.id, input: { cash: -10, items: [{ itemId: 'potion', quantity: -4 }] } }, admin.token);
  expect(errorCode(refused)).toBe('BAD_USER_INPUT');
  const me = dataOf(await platform.request<{ me: { profile: unknown } }>(ME, {}, gina.token)).me.profile;
  expect(me).toMatchObject({ cash: 50, inventory: [{ itemId: 'potion', quantity: 3 }] });
  expect(errorCode(await platform.request(ADJUST, { id: gina.id, input: { cash: 1 } }, gina.token))).toBe('FORBIDDEN');
});

test('GET /health reports the gateway and both subgraphs', async () => {
  const health = (await (await fetch(new URL('/health', platform.url))).json()) as Record<string, unknown>;
  expect(health).toMatchObject({ status: 'ok', gateway: 'ok', subgraphs: { users: 'ok', events: 'ok' } });
});

test('internal errors are masked; protocol errors keep their code', async () => {
  const invalid = await platform.request(`{ nonsense }`);
  expect(errorCode(invalid)).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(JSON.stringify(invalid)).not.toMatch(/stack|at Object|node_modules/);
  const csrf = await fetch(`${platform.url}?query=${encodeURIComponent('{ __typename }')}`);
  expect(csrf.status).toBe(400);
});

test('a malformed request line is answered with 400 and the gateway keeps serving', async () => {
  const { port, hostname } = new URL(platform.url);
  const { connect } = await import('node:net');
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
  expect(reply).toMatch(/^HTTP\/1\.1 400/);
  const health = await fetch(new URL('/health', platform.url));
  expect(health.status).toBe(200);
});
