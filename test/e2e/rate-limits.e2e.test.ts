import { postGraphQL, startTestPlatform, type TestPlatform } from '../support/platform';
import { errorCode, type GraphQLResult } from '../support/graphql-result';

/**
 * Log-in and sign-up limits through the real gateway over HTTP, with real parallel
 * requests. A log-in answered UNAUTHENTICATED had its password evaluated; RATE_LIMITED
 * was refused before. Client addresses are TEST-NET addresses in X-Forwarded-For (only a
 * header: every request goes to 127.0.0.1), trusted when TRUSTED_PROXY_HOPS=1.
 */

const LOGIN = `mutation($input: CredentialsInput!) { logIn(input: $input) { accessToken } }`;
const SIGN_UP = `mutation($input: CredentialsInput!) { signUp(input: $input) { accessToken } }`;
const PASSWORD = 'correct horse battery';
const WINDOW_SECONDS = 15 * 60;

type Result = GraphQLResult<Record<string, unknown>>;

async function post(platform: TestPlatform, query: string, variables: Record<string, unknown>, forwardedFor?: string): Promise<Result> {
  return (await postGraphQL<Record<string, unknown>>(platform.url, { query, variables }, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {})).body;
}

const logIn = (platform: TestPlatform, username: string, password: string, from?: string) => post(platform, LOGIN, { input: { username, password } }, from);
const tally = (results: Result[]) => ({
  evaluated: results.filter((result) => errorCode(result) === 'UNAUTHENTICATED').length,
  refused: results.filter((result) => errorCode(result) === 'RATE_LIMITED').length,
});

function expectRetryAfter(result: Result, atMostSeconds: number) {
  expect(errorCode(result)).toBe('RATE_LIMITED');
  const retryAfter = result.errors?.[0]?.extensions?.['retryAfterSeconds'];
  expect(typeof retryAfter).toBe('number');
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(atMostSeconds);
}

describe('guessing one password in parallel (default limits: 10 per username)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.stop());

  test.each([50, 200])('%i parallel wrong guesses: at most 10 are evaluated, then the right password is refused too', async (guesses) => {
    const username = `target_${guesses}`;
    await platform.signUp(username);
    const results = await Promise.all(Array.from({ length: guesses }, (_, i) => logIn(platform, username, `wrong-guess-${i}`)));
    const { evaluated, refused } = tally(results);
    expect(evaluated).toBeLessThanOrEqual(10);
    expect(evaluated + refused).toBe(guesses);
    const locked = await logIn(platform, username.toUpperCase(), PASSWORD);
    expectRetryAfter(locked, WINDOW_SECONDS);
    expect(locked.data?.['logIn'] ?? null).toBeNull();
  });

  test('other usernames are not affected by the lock-out', async () => {
    await platform.signUp('bystander');
    await Promise.all(Array.from({ length: 30 }, (_, i) => logIn(platform, 'victim', `guess-${i}`)));
    expect(errorCode(await logIn(platform, 'bystander', PASSWORD))).toBeUndefined();
  });
});

describe('password spraying from one address (LOGIN_FAILURES_PER_ADDRESS=20)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ LOGIN_FAILURES_PER_ADDRESS: '20', TRUSTED_PROXY_HOPS: '1' });
    await platform.signUp('sprayed_sam');
  });
  afterAll(() => platform.stop());

  test('one guess at each of 60 usernames in parallel: 20 are evaluated, the rest refused; another address is unaffected', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => logIn(platform, `spray_${i}`, 'Summer2026!', '203.0.113.7')));
    expect(tally(results)).toEqual({ evaluated: 20, refused: 40 });
    expectRetryAfter(results.find((result) => errorCode(result) === 'RATE_LIMITED')!, WINDOW_SECONDS);
    // The sprayer's address is shut out even with the right password...
    expect(errorCode(await logIn(platform, 'sprayed_sam', PASSWORD, '203.0.113.7'))).toBe('RATE_LIMITED');
    // ...while another client gets through, and its failures are counted on their own.
    expect(errorCode(await logIn(platform, 'sprayed_sam', PASSWORD, '198.51.100.9'))).toBeUndefined();
    expect(errorCode(await logIn(platform, 'spray_0', 'Summer2026!', '198.51.100.9'))).toBe('UNAUTHENTICATED');
  });

  test('successful log-ins do not use up an address budget', async () => {
    await platform.signUp('busy_office');
    for (let i = 0; i < 25; i++) expect(errorCode(await logIn(platform, 'busy_office', PASSWORD, '192.0.2.44'))).toBeUndefined();
    expect(errorCode(await logIn(platform, 'nobody_here', 'x-wrong-pass', '192.0.2.44'))).toBe('UNAUTHENTICATED');
  });

  test('IPv6 clients are counted per /64 network', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => logIn(platform, `v6_${i}`, 'Summer2026!', `2001:db8:1:2::${(i + 1).toString(16)}`)));
    expect(tally(results)).toEqual({ evaluated: 20, refused: 10 });
  });
});

test('without trusted proxies (TRUSTED_PROXY_HOPS=0) a forged X-Forwarded-For does not buy a fresh address', async () => {
  const platform = await startTestPlatform({ LOGIN_FAILURES_PER_ADDRESS: '10' });
  try {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => logIn(platform, `forger_${i}`, 'Summer2026!', `198.51.100.${i + 1}`)));
    expect(tally(results)).toEqual({ evaluated: 10, refused: 20 });
  } finally {
    await platform.stop();
  }
});

test('spraying from many addresses meets the global limit (LOGIN_FAILURES_GLOBAL=15)', async () => {
  const platform = await startTestPlatform({ LOGIN_FAILURES_GLOBAL: '15', TRUSTED_PROXY_HOPS: '1' });
  try {
    await platform.signUp('global_gail');
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => logIn(platform, `botnet_${i}`, 'Summer2026!', `203.0.113.${i + 1}`)));
    expect(tally(results)).toEqual({ evaluated: 15, refused: 25 });
    expectRetryAfter(results.find((result) => errorCode(result) === 'RATE_LIMITED')!, WINDOW_SECONDS);
  } finally {
    await platform.stop();
  }
});

test('a sign-up flood from one address is cut at SIGNUPS_PER_ADDRESS; other addresses can still sign up', async () => {
  const platform = await startTestPlatform({ SIGNUPS_PER_ADDRESS: '5', TRUSTED_PROXY_HOPS: '1' });
  try {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => post(platform, SIGN_UP, { input: { username: `flood_${i}`, password: PASSWORD } }, '203.0.113.50')));
    expect(results.filter((result) => result.data?.['signUp'])).toHaveLength(5);
    const refused = results.filter((result) => errorCode(result) === 'RATE_LIMITED');
    expect(refused).toHaveLength(20);
    expectRetryAfter(refused[0]!, 60 * 60);
    const elsewhere = await post(platform, SIGN_UP, { input: { username: 'honest_hana', password: PASSWORD } }, '198.51.100.77');
    expect(elsewhere.data?.['signUp']).toBeTruthy();
  } finally {
    await platform.stop();
  }
});
