import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * A field costs 1 plus what is selected below it, and a paged field (one with a `first`
 * argument, its schema default applied) pays for its selection `first` times: one
 * `events(first: 100)` is a hundred events' worth of work, not one.
 */
const pagedFieldEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first: unknown = args['first'];
  if (typeof first !== 'number' || !Number.isFinite(first)) return undefined;
  return 1 + childComplexity * Math.max(first, 1);
};

/**
 * The cost of the operation a request runs, with its variables. Undefined when the variables
 * do not fit the operation: execution reports that as BAD_USER_INPUT on its own.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [pagedFieldEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    return undefined;
  }
}
