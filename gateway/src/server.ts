import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  createErrorFormatter,
  createLogger,
  startHttpService,
  type PlatformConfig,
  type RunningHttpService,
} from '@platform/shared';
import { depthLimit } from './depth-limit';
import { gatewayHealth } from './health';
import { landingPagePlugin, landingPageRoutes } from './landing-page';
import { readSupergraph } from './supergraph-file';

export interface GatewayContext {
  authorization?: string;
}

/** Forwards the caller's Authorization header: the subgraphs decide what it allows. */
class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

/** Apollo Gateway over the static schema/supergraph.graphql, on PORT. */
export async function startGateway(config: PlatformConfig, options: { supergraphSdl?: string } = {}): Promise<RunningHttpService> {
  const logger = createLogger('gateway');
  const urls: Record<string, string> = { users: config.urls.users, events: config.urls.events };
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
    buildService: ({ name, url }) => new AuthForwardingDataSource({ url: urls[name] ?? url }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter((error) => logger.error('unexpected error', { error }), { relayed: true }),
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit()],
    plugins: [landingPagePlugin<GatewayContext>()],
  });
  return startHttpService({
    name: 'gateway',
    host: config.host,
    port: config.ports.gateway,
    apollo,
    logger,
    context: async (request) => (request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    health: () => gatewayHealth(urls),
    pages: landingPageRoutes(),
  });
}
