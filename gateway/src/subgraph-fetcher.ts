import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { request } from 'undici';
import { ErrorCode, keepAliveAgent, RETRY_AFTER_SECONDS } from '@platform/shared';
import { BufferedResponse } from './buffered-response';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** Answers that mean "the subgraph (or whatever fronts it) cannot serve now". */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/**
 * The retryable error the client sees when a subgraph is down or slower than the bound. The
 * low-level cause (ECONNREFUSED, a timeout, an HTTP status) stays in `originalError`, for
 * logs: it is the deployment's business, not the client's.
 */
export function subgraphUnavailable(service: string, cause: string): GraphQLError {
  return new GraphQLError(`The ${service} service is unavailable right now; try again shortly.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: RETRY_AFTER_SECONDS },
    originalError: new Error(`${service}: ${cause}`),
  });
}

export interface SubgraphFetchers {
  /** The fetcher for one subgraph: its name goes into the error a client sees. */
  forService(service: string): Fetcher;
  close(): Promise<void>;
}

/**
 * The gateway's calls to its subgraphs, replacing RemoteGraphQLDataSource's default
 * make-fetch-happen fetcher (whose agent builds an Error stack per request): undici's
 * request API (no web streams) over one keep-alive pool, each call bounded by `timeoutMs`
 * per phase (connect, response head, body silence). A refused connection, a timeout or a 502/503/504 become SERVICE_UNAVAILABLE
 * with `retryAfterSeconds`; the rest of the plan still runs, so fields from the other
 * subgraph keep their data.
 */
export function subgraphFetchers(options: { timeoutMs: number; connections?: number }): SubgraphFetchers {
  const agent = keepAliveAgent(options);
  return {
    forService(service) {
      const fetcher: Fetcher = async (url, init = {}) => {
        let answer: { status: number; headers: Record<string, string | string[] | undefined>; body: string };
        try {
          const response = await request(url, { method: (init.method ?? 'POST') as 'POST', headers: init.headers ?? {}, body: init.body ?? null, dispatcher: agent });
          answer = { status: response.statusCode, headers: response.headers, body: await response.body.text() };
        } catch (error) {
          const cause = error as Error & { code?: string };
          throw subgraphUnavailable(service, cause.code ?? cause.message);
        }
        if (UNAVAILABLE_STATUSES.has(answer.status)) throw subgraphUnavailable(service, `HTTP ${answer.status}`);
        return new BufferedResponse(url, answer.status, answer.headers, answer.body);
      };
      return fetcher;
    },
    close: () => agent.close(),
  };
}
