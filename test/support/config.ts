import { loadConfig, type PlatformConfig } from '@platform/shared';
import { testKeys } from './keys';

/** Configuration as a developer machine would have it, on free loopback ports. */
export function testConfig(env: Record<string, string> = {}): PlatformConfig {
  const keys = testKeys();
  return loadConfig(
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      USERS_PORT: '0',
      EVENTS_PORT: '0',
      JWT_PUBLIC_KEY: keys.publicKey,
      JWT_PRIVATE_KEY: keys.privateKey,
      SERVICE_SECRET: 'test-service-secret',
      // Suites sign up and log in hundreds of users from 127.0.0.1 at a cost no test is
      // about: cheap hashes, roomy per-address limits. Tests of either set their own.
      PASSWORD_HASH_MEMORY_KIB: '64',
      PASSWORD_HASH_TIME_COST: '1',
      SIGNUPS_PER_ADDRESS: '100000',
      LOGIN_FAILURES_PER_ADDRESS: '100000',
      ...(process.env['MONGODB_URI'] ? { MONGODB_URI: process.env['MONGODB_URI'] } : {}),
      ...env,
    },
    { privateKey: true },
  );
}
