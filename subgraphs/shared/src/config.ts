import { z } from 'zod';
import { algorithmForKey, type JwtAlgorithm } from './jwt';
import { abuseEnvShape, abuseProblems, abuseSettings, type AbuseSettings } from './abuse-config';
import { envProblems, intVar, oneOfVar, optionalIntVar, optionalTextVar, pemVar, textVar } from './env-schema';
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

/** Every variable the platform reads, one line each: how it is parsed, its default, its range. */
const platformEnvShape = {
  NODE_ENV: oneOfVar(['development', 'test', 'production'], 'development', (raw) => `must be development, test or production, got "${raw}"`),
  HOST: textVar('127.0.0.1'),
  PORT: intVar(4000, 0, 65535),
  USERS_PORT: intVar(4001, 0, 65535),
  EVENTS_PORT: intVar(4002, 0, 65535),
  USERS_URL: z.string().optional(),
  EVENTS_URL: z.string().optional(),
  MONGODB_URI: optionalTextVar(),
  JWT_PUBLIC_KEY: pemVar(),
  JWT_PRIVATE_KEY: pemVar(),
  JWT_ISSUER: textVar('reward-platform/users'),
  JWT_AUDIENCE: textVar('reward-platform'),
  ACCESS_TOKEN_TTL_SECONDS: intVar(15 * 60, 10, 24 * 60 * 60),
  REFRESH_TOKEN_TTL_DAYS: intVar(14, 1, 365),
  // Its default depends on NODE_ENV (none in production): resolved in loadConfig.
  SERVICE_SECRET: z.string().optional(),
  GAME_TIME_ZONE: textVar('UTC').refine(isTimeZone, { error: (issue) => `"${String(issue.input)}" is not an IANA time zone` }),
  TEST_CLOCK: oneOfVar(['enabled', 'disabled', ''], 'disabled', (raw) => `must be enabled or disabled, got "${raw}"`),
  ADMIN_USERNAME: optionalTextVar(),
  ADMIN_PASSWORD: optionalTextVar(),
  IDE_ENABLED: oneOfVar(['true', 'false', ''], '', (raw) => `must be true or false, got "${raw}"`),
  METRICS_TOKEN: optionalTextVar().refine((token) => token === null || /^[\x21-\x7e]{16,256}$/.test(token), 'must be 16 to 256 visible ASCII characters'),
  LOG_LEVEL: z.string().optional().refine((level) => !level || isLogLevel(level), { error: (issue) => `must be one of ${LOG_LEVELS.join(', ')}, got "${String(issue.input)}"` }),
  DASHBOARD_ENABLED: z.string().optional().transform((raw) => (raw ?? 'true').toLowerCase()).refine((raw) => raw === 'true' || raw === 'false', 'must be "true" or "false"'),
  DELIVERY_RETRY_INTERVAL_MS: intVar(5000, 50, 10 * 60 * 1000),
  CLAIM_TRANSACTION_TIMEOUT_MS: intVar(5000, 100, 60_000),
  STOCK_RECONCILE_INTERVAL_MS: intVar(10_000, 50, 10 * 60 * 1000),
  SUBGRAPH_TIMEOUT_MS: intVar(5000, 50, 120_000),
  // Default: min(3000, 60 % of SUBGRAPH_TIMEOUT_MS), resolved in internalCallTimeout.
  INTERNAL_CALL_TIMEOUT_MS: optionalIntVar(20, 120_000),
  SESSION_GAP_MINUTES: intVar(30, 1, 24 * 60),
  ...abuseEnvShape,
};
type PlatformEnv = z.output<z.ZodObject<typeof platformEnvShape>>;

