import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { PlatformConfig } from './config';
import { createErrorFormatter } from './errors';
import type { Logger } from './logger';
import { requestMetricsPlugin, type ServiceMetrics } from './metrics';
import { operationSelectionPlugin, queryLimits } from './query-limits';

export interface SubgraphApolloOptions<TContext extends BaseContext> {
  schema: GraphQLSchema;
  config: Pick<PlatformConfig, 'nodeEnv'>;
  logger: Logger;
  metrics: ServiceMetrics;
  /** The subgraph's own plugins, after the common ones. */
  plugins?: ApolloServerPlugin<TContext>[];
}

/** The Apollo server every subgraph runs: same error policy, query limits, metrics and shutdown. */
export function createSubgraphApollo<TContext extends BaseContext>(options: SubgraphApolloOptions<TContext>): ApolloServer<TContext> {
  const { logger, metrics } = options;
  const limits = queryLimits<TContext>();
  return new ApolloServer<TContext>({
    schema: options.schema,
    formatError: createErrorFormatter((error) => logger.error('unexpected error', { error })),
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" in production: the schema is not for strangers to explore.
    hideSchemaDetailsFromClientErrors: options.config.nodeEnv === 'production',
    // The process owner (npm start, main.ts) stops services in order; Apollo must not
    // catch SIGINT/SIGTERM itself and re-raise them mid-shutdown.
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    validationOptions: limits.validationOptions,
    validationRules: limits.validationRules,
    // No cache hints are used; the default cache-control plugin would wrap every field resolver.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      limits.plugin,
      operationSelectionPlugin<TContext>(logger),
      requestMetricsPlugin<TContext>(metrics),
      ...(options.plugins ?? []),
    ],
  });
}
