import type { IncomingMessage } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  AccessTokenVerifier,
  authContextFromHeaders,
  createLogger,
  createSubgraphApollo,
  requireGatewayCredential,
  metricsPages,
  openStorage,
  ServiceMetrics,
  startHttpService,
  storeHealth,
  systemClock,
  type Clock,
  type Headers,
  type Logger,
  type PlatformConfig,
  type RunningHttpService,
  type Storage,
} from '@platform/shared';
import { HttpAuditRecorder } from './clients/http-audit-recorder';
import { HttpPlayerDirectory } from './clients/http-player-directory';
import type { AuditRecorder } from './services/audit-recorder';
import { ClaimAdminService } from './services/claim-admin-service';
import type { GrantRevoker } from './services/grant-revoker';
import { RevocationService } from './services/revocation-service';
import { UsersTestClock } from './clients/users-test-clock';
import { PeriodicClaims } from './services/periodic-claims';
import { createEventsContext, type EventsContext, type EventsServices } from './context';
import { meterClaimOutcomes, registerEventsMetrics } from './metrics';
import { buildEventsSchema } from './schema-builder';
import { ClaimService } from './services/claim-service';
import { DEFAULT_DELIVERY_OPTIONS, DeliveryService, type DeliveryOptions } from './services/delivery-service';
import { EventService } from './services/event-service';
import { EventStatsService } from './services/event-stats-service';
import { StoredClaimHistory } from './services/claim-history';
import { GrantSteps } from './services/grant-steps';
import { StockReconciler, type StockReconcilerOptions } from './services/stock-reconciler';
import type { PlayerDirectory } from './services/player-directory';
import { createMemoryEventsStores } from './store/memory';
import { createMongoEventsStores, ensureEventsIndexes } from './store/mongo';
import type { EventsStores } from './store/ports';

export interface EventsApp {
  apollo: ApolloServer<EventsContext>;
  services: EventsServices;
  stores: EventsStores;
  delivery: DeliveryService;
  revocations: RevocationService;
  metrics: ServiceMetrics;
  reconciler: StockReconciler;
  contextFor(headers: Headers): EventsContext;
  /** TEST_CLOCK=enabled: the clock shared with users, adopted before each request. */
  testClock: UsersTestClock | null;
  /** Closes the connection pools of the users clients the app made (not those passed in options). */
  closeClients(): Promise<void>;
}

export interface EventsAppOptions {
  clock?: Clock;
  logger?: Logger;
  players?: PlayerDirectory;
  /** Where staff actions are recorded; users' audit log over HTTP by default. */
  audit?: AuditRecorder;
  /** Where revocations are applied; users over HTTP by default. */
  revoker?: GrantRevoker;
  delivery?: Partial<DeliveryOptions>;
  stock?: Partial<StockReconcilerOptions>;
}

/**
 * A reservation older than this cannot belong to a grant that may still commit: the
 * server aborts any transaction after transactionLifetimeLimitSeconds (60 s by default),
 * and ours give up after their own budget.
 */
export function stockGraceMs(config: PlatformConfig): number {
  return 60_000 + config.claimTransactionTimeoutMs;
}

