import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { PageResult, PageRoute } from './http-service';

/** Seconds; from a cache hit to a slow claim under load. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Operation names are chosen by clients: past this many distinct ones, the rest count as "(other)". */
const MAX_OPERATION_LABELS = 100;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const ERROR_CODE = /^[A-Z][A-Z_]{0,39}$/;

/**
 * One service's metrics, in its own registry: several platforms started in one process
 * (the tests) must not share or collide on the global default registry.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly requestDuration: Histogram<'operation' | 'outcome'>;
  private readonly operationNames = new Set<string>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    this.requests = new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL requests by operation name and outcome (ok, or the first error code).',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.requestDuration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL request latency by operation name and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
  }

  /** A bounded label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (!OPERATION_NAME.test(name)) return '(other)';
    if (!this.operationNames.has(name)) {
      if (this.operationNames.size >= MAX_OPERATION_LABELS) return '(other)';
      this.operationNames.add(name);
    }
    return name;
  }

  /** Prometheus text format: this service's metrics, then the process's (CPU, memory, event loop). */
  async render(): Promise<string> {
    return `${await this.registry.metrics()}\n${await processRegistry().metrics()}`;
  }
}

let sharedProcessRegistry: Registry | null = null;

/** Process metrics once per process: the collectors cannot be stopped, so never one set per service. */
function processRegistry(): Registry {
  if (!sharedProcessRegistry) {
    sharedProcessRegistry = new Registry();
    collectDefaultMetrics({ register: sharedProcessRegistry });
  }
  return sharedProcessRegistry;
}

/** The error code a response is counted under: its first error's code, or "ok". */
export function outcomeOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): string {
  const code = errors?.[0]?.extensions?.['code'];
  if (!errors || errors.length === 0) return 'ok';
  return typeof code === 'string' && ERROR_CODE.test(code) ? code : 'OTHER';
}

/** Counts and times every GraphQL request by operation name and outcome. */
export function requestMetricsPlugin<TContext extends BaseContext>(metrics: ServiceMetrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          const operation = requestContext.operation ? metrics.operationLabel(requestContext.operationName) : '(invalid)';
          const body = requestContext.response.body;
          const outcome = body.kind === 'single' ? outcomeOf(body.singleResult.errors) : 'ok';
          metrics.requests.inc({ operation, outcome });
          metrics.requestDuration.observe({ operation, outcome }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}

function sameSecret(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * GET /metrics. With a token, only `Authorization: Bearer <token>` may read it. Without one
 * it is open in development and absent in production (metrics show traffic, operation names
 * and backlog: not for the public internet).
 */
export function metricsPages(metrics: ServiceMetrics, access: { nodeEnv: string; metricsToken: string | null }): Record<string, PageRoute> {
  const token = access.metricsToken;
  if (!token && access.nodeEnv === 'production') return {};
  return {
    '/metrics': async (request): Promise<PageResult> => {
      if (token) {
        const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
        if (!match?.[1] || !sameSecret(match[1], token)) {
          return { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' }, body: 'Unauthorized\n' };
        }
      }
      return { status: 200, headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }, body: await metrics.render() };
    },
  };
}
