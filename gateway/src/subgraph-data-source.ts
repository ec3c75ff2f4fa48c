import { STATUS_CODES } from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { request, type Dispatcher } from 'undici';
import { CLIENT_ADDRESS_HEADER, ErrorCode, GATEWAY_CREDENTIAL_HEADER, keepAliveAgent, requestIdHeaders, RETRY_AFTER_SECONDS } from '@platform/shared';
import type { SubgraphForwarding } from './client-forwarding';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** The caller's token and address (client-forwarding.ts: per-address rate limits in the subgraphs). */
export interface GatewayContext extends SubgraphForwarding {
  authorization?: string;
}

/** Answers that mean "the subgraph (or whatever fronts it) cannot serve now". */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/** Input errors a subgraph reports with HTTP 400 that the client should see as they are. */
const RELAYED_INPUT_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);

/**
 * The retryable error the client sees when a subgraph is down or slower than the bound. The
 * low-level cause (ECONNREFUSED, a timeout, an HTTP status) stays in `originalError`, for
 * logs: it is the deployment's business, not the client's.
 */
function subgraphUnavailable(service: string, cause: string): GraphQLError {
  return new GraphQLError(`The ${service} service is unavailable right now; try again shortly.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: RETRY_AFTER_SECONDS },
    originalError: new Error(`${service}: ${cause}`),
  });
}

const isJson = (contentType: string | string[] | undefined) => {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value !== undefined && (value.startsWith('application/json') || value.startsWith('application/graphql-response+json'));
};

/**
 * undici's own refusals of what we asked it to send (a header value with a newline, say) are
 * our bug, not the subgraph's absence: they stay internal errors (logged), not a retryable
 * SERVICE_UNAVAILABLE a client would retry forever.
 */
const isOurMistake = (error: Error & { code?: string }) => error.code === 'UND_ERR_INVALID_ARG' || error.code === 'UND_ERR_NOT_SUPPORTED';

function parseAnswer(text: string, contentType: string | string[] | undefined): unknown {
  return isJson(contentType) ? JSON.parse(text) : text;
}

/**
 * A non-2xx answer as RemoteGraphQLDataSource words it ("400: Bad Request", 401 and 403 coded),
 * except that a subgraph's own input error (a malformed DateTime fails first in the subgraph,
 * which answers 400) is relayed as BAD_USER_INPUT: the gateway cannot parse custom scalars.
 */
function errorFromAnswer(url: string, status: number, body: unknown): GraphQLError {
  const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0];
  const code = first?.extensions?.code;
  if (typeof code === 'string' && RELAYED_INPUT_CODES.has(code) && typeof first?.message === 'string') {
    return new GraphQLError(first.message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  }
  const statusText = STATUS_CODES[status] ?? '';
  return new GraphQLError(`${status}: ${statusText}`, {
    extensions: {
      response: { url, status, statusText, body },
      ...(status === 401 ? { code: 'UNAUTHENTICATED' } : status === 403 ? { code: 'FORBIDDEN' } : {}),
    },
  });
}

/**
 * One subgraph as the query planner's fetches see it: the operation posted over the shared
 * keep-alive pool with the caller's Authorization, the client's address (vouched for by the
 * gateway credential, so it survives balancers that append to X-Forwarded-For) and the
 * request id. Written against Apollo's GraphQLDataSource interface rather than by extending
 * RemoteGraphQLDataSource, whose per-call node-fetch Request and Headers objects (built even
 * when a custom fetcher is given) were a tenth of the gateway's CPU per request.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly service: string,
    private readonly url: string,
    private readonly gatewayCredential: string,
    private readonly dispatcher: Dispatcher,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName, extensions, http } = options.request;
    if (!query) throw new Error('Missing query');
    const context = options.context as GatewayContext;
    const headers: Record<string, string> = {};
    if (http?.headers) for (const [name, value] of http.headers) headers[name] = value;
    headers['content-type'] = 'application/json';
    if (context.authorization) headers['authorization'] = context.authorization;
    if (context.forwardedFor) headers['x-forwarded-for'] = context.forwardedFor;
    if (context.clientAddress) headers[CLIENT_ADDRESS_HEADER] = context.clientAddress;
    headers[GATEWAY_CREDENTIAL_HEADER] = this.gatewayCredential;
    Object.assign(headers, requestIdHeaders());

    let status: number;
    let contentType: string | string[] | undefined;
    let text: string;
    try {
      const response = await request(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables, operationName, extensions }), dispatcher: this.dispatcher });
      status = response.statusCode;
      contentType = response.headers['content-type'];
      text = await response.body.text();
    } catch (error) {
      const cause = error as Error & { code?: string };
      if (isOurMistake(cause)) throw cause;
      throw subgraphUnavailable(this.service, cause.code ?? cause.message);
    }
    if (UNAVAILABLE_STATUSES.has(status)) throw subgraphUnavailable(this.service, `HTTP ${status}`);
    if (status < 200 || status >= 300) {
      let body: unknown = text;
      try {
        body = parseAnswer(text, contentType);
      } catch {
        // Not the JSON it claims to be: keep the text for the logs.
      }
      throw errorFromAnswer(this.url, status, body);
    }
    const body = parseAnswer(text, contentType);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${text.slice(0, 300)}`);
    return body as GatewayGraphQLResponse;
  }
}

export interface SubgraphConnections {
  dataSource(service: string, url: string): SubgraphDataSource;
  close(): Promise<void>;
}

/**
 * The gateway's connections to its subgraphs: one keep-alive pool (undici's request API, no
 * web streams), each call bounded by `timeoutMs` per phase (connect, response head, body
 * silence). A refused connection, a timeout or a 502/503/504 become SERVICE_UNAVAILABLE with
 * `retryAfterSeconds`; the rest of the plan still runs, so fields from the other subgraph keep
 * their data.
 */
export function subgraphConnections(options: { timeoutMs: number; gatewayCredential: string; connections?: number }): SubgraphConnections {
  const agent = keepAliveAgent(options);
  return {
    dataSource: (service, url) => new SubgraphDataSource(service, url, options.gatewayCredential, agent),
    close: () => agent.close(),
  };
}