/** The composition root: stores → services → schema → Apollo server, nothing listening yet. */
export async function createEventsApp(config: PlatformConfig, stores: EventsStores, options: EventsAppOptions = {}): Promise<EventsApp> {
  const logger = options.logger ?? createLogger('events');
  const testClock = config.testClock ? new UsersTestClock(config.urls.users, config.serviceSecret, logger, options.clock) : null;
  const clock = testClock ?? options.clock ?? systemClock;
  const verifier = new AccessTokenVerifier(config.jwt.publicKey, { issuer: config.jwt.issuer, audience: config.jwt.audience, algorithm: config.jwt.algorithm });
  // HTTP clients made here, not passed in: their connection pools are ours to close.
  const ownClients: { close(): Promise<void> }[] = [];
  const own = <C extends { close(): Promise<void> }>(client: C): C => {
    ownClients.push(client);
    return client;
  };
  const players = options.players ?? own(new HttpPlayerDirectory(config.urls.users, config.serviceSecret, config.internalCallTimeoutMs));
  const delivery = new DeliveryService(stores.claims, players, clock, logger, {
    ...DEFAULT_DELIVERY_OPTIONS,
    baseBackoffMs: config.deliveryRetryIntervalMs,
    ...options.delivery,
  });
  const audit = options.audit ?? own(new HttpAuditRecorder(config.urls.users, config.serviceSecret, logger, config.internalCallTimeoutMs));
  const revoker = options.revoker ?? (players instanceof HttpPlayerDirectory ? players : own(new HttpPlayerDirectory(config.urls.users, config.serviceSecret, config.internalCallTimeoutMs)));
  const revocations = new RevocationService(stores.claims, stores.revocations, revoker, audit, clock, logger, {
    baseBackoffMs: delivery.options.baseBackoffMs,
    maxBackoffMs: delivery.options.maxBackoffMs,
    leaseMs: delivery.options.leaseMs,
  });
  const metrics = new ServiceMetrics('events');
  const eventsMetrics = registerEventsMetrics(metrics, stores.claims, clock);
  const reconciler = new StockReconciler(stores.stock, stores.claims, clock, logger, { graceMs: stockGraceMs(config), batchSize: 500, ...options.stock });
  const grants = new GrantSteps(stores.events, stores.stock, stores.claims, logger);
  const history = new StoredClaimHistory(stores.claims, stores.events);
  const services: EventsServices = {
    events: new EventService(stores.events, stores.claims, clock, reconciler.options.graceMs, audit),
    claimAdmin: new ClaimAdminService(stores.claims, delivery, audit, clock),
    revocations,
    claims: meterClaimOutcomes(new ClaimService(stores.events, stores.claims, players, delivery, clock, grants, history, config.gameTimeZone), eventsMetrics),
    periods: new PeriodicClaims(stores.stock, clock, config.gameTimeZone),
    stats: new EventStatsService(stores.claims),
    delivery,
    players,
    clock,
    history,
  };
  const apollo = createSubgraphApollo<EventsContext>({
    schema: await buildEventsSchema(),
    config,
    logger,
    metrics,
  });
  return {
    apollo,
    services,
    stores,
    delivery,
    revocations,
    reconciler,
    metrics,
    testClock,
    contextFor: (headers) => createEventsContext(authContextFromHeaders(headers, verifier), services),
    closeClients: async () => {
      await Promise.all(ownClients.map((client) => client.close()));
    },
  };
}

export function createEventsStores(storage: Storage, config?: PlatformConfig): EventsStores {
  return storage.kind === 'mongo'
    ? createMongoEventsStores(storage.connection, config ? { transactionTimeoutMs: config.claimTransactionTimeoutMs } : {})
    : createMemoryEventsStores();
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
    const stores = createEventsStores(storage, config);
    const app = await createEventsApp(config, stores, { ...options, logger });
    const http = await startHttpService({
      name: 'events',
      host: config.host,
      port: config.ports.events,
      apollo: app.apollo,
      context: requireGatewayCredential(config, async (request: IncomingMessage) => {
        await app.testClock?.sync();
        return app.contextFor(request.headers);
      }),
      pages: metricsPages(app.metrics, config),
      logger,
      health: storeHealth(() => stores.events.ping(), storage, logger),
    });
    app.delivery.start(config.deliveryRetryIntervalMs);
    app.revocations.start(config.deliveryRetryIntervalMs);
    app.reconciler.start(config.stockReconcileIntervalMs);
    return {
      ...http,
      app,
      stop: async () => {
        await app.reconciler.stop();
        await app.delivery.stop();
        await app.revocations.stop();
        await http.stop();
        // Nothing calls users any more: no request is served and no pass runs.
        await app.closeClients();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
