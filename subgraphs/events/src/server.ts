import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  AccessTokenVerifier,
  authContextFromHeaders,
  createErrorFormatter,
  createLogger,
  openStorage,
  startHttpService,
  systemClock,
  type Clock,
  type Headers,
  type Logger,
  type PlatformConfig,
  type RunningHttpService,
  type Storage,
} from '@platform/shared';
import { HttpPlayerDirectory } from './clients/http-player-directory';
import { UsersTestClock } from './clients/users-test-clock';
import { createEventsContext, type EventsContext, type EventsServices } from './context';
import { buildEventsSchema } from './schema-builder';
import { ClaimService } from './services/claim-service';
import { DEFAULT_DELIVERY_OPTIONS, DeliveryService, type DeliveryOptions } from './services/delivery-service';
import { EventService } from './services/event-service';
import type { PlayerDirectory } from './services/player-directory';
import { createMemoryEventsStores } from './store/memory';
import { createMongoEventsStores, ensureEventsIndexes } from './store/mongo';
import type { EventsStores } from './store/ports';

export interface EventsApp {
  apollo: ApolloServer<EventsContext>;
  services: EventsServices;
  stores: EventsStores;
  delivery: DeliveryService;
  contextFor(headers: Headers): EventsContext;
  /** TEST_CLOCK=enabled: the clock shared with users, adopted before each request. */
  testClock: UsersTestClock | null;
}

export interface EventsAppOptions {
  clock?: Clock;
  logger?: Logger;
  players?: PlayerDirectory;
  delivery?: Partial<DeliveryOptions>;
}

/** The composition root: stores → services → schema → Apollo server, nothing listening yet. */
export async function createEventsApp(config: PlatformConfig, stores: EventsStores, options: EventsAppOptions = {}): Promise<EventsApp> {
  const logger = options.logger ?? createLogger('events');
  const testClock = config.testClock ? new UsersTestClock(config.urls.users, config.serviceSecret, logger, options.clock) : null;
  const clock = testClock ?? options.clock ?? systemClock;
  const verifier = new AccessTokenVerifier(config.jwt.publicKey, { issuer: config.jwt.issuer, audience: config.jwt.audience, algorithm: config.jwt.algorithm });
  const players = options.players ?? new HttpPlayerDirectory(config.urls.users, config.serviceSecret);
  const delivery = new DeliveryService(stores.claims, players, clock, logger, {
    ...DEFAULT_DELIVERY_OPTIONS,
    baseBackoffMs: config.deliveryRetryIntervalMs,
    ...options.delivery,
  });
  const services: EventsServices = {
    events: new EventService(stores.events, clock),
    claims: new ClaimService(stores.events, stores.claims, players, delivery, clock),
    players,
    clock,
  };
  const apollo = new ApolloServer<EventsContext>({
    schema: await buildEventsSchema(),
    formatError: createErrorFormatter((error) => logger.error('unexpected error', { error })),
    includeStacktraceInErrorResponses: false,
    // The process owner (npm start, main.ts) stops services in order; Apollo must not
    // catch SIGINT/SIGTERM itself and re-raise them mid-shutdown.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  return { apollo, services, stores, delivery, testClock, contextFor: (headers) => createEventsContext(authContextFromHeaders(headers, verifier), services) };
}

export function createEventsStores(storage: Storage): EventsStores {
  return storage.kind === 'mongo' ? createMongoEventsStores(storage.connection) : createMemoryEventsStores();
}

export interface RunningEventsService extends RunningHttpService {
  app: EventsApp;
}

/** Opens storage, starts the delivery dispatcher and listens on EVENTS_PORT. */
export async function startEventsService(config: PlatformConfig, options: EventsAppOptions = {}): Promise<RunningEventsService> {
  const logger = options.logger ?? createLogger('events');
  const storage = await openStorage(config.mongoUri, 'events', logger);
  try {
    if (storage.kind === 'mongo') await ensureEventsIndexes(storage.connection);
    const stores = createEventsStores(storage);
    const app = await createEventsApp(config, stores, { ...options, logger });
    const http = await startHttpService({
      name: 'events',
      host: config.host,
      port: config.ports.events,
      apollo: app.apollo,
      context: async (request: IncomingMessage) => {
        await app.testClock?.sync();
        return app.contextFor(request.headers);
      },
      logger,
      health: async () => {
        try {
          await stores.events.ping();
          return { status: 'ok', store: storage.kind };
        } catch (error) {
          logger.error('health check failed', { error });
          return { status: 'down', store: storage.kind };
        }
      },
    });
    app.delivery.start(config.deliveryRetryIntervalMs);
    return {
      ...http,
      app,
      stop: async () => {
        await app.delivery.stop();
        await http.stop();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
