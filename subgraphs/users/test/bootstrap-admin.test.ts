import { createLogger, ManualClock, Role } from '@platform/shared';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { UsersHarness } from '../../../test/support/users-harness';
import { bootstrapAdmin } from '../src/services/bootstrap-admin';
import { createMemoryUsersStores } from '../src/store/memory';
import type { UsersStores } from '../src/store/ports';
import { logIn, PASSWORD } from './helpers';

const ADMIN = { username: 'first_admin', password: 'a long admin password' };
const logger = createLogger('users-test');

let stores: UsersStores;
let clock: ManualClock;
let h: UsersHarness;

beforeEach(async () => {
  stores = createMemoryUsersStores();
  clock = new ManualClock();
  h = await UsersHarness.create({ stores, clock });
});
afterEach(() => h.stop());

const run = (credentials = ADMIN) => bootstrapAdmin(stores.users, credentials, clock, logger);

test('creates an ADMIN (who is also a USER) when nobody holds ADMIN; the account can log in', async () => {
  await run();
  const created = await stores.users.findByUsername(ADMIN.username);
  expect(created).toMatchObject({ username: ADMIN.username, roles: [Role.USER, Role.ADMIN], createdAt: clock.now(), bannedUntil: null });
  const payload = dataOf(await logIn(h, ADMIN)).logIn;
  expect(payload.user.roles).toEqual(['USER', 'ADMIN']);
  // And can act as one.
  const listed = await h.run(`{ users { edges { node { username } } } }`, {}, payload.accessToken);
  expect(errorCode(listed)).toBeUndefined();
});

test('running it again changes nothing', async () => {
  await run();
  const first = await stores.users.findByUsername(ADMIN.username);
  await run();
  await run({ username: ADMIN.username, password: 'another password entirely' });
  expect(await stores.users.findByUsername(ADMIN.username)).toEqual(first);
  expect(await stores.users.countWithRole(Role.ADMIN)).toBe(1);
});

test('does nothing while some ADMIN exists: no account is created, none is promoted', async () => {
  await h.userWithRoles('existing_admin', [Role.ADMIN]);
  await run();
  expect(await stores.users.findByUsername(ADMIN.username)).toBeNull();
  // Even an account of that name with the right password is left alone.
  await h.signUp('pretender', ADMIN.password);
  await run({ username: 'pretender', password: ADMIN.password });
  expect((await stores.users.findByUsername('pretender'))?.roles).toEqual([Role.USER]);
});

test('promotes an existing account of that name when the password matches, keeping its roles', async () => {
  const signed = await h.signUp(ADMIN.username, ADMIN.password);
  await stores.users.setRoles(signed.id, [Role.USER, Role.AUDITOR]);
  await run();
  expect((await stores.users.findById(signed.id))?.roles).toEqual([Role.USER, Role.AUDITOR, Role.ADMIN]);
  expect(await stores.users.countWithRole(Role.ADMIN)).toBe(1);
});

test('refuses (throws) to promote an account of that name with another password', async () => {
  const squatter = await h.signUp(ADMIN.username, PASSWORD);
  await expect(run()).rejects.toThrow(/another password/);
  expect((await stores.users.findById(squatter.id))?.roles).toEqual([Role.USER]);
  expect(await stores.users.countWithRole(Role.ADMIN)).toBe(0);
});

test('the name is matched in any letter case', async () => {
  const signed = await h.signUp('First_Admin', ADMIN.password);
  await run();
  expect((await stores.users.findById(signed.id))?.roles).toContain(Role.ADMIN);
  expect(await stores.users.countWithRole(Role.ADMIN)).toBe(1);
});

test('credentials that a player could not sign up with are refused', async () => {
  await expect(run({ username: 'x', password: ADMIN.password })).rejects.toThrow(/username/);
  await expect(run({ username: ADMIN.username, password: 'short' })).rejects.toThrow(/password/);
  expect(await stores.users.countWithRole(Role.ADMIN)).toBe(0);
});

test('two instances starting at once end with one ADMIN account', async () => {
  await Promise.all([run(), run()]);
  expect(await stores.users.countWithRole(Role.ADMIN)).toBe(1);
  expect(errorCode(await logIn(h, ADMIN))).toBeUndefined();
});
