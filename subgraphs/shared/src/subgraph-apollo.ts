import { ApolloServer, type ApolloServerOptions, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { PlatformConfig } from './config';
import { createErrorFormatter } from './errors';
import type { Logger } from './logger';
import { requestMetricsPlugin, type ServiceMetrics } from './metrics';
import { operationSelectionPlugin, queryLimits } from './query-limits';

/** Apollo server options every service shares (the gateway too): only the schema source differs. */
export type PlatformApolloOptions<TContext extends BaseContext> = Pick<
  ApolloServerOptions<TContext>,
  'formatError' | 'includeStacktraceInErrorResponses' | 'hideSchemaDetailsFromClientErrors' | 'stopOnTerminationSignals' | 'parseOptions' | 'validationOptions' | 'validationRules' | 'plugins'
>;

export interface PlatformApolloSettings<TContext extends BaseContext> {
  config: Pick<PlatformConfig, 'nodeEnv'>;
  logger: Logger;
  metrics: ServiceMetrics;
  /** The service's own plugins, before the common ones (landing pages, traces). */
  leadingPlugins?: ApolloServerPlugin<TContext>[];
  /** The service's own plugins, after the common ones. */
  plugins?: ApolloServerPlugin<TContext>[];
}

/** The same error policy, query limits, metrics and shutdown for every service's Apollo server. */
export function platformApolloOptions<TContext extends BaseContext>(settings: PlatformApolloSettings<TContext>): PlatformApolloOptions<TContext> {
  const { logger, metrics } = settings;
  const limits = queryLimits<TContext>();
  return {
    formatError: createErrorFormatter((error) => logger.error('unexpected error', { error })),
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" in production: the schema is not for strangers to explore.
    hideSchemaDetailsFromClientErrors: settings.config.nodeEnv === 'production',
    // The process owner (npm start, main.ts) stops services in order; Apollo must not
    // catch SIGINT/SIGTERM itself and re-raise them mid-shutdown.
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    validationOptions: limits.validationOptions,
    validationRules: limits.validationRules,
    plugins: [
      // No cache hints are used (answers are per caller; the HTTP host says no-store), and in a
      // subgraph the default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...(settings.leadingPlugins ?? []),
      limits.plugin,
      operationSelectionPlugin<TContext>(logger),
      requestMetricsPlugin<TContext>(metrics),
      ...(settings.plugins ?? []),
    ],
  };
}

export interface SubgraphApolloOptions<TContext extends BaseContext> extends Omit<PlatformApolloSettings<TContext>, 'leadingPlugins'> {
  schema: GraphQLSchema;
}

/** The Apollo server every subgraph runs. */
export function createSubgraphApollo<TContext extends BaseContext>(options: SubgraphApolloOptions<TContext>): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: options.schema,
    ...platformApolloOptions<TContext>({ ...options, leadingPlugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()] }),
  });
}
