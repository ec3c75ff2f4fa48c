import { algorithmForKey, type JwtAlgorithm } from './jwt';
import { abuseSettingsFromEnv, type AbuseSettings } from './abuse-config';
import { isLogLevel, LOG_LEVELS } from './logger';

export type NodeEnv = 'development' | 'test' | 'production';

export interface PlatformConfig {
  nodeEnv: NodeEnv;
  host: string;
  ports: { gateway: number; users: number; events: number };
  /** Where the gateway and the events subgraph reach the subgraphs. */
  urls: { users: string; events: string };
  /** null: use the embedded store (never in production). */
  mongoUri: string | null;
  jwt: {
    publicKey: string;
    /** Only the users subgraph needs it. */
    privateKey: string | null;
    algorithm: JwtAlgorithm;
    issuer: string;
    audience: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
  };
  serviceSecret: string;
  gameTimeZone: string;
  /** First administrator, created at start-up when no user holds ADMIN. */
  bootstrapAdmin: { username: string; password: string } | null;
  deliveryRetryIntervalMs: number;
  /** Rate limits, trusted proxy hops and password hashing cost (abuse-config.ts). */
  abuse: AbuseSettings;
  /** The gateway serves the GraphQL IDE (and answers introspection): on unless production, IDE_ENABLED decides. */
  ideEnabled: boolean;
  /** Bearer token for GET /metrics; without one, /metrics is open in development and off in production. */
  metricsToken: string | null;
  /** The gateway serves the operator dashboard at /dashboard (DASHBOARD_ENABLED, default true). */
  dashboardEnabled: boolean;
  /** Time budget of one claim transaction, the driver's retries included. */
  claimTransactionTimeoutMs: number;
  /** How often each events instance runs the stock reconciler. */
  stockReconcileIntervalMs: number;
  /** Bound on each gateway → subgraph call; past it the client gets SERVICE_UNAVAILABLE. */
  subgraphTimeoutMs: number;
  /** Bound on each events → users internal call; below subgraphTimeoutMs so events answers first. */
  internalCallTimeoutMs: number;
  /** A refreshSession after this long without activity starts a new play session. */
  sessionGapMinutes: number;
  /** TEST_CLOCK=enabled: ADMINs may advance the platform's time (never in production). */
  testClock: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEV_SERVICE_SECRET = 'dev-only-service-secret-change-me';

/**
 * Reads and validates the whole platform configuration from the environment.
 * Development gets safe defaults; production secrets have none, so a missing one stops
 * the service at start-up instead of running with a guessable value.
 */
export function loadConfig(env: Env = process.env, needs: { privateKey?: boolean; storage?: boolean } = {}): PlatformConfig {
  const problems: string[] = [];
  const nodeEnv = (env['NODE_ENV'] ?? 'development') as NodeEnv;
  if (!['development', 'test', 'production'].includes(nodeEnv)) problems.push(`NODE_ENV must be development, test or production, got "${nodeEnv}"`);
  const production = nodeEnv === 'production';

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const pem = (name: string): string | null => {
    const raw = env[name];
    return raw ? raw.replace(/\\n/g, '\n') : null;
  };

  const host = env['HOST'] ?? '127.0.0.1';
  const ports = { gateway: int('PORT', 4000, 0, 65535), users: int('USERS_PORT', 4001, 0, 65535), events: int('EVENTS_PORT', 4002, 0, 65535) };
  const urls = {
    users: env['USERS_URL'] ?? `http://${host}:${ports.users}/graphql`,
    events: env['EVENTS_URL'] ?? `http://${host}:${ports.events}/graphql`,
  };

  const mongoUri = env['MONGODB_URI'] || null;
  if (production && needs.storage && !mongoUri) problems.push('MONGODB_URI is required in production (a MongoDB replica set)');

  const publicKey = pem('JWT_PUBLIC_KEY');
  const privateKey = pem('JWT_PRIVATE_KEY');
  if (!publicKey) problems.push('JWT_PUBLIC_KEY is required (PEM); `npm start` generates a development pair');
  if (needs.privateKey && !privateKey) problems.push('JWT_PRIVATE_KEY is required by the users service (PEM)');
  let algorithm: JwtAlgorithm = 'ES256';
  if (publicKey) {
    try {
      algorithm = algorithmForKey(publicKey);
    } catch (error) {
      problems.push(`JWT_PUBLIC_KEY: ${(error as Error).message}`);
    }
  }

  const serviceSecret = env['SERVICE_SECRET'] ?? (production ? '' : DEV_SERVICE_SECRET);
  if (!serviceSecret) problems.push('SERVICE_SECRET is required in production (shared by the services for internal calls)');
  else if (production && serviceSecret.length < 32) problems.push('SERVICE_SECRET must be at least 32 characters in production');

  const gameTimeZone = env['GAME_TIME_ZONE'] ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: gameTimeZone });
  } catch {
    problems.push(`GAME_TIME_ZONE "${gameTimeZone}" is not an IANA time zone`);
  }

  const testClockSetting = env['TEST_CLOCK'] ?? 'disabled';
  if (!['enabled', 'disabled', ''].includes(testClockSetting)) problems.push(`TEST_CLOCK must be enabled or disabled, got "${testClockSetting}"`);
  const testClock = testClockSetting === 'enabled';
  if (testClock && production) problems.push('TEST_CLOCK=enabled is refused in production: a movable clock would let anyone with ADMIN fast-forward rewards');

  const adminUsername = env['ADMIN_USERNAME'];
  const adminPassword = env['ADMIN_PASSWORD'];
  if (Boolean(adminUsername) !== Boolean(adminPassword)) problems.push('ADMIN_USERNAME and ADMIN_PASSWORD go together');

  const ideSetting = env['IDE_ENABLED'];
  if (ideSetting !== undefined && ideSetting !== '' && ideSetting !== 'true' && ideSetting !== 'false') problems.push(`IDE_ENABLED must be true or false, got "${ideSetting}"`);
  const ideEnabled = ideSetting === 'true' || ((ideSetting === undefined || ideSetting === '') && !production);
  const metricsToken = env['METRICS_TOKEN'] || null;
  if (metricsToken !== null && !/^[\x21-\x7e]{16,256}$/.test(metricsToken)) problems.push('METRICS_TOKEN must be 16 to 256 visible ASCII characters');
  const logLevel = env['LOG_LEVEL'];
  if (logLevel && !isLogLevel(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const dashboardSetting = (env['DASHBOARD_ENABLED'] ?? 'true').toLowerCase();
  if (dashboardSetting !== 'true' && dashboardSetting !== 'false') problems.push('DASHBOARD_ENABLED must be "true" or "false"');
  const subgraphTimeoutMs = int('SUBGRAPH_TIMEOUT_MS', 5000, 50, 120_000);
  const internalCallTimeoutMs = int('INTERNAL_CALL_TIMEOUT_MS', Math.min(3000, Math.floor(subgraphTimeoutMs * 0.6)), 20, 120_000);
  if (internalCallTimeoutMs >= subgraphTimeoutMs) {
    problems.push(`INTERNAL_CALL_TIMEOUT_MS (${internalCallTimeoutMs}) must be below SUBGRAPH_TIMEOUT_MS (${subgraphTimeoutMs}), so events reports a slow users service itself`);
  }

  const config: PlatformConfig = {
    nodeEnv,
    host,
    ports,
    urls,
    mongoUri,
    jwt: {
      publicKey: publicKey ?? '',
      privateKey,
      algorithm,
      issuer: env['JWT_ISSUER'] ?? 'reward-platform/users',
      audience: env['JWT_AUDIENCE'] ?? 'reward-platform',
      accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 10, 24 * 60 * 60),
      refreshTokenTtlSeconds: int('REFRESH_TOKEN_TTL_DAYS', 14, 1, 365) * 24 * 60 * 60,
    },
    serviceSecret,
    gameTimeZone,
    bootstrapAdmin: adminUsername && adminPassword ? { username: adminUsername, password: adminPassword } : null,
    deliveryRetryIntervalMs: int('DELIVERY_RETRY_INTERVAL_MS', 5000, 50, 10 * 60 * 1000),
    abuse: abuseSettingsFromEnv(int, production),
    ideEnabled,
    metricsToken,
    dashboardEnabled: dashboardSetting !== 'false',
    claimTransactionTimeoutMs: int('CLAIM_TRANSACTION_TIMEOUT_MS', 5000, 100, 60_000),
    stockReconcileIntervalMs: int('STOCK_RECONCILE_INTERVAL_MS', 10_000, 50, 10 * 60 * 1000),
    subgraphTimeoutMs,
    internalCallTimeoutMs,
    sessionGapMinutes: int('SESSION_GAP_MINUTES', 30, 1, 24 * 60),
    testClock,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
