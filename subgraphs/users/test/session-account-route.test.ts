import { Role } from '@platform/shared';
import { dataOf } from '../../../test/support/graphql-result';
import { UsersHarness } from '../../../test/support/users-harness';
import { INTERNAL_SESSION_ACCOUNT_PATH } from '../src/internal-routes';
import { asService, callInternal, claimsOf } from './helpers';

let h: UsersHarness;
beforeEach(async () => {
  h = await UsersHarness.create();
});
afterEach(() => h.stop());

/** The session id inside an access token (its `sid` claim). */
const sessionOf = (token: string): string => claimsOf(token).sid;

const ask = (userId: string, sessionId: string, headers: Record<string, string> = asService) => callInternal(h, INTERNAL_SESSION_ACCOUNT_PATH, { userId, sessionId }, headers);

test('answers the account behind a live session, and null once the session is logged out or revoked', async () => {
  const operator = await h.userWithRoles('op_session', [Role.USER, Role.OPERATOR]);
  const live = await ask(operator.id, sessionOf(operator.token));
  expect(live).toEqual({ status: 200, body: { account: { roles: [Role.USER, Role.OPERATOR], bannedUntil: null } } });

  dataOf(await h.run(`mutation { logOut }`, {}, operator.token));
  expect((await ask(operator.id, sessionOf(operator.token))).body).toEqual({ account: null });

  const admin = await h.userWithRoles('admin_session', [Role.USER, Role.ADMIN]);
  const again = await h.run<{ logIn: { accessToken: string } }>(`mutation { logIn(input: { username: "op_session", password: "correct horse battery" }) { accessToken } }`);
  const token = dataOf(again).logIn.accessToken;
  expect((await ask(operator.id, sessionOf(token))).body).not.toEqual({ account: null });
  dataOf(await h.run(`mutation($id: ID!) { revokeSessions(userId: $id) }`, { id: operator.id }, admin.token));
  expect((await ask(operator.id, sessionOf(token))).body).toEqual({ account: null });
});

test('a session of another user does not count', async () => {
  const a = await h.signUp('session_a');
  const b = await h.signUp('session_b');
  expect((await ask(a.id, sessionOf(b.token))).body).toEqual({ account: null });
});

test('needs the service credential and a well-formed body', async () => {
  const user = await h.signUp('session_c');
  expect((await ask(user.id, sessionOf(user.token), {})).status).toBe(401);
  expect((await callInternal(h, INTERNAL_SESSION_ACCOUNT_PATH, { userId: 'nope' })).status).toBe(400);
});
