/**
 * .env.example against what the services read: a .env made from it by its own recipe
 * gives every service a valid production configuration.
 */
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '@platform/shared';
import { testKeys } from '../support/keys';
import { read, type Service, environmentOf, needsOf, users, events, gateway } from './compose-file';

const configSource = read('subgraphs/shared/src/config.ts');
const variablesRead = [...CONFIG_VARIABLES];
const pemVariables = [...configSource.matchAll(/([A-Z0-9_]+): pemVar\(\)/g)].map((match) => match[1]!);
const requiredVariables = [...new Set([...configSource.matchAll(/([A-Z][A-Z0-9_]+) is required/g)].map((match) => match[1]!))];

const envExample = read('.env.example');
/** KEY=value lines, as compose reads an env file (unquoted values are taken literally). */
const assignments = Object.fromEntries(
  envExample
    .split('\n')
    .map((line) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1]!, match[2]!]),
);
/** The container's environment: env_file first, the service's `environment` on top. */
const containerEnv = (service: Service, envFile: Record<string, string>) => ({ ...envFile, ...environmentOf(service) });
const problemsOf = (env: Record<string, string>, needs: { privateKey?: boolean; storage?: boolean }): string[] => {
  try {
    loadConfig(env, needs);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};
/** A PEM on one line, the way the recipe in .env.example writes it. */
const oneLine = (pem: string) => pem.replace(/\n/g, '\\n');

describe('.env.example', () => {
  test('names every variable the configuration reads, each with a comment', () => {
    expect(variablesRead.length).toBeGreaterThan(10);
    for (const name of variablesRead) {
      expect(envExample).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    }
    expect(envExample).toMatch(/^# /m);
  });

  test('every variable required in production is in it, or set for each service by the compose file', () => {
    expect(requiredVariables.sort()).toEqual(['JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY', 'MONGODB_URI', 'SERVICE_SECRET']);
    for (const name of requiredVariables) {
      const everyStorageServiceSetsIt = [users, events].every((service) => environmentOf(service)[name]);
      expect(name in assignments || everyStorageServiceSetsIt).toBe(true);
    }
  });

  test('holds placeholders, not usable secrets: an unedited copy is refused at start-up', () => {
    for (const name of pemVariables) expect(assignments[name]).toMatch(/REPLACE/);
    expect(assignments['SERVICE_SECRET']).toMatch(/REPLACE/);
    expect(assignments['ADMIN_PASSWORD']).toMatch(/REPLACE/);
    const problems = problemsOf(containerEnv(users, assignments), needsOf(users));
    expect(problems.join('\n')).toMatch(/JWT_PUBLIC_KEY/);
  });

  test('documents the openssl commands that generate an ES256 pair and write it on one line', () => {
    expect(envExample).toMatch(/openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out jwt-private\.pem/);
    expect(envExample).toMatch(/openssl pkey -in jwt-private\.pem -pubout -out jwt-public\.pem/);
    expect(envExample).toMatch(/JWT_PRIVATE_KEY=%s.*jwt-private\.pem/);
    expect(envExample).toMatch(/JWT_PUBLIC_KEY=%s.*jwt-public\.pem/);
    expect(envExample).toMatch(/SERVICE_SECRET=%s.*openssl rand -hex 32/);
  });

  test('once filled in as it explains, every service starts with a valid production configuration', () => {
    const keys = testKeys();
    const envFile = {
      ...assignments,
      JWT_PRIVATE_KEY: oneLine(keys.privateKey),
      JWT_PUBLIC_KEY: oneLine(keys.publicKey),
      SERVICE_SECRET: 'f'.repeat(64),
      ADMIN_PASSWORD: 'a-generated-password',
    };
    for (const service of [users, events, gateway]) {
      expect(problemsOf(containerEnv(service, envFile), needsOf(service))).toEqual([]);
    }
    const usersConfig = loadConfig(containerEnv(users, envFile), needsOf(users));
    expect(usersConfig).toMatchObject({ nodeEnv: 'production', host: '0.0.0.0', ports: { users: 4001 }, jwt: { algorithm: 'ES256' } });
    expect(usersConfig.bootstrapAdmin).toEqual({ username: 'admin', password: 'a-generated-password' });
    expect(usersConfig.mongoUri).toMatch(/replicaSet=rs0/);
    const gatewayConfig = loadConfig(containerEnv(gateway, envFile), needsOf(gateway));
    expect(gatewayConfig.ports.gateway).toBe(4000);
    expect(gatewayConfig.jwt.privateKey).toBeNull();
    expect(gatewayConfig.bootstrapAdmin).toBeNull();
    // Even when .env moves the published port, the gateway keeps listening on 4000 inside.
    expect(loadConfig(containerEnv(gateway, { ...envFile, PORT: '8080' })).ports.gateway).toBe(4000);
  });
});
