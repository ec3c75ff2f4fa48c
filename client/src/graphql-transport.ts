import type { GraphQLFormattedError } from 'graphql';
import { ClientErrorCode, codeOf, GraphQLRequestError } from './request-error';

/** Where and how operations are posted; the client's fixed settings. */
export interface GraphQLEndpoint {
  url: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

interface GraphQLResponseBody {
  data?: unknown;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Posts one operation and returns its data; any GraphQL error (even with partial data), an
 * answer without data, or a transport failure throws a {@link GraphQLRequestError}.
 */
export async function postGraphQL<TData>(
  endpoint: GraphQLEndpoint,
  query: string,
  operationName: string | null,
  variables: unknown,
  accessToken: string | null,
): Promise<TData> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json;q=0.9',
  };
  if (accessToken !== null) headers['authorization'] = `Bearer ${accessToken}`;
  let response: Response;
  let text: string;
  try {
    response = await endpoint.fetch(endpoint.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
    text = await response.text();
  } catch (cause) {
    const reason = cause instanceof Error ? describeNetworkError(cause) : String(cause);
    throw new GraphQLRequestError({
      message: `Cannot reach the GraphQL gateway at ${endpoint.url}: ${reason}`,
      code: ClientErrorCode.NETWORK_ERROR,
      operationName,
      cause,
    });
  }
  const body = parseBody(text);
  if (body?.errors?.length) {
    const [first] = body.errors;
    const more = body.errors.length > 1 ? ` (and ${body.errors.length - 1} more error${body.errors.length > 2 ? 's' : ''})` : '';
    throw new GraphQLRequestError({
      message: `${first?.message ?? 'Unknown error'}${more}`,
      code: first ? codeOf(first) : 'INTERNAL_SERVER_ERROR',
      errors: body.errors,
      status: response.status,
      operationName,
      data: body.data,
    });
  }
  if (!response.ok || body === null || body.data === undefined || body.data === null) {
    throw new GraphQLRequestError({
      message: `The gateway at ${endpoint.url} answered HTTP ${response.status} without GraphQL data: ${text.slice(0, 200) || '(empty body)'}`,
      code: ClientErrorCode.BAD_RESPONSE,
      status: response.status,
      operationName,
    });
  }
  return body.data as TData;
}

function parseBody(text: string): GraphQLResponseBody | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const record = parsed as Record<string, unknown>;
    const errors = Array.isArray(record['errors']) ? (record['errors'] as GraphQLFormattedError[]) : undefined;
    return { ...(errors ? { errors } : {}), ...('data' in record ? { data: record['data'] } : {}) };
  } catch {
    return null;
  }
}

/** Node's fetch hides the interesting part (ECONNREFUSED ...) in `cause`. */
function describeNetworkError(error: Error): string {
  if (error.name === 'TimeoutError') return 'timed out';
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return error.message;
}
