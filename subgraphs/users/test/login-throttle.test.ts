import { UsersHarness } from '../../../test/support/users-harness';
import { errorCode } from '../../../test/support/graphql-result';

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
