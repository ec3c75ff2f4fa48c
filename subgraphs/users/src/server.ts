import type { IncomingMessage } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  AccessTokenSigner,
  AccessTokenVerifier,
  authContextFromHeaders,
  clientAddress,
  vouchedClientAddress,
  createLogger,
  createSubgraphApollo,
  requireGatewayCredential,
  metricsPages,
  openStorage,
  ServiceMetrics,
  startHttpService,
  storeHealth,
  OffsetClock,
  systemClock,
  type Clock,
  type Headers,
  type Logger,
  type PlatformConfig,
  type RunningHttpService,
  type Storage,
} from '@platform/shared';
import { createUserLoader, type UsersContext, type UsersServices } from './context';
import { internalRoutes } from './internal-routes';
import { registerUsersMetrics, usersMetricsPlugin } from './metrics';
import { buildUsersSchema } from './schema-builder';
import { AuthService } from './services/auth-service';
import { bootstrapAdmin } from './services/bootstrap-admin';
import { HoldingsService } from './services/holdings-service';
import { LoginStatsRecorder } from './services/login-stats';
import { LoginThrottle } from './services/login-throttle';
import { PasswordHasher } from './services/password';
import { TestClockService } from './services/test-clock';
import { TimeZoneService } from './services/time-zone-service';
import { UserAdminService } from './services/user-admin-service';
import { AuditTrail } from './services/audit-trail';
import { createMemoryUsersStores } from './store/memory';
import { createMongoUsersStores, ensureUsersIndexes } from './store/mongo';
import type { UsersStores } from './store/ports';

export interface UsersApp {
  apollo: ApolloServer<UsersContext>;
  services: UsersServices;
  stores: UsersStores;
  /** `socketAddress`: the TCP peer, from which (with X-Forwarded-For) the client address is derived. */
  contextFor(headers: Headers, socketAddress?: string): UsersContext;
  routes: ReturnType<typeof internalRoutes>;
  metrics: ServiceMetrics;
}

export interface UsersAppOptions {
  clock?: Clock;
  logger?: Logger;
}

/** The composition root: stores → services → schema → Apollo server, nothing listening yet. */
export async function createUsersApp(config: PlatformConfig, stores: UsersStores, options: UsersAppOptions = {}): Promise<UsersApp> {
  const baseClock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger('users');
  if (!config.jwt.privateKey) throw new Error('the users service needs JWT_PRIVATE_KEY');
  // With TEST_CLOCK=enabled every service of users reads the one movable clock.
  const testClock = config.testClock ? new OffsetClock(baseClock) : null;
  const clock: Clock = testClock ?? baseClock;
  const tokenSettings = { issuer: config.jwt.issuer, audience: config.jwt.audience, algorithm: config.jwt.algorithm };
  const signer = new AccessTokenSigner(config.jwt.privateKey, tokenSettings, config.jwt.accessTokenTtlSeconds);
  const verifier = new AccessTokenVerifier(config.jwt.publicKey, tokenSettings);
  const audit = new AuditTrail(stores.audit, clock);
  const admin = new UserAdminService(stores.users, stores.sessions, clock, audit);
  const { rateLimits, passwordHashing, trustedProxyHops } = config.abuse;
  const services: UsersServices = {
    clock,
    auth: new AuthService({
      users: stores.users,
      sessions: stores.sessions,
      signer,
      clock,
      refreshTokenTtlSeconds: config.jwt.refreshTokenTtlSeconds,
      throttle: new LoginThrottle(stores.attempts, clock, rateLimits),
      hasher: new PasswordHasher(passwordHashing),
      loginStats: new LoginStatsRecorder(stores.users, config.gameTimeZone, config.sessionGapMinutes * 60_000),
    }),
    admin,
    holdings: new HoldingsService(stores.users, clock, audit),
    audit,
    timeZones: new TimeZoneService(stores.users, clock, config.gameTimeZone),
    testClock: new TestClockService(testClock, stores.testClock),
  };
  const metrics = new ServiceMetrics('users');
  const apollo = createSubgraphApollo<UsersContext>({
    schema: await buildUsersSchema(),
    config,
    logger,
    metrics,
    plugins: [usersMetricsPlugin(registerUsersMetrics(metrics))],
  });
  return {
    metrics,
    apollo,
    services,
    stores,
    contextFor: (headers, socketAddress) => {
      let address: string | null | undefined;
      return {
        auth: authContextFromHeaders(headers, verifier),
        services,
        userById: createUserLoader(admin),
        provenUserIds: new Set(),
        // Worked out on first read: only signUp and logIn need it, and checking the
        // gateway's vouch hashes the service token. The gateway is one more trusted proxy.
        get clientAddress() {
          if (address === undefined) address = vouchedClientAddress(headers, config.serviceSecret) ?? clientAddress(headers, socketAddress, trustedProxyHops + 1);
          return address;
        },
      };
    },
    routes: internalRoutes({ admin, holdings: services.holdings, audit, auth: services.auth, testClock: services.testClock, serviceSecret: config.serviceSecret, logger }),
  };
}

export function createUsersStores(storage: Storage): UsersStores {
  return storage.kind === 'mongo' ? createMongoUsersStores(storage.connection) : createMemoryUsersStores();
}

export interface RunningUsersService extends RunningHttpService {
  app: UsersApp;
}

/** Opens storage, seeds the first admin when configured, and listens on USERS_PORT. */
export async function startUsersService(config: PlatformConfig, options: UsersAppOptions = {}): Promise<RunningUsersService> {
  const logger = options.logger ?? createLogger('users');
  const clock = options.clock ?? systemClock;
  const storage = await openStorage(config.mongoUri, 'users', logger);
  try {
    if (storage.kind === 'mongo') await ensureUsersIndexes(storage.connection);
    const stores = createUsersStores(storage);
    if (config.bootstrapAdmin) await bootstrapAdmin(stores.users, config.bootstrapAdmin, clock, logger, new PasswordHasher(config.abuse.passwordHashing));
    const app = await createUsersApp(config, stores, { clock, logger });
    const http = await startHttpService({
      name: 'users',
      host: config.host,
      port: config.ports.users,
      apollo: app.apollo,
      context: requireGatewayCredential(config, async (request: IncomingMessage) => {
        await app.services.testClock.sync();
        return app.contextFor(request.headers, request.socket.remoteAddress);
      }),
      routes: app.routes,
      pages: metricsPages(app.metrics, config),
      logger,
      health: storeHealth(() => stores.users.ping(), storage, logger),
    });
    return { ...http, app, stop: async () => { await http.stop(); await storage.close(); } };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
