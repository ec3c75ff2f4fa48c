import { DAY_MS, newId, Role } from '@platform/shared';
import { dataOf, errorCode, type GraphQLResult } from '../../../test/support/graphql-result';
import { callerWith } from '../../../test/support/tokens';
import { UsersHarness } from '../../../test/support/users-harness';
import type { SessionRecord } from '../src/store/records';
import { claimsOf, ME, PROFILE_FIELDS, signUp, USER, type ProfileData, type UserData } from './helpers';

/**
 * The role table of API.graphql for every operation the users subgraph owns, allowed and
 * denied. A denied mutation must also leave its target exactly as it was.
 */

type CallerName = 'anonymous' | Role;
const CALLERS: CallerName[] = ['anonymous', Role.USER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN];

let h: UsersHarness;
const tokens = new Map<CallerName, string | undefined>();
const usernames = new Map<CallerName, string>();
/** The target of every administrative operation: a plain player with one live session. */
let carol: { id: string; token: string };
let carolSession: SessionRecord;

beforeAll(async () => {
  h = await UsersHarness.create();
  tokens.set('anonymous', undefined);
  const user = await h.signUp('role_user');
  tokens.set(Role.USER, user.token);
  usernames.set(Role.USER, 'role_user');
  for (const role of [Role.OPERATOR, Role.AUDITOR, Role.ADMIN]) {
    const username = `role_${role.toLowerCase()}`;
    tokens.set(role, (await h.userWithRoles(username, [role])).token);
    usernames.set(role, username);
  }
  carol = await h.signUp('role_carol');
  const session = await h.app.stores.sessions.findById(claimsOf(carol.token).sid);
  if (!session) throw new Error('carol has no session');
  carolSession = session;
});
afterAll(() => h.stop());

/** Puts carol back as she was, whatever the previous test allowed to happen to her. */
afterEach(async () => {
  await h.app.stores.users.setRoles(carol.id, [Role.USER]);
  await h.app.stores.users.setBannedUntil(carol.id, null);
  if (!(await h.app.stores.sessions.findById(carolSession.id))) await h.app.stores.sessions.replaceForDevice(carolSession);
  const holdings = (await h.app.stores.users.findById(carol.id))?.holdings;
  if (holdings && (holdings.coins > 0 || Object.keys(holdings.items).length > 0)) {
    const negate = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).map(([id, n]) => [id, -n]));
    await h.app.stores.users.adjustHoldings(carol.id, { cash: -holdings.cash, coins: -holdings.coins, items: negate(holdings.items), coupons: negate(holdings.coupons) });
  }
});

async function carolState() {
  const user = await h.app.stores.users.findById(carol.id);
  const session = await h.app.stores.sessions.findById(carolSession.id);
  return { roles: user?.roles, bannedUntil: user?.bannedUntil, holdings: user?.holdings, hasSession: session !== null };
}

interface Operation {
  name: string;
  allowed: readonly CallerName[];
  run(token: string | undefined): Promise<GraphQLResult>;
  /** What an allowed call returns (and did). */
  verifyAllowed(result: GraphQLResult, caller: CallerName): Promise<void> | void;
}

const SIGNED_IN: CallerName[] = [Role.USER, Role.OPERATOR, Role.AUDITOR, Role.ADMIN];

