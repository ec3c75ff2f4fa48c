import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode } from '../errors';

/**
 * What one operation may ask for. The API's largest real operation (a full event page with
 * rewards, challenges and progress) is about 8 levels deep, 400 tokens and 100 fields, and
 * costs about 4,000 at `first: 100`; every limit leaves room above that.
 */
export interface QueryLimits {
  /** Lexical tokens in the whole document; checked while parsing, so a huge document costs nothing. */
  maxTokens: number;
  /** Fields, with fragments expanded where they are spread. */
  maxFields: number;
  /** Nesting of fields (the claim → event → myClaim → event cycle is the reason). */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Every field costs 1, and what is below a paged field costs its `first` times over. */
  maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxTokens: 2000,
  maxFields: 300,
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 50,
  maxCost: 10_000,
};

/** The coded error for any limit; HTTP 400, since the request itself is what is wrong. */
export function queryTooComplex(message: string): GraphQLError {
  return new GraphQLError(message, {
    originalError: new DomainError(ErrorCode.QUERY_TOO_COMPLEX, message),
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } },
  });
}
