import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import {
  createErrorFormatter,
  createLogger,
  CLIENT_ADDRESS_HEADER,
  GATEWAY_CREDENTIAL_HEADER,
  operationSelectionPlugin,
  queryLimits,
  metricsPages,
  requestIdHeaders,
  requestMetricsPlugin,
  ServiceMetrics,
  startHttpService,
  type PlatformConfig,
  type RunningHttpService,
} from '@platform/shared';
import { clientAddressOf, forwardedForSubgraphs } from './client-forwarding';
import { dashboardPages } from './dashboard-assets';
import { gatewayHealth } from './health';
import { landingPagePlugin, landingPageRoutes } from './landing-page';
import { meteredDataSource, registerSubgraphCallMetrics } from './subgraph-metrics';
import { readSupergraph } from './supergraph-file';
import { subgraphFetchers } from './subgraph-fetcher';

export interface GatewayContext {
  authorization?: string;
  /** X-Forwarded-For for the subgraphs (client-forwarding.ts): per-address rate limits. */
  forwardedFor?: string;
}

/** Input errors a subgraph reports with HTTP 400 that the client should see as they are. */
const RELAYED_INPUT_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);

/** Forwards the caller's Authorization header: the subgraphs decide what it allows. */
class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** SERVICE_SECRET, which production subgraphs require of every request; set by buildService. */
  gatewayCredential = '';

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.forwardedFor) request.http?.headers.set('x-forwarded-for', context.forwardedFor);
    // Vouched for by the credential below: survives balancers that append to X-Forwarded-For.
    const client = clientAddressOf(context.forwardedFor);
    if (client) request.http?.headers.set(CLIENT_ADDRESS_HEADER, client);
    request.http?.headers.set(GATEWAY_CREDENTIAL_HEADER, this.gatewayCredential);
    for (const [name, value] of Object.entries(requestIdHeaders())) request.http?.headers.set(name, value);
  }

  /**
   * The gateway cannot parse custom scalars, so a malformed DateTime first fails in the
   * subgraph, which answers 400 with a coded error. Relay that error instead of the
   * gateway's code-less "400: Bad Request" (which would be masked as internal).
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions['response'] as { body?: unknown } | undefined)?.body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined;
    const first = body?.errors?.[0];
    const code = first?.extensions?.code;
    if (typeof code === 'string' && RELAYED_INPUT_CODES.has(code) && typeof first?.message === 'string') {
      return new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return error;
  }
}

/** Apollo Gateway over the static schema/supergraph.graphql, on PORT. */
export async function startGateway(config: PlatformConfig, options: { supergraphSdl?: string; dashboardDir?: string } = {}): Promise<RunningHttpService> {
  const logger = createLogger('gateway');
  const metrics = new ServiceMetrics('gateway');
  const subgraphCalls = registerSubgraphCallMetrics(metrics);
  const urls: Record<string, string> = { users: config.urls.users, events: config.urls.events };
  const fetchers = subgraphFetchers({ timeoutMs: config.subgraphTimeoutMs });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
    buildService: ({ name, url }) =>
      meteredDataSource(
        name,
        Object.assign(new AuthForwardingDataSource({ url: urls[name] ?? url, fetcher: fetchers.forService(name) }), { gatewayCredential: config.serviceSecret }),
        subgraphCalls,
      ),
  });
  const limits = queryLimits<GatewayContext>();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter((error) => logger.error('unexpected error', { error })),
    includeStacktraceInErrorResponses: false,
    // Production: no "Did you mean …?" suggestions, and introspection only along with the IDE.
    hideSchemaDetailsFromClientErrors: config.nodeEnv === 'production',
    introspection: config.nodeEnv !== 'production' || config.ideEnabled,
    // The process owner (npm start, main.ts) stops services in order; Apollo must not
    // catch SIGINT/SIGTERM itself and re-raise them mid-shutdown.
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    validationOptions: limits.validationOptions,
    validationRules: limits.validationRules,
    plugins: [
      config.ideEnabled ? landingPagePlugin<GatewayContext>() : ApolloServerPluginLandingPageDisabled(),
      limits.plugin,
      operationSelectionPlugin<GatewayContext>(logger),
      requestMetricsPlugin<GatewayContext>(metrics),
    ],
  });
  const http = await startHttpService({
    name: 'gateway',
    host: config.host,
    port: config.ports.gateway,
    apollo,
    logger,
    context: async (request) => ({
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
      forwardedFor: forwardedForSubgraphs(request, config.abuse.trustedProxyHops),
    }),
    health: () => gatewayHealth(urls),
    pages: {
      ...(config.ideEnabled ? landingPageRoutes() : {}),
      ...(config.dashboardEnabled ? dashboardPages(options.dashboardDir) : {}),
      ...metricsPages(metrics, config),
    },
  });
  return {
    ...http,
    stop: async () => {
      await http.stop();
      await fetchers.close();
    },
  };
}
