import { ConfigError, DAY_MS, loadConfig, Role } from '@platform/shared';
import { dataOf, errorCode } from '../../../test/support/graphql-result';
import { testKeys } from '../../../test/support/keys';
import { UsersHarness } from '../../../test/support/users-harness';
import { tomorrowUtc } from '../../../test/support/zones';
import { INTERNAL_TEST_CLOCK_PATH } from '../src/internal-routes';
import { MAX_ADVANCE_SECONDS } from '../src/services/test-clock';
import { callInternal } from './helpers';

const ADVANCE = `mutation($s: Int!) { advanceTestClock(seconds: $s) }`;
const SERVER_TIME = `{ serverTime }`;

describe('serverTime', () => {
  test('anyone, signed in or not, reads the platform clock', async () => {
    const h = await UsersHarness.create();
    h.clock.set(new Date(tomorrowUtc()));
    expect(dataOf(await h.run(SERVER_TIME)).serverTime).toBe(new Date(tomorrowUtc()).toISOString());
    const pia = await h.signUp('pia');
    h.clock.advance(1234);
    expect(dataOf(await h.run(SERVER_TIME, {}, pia.token)).serverTime).toBe(new Date(tomorrowUtc() + 1234).toISOString());
    await h.stop();
  });
});

describe('advanceTestClock', () => {
  let h: UsersHarness;
  afterEach(() => h.stop());

  test('with TEST_CLOCK=enabled an ADMIN moves every clock of users forward and gets the new now', async () => {
    h = await UsersHarness.create({ env: { TEST_CLOCK: 'enabled' } });
    h.clock.set(new Date(tomorrowUtc()));
    const admin = await h.userWithRoles('root_admin', [Role.USER, Role.ADMIN]);
    const advanced = dataOf(await h.run(ADVANCE, { s: 86_400 }, admin.token)).advanceTestClock;
    expect(advanced).toBe(new Date(tomorrowUtc() + DAY_MS).toISOString());
    expect(dataOf(await h.run(SERVER_TIME)).serverTime).toBe(advanced);
    // The base clock goes on under the offset.
    h.clock.advance(1000);
    expect(dataOf(await h.run(SERVER_TIME)).serverTime).toBe(new Date(tomorrowUtc() + DAY_MS + 1000).toISOString());
    // Sessions are stamped with the shared clock.
    const pia = await h.signUp('pia');
    const me = await h.run(`{ me { createdAt profile { loginStats { lastLoginAt } } } }`, {}, pia.token);
    expect(dataOf(me).me.createdAt).toBe(new Date(tomorrowUtc() + DAY_MS + 1000).toISOString());
    // What events adopts over the internal route.
    const state = await callInternal(h, INTERNAL_TEST_CLOCK_PATH, {});
    expect(state).toEqual({ status: 200, body: { offsetMs: DAY_MS, now: new Date(tomorrowUtc() + DAY_MS + 1000).toISOString() } });
    expect((await callInternal(h, INTERNAL_TEST_CLOCK_PATH, {}, {})).status).toBe(401);
  });

  test('the offset lives in the store: another users instance (or a restart) on the same store reads the same time', async () => {
    h = await UsersHarness.create({ env: { TEST_CLOCK: 'enabled' } });
    const admin = await h.userWithRoles('root_admin', [Role.USER, Role.ADMIN]);
    dataOf(await h.run(ADVANCE, { s: 3600 }, admin.token));
    dataOf(await h.run(ADVANCE, { s: 60 }, admin.token));
    const replica = await UsersHarness.create({ env: { TEST_CLOCK: 'enabled' }, stores: h.app.stores, clock: h.clock });
    try {
      // What the HTTP host does before every request.
      await replica.app.services.testClock.sync();
      expect(dataOf(await replica.run(SERVER_TIME)).serverTime).toBe(new Date(h.clock.now().getTime() + 3660_000).toISOString());
      expect((await callInternal(replica, INTERNAL_TEST_CLOCK_PATH, {})).body).toMatchObject({ offsetMs: 3660_000 });
    } finally {
      await replica.stop();
    }
  });

  test('only ADMIN: players, operators and auditors are FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    h = await UsersHarness.create({ env: { TEST_CLOCK: 'enabled' } });
    for (const roles of [[Role.USER], [Role.USER, Role.OPERATOR], [Role.AUDITOR]]) {
      const caller = await h.userWithRoles(`u_${roles.join('_').toLowerCase()}`, roles);
      expect(errorCode(await h.run(ADVANCE, { s: 60 }, caller.token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await h.run(ADVANCE, { s: 60 }))).toBe('UNAUTHENTICATED');
    expect(dataOf(await h.run(SERVER_TIME)).serverTime).toBe(h.clock.now().toISOString());
  });

  test('forward only and bounded: 0, negative and more than a year are BAD_USER_INPUT', async () => {
    h = await UsersHarness.create({ env: { TEST_CLOCK: 'enabled' } });
    const admin = await h.userWithRoles('root_admin', [Role.USER, Role.ADMIN]);
    for (const s of [0, -60, MAX_ADVANCE_SECONDS + 1]) expect(errorCode(await h.run(ADVANCE, { s }, admin.token))).toBe('BAD_USER_INPUT');
    expect(dataOf(await h.run(ADVANCE, { s: MAX_ADVANCE_SECONDS }, admin.token)).advanceTestClock).toBe(new Date(h.clock.now().getTime() + MAX_ADVANCE_SECONDS * 1000).toISOString());
  });

  test('refused when TEST_CLOCK is off, even for an ADMIN; the internal route is 404', async () => {
    h = await UsersHarness.create();
    const admin = await h.userWithRoles('root_admin', [Role.USER, Role.ADMIN]);
    const result = await h.run(ADVANCE, { s: 60 }, admin.token);
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toMatch(/TEST_CLOCK/);
    expect((await callInternal(h, INTERNAL_TEST_CLOCK_PATH, {})).status).toBe(404);
  });
});

describe('TEST_CLOCK configuration', () => {
  const keys = { JWT_PUBLIC_KEY: testKeys().publicKey, JWT_PRIVATE_KEY: testKeys().privateKey };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  test('off by default; enabled in development and test', () => {
    expect(loadConfig(keys).testClock).toBe(false);
    expect(loadConfig({ ...keys, TEST_CLOCK: 'enabled' }).testClock).toBe(true);
    expect(loadConfig({ ...keys, NODE_ENV: 'test', TEST_CLOCK: 'enabled' }).testClock).toBe(true);
  });

  test('production refuses to start with it, with a clear message; other values are refused too', () => {
    const production = { ...keys, NODE_ENV: 'production', SERVICE_SECRET: 'x'.repeat(40) };
    expect(problemsOf({ ...production, TEST_CLOCK: 'enabled' })).toEqual([expect.stringMatching(/TEST_CLOCK=enabled is refused in production/)]);
    expect(problemsOf({ ...production, TEST_CLOCK: 'disabled' })).toEqual([]);
    expect(problemsOf({ ...keys, TEST_CLOCK: 'yes' })).toEqual([expect.stringMatching(/TEST_CLOCK must be enabled or disabled/)]);
  });

  test('SESSION_GAP_MINUTES: 30 by default, 1 to 1440', () => {
    expect(loadConfig(keys).sessionGapMinutes).toBe(30);
    expect(loadConfig({ ...keys, SESSION_GAP_MINUTES: '45' }).sessionGapMinutes).toBe(45);
    expect(problemsOf({ ...keys, SESSION_GAP_MINUTES: '0' })).toEqual([expect.stringMatching(/SESSION_GAP_MINUTES/)]);
  });
});