const OPERATIONS: Operation[] = [
  {
    name: 'me',
    allowed: SIGNED_IN,
    run: (token) => h.run(`{ me { username roles } }`, {}, token),
    verifyAllowed: (result, caller) => {
      expect(dataOf(result)['me']).toMatchObject({ username: usernames.get(caller) });
    },
  },
  {
    name: 'user(id)',
    allowed: [Role.OPERATOR, Role.AUDITOR, Role.ADMIN],
    run: (token) => h.run(`query($id: ID!) { user(id: $id) { id username } }`, { id: carol.id }, token),
    verifyAllowed: (result) => {
      expect(dataOf(result)['user']).toEqual({ id: carol.id, username: 'role_carol' });
    },
  },
  {
    name: 'users',
    allowed: [Role.AUDITOR, Role.ADMIN],
    run: (token) => h.run(`{ users(first: 100) { edges { node { username } } } }`, {}, token),
    verifyAllowed: (result) => {
      const names = (dataOf(result) as { users: { edges: { node: { username: string } }[] } }).users.edges.map((e) => e.node.username);
      expect(names).toEqual(expect.arrayContaining(['role_user', 'role_operator', 'role_auditor', 'role_admin', 'role_carol']));
    },
  },
  {
    name: 'logOut',
    allowed: SIGNED_IN,
    run: (token) => h.run(`mutation { logOut(deviceId: "no-such-device") }`, {}, token),
    verifyAllowed: (result) => {
      expect(dataOf(result)['logOut']).toBe(false);
    },
  },
  {
    name: 'revokeSessions',
    allowed: [Role.ADMIN],
    run: (token) => h.run(`mutation($id: ID!) { revokeSessions(userId: $id) }`, { id: carol.id }, token),
    verifyAllowed: async (result) => {
      expect(dataOf(result)['revokeSessions']).toBe(1);
      expect((await carolState()).hasSession).toBe(false);
    },
  },
  {
    name: 'setRoles',
    allowed: [Role.ADMIN],
    run: (token) => h.run(`mutation($id: ID!) { setRoles(userId: $id, roles: [USER, ADMIN]) { roles } }`, { id: carol.id }, token),
    verifyAllowed: async (result) => {
      expect(dataOf(result)['setRoles']).toEqual({ roles: ['USER', 'ADMIN'] });
      expect((await carolState()).roles).toEqual([Role.USER, Role.ADMIN]);
    },
  },
  {
    name: 'banUser',
    allowed: [Role.ADMIN],
    run: (token) =>
      h.run(`mutation($id: ID!, $until: DateTime) { banUser(userId: $id, until: $until) { bannedUntil } }`, { id: carol.id, until: new Date(h.clock.now().getTime() + DAY_MS).toISOString() }, token),
    verifyAllowed: async (result) => {
      expect(dataOf(result)['banUser']).toEqual({ bannedUntil: new Date(h.clock.now().getTime() + DAY_MS).toISOString() });
      expect((await carolState()).bannedUntil).toEqual(new Date(h.clock.now().getTime() + DAY_MS));
    },
  },
  {
    name: 'adjustHoldings',
    allowed: [Role.OPERATOR, Role.ADMIN],
    run: (token) =>
      h.run(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { coins: 1000, items: [{ itemId: "sword", quantity: 1 }], note: "role table" }) { coins inventory { itemId quantity } } }`, { id: carol.id }, token),
    verifyAllowed: async (result) => {
      const profile = dataOf(result)['adjustHoldings'] as Pick<ProfileData, 'coins' | 'inventory'>;
      expect(profile).toEqual({ coins: 1000, inventory: [{ itemId: 'sword', quantity: 1 }] });
      expect((await carolState()).holdings).toMatchObject({ coins: 1000, items: { sword: 1 } });
    },
  },
];

const CASES = OPERATIONS.flatMap((operation) =>
  CALLERS.map((caller) => ({
    operation,
    caller,
    expected: operation.allowed.includes(caller) ? 'allowed' : caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
  })),
);

describe('role table of the users subgraph', () => {
  test.each(CASES.map((c) => [c.operation.name, c.caller, c.expected, c] as const))('%s as %s: %s', async (_name, _caller, _expected, c) => {
    const before = await carolState();
    const result = await c.operation.run(tokens.get(c.caller));
    if (c.expected === 'allowed') {
      expect(result.errors).toBeUndefined();
      await c.operation.verifyAllowed(result, c.caller);
    } else {
      expect(errorCode(result)).toBe(c.expected);
      expect(result.errors).toHaveLength(1);
      // No data leaks: the field is null (nullable) or the whole data is (non-null).
      expect(Object.values(result.data ?? {}).every((value) => value === null)).toBe(true);
      // A refused operation changed nothing.
      expect(await carolState()).toEqual(before);
    }
  });

  test('a denial names the roles that would have been allowed', async () => {
    const result = await h.run(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { cash: 1 }) { cash } }`, { id: carol.id }, tokens.get(Role.AUDITOR));
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toMatch(/OPERATOR/);
    expect(result.errors?.[0]?.message).toMatch(/ADMIN/);
  });

  test('holding several roles grants what any of them allows', async () => {
    const both = callerWith([Role.USER, Role.AUDITOR]);
    expect(errorCode(await h.run(`{ users { edges { node { id } } } }`, {}, both.token))).toBeUndefined();
    expect(errorCode(await h.run(`mutation($id: ID!) { adjustHoldings(userId: $id, input: { cash: 1 }) { cash } }`, { id: carol.id }, both.token))).toBe('FORBIDDEN');
  });

  test('signUp, logIn and refreshSession need no token', async () => {
    const signed = dataOf(await signUp(h, { username: 'role_newcomer' })).signUp;
    expect(signed.user.roles).toEqual(['USER']);
    const loggedIn = await h.run<{ logIn: { refreshToken: string; user: { username: string } } }>(
      `mutation { logIn(input: { username: "role_newcomer", password: "correct horse battery" }) { refreshToken user { username } } }`,
    );
    expect(dataOf(loggedIn).logIn.user).toEqual({ username: 'role_newcomer' });
    const refreshed = await h.run(`mutation($t: String!) { refreshSession(refreshToken: $t) { user { username } } }`, { t: dataOf(loggedIn).logIn.refreshToken });
    expect(dataOf(refreshed)).toEqual({ refreshSession: { user: { username: 'role_newcomer' } } });
  });
});

