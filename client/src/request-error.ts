import type { GraphQLFormattedError } from 'graphql';

/** Codes the client itself produces when there is no GraphQL error to report. */
export const ClientErrorCode = {
  /** The gateway could not be reached (connection refused, DNS, timeout). */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** The gateway answered with something that is not a GraphQL response. */
  BAD_RESPONSE: 'BAD_RESPONSE',
} as const;

/** The codes of API.graphql's error contract, plus the client's own; other strings may appear. */
export type KnownErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'GRAPHQL_PARSE_FAILED'
  | (typeof ClientErrorCode)[keyof typeof ClientErrorCode];
export type ErrorCode = KnownErrorCode | (string & {});

/** A failed operation: the GraphQL errors (with their `extensions.code`) or a transport failure. */
export class GraphQLRequestError extends Error {
  /** The first error's `extensions.code` (or a {@link ClientErrorCode}). */
  readonly code: ErrorCode;
  /** Every error's code, in order; errors without a code count as INTERNAL_SERVER_ERROR. */
  readonly codes: readonly ErrorCode[];
  readonly errors: readonly GraphQLFormattedError[];
  /** The HTTP status, or null when no response arrived. */
  readonly status: number | null;
  readonly operationName: string | null;
  /** Partial data that came with the errors, if any. */
  readonly data: unknown;

  constructor(options: {
    message: string;
    code: ErrorCode;
    errors?: readonly GraphQLFormattedError[];
    status?: number | null;
    operationName?: string | null;
    data?: unknown;
    cause?: unknown;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GraphQLRequestError';
    this.errors = options.errors ?? [];
    this.codes = this.errors.length ? this.errors.map(codeOf) : [options.code];
    this.code = options.code;
    this.status = options.status ?? null;
    this.operationName = options.operationName ?? null;
    this.data = options.data ?? null;
  }

  hasCode(code: ErrorCode): boolean {
    return this.codes.includes(code);
  }

  /** `extensions[name]` of the first error carrying it, e.g. `field` of BAD_USER_INPUT. */
  extension(name: string): unknown {
    for (const error of this.errors) {
      if (error.extensions && name in error.extensions) return error.extensions[name];
    }
    return undefined;
  }
}

export function codeOf(error: GraphQLFormattedError): ErrorCode {
  const code = error.extensions?.['code'];
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}
