import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  createLogger,
  metricsPages,
  platformApolloOptions,
  ServiceMetrics,
  startHttpService,
  type PlatformConfig,
  type RunningHttpService,
} from '@platform/shared';
import { subgraphForwarding } from './client-forwarding';
import { dashboardPages } from './dashboard-assets';
import { gatewayHealth } from './health';
import { landingPagePlugin, landingPageRoutes } from './landing-page';
import { meteredDataSource, registerSubgraphCallMetrics } from './subgraph-metrics';
import { readSupergraph } from './supergraph-file';
import { subgraphConnections, type GatewayContext } from './subgraph-data-source';

export type { GatewayContext } from './subgraph-data-source';

/** Apollo Gateway over the static schema/supergraph.graphql, on PORT. */
export async function startGateway(config: PlatformConfig, options: { supergraphSdl?: string; dashboardDir?: string } = {}): Promise<RunningHttpService> {
  const logger = createLogger('gateway');
  const metrics = new ServiceMetrics('gateway');
  const subgraphCalls = registerSubgraphCallMetrics(metrics);
  const urls: Record<string, string> = { users: config.urls.users, events: config.urls.events };
  const subgraphs = subgraphConnections({ timeoutMs: config.subgraphTimeoutMs, gatewayCredential: config.serviceSecret });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
    buildService: ({ name, url }) => {
      const target = urls[name] ?? url;
      if (!target) throw new Error(`The supergraph names a subgraph "${name}" without a URL`);
      return meteredDataSource(name, subgraphs.dataSource(name, target), subgraphCalls);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Introspection only along with the IDE in production.
    introspection: config.nodeEnv !== 'production' || config.ideEnabled,
    ...platformApolloOptions<GatewayContext>({
      config,
      logger,
      metrics,
      leadingPlugins: [config.ideEnabled ? landingPagePlugin<GatewayContext>() : ApolloServerPluginLandingPageDisabled()],
    }),
  });
  const http = await startHttpService({
    name: 'gateway',
    host: config.host,
    port: config.ports.gateway,
    apollo,
    logger,
    context: async (request) => ({
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
      ...subgraphForwarding(request, config.abuse.trustedProxyHops),
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
      await subgraphs.close();
    },
  };
}
