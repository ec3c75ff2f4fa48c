import { UsersHarness } from '../../../test/support/users-harness';
import { errorCode } from '../../../test/support/graphql-result';
import { legacyScryptHash, OWASP_ARGON2ID, PasswordHasher } from '../src/services/password';

const LOGIN = `mutation($input: CredentialsInput!) { logIn(input: $input) { accessToken } }`;
const PASSWORD = 'correct horse battery';
/** What test/support/config.ts gives the suites: cheap, so hundreds of sign-ups stay fast. */
const CHEAP = { memoryKiB: 64, timeCost: 1, parallelism: 1 };

describe('PasswordHasher', () => {
  test('production cost is Argon2id at OWASP minimum (m=19 MiB, t=2, p=1); only the right password verifies', async () => {
    const hasher = new PasswordHasher();
    expect(hasher.params).toEqual({ memoryKiB: 19456, timeCost: 2, parallelism: 1 });
    const stored = await hasher.hash(PASSWORD);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hasher.hash(PASSWORD)).not.toBe(stored);
    expect(await hasher.verify(PASSWORD, stored)).toEqual({ ok: true, needsRehash: false });
    expect(await hasher.verify('correct horse battery!', stored)).toEqual({ ok: false, needsRehash: false });
  });

  test('hashing runs off the event loop: a timer queued after the hash started fires before it ends', async () => {
    const order: string[] = [];
    const hashing = new PasswordHasher(OWASP_ARGON2ID).hash(PASSWORD).then(() => order.push('hash'));
    setImmediate(() => order.push('event loop'));
    await hashing;
    expect(order).toEqual(['event loop', 'hash']);
  });

  test('scrypt hashes of the first release still verify, and ask to be rehashed', async () => {
    const hasher = new PasswordHasher(CHEAP);
    const legacy = await legacyScryptHash(PASSWORD);
    expect(legacy).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await hasher.verify(PASSWORD, legacy)).toEqual({ ok: true, needsRehash: true });
    expect(await hasher.verify('wrong password', legacy)).toEqual({ ok: false, needsRehash: false });
  });

  test('an Argon2id hash of another cost verifies and asks to be rehashed at the current one', async () => {
    const stored = await new PasswordHasher({ memoryKiB: 128, timeCost: 1, parallelism: 1 }).hash(PASSWORD);
    expect(await new PasswordHasher(CHEAP).verify(PASSWORD, stored)).toEqual({ ok: true, needsRehash: true });
  });

  test.each(['', 'plain-text-password', '$argon2id$garbage', 'scrypt$1$2', '$2b$10$abcdefghijklmnopqrstuv'])('an unreadable stored hash %p never verifies', async (stored) => {
    expect(await new PasswordHasher(CHEAP).verify(PASSWORD, stored)).toEqual({ ok: false, needsRehash: false });
  });

  test('passwords are compared in Unicode NFKC: the same text typed two ways matches', async () => {
    const hasher = new PasswordHasher(CHEAP);
    const stored = await hasher.hash('ﬁve café passwords');
    expect((await hasher.verify('five cafe\u0301 passwords', stored)).ok).toBe(true);
  });

  test('the dummy hash for unknown users has the current cost, so their log-in costs the same', async () => {
    const hasher = new PasswordHasher(CHEAP);
    expect(await hasher.dummyHash()).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    expect(await hasher.dummyHash()).toBe(await hasher.dummyHash());
    expect((await hasher.verify(PASSWORD, await hasher.dummyHash())).ok).toBe(false);
  });
});

describe('log-in', () => {
  const logIn = (h: UsersHarness, username: string, password = PASSWORD) => h.run(LOGIN, { input: { username, password } });

  test('signUp stores an Argon2id hash at the configured cost (production cost here)', async () => {
    const h = await UsersHarness.create({ env: { PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2' } });
    const { id } = await h.signUp('strong_stan');
    expect((await h.app.stores.users.findById(id))?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(errorCode(await logIn(h, 'strong_stan'))).toBeUndefined();
    await h.stop();
  });

  test('a scrypt hash is upgraded to Argon2id at the next successful log-in, and not by a failed one', async () => {
    const h = await UsersHarness.create();
    const { id } = await h.signUp('old_timer');
    const legacy = await legacyScryptHash(PASSWORD);
    const stored = await h.app.stores.users.findById(id);
    expect(await h.app.stores.users.replacePasswordHash(id, stored!.passwordHash, legacy)).toBe(true);

    expect(errorCode(await logIn(h, 'old_timer', 'not the password'))).toBe('UNAUTHENTICATED');
    expect((await h.app.stores.users.findById(id))?.passwordHash).toBe(legacy);

    expect(errorCode(await logIn(h, 'old_timer'))).toBeUndefined();
    const upgraded = (await h.app.stores.users.findById(id))?.passwordHash;
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    expect(errorCode(await logIn(h, 'old_timer'))).toBeUndefined();
    expect((await h.app.stores.users.findById(id))?.passwordHash).toBe(upgraded);
    expect(errorCode(await logIn(h, 'old_timer', 'not the password'))).toBe('UNAUTHENTICATED');
    await h.stop();
  });

  test('unknown user and wrong password do the same work: one verification against a hash of the current cost', async () => {
    const h = await UsersHarness.create();
    await h.signUp('real_rita');
    const verify = jest.spyOn(PasswordHasher.prototype, 'verify');
    try {
      expect(errorCode(await logIn(h, 'ghost_gary', 'some password'))).toBe('UNAUTHENTICATED');
      expect(errorCode(await logIn(h, 'real_rita', 'some password'))).toBe('UNAUTHENTICATED');
      expect(verify).toHaveBeenCalledTimes(2);
      const [unknownStored, knownStored] = verify.mock.calls.map((call) => call[1]);
      const cost = (stored: string | undefined) => stored?.split('$').slice(1, 4).join('$');
      expect(cost(unknownStored)).toBe('argon2id$v=19$m=64,t=1,p=1');
      expect(cost(unknownStored)).toBe(cost(knownStored));
    } finally {
      verify.mockRestore();
    }
    await h.stop();
  });
});
