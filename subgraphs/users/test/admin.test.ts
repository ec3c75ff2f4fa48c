import { DAY_MS, newId, Role } from '@platform/shared';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { auditor, callerWith } from '../../../test/support/tokens';
import { UsersHarness } from '../../../test/support/users-harness';
import { errorField, errorMessage, logIn, MINUTE, refresh } from './helpers';

let h: UsersHarness;
let admin: { id: string; token: string };

beforeEach(async () => {
  h = await UsersHarness.create();
  // A real account with a live session: admin mutations re-check the caller's account.
  admin = await h.userWithRoles('the_admin', [Role.USER, Role.ADMIN]);
});
afterEach(() => h.stop());

const SET_ROLES = `mutation($id: ID!, $roles: [Role!]!) { setRoles(userId: $id, roles: $roles) { id roles } }`;
const BAN = `mutation($id: ID!, $until: DateTime) { banUser(userId: $id, until: $until) { id bannedUntil } }`;
const inDays = (days: number) => new Date(h.clock.now().getTime() + days * DAY_MS).toISOString();

describe('setRoles', () => {
  test('replaces the roles (duplicates dropped) and returns the user', async () => {
    const fay = await h.signUp('fay');
    const result = await h.run(SET_ROLES, { id: fay.id, roles: ['AUDITOR', 'OPERATOR', 'AUDITOR'] }, admin.token);
    expect(dataOf(result)).toEqual({ setRoles: { id: fay.id, roles: ['AUDITOR', 'OPERATOR'] } });
    expect((await h.app.stores.users.findById(fay.id))?.roles).toEqual([Role.AUDITOR, Role.OPERATOR]);
    // The next log-in carries them.
    const payload = dataOf(await logIn(h, { username: 'fay' })).logIn;
    expect(payload.user.roles).toEqual(['AUDITOR', 'OPERATOR']);
  });

  test('no roles at all → BAD_USER_INPUT, roles unchanged', async () => {
    const gus = await h.signUp('gus');
    const result = await h.run(SET_ROLES, { id: gus.id, roles: [] }, admin.token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorField(result)).toBe('roles');
    expect((await h.app.stores.users.findById(gus.id))?.roles).toEqual([Role.USER]);
  });

  test('an unknown role name is refused by the schema', async () => {
    const hal = await h.signUp('hal');
    const result = await h.run(SET_ROLES, { id: hal.id, roles: ['GOD'] }, admin.token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect((await h.app.stores.users.findById(hal.id))?.roles).toEqual([Role.USER]);
  });

  test('the last ADMIN cannot lose ADMIN (CONFLICT); with a second ADMIN it can', async () => {
    const refused = await h.run(SET_ROLES, { id: admin.id, roles: ['USER'] }, admin.token);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect((await h.app.stores.users.findById(admin.id))?.roles).toEqual([Role.USER, Role.ADMIN]);

    const deputy = await h.signUp('deputy');
    expect(dataOf(await h.run(SET_ROLES, { id: deputy.id, roles: ['ADMIN'] }, admin.token))).toEqual({ setRoles: { id: deputy.id, roles: ['ADMIN'] } });
    expect(dataOf(await h.run(SET_ROLES, { id: admin.id, roles: ['USER'] }, admin.token))).toEqual({ setRoles: { id: admin.id, roles: ['USER'] } });
    // The demoted admin's access token still says ADMIN, but the account no longer does.
    const stale = await h.run(SET_ROLES, { id: deputy.id, roles: ['OPERATOR'] }, admin.token);
    expect(errorCode(stale)).toBe('FORBIDDEN');
    expect(stale.errors?.[0]?.message).toMatch(/roles have changed/);
    // Now the deputy is the last one, and cannot step down either.
    const deputyToken = dataOf(await logIn(h, { username: 'deputy', password: 'correct horse battery' })).logIn.accessToken;
    expect(errorCode(await h.run(SET_ROLES, { id: deputy.id, roles: ['OPERATOR'] }, deputyToken))).toBe('CONFLICT');
  });

  test("a demoted, banned or logged-out admin's unexpired token no longer works for admin mutations", async () => {
    const mallory = await h.userWithRoles('mallory_admin', [Role.USER, Role.ADMIN]);
    // Demoted: cannot make themself ADMIN again with the old token.
    dataOf(await h.run(SET_ROLES, { id: mallory.id, roles: ['USER'] }, admin.token));
    const comeback = await h.run(SET_ROLES, { id: mallory.id, roles: ['USER', 'ADMIN'] }, mallory.token);
    expect(errorCode(comeback)).toBe('FORBIDDEN');
    expect((await h.app.stores.users.findById(mallory.id))?.roles).toEqual([Role.USER]);

    const trent = await h.userWithRoles('trent_admin', [Role.USER, Role.ADMIN]);
    dataOf(await h.run(BAN, { id: trent.id, until: inDays(1) }, admin.token));
    expect(errorCode(await h.run(BAN, { id: admin.id, until: inDays(1) }, trent.token))).toBe('UNAUTHENTICATED');

    const olive = await h.userWithRoles('olive_admin', [Role.USER, Role.ADMIN]);
    dataOf(await h.run(`mutation { logOut }`, {}, olive.token));
    expect(errorCode(await h.run(`mutation($id: ID!) { revokeSessions(userId: $id) }`, { id: admin.id }, olive.token))).toBe('UNAUTHENTICATED');
  });

  test('keeping ADMIN among other roles is fine for the last ADMIN', async () => {
    const result = await h.run(SET_ROLES, { id: admin.id, roles: ['ADMIN', 'AUDITOR'] }, admin.token);
    expect(dataOf(result)).toEqual({ setRoles: { id: admin.id, roles: ['ADMIN', 'AUDITOR'] } });
  });

  test.each([
    ['a well-formed id nobody has', newId()],
    ['a malformed id', 'nope'],
  ])('%s → NOT_FOUND', async (_case, id) => {
    expect(errorCode(await h.run(SET_ROLES, { id, roles: ['USER'] }, admin.token))).toBe('NOT_FOUND');
  });
});

describe('banUser', () => {
  test('a ban shows on the user, refuses log-in, and ends every session', async () => {
    const ike = await h.signUp('ike', undefined, 'phone');
    const laptop = dataOf(await logIn(h, { username: 'ike', deviceId: 'laptop' })).logIn;
    const until = inDays(7);
    expect(dataOf(await h.run(BAN, { id: ike.id, until }, admin.token))).toEqual({ banUser: { id: ike.id, bannedUntil: until } });
    expect(errorCode(await refresh(h, ike.refreshToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(h, laptop.refreshToken))).toBe('UNAUTHENTICATED');
    const refused = await logIn(h, { username: 'ike' });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(errorMessage(refused)).toContain(until);
    const seen = await h.run<{ user: { bannedUntil: string } }>(`query($id: ID!) { user(id: $id) { bannedUntil } }`, { id: ike.id }, auditor().token);
    expect(dataOf(seen).user.bannedUntil).toBe(until);
  });

  test('null lifts the ban: the player can log in again', async () => {
    const jon = await h.signUp('jon');
    dataOf(await h.run(BAN, { id: jon.id, until: inDays(30) }, admin.token));
    expect(dataOf(await h.run(BAN, { id: jon.id, until: null }, admin.token))).toEqual({ banUser: { id: jon.id, bannedUntil: null } });
    expect(errorCode(await logIn(h, { username: 'jon' }))).toBeUndefined();
    // Omitting until means null too.
    dataOf(await h.run(BAN, { id: jon.id, until: inDays(1) }, admin.token));
    expect(dataOf(await h.run(`mutation($id: ID!) { banUser(userId: $id) { bannedUntil } }`, { id: jon.id }, admin.token))).toEqual({ banUser: { bannedUntil: null } });
  });

  test('a date in the past, or now, → BAD_USER_INPUT and no ban', async () => {
    const kai = await h.signUp('kai');
    for (const until of [new Date(h.clock.now().getTime() - MINUTE).toISOString(), h.clock.now().toISOString()]) {
      const result = await h.run(BAN, { id: kai.id, until }, admin.token);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(errorField(result)).toBe('until');
    }
    expect((await h.app.stores.users.findById(kai.id))?.bannedUntil).toBeNull();
    expect(errorCode(await refresh(h, kai.refreshToken))).toBeUndefined();
  });

  test('a date that is not ISO-8601 with a zone → BAD_USER_INPUT', async () => {
    const lea = await h.signUp('lea');
    const future = inDays(2);
    // A bare date, a date-time without a zone, epoch seconds, a word.
    for (const until of [future.slice(0, 10), future.slice(0, 19), String(Math.floor(Date.parse(future) / 1000)), 'tomorrow']) {
      expect(errorCode(await h.run(BAN, { id: lea.id, until }, admin.token))).toBe('BAD_USER_INPUT');
    }
  });

  test('an admin cannot ban themself', async () => {
    const result = await h.run(BAN, { id: admin.id, until: inDays(1) }, admin.token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorField(result)).toBe('userId');
    expect((await h.app.stores.users.findById(admin.id))?.bannedUntil).toBeNull();
  });

  test('an unknown user → NOT_FOUND', async () => {
    expect(errorCode(await h.run(BAN, { id: newId(), until: inDays(1) }, admin.token))).toBe('NOT_FOUND');
    expect(errorCode(await h.run(BAN, { id: 'nope', until: null }, admin.token))).toBe('NOT_FOUND');
  });
});

describe('users (the directory for auditors and admins)', () => {
  interface UsersPage {
    users: { edges: { cursor: string; node: { id: string; username: string; roles: string[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  }
  const USERS = `query($role: Role, $first: Int, $after: String) {
    users(role: $role, first: $first, after: $after) { edges { cursor node { id username roles } } pageInfo { hasNextPage endCursor } }
  }`;

  async function allPages(variables: Record<string, unknown>): Promise<string[]> {
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result: UsersPage = dataOf(await h.run<UsersPage>(USERS, { ...variables, after }, auditor().token));
      names.push(...result.users.edges.map((edge) => edge.node.username));
      if (!result.users.pageInfo.hasNextPage) return names;
      after = result.users.pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  }

  test('pages oldest first without gaps or repeats; role filters', async () => {
    for (const name of ['u_one', 'u_two', 'u_three', 'u_four']) await h.signUp(name);
    await h.app.stores.users.setRoles((await h.app.stores.users.findByUsername('u_three'))!.id, [Role.USER, Role.OPERATOR]);
    expect(await allPages({ first: 2 })).toEqual(['the_admin', 'u_one', 'u_two', 'u_three', 'u_four']);
    expect(await allPages({ first: 1, role: 'USER' })).toEqual(['the_admin', 'u_one', 'u_two', 'u_three', 'u_four']);
    expect(await allPages({ first: 100, role: 'OPERATOR' })).toEqual(['u_three']);
    expect(await allPages({ role: 'ADMIN' })).toEqual(['the_admin']);
    expect(await allPages({ role: 'AUDITOR' })).toEqual([]);

    const first = dataOf(await h.run<UsersPage>(USERS, { first: 2 }, auditor().token)).users;
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1]?.cursor });
    const last = dataOf(await h.run<UsersPage>(USERS, { first: 5 }, auditor().token)).users;
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  test('an empty directory page has no end cursor', async () => {
    const page = dataOf(await h.run<UsersPage>(USERS, { role: 'AUDITOR' }, auditor().token)).users;
    expect(page).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  test.each([
    ['first: 0', { first: 0 }, 'first'],
    ['first: 101', { first: 101 }, 'first'],
    ['first: -1', { first: -1 }, 'first'],
    ['a cursor we never issued', { after: 'not-a-cursor' }, 'after'],
    ['a well-formed cursor around something that is not an id', { after: Buffer.from(JSON.stringify(['zzz'])).toString('base64url') }, 'after'],
  ])('%s → BAD_USER_INPUT', async (_case, variables, field) => {
    const result = await h.run(USERS, variables, auditor().token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(errorField(result)).toBe(field);
  });
});

test('two admins demoting each other at the same moment never leave the platform without an ADMIN', async () => {
  const h = await UsersHarness.create();
  const first = await h.userWithRoles('twin_admin_a', [Role.USER, Role.ADMIN]);
  const second = await h.userWithRoles('twin_admin_b', [Role.USER, Role.ADMIN]);
  const SET = `mutation($id: ID!) { setRoles(userId: $id, roles: [USER]) { roles } }`;
  await Promise.all([h.run(SET, { id: second.id }, first.token), h.run(SET, { id: first.id }, second.token)]);
  expect(await h.app.stores.users.countWithRole(Role.ADMIN)).toBeGreaterThanOrEqual(1);
  await h.stop();
});