describe('user(id) for staff', () => {
  test.each([Role.OPERATOR, Role.AUDITOR, Role.ADMIN])('%s gets null for a missing or malformed id', async (role) => {
    for (const id of [newId(), 'not-an-id', '', '123', `${carol.id}0`]) {
      const result = await h.run(`query($id: ID!) { user(id: $id) { id } }`, { id }, tokens.get(role));
      expect(result).toEqual({ data: { user: null } });
    }
  });
});

describe('User.profile: the player themself and staff only', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username profile { ${PROFILE_FIELDS} } } } }`;
  const ENTITY_NAME = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username } } }`;

  test('the player reads their own profile through me', async () => {
    const me = dataOf(await h.run<{ me: UserData }>(ME, {}, carol.token)).me;
    expect(me.username).toBe('role_carol');
    expect(me.profile).toMatchObject({ cash: 0, inventory: [], coupons: [] });
  });

  test.each([Role.OPERATOR, Role.AUDITOR, Role.ADMIN])('%s reads any player profile', async (role) => {
    const user = dataOf(await h.run<{ user: UserData }>(USER, { id: carol.id }, tokens.get(role))).user;
    expect(user.id).toBe(carol.id);
    // signUp was carol's one play session.
    expect(user.profile.loginStats.totalLogins).toBe(1);
  });

  test("another player reaching the subgraph directly learns nothing but the id they sent", async () => {
    const result = await h.run(ENTITIES, { r: [{ __typename: 'User', id: carol.id }] }, tokens.get(Role.USER));
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.data).toEqual({ _entities: [null] });
    const name = await h.run(ENTITY_NAME, { r: [{ __typename: 'User', id: carol.id }] }, tokens.get(Role.USER));
    expect(errorCode(name)).toBe('FORBIDDEN');
    expect(JSON.stringify(name)).not.toContain('role_carol');
    // Staff may.
    expect(dataOf(await h.run(ENTITY_NAME, { r: [{ __typename: 'User', id: carol.id }] }, tokens.get(Role.AUDITOR)))).toEqual({
      _entities: [{ id: carol.id, username: 'role_carol' }],
    });
  });

  test('the player may read their own profile through an entity reference', async () => {
    const result = await h.run<{ _entities: UserData[] }>(ENTITIES, { r: [{ __typename: 'User', id: carol.id }] }, carol.token);
    expect(dataOf(result)._entities[0]?.profile.cash).toBe(0);
  });

  test('entity references need a signed-in caller', async () => {
    const result = await h.run(ENTITY_NAME, { r: [{ __typename: 'User', id: carol.id }] });
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
  });

  test('the payload of signUp shows the new player their own profile without a token', async () => {
    const payload = dataOf(await signUp(h, { username: 'role_fresh' })).signUp;
    expect(payload.user.profile).toEqual({
      cash: 0,
      coins: 0,
      inventory: [],
      coupons: [],
      loginStats: { totalLogins: 1, loginDays: 1, currentStreak: 1, lastLoginAt: h.clock.now().toISOString(), daysAwayBeforeLastLogin: 0 },
    });
  });
});