/** The names of every variable the configuration reads (for .env.example and the README). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(platformEnvShape);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const internalCallTimeout = (env: PlatformEnv) => env.INTERNAL_CALL_TIMEOUT_MS ?? Math.min(3000, Math.floor(env.SUBGRAPH_TIMEOUT_MS * 0.6));
const serviceSecretOf = (env: PlatformEnv) => env.SERVICE_SECRET ?? (env.NODE_ENV === 'production' ? '' : DEV_SERVICE_SECRET);

/** Rules across variables, or that depend on what the service needs. */
function crossProblems(env: PlatformEnv, needs: { privateKey?: boolean; storage?: boolean }): string[] {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  if (production && needs.storage && !env.MONGODB_URI) problems.push('MONGODB_URI is required in production (a MongoDB replica set)');
  if (!env.JWT_PUBLIC_KEY) problems.push('JWT_PUBLIC_KEY is required (PEM); `npm start` generates a development pair');
  else {
    try {
      algorithmForKey(env.JWT_PUBLIC_KEY);
    } catch (error) {
      problems.push(`JWT_PUBLIC_KEY: ${(error as Error).message}`);
    }
  }
  if (needs.privateKey && !env.JWT_PRIVATE_KEY) problems.push('JWT_PRIVATE_KEY is required by the users service (PEM)');
  const serviceSecret = serviceSecretOf(env);
  if (!serviceSecret) problems.push('SERVICE_SECRET is required in production (shared by the services for internal calls)');
  else if (production && serviceSecret.length < 32) problems.push('SERVICE_SECRET must be at least 32 characters in production');
  if (env.TEST_CLOCK === 'enabled' && production) problems.push('TEST_CLOCK=enabled is refused in production: a movable clock would let anyone with ADMIN fast-forward rewards');
  if (Boolean(env.ADMIN_USERNAME) !== Boolean(env.ADMIN_PASSWORD)) problems.push('ADMIN_USERNAME and ADMIN_PASSWORD go together');
  const internalCallTimeoutMs = internalCallTimeout(env);
  if (internalCallTimeoutMs >= env.SUBGRAPH_TIMEOUT_MS) {
    problems.push(`INTERNAL_CALL_TIMEOUT_MS (${internalCallTimeoutMs}) must be below SUBGRAPH_TIMEOUT_MS (${env.SUBGRAPH_TIMEOUT_MS}), so events reports a slow users service itself`);
  }
  return [...problems, ...abuseProblems(env, production)];
}

/**
 * Reads and validates the whole platform configuration from the environment.
 * Development gets safe defaults; production secrets have none, so a missing one stops
 * the service at start-up instead of running with a guessable value.
 */
export function loadConfig(env: Env = process.env, needs: { privateKey?: boolean; storage?: boolean } = {}): PlatformConfig {
  const schema = z.object(platformEnvShape).superRefine(
    (values, ctx) => {
      for (const message of crossProblems(values, needs)) ctx.addIssue({ code: 'custom', message });
    },
    // Field problems still yield fallbacks, so the cross-variable rules run too: every problem at once.
    { when: () => true },
  );
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(envProblems(parsed.error));
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  const host = values.HOST;
  const ports = { gateway: values.PORT, users: values.USERS_PORT, events: values.EVENTS_PORT };
  return {
    nodeEnv: values.NODE_ENV,
    host,
    ports,
    urls: {
      users: values.USERS_URL ?? `http://${host}:${ports.users}/graphql`,
      events: values.EVENTS_URL ?? `http://${host}:${ports.events}/graphql`,
    },
    mongoUri: values.MONGODB_URI,
    jwt: {
      publicKey: values.JWT_PUBLIC_KEY ?? '',
      privateKey: values.JWT_PRIVATE_KEY,
      algorithm: algorithmForKey(values.JWT_PUBLIC_KEY ?? ''),
      issuer: values.JWT_ISSUER,
      audience: values.JWT_AUDIENCE,
      accessTokenTtlSeconds: values.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: values.REFRESH_TOKEN_TTL_DAYS * 24 * 60 * 60,
    },
    serviceSecret: serviceSecretOf(values),
    gameTimeZone: values.GAME_TIME_ZONE,
    bootstrapAdmin: values.ADMIN_USERNAME && values.ADMIN_PASSWORD ? { username: values.ADMIN_USERNAME, password: values.ADMIN_PASSWORD } : null,
    deliveryRetryIntervalMs: values.DELIVERY_RETRY_INTERVAL_MS,
    abuse: abuseSettings(values),
    ideEnabled: values.IDE_ENABLED === 'true' || (values.IDE_ENABLED === '' && !production),
    metricsToken: values.METRICS_TOKEN,
    dashboardEnabled: values.DASHBOARD_ENABLED !== 'false',
    claimTransactionTimeoutMs: values.CLAIM_TRANSACTION_TIMEOUT_MS,
    stockReconcileIntervalMs: values.STOCK_RECONCILE_INTERVAL_MS,
    subgraphTimeoutMs: values.SUBGRAPH_TIMEOUT_MS,
    internalCallTimeoutMs: internalCallTimeout(values),
    sessionGapMinutes: values.SESSION_GAP_MINUTES,
    testClock: values.TEST_CLOCK === 'enabled',
  };
}
