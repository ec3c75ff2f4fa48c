import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  AccessTokenSigner,
  AccessTokenVerifier,
  authContextFromHeaders,
  createErrorFormatter,
  createLogger,
  openStorage,
  startHttpService,
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
import { buildUsersSchema } from './schema-builder';
import { AuthService } from './services/auth-service';
import { bootstrapAdmin } from './services/bootstrap-admin';
import { HoldingsService } from './services/holdings-service';
import { LoginStatsRecorder } from './services/login-stats';
import { LoginThrottle } from './services/login-throttle';
import { TestClockService } from './services/test-clock';
import { TimeZoneService } from './services/time-zone-service';
import { UserAdminService } from './services/user-admin-service';
import { createMemoryUsersStores } from './store/memory';
import { createMongoUsersStores, ensureUsersIndexes } from './store/mongo';
import type { UsersStores } from './store/ports';

export interface UsersApp {
  apollo: ApolloServer<UsersContext>;
  services: UsersServices;
  stores: UsersStores;
  contextFor(headers: Headers): UsersContext;
  routes: ReturnType<typeof internalRoutes>;
}

/** The composition root: stores → services → schema → Apollo server, nothing listening yet. */
export async function createUsersApp(config: PlatformConfig, stores: UsersStores, baseClock: Clock = systemClock, logger: Logger = createLogger('users')): Promise<UsersApp> {
  if (!config.jwt.privateKey) throw new Error('the users service needs JWT_PRIVATE_KEY');
  // With TEST_CLOCK=enabled every service of users reads the one movable clock.
  const testClock = config.testClock ? new OffsetClock(baseClock) : null;
  const clock: Clock = testClock ?? baseClock;
  const tokenSettings = { issuer: config.jwt.issuer, audience: config.jwt.audience, algorithm: config.jwt.algorithm };
  const signer = new AccessTokenSigner(config.jwt.privateKey, tokenSettings, config.jwt.accessTokenTtlSeconds);
  const verifier = new AccessTokenVerifier(config.jwt.publicKey, tokenSettings);
  const admin = new UserAdminService(stores.users, stores.sessions, clock);
  const services: UsersServices = {
    clock,
    auth: new AuthService({
      users: stores.users,
      sessions: stores.sessions,
      signer,
      clock,
      refreshTokenTtlSeconds: config.jwt.refreshTokenTtlSeconds,
      throttle: new LoginThrottle(clock),
      loginStats: new LoginStatsRecorder(stores.users, config.gameTimeZone, config.sessionGapMinutes * 60_000),
    }),
    admin,
    holdings: new HoldingsService(stores.users, clock),
    timeZones: new TimeZoneService(stores.users, clock, config.gameTimeZone),
    testClock: new TestClockService(testClock, stores.testClock),
  };
  const apollo = new ApolloServer<UsersContext>({
    schema: await buildUsersSchema(),
    formatError: createErrorFormatter((error) => logger.error('unexpected error', { error })),
    includeStacktraceInErrorResponses: false,
    // The process owner (npm start, main.ts) stops services in order; Apollo must not
    // catch SIGINT/SIGTERM itself and re-raise them mid-shutdown.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  return {
    apollo,
    services,
    stores,
    contextFor: (headers) => ({ auth: authContextFromHeaders(headers, verifier), services, userById: createUserLoader(admin), provenUserIds: new Set() }),
    routes: internalRoutes({ admin, holdings: services.holdings, testClock: services.testClock, serviceSecret: config.serviceSecret, logger }),
  };
}

export function createUsersStores(storage: Storage): UsersStores {
  return storage.kind === 'mongo' ? createMongoUsersStores(storage.connection) : createMemoryUsersStores();
}

export interface RunningUsersService extends RunningHttpService {
  app: UsersApp;
}

/** Opens storage, seeds the first admin when configured, and listens on USERS_PORT. */
export async function startUsersService(config: PlatformConfig, clock: Clock = systemClock): Promise<RunningUsersService> {
  const logger = createLogger('users');
  const storage = await openStorage(config.mongoUri, 'users', logger);
  try {
    if (storage.kind === 'mongo') await ensureUsersIndexes(storage.connection);
    const stores = createUsersStores(storage);
    if (config.bootstrapAdmin) await bootstrapAdmin(stores.users, config.bootstrapAdmin, clock, logger);
    const app = await createUsersApp(config, stores, clock, logger);
    const http = await startHttpService({
      name: 'users',
      host: config.host,
      port: config.ports.users,
      apollo: app.apollo,
      context: async (request: IncomingMessage) => {
        await app.services.testClock.sync();
        return app.contextFor(request.headers);
      },
      routes: app.routes,
      logger,
      health: async () => {
        try {
          await stores.users.ping();
          return { status: 'ok', store: storage.kind };
        } catch (error) {
          logger.error('health check failed', { error });
          return { status: 'down', store: storage.kind };
        }
      },
    });
    return { ...http, app, stop: async () => { await http.stop(); await storage.close(); } };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
