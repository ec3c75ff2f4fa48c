import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The protocol error codes clients may see in `extensions.code`. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A service this operation depends on is down; retrying later may succeed. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The operation is over a depth, size, alias, directive or cost limit; refused before any resolver runs. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The request itself is malformed: unknown operationName, several anonymous operations, a persisted-query hash mismatch. */
  BAD_REQUEST: 'BAD_REQUEST',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Thrown by services for problems the caller caused. Services know nothing of GraphQL;
 * the error formatter turns this into a GraphQL error with `extensions.code`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (message = 'Sign in to do this.') => new DomainError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'Your role does not allow this.') => new DomainError(ErrorCode.FORBIDDEN, message);
export const notFound = (message: string) => new DomainError(ErrorCode.NOT_FOUND, message);
export const conflict = (message: string) => new DomainError(ErrorCode.CONFLICT, message);
/** Refused for now: `retryAfterSeconds` (and `retryAt`) tell the client when to come back. */
export const rateLimited = (message: string, retryAt: Date, now: Date) =>
  new DomainError(ErrorCode.RATE_LIMITED, message, {
    retryAt: retryAt.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
  });
/** How long a client should wait before retrying a SERVICE_UNAVAILABLE answer, unless a cause knows better. */
export const RETRY_AFTER_SECONDS = 2;
/** Retryable: `extensions.retryAfterSeconds` says when. */
export const serviceUnavailable = (message: string, retryAfterSeconds: number = RETRY_AFTER_SECONDS) =>
  new DomainError(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfterSeconds });
/** `field` is the input path that is wrong, e.g. `input.rewards[2].amount`. */
export const badInput = (message: string, field?: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field === undefined ? {} : { field });

/** Codes produced by graphql-js / Apollo itself that are safe to show as they are. */
const PROTOCOL_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Extensions a client may rely on besides `code`. */
const CLIENT_DETAILS = ['field', 'retryAt', 'retryAfterSeconds'] as const;

function findDomainError(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof DomainError) return current;
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return undefined;
}

/**
 * Apollo answers some malformed requests (a persisted-query hash mismatch, an unsupported
 * persisted-query version) with a code-less error that carries an HTTP 4xx status: those are
 * the client's mistake, not ours, and must not be masked and logged as internal errors.
 */
function isClientMistake(error: unknown, formatted: GraphQLFormattedError): boolean {
  const code = formatted.extensions?.['code'];
  if (code !== undefined && code !== ErrorCode.INTERNAL_SERVER_ERROR) return false;
  if (!(error instanceof GraphQLError) || error.extensions['code'] !== undefined) return false;
  const status = (error.extensions['http'] as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export type ErrorLogger = (error: unknown) => void;

/**
 * Apollo `formatError`: domain errors keep their code and message; protocol errors keep
 * theirs (Apollo itself gives anything unexpected INTERNAL_SERVER_ERROR, and the gateway
 * relays codes the subgraphs already formatted); everything else is an internal error
 * whose message is masked for the client and logged in full for us.
 */
export function createErrorFormatter(log: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const domain = findDomainError(error);
    if (domain) {
      return {
        message: domain.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...domain.details, code: domain.code },
      };
    }
    if (isClientMistake(error, formatted)) {
      return { message: formatted.message, extensions: { code: ErrorCode.BAD_REQUEST } };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && PROTOCOL_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      // Only the code and the details clients use: a relayed error may carry internal
      // URLs, service names or response bodies in other extensions.
      const extensions: Record<string, unknown> = { code };
      for (const key of CLIENT_DETAILS) if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
      return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions };
    }
    log(error);
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
