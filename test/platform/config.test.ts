import { ConfigError, loadConfig } from '@platform/shared';
import { testKeys } from '../support/keys';

const keys = () => ({ JWT_PUBLIC_KEY: testKeys().publicKey, JWT_PRIVATE_KEY: testKeys().privateKey });

const problemsOf = (env: Record<string, string>, needs = {}) => {
  try {
    loadConfig(env, needs);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
};

test('development gets safe defaults', () => {
  const config = loadConfig({ ...keys() }, { privateKey: true, storage: true });
  expect(config).toMatchObject({ nodeEnv: 'development', ports: { gateway: 4000, users: 4001, events: 4002 }, mongoUri: null, gameTimeZone: 'UTC' });
  expect(config.jwt).toMatchObject({ algorithm: 'ES256', accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 14 * 86400 });
});

test('production refuses to start without MONGODB_URI or a strong SERVICE_SECRET', () => {
  const problems = problemsOf({ NODE_ENV: 'production', ...keys() }, { privateKey: true, storage: true });
  expect(problems.join('\n')).toMatch(/MONGODB_URI is required/);
  expect(problems.join('\n')).toMatch(/SERVICE_SECRET is required/);
  expect(problemsOf({ NODE_ENV: 'production', ...keys(), SERVICE_SECRET: 'short', MONGODB_URI: 'mongodb://db/?replicaSet=rs0' }, { storage: true }).join()).toMatch(/at least 32/);
});

test('the gateway needs no database, even in production', () => {
  expect(problemsOf({ NODE_ENV: 'production', ...keys(), SERVICE_SECRET: 'x'.repeat(40) })).toEqual([]);
});

test('keys, ports and time zones are validated, every problem reported at once', () => {
  const problems = problemsOf({ PORT: '70000', GAME_TIME_ZONE: 'Mars/Olympus', ADMIN_USERNAME: 'root' }, { privateKey: true });
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^PORT must be an integer/),
      expect.stringMatching(/GAME_TIME_ZONE "Mars\/Olympus"/),
      expect.stringMatching(/ADMIN_USERNAME and ADMIN_PASSWORD go together/),
      expect.stringMatching(/JWT_PUBLIC_KEY is required/),
      expect.stringMatching(/JWT_PRIVATE_KEY is required/),
    ]),
  );
});

test('PEM keys may come with \\n escapes (single-line env files)', () => {
  const escaped = testKeys().publicKey.replace(/\n/g, '\\n');
  expect(loadConfig({ JWT_PUBLIC_KEY: escaped }).jwt.publicKey).toBe(testKeys().publicKey);
});
