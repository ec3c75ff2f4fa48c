import type { ApolloServer, BaseContext } from '@apollo/server';
import type { GraphQLResult } from './graphql-result';

/** Runs one operation through a subgraph's Apollo server with the context a request with `token` gets. */
export async function executeWithToken<TContext extends BaseContext, T>(
  apollo: ApolloServer<TContext>,
  contextFor: (headers: Record<string, string>) => TContext,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<GraphQLResult<T>> {
  const response = await apollo.executeOperation({ query, variables }, { contextValue: contextFor(token ? { authorization: `Bearer ${token}` } : {}) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as GraphQLResult<T>;
}
