import type { GraphQLDataSource } from '@apollo/gateway';
import { Counter, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, type ServiceMetrics } from '@platform/shared';

/** How a call from the gateway to a subgraph ended. */
export type SubgraphCallOutcome = 'ok' | 'graphql_errors' | 'failed';

export interface SubgraphCallMetrics {
  calls: Counter<'subgraph' | 'outcome'>;
  duration: Histogram<'subgraph' | 'outcome'>;
}

export function registerSubgraphCallMetrics(metrics: ServiceMetrics): SubgraphCallMetrics {
  return {
    calls: new Counter({
      name: 'gateway_subgraph_requests_total',
      help: 'Calls from the gateway to a subgraph: ok, graphql_errors (answered with errors) or failed (no usable answer: down, timeout, HTTP error).',
      labelNames: ['subgraph', 'outcome'],
      registers: [metrics.registry],
    }),
    duration: new Histogram({
      name: 'gateway_subgraph_request_duration_seconds',
      help: 'Latency of calls from the gateway to a subgraph, by outcome.',
      labelNames: ['subgraph', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [metrics.registry],
    }),
  };
}

/** Times and counts every call the gateway makes through `source`. */
export function meteredDataSource(subgraph: string, source: GraphQLDataSource, metrics: SubgraphCallMetrics): GraphQLDataSource {
  const record = (outcome: SubgraphCallOutcome, started: number) => {
    metrics.calls.inc({ subgraph, outcome });
    metrics.duration.observe({ subgraph, outcome }, (performance.now() - started) / 1000);
  };
  return {
    async process(options) {
      const started = performance.now();
      try {
        const response = await source.process(options);
        record(response.errors && response.errors.length > 0 ? 'graphql_errors' : 'ok', started);
        return response;
      } catch (error) {
        record('failed', started);
        throw error;
      }
    },
  };
}
