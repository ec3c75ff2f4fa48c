import { UsersHarness } from '../../../test/support/users-harness';
import { errorCode } from '../../../test/support/graphql-result';
import { ManualClock } from '@platform/shared';
import { LoginThrottle } from '../src/services/login-throttle';
import { MemoryAttemptCounterStore } from '../src/store/memory/memory-attempt-counter-store';

const LOGIN = `mutation($input: CredentialsInput!) { logIn(input: $input) { accessToken } }`;
const MINUTE = 60_000;

test('ten wrong passwords lock the username for 15 minutes, even for the right password', async () => {
  const h = await UsersHarness.create();
  await h.signUp('guessed_gus');
  for (let i = 0; i < 10; i++) {
    expect(errorCode(await h.run(LOGIN, { input: { username: 'guessed_gus', password: `wrong-guess-${i}` } }))).toBe('UNAUTHENTICATED');
  }
  const locked = await h.run(LOGIN, { input: { username: 'GUESSED_GUS', password: 'correct horse battery' } });
  expect(errorCode(locked)).toBe('RATE_LIMITED');
  expect(locked.errors?.[0]?.message).toMatch(/try again after/);
  h.clock.advance(15 * MINUTE + 1);
  expect(errorCode(await h.run(LOGIN, { input: { username: 'guessed_gus', password: 'correct horse battery' } }))).toBeUndefined();
  await h.stop();
});

test('a successful log-in clears the count; other usernames are unaffected', async () => {
  const h = await UsersHarness.create();
  await h.signUp('careful_cat');
  await h.signUp('bystander_bo');
  for (let i = 0; i < 9; i++) await h.run(LOGIN, { input: { username: 'careful_cat', password: 'nope-nope-nope' } });
  expect(errorCode(await h.run(LOGIN, { input: { username: 'careful_cat', password: 'correct horse battery' } }))).toBeUndefined();
  for (let i = 0; i < 9; i++) await h.run(LOGIN, { input: { username: 'careful_cat', password: 'nope-nope-nope' } });
  expect(errorCode(await h.run(LOGIN, { input: { username: 'careful_cat', password: 'correct horse battery' } }))).toBeUndefined();
  expect(errorCode(await h.run(LOGIN, { input: { username: 'bystander_bo', password: 'correct horse battery' } }))).toBeUndefined();
  await h.stop();
});

test('RATE_LIMITED says when to come back: retryAfterSeconds counts down to the end of the window', async () => {
  const h = await UsersHarness.create();
  for (let i = 0; i < 10; i++) await h.run(LOGIN, { input: { username: 'patient_pat', password: `wrong-guess-${i}` } });
  const first = await h.run(LOGIN, { input: { username: 'patient_pat', password: 'wrong again' } });
  expect(errorCode(first)).toBe('RATE_LIMITED');
  expect(first.errors?.[0]?.extensions?.['retryAfterSeconds']).toBe(15 * 60);
  h.clock.advance(10 * MINUTE);
  const later = await h.run(LOGIN, { input: { username: 'patient_pat', password: 'wrong again' } });
  expect(later.errors?.[0]?.extensions?.['retryAfterSeconds']).toBe(5 * 60);
  await h.stop();
});

test('fifty parallel wrong guesses in one instance: ten evaluated, forty refused', async () => {
  const h = await UsersHarness.create();
  await h.signUp('raced_ray');
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => h.run(LOGIN, { input: { username: 'raced_ray', password: `wrong-guess-${i}` } })));
  expect(results.filter((result) => errorCode(result) === 'UNAUTHENTICATED')).toHaveLength(10);
  expect(results.filter((result) => errorCode(result) === 'RATE_LIMITED')).toHaveLength(40);
  await h.stop();
});

test('sign-ups past the per-address limit are RATE_LIMITED until the window ends', async () => {
  const limit = (max: number) => ({ max, windowSeconds: 60 });
  const throttle = new LoginThrottle(new MemoryAttemptCounterStore(), new ManualClock(), { loginPerUsername: limit(2), loginPerAddress: limit(3), loginGlobal: limit(100), signUpPerAddress: limit(1) });
  await throttle.admitSignUp('203.0.113.5');
  await expect(throttle.admitSignUp('203.0.113.5')).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } });
});
